import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCloudDb } from '../../cloudfunctions/_kernel/db/cloud';
import { collectionNames } from '../../cloudfunctions/_kernel/db/collections';
import type { Db } from '../../cloudfunctions/_kernel/db/port';
import { openSqliteDb } from '../../cloudfunctions/_kernel/db/sqlite';
import { createWxDatabaseStandIn } from './wx-db-standin';

/**
 * The two Store adapters every contract suite runs against: the local default (SQLite in a temp
 * file) and the cloud adapter over the in-process stand-in for the wx-server-sdk database — a TEST
 * DOUBLE created with the product's collection list; nothing here calls the real SDK.
 */
export interface AdapterSubject {
  name: string;
  open(): { db: Db; dispose(): Promise<void> };
}

export const adapterSubjects: AdapterSubject[] = [
  {
    name: 'sqlite (better-sqlite3, temp file)',
    open() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contract-'));
      const db = openSqliteDb({ file: path.join(dir, 'test.sqlite') });
      return {
        db,
        async dispose() {
          await db.close();
          fs.rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'cloud adapter over the in-process wx-server-sdk stand-in (test double)',
    open() {
      // the adapter's real retry back-off: 50 concurrent transactions on one document need it
      const db = openCloudDb(createWxDatabaseStandIn({ collections: collectionNames }));
      return { db, dispose: () => db.close() };
    },
  },
];
