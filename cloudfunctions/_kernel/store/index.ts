import type { Db } from '../db/port';
import { applicationsRepo } from './applications';
import { auditRepo } from './audit';
import { identityRepo } from './identity';
import { orgRepo } from './org';
import { reportsRepo } from './reports';
import { stationsRepo } from './stations';

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
    stations: stationsRepo(db),
    applications: applicationsRepo(db),
    reports: reportsRepo(db),
  };
}
export type Store = ReturnType<typeof createStore>;
