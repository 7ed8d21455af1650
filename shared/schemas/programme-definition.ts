import { z } from 'zod';
import { idSchema } from './common';

/**
 * One installed version of a programme definition (collection `programmeDefinitions`, issue 16,
 * item 6): the definition file's content as installed by city staff, never changed afterwards (a
 * changed file is a new version). The content is kept as canonical JSON text (keys sorted), so the
 * same content always reads back byte for byte and an install of the same file again is recognised.
 * Whether the content is a sound definition is decided when it is installed and again when it is
 * loaded (shared/rules/definitions.ts `checkDefinitionFile`), not by this storage shape.
 */
export const programmeDefinitionSchema = z.strictObject({
  /** `${programmeId}:${version}` */
  id: idSchema,
  programmeId: idSchema,
  /** 'v1', 'v2' … in install order per programme */
  version: z.string().regex(/^v[1-9][0-9]{0,5}$/, '版本应为 v1、v2 …'),
  /** the programme's title and city at install time, for lists without parsing the content */
  title: z.string().min(1).max(200),
  city: z.string().min(1).max(60),
  /** canonical JSON of `{ programme, forms }` */
  content: z.string().min(2).max(1_000_000),
  /** the uploaded file's name, or null when the definition was sent inline */
  sourceFileName: z.string().max(200).nullable(),
  sourceFileId: idSchema.nullable(),
  installedBy: idSchema,
  installedAt: z.number().int().min(0),
  /** the city CAST unit whose staff installed it */
  castUnitId: idSchema,
});
export type ProgrammeDefinitionDoc = z.infer<typeof programmeDefinitionSchema>;

export const definitionDocId = (programmeId: string, version: string) => `${programmeId}:${version}`;
