import type { ParsedInputOf } from '../../../shared/api/define';
import type { AssessmentHistoryRow, AssessmentList, AssessmentView, ReportsApi, RunAssessmentResult } from '../../../shared/api/reports';
import { assessmentStateLabels } from '../../../shared/api/reports';
import type { ChinaDate } from '../../../shared/calendar/china-time';
import { assessmentYear } from '../../../shared/calendar/periods';
import { AppError } from '../../../shared/errors';
import { getProgramme } from '../../../shared/programmes';
import {
  assessedFrom,
  BEFORE_GO_LIVE_LABEL,
  evaluateFromTally,
  isPeriodClosed,
  lastOpenDate,
  priorResultFor,
  priorResultReason,
  yearBeforeGoLive,
} from '../../../shared/rules/assessment';
import {
  adjustmentGrade,
  consequencesOf,
  finalGrade,
  finalScore,
  passed,
  publishOutcome,
  standingAfter,
  standingReason,
} from '../../../shared/rules/assessment/consequences';
import { type PriorResult, type Station, stationLevelLabels } from '../../../shared/schemas/org';
import type { Uses } from '../../_kernel/router';
import { requestKey } from '../../_kernel/store/idempotency';
import { type AssessmentDoc, assessmentId } from '../../_kernel/store/reports';
import { settingsFor } from '../../_kernel/store/stations';
import { staffScope, todayOf } from './staff-scope';
import { currentYearOf, evaluatedOf, fundingFor } from './station-state';

/**
 * Year-end assessment (第十二条): computed from the tally of the closed year on CONFIRMED records
 * (the host unit's verification is what the assessment relies on; the figure on every logged
 * record is kept alongside), then optionally adjusted by city staff with a written reason (audited),
 * then published. Publishing a failing result sets a rectification deadline (第十二条: 责令限期整改);
 * failing the term-end year marks the station for de-listing (第十二条: 期满考核不合格的予以摘牌).
 */

// What a published result does (RECTIFICATION_MONTHS, consequences, the station's standing): shared/rules/assessment/consequences.ts.
/** Writes per transaction when a run or a publish touches many stations. */
const CHUNK = 20;

