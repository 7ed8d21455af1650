import type { CheckDoc, ConsequenceDoc, LedgerEntry, SubjectRef } from '../../../shared/schemas/awards';
import type { Assessment } from '../../../shared/schemas/reports';
import type { Db, Where } from '../db/port';
import type { AuditRepo } from './audit';
import type { Collection } from './collection';
import { findAll } from './paging';
import { tables } from './tables';
import type { Tx } from './tx';

/**
 * Decisions on proposed consequences (collection `consequences`): their one writer. What is
 * PROPOSED is computed from the other collections by shared/rules/post-award/consequences.ts; this
 * repository reads those facts (awards, failed checks, the ledger, published assessments — each
 * written by its own repository) and writes only the decisions and misconduct findings, audited.
 */
const IN_CHUNK = 100;
const chunks = <T>(xs: readonly T[], n: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
};

export function consequencesRepo(db: Db, audit: AuditRepo) {
  async function findIn<T>(c: Collection<T>, field: string, values: readonly string[], extra: Where = {}): Promise<T[]> {
    const out: T[] = [];
    for (const part of chunks([...new Set(values)], IN_CHUNK)) {
      out.push(...(await findAll(db, c, { ...extra, [field]: { $in: part } })));
    }
    return out;
  }
  return {
    get: (id: string) => tables.consequences.get(db, id),
    getTx: (tx: Tx, id: string) => tables.consequences.get(tx, id),
    /** Decisions and findings of these CAST units. */
    ofCastUnits: (castUnitIds: readonly string[]): Promise<ConsequenceDoc[]> => findIn(tables.consequences, 'castUnitId', castUnitIds),
    /** Decisions and findings about one award or station. */
    ofSubject: (s: SubjectRef): Promise<ConsequenceDoc[]> =>
      findAll(db, tables.consequences, { 'subject.type': s.type, 'subject.id': s.id }, { orderBy: { field: 'at', direction: 'asc' } }),

    // ----- facts the proposals are computed from (each collection written by its own repository) -----
    /** Decided checks of these CAST units (awardChecks, store/checks.ts): failed, or passed (an objection may be upheld). */
    decidedChecks: (castUnitIds: readonly string[]): Promise<CheckDoc[]> =>
      findIn(tables.awardChecks, 'castUnitId', castUnitIds, { status: { $in: ['failed', 'passed'] } }),
    checksOfAward: (awardId: string): Promise<CheckDoc[]> => findAll(db, tables.awardChecks, { awardId }),
    /** Ledger entries of one subject (store/ledger.ts). */
    ledgerOf: (s: SubjectRef): Promise<LedgerEntry[]> => findAll(db, tables.ledger, { 'subject.type': s.type, 'subject.id': s.id }),
    ledgerOfCastUnits: (castUnitIds: readonly string[]): Promise<LedgerEntry[]> => findIn(tables.ledger, 'castUnitId', castUnitIds),
    /** Published assessments of these CAST units (store/assessments.ts). */
    publishedAssessments: (castUnitIds: readonly string[]): Promise<Assessment[]> =>
      findIn(tables.assessments, 'castUnitId', castUnitIds, { state: 'published' }),
    assessmentsOfStation: (stationId: string): Promise<Assessment[]> => findAll(db, tables.assessments, { stationId }),

    /**
     * Store a decision (or a misconduct finding), audited with before and after, inside the caller's
     * transaction (store.once): `before` null creates it — a taken id is a duplicate decision.
     */
    async put(tx: Tx, next: ConsequenceDoc, before: ConsequenceDoc | null, ev: { action: string; reason: string }): Promise<void> {
      await (before ? tables.consequences.put(tx, next) : tables.consequences.insert(tx, next));
      await audit.write(tx, {
        at: next.at,
        actorId: next.decidedBy,
        action: ev.action,
        entity: 'consequence',
        entityId: next.id,
        before,
        after: next,
        reason: ev.reason,
      });
    },
    /** A rectification re-check that did not pass: the consequence stays; the re-check is recorded (audit). */
    async recordRecheck(tx: Tx, doc: ConsequenceDoc, ev: { actorId: string; now: number; reason: string }): Promise<void> {
      await audit.write(tx, {
        at: ev.now,
        actorId: ev.actorId,
        action: 'consequence.recheck.fail',
        entity: 'consequence',
        entityId: doc.id,
        before: doc,
        after: doc,
        reason: ev.reason,
      });
    },
  };
}
export type ConsequencesRepo = ReturnType<typeof consequencesRepo>;
