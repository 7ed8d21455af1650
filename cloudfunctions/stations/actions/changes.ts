import type { ParsedInputOf } from '../../../shared/api/define';
import type { EntryFields, EntryView, StationsApi } from '../../../shared/api/stations';
import { AppError } from '../../../shared/errors';
import { type StationRecord, stationRecordSchema } from '../../../shared/schemas/records';
import type { TxOps } from '../../_kernel/db/port';
import type { Ctx } from '../../_kernel/router';
import { requireOversight } from '../../_kernel/scope';
import {
  checkDate,
  checkEvidence,
  idempotent,
  type LoadedStation,
  loadRecord,
  requireAuthorRole,
  requireHost,
  requireTeam,
  staffCorrectRoles,
  todayOf,
  txGetter,
  viewOf,
} from './common';
import { checkResultDate } from './log';

/**
 * Corrections (nothing is deleted; every change is an audit event with before and after):
 * - the author edits or withdraws an entry that is not confirmed (pending, or disputed — an edit of a
 *   disputed entry sends it back to the host unit as pending);
 * - the host-unit contact confirms or disputes (with a reason);
 * - staff of the owning CAST correct anything, confirmed entries included, always with a reason.
 */

/** The entry with the form's fields replacing its own (kind-specific derived fields recomputed). */
function withFields(rec: StationRecord, entry: EntryFields, today: string): StationRecord {
  const { kind: _kind, ...fields } = entry;
  const next = { ...rec, ...fields } as StationRecord;
  if (next.kind === 'serviceDay' && rec.kind === 'serviceDay' && next.date !== rec.date) {
    // Moving a day to another date: it is now logged after that day, and the old check-in no longer applies.
    next.backfilled = next.date < today;
    next.checkIn = null;
  }
  if (next.kind === 'research') next.resultDate = next.result ? (next.resultDate ?? next.date) : null;
  return next;
}

/** Re-read the entry inside the transaction; the decision is made on what is stored now. */
async function fresh(tx: TxOps, ctx: Ctx, id: string): Promise<StationRecord> {
  const r = await ctx.store.stations.getRecordTx(tx, id);
  if (!r) throw new AppError('NOT_FOUND', '找不到该记录');
  return r;
}

function requireAuthorOpen(r: StationRecord, me: string): void {
  if (r.authorId !== me) throw new AppError('AUTH.FORBIDDEN', '只能修改或撤回自己登记的记录');
  if (r.status === 'confirmed') throw new AppError('STATION.ENTRY_LOCKED');
  if (r.status === 'withdrawn') throw new AppError('CONFLICT.STATE', '该记录已撤回；如需登记请重新填写');
}

async function commit(
  tx: TxOps,
  ctx: Ctx,
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
  return viewOf(txGetter(tx), ctx, next, sc);
}

export async function editEntry(ctx: Ctx, input: ParsedInputOf<StationsApi['editEntry']>): Promise<EntryView> {
  return idempotent(ctx, input.requestId, async () => {
    const { record, ...sc } = await loadRecord(ctx, input.recordId);
    const me = requireAuthorRole(ctx, sc.station, record.kind);
    requireAuthorOpen(record, me);
    if (input.entry.kind !== record.kind)
      throw new AppError('INPUT.INVALID', undefined, { issues: [{ path: 'entry.kind', message: '不能改变记录的类别' }] });
    const today = todayOf(ctx);
    // The period the entry counted toward must still be open, and so must the one it moves to.
    checkDate(record.date, record.kind, sc, today, { path: 'entry.date' });
    checkDate(input.entry.date, record.kind, sc, today, { path: 'entry.date' });
    if (input.entry.kind === 'research' && input.entry.result && input.entry.resultDate)
      checkResultDate(input.entry.date, input.entry.resultDate, today, sc, 'entry.resultDate');
    await checkEvidence(ctx, input.entry.evidence, record.evidence, 'entry.evidence');
    return async (tx) => {
      const before = await fresh(tx, ctx, record.id);
      requireAuthorOpen(before, me);
      const after = { ...withFields(before, input.entry, today), status: 'pending' as const, statusReason: '' };
      return commit(tx, ctx, before, after, sc, 'record.edit', me, '');
    };
  });
}

