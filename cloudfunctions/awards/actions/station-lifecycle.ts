import type { AwardsApi } from '../../../shared/api/awards';
import { type StationChangeView, type StationLifecycleView, stationChangeLabels } from '../../../shared/api/consequences';
import type { ParsedInputOf } from '../../../shared/api/define';
import { chinaDateOf } from '../../../shared/calendar/china-time';
import { AppError } from '../../../shared/errors';
import { getForm } from '../../../shared/forms';
import { applicationTitle } from '../../../shared/rules/applicant-progress';
import { passed as assessmentPassed } from '../../../shared/rules/assessment/consequences';
import { stationStatusLabels } from '../../../shared/rules/assessment/risk-levels';
import { roundUnitsOf } from '../../../shared/rules/offer';
import {
  changeEffect,
  changeRequestRefusal,
  renewalRefusal,
  stationEnded,
  termEndsOn,
} from '../../../shared/rules/post-award/station-lifecycle';
import type { FileRef } from '../../../shared/schemas/common';
import type { Station, StationChangeRequest } from '../../../shared/schemas/org';
import { requireSafeText } from '../../_kernel/content';
import { usableFile } from '../../_kernel/files';
import type { Uses } from '../../_kernel/router';
import { requireOversight } from '../../_kernel/scope';
import type { ApplicationDoc, RoundDoc } from '../../_kernel/store/applications';
import { newId } from '../../_kernel/store/audit';
import { requestKey } from '../../_kernel/store/idempotency';
import {
  actorOf,
  actsForSubject,
  consequenceViews,
  decidersOf,
  decidersOfProgramme,
  decidesFor,
  loadSubject,
  noDeciders,
  overseenUnits,
  todayOf,
} from './consequences-facts';

/**
 * The station lifecycle (seed 004, issue 14 item 5): standing and rectification (consequences),
 * term end, renewal (第十三条: a draft of the programme's renewal kind pre-filled from the station's
 * original application), and merge / reorganise / close on a written request (第十四条), decided by
 * city staff. Every write audited; requests and decisions stay on the station (history kept).
 */

type Ctx = Uses<'store' | 'clock' | 'caller' | 'fn' | 'action'>;

const changeStatusLabels = { pending: '待市科协决定', approved: '已同意', rejected: '不同意' } as const;

async function loadStation(ctx: Uses<'store'>, id: string) {
  const s = await loadSubject(ctx, { type: 'station', id });
  if (s.type !== 'station') throw new AppError('NOT_FOUND');
  return s;
}

/** The open round of the programme the station's unit may file into (its city's, or its county's). */
async function openRoundFor(ctx: Uses<'store' | 'clock'>, station: Station): Promise<RoundDoc | null> {
  const today = todayOf(ctx);
  const castById = new Map((await ctx.store.org.castUnits()).map((u) => [u.id, u] as const));
  const units = roundUnitsOf([station.castUnitId], castById);
  const rounds = await ctx.store.applications.rounds(station.programmeId);
  return rounds.find((r) => r.opensOn <= today && today <= r.closesOn && (!r.castUnitId || units.includes(r.castUnitId))) ?? null;
}

function changeViews(station: Station, names: Map<string, string>): StationChangeView[] {
  return (station.changeRequests ?? [])
    .map((r) => ({
      id: r.id,
      type: r.type,
      typeLabel: stationChangeLabels[r.type],
      reason: r.reason,
      mergeIntoStationId: r.mergeIntoStationId,
      mergeIntoName: r.mergeIntoStationId ? (names.get(r.mergeIntoStationId) ?? r.mergeIntoStationId) : null,
      attachments: r.attachments.map((a) => ({ fileId: a.fileId, name: a.name })),
      requestedAt: r.requestedAt,
      status: r.status,
      statusLabel: changeStatusLabels[r.status],
      decision: r.decision ? { at: r.decision.at, comment: r.decision.comment } : null,
    }))
    .reverse();
}

