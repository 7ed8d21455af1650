/**
 * TEST DOUBLE — an in-process stand-in for the subset of the wx-server-sdk 4.0.2 database API that
 * the cloud adapter (cloudfunctions/_kernel/db/cloud.ts) uses. It is NOT the product's default
 * database (locally that is the SQLite adapter) and it is never bundled into a cloud function. It
 * exists because no local emulator of the cloud database exists (TOOLCHAIN.md) and tests must never
 * call the real SDK; with it the cloud adapter runs the same contract suite as the SQLite adapter.
 *
 * Faithful where the adapter's correctness depends on it, each point taken from the SDK source
 * (wx-server-sdk 4.0.2 index.js, @cloudbase/database 1.4.3 src/) or the WeChat 云开发 docs:
 * - documents are copied through JSON on every write and read (the SDK serialises with EJSON), so
 *   no caller object is ever shared with the store;
 * - `doc(id).get()` of a missing document REJECTS ("document.get:fail document with _id … does not
 *   exist", errCode -1) unless the database was made with `throwOnNotFound: false`, then it resolves
 *   `{ data: null }` — inside transactions too;
 * - `collection.add` with a taken `_id` rejects with an E11000 duplicate-key message (-502001);
 * - `doc(id).set({ data })` rejects data containing `_id` ("不能更新_id的值", -501007) and empty data
 *   ("options.data must not be empty"); set replaces the whole document, creating it if missing;
 * - where: equality on top-level or dotted paths (nested plain objects are flattened to dotted
 *   paths, as the SDK's query serializer does), `command.in`, `null` matching null or a missing
 *   field, and an array field matching when any element matches (MongoDB semantics);
 * - orderBy accumulates fields in call order (a repeated field keeps its first position),
 *   comparing in MongoDB's type order (null/missing < numbers < strings < objects < arrays <
 *   booleans) with strings by UTF-8 bytes; `limit` and `skip` must be integers; `get()` without a
 *   limit returns at most 100 and a limit above 1000 is silently capped at 1000 (the SDK does that
 *   client-side — so a caller that asks for more and trusts the result loses data quietly);
 *   a result over 1 MB rejects with -602001;
 * - collections must exist (pass `collections`) or every call on them rejects with -502005;
 * - transactions: snapshot isolation with write locks, as the 云开发 "事务" guide describes — reads
 *   see the snapshot taken at start plus the transaction's own writes; a write to a document that
 *   another open transaction has written (locked), or that was changed since the snapshot, fails at
 *   once with a transaction-conflict error wrapped like every SDK error (errCode/errMsg, no `code`);
 *   writes are buffered and applied atomically at commit; a thrown error rolls everything back;
 *   writes outside a transaction to a locked document wait until the lock is released.
 * - `runTransaction(callback, times = 3)` reproduces @cloudbase/database's loop: it re-runs the
 *   callback only when the raw error has `code === 'DATABASE_TRANSACTION_CONFLICT'` (in practice a
 *   conflict detected at commit — `failNextCommits(n)` injects those), at most `times` more runs.
 * - every operation yields to the event loop before and after acting, like a network call, so
 *   concurrent callers really interleave.
 * Not modelled: update operators (`_.inc` …), aggregate, watch, `_openid`, lock timeouts, indexes.
 *
 * `calls` counts every request by method so tests can assert round trips.
 */
import type {
  WxCollectionSubset,
  WxDatabaseSubset,
  WxDocumentSubset,
  WxQuerySubset,
  WxTransactionSubset,
} from '../../cloudfunctions/_kernel/db/cloud';

type Json = Record<string, unknown>;
type Version = { seq: number; doc: Json | null };
type WriteOp = { coll: string; id: string; doc: Json | null };

export type StandInCall =
  | 'doc.get'
  | 'doc.set'
  | 'doc.remove'
  | 'collection.add'
  | 'query.get'
  | 'query.count'
  | 'runTransaction'
  | 'transaction.start'
  | 'transaction.commit'
  | 'transaction.rollback'
  | 'transaction.doc.get'
  | 'transaction.doc.set'
  | 'transaction.doc.remove'
  | 'transaction.add';

export interface WxDatabaseStandInOptions {
  /** When given, only these collections exist (as after deployment); others reject with -502005. */
  collections?: Iterable<string>;
  /** `cloud.database({ throwOnNotFound })`; the SDK default is true. */
  throwOnNotFound?: boolean;
  /** Simulated network hop; default: one macrotask (setImmediate). */
  hop?: () => Promise<void>;
  /** Result size limit of one query (bytes of JSON); default 1 MB like the cloud. */
  maxResultBytes?: number;
}

