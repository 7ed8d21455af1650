import type { Db } from '../db/port';
import { tables } from './tables';
import { inTx, type Tx } from './tx';

/**
 * Run a write once per request key. The request doc is inserted in the SAME transaction as the
 * write, so a crash never leaves one without the other; a retried or concurrent duplicate gets the
 * stored first result and writes nothing. Failures (AppError) are not stored: a retry re-evaluates.
 * The Store exposes this as `store.once` — the one write-once path of every handler.
 *
 * The create-only insert of the request doc is the uniqueness check: a duplicate (retried, or racing
 * another attempt) makes the transaction fail — at that insert, at a write conflict, or earlier at a
 * constraint the first attempt already took (a day lock) — and nothing of it commits; then the stored
 * result is read and returned instead of the error. A read inside the transaction first spares a plain
 * retry the write; a caller that has just read it (`store.replay`, before its checks) passes
 * `{ replayed: true }` and saves that request (stations' `idempotent`).
 */
export async function once<T>(
  db: Db,
  key: string,
  now: number,
  write: (tx: Tx) => Promise<T>,
  opts: { replayed?: boolean } = {},
): Promise<T> {
  try {
    return await inTx(db, async (tx) => {
      if (!opts.replayed) {
        const again = await tables.requests.get(tx, key);
        if (again) return again.result as T;
      }
      const result = await write(tx);
      await tables.requests.insert(tx, { id: key, result, at: now });
      return result;
    });
  } catch (e) {
    const stored = await tables.requests.get(db, key);
    if (stored) return stored.result as T;
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
