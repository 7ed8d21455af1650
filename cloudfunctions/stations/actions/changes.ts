import type { ParsedInputOf } from '../../../shared/api/define';
import type { ConfirmManyItem, ConfirmManyResult, EntryView, StationsApi } from '../../../shared/api/stations';
import { AppError } from '../../../shared/errors';
import {
  authorChangeRefusal,
  confirmRefusal,
  kindChangeRefusal,
  studyForResult,
  unconfirmRefusal,
  withEntryFields,
  withResearchResult,
} from '../../../shared/rules/entry-changes';
import { authorOnlyRefusal, frozenRefusal } from '../../../shared/rules/frozen';
import { type StationRecord, stationRecordSchema } from '../../../shared/schemas/records';
import { requireSafeText } from '../../_kernel/content';
import type { Uses } from '../../_kernel/router';
import { requireOversight } from '../../_kernel/scope';
import type { Tx } from '../../_kernel/store';
import { txGetter, viewOf } from './entry-view';
import { checkResultDate, textFieldsOf } from './log';
import {
  checkDate,
  checkEvidence,
  idempotent,
  type LoadedStation,
  loadRecord,
  refusalError,
  refuse,
  requireAuthorRole,
  requireHost,
  requireTeam,
  staffCorrectRoles,
  todayOf,
} from './station-access';

/**
 * Corrections (nothing is deleted; every change is an audit event with before and after):
 * - the author edits or withdraws an entry that is not confirmed (pending, or disputed — an edit of a
 *   disputed entry sends it back to the host unit as pending);
 * - the host-unit contact confirms or disputes (with a reason);
 * - staff of the owning CAST correct anything, confirmed entries included, always with a reason;
 * - a record of a closed period (past its backfill deadline) is frozen for everyone but that staff
 *   correction (shared/rules/frozen.ts): no edit, withdrawal, confirmation, dispute or added result.
 */

/** Re-read the entry inside the transaction; the decision is made on what is stored now. */
async function fresh(tx: Tx, ctx: Uses<'store'>, id: string): Promise<StationRecord> {
  const r = await ctx.store.stations.getRecordTx(tx, id);
  if (!r) throw new AppError('NOT_FOUND', '找不到该记录');
  return r;
}

const requireAuthorOpen = (r: StationRecord, me: string): void => refuse(authorChangeRefusal(r, me));
/** A record of a closed period is frozen: only correctEntry (staff, reason, audited) changes it (shared/rules/frozen.ts). */
const requireUnfrozen = (r: StationRecord, sc: LoadedStation, today: string): void => refuse(frozenRefusal(r, sc, today));

async function commit(
  tx: Tx,
  ctx: Uses<'store' | 'clock' | 'caller'>,
  before: StationRecord,
  after: StationRecord,
  sc: LoadedStation,
  action: string,
  actorId: string,
  reason: string,
) {
  const now = ctx.clock.now();
  const next = stationRecordSchema.parse({ ...after, updatedAt: now });
  await ctx.store.stations.writeRecord(tx, before, next, sc, { actorId, action, reason, now });
  return viewOf(txGetter(ctx, tx), ctx, next, sc);
}

export async function editEntry(
  ctx: Uses<'store' | 'clock' | 'files' | 'contentCheck' | 'log' | 'caller' | 'fn' | 'action'>,
  input: ParsedInputOf<StationsApi['editEntry']>,
): Promise<EntryView> {
  return idempotent(ctx, input.requestId, async () => {
    const { record, ...sc } = await loadRecord(ctx, input.recordId);
    const me = requireAuthorRole(ctx, sc.station, record.kind);
    const today = todayOf(ctx);
    requireUnfrozen(record, sc, today);
    requireAuthorOpen(record, me);
    refuse(kindChangeRefusal(record.kind, input.entry.kind));
    // The period the entry counted toward must still be open, and so must the one it moves to.
    checkDate(record.date, record.kind, sc, today, { path: 'entry.date' });
    checkDate(input.entry.date, record.kind, sc, today, { path: 'entry.date' });
    if (input.entry.kind === 'research' && input.entry.result && input.entry.resultDate)
      checkResultDate(input.entry.date, input.entry.resultDate, today, sc, 'entry.resultDate');
    await checkEvidence(ctx, sc.station.id, input.entry.evidence, record.evidence, 'entry.evidence');
    await requireSafeText(ctx, textFieldsOf(input.entry, 'entry.'));
    return async (tx) => {
      const before = await fresh(tx, ctx, record.id);
      requireUnfrozen(before, sc, today);
      requireAuthorOpen(before, me);
      const after = { ...withEntryFields(before, input.entry, today), status: 'pending' as const, statusReason: '' };
      return commit(tx, ctx, before, after, sc, 'record.edit', me, '');
    };
  });
}

