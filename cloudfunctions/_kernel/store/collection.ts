import type { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { parseStrict } from '../../../shared/schemas/common';
import type { Db, Doc, FindOptions, Where } from '../db/port';
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
  const fromDoc = (d: Doc | null): T | null => {
    if (!d) return null;
    const { _id, ...rest } = d;
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
    return { _id: id, ...rest };
  };
  return {
    name,
    schema,
    key,
    get: async (port, id) => fromDoc(await opsOfPort(port).get<Doc>(name, id)),
    insert: (tx, entity) => opsOfPort(tx).insert(name, toDoc(entity)),
    put: (tx, entity) => opsOfPort(tx).put(name, toDoc(entity)),
    remove: (tx, id) => opsOfPort(tx).remove(name, id),
    find: async (db, where, opts) => (await db.find<Doc>(name, where, opts)).map((d) => fromDoc(d) as T),
    count: (db, where) => db.count(name, where),
  };
}