export async function stationLifecycle(
  ctx: Uses<'store' | 'clock' | 'caller'>,
  input: ParsedInputOf<AwardsApi['stationLifecycle']>,
): Promise<StationLifecycleView> {
  const s = await loadStation(ctx, input.stationId);
  const st = s.station;
  const readable = await overseenUnits(ctx);
  let side: StationLifecycleView['side'] = 'staff';
  if (!readable.includes(st.castUnitId)) {
    if (!(await actsForSubject(ctx, s))) throw new AppError('AUTH.FORBIDDEN');
    side = 'applicant';
  }
  const deciders = side === 'staff' ? await decidersOf(ctx) : noDeciders;
  const { views } = await consequenceViews(ctx, { subject: s }, deciders);
  const consequences = side === 'applicant' ? views.filter((v) => v.status === 'confirmed' || v.status === 'lifted') : views;
  const today = todayOf(ctx);
  const ends = termEndsOn(st);
  const termEnd = (await ctx.store.consequences.assessmentsOfStation(st.id)).find((a) => a.termEnd && a.state === 'published');
  const termEndPassed = termEnd ? assessmentPassed(termEnd) : null;
  const round = await openRoundFor(ctx, st);
  const refusal = renewalRefusal({ station: st, programme: s.programme, today, termEndPassed, openRound: round !== null });
  const renewalApp = await renewalDraftOf(ctx, st, round);
  const [society, host, all] = await Promise.all([
    ctx.store.org.society(st.societyId),
    ctx.store.org.hostUnit(st.hostUnitId),
    ctx.store.org.stations(),
  ]);
  const names = new Map(all.map((x) => [x.id, x.name]));
  const running = consequences.find((c) => c.status === 'confirmed' && c.rectification && c.deadline);
  return {
    station: {
      id: st.id,
      name: st.name,
      status: st.status,
      statusLabel: stationStatusLabels[st.status],
      plaqueDate: st.plaqueDate,
      termYears: st.termYears,
      termEndsOn: ends,
      societyName: society?.name ?? '',
      hostUnitName: host?.name ?? '',
    },
    consequences,
    rectificationDeadline: running?.deadline ?? null,
    termEnd: {
      endsOn: ends,
      passed: termEndPassed,
      text:
        termEndPassed === null
          ? today <= ends
            ? `合作期至 ${ends}，期满考核在期满后进行`
            : '期满考核结果尚未发布'
          : termEndPassed
            ? '期满考核合格，可申请续建'
            : '期满考核不合格，予以摘牌',
    },
    renewal: {
      allowed: refusal === null && renewalApp === null && side === 'applicant',
      reason: renewalApp ? '已创建续建申报草稿' : (refusal ?? ''),
      clause: s.programme.postAward?.renewal?.clause ?? null,
      applicationId: renewalApp,
    },
    changes: changeViews(st, names),
    changeClause: s.programme.postAward?.changes?.clause ?? null,
    canRequestChange:
      side === 'applicant' &&
      !!s.programme.postAward?.changes &&
      !stationEnded(st.status) &&
      !(st.changeRequests ?? []).some((r) => r.status === 'pending'),
    canDecideChange: decidesFor(deciders, s.programme, st.castUnitId),
    mergeTargets: all
      .filter((x) => x.id !== st.id && x.castUnitId === st.castUnitId && x.programmeId === st.programmeId && !stationEnded(x.status))
      .map((x) => ({ id: x.id, name: x.name })),
    side,
  };
}

/** The id of the renewal draft already created for this station in that round, if any. */
async function renewalDraftOf(ctx: Uses<'store'>, st: Station, round: RoundDoc | null): Promise<string | null> {
  if (!round) return null;
  const id = renewalAppId(st.id, round.id);
  return (await ctx.store.applications.get(id)) ? id : null;
}
const renewalAppId = (stationId: string, roundId: string) => {
  const id = `ap_rn_${stationId}_${roundId}`;
  return id.length <= 64 ? id : `ap_rn_${stationId}`.slice(0, 64);
};

