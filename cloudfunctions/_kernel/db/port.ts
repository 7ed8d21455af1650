/**
 * The narrow document port beneath the domain repositories.
 *
 * Why a document port under the Store: the cloud database is a document store whose transactions
 * may only read and write documents BY ID (no queries inside runTransaction). Shaping the port
 * exactly like that lets every domain repository be written once and run unchanged on both the
 * SQLite adapter (local default) and the wx-server-sdk adapter (cloud), and lets one contract suite
 * prove both behave the same. Uniqueness across documents is expressed as deterministic ids
 * (e.g. a "day lock" doc with _id `${expertId}:${date}`): a duplicate insert is the constraint.
 */
export type Doc = { _id: string } & Record<string, unknown>;

/** Equality filter on top-level or dotted fields; `$in` for a small set of values. */
export type Where = Record<string, string | number | boolean | null | { $in: Array<string | number> }>;

export interface FindOptions {
  orderBy?: { field: string; direction: 'asc' | 'desc' };
  /** explicit page size; adapters refuse more than MAX_PAGE */
  limit: number;
  skip?: number;
}
export const MAX_PAGE = 1000;

/** Operations allowed inside a transaction: by id only, like the cloud database. */
export interface TxOps {
  get<T extends Doc>(coll: string, id: string): Promise<T | null>;
  /**
   * Insert a new document (create-only: one request, no read first); throws DuplicateKeyError when the
   * id exists. Inside a transaction that failure ends the attempt on the cloud (a failed write aborts a
   * MongoDB-style transaction): let it propagate, never read or write on in the same transaction.
   */
  insert(coll: string, doc: Doc): Promise<void>;
  /** Replace (or create) the document with this id. */
  put(coll: string, doc: Doc): Promise<void>;
  /** Remove a document by id (used only for lock docs; domain data is never deleted). */
  remove(coll: string, id: string): Promise<void>;
}

export interface Db extends TxOps {
  /**
   * Run `fn` atomically. Its callback MAY run more than once (cloud retries on write conflict), so it
   * must only use `tx` for effects and must not keep state outside between attempts.
   */
  tx<T>(fn: (tx: TxOps) => Promise<T>): Promise<T>;
  /** Query by equality; always paged (explicit limit ≤ MAX_PAGE). Not allowed inside tx. */
  find<T extends Doc>(coll: string, where: Where, opts: FindOptions): Promise<T[]>;
  count(coll: string, where: Where): Promise<number>;
  /** Count of round trips to the database since creation (benchmarks and contract tests read it). */
  readonly roundTrips: number;
  close(): Promise<void>;
}

export class DuplicateKeyError extends Error {
  constructor(
    readonly coll: string,
    readonly id: string,
  ) {
    super(`duplicate ${coll}/${id}`);
    this.name = 'DuplicateKeyError';
  }
}

/** Fields each collection is queried by: SQLite indexes them, the cloud ships them as index files. */
export interface CollectionSpec {
  name: string;
  /** human description (Chinese) for the deploy guide */
  description: string;
  indexes: Array<{ fields: string[]; unique?: false }>;
}
