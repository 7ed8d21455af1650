import { type Db, DuplicateKeyError } from '../db/port';
import { tables } from './tables';
import { inTx, type Tx } from './tx';

/**
 * Run a write once per request key. The request doc is inserted in the SAME transaction as the
 * write, so a crash never leaves one without the other; a retried or concurrent duplicate gets the
 * stored first result and writes nothing. Failures (AppError) are not stored: a retry re-evaluates.
 * The Store exposes this as `store.once` — the one write-once path of every handler.
 */
export async function once<T>(db: Db, key: string, now: number, write: (tx: Tx) => Promise<T>): Promise<T> {
  const first = await tables.requests.get(db, key);
  if (first) return first.result as T;
  try {
    return await inTx(db, async (tx) => {
      const again = await tables.requests.get(tx, key);
      if (again) return again.result as T;
      const result = await write(tx);
      await tables.requests.insert(tx, { id: key, result, at: now });
      return result;
    });
  } catch (e) {
    if (e instanceof DuplicateKeyError && e.coll === 'requests') {
      const stored = await tables.requests.get(db, key);
      if (stored) return stored.result as T;
    }
    throw e;
  }
}

/** The stored first result of a request key, if it was already applied (a retry). */
export async function replay<T>(db: Db, key: string): Promise<T | null> {
  const r = await tables.requests.get(db, key);
  return r ? (r.result as T) : null;
}

/**
 * The idempotency key of a write: per function AND action, per caller, per client request id — so a
 * request id reused for another action (a client bug, or a hostile one) never replays a foreign result.
 */
export const requestKey = (ctx: { fn: string; action: string; caller: { openid: string } }, requestId: string) =>
  `${ctx.fn}.${ctx.action}:${ctx.caller.openid}:${requestId}`;
