import { type Db, DuplicateKeyError, type TxOps } from '../db/port';

/**
 * Run a write once per request id. The request doc is inserted in the SAME transaction as the
 * write, so a crash never leaves one without the other; a retried or concurrent duplicate gets the
 * stored first result and writes nothing. Failures (AppError) are not stored: a retry re-evaluates.
 */
export async function once<T>(db: Db, key: string, now: number, write: (tx: TxOps) => Promise<T>): Promise<T> {
  const first = await db.get<{ _id: string; result: T }>('requests', key);
  if (first) return first.result;
  try {
    return await db.tx(async (tx) => {
      const again = await tx.get<{ _id: string; result: T }>('requests', key);
      if (again) return again.result;
      const result = await write(tx);
      await tx.insert('requests', { _id: key, result: result as unknown, at: now });
      return result;
    });
  } catch (e) {
    if (e instanceof DuplicateKeyError && e.coll === 'requests') {
      const stored = await db.get<{ _id: string; result: T }>('requests', key);
      if (stored) return stored.result;
    }
    throw e;
  }
}

/**
 * The idempotency key of a write: per function AND action, per caller, per client request id — so a
 * request id reused for another action (a client bug, or a hostile one) never replays a foreign result.
 */
export const requestKey = (ctx: { fn: string; action: string; caller: { openid: string } }, requestId: string) =>
  `${ctx.fn}.${ctx.action}:${ctx.caller.openid}:${requestId}`;
