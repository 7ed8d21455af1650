import type { AuditEvent } from '../../../shared/schemas/org';
import type { Db, TxOps } from '../db/port';

export type AuditDoc = Omit<AuditEvent, 'id'> & { _id: string };

let seq = 0;
/** Audit ids sort by time and are unique within a process; the random tail keeps them unique across instances. */
export const newId = (prefix: string, now: number) =>
  `${prefix}_${now.toString(36)}${(seq++ % 1296).toString(36).padStart(2, '0')}${Math.random().toString(36).slice(2, 8)}`;

export function auditRepo(db: Db) {
  return {
    /** Write an audit event inside the caller's transaction. */
    async write(tx: TxOps, ev: Omit<AuditEvent, 'id'>): Promise<string> {
      const _id = newId('au', ev.at);
      await tx.insert('audit', { _id, ...ev } as AuditDoc);
      return _id;
    },
    async forEntity(entity: string, entityId: string, limit = 200): Promise<AuditDoc[]> {
      return db.find<AuditDoc>('audit', { entity, entityId }, { limit, orderBy: { field: 'at', direction: 'asc' } });
    },
  };
}
