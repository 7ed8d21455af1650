import type { AwardsApi } from '../../../shared/api/awards';
import type { ConsequenceList, ConsequenceView } from '../../../shared/api/consequences';
import type { ParsedInputOf } from '../../../shared/api/define';
import { AppError } from '../../../shared/errors';
import { getProgramme } from '../../../shared/programmes';
import { decideRefund, misconductProposalId } from '../../../shared/rules/post-award/consequences';
import type { ConsequenceDoc, SubjectRef } from '../../../shared/schemas/awards';
import type { Station } from '../../../shared/schemas/org';
import { requireSafeText } from '../../_kernel/content';
import type { Uses } from '../../_kernel/router';
import { requireOversight } from '../../_kernel/scope';
import type { SanctionDoc } from '../../_kernel/store/applications';
import { newId } from '../../_kernel/store/audit';
import { requestKey } from '../../_kernel/store/idempotency';
import type { Tx } from '../../_kernel/store/tx';
import {
  actorOf,
  actsForSubject,
  anyDecider,
  consequenceViews,
  decidersOf,
  decidersOfProgramme,
  decidesFor,
  type LoadedSubject,
  loadSubject,
  noDeciders,
  overseenUnits,
  todayOf,
} from './consequences-facts';

/**
 * Consequences (issue 14 item 4): the product proposes them from outcomes (shared/rules/post-award/
 * consequences.ts), staff confirm or dismiss each with the clause shown. Confirming writes, in one
 * transaction, the decision and its effects: a ban as a sanction eligibility reads, the rectification
 * deadline, 摘牌 (station → delisted), revocation / stop funding (read by the money view) and the
 * refund demanded. A rectification is lifted by the station's next passing assessment or a re-check.
 */

type Ctx = Uses<'store' | 'clock' | 'caller' | 'fn' | 'action'>;

const subjectRef = (s: LoadedSubject): SubjectRef =>
  s.type === 'award' ? { type: 'award', id: s.award.id } : { type: 'station', id: s.station.id };

async function viewOne(ctx: Ctx, s: LoadedSubject, id: string): Promise<ConsequenceView> {
  const deciders = await decidersOf(ctx);
  const { views } = await consequenceViews(ctx, { subject: s }, deciders);
  const v = views.find((x) => x.id === id);
  if (!v) throw new AppError('NOT_FOUND', '找不到该处理建议');
  return v;
}

export async function listConsequences(
  ctx: Uses<'store' | 'clock' | 'caller'>,
  input: ParsedInputOf<AwardsApi['listConsequences']>,
): Promise<ConsequenceList> {
  const readable = await overseenUnits(ctx);
  const deciders = await decidersOf(ctx);
  let side: ConsequenceList['side'] = 'staff';
  let result: Awaited<ReturnType<typeof consequenceViews>>;
  if (input.subject) {
    const s = await loadSubject(ctx, input.subject);
    if (!readable.includes(s.castUnitId)) {
      if (!(await actsForSubject(ctx, s))) throw new AppError('AUTH.FORBIDDEN');
      side = 'applicant';
    }
    result = await consequenceViews(ctx, { subject: s }, side === 'staff' ? deciders : noDeciders);
  } else if (readable.length > 0) {
    result = await consequenceViews(ctx, { castUnitIds: readable }, deciders);
  } else {
    // the applicant side: the awards and stations it holds
    side = 'applicant';
    const views: ConsequenceView[] = [];
    for (const s of await heldSubjects(ctx)) views.push(...(await consequenceViews(ctx, { subject: s }, noDeciders)).views);
    result = { views, items: [] };
  }
  // the awarded unit sees what was confirmed (and lifted) about it, never proposals or dismissals
  let items = side === 'applicant' ? result.views.filter((v) => v.status === 'confirmed' || v.status === 'lifted') : result.views;
  const openCount = items.filter((v) => v.status === 'proposed').length;
  if (input.status) items = items.filter((v) => v.status === input.status);
  items.sort((a, b) =>
    (a.status === 'proposed') !== (b.status === 'proposed') ? (a.status === 'proposed' ? -1 : 1) : a.outcomeOn < b.outcomeOn ? 1 : -1,
  );
  const reportable: ConsequenceList['reportable'] = [];
  if (side === 'staff' && anyDecider(deciders) && !input.subject) {
    // only where the programme names a penalty for misconduct (postAward.misconduct)
    const hasRule = (programmeId: string) => !!getProgramme(programmeId)?.postAward?.misconduct;
    for (const a of await ctx.store.awards.ofCastUnits([...new Set([...deciders.city, ...deciders.district])]))
      if (hasRule(a.programmeId) && decidesFor(deciders, getProgramme(a.programmeId), a.castUnitId))
        reportable.push({ subject: { type: 'award', id: a.id }, name: a.title });
    for (const st of await ctx.store.org.stations())
      if (
        decidesFor(deciders, getProgramme(st.programmeId), st.castUnitId) &&
        st.status !== 'delisted' &&
        st.status !== 'closed' &&
        hasRule(st.programmeId)
      )
        reportable.push({ subject: { type: 'station', id: st.id }, name: st.name });
  }
  return { items, openCount, side, reportable };
}