export interface WxDatabaseStandIn extends WxDatabaseSubset {
  /** Requests per method since creation. */
  readonly calls: Record<StandInCall, number>;
  totalCalls(): number;
  /** Make the next `n` commits fail with the raw conflict error (as a commit-time conflict would). */
  failNextCommits(n: number): void;
  /** Committed documents of a collection (copies), in insertion order. */
  dump(coll: string): Json[];
  /** Transactions started and not yet committed or rolled back. */
  openTransactions(): number;
}

/** What `db.command.in([...])` returns here (the SDK returns a QueryCommand; only its meaning matters). */
class InCommand {
  constructor(readonly values: unknown[]) {}
}

type SdkError = Error & { errCode: number; errMsg: string };
const ERR_TEXT: Record<number, string> = {
  [-501001]: 'resource system error',
  [-501007]: 'invalid parameters',
  [-502001]: 'database request fail',
  [-502005]: 'database collection not exists',
  [-602001]: 'database query result size exceed limit (1MB)',
};
/** Shaped like wx-server-sdk's toSDKError: `${api}:fail ${errCode} ${text}. ${detail}`. */
function sdkError(api: string, errCode: number, detail: string): SdkError {
  const e = new Error(`${api}:fail ${errCode} ${ERR_TEXT[errCode] ?? ''}. ${detail}`) as SdkError;
  e.errCode = errCode;
  e.errMsg = e.message;
  return e;
}
/** A thrown string becomes errCode -1 in toSDKError (how "does not exist" reaches the caller). */
function sdkStringError(api: string, detail: string): SdkError {
  const e = new Error(`${api}:fail ${detail}`) as SdkError;
  e.errCode = -1;
  e.errMsg = e.message;
  return e;
}
const CONFLICT_MESSAGE = 'database transaction conflict';

const copy = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));
const isPlainObject = (v: unknown): v is Json => Object.prototype.toString.call(v) === '[object Object]' && !(v instanceof InCommand);

/** MongoDB comparison order of BSON types (the subset JSON can hold). */
const typeRank = (v: unknown) => {
  if (v === null || v === undefined) return 1;
  if (typeof v === 'number') return 2;
  if (typeof v === 'string') return 3;
  if (Array.isArray(v)) return 5;
  if (typeof v === 'object') return 4;
  return 8; // boolean: after the JSON copy nothing else can be stored
};
function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return 0;
}