export async function withdrawEntry(
  ctx: Uses<'store' | 'clock' | 'contentCheck' | 'log' | 'caller' | 'fn' | 'action'>,
  input: ParsedInputOf<StationsApi['withdrawEntry']>,
): Promise<EntryView> {
  return idempotent(ctx, input.requestId, async () => {
    const { record, ...sc } = await loadRecord(ctx, input.recordId);
    // Still on the station's team (or its society's secretary, for agreement progress): an expert
    // removed from the team no longer changes its entries, even holding another binding elsewhere.
    const me = requireAuthorRole(ctx, sc.station, record.kind);
    const today = todayOf(ctx);
    requireUnfrozen(record, sc, today);
    requireAuthorOpen(record, me);
    await requireSafeText(ctx, { reason: input.reason });
    return async (tx) => {
      const before = await fresh(tx, ctx, record.id);
      requireUnfrozen(before, sc, today);
      requireAuthorOpen(before, me);
      // A withdrawn service day releases its date (writeRecord removes the day lock).
      return commit(
        tx,
        ctx,
        before,
        { ...before, status: 'withdrawn', statusReason: input.reason },
        sc,
        'record.withdraw',
        me,
        input.reason,
      );
    };
  });
}

/** The host-unit contact confirms (→ verified) or disputes (with a reason; → not counted) an entry. */
export async function confirmEntry(
  ctx: Uses<'store' | 'clock' | 'contentCheck' | 'log' | 'caller' | 'fn' | 'action'>,
  input: ParsedInputOf<StationsApi['confirmEntry']>,
): Promise<EntryView> {
  return idempotent(ctx, input.requestId, async () => {
    const { record, ...sc } = await loadRecord(ctx, input.recordId);
    const me = requireHost(ctx, sc.station);
    const today = todayOf(ctx);
    // A pending entry of a closed period stays pending: the assessment of that period reads it as it was.
    const check = (r: StationRecord) => {
      requireUnfrozen(r, sc, today);
      refuse(confirmRefusal(r, me, input.decision));
    };
    check(record);
    await requireSafeText(ctx, { reason: input.reason });
    return async (tx) => {
      const before = await fresh(tx, ctx, record.id);
      check(before);
      const status = input.decision === 'confirm' ? 'confirmed' : 'disputed';
      return commit(tx, ctx, before, { ...before, status, statusReason: input.reason }, sc, `record.${input.decision}`, me, input.reason);
    };
  });
}

/**
 * 全部确认 (issue 15, finding 12): up to CONFIRM_MANY_MAX entries per call. The caller must be the host
 * contact of every entry's station, and no entry may be frozen (both checked first; otherwise the
 * whole call is refused and nothing is written). Then one after another, each through confirmEntry itself — the same authorisation (this station's host contact, not the author),
 * the same frozen-period and state rules, its own transaction — and idempotent per entry under
 * `requestId:recordId`, so a call retried after a timeout replays the entries already done and does
 * the rest. One entry refused does not stop the others; each answers its own result.
 */
export async function confirmMany(
  ctx: Uses<'store' | 'clock' | 'contentCheck' | 'log' | 'caller' | 'fn' | 'action'>,
  input: ParsedInputOf<StationsApi['confirmMany']>,
): Promise<ConfirmManyResult> {
  // Who may confirm is all or nothing, decided before anything is written: every entry must belong to a
  // station the caller is the host contact of (the same loadRecord + requireHost confirmEntry runs).
  // A record of a closed period is frozen (shared/rules/frozen.ts): the app never offers one, so one in the
  // list is a stale list — the whole call is refused with the period named, and nothing is written.
  const today = todayOf(ctx);
  for (const recordId of input.recordIds) {
    const { record, ...sc } = await loadRecord(ctx, recordId);
    requireHost(ctx, sc.station);
    requireUnfrozen(record, sc, today);
  }
  const items: ConfirmManyItem[] = [];
  for (const recordId of input.recordIds) {
    try {
      const v = await confirmEntry(ctx, { requestId: `${input.requestId}:${recordId}`, recordId, decision: 'confirm', reason: '' });
      items.push({ recordId, ok: true, status: v.record.status, code: null, message: null });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      items.push({ recordId, ok: false, status: null, code: e.code, message: e.message });
    }
  }
  const confirmed = items.filter((i) => i.ok).length;
  return { confirmed, failed: items.length - confirmed, items };
}

