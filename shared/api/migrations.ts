import { z } from 'zod';
import type { MigrationRecord } from '../schemas/migrations';
import { action } from './define';

/**
 * Schema migrations (issue 13 item 8), an action of the `org` function: after a deploy, city staff (or
 * the deploy checklist) run the migration runner until `done`; each call upgrades documents for up to
 * ~12 s (the functions time out at 20 s) and answers where it stopped. Running it when nothing is old writes nothing. Spread into orgApi.
 */
export const runMigrationsInput = z.object({});

export interface MigrationsAnswer {
  /** every stored document is at its collection's current version */
  done: boolean;
  /** documents upgraded by this call, by migration id */
  upgraded: Record<string, number>;
  stoppedIn: string | null;
  /** what ran, when, how many documents (every migration's record) */
  records: MigrationRecord[];
}

export const migrationsApi = {
  runMigrations: action<MigrationsAnswer>()(runMigrationsInput),
};