/** The awards and stations the caller holds (secretary of the society, contact of the host unit). */
async function heldSubjects(ctx: Uses<'store' | 'caller'>): Promise<LoadedSubject[]> {
  const out: LoadedSubject[] = [];
  const societyIds = new Set(ctx.caller.bindings.filter((b) => b.role === 'secretary' && b.scope.societyId).map((b) => b.scope.societyId!));
  const hostIds = new Set(
    ctx.caller.bindings.filter((b) => b.role === 'hostContact' && b.scope.hostUnitId).map((b) => b.scope.hostUnitId!),
  );
  const stationIds = new Set(
    ctx.caller.bindings.filter((b) => b.role === 'hostContact' && b.scope.stationId).map((b) => b.scope.stationId!),
  );
  if (societyIds.size + hostIds.size + stationIds.size === 0) throw new AppError('AUTH.FORBIDDEN');
  const stations = (await ctx.store.org.stations()).filter(
    (s) => societyIds.has(s.societyId) || hostIds.has(s.hostUnitId) || stationIds.has(s.id),
  );
  for (const s of stations) out.push(await loadSubject(ctx, { type: 'station', id: s.id }));
  const castUnits = [...new Set(stations.map((s) => s.castUnitId))];
  const societies = await ctx.store.reports.societiesByIds([...societyIds]);
  const hosts = await ctx.store.reports.hostUnitsByIds([...hostIds, ...stations.map((s) => s.hostUnitId)]);
  for (const u of [...societies.values(), ...hosts.values()]) if (u) castUnits.push(u.castUnitId);
  for (const a of await ctx.store.awards.ofCastUnits([...new Set(castUnits)])) {
    const mine =
      (a.applicant.societyId && societyIds.has(a.applicant.societyId)) ||
      (a.applicant.hostUnitId && (hostIds.has(a.applicant.hostUnitId) || stations.some((s) => s.hostUnitId === a.applicant.hostUnitId)));
    if (mine) out.push(await loadSubject(ctx, { type: 'award', id: a.id }));
  }
  return out;
}

/** The unit a ban is imposed on: the award's applicant, or the station's host unit. */
function banSubject(s: LoadedSubject): { type: 'society' | 'hostUnit'; id: string } | null {
  if (s.type === 'station') return { type: 'hostUnit', id: s.station.hostUnitId };
  const a = s.award.applicant;
  if (a.type === 'society' && a.societyId) return { type: 'society', id: a.societyId };
  if (a.hostUnitId) return { type: 'hostUnit', id: a.hostUnitId };
  return null;
}

async function setStation(
  ctx: Ctx,
  tx: Tx,
  stationId: string,
  next: (current: Station['status']) => Station['status'],
  ev: { actorId: string; now: number; reason: string },
) {
  await ctx.store.org.setStationStatus(tx, stationId, next, { actorId: ev.actorId, now: ev.now, reason: () => ev.reason });
}

