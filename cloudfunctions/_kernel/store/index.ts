import type { Db } from '../db/port';
import { auditRepo } from './audit';
import { identityRepo } from './identity';
import { orgRepo } from './org';

/**
 * The Store port handlers see: domain-level repositories, each written once over the document
 * port (db/port.ts) and so identical on SQLite (local) and on the cloud database.
 * Each capability adds its repository here.
 */
export function createStore(db: Db) {
  return {
    db,
    identity: identityRepo(db),
    org: orgRepo(db),
    audit: auditRepo(db),
  };
}
export type Store = ReturnType<typeof createStore>;
