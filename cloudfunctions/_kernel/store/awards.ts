import type { AwardDoc } from '../../../shared/schemas/awards';
import type { Db, Where } from '../db/port';
import { DuplicateKeyError } from '../db/port';
import type { AuditRepo } from './audit';
import { findAll } from './paging';
import { tables } from './tables';
import { inTx, type Tx } from './tx';

const IN_CHUNK = 100;

/**
 * The award files (collection `awards`, id `awardIdOf(applicationId)`): their one writer (helper AWARD).
 * Created lazily the first time an awarded application is opened through the awards function; every
 * later write replaces the document at a bumped revision, audited with before and after. Checks,
 * ledger and consequences read it through `get` / `byIds`.
 */
export function awardsRepo(db: Db, audit: AuditRepo) {
  return {
    get: (id: string) => tables.awards.get(db, id),
    /** Award files by id (missing ids are simply absent). */
    async byIds(ids: readonly string[]): Promise<Map<string, AwardDoc>> {
      const unique = [...new Set(ids)];
      const out = new Map<string, AwardDoc>();
      for (let i = 0; i < unique.length; i += IN_CHUNK) {
        const part = unique.slice(i, i + IN_CHUNK);
        const where: Where = { _id: { $in: part } };
        for (const d of await tables.awards.find(db, where, { limit: part.length })) out.set(d.id, d);
      }
      return out;
    },
    /** Award files of these CAST units (the finance bureau's and staff's reads). */
    ofCastUnits: async (castUnitIds: readonly string[]): Promise<AwardDoc[]> =>
      castUnitIds.length === 0 ? [] : findAll(db, tables.awards, { castUnitId: { $in: [...castUnitIds] } }),
    getTx: (tx: Tx, id: string) => tables.awards.get(tx, id),
    /**
     * The first open of an awarded application: insert the file, audited. A concurrent first open
     * (duplicate key) answers the stored one; nothing is written twice.
     */
    async create(doc: AwardDoc, actorId: string): Promise<AwardDoc> {
      try {
        await inTx(db, async (tx) => {
          await tables.awards.insert(tx, doc);
          await audit.write(tx, {
            at: doc.createdAt,
            actorId,
            action: 'award.create',
            entity: 'award',
            entityId: doc.id,
            before: null,
            after: doc,
            reason: '',
          });
        });
        return doc;
      } catch (e) {
        if (!(e instanceof DuplicateKeyError)) throw e;
        const stored = await tables.awards.get(db, doc.id);
        if (!stored) throw e;
        return stored;
      }
    },
    /** Replace the file inside the caller's transaction, audited (action e.g. award.setAmount). */
    async put(
      tx: Tx,
      next: AwardDoc,
      before: AwardDoc,
      ev: { actorId: string; now: number; action: string; reason?: string },
    ): Promise<void> {
      await tables.awards.put(tx, next);
      await audit.write(tx, {
        at: ev.now,
        actorId: ev.actorId,
        action: ev.action,
        entity: 'award',
        entityId: next.id,
        before,
        after: next,
        reason: (ev.reason ?? '').slice(0, 500),
      });
    },
    auditOf: (id: string) => audit.forEntity('award', id, 'all'),
  };
}
export type AwardsRepo = ReturnType<typeof awardsRepo>;
