import type { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { parseStrict } from '../../../shared/schemas/common';
import type { Db, Doc, FindOptions, TxOps, Where } from '../db/port';
import { currentVersion, upgradeDoc, VERSION_FIELD, withoutVersion } from '../migrations';
import { opsOfPort, type Tx } from './tx';

/**
 * One typed collection over the document port. The convention everywhere: in the database a
 * document's key is `_id`; in code every entity names it by its schema's key field (`id`, or
 * `code` for invites). This is the only place that maps between the two, and the only place a
 * document is written — every write is checked against the collection's schema in shared/schemas
 * (its rules, and no unknown key at any depth), so what is stored is exactly the entity its schema
 * describes (test/contract/registry-schemas.test.ts reads every stored document back and checks).
 *
 * Reads are not re-validated: everything in a collection came through here.
 *
 * Schema versions (issue 13 item 8, `_kernel/migrations/`): every write stamps the collection's current
 * version in `_v`; the entity never sees it. A document read below the current version (written by an
 * older deploy) is upgraded by the collection's migrations and written back on the same port — inside
 * the caller's transaction when read in one — so the live database converges as it is used, and the
 * runner upgrades the rest.
 */
export interface Collection<T> {
  readonly name: string;
  /** the entity's schema in shared/schemas, and the field that holds the document's `_id` */
  readonly schema: z.ZodType;
  readonly key: string;
  /** by id, inside a transaction or outside it */
  get(port: Tx | Db, id: string): Promise<T | null>;
  /** a new document; DuplicateKeyError when the id exists */
  insert(tx: Tx | Db, entity: T): Promise<void>;
  /** replace (or create) the document with this id */
  put(tx: Tx | Db, entity: T): Promise<void>;
  /** remove by id (lock documents only; domain data is never deleted) */
  remove(tx: Tx | Db, id: string): Promise<void>;
  /** equality query, paged (never inside a transaction) */
  find(db: Db, where: Where, opts: FindOptions): Promise<T[]>;
  count(db: Db, where: Where): Promise<number>;
}

export function collection<S extends z.ZodType>(name: string, schema: S, key = 'id'): Collection<z.output<S>> {
  type T = z.output<S>;
  const version = currentVersion(name);
  const fromDoc = (d: Doc | null): T | null => {
    if (!d) return null;
    const { _id, ...rest } = withoutVersion(d);
    // the single trusted step: every document of the collection was written through `toDoc` below
    return { [key]: _id, ...rest } as T;
  };
  const toDoc = (entity: T): Doc => {
    const r = parseStrict(schema, entity);
    if (!r.success) {
      const issues = r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('；');
      throw new AppError('INTERNAL', `写入 ${name} 的数据不符合其定义：${issues}`);
    }
    const { [key]: id, ...rest } = r.data as Record<string, unknown>;
    if (typeof id !== 'string' || id === '') throw new AppError('INTERNAL', `写入 ${name} 的数据缺少编号`);
    return { _id: id, ...rest, ...(version > 0 ? { [VERSION_FIELD]: version } : {}) };
  };
  /** A document read below the current version: upgraded and written back (lazily, on read). */
  const current = async (ops: TxOps, d: Doc | null): Promise<Doc | null> => {
    const up = d ? upgradeDoc(name, d) : null;
    if (!up) return d;
    await ops.put(name, up.doc);
    return up.doc;
  };
  return {
    name,
    schema,
    key,
    get: async (port, id) => {
      const ops = opsOfPort(port);
      return fromDoc(await current(ops, await ops.get<Doc>(name, id)));
    },
    insert: (tx, entity) => opsOfPort(tx).insert(name, toDoc(entity)),
    put: (tx, entity) => opsOfPort(tx).put(name, toDoc(entity)),
    remove: (tx, id) => opsOfPort(tx).remove(name, id),
    find: async (db, where, opts) => {
      const docs = await db.find<Doc>(name, where, opts);
      const out: T[] = [];
      for (const d of docs) out.push(fromDoc(await current(db, d)) as T);
      return out;
    },
    count: (db, where) => db.count(name, where),
  };
}
