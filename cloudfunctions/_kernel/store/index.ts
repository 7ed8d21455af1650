import type { Db } from '../db/port';
import { applicationsRepo } from './applications';
import { assessmentsRepo } from './assessments';
import { auditRepo } from './audit';
import { awardsRepo } from './awards';
import { checksRepo } from './checks';
import { consequencesRepo } from './consequences';
import { definitionsRepo } from './definitions';
import { filesRepo } from './files';
import { holidaysRepo } from './holidays';
import { once, replay } from './idempotency';
import { identityRepo } from './identity';
import { ledgerRepo } from './ledger';
import { migrationsRepo } from './migrations';
import { orgRepo } from './org';
import { outboxRepo } from './outbox';
import { reportsRepo } from './reports';
import { stationsRepo } from './stations';
import { subscriptionsRepo } from './subscriptions';
import type { Tx } from './tx';

export type { Tx } from './tx';

/**
 * The Store port handlers see: domain-level repositories, each written once over the document
 * port (db/port.ts) and so identical on SQLite (local) and on the cloud database. The document port
 * itself is not exposed: whoever opens the Db (a cloud entry, the local host, a test) keeps it.
 * Each capability adds its repository here.
 */
export function createStore(db: Db) {
  const audit = auditRepo(db);
  const org = orgRepo(db, audit);
  const onceFn = <T>(key: string, now: number, write: (tx: Tx) => Promise<T>, opts?: { replayed?: boolean }) =>
    once(db, key, now, write, opts);
  return {
    /**
     * The one write-once path: run `write` in one transaction, at most once per request key; a retry
     * (or a concurrent duplicate) gets the first result back and writes nothing.
     */
    once: onceFn,
    /** The stored first result of a request key, if it was already applied. */
    replay: <T>(key: string) => replay<T>(db, key),
    identity: identityRepo(db, audit, org),
    org,
    audit,
    stations: stationsRepo(db, audit),
    applications: applicationsRepo(db, audit, org, onceFn),
    assessments: assessmentsRepo(db),
    outbox: outboxRepo(db),
    files: filesRepo(db),
    reports: reportsRepo(db),
    subscriptions: subscriptionsRepo(db),
    definitions: definitionsRepo(db, audit),
    holidays: holidaysRepo(db, audit),
    migrations: migrationsRepo(db),
    awards: awardsRepo(db, audit),
    checks: checksRepo(db, audit),
    consequences: consequencesRepo(db, audit),
    ledger: ledgerRepo(db, audit),
  };
}
export type Store = ReturnType<typeof createStore>;
