import type { Db, TxOps } from '../db/port';

const opsOf: unique symbol = Symbol('transaction');

/**
 * A transaction as handlers hold it: an opaque handle they pass to repository methods. Only the
 * store opens it, so every document is still read and written by the repository that owns its
 * collection — a handler cannot reach a collection through the transaction it was given.
 */
export interface Tx {
  readonly [opsOf]: TxOps;
}

/**
 * A refusal found inside a transaction whose message needs reads (e.g. which entry holds a day):
 * a failed insert has ended the transaction (db/cloud.ts), so the reads run after it, through the Db.
 */
export class AfterTx extends Error {
  constructor(readonly explain: () => Promise<never>) {
    super('refused inside a transaction');
    this.name = 'AfterTx';
  }
}

/** Run `fn` in one transaction of `db` (it may run more than once: see Db.tx). */
export const inTx = async <T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> => {
  try {
    return await db.tx((ops) => fn({ [opsOf]: ops }));
  } catch (e) {
    if (e instanceof AfterTx) return e.explain();
    throw e;
  }
};

/** The by-id operations behind a handle, or the Db itself for reads outside a transaction. */
export const opsOfPort = (port: Tx | Db): TxOps => (opsOf in port ? port[opsOf] : port);
