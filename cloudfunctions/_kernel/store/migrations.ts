import type { Db } from '../db/port';
import { type MigrationProgress, migrationRecords, type RunOptions, runMigrations } from '../migrations/runner';

/**
 * The schema migrations as handlers see them (org.runMigrations): run the runner over this store's
 * database (resumable: call again while `done` is false) and read what ran. The runner owns the
 * `migrations` collection.
 */
export function migrationsRepo(db: Db) {
  return {
    run: (opts: Pick<RunOptions, 'now' | 'budgetMs' | 'batchSize'>): Promise<MigrationProgress> => runMigrations(db, opts),
    records: () => migrationRecords(db),
  };
}
