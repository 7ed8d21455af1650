import type { AuditEvent } from '../../../shared/schemas/org';
import type { Db } from '../db/port';
import { findAll } from './paging';
import { tables } from './tables';
import type { Tx } from './tx';

export type AuditDoc = AuditEvent;

let seq = 0;
/** Audit ids sort by time and are unique within a process; the random tail keeps them unique across instances. */
export const newId = (prefix: string, now: number) =>
  `${prefix}_${now.toString(36)}${(seq++ % 1296).toString(36).padStart(2, '0')}${Math.random().toString(36).slice(2, 8)}`;

/** The audit log (collection `audit`): written only here, inside the caller's transaction. */
export function auditRepo(db: Db) {
  return {
    /** Write an audit event inside the caller's transaction. */
    async write(tx: Tx, ev: Omit<AuditEvent, 'id'>): Promise<string> {
      const id = newId('au', ev.at);
      await tables.audit.insert(tx, { id, ...ev });
      return id;
    },
    /** The oldest `limit` events of an entity, or all of them (paged) with 'all'. */
    async forEntity(entity: string, entityId: string, limit: number | 'all' = 200): Promise<AuditDoc[]> {
      const orderBy = { field: 'at', direction: 'asc' } as const;
      if (limit === 'all') return findAll(db, tables.audit, { entity, entityId }, { orderBy });
      return tables.audit.find(db, { entity, entityId }, { limit, orderBy });
    },
  };
}
export type AuditRepo = ReturnType<typeof auditRepo>;
