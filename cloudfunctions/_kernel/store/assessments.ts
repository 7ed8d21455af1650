import type { Assessment } from '../../../shared/schemas/reports';
import type { Db } from '../db/port';
import { tables } from './tables';
import type { Tx } from './tx';

/** Year-end assessments (collection `assessments`): their one writer. Reports read them. */
export function assessmentsRepo(db: Db) {
  return {
    get: (id: string) => tables.assessments.get(db, id),
    /** read inside the caller's transaction (publish, adjust) */
    getTx: (tx: Tx, id: string) => tables.assessments.get(tx, id),
    put: (tx: Tx, doc: Assessment) => tables.assessments.put(tx, doc),
  };
}
export type AssessmentsRepo = ReturnType<typeof assessmentsRepo>;
