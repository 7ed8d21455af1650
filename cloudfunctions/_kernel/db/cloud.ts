import { type Db, type Doc, DuplicateKeyError, type FindOptions, MAX_PAGE, type TxOps, type Where } from './port';

/**
 * Cloud adapter: the document port on the wx-server-sdk database (WeChat 云开发).
 *
 * The database object is passed in (each function's index.ts does `openCloudDb(cloud.database()
 * as WxDatabaseSubset)` — the SDK's bundled types return `Promise | void` from every call, so a
 * cast is needed); this module never imports wx-server-sdk, so tests and the local host can never
 * reach the real SDK (TOOLCHAIN.md: any real call leaks an unhandled rejection).
 *
 * Mapping, checked against wx-server-sdk 4.0.2 and its @cloudbase/database 1.4.3 source:
 * - get → `doc(id).get()`. By default (`throwOnNotFound` true) a missing document REJECTS with
 *   "document.get:fail document with _id … does not exist" (errCode -1); with
 *   `throwOnNotFound: false` it resolves `{ data: null }`. Both become `null`; any other failure
 *   (e.g. -502005 collection not exists) propagates.
 * - insert → `collection.add({ data })` with our own `_id` (allowed for add); a taken id makes the
 *   server answer "E11000 duplicate key" → DuplicateKeyError.
 * - put → `doc(id).set({ data })`: the SDK refuses `_id` inside set data ("不能更新_id的值") and
 *   refuses empty data ("options.data must not be empty"), so `_id` is stripped, and a document with
 *   no field but `_id` is written as remove + add inside one transaction.
 * - find → `where` (port `$in` → `db.command.in`, dotted paths passed through, `null` matches null
 *   or missing as in the SQLite adapter) + `orderBy` + a secondary `orderBy('_id','asc')` (the
 *   SQLite adapter breaks ties by id; without it cloud paging order is unspecified) + `skip` +
 *   explicit `limit`. The SDK silently caps a limit at 1000 and defaults to 100, so the port's
 *   explicit limit ≤ MAX_PAGE is checked here before any call.
 * - tx → `db.runTransaction`. Transactions only take single-document operations (doc().get/set/
 *   remove, collection.add), which is exactly TxOps. Insert inside a transaction is `collection.add`
 *   (@cloudbase/database 1.4.3 sends insertDocument with the transaction id): create-only, ONE
 *   request, a taken id answers E11000 → DuplicateKeyError. A failed write ends a (MongoDB-style)
 *   transaction — the service aborts it and later operations in it fail — so a DuplicateKeyError
 *   inside a transaction is final for that attempt: callers let it abort the transaction and read
 *   anything they need for the error through the Db afterwards, never through the same transaction
 *   (stations' day lock, idempotency's request doc). The fake service keeps exactly that rule.
 *   Two transactions racing to create the same id: the second writer conflicts (the first holds the
 *   id's write lock, or committed after the second started), its retry then gets the duplicate.
 * - Conflicts: the cloud uses snapshot isolation with write locks; a write to a document locked or
 *   changed by another transaction fails at once. `runTransaction` re-runs the callback itself
 *   only when the raw error carries `code === 'DATABASE_TRANSACTION_CONFLICT'` (conflicts found at
 *   commit); a conflict reported by a write inside the callback arrives wrapped by the SDK
 *   as `document.set:fail -501001 resource system error. <server text>` (errCode -501001, no `code`)
 *   and is NOT retried by the SDK. So this adapter retries conflicts itself (isTxWriteConflict: any
 *   -501001 that says "conflict", never one exact server text), with jittered exponential backoff. Either way the callback may run more than once
 *   (as the port says).
 *
 * roundTrips counts every request: each document/query call, plus start and commit/abort of each
 * transaction attempt.
 */

/** The part of a wx-server-sdk document reference this adapter uses. */
export interface WxDocumentSubset {
  get(): Promise<{ data: unknown }>;
  set(options: { data: Record<string, unknown> }): Promise<unknown>;
  remove(): Promise<unknown>;
}

/** The part of a wx-server-sdk query this adapter uses. */
export interface WxQuerySubset {
  where(condition: Record<string, unknown>): WxQuerySubset;
  orderBy(fieldPath: string, direction: 'asc' | 'desc'): WxQuerySubset;
  skip(offset: number): WxQuerySubset;
  limit(max: number): WxQuerySubset;
  get(): Promise<{ data: unknown[] }>;
  count(): Promise<{ total: number }>;
}

