import type { MigrationRecord } from '../../../shared/schemas/migrations';
import { collections } from '../db/collections';
import type { Db, Doc } from '../db/port';
import { tables } from '../store/tables';
import { currentVersion, migrationsOf, olderVersions, upgradeDoc, VERSION_FIELD } from '.';

/**
 * The migration runner: upgrades every stored document below its collection's current version
 * (index.ts), in batches, each document in its own transaction (read → upgrade if still old → write),
 * and records each migration in `migrations`. Resumable: it stops before `budgetMs` and answers
 * `done: false`; calling it again continues where the documents are (an upgraded document no longer
 * matches the query, so no cursor is needed). Idempotent: a second run finds nothing and writes nothing.
 */
export interface MigrationProgress {
  /** true when every collection is at its current version */
  done: boolean;
  /** documents upgraded in this call, by migration id */
  upgraded: Record<string, number>;
  /** the collection the run stopped in (done: false), else null */
  stoppedIn: string | null;
}

export interface RunOptions {
  /** the time recorded in `migrations` (the product's clock) */
  now: () => number;
  /** the wall clock the budget is measured on (default Date.now) */
  elapsed?: () => number;
  /** stop starting new batches after this long (a cloud function's timeout is 60 s at most) */
  budgetMs?: number;
  batchSize?: number;
  /** only these collections (default: the whole registry) */
  collections?: readonly string[];
}

async function oldDocs(db: Db, coll: string, limit: number): Promise<Doc[]> {
  const orderBy = { field: '_id', direction: 'asc' as const };
  const unversioned = await db.find<Doc>(coll, { [VERSION_FIELD]: null }, { limit, orderBy });
  if (unversioned.length > 0) return unversioned;
  const older = olderVersions(coll);
  return older.length ? db.find<Doc>(coll, { [VERSION_FIELD]: { $in: older } }, { limit, orderBy }) : [];
}

export async function runMigrations(db: Db, opts: RunOptions): Promise<MigrationProgress> {
  const clock = opts.elapsed ?? Date.now;
  const started = clock();
  const budget = opts.budgetMs ?? 40_000;
  const batch = Math.min(opts.batchSize ?? 200, 1000);
  const names = opts.collections ?? collections.map((c) => c.name);
  const upgraded: Record<string, number> = {};
  // every call upgrades at least one batch, so a run of calls always finishes
  let worked = false;
  for (const coll of names) {
    if (currentVersion(coll) === 0) continue;
    for (;;) {
      const page = await oldDocs(db, coll, batch);
      if (page.length === 0) break;
      if (worked && clock() - started > budget) {
        await record(db, coll, upgraded, opts.now(), false);
        return { done: false, upgraded, stoppedIn: coll };
      }
      worked = true;
      for (const d of page) {
        const applied = await db.tx(async (tx) => {
          const cur = await tx.get<Doc>(coll, d._id);
          const up = cur ? upgradeDoc(coll, cur) : null;
          if (up) await tx.put(coll, up.doc);
          return up?.applied.map((m) => m.id) ?? [];
        });
        for (const id of applied) upgraded[id] = (upgraded[id] ?? 0) + 1;
      }
    }
    await record(db, coll, upgraded, opts.now(), true);
  }
  return { done: true, upgraded, stoppedIn: null };
}

/** Record the collection's migrations: only when this run upgraded something or the record is new or unfinished. */
async function record(db: Db, coll: string, upgraded: Record<string, number>, now: number, finished: boolean): Promise<void> {
  for (const m of migrationsOf(coll)) {
    const n = upgraded[m.id] ?? 0;
    const before = await tables.migrations.get(db, m.id);
    if (before && n === 0 && (before.finishedAt !== null || !finished)) continue;
    const next: MigrationRecord = {
      id: m.id,
      collection: coll,
      from: m.from,
      to: m.to,
      description: m.description,
      firstRunAt: before?.firstRunAt ?? now,
      lastRunAt: now,
      upgraded: (before?.upgraded ?? 0) + n,
      finishedAt: finished ? (before?.finishedAt ?? now) : null,
    };
    await tables.migrations.put(db, next);
  }
}

/** Every migration's record (what ran, when, how many documents). */
export const migrationRecords = async (db: Db): Promise<MigrationRecord[]> =>
  tables.migrations.find(db, {}, { limit: 1000, orderBy: { field: '_id', direction: 'asc' } });
