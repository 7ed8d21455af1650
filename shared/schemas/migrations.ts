import { z } from 'zod';

/**
 * The record of a schema migration (collection `migrations`, id = the migration's id, e.g.
 * "stations:v0-v1"): when it first and last ran, how many documents it upgraded, when it finished.
 * Written by the migration runner (cloudfunctions/_kernel/migrations/runner.ts) only.
 */
export const migrationRecordSchema = z.strictObject({
  id: z.string().min(1).max(120),
  collection: z.string().min(1).max(60),
  from: z.number().int().min(0),
  to: z.number().int().min(1),
  description: z.string().max(200),
  firstRunAt: z.number().int().min(0),
  lastRunAt: z.number().int().min(0),
  /** documents upgraded by the runner (lazy upgrades on read are not counted) */
  upgraded: z.number().int().min(0),
  /** when the runner found no document left below `to`; null while a run is under way */
  finishedAt: z.number().int().min(0).nullable(),
});
export type MigrationRecord = z.infer<typeof migrationRecordSchema>;