export async function withdrawEntry(ctx: Ctx, input: ParsedInputOf<StationsApi['withdrawEntry']>): Promise<EntryView> {
  return idempotent(ctx, input.requestId, async () => {
    const { record, ...sc } = await loadRecord(ctx, input.recordId);
    // Still on the station's team (or its society's secretary, for agreement progress): an expert
    // removed from the team no longer changes its entries, even holding another binding elsewhere.
    const me = requireAuthorRole(ctx, sc.station, record.kind);
    requireAuthorOpen(record, me);
    return async (tx) => {
      const before = await fresh(tx, ctx, record.id);
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
export async function confirmEntry(ctx: Ctx, input: ParsedInputOf<StationsApi['confirmEntry']>): Promise<EntryView> {
  return idempotent(ctx, input.requestId, async () => {
    const { record, ...sc } = await loadRecord(ctx, input.recordId);
    const me = requireHost(ctx, sc.station);
    const check = (r: StationRecord) => {
      if (r.authorId === me) throw new AppError('AUTH.FORBIDDEN', '不能确认自己登记的记录');
      if (r.status === 'confirmed') throw new AppError('STATION.ENTRY_LOCKED', '该记录已确认；如需更正请联系科协工作人员');
      if (r.status === 'withdrawn') throw new AppError('CONFLICT.STATE', '该记录已被登记人撤回');
      if (r.status === 'disputed' && input.decision === 'dispute') throw new AppError('CONFLICT.STATE', '该记录已标记为有异议');
    };
    check(record);
    return async (tx) => {
      const before = await fresh(tx, ctx, record.id);
      check(before);
      const status = input.decision === 'confirm' ? 'confirmed' : 'disputed';
      return commit(tx, ctx, before, { ...before, status, statusReason: input.reason }, sc, `record.${input.decision}`, me, input.reason);
    };
  });
}

/** 调研成果 added to a study later (any member of the team). A confirmed study goes back for confirmation of its result. */
export async function logResearchResult(ctx: Ctx, input: ParsedInputOf<StationsApi['logResearchResult']>): Promise<EntryView> {
  return idempotent(ctx, input.requestId, async () => {
    const { record, ...sc } = await loadRecord(ctx, input.recordId);
    const me = requireTeam(ctx, sc.station);
    const check = (r: StationRecord) => {
      if (r.kind !== 'research')
        throw new AppError('INPUT.INVALID', undefined, { issues: [{ path: 'recordId', message: '该记录不是调研记录' }] });
      if (r.status === 'withdrawn') throw new AppError('CONFLICT.STATE', '该调研记录已撤回');
      return r;
    };
    check(record);
    checkResultDate(record.date, input.resultDate, todayOf(ctx), sc);
    return async (tx) => {
      const before = check(await fresh(tx, ctx, record.id));
      const wasConfirmed = before.status === 'confirmed';
      const after: StationRecord = {
        ...before,
        result: input.result,
        resultDate: input.resultDate,
        status: 'pending',
        statusReason: wasConfirmed ? '补充了调研成果，待建站单位再次确认' : '',
      };
      return commit(tx, ctx, before, after, sc, 'record.researchResult', me, '');
    };
  });
}

/**
 * Staff of the owning CAST correct an entry (fields and/or status), confirmed ones included; the
 * reason is required and kept. Staff are not bound by the backfill window, but by the calendar:
 * no future dates, none before the plaque date.
 */
export async function correctEntry(ctx: Ctx, input: ParsedInputOf<StationsApi['correctEntry']>): Promise<EntryView> {
  return idempotent(ctx, input.requestId, async () => {
    const { record, ...sc } = await loadRecord(ctx, input.recordId);
    const staff = await requireOversight(ctx.store, ctx.caller, sc.station.castUnitId, staffCorrectRoles);
    const today = todayOf(ctx);
    if (input.entry) {
      if (input.entry.kind !== record.kind)
        throw new AppError('INPUT.INVALID', undefined, { issues: [{ path: 'entry.kind', message: '不能改变记录的类别' }] });
      checkDate(input.entry.date, record.kind, sc, today, { path: 'entry.date', window: false });
      if (input.entry.kind === 'research' && input.entry.result && input.entry.resultDate)
        checkResultDate(input.entry.date, input.entry.resultDate, today, sc, 'entry.resultDate', false);
      await checkEvidence(ctx, input.entry.evidence, record.evidence, 'entry.evidence');
    }
    return async (tx) => {
      const before = await fresh(tx, ctx, record.id);
      let after: StationRecord = input.entry ? withFields(before, input.entry, today) : { ...before };
      after = { ...after, status: input.status ?? before.status, statusReason: input.reason };
      return commit(tx, ctx, before, after, sc, 'record.correct', staff.personId, input.reason);
    };
  });
}