export interface WxCollectionSubset extends WxQuerySubset {
  doc(id: string): WxDocumentSubset;
  add(options: { data: Record<string, unknown> }): Promise<unknown>;
}

/** Inside a transaction only single-document operations exist (no where/aggregate). */
export interface WxTransactionSubset {
  collection(name: string): {
    doc(id: string): WxDocumentSubset;
    add(options: { data: Record<string, unknown> }): Promise<unknown>;
  };
}

/** The subset of the wx-server-sdk `Database` (`cloud.database()`) used by this adapter. */
export interface WxDatabaseSubset {
  command: { in(values: unknown[]): unknown };
  collection(name: string): WxCollectionSubset;
  runTransaction<T>(callback: (transaction: WxTransactionSubset) => Promise<T>, times?: number): Promise<T>;
}

export interface CloudDbOptions {
  /** Attempts of a whole transaction when it conflicts (each attempt may itself run the SDK's own retries). */
  maxAttempts?: number;
  /** `times` passed to runTransaction (the SDK's own retry of commit-time conflicts). */
  sdkTimes?: number;
  /** Wait before attempt `attempt + 1` (attempt counts from 1). */
  backoffMs?: (attempt: number) => number;
  sleep?: (ms: number) => Promise<void>;
}

const DEFAULT_MAX_ATTEMPTS = 10;
const DEFAULT_SDK_TIMES = 3;
// Full jitter, 10 ms doubling, capped at 400 ms: expected total wait under ~1.2 s for ten attempts,
// well inside a cloud function's 3 s default timeout.
const defaultBackoff = (attempt: number) => Math.random() * Math.min(400, 10 * 2 ** attempt);
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A write inside a transaction lost to another transaction; the whole transaction is retried. */
export class TransactionConflictError extends Error {
  constructor(cause: unknown) {
    super(`transaction conflict: ${errorText(cause)}`, { cause });
    this.name = 'TransactionConflictError';
  }
}

function errorText(e: unknown): string {
  if (typeof e === 'string') return e;
  if (e && typeof e === 'object') {
    const o = e as { errMsg?: unknown; message?: unknown; code?: unknown };
    return [o.code, o.errMsg, o.message].filter((x) => typeof x === 'string').join(' ');
  }
  return String(e);
}

export const isNotFound = (e: unknown) => /does not exist/i.test(errorText(e));
export const isDuplicate = (e: unknown) => /E11000|duplicate/i.test(errorText(e));
export const isConflict = (e: unknown) =>
  e instanceof TransactionConflictError ||
  /DATABASE_TRANSACTION_CONFLICT|transaction\s*conflict|TransactionConflict|WriteConflict|事务冲突/i.test(errorText(e));

/**
 * A write inside a transaction that lost to another transaction. The SDK drops the server's error code
 * for writes (any code it has no number for becomes -501001 "resource system error") and keeps only
 * the server's text, which is not a contract (today "Transaction is conflict, maybe resource operated
 * by other transaction"). So: the known conflict texts, or any -501001 whose text says "conflict"
 * in any form; the SDK's errCode is read where it is kept, else the code in the message.
 */
export const isTxWriteConflict = (e: unknown) => {
  if (isConflict(e)) return true;
  const code = e && typeof e === 'object' ? (e as { errCode?: unknown }).errCode : undefined;
  const text = errorText(e);
  return (code === -501001 || /-501001/.test(text)) && /conflict|冲突/i.test(text);
};

const body = (doc: Doc): Record<string, unknown> => {
  const { _id, ...rest } = doc;
  return rest;
};
const isEmptyBody = (doc: Doc) => Object.keys(doc).every((k) => k === '_id');