export async function decideConsequence(
  ctx: Ctx & Uses<'contentCheck' | 'log'>,
  input: ParsedInputOf<AwardsApi['decideConsequence']>,
): Promise<ConsequenceView> {
  const actorId = actorOf(ctx);
  const s = await loadSubject(ctx, input.subject);
  await requireOversight(ctx.store, ctx.caller, s.castUnitId, decidersOfProgramme(s.programme));
  const key = requestKey(ctx, input.requestId);
  const replayed = await ctx.store.replay<string>(key);
  if (replayed !== null) return viewOne(ctx, s, replayed);
  const { items } = await consequenceViews(ctx, { subject: s }, noDeciders);
  const item = items.find((i) => i.id === input.consequenceId);
  if (!item) throw new AppError('NOT_FOUND', '找不到该处理建议');
  if (item.status !== 'proposed')
    throw new AppError('CONFLICT.STATE', `该处理已${item.status === 'dismissed' ? '决定不予处理' : '确认'}，不能再次决定`);
  await requireSafeText(ctx, { reason: input.reason });
  const confirm = input.decision === 'confirm';
  let refundFen: number | null = null;
  if (confirm) {
    const paid = (await ctx.store.consequences.ledgerOf(subjectRef(s)))
      .filter((e) => e.kind === 'payment' && e.reversedBy === null)
      .reduce((a, e) => a + e.amountFen, 0);
    const r = decideRefund(item, input.refundYuan, paid);
    if (!r.ok) throw new AppError('INPUT.INVALID', undefined, { issues: [{ path: 'refundYuan', message: r.message }] });
    refundFen = r.refundFen;
  } else if (input.refundYuan !== undefined) {
    throw new AppError('INPUT.INVALID', undefined, { issues: [{ path: 'refundYuan', message: '不予处理时不填写退还金额' }] });
  }
  const now = ctx.clock.now();
  const today = todayOf(ctx);
  const id = await ctx.store.once(key, now, async (tx) => {
    const before = await ctx.store.consequences.getTx(tx, item.id);
    if (before && before.status !== 'reported') throw new AppError('CONFLICT.STATE', '该处理已作出决定，不能再次决定');
    let sanctionId: string | null = null;
    const ban = confirm && item.banYears > 0 ? banSubject(s) : null;
    if (ban) {
      const sanction: SanctionDoc = {
        id: newId('sn', now),
        subjectType: ban.type,
        subjectId: ban.id,
        programmeId: item.programmeId,
        penaltyId: item.penaltyId,
        imposedOn: today,
        reason: `${item.trigger}（${item.clause}）：${input.reason}`,
        imposedBy: actorId,
        at: now,
      };
      await ctx.store.applications.recordSanctionTx(tx, sanction);
      sanctionId = sanction.id;
    }
    const doc: ConsequenceDoc = {
      id: item.id,
      subject: item.subject,
      castUnitId: item.castUnitId,
      programmeId: item.programmeId,
      penaltyId: item.penaltyId,
      source: item.source,
      status: confirm ? 'confirmed' : 'dismissed',
      effectiveOn: confirm ? today : item.outcomeOn,
      deadline: confirm ? item.deadline : null,
      refundFen,
      sanctionId,
      reason: input.reason,
      decidedBy: actorId,
      at: now,
      liftedAt: null,
    };
    await ctx.store.consequences.put(tx, doc, before, {
      action: confirm ? 'consequence.confirm' : 'consequence.dismiss',
      reason: input.reason,
    });
    if (s.type === 'station') {
      const why = `${item.trigger}（${item.clause}）${confirm ? '已确认' : '不予处理'}：${input.reason}`;
      if (confirm && item.removePlaque) await setStation(ctx, tx, s.station.id, () => 'delisted', { actorId, now, reason: why });
      else if (confirm && item.rectification)
        await setStation(ctx, tx, s.station.id, (c) => (c === 'active' ? 'rectifying' : c), { actorId, now, reason: why });
      else if (!confirm && item.removePlaque)
        await setStation(ctx, tx, s.station.id, (c) => (c === 'delisting' ? 'active' : c), { actorId, now, reason: why });
      else if (!confirm && item.rectification)
        await setStation(ctx, tx, s.station.id, (c) => (c === 'rectifying' ? 'active' : c), { actorId, now, reason: why });
    }
    return doc.id;
  });
  return viewOne(ctx, s, id);
}

export async function reportMisconduct(
  ctx: Ctx & Uses<'contentCheck' | 'log'>,
  input: ParsedInputOf<AwardsApi['reportMisconduct']>,
): Promise<ConsequenceView> {
  const actorId = actorOf(ctx);
  const s = await loadSubject(ctx, input.subject);
  await requireOversight(ctx.store, ctx.caller, s.castUnitId, decidersOfProgramme(s.programme));
  const key = requestKey(ctx, input.requestId);
  const replayed = await ctx.store.replay<string>(key);
  if (replayed !== null) return viewOne(ctx, s, replayed);
  const today = todayOf(ctx);
  if (input.foundOn > today)
    throw new AppError('INPUT.INVALID', undefined, { issues: [{ path: 'foundOn', message: '查实日期不能晚于今天' }] });
  const now = ctx.clock.now();
  const target = misconductProposalId(s.programme, newId('mc', now));
  if (!target) throw new AppError('CONFLICT.STATE', `${s.programme.title}没有规定查实违规后的处理，请按有关规定另行处理`);
  await requireSafeText(ctx, { finding: input.finding });
  const id = await ctx.store.once(key, now, async (tx) => {
    const doc: ConsequenceDoc = {
      id: target.id,
      subject: subjectRef(s),
      castUnitId: s.castUnitId,
      programmeId: s.programme.id,
      penaltyId: target.penaltyId,
      source: { type: 'misconduct', finding: input.finding },
      status: 'reported',
      effectiveOn: input.foundOn,
      deadline: null,
      refundFen: null,
      sanctionId: null,
      reason: input.finding,
      decidedBy: actorId,
      at: now,
      liftedAt: null,
    };
    await ctx.store.consequences.put(tx, doc, null, { action: 'consequence.report', reason: input.finding });
    return doc.id;
  });
  return viewOne(ctx, s, id);
}

