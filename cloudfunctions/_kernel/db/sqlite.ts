import Database from 'better-sqlite3';
import { collections } from './collections';
import { type Db, type Doc, DuplicateKeyError, type FindOptions, MAX_PAGE, type TxOps, type Where } from './port';

/**
 * Local default: a real embedded database (SQLite via better-sqlite3), one table per collection,
 * documents as JSON with expression indexes on the queried fields. better-sqlite3 is synchronous;
 * the port is async, so a small async mutex serialises every operation and every transaction:
 * nothing from another request can run inside an open transaction.
 */
const SCHEMA_VERSION = 1;
const table = (coll: string) => {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(coll)) throw new Error(`bad collection name ${coll}`);
  return `c_${coll}`;
};
const fieldExpr = (field: string) => {
  if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(field)) throw new Error(`bad field ${field}`);
  return `json_extract(doc, '$.${field}')`;
};
const sqlValue = (v: unknown) => (typeof v === 'boolean' ? (v ? 1 : 0) : v);

export interface SqliteDbOptions {
  /** file path, or ':memory:' only for throwaway benchmarks of the adapter itself */
  file: string;
}

export function openSqliteDb({ file }: SqliteDbOptions): Db & { raw: Database.Database; integrityCheck(): string } {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  const known = new Set(collections.map((c) => c.name));
  // Only collections in the registry exist (as in the cloud, where each must be created and given
  // its permissions and indexes): an unregistered name is a programming error, never a new table.
  const ensure = (coll: string) => {
    if (!known.has(coll)) throw new Error(`collection ${coll} is not in db/collections.ts`);
    return table(coll);
  };
  const stmtCache = new Map<string, Database.Statement>();
  const stmt = (sql: string) => {
    let s = stmtCache.get(sql);
    if (!s) {
      s = db.prepare(sql);
      stmtCache.set(sql, s);
    }
    return s;
  };
  let roundTrips = 0;

  const ops: TxOps = {
    async get<T extends Doc>(coll: string, id: string) {
      roundTrips++;
      const row = stmt(`SELECT doc FROM ${ensure(coll)} WHERE id = ?`).get(id) as { doc: string } | undefined;
      return row ? (JSON.parse(row.doc) as T) : null;
    },
    async insert(coll, doc) {
      roundTrips++;
      try {
        stmt(`INSERT INTO ${ensure(coll)} (id, doc) VALUES (?, ?)`).run(doc._id, JSON.stringify(doc));
      } catch (e) {
        if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new DuplicateKeyError(coll, doc._id);
        throw e;
      }
    },
    async put(coll, doc) {
      roundTrips++;
      stmt(`INSERT INTO ${ensure(coll)} (id, doc) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET doc = excluded.doc`).run(
        doc._id,
        JSON.stringify(doc),
      );
    },
    async remove(coll, id) {
      roundTrips++;
      stmt(`DELETE FROM ${ensure(coll)} WHERE id = ?`).run(id);
    },
  };

  const whereSql = (where: Where) => {
    const parts: string[] = [];
    const params: unknown[] = [];
    for (const [field, cond] of Object.entries(where)) {
      const expr = field === '_id' ? 'id' : fieldExpr(field);
      if (cond === null) parts.push(`${expr} IS NULL`);
      else if (typeof cond === 'object') {
        if (cond.$in.length === 0) parts.push('0');
        else {
          parts.push(`${expr} IN (${cond.$in.map(() => '?').join(',')})`);
          params.push(...cond.$in.map(sqlValue));
        }
      } else {
        parts.push(`${expr} = ?`);
        params.push(sqlValue(cond));
      }
    }
    return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
  };

  // Async mutex: a promise chain. Every public operation and every transaction takes its turn.
  let tail: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };

  return {
    raw: db,
    get roundTrips() {
      return roundTrips;
    },
    get: (coll, id) => exclusive(() => ops.get(coll, id)),
    insert: (coll, doc) => exclusive(() => ops.insert(coll, doc)),
    put: (coll, doc) => exclusive(() => ops.put(coll, doc)),
    remove: (coll, id) => exclusive(() => ops.remove(coll, id)),
    tx: <T>(fn: (tx: TxOps) => Promise<T>) =>
      exclusive(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(ops);
          db.exec('COMMIT');
          return result;
        } catch (e) {
          db.exec('ROLLBACK');
          throw e;
        }
      }),
    find: <T extends Doc>(coll: string, where: Where, opts: FindOptions) =>
      exclusive(async () => {
        if (opts.limit > MAX_PAGE || opts.limit < 1) throw new Error(`find limit must be 1..${MAX_PAGE}`);
        roundTrips++;
        const w = whereSql(where);
        const order = opts.orderBy
          ? ` ORDER BY ${opts.orderBy.field === '_id' ? 'id' : fieldExpr(opts.orderBy.field)} ${opts.orderBy.direction === 'desc' ? 'DESC' : 'ASC'}, id ASC`
          : ' ORDER BY id ASC';
        const rows = stmt(`SELECT doc FROM ${ensure(coll)} ${w.sql}${order} LIMIT ? OFFSET ?`).all(
          ...w.params,
          opts.limit,
          opts.skip ?? 0,
        ) as { doc: string }[];
        return rows.map((r) => JSON.parse(r.doc) as T);
      }),
    count: (coll, where) =>
      exclusive(async () => {
        roundTrips++;
        const w = whereSql(where);
        const row = stmt(`SELECT count(*) AS n FROM ${ensure(coll)} ${w.sql}`).get(...w.params) as { n: number };
        return row.n;
      }),
    integrityCheck: () => db.pragma('integrity_check', { simple: true }) as string,
    close: () => exclusive(async () => void db.close()),
  };
}

function migrate(db: Database.Database) {
  db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  const row = db.prepare("SELECT value FROM meta WHERE key = 'schemaVersion'").get() as { value: string } | undefined;
  const current = row ? Number(row.value) : 0;
  // Tables and indexes are created idempotently from the collection list on every open, so a new
  // collection or index added in code appears on the next start; the version marks the layout.
  db.transaction(() => {
    for (const c of collections) {
      db.exec(`CREATE TABLE IF NOT EXISTS ${table(c.name)} (id TEXT PRIMARY KEY, doc TEXT NOT NULL) WITHOUT ROWID`);
      for (const ix of c.indexes) {
        const name = `ix_${c.name}_${ix.fields.join('_').replace(/\./g, '_')}`;
        db.exec(`CREATE INDEX IF NOT EXISTS ${name} ON ${table(c.name)} (${ix.fields.map(fieldExpr).join(', ')})`);
      }
    }
    if (current < SCHEMA_VERSION)
      db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('schemaVersion', ?)").run(String(SCHEMA_VERSION));
  })();
}
