import type { AwardDoc, CheckDoc } from '../../../shared/schemas/awards';
import type { RoleBinding } from '../../../shared/schemas/org';
import type { Db } from '../db/port';
import { DuplicateKeyError } from '../db/port';
import type { AuditRepo } from './audit';
import { findAll } from './paging';
import { tables } from './tables';
import { inTx, type Tx } from './tx';

const IN_CHUNK = 100;

/**
 * The checks awards owe (collection `awardChecks`, id `ck_<awardId>_<checkRuleId>_<year>`): their one
 * writer (helper CHECKS). A check is materialised from the programme's `postAward.checks` the first
 * time the award's checks are listed (shared/rules/post-award/checks.ts `checksOwed`); every later write
 * replaces the document at a bumped revision, audited with before and after. Money (payment
 * conditions) and consequences (failed checks) read it through `ofAward` / `ofCastUnits`.
 */
export function checksRepo(db: Db, audit: AuditRepo) {
  return {
    get: (id: string) => tables.awardChecks.get(db, id),
    getTx: (tx: Tx, id: string) => tables.awardChecks.get(tx, id),
    /** Every check of an award (materialised so far). */
    ofAward: (awardId: string): Promise<CheckDoc[]> => findAll(db, tables.awardChecks, { awardId }),
    /** Every check of the awards of these CAST units (staff and finance bureau queues, the daily reminders). */
    async ofCastUnits(castUnitIds: readonly string[]): Promise<CheckDoc[]> {
      const out: CheckDoc[] = [];
      for (let i = 0; i < castUnitIds.length; i += IN_CHUNK) {
        const part = castUnitIds.slice(i, i + IN_CHUNK);
        out.push(...(await findAll(db, tables.awardChecks, { castUnitId: { $in: [...part] } })));
      }
      return out;
    },
    /**
     * Insert the checks not stored yet (one transaction per award), audited; an id already stored — by
     * an earlier listing or a concurrent one — is left as it is. Answers every doc of the award.
     */
    async materialise(awardId: string, owed: readonly CheckDoc[], actorId: string, now: number): Promise<CheckDoc[]> {
      const stored = await findAll(db, tables.awardChecks, { awardId });
      const have = new Set(stored.map((d) => d.id));
      const missing = owed.filter((d) => !have.has(d.id));
      if (missing.length === 0) return stored;
      try {
        await inTx(db, async (tx) => {
          for (const doc of missing) {
            if (await tables.awardChecks.get(tx, doc.id)) continue;
            await tables.awardChecks.insert(tx, doc);
            await audit.write(tx, {
              at: now,
              actorId,
              action: 'check.create',
              entity: 'awardCheck',
              entityId: doc.id,
              before: null,
              after: doc,
              reason: '',
            });
          }
        });
      } catch (e) {
        if (!(e instanceof DuplicateKeyError)) throw e;
      }
      return findAll(db, tables.awardChecks, { awardId });
    },
    /** Replace a check inside the caller's transaction, audited (action e.g. check.submit). */
    async put(
      tx: Tx,
      next: CheckDoc,
      before: CheckDoc,
      ev: { actorId: string; now: number; action: string; reason?: string },
    ): Promise<void> {
      await tables.awardChecks.put(tx, next);
      await audit.write(tx, {
        at: ev.now,
        actorId: ev.actorId,
        action: ev.action,
        entity: 'awardCheck',
        entityId: next.id,
        before,
        after: next,
        reason: (ev.reason ?? '').slice(0, 500),
      });
    },
    /**
     * Mark the reminders `due(current)` answers as sent, in one transaction, and answer them — empty when
     * another run marked them first (so a reminder is sent once per check and days-before value). The
     * revision is kept: a reminder is not an edit the applicant's open page should conflict with.
     */
    async claimReminders(id: string, due: (cur: CheckDoc) => number[], now: number): Promise<number[]> {
      return inTx(db, async (tx) => {
        const cur = await tables.awardChecks.get(tx, id);
        if (!cur) return [];
        const days = due(cur);
        if (days.length === 0) return [];
        const next: CheckDoc = { ...cur, remindersSent: [...cur.remindersSent, ...days].sort((a, b) => b - a) };
        await tables.awardChecks.put(tx, next);
        await audit.write(tx, {
          at: now,
          actorId: 'system',
          action: 'check.remind',
          entity: 'awardCheck',
          entityId: id,
          before: { remindersSent: cur.remindersSent },
          after: { remindersSent: next.remindersSent },
          reason: '',
        });
        return days;
      });
    },
    /** The awarded unit's active bindings that receive its reminders: the society's secretaries, the host unit's contacts. */
    async applicantBindings(applicant: AwardDoc['applicant']): Promise<RoleBinding[]> {
      const out: RoleBinding[] = [];
      if (applicant.societyId)
        out.push(...(await findAll(db, tables.bindings, { role: 'secretary', 'scope.societyId': applicant.societyId, revokedAt: null })));
      if (applicant.hostUnitId)
        out.push(
          ...(await findAll(db, tables.bindings, { role: 'hostContact', 'scope.hostUnitId': applicant.hostUnitId, revokedAt: null })),
        );
      return out;
    },
    auditOf: (id: string) => audit.forEntity('awardCheck', id, 'all'),
  };
}
export type ChecksRepo = ReturnType<typeof checksRepo>;
