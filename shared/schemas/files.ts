import { z } from 'zod';
import { cleanString } from './common';

/**
 * An uploaded file (collection `files`, written by the upload actions and when a file the app put
 * straight into cloud storage is first attached): who uploaded it, for which unit, of which kind,
 * with the type sniffed from its bytes, its size in storage and its sanitised name. `attach` and the
 * evidence checks use a file only through its record (shared/rules/files.ts).
 */
export const fileRecordSchema = z.object({
  /** sha256 of the fileId, hex (a fileId holds characters a document id should not) */
  id: z.string().regex(/^[0-9a-f]{64}$/),
  fileId: z.string().min(1).max(512),
  kind: z.enum(['attachment', 'evidence']),
  ownerPersonId: z.string().min(1).max(100),
  ownerOpenid: z.string().min(1).max(200),
  /** the applicant unit (society / host unit) for attachments, the station for evidence */
  unitId: z.string().min(1).max(100),
  mime: z.string().min(3).max(100),
  size: z
    .number()
    .int()
    .min(1)
    .max(50 * 1024 * 1024),
  name: cleanString().min(1).max(200),
  createdAt: z.number().int().min(0),
});
export type FileRecord = z.infer<typeof fileRecordSchema>;
