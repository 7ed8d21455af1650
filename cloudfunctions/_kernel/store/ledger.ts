import { createHash } from 'node:crypto';
import type { AwardDoc, CheckDoc, ConsequenceDoc, LedgerEntry, SubjectRef } from '../../../shared/schemas/awards';
import type { Assessment } from '../../../shared/schemas/reports';
import type { Db, Where } from '../db/port';
import type { AuditRepo } from './audit';
import type { Collection } from './collection';
import { findAll } from './paging';
import { tables } from './tables';
import type { Tx } from './tx';

/**
 * The money ledger (collection `ledger`, issue 14 item 3): its one writer. Payments (staff, with the
 * voucher), expenses (the unit, with receipts), refunds received and case-by-case amounts, in 分. A
 * mistaken entry is reversed (who, when, why), never deleted. What is due and what must be refunded is
 * computed by shared/rules/post-award/money.ts from these entries and the facts the other repositories
 * write (awards, awardChecks, assessments, consequences) — read here, never written.
 */
const IN_CHUNK = 100;

/**
 * The id of the n-th place (1-based) in a subject's ledger. Every entry written through `append` takes the
 * place after the entries its writer read, so two writers who read the same ledger compete for one id:
 * on the cloud one transaction conflicts and runs again, on SQLite the second finds the place taken —
 * either way the second re-reads what the first wrote before deciding (money concurrency, helper FILES14).
 */
export const ledgerPlaceId = (s: SubjectRef, n: number): string =>
  `le_${createHash('sha256').update(`${s.type}:${s.id}`).digest('hex').slice(0, 24)}_${n}`;

export function ledgerRepo(db: Db, audit: AuditRepo) {
  async function findIn<T>(c: Collection<T>, field: string, values: readonly string[], extra: Where = {}): Promise<T[]> {
    const out: T[] = [];
    const all = [...new Set(values)];
    for (let i = 0; i < all.length; i += IN_CHUNK)
      out.push(...(await findAll(db, c, { ...extra, [field]: { $in: all.slice(i, i + IN_CHUNK) } })));
    return out;
  }
  /** Record an entry, audited, inside the caller's transaction. */
  async function record(tx: Tx, e: LedgerEntry, reason = ''): Promise<void> {
    await tables.ledger.insert(tx, e);
    await audit.write(tx, {
      at: e.at,
      actorId: e.recordedBy,
      action: `ledger.${e.kind}`,
      entity: 'ledger',
      entityId: e.id,
      before: null,
      after: e,
      reason,
    });
  }
  return {
    get: (id: string) => tables.ledger.get(db, id),
    getTx: (tx: Tx, id: string) => tables.ledger.get(tx, id),
    /** Every entry of one award or station, reversed ones included, oldest first. */
    ofSubject: (s: SubjectRef): Promise<LedgerEntry[]> =>
      findAll(db, tables.ledger, { 'subject.type': s.type, 'subject.id': s.id }, { orderBy: { field: 'at', direction: 'asc' } }),
    /** Every entry of these CAST units (the yearly funding summary). */
    ofCastUnits: (castUnitIds: readonly string[]): Promise<LedgerEntry[]> => findIn(tables.ledger, 'castUnitId', castUnitIds),

    // ----- facts the money view is computed from (each collection written by its own repository) -----
    award: (id: string): Promise<AwardDoc | null> => tables.awards.get(db, id),
    awardsOf: (castUnitIds: readonly string[]): Promise<AwardDoc[]> => findIn(tables.awards, 'castUnitId', castUnitIds),
    checksOfAward: (awardId: string): Promise<CheckDoc[]> => findAll(db, tables.awardChecks, { awardId }),
    checksOf: (castUnitIds: readonly string[]): Promise<CheckDoc[]> => findIn(tables.awardChecks, 'castUnitId', castUnitIds),
    consequencesOf: (s: SubjectRef): Promise<ConsequenceDoc[]> =>
      findAll(db, tables.consequences, { 'subject.type': s.type, 'subject.id': s.id }),
    consequencesOfUnits: (castUnitIds: readonly string[]): Promise<ConsequenceDoc[]> =>
      findIn(tables.consequences, 'castUnitId', castUnitIds),
    assessmentsOfStation: (stationId: string): Promise<Assessment[]> => findAll(db, tables.assessments, { stationId }),
    assessmentsOf: (castUnitIds: readonly string[]): Promise<Assessment[]> =>
      findIn(tables.assessments, 'castUnitId', castUnitIds, { state: 'published' }),

    /**
     * Append an entry to a subject's ledger inside the caller's transaction, decided on every entry:
     * `seen` are the subject's entries read before the transaction; the entries written since (the places
     * after them) are read here by id, and `decide(all)` — the subject's entries now — returns the entry to
     * write or throws the refusal. The entry takes the next free place (its id), audited.
     */
    async append(
      tx: Tx,
      s: SubjectRef,
      seen: readonly LedgerEntry[],
      decide: (all: readonly LedgerEntry[]) => { entry: Omit<LedgerEntry, 'id'>; reason?: string },
    ): Promise<LedgerEntry> {
      const known = new Set(seen.map((e) => e.id));
      const newer: LedgerEntry[] = [];
      let n = seen.length + 1;
      for (;;) {
        const e = await tables.ledger.get(tx, ledgerPlaceId(s, n));
        if (!e) break;
        if (!known.has(e.id)) newer.push(e);
        n++;
      }
      const d = decide([...seen, ...newer]);
      const entry: LedgerEntry = { ...d.entry, id: ledgerPlaceId(s, n) };
      await record(tx, entry, d.reason ?? '');
      return entry;
    },
    /** Record an entry, audited, inside the caller's transaction (store.once). */
    record,
    /** Reverse a mistaken entry (never deleted), audited with before and after, inside the caller's transaction. */
    async reverse(tx: Tx, before: LedgerEntry, ev: { by: string; at: number; reason: string }): Promise<LedgerEntry> {
      const after: LedgerEntry = { ...before, reversedBy: ev.by, reversal: { at: ev.at, reason: ev.reason } };
      await tables.ledger.put(tx, after);
      await audit.write(tx, {
        at: ev.at,
        actorId: ev.by,
        action: 'ledger.reverse',
        entity: 'ledger',
        entityId: before.id,
        before,
        after,
        reason: ev.reason,
      });
      return after;
    },
  };
}
export type LedgerRepo = ReturnType<typeof ledgerRepo>;