export async function startRenewal(ctx: Ctx, input: ParsedInputOf<AwardsApi['startRenewal']>): Promise<{ applicationId: string }> {
  const me = actorOf(ctx);
  const s = await loadStation(ctx, input.stationId);
  const st = s.station;
  if (!(await actsForSubject(ctx, s))) throw new AppError('AUTH.FORBIDDEN');
  const key = requestKey(ctx, input.requestId);
  const replayed = await ctx.store.replay<{ applicationId: string }>(key);
  if (replayed) return replayed;
  const today = todayOf(ctx);
  const termEnd = (await ctx.store.consequences.assessmentsOfStation(st.id)).find((a) => a.termEnd && a.state === 'published');
  const round = await openRoundFor(ctx, st);
  const refusal = renewalRefusal({
    station: st,
    programme: s.programme,
    today,
    termEndPassed: termEnd ? assessmentPassed(termEnd) : null,
    openRound: round !== null,
  });
  if (refusal || !round) throw new AppError('CONFLICT.STATE', refusal ?? '目前没有正在受理的申报批次');
  const kind = s.programme.kinds.find((k) => k.id === s.programme.postAward?.renewal?.kindId);
  if (!kind) throw new AppError('CONFLICT.STATE', '本项目没有续建申报类别');
  const form = getForm(kind.formId);
  if (!form) throw new AppError('CONFLICT.STATE', '找不到续建申报表');
  // the same form pre-filled from the station's original application (第十三条: 重新组织认定)
  const original = st.applicationId ? await ctx.store.applications.get(st.applicationId) : null;
  const values: Record<string, unknown> = original && original.formId === kind.formId ? { ...original.values } : {};
  const facts = original && original.formId === kind.formId ? { ...original.facts } : {};
  const id = renewalAppId(st.id, round.id);
  const now = ctx.clock.now();
  return ctx.store.once(key, now, async (tx) => {
    const t = ctx.store.applications.tx(tx);
    const existing = await t.getApp(id);
    if (existing) return { applicationId: existing.id };
    const doc: ApplicationDoc = {
      id,
      programmeId: s.programme.id,
      kindId: kind.id,
      roundId: round.id,
      formId: kind.formId,
      applicant: { type: 'hostUnit', societyId: st.societyId, hostUnitId: st.hostUnitId },
      castUnitId: st.castUnitId,
      title: applicationTitle(form, values),
      values: values as ApplicationDoc['values'],
      facts: facts as ApplicationDoc['facts'],
      version: 1,
      status: 'draft',
      stageId: null,
      attachments: [],
      fieldComments: {},
      history: [
        {
          at: now,
          actorId: me,
          action: 'created',
          fromStatus: null,
          toStatus: 'draft',
          stageId: null,
          note: `期满续建（${s.programme.postAward?.renewal?.clause ?? ''}）：${st.name}`.slice(0, 300),
        },
      ],
      reviewerIds: [],
      publicity: null,
      openObjections: 0,
      stationId: null,
      createdBy: me,
      createdAt: now,
      updatedAt: now,
      submittedAt: null,
    };
    await t.insertApp(doc);
    await t.audit({
      at: now,
      actorId: me,
      action: 'application.renewal',
      entity: 'application',
      entityId: doc.id,
      before: null,
      after: { stationId: st.id, roundId: round.id, prefilledFrom: original?.id ?? null },
      reason: '',
    });
    return { applicationId: doc.id };
  });
}

export async function requestStationChange(
  ctx: Ctx & Uses<'files' | 'contentCheck' | 'log'>,
  input: ParsedInputOf<AwardsApi['requestStationChange']>,
): Promise<StationChangeView> {
  const me = actorOf(ctx);
  const s = await loadStation(ctx, input.stationId);
  const st = s.station;
  if (!(await actsForSubject(ctx, s))) throw new AppError('AUTH.FORBIDDEN');
  const key = requestKey(ctx, input.requestId);
  const replayed = await ctx.store.replay<string>(key);
  const names = new Map((await ctx.store.org.stations()).map((x) => [x.id, x.name]));
  if (replayed !== null) {
    const again = await ctx.store.org.station(st.id);
    const v = changeViews(again!, names).find((x) => x.id === replayed);
    if (v) return v;
  }
  const mergeInto = input.mergeIntoStationId ? await ctx.store.org.station(input.mergeIntoStationId) : null;
  const refusal = changeRequestRefusal({
    station: st,
    programme: s.programme,
    type: input.type,
    mergeInto: mergeInto && mergeInto.castUnitId === st.castUnitId && mergeInto.programmeId === st.programmeId ? mergeInto : null,
    mergeIntoId: input.mergeIntoStationId,
  });
  if (refusal) throw new AppError('INPUT.INVALID', undefined, { issues: [refusal] });
  await requireSafeText(ctx, { reason: input.reason });
  const attachments: FileRef[] = [];
  // uploaded for the station through awards.uploadLedgerFile (the station's files: kind evidence, unit the station)
  for (const [i, f] of input.attachments.entries())
    attachments.push(await usableFile(ctx, f, { kind: 'evidence', targetId: st.id, unitId: st.id }, `attachments.${i}.fileId`));
  const now = ctx.clock.now();
  const id = await ctx.store.once(key, now, async (tx) => {
    const before = await ctx.store.org.stationTx(tx, st.id);
    if (!before) throw new AppError('NOT_FOUND');
    if ((before.changeRequests ?? []).some((r) => r.status === 'pending'))
      throw new AppError('CONFLICT.STATE', '已有一份申请在等待市科协决定，请等待决定后再提出');
    const req: StationChangeRequest = {
      id: newId('sc', now),
      type: input.type,
      reason: input.reason,
      mergeIntoStationId: input.mergeIntoStationId,
      attachments,
      requestedBy: me,
      requestedAt: now,
      status: 'pending',
      decision: null,
    };
    const after: Station = { ...before, changeRequests: [...(before.changeRequests ?? []), req] };
    await ctx.store.org.saveRecord(tx, 'station', after, before, {
      actorId: me,
      now,
      action: 'station.change.request',
      reason: `${stationChangeLabels[input.type]}：${input.reason}`,
    });
    return req.id;
  });
  const again = await ctx.store.org.station(st.id);
  return changeViews(again!, names).find((x) => x.id === id)!;
}