export function openCloudDb(database: WxDatabaseSubset, options: CloudDbOptions = {}): Db {
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const sdkTimes = options.sdkTimes ?? DEFAULT_SDK_TIMES;
  const backoff = options.backoffMs ?? defaultBackoff;
  const sleep = options.sleep ?? defaultSleep;
  let roundTrips = 0;

  const readDoc = async <T extends Doc>(ref: WxDocumentSubset): Promise<T | null> => {
    roundTrips++;
    try {
      const res = await ref.get();
      return (res.data ?? null) as T | null;
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  };

  const whereOf = (where: Where): Record<string, unknown> => {
    const cond: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(where)) {
      cond[field] = value !== null && typeof value === 'object' ? database.command.in([...value.$in]) : value;
    }
    return cond;
  };

  /** TxOps on one transaction attempt. Writes that lose to another transaction become TransactionConflictError. */
  const txOps = (t: WxTransactionSubset): TxOps => {
    const guard = async <T>(coll: string, id: string, run: () => Promise<T>): Promise<T> => {
      roundTrips++;
      try {
        return await run();
      } catch (e) {
        if (isTxWriteConflict(e)) throw new TransactionConflictError(e);
        if (isDuplicate(e)) throw new DuplicateKeyError(coll, id);
        throw e;
      }
    };
    const get = async <T extends Doc>(coll: string, id: string) => {
      try {
        return await readDoc<T>(t.collection(coll).doc(id));
      } catch (e) {
        if (isTxWriteConflict(e)) throw new TransactionConflictError(e);
        throw e;
      }
    };
    const add = async (coll: string, doc: Doc) => {
      await guard(coll, doc._id, () => t.collection(coll).add({ data: { ...doc } }));
    };
    const remove = async (coll: string, id: string) => {
      await guard(coll, id, () => t.collection(coll).doc(id).remove());
    };
    return {
      get,
      // create-only: one insertDocument carrying the transaction id (no read first)
      insert: add,
      async put(coll, doc) {
        if (isEmptyBody(doc)) {
          await remove(coll, doc._id);
          await add(coll, doc);
        } else
          await guard(coll, doc._id, () =>
            t
              .collection(coll)
              .doc(doc._id)
              .set({ data: body(doc) }),
          );
      },
      remove,
    };
  };

  const tx = async <T>(fn: (tx: TxOps) => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await database.runTransaction(async (t) => {
          roundTrips++; // start
          try {
            const result = await fn(txOps(t));
            roundTrips++; // commit
            return result;
          } catch (e) {
            roundTrips++; // abort
            throw e;
          }
        }, sdkTimes);
      } catch (e) {
        if (!isConflict(e) || attempt >= maxAttempts) throw e;
        await sleep(backoff(attempt));
      }
    }
  };

  return {
    get roundTrips() {
      return roundTrips;
    },
    get: (coll, id) => readDoc(database.collection(coll).doc(id)),
    async insert(coll, doc) {
      roundTrips++;
      try {
        await database.collection(coll).add({ data: { ...doc } });
      } catch (e) {
        if (isDuplicate(e)) throw new DuplicateKeyError(coll, doc._id);
        throw e;
      }
    },
    async put(coll, doc) {
      if (isEmptyBody(doc)) return tx((t) => t.put(coll, doc));
      roundTrips++;
      await database
        .collection(coll)
        .doc(doc._id)
        .set({ data: body(doc) });
    },
    async remove(coll, id) {
      roundTrips++;
      await database.collection(coll).doc(id).remove();
    },
    tx,
    async find<T extends Doc>(coll: string, where: Where, opts: FindOptions): Promise<T[]> {
      const skip = opts.skip ?? 0;
      if (!Number.isInteger(opts.limit) || opts.limit < 1 || opts.limit > MAX_PAGE) throw new Error(`find limit must be 1..${MAX_PAGE}`);
      if (!Number.isInteger(skip) || skip < 0) throw new Error('find skip must be a whole number ≥ 0');
      let q: WxQuerySubset = database.collection(coll);
      if (Object.keys(where).length > 0) q = q.where(whereOf(where));
      if (opts.orderBy && opts.orderBy.field !== '_id') q = q.orderBy(opts.orderBy.field, opts.orderBy.direction);
      q = q.orderBy('_id', opts.orderBy?.field === '_id' ? opts.orderBy.direction : 'asc');
      if (skip > 0) q = q.skip(skip);
      q = q.limit(opts.limit);
      roundTrips++;
      const res = await q.get();
      return res.data as T[];
    },
    async count(coll, where) {
      let q: WxQuerySubset = database.collection(coll);
      if (Object.keys(where).length > 0) q = q.where(whereOf(where));
      roundTrips++;
      const res = await q.count();
      return res.total;
    },
    close: async () => undefined,
  };
}