/** Assessment docs → views (names joined with a few by-id reads). */
export async function viewsOf(ctx: Uses<'store'>, docs: readonly AssessmentDoc[]): Promise<AssessmentView[]> {
  if (docs.length === 0) return [];
  const r = ctx.store.reports;
  const stations = await r.stationsByIds(docs.map((d) => d.stationId));
  const st = [...stations.values()];
  const [societies, hostUnits, units, people] = await Promise.all([
    r.societiesByIds(st.map((s) => s.societyId)),
    r.hostUnitsByIds(st.map((s) => s.hostUnitId)),
    r.castUnits(),
    r.personsByIds(docs.flatMap((d) => (d.adjusted ? [d.adjusted.byId] : []))),
  ]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  return docs.map((d) => {
    const s = stations.get(d.stationId);
    const grade = finalGrade(d);
    return {
      id: d.id,
      stationId: d.stationId,
      stationName: s?.name ?? d.stationId,
      level: s?.level ?? 'city',
      levelLabel: s ? stationLevelLabels[s.level] : '',
      castUnitId: d.castUnitId,
      castUnitName: unitName.get(d.castUnitId) ?? d.castUnitId,
      societyName: (s && societies.get(s.societyId)?.name) ?? '',
      hostUnitName: (s && hostUnits.get(s.hostUnitId)?.name) ?? '',
      industryField: s?.industryField ?? '',
      yearIndex: d.yearIndex,
      year: d.year,
      termEnd: d.termEnd,
      state: d.state,
      stateLabel: assessmentStateLabels[d.state],
      computed: d.computed,
      adjusted: d.adjusted ? { ...d.adjusted, byName: people.get(d.adjusted.byId)?.name ?? d.adjusted.byId } : null,
      score: finalScore(d),
      grade,
      passed: grade !== '不合格',
      funding: d.funding,
      publishedAt: d.publishedAt,
      publishedBy: d.publishedBy,
      rectificationDeadline: d.rectificationDeadline,
      delisting: d.delisting,
      consequences: consequencesOf(s ? getProgramme(s.programmeId) : undefined, d, d.funding.reason),
    };
  });
}

const actorOf = (ctx: Uses<'caller'>): string => {
  if (!ctx.caller.personId) throw new AppError('AUTH.FORBIDDEN');
  return ctx.caller.personId;
};

export async function runAssessment(
  ctx: Uses<'store' | 'clock' | 'caller' | 'fn' | 'action'>,
  input: ParsedInputOf<ReportsApi['runAssessment']>,
): Promise<RunAssessmentResult> {
  const actorId = actorOf(ctx);
  const now = ctx.clock.now();
  const today = todayOf(ctx);
  const scope = await staffScope(ctx, ['cityStaff']);
  const r = ctx.store.reports;
  const visible = await r.stationsOf(scope.visible);
  const wantedIds = input.stationIds ? new Set(input.stationIds) : null;
  const stations = wantedIds ? visible.filter((s) => wantedIds.has(s.id)) : visible;
  const skipped: RunAssessmentResult['skipped'] = [];
  if (wantedIds) {
    const known = new Set(stations.map((s) => s.id));
    for (const id of wantedIds) if (!known.has(id)) skipped.push({ stationId: id, stationName: id, reason: '找不到该服务站或无权考核' });
  }
  const k = input.yearIndex;
  const due: Station[] = [];
  // years that end before go-live: assessed from an entered prior result, or not at all (issue 13 item 6)
  const fromPrior: { station: Station; prior: PriorResult }[] = [];
  for (const s of stations.sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const settings = settingsFor(s);
    if (s.status === 'delisted' || s.status === 'closed') {
      skipped.push({ stationId: s.id, stationName: s.name, reason: s.status === 'closed' ? '已撤销，不再考核' : '已摘牌，不再考核' });
      continue;
    }
    if (currentYearOf(s, settings, today) < k) {
      skipped.push({ stationId: s.id, stationName: s.name, reason: `第 ${k} 考核年度尚未开始` });
      continue;
    }
    const year = assessmentYear(s.plaqueDate, k, settings.yearMode);
    if (yearBeforeGoLive(s, k, settings.yearMode)) {
      const prior = priorResultFor(s, k);
      if (prior) fromPrior.push({ station: s, prior });
      else
        skipped.push({
          stationId: s.id,
          stationName: s.name,
          reason: `第 ${k} 考核年度在上线日期 ${assessedFrom(s)} 之前，${BEFORE_GO_LIVE_LABEL}（可录入往年考核结果）`,
        });
      continue;
    }
    if (!isPeriodClosed(year.end, today, settings)) {
      skipped.push({
        stationId: s.id,
        stationName: s.name,
        reason: `第 ${k} 考核年度至 ${year.end} 结束，补登期至 ${lastOpenDate(year.end, settings)}，之后才能考核`,
      });
      continue;
    }
    due.push(s);
  }
  // A closed year is computed from fixed data: its records are frozen (shared/rules/frozen.ts; only
  // audited staff corrections change them) and its team is the one of the first computation.
  const [tallies, earlierDocs] = await Promise.all([
    r.talliesAt(due.map((s) => ({ stationId: s.id, yearIndex: k }))),
    r.assessmentsOf(k, [...new Set(due.map((s) => s.castUnitId))]),
  ]);
  const earlier = new Map(earlierDocs.map((d) => [d.stationId, d]));
  // names of the current team and of the frozen one (a member who left since is still named in the reason)
  const people = await r.personsByIds([
    ...new Set(
      due.flatMap((s) => [...s.expertIds, ...(s.team ?? []).map((m) => m.personId), ...(earlier.get(s.id)?.computed.expertIds ?? [])]),
    ),
  ]);
  const nameOf = (id: string) => people.get(id)?.name ?? id;
  const planned = due.map((s) => {
    const settings = settingsFor(s);
    const t = tallies.get(s.id);
    const counters = t?.counters ?? {};
    const agreement = t?.agreement ?? { all: 0, verified: 0 };
    // the team of the first computation; with membership dates, those members' periods (coverage.ts)
    const frozen = earlier.get(s.id)?.computed.expertIds;
    const base = evaluatedOf(s, nameOf);
    const evaluated = frozen ? { ...base, expertIds: frozen, team: base.team?.filter((m) => frozen.includes(m.personId)) } : base;
    const team = evaluated.team ? [...new Set(evaluated.team.map((m) => m.personId))] : evaluated.expertIds;
    const verified = evaluateFromTally(evaluated, counters, agreement, k, settings, today, 'verified');
    const all = evaluateFromTally(evaluated, counters, agreement, k, settings, today, 'all');
    const doc: AssessmentDoc = {
      id: assessmentId(s.id, k),
      stationId: s.id,
      castUnitId: s.castUnitId,
      yearIndex: k,
      state: 'computed',
      computed: {
        asOf: today,
        score: verified.score,
        grade: verified.grade,
        gradeReason: verified.gradeReason,
        scoreAll: all.score,
        gradeAll: all.grade,
        expertIds: [...team],
        clauses: verified.clauses.map((c) => ({ clause: c.clause, label: c.label, weight: c.weight, earned: c.earned, status: c.status })),
      },
      adjusted: null,
      termEnd: k === s.termYears,
      year: { start: verified.start, end: verified.end },
      funding: fundingFor(s, k, verified.grade !== '不合格'),
      publishedAt: null,
      publishedBy: null,
      rectificationDeadline: null,
      delisting: false,
      createdAt: now,
      updatedAt: now,
    };
    return { station: s, doc };
  });
  for (const { station: s, prior } of fromPrior) {
    const settings = settingsFor(s);
    const year = assessmentYear(s.plaqueDate, k, settings.yearMode);
    const score = prior.score ?? 0;
    const gradeReason = priorResultReason(prior, assessedFrom(s));
    planned.push({
      station: s,
      doc: {
        id: assessmentId(s.id, k),
        stationId: s.id,
        castUnitId: s.castUnitId,
        yearIndex: k,
        state: 'computed',
        computed: {
          asOf: today,
          score,
          grade: prior.grade,
          gradeReason,
          scoreAll: score,
          gradeAll: prior.grade,
          expertIds: [],
          clauses: [],
        },
        adjusted: null,
        termEnd: k === s.termYears,
        year: { start: year.start, end: year.end },
        funding: fundingFor(s, k, prior.grade !== '不合格'),
        publishedAt: null,
        publishedBy: null,
        rectificationDeadline: null,
        delisting: false,
        createdAt: now,
        updatedAt: now,
      },
    });
  }

  const key = requestKey(ctx, input.requestId);
  let computed = 0;
  for (let i = 0; i < planned.length; i += CHUNK) {
    const part = planned.slice(i, i + CHUNK);
    const res = await ctx.store.once(`${key}:${i / CHUNK}`, now, async (tx) => {
      let n = 0;
      const kept: RunAssessmentResult['skipped'] = [];
      for (const { station, doc } of part) {
        const before = await ctx.store.assessments.getTx(tx, doc.id);
        if (before && before.state !== 'computed') {
          kept.push({
            stationId: station.id,
            stationName: station.name,
            reason: `考核结果${assessmentStateLabels[before.state]}，不再重新计算`,
          });
          continue;
        }
        const after = before ? { ...doc, createdAt: before.createdAt } : doc;
        await ctx.store.assessments.put(tx, after);
        await ctx.store.audit.write(tx, {
          at: now,
          actorId,
          action: 'assessment.compute',
          entity: 'assessment',
          entityId: doc.id,
          before,
          after,
          reason: '',
        });
        n++;
      }
      return { n, kept };
    });
    computed += res.n;
    skipped.push(...res.kept);
  }
  return { yearIndex: k, asOf: today, computed, skipped };
}

export async function listAssessments(
  ctx: Uses<'store' | 'caller'>,
  input: ParsedInputOf<ReportsApi['listAssessments']>,
): Promise<AssessmentList> {
  const scope = await staffScope(ctx);
  const docs = (await ctx.store.reports.assessmentsOf(input.yearIndex, scope.visible)).filter(
    (d) => !input.state || d.state === input.state,
  );
  const views = await viewsOf(ctx, docs);
  views.sort(
    (a, b) => a.castUnitName.localeCompare(b.castUnitName, 'zh-Hans-CN') || a.stationName.localeCompare(b.stationName, 'zh-Hans-CN'),
  );
  let fundingTotalYuan = 0;
  let caseByCase = 0;
  for (const v of views) {
    if (v.funding.caseByCase) caseByCase++;
    else fundingTotalYuan += v.funding.amountYuan ?? 0;
  }
  return {
    yearIndex: input.yearIndex,
    total: views.length,
    items: views.slice(input.skip, input.skip + input.limit),
    fundingTotalYuan,
    caseByCase,
  };
}

async function loadOwned(ctx: Uses<'store' | 'caller'>, id: string, roles: readonly string[]): Promise<AssessmentDoc> {
  const doc = await ctx.store.reports.assessment(id);
  if (!doc) throw new AppError('NOT_FOUND', `找不到考核结果：${id}`);
  const scope = await staffScope(ctx, roles);
  if (!scope.visible.includes(doc.castUnitId)) throw new AppError('AUTH.FORBIDDEN');
  return doc;
}

export async function assessmentHistory(
  ctx: Uses<'store' | 'caller'>,
  input: ParsedInputOf<ReportsApi['assessmentHistory']>,
): Promise<AssessmentHistoryRow[]> {
  await loadOwned(ctx, input.assessmentId, ['countyStaff', 'cityStaff', 'talentOffice']);
  const events = await ctx.store.audit.forEntity('assessment', input.assessmentId);
  const people = await ctx.store.reports.personsByIds(events.map((e) => e.actorId));
  return events.map((e) => ({
    at: e.at,
    actorId: e.actorId,
    actorName: people.get(e.actorId)?.name ?? e.actorId,
    action: e.action,
    reason: e.reason ?? '',
    before: e.before,
    after: e.after,
  }));
}

export async function adjustAssessment(
  ctx: Uses<'store' | 'clock' | 'caller' | 'fn' | 'action'>,
  input: ParsedInputOf<ReportsApi['adjustAssessment']>,
): Promise<AssessmentView> {
  const actorId = actorOf(ctx);
  const owned = await loadOwned(ctx, input.assessmentId, ['cityStaff']);
  const now = ctx.clock.now();
  const stations = await ctx.store.reports.stationsByIds([owned.stationId]);
  const doc = await ctx.store.once(requestKey(ctx, input.requestId), now, async (tx) => {
    const before = await ctx.store.assessments.getTx(tx, input.assessmentId);
    if (!before) throw new AppError('NOT_FOUND');
    if (before.state === 'published') throw new AppError('CONFLICT.STATE', '考核结果已发布，不能再调整');
    const station = stations.get(before.stationId);
    if (!station) throw new AppError('NOT_FOUND', `找不到服务站：${before.stationId}`);
    // The grade follows the score through the assessment's own grade rule; another grade is an override with its own reason.
    const decided = adjustmentGrade(input, before.computed.clauses, settingsFor(station));
    if (!decided.ok) throw new AppError('INPUT.INVALID', undefined, { issues: [{ path: decided.path, message: decided.message }] });
    const after: AssessmentDoc = {
      ...before,
      state: 'adjusted',
      adjusted: { score: decided.score, grade: decided.grade, reason: input.reason, byId: actorId, at: now, override: decided.override },
      funding: fundingFor(station, before.yearIndex, decided.grade !== '不合格'),
      updatedAt: now,
    };
    await ctx.store.assessments.put(tx, after);
    await ctx.store.audit.write(tx, {
      at: now,
      actorId,
      action: 'assessment.adjust',
      entity: 'assessment',
      entityId: before.id,
      before,
      after,
      reason: input.reason,
    });
    return after;
  });
  const [view] = await viewsOf(ctx, [doc]);
  return view!;
}

export async function publishAssessments(
  ctx: Uses<'store' | 'clock' | 'caller' | 'fn' | 'action'>,
  input: ParsedInputOf<ReportsApi['publishAssessments']>,
): Promise<AssessmentView[]> {
  const actorId = actorOf(ctx);
  const scope = await staffScope(ctx, ['cityStaff']);
  const now = ctx.clock.now();
  const today: ChinaDate = todayOf(ctx);
  const ids = [...new Set(input.assessmentIds)];
  const r = ctx.store.reports;
  const found = new Map<string, AssessmentDoc>();
  for (const id of ids) {
    const d = await r.assessment(id);
    if (!d) throw new AppError('NOT_FOUND', `找不到考核结果：${id}`);
    if (!scope.visible.includes(d.castUnitId)) throw new AppError('AUTH.FORBIDDEN');
    found.set(id, d);
  }
  const key = requestKey(ctx, input.requestId);
  // the rectification period is the station programme's data (postAward.rectification.months)
  const stationsOf = await r.stationsByIds([...new Set([...found.values()].map((d) => d.stationId))]);
  const programmeOf = (stationId: string) => {
    const s = stationsOf.get(stationId);
    return s ? getProgramme(s.programmeId) : undefined;
  };
  const out: AssessmentDoc[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const part = ids.slice(i, i + CHUNK);
    const docs = await ctx.store.once(`${key}:${i / CHUNK}`, now, async (tx) => {
      const written: AssessmentDoc[] = [];
      for (const id of part) {
        const before = await ctx.store.assessments.getTx(tx, id);
        if (!before) throw new AppError('NOT_FOUND');
        if (before.state === 'published') {
          written.push(before);
          continue;
        }
        const result = { passed: passed(before), termEnd: before.termEnd };
        const after: AssessmentDoc = {
          ...before,
          state: 'published',
          publishedAt: now,
          publishedBy: actorId,
          ...publishOutcome(before, today, programmeOf(before.stationId)),
          updatedAt: now,
        };
        await ctx.store.assessments.put(tx, after);
        await ctx.store.audit.write(tx, {
          at: now,
          actorId,
          action: 'assessment.publish',
          entity: 'assessment',
          entityId: id,
          before,
          after,
          reason: '',
        });
        // The station's standing follows the published result.
        await ctx.store.org.setStationStatus(tx, before.stationId, (current) => standingAfter(current, result), {
          actorId,
          now,
          reason: () => standingReason(before.yearIndex, result, after.rectificationDeadline),
        });
        written.push(after);
      }
      return written;
    });
    out.push(...docs);
  }
  return viewsOf(ctx, out);
}