export async function decideStationChange(
  ctx: Ctx & Uses<'contentCheck' | 'log'>,
  input: ParsedInputOf<AwardsApi['decideStationChange']>,
): Promise<StationChangeView> {
  const me = actorOf(ctx);
  const s = await loadStation(ctx, input.stationId);
  const st = s.station;
  // the programme as issued (loadSubject): a district programme's changes are its county's decision
  const changeDecider = s.programme.postAward?.changes?.decidedBy;
  await requireOversight(ctx.store, ctx.caller, st.castUnitId, changeDecider ? [changeDecider] : decidersOfProgramme(s.programme));
  const key = requestKey(ctx, input.requestId);
  const names = new Map((await ctx.store.org.stations()).map((x) => [x.id, x.name]));
  const replayed = await ctx.store.replay<string>(key);
  if (replayed === null) {
    const req = (st.changeRequests ?? []).find((r) => r.id === input.changeId);
    if (!req) throw new AppError('NOT_FOUND', '找不到该申请');
    if (req.status !== 'pending') throw new AppError('CONFLICT.STATE', '该申请已作出决定');
    await requireSafeText(ctx, { comment: input.comment });
    const now = ctx.clock.now();
    const today = chinaDateOf(now);
    await ctx.store.once(key, now, async (tx) => {
      const before = await ctx.store.org.stationTx(tx, st.id);
      const current = before?.changeRequests?.find((r) => r.id === input.changeId);
      if (!before || !current || current.status !== 'pending') throw new AppError('CONFLICT.STATE', '该申请已作出决定');
      const decided: StationChangeRequest = {
        ...current,
        status: input.approve ? 'approved' : 'rejected',
        decision: { by: me, at: now, comment: input.comment },
      };
      const effect = changeEffect(current.type);
      // a merge: the current experts join the surviving station (their history there starts today), then this one closes
      if (input.approve && effect.moveTeam && current.mergeIntoStationId) {
        const survivor = await ctx.store.org.stationTx(tx, current.mergeIntoStationId);
        if (!survivor || stationEnded(survivor.status)) throw new AppError('CONFLICT.STATE', '合并后保留的服务站已摘牌或撤销');
        for (const p of before.expertIds) {
          await ctx.store.org.setTeamMember(tx, survivor.id, p, true, me, now);
          await ctx.store.org.setTeamMember(tx, before.id, p, false, me, now);
        }
      }
      const reread = (await ctx.store.org.stationTx(tx, st.id)) ?? before;
      const after: Station = {
        ...reread,
        changeRequests: (reread.changeRequests ?? []).map((r) => (r.id === decided.id ? decided : r)),
      };
      await ctx.store.org.saveRecord(tx, 'station', after, reread, {
        actorId: me,
        now,
        action: input.approve ? 'station.change.approve' : 'station.change.reject',
        reason: `${stationChangeLabels[current.type]}：${input.comment}`,
      });
      if (input.approve && effect.close)
        await ctx.store.org.setStationStatus(tx, st.id, () => 'closed', {
          actorId: me,
          now,
          reason: () =>
            current.type === 'merge'
              ? `${today} 经市科协同意并入${names.get(current.mergeIntoStationId ?? '') ?? ''}（${s.programme.postAward?.changes?.clause ?? ''}）`
              : `${today} 经市科协同意撤销（${s.programme.postAward?.changes?.clause ?? ''}）`,
        });
      return decided.id;
    });
  }
  const again = await ctx.store.org.station(st.id);
  const v = changeViews(again!, names).find((x) => x.id === input.changeId);
  if (!v) throw new AppError('NOT_FOUND', '找不到该申请');
  return v;
}