/**
 * 撤销确认: the host-unit contact takes a confirmation back (→ pending) while the entry's period is
 * open; a frozen (closed) period cannot be undone (shared/rules/frozen.ts) — staff correct it.
 */
export async function undoConfirm(
  ctx: Uses<'store' | 'clock' | 'log' | 'caller' | 'fn' | 'action'>,
  input: ParsedInputOf<StationsApi['undoConfirm']>,
): Promise<EntryView> {
  return idempotent(ctx, input.requestId, async () => {
    const { record, ...sc } = await loadRecord(ctx, input.recordId);
    const me = requireHost(ctx, sc.station);
    const today = todayOf(ctx);
    const check = (r: StationRecord) => {
      requireUnfrozen(r, sc, today);
      refuse(unconfirmRefusal(r, me));
    };
    check(record);
    return async (tx) => {
      const before = await fresh(tx, ctx, record.id);
      check(before);
      return commit(tx, ctx, before, { ...before, status: 'pending', statusReason: '' }, sc, 'record.unconfirm', me, '');
    };
  });
}

/**
 * 调研成果 added to a study later, by the study's author (a teammate changing someone else's study
 * would send it back to pending). A confirmed study goes back for confirmation of its result. A
 * study of a closed period is frozen (its year's verified count must not drop): staff correct it.
 */
export async function logResearchResult(
  ctx: Uses<'store' | 'clock' | 'contentCheck' | 'log' | 'caller' | 'fn' | 'action'>,
  input: ParsedInputOf<StationsApi['logResearchResult']>,
): Promise<EntryView> {
  return idempotent(ctx, input.requestId, async () => {
    const { record, ...sc } = await loadRecord(ctx, input.recordId);
    const me = requireTeam(ctx, sc.station);
    const today = todayOf(ctx);
    const check = (r: StationRecord) => {
      requireUnfrozen(r, sc, today);
      const { study, refusal } = studyForResult(r);
      if (!study) throw refusalError(refusal);
      refuse(authorOnlyRefusal(study, me));
      return study;
    };
    check(record);
    checkResultDate(record.date, input.resultDate, today, sc);
    await requireSafeText(ctx, { result: input.result });
    return async (tx) => {
      const before = check(await fresh(tx, ctx, record.id));
      return commit(tx, ctx, before, withResearchResult(before, input.result, input.resultDate), sc, 'record.researchResult', me, '');
    };
  });
}

/**
 * Staff of the owning CAST correct an entry (fields and/or status), confirmed ones included; the
 * reason is required and kept. Staff are not bound by the backfill window, but by the calendar:
 * no future dates, none before the plaque date.
 */
export async function correctEntry(
  ctx: Uses<'store' | 'clock' | 'files' | 'contentCheck' | 'log' | 'caller' | 'fn' | 'action'>,
  input: ParsedInputOf<StationsApi['correctEntry']>,
): Promise<EntryView> {
  return idempotent(ctx, input.requestId, async () => {
    const { record, ...sc } = await loadRecord(ctx, input.recordId);
    const staff = await requireOversight(ctx.store, ctx.caller, sc.station.castUnitId, staffCorrectRoles);
    const today = todayOf(ctx);
    if (input.entry) {
      refuse(kindChangeRefusal(record.kind, input.entry.kind));
      checkDate(input.entry.date, record.kind, sc, today, { path: 'entry.date', window: false });
      if (input.entry.kind === 'research' && input.entry.result && input.entry.resultDate)
        checkResultDate(input.entry.date, input.entry.resultDate, today, sc, 'entry.resultDate', false);
      await checkEvidence(ctx, sc.station.id, input.entry.evidence, record.evidence, 'entry.evidence');
    }
    await requireSafeText(ctx, { ...(input.entry ? textFieldsOf(input.entry, 'entry.') : {}), reason: input.reason });
    return async (tx) => {
      const before = await fresh(tx, ctx, record.id);
      let after: StationRecord = input.entry ? withEntryFields(before, input.entry, today) : { ...before };
      after = { ...after, status: input.status ?? before.status, statusReason: input.reason };
      return commit(tx, ctx, before, after, sc, 'record.correct', staff.personId, input.reason);
    };
  });
}