/** Values at a dotted path; walks into arrays like MongoDB does. */
function valuesAt(doc: unknown, path: string[]): unknown[] {
  if (path.length === 0) return [doc];
  if (Array.isArray(doc)) return doc.flatMap((el) => valuesAt(el, path));
  if (!isPlainObject(doc)) return [undefined];
  const [head, ...rest] = path as [string, ...string[]];
  return valuesAt(doc[head], rest);
}
const getPath = (doc: Json, field: string): unknown => {
  let cur: unknown = doc;
  for (const part of field.split('.')) {
    if (!isPlainObject(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
};

const scalarEquals = (actual: unknown, expected: unknown) => {
  if (expected === null) return actual === null || actual === undefined;
  return actual === expected;
};
function fieldMatches(doc: Json, field: string, cond: unknown): boolean {
  const values = valuesAt(doc, field.split('.'));
  // An array field matches when the array itself or any element matches.
  const candidates = values.flatMap((v) => (Array.isArray(v) ? [v, ...v] : [v]));
  if (cond instanceof InCommand) return candidates.some((v) => cond.values.some((x) => scalarEquals(v, x)));
  return candidates.some((v) => scalarEquals(v, cond));
}
/** The SDK's query serializer flattens nested plain objects into dotted paths. */
function flatten(cond: Json, prefix = '', out: Json = {}): Json {
  for (const [k, v] of Object.entries(cond)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (isPlainObject(v) && Object.keys(v).length > 0) flatten(v, key, out);
    else out[key] = v;
  }
  return out;
}

interface Txn {
  startSeq: number;
  writes: Map<string, WriteOp>;
  state: 'active' | 'committed' | 'rolledBack';
}

export function createWxDatabaseStandIn(options: WxDatabaseStandInOptions = {}): WxDatabaseStandIn {
  const known = options.collections ? new Set(options.collections) : null;
  const throwOnNotFound = options.throwOnNotFound ?? true;
  const hop = options.hop ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
  const maxResultBytes = options.maxResultBytes ?? 1024 * 1024;

  const calls = Object.fromEntries(
    (
      [
        'doc.get',
        'doc.set',
        'doc.remove',
        'collection.add',
        'query.get',
        'query.count',
        'runTransaction',
        'transaction.start',
        'transaction.commit',
        'transaction.rollback',
        'transaction.doc.get',
        'transaction.doc.set',
        'transaction.doc.remove',
        'transaction.add',
      ] as StandInCall[]
    ).map((k) => [k, 0]),
  ) as Record<StandInCall, number>;

  /** coll → id → versions (oldest first); a version with doc null is a deletion. */
  const store = new Map<string, Map<string, Version[]>>();
  let seq = 0;
  const open = new Set<Txn>();
  const locks = new Map<string, Txn>();
  const lockWaiters = new Map<string, Array<() => void>>();
  let commitFailures = 0;

  const key = (coll: string, id: string) => `${coll}\u0000${id}`;
  const versionsOf = (coll: string, id: string): Version[] => {
    let c = store.get(coll);
    if (!c) {
      c = new Map();
      store.set(coll, c);
    }
    let v = c.get(id);
    if (!v) {
      v = [];
      c.set(id, v);
    }
    return v;
  };
  const latest = (coll: string, id: string): Version | undefined => store.get(coll)?.get(id)?.at(-1);
  const atSnapshot = (coll: string, id: string, snap: number): Json | null => {
    const vs = store.get(coll)?.get(id) ?? [];
    for (let i = vs.length - 1; i >= 0; i--) {
      const v = vs[i] as Version;
      if (v.seq <= snap) return v.doc;
    }
    return null;
  };
  /** Drop versions no open transaction can still see. */
  const prune = (coll: string, id: string) => {
    const vs = versionsOf(coll, id);
    const oldest = Math.min(...[...open].map((t) => t.startSeq), Number.POSITIVE_INFINITY);
    let keepFrom = vs.length - 1;
    while (keepFrom > 0 && (vs[keepFrom] as Version).seq > oldest) keepFrom--;
    vs.splice(0, keepFrom);
  };
  const apply = (writes: WriteOp[]) => {
    seq++;
    for (const w of writes) versionsOf(w.coll, w.id).push({ seq, doc: w.doc });
    for (const w of writes) prune(w.coll, w.id);
  };
  const release = (t: Txn) => {
    open.delete(t);
    for (const k of t.writes.keys()) {
      if (locks.get(k) === t) locks.delete(k);
      const waiters = lockWaiters.get(k) ?? [];
      lockWaiters.delete(k);
      for (const w of waiters) w();
    }
  };
  /** Ordinary writes to a document locked by a transaction are blocked until the lock goes. */
  const waitUnlocked = async (coll: string, id: string) => {
    const k = key(coll, id);
    while (locks.has(k)) {
      await new Promise<void>((resolve) => {
        const list = lockWaiters.get(k) ?? [];
        list.push(resolve);
        lockWaiters.set(k, list);
      });
    }
  };

  const checkCollection = (api: string, coll: string) => {
    if (known && !known.has(coll)) throw sdkError(api, -502005, `[ResourceNotFound] Db or Table not exist: ${coll}`);
  };
  /** One simulated request: hop, act atomically, hop. */
  const request = async <T>(call: StandInCall, act: () => T | Promise<T>): Promise<T> => {
    calls[call]++;
    await hop();
    const result = await act();
    await hop();
    return result;
  };
  const checkSetData = (api: string, options: { data: Json } | undefined) => {
    if (!options || !isPlainObject(options.data)) throw sdkError(api, -501007, 'options.data should be object');
    if (Object.keys(options.data).length === 0) throw sdkStringError(api, 'options.data must not be empty');
    if (Object.hasOwn(options.data, '_id')) throw sdkError(api, -501007, '不能更新_id的值');
  };
  const duplicate = (coll: string, id: string) =>
    sdkError(
      'collection.add',
      -502001,
      `[FailedOperation] E11000 duplicate key error collection: ${coll} index: _id_ dup key: { _id: "${id}" }`,
    );
  const newId = () => `${Date.now().toString(16)}${Math.random().toString(16).slice(2, 14)}`;

  // ---- outside transactions -------------------------------------------------------------------
  const doc = (coll: string, id: string): WxDocumentSubset => ({
    get: () =>
      request('doc.get', () => {
        checkCollection('document.get', coll);
        const d = latest(coll, id)?.doc ?? null;
        if (d) return { data: copy(d), errMsg: 'document.get:ok' };
        if (throwOnNotFound) throw sdkStringError('document.get', `document with _id ${id} does not exist`);
        return { data: null, errMsg: 'document.get:ok' };
      }),
    set: (options) =>
      request('doc.set', async () => {
        checkSetData('document.set', options);
        checkCollection('document.set', coll);
        await waitUnlocked(coll, id);
        const created = !latest(coll, id)?.doc;
        apply([{ coll, id, doc: { _id: id, ...copy(options.data) } }]);
        return { _id: id, errMsg: 'document.set:ok', stats: { updated: created ? 0 : 1, created: created ? 1 : 0 } };
      }),
    remove: () =>
      request('doc.remove', async () => {
        checkCollection('document.remove', coll);
        await waitUnlocked(coll, id);
        const existed = !!latest(coll, id)?.doc;
        if (existed) apply([{ coll, id, doc: null }]);
        return { stats: { removed: existed ? 1 : 0 }, errMsg: 'document.remove:ok' };
      }),
  });

  interface QueryState {
    where: Json | null;
    order: Array<[string, 'asc' | 'desc']>;
    skip: number;
    limit: number | undefined;
  }
  const query = (coll: string, s: QueryState): WxQuerySubset => ({
    where(condition) {
      if (!isPlainObject(condition)) throw new Error('query param must be an object');
      const keys = Object.keys(condition);
      if (keys.length > 0 && keys.every((k) => condition[k] === undefined)) throw new Error('query value must not all be undefined');
      return query(coll, { ...s, where: flatten(condition) });
    },
    orderBy(fieldPath, direction) {
      if (direction !== 'asc' && direction !== 'desc') throw new Error('"direction" must be "asc" or "desc"');
      // The SDK merges orders into one object: a repeated field keeps its first position.
      const order = s.order.some(([f]) => f === fieldPath)
        ? s.order.map(([f, d]) => [f, f === fieldPath ? direction : d] as [string, 'asc' | 'desc'])
        : [...s.order, [fieldPath, direction] as [string, 'asc' | 'desc']];
      return query(coll, { ...s, order });
    },
    skip(offset) {
      if (!Number.isInteger(offset)) throw new Error('offset must be an integer');
      return query(coll, { ...s, skip: offset });
    },
    limit(max) {
      if (!Number.isInteger(max)) throw new Error('limit must be an integer');
      return query(coll, { ...s, limit: max });
    },
    get: () =>
      request('query.get', () => {
        checkCollection('collection.get', coll);
        const limit = s.limit ? Math.min(s.limit, 1000) : 100;
        const rows = matching(coll, s.where);
        if (s.order.length > 0) {
          rows.sort((a, b) => {
            for (const [f, d] of s.order) {
              const c = compareValues(getPath(a, f), getPath(b, f));
              if (c !== 0) return d === 'desc' ? -c : c;
            }
            return 0;
          });
        }
        const data = rows.slice(Math.max(0, s.skip), Math.max(0, s.skip) + limit).map(copy);
        if (Buffer.byteLength(JSON.stringify(data)) > maxResultBytes) throw sdkError('collection.get', -602001, 'result size exceed limit');
        return { data, errMsg: 'collection.get:ok' };
      }),
    count: () =>
      request('query.count', () => {
        checkCollection('collection.count', coll);
        return { total: matching(coll, s.where).length, errMsg: 'collection.count:ok' };
      }),
  });
  const matching = (coll: string, where: Json | null): Json[] => {
    const out: Json[] = [];
    for (const vs of store.get(coll)?.values() ?? []) {
      const d = vs.at(-1)?.doc;
      if (d && Object.entries(where ?? {}).every(([f, c]) => fieldMatches(d, f, c))) out.push(d);
    }
    return out;
  };

  const collection = (name: string): WxCollectionSubset => ({
    ...query(name, { where: null, order: [], skip: 0, limit: undefined }),
    doc: (id) => doc(name, id),
    add: (options) =>
      request('collection.add', async () => {
        if (!options || !isPlainObject(options.data)) throw sdkError('collection.add', -501007, 'options.data should be object');
        checkCollection('collection.add', name);
        const data = copy(options.data);
        const id = typeof data._id === 'string' ? data._id : newId();
        await waitUnlocked(name, id);
        if (latest(name, id)?.doc) throw duplicate(name, id);
        apply([{ coll: name, id, doc: { ...data, _id: id } }]);
        return { _id: id, errMsg: 'collection.add:ok' };
      }),
  });

  // ---- transactions ---------------------------------------------------------------------------
  const txHandle = (t: Txn): WxTransactionSubset => {
    const ensureActive = (api: string) => {
      if (t.state !== 'active') throw sdkError(api, -501001, 'transaction is not active');
    };
    const view = (coll: string, id: string): Json | null => {
      const own = t.writes.get(key(coll, id));
      return own ? own.doc : atSnapshot(coll, id, t.startSeq);
    };
    /** First writer wins: another open transaction's lock, or a commit after our snapshot, is a conflict. */
    const write = (api: string, coll: string, id: string, doc: Json | null) => {
      const k = key(coll, id);
      const holder = locks.get(k);
      if ((holder && holder !== t) || (latest(coll, id)?.seq ?? 0) > t.startSeq) {
        throw sdkError(api, -501001, `[DATABASE_TRANSACTION_CONFLICT] ${CONFLICT_MESSAGE}`);
      }
      locks.set(k, t);
      t.writes.set(k, { coll, id, doc });
    };
    return {
      collection: (coll) => ({
        doc: (id) => ({
          get: () =>
            request('transaction.doc.get', () => {
              ensureActive('document.get');
              checkCollection('document.get', coll);
              const d = view(coll, id);
              if (d) return { data: copy(d), errMsg: 'document.get:ok' };
              if (throwOnNotFound) throw sdkStringError('document.get', `document with _id ${id} does not exist`);
              return { data: null, errMsg: 'document.get:ok' };
            }),
          set: (options) =>
            request('transaction.doc.set', () => {
              ensureActive('document.set');
              checkSetData('document.set', options);
              checkCollection('document.set', coll);
              write('document.set', coll, id, { _id: id, ...copy(options.data) });
              return { _id: id, errMsg: 'document.set:ok' };
            }),
          remove: () =>
            request('transaction.doc.remove', () => {
              ensureActive('document.remove');
              checkCollection('document.remove', coll);
              const existed = !!view(coll, id);
              write('document.remove', coll, id, null);
              return { stats: { removed: existed ? 1 : 0 }, errMsg: 'document.remove:ok' };
            }),
        }),
        add: (options) =>
          request('transaction.add', () => {
            ensureActive('collection.add');
            if (!options || !isPlainObject(options.data)) throw sdkError('collection.add', -501007, 'options.data should be object');
            checkCollection('collection.add', coll);
            const data = copy(options.data);
            const id = typeof data._id === 'string' ? data._id : newId();
            if (view(coll, id)) throw duplicate(coll, id);
            write('collection.add', coll, id, { ...data, _id: id });
            return { _id: id, errMsg: 'collection.add:ok' };
          }),
      }),
    };
  };

  const start = () =>
    request('transaction.start', () => {
      const t: Txn = { startSeq: seq, writes: new Map(), state: 'active' };
      open.add(t);
      return t;
    });
  const commit = (t: Txn) =>
    request('transaction.commit', () => {
      if (commitFailures > 0) {
        commitFailures--;
        t.state = 'rolledBack';
        release(t);
        // @cloudbase/database's Transaction.commit throws the raw response: `{ code, message }`.
        throw { code: 'DATABASE_TRANSACTION_CONFLICT', message: CONFLICT_MESSAGE, requestId: `standin-${seq}` };
      }
      t.state = 'committed';
      apply([...t.writes.values()]);
      release(t);
    });
  const rollback = (t: Txn) =>
    request('transaction.rollback', () => {
      t.state = 'rolledBack';
      release(t);
    });

  /** Mirrors @cloudbase/database runTransaction (which wx-server-sdk's runTransaction delegates to). */
  async function runTransaction<T>(callback: (transaction: WxTransactionSubset) => Promise<T>, times = 3): Promise<T> {
    calls.runTransaction++;
    const attempt = async (left: number): Promise<T> => {
      const t = await start();
      try {
        const result = await callback(txHandle(t));
        await commit(t);
        return result;
      } catch (error) {
        if (t.state === 'active') await rollback(t);
        if (left <= 0) throw error;
        if ((error as { code?: unknown } | null)?.code === 'DATABASE_TRANSACTION_CONFLICT') return attempt(left - 1);
        throw error;
      }
    };
    return attempt(times);
  }

  return {
    command: { in: (values: unknown[]) => new InCommand(copy(values)) },
    collection,
    runTransaction,
    calls,
    totalCalls: () => Object.values(calls).reduce((a, b) => a + b, 0),
    failNextCommits(n) {
      commitFailures = n;
    },
    dump(coll) {
      const out: Json[] = [];
      for (const vs of store.get(coll)?.values() ?? []) {
        const d = vs.at(-1)?.doc;
        if (d) out.push(copy(d));
      }
      return out;
    },
    openTransactions: () => open.size,
  };
}