/** Load a confirmed rectification of a station the caller decides for. */
async function confirmedRectification(ctx: Ctx, consequenceId: string) {
  const doc = await ctx.store.consequences.get(consequenceId);
  if (!doc) throw new AppError('NOT_FOUND', '找不到该处理');
  const s = await loadSubject(ctx, doc.subject);
  await requireOversight(ctx.store, ctx.caller, s.castUnitId, decidersOfProgramme(s.programme));
  return { doc, s };
}

async function lift(ctx: Ctx, s: LoadedSubject, before: ConsequenceDoc, reason: string, action: string, key: string) {
  const actorId = actorOf(ctx);
  const now = ctx.clock.now();
  return ctx.store.once(key, now, async (tx) => {
    const current = await ctx.store.consequences.getTx(tx, before.id);
    if (current?.status !== 'confirmed') throw new AppError('CONFLICT.STATE', '该整改已解除或未确认');
    const after: ConsequenceDoc = { ...current, status: 'lifted', liftedAt: now };
    await ctx.store.consequences.put(tx, after, current, { action, reason });
    if (s.type === 'station')
      await setStation(ctx, tx, s.station.id, (c) => (c === 'rectifying' ? 'active' : c), { actorId, now, reason: `整改解除：${reason}` });
    return after.id;
  });
}

export async function liftConsequence(
  ctx: Ctx & Uses<'contentCheck' | 'log'>,
  input: ParsedInputOf<AwardsApi['liftConsequence']>,
): Promise<ConsequenceView> {
  const { doc, s } = await confirmedRectification(ctx, input.consequenceId);
  const key = requestKey(ctx, input.requestId);
  if ((await ctx.store.replay<string>(key)) !== null) return viewOne(ctx, s, doc.id);
  const v = await viewOne(ctx, s, doc.id);
  if (v.status !== 'confirmed' || !v.rectification) throw new AppError('CONFLICT.STATE', '只有已确认的限期整改可以解除');
  if (!v.liftableBy) throw new AppError('CONFLICT.STATE', '该服务站此后还没有已发布的合格考核结果；请先进行整改复查（复查合格即解除）');
  await requireSafeText(ctx, { reason: input.reason });
  await lift(ctx, s, doc, `${v.liftableBy}：${input.reason}`, 'consequence.lift', key);
  return viewOne(ctx, s, doc.id);
}

export async function recheckRectification(
  ctx: Ctx & Uses<'contentCheck' | 'log'>,
  input: ParsedInputOf<AwardsApi['recheckRectification']>,
): Promise<ConsequenceView> {
  const { doc, s } = await confirmedRectification(ctx, input.consequenceId);
  const key = requestKey(ctx, input.requestId);
  if ((await ctx.store.replay<string>(key)) !== null) return viewOne(ctx, s, doc.id);
  if (doc.status !== 'confirmed' || doc.deadline === null) throw new AppError('CONFLICT.STATE', '只有已确认的限期整改可以复查');
  await requireSafeText(ctx, { reason: input.reason });
  if (input.passed) {
    await lift(ctx, s, doc, `整改复查合格：${input.reason}`, 'consequence.recheck.pass', key);
  } else {
    // not passed: the rectification stays; the re-check is recorded (audit) and answered once
    const actorId = actorOf(ctx);
    const now = ctx.clock.now();
    await ctx.store.once(key, now, async (tx) => {
      await ctx.store.consequences.recordRecheck(tx, doc, { actorId, now, reason: `整改复查不合格：${input.reason}` });
      return doc.id;
    });
  }
  return viewOne(ctx, s, doc.id);
}
