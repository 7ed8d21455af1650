import type { ParsedInputOf } from '../../../shared/api/define';
import type {
  ActivityItem,
  ChartPoint,
  ExpertRow,
  PriorResultView,
  ReportsApi,
  StationDetail,
  StationHistoryView,
  StationStatus,
} from '../../../shared/api/reports';
import { stationStatusLabels } from '../../../shared/api/reports';
import { recordStatusLabels } from '../../../shared/api/stations';
import { assessmentYear, quartersOfYear, termEndDate, type YearMode } from '../../../shared/calendar/periods';
import { AppError } from '../../../shared/errors';
import { getProgramme } from '../../../shared/programmes';
import {
  assessedFrom,
  BEFORE_GO_LIVE_LABEL,
  evaluateFromTally,
  isCounted,
  priorResultFor,
  projectStation,
  prorate,
  yearBeforeGoLive,
} from '../../../shared/rules/assessment';
import { riskOf } from '../../../shared/rules/assessment/risk';
import { type PriorResult, type Station, stationLevelLabels } from '../../../shared/schemas/org';
import { type RecordKind, recordKindLabels, type StationRecord } from '../../../shared/schemas/records';
import type { Uses } from '../../_kernel/router';
import { requireOversight } from '../../_kernel/scope';
import { settingsFor } from '../../_kernel/store/stations';
import { viewsOf } from './assessment';
import { todayOf } from './staff-scope';
import { currentYearOf, evaluatedOf, fundingFor } from './station-state';

const activityKinds = ['training', 'research', 'tackling', 'problem', 'achievement', 'agreement'] as const;

function describe(r: StationRecord, traineesPerTraining: number): { title: string; detail: string; counts: boolean } {
  const counted = isCounted(r.status, 'all');
  switch (r.kind) {
    case 'training':
      return {
        title: r.topic,
        detail: `${r.place}，${r.trainees} 人次${r.trainees < traineesPerTraining ? `（不足 ${traineesPerTraining} 人次，不计入场次）` : ''}`,
        counts: counted && r.trainees >= traineesPerTraining,
      };
    case 'research':
      return {
        title: r.title,
        detail: r.result ? `调研成果：${r.result}${r.resultDate ? `（${r.resultDate}）` : ''}` : '尚未形成调研成果',
        counts: counted,
      };
    case 'tackling':
      return { title: r.title, detail: r.partners ? `合作方：${r.partners}` : '', counts: counted };
    case 'problem':
      return { title: r.enterprise, detail: `${r.problem} —— ${r.outcome}`, counts: counted };
    case 'achievement':
      return { title: r.title, detail: `${r.recipient}，${r.method}`, counts: counted };
    case 'agreement':
      return { title: `协议完成 ${r.percent}%`, detail: r.note, counts: counted };
    default:
      return { title: recordKindLabels[r.kind], detail: r.note, counts: counted };
  }
}

/**
 * One station for staff: per expert the quarter-by-quarter days (from the tally), who is short and
 * by how much, the other work of the year with its evidence (read from the records of those kinds
 * — small counts; service days are never read), a chart of days per quarter since the plaque date,
 * and the assessment result when one exists.
 */
export async function stationDetail(
  ctx: Uses<'store' | 'clock' | 'caller'>,
  input: ParsedInputOf<ReportsApi['stationDetail']>,
): Promise<StationDetail> {
  const station = await ctx.store.org.station(input.stationId);
  if (!station) throw new AppError('NOT_FOUND', '找不到该服务站');
  await requireOversight(ctx.store, ctx.caller, station.castUnitId);
  const today = todayOf(ctx);
  const settings = settingsFor(station);
  const currentK = currentYearOf(station, settings, today);
  const k = input.yearIndex ?? Math.max(1, currentK);
  if (k > Math.max(1, currentK)) {
    throw new AppError('INPUT.INVALID', undefined, { issues: [{ path: 'yearIndex', message: `第 ${k} 考核年度尚未开始` }] });
  }
  const reports = ctx.store.reports;
  const [docs, society, hostUnit, castUnit, persons, records, assessmentDoc, cal] = await Promise.all([
    reports.talliesOfStation(station.id),
    ctx.store.org.society(station.societyId),
    ctx.store.org.hostUnit(station.hostUnitId),
    ctx.store.org.castUnit(station.castUnitId),
    reports.personsByIds([...station.expertIds, ...(station.team ?? []).map((m) => m.personId)]),
    reports.recordsOfKinds(station.id, activityKinds),
    reports.assessment(`${station.id}:${k}`),
    ctx.store.holidays.calendar(),
  ]);
  const own = docs.find((d) => d.yearIndex === k);
  const earlier = docs.filter((d) => d.yearIndex < k).pop();
  const counters = own?.counters ?? {};
  const agreement = own?.agreement ?? earlier?.agreement ?? { all: 0, verified: 0 };
  const ev = evaluatedOf(station, (id) => persons.get(id)?.name ?? id);
  const all = evaluateFromTally(ev, counters, agreement, k, settings, today, 'all');
  const verified = evaluateFromTally(ev, counters, agreement, k, settings, today, 'verified');
  const projection = k === currentK ? projectStation(ev, counters, agreement, k, settings, today, 'all', cal) : null;

  const experts: ExpertRow[] = all.experts.map((x) => {
    const p = projection?.experts.find((e) => e.expertId === x.expertId);
    return {
      expertId: x.expertId,
      name: persons.get(x.expertId)?.name ?? x.expertId,
      quarters: x.quarters.map((q) => ({
        quarter: q.quarter,
        start: q.start,
        end: q.end,
        days: q.days,
        verifiedDays: q.verifiedDays,
        unverifiedDays: q.days - q.verifiedDays,
        required: q.required,
        shortfall: q.shortfall,
        status: q.status,
      })),
      year: x.year,
      current: p
        ? {
            quarter: p.quarter,
            days: p.quarterDays,
            required: p.quarterRequired,
            short: p.daysStillNeededQuarter,
            workingDaysLeft: p.workingDaysLeftInQuarter,
            calendarDaysLeft: p.calendarDaysLeftInQuarter,
            canStillMeet: p.canStillMeetQuarter,
            willMiss: p.willMissQuarter,
            projectedDays: p.projectedQuarterDays,
            pace: p.pace.status,
            expectedByNow: p.pace.expectedByNow,
            confirmedDays: x.quarters.find((q) => q.quarter === p.quarter)?.verifiedDays ?? 0,
            pendingDays: p.quarterDays - (x.quarters.find((q) => q.quarter === p.quarter)?.verifiedDays ?? 0),
          }
        : null,
    };
  });

  const year = assessmentYear(station.plaqueDate, k, settings.yearMode);
  const inYear = (d: string | null | undefined) => !!d && d >= year.start && d <= year.end;
  const authorIds = records.map((r) => r.authorId).filter((id) => !persons.has(id));
  const authors = authorIds.length ? await reports.personsByIds(authorIds) : new Map();
  const nameOf = (id: string) => persons.get(id)?.name ?? authors.get(id)?.name ?? id;
  const activities = activityKinds.map((kind: RecordKind) => ({
    kind,
    label: recordKindLabels[kind],
    items: records
      .filter((r) => r.kind === kind && (inYear(r.date) || (r.kind === 'research' && inYear(r.resultDate))))
      .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))
      .map((r): ActivityItem => {
        const d = describe(r, settings.thresholds.traineesPerTraining);
        return {
          id: r.id,
          kind: r.kind,
          date: r.date,
          title: d.title,
          detail: d.detail,
          status: r.status,
          statusLabel: recordStatusLabels[r.status],
          counts: d.counts,
          evidence: r.evidence,
          authorName: nameOf(r.authorId),
        };
      }),
  }));

  // Days per quarter since the plaque date (every logged day, whoever logged it), against the team's requirement.
  const chart: ChartPoint[] = [];
  for (let j = 1; j <= Math.max(1, currentK); j++) {
    const c = docs.find((d) => d.yearIndex === j)?.counters ?? {};
    for (const q of quartersOfYear(station.plaqueDate, j, settings.yearMode)) {
      if (q.start > today) break;
      let sumAll = 0;
      let sumVerified = 0;
      const prefix = `days|${j}|${q.quarter}|`;
      for (const [key, cell] of Object.entries(c)) {
        if (key.startsWith(prefix)) {
          sumAll += cell.all;
          sumVerified += cell.verified;
        }
      }
      chart.push({
        label: `第${j}年Q${q.quarter}`,
        yearIndex: j,
        quarter: q.quarter,
        start: q.start,
        end: q.end,
        all: sumAll,
        verified: sumVerified,
        // nothing is asked before go-live (coverage.ts)
        required: q.end < assessedFrom(station) ? 0 : prorate(settings.thresholds.daysPerQuarter, q.fraction) * station.expertIds.length,
      });
    }
  }

  const status = station.status as StationStatus;
  let { risk, reasons, isNew } =
    projection && k === currentK
      ? riskOf({ station, evaluation: all, projection })
      : {
          risk: (all.grade === '不合格' ? 'red' : 'green') as 'red' | 'green',
          reasons: all.grade === '不合格' ? [all.gradeReason] : [],
          isNew: false,
        };
  // a year that ends before go-live is not assessed (上线前，未纳入考核); its prior result, if entered, stands
  const history = historyOf(station, k, settings.yearMode);
  if (history.beforeGoLive) {
    risk = 'green';
    reasons.splice(0, reasons.length, BEFORE_GO_LIVE_LABEL);
  }
  const gradeForFunding = history.beforeGoLive
    ? (history.priorResult?.grade ?? '不合格')
    : projection
      ? projection.projectedGrade
      : verified.grade;
  const [assessment] = assessmentDoc ? await viewsOf(ctx, [assessmentDoc]) : [null];
  const agreementReq = all.requirements.find((r) => r.key === 'agreement');
  return {
    asOf: today,
    station: {
      id: station.id,
      name: station.name,
      level: station.level,
      levelLabel: stationLevelLabels[station.level],
      societyName: society?.name ?? station.societyId,
      hostUnitName: hostUnit?.name ?? station.hostUnitId,
      castUnitName: castUnit?.name ?? station.castUnitId,
      industryField: station.industryField,
      plaqueDate: station.plaqueDate,
      termYears: station.termYears,
      termEnd: termEndDate(station.plaqueDate, station.termYears),
      status,
      statusLabel: stationStatusLabels[status],
      agreementItems: station.agreementItems,
      programmeTitle: getProgramme(station.programmeId)?.title ?? station.programmeId,
    },
    currentYearIndex: currentK,
    yearIndex: k,
    years: Array.from({ length: Math.max(1, currentK) }, (_, i) => i + 1),
    year: { start: year.start, end: year.end, final: all.final },
    evaluation: {
      score: all.score,
      scoreVerified: verified.score,
      grade: all.grade,
      gradeVerified: verified.grade,
      gradeReason: all.gradeReason,
      provisional: all.provisional,
      requirements: all.requirements,
      clauses: all.clauses,
    },
    projection: projection
      ? {
          projectedScore: projection.projectedScore,
          projectedGrade: projection.projectedGrade,
          quarter: { quarter: projection.quarter.quarter, start: projection.quarter.start, end: projection.quarter.end },
          // THE working-days-left figure (pace.ts periodDaysOf): the same the dashboard card shows
          workingDaysLeft: projection.quarter.workingDaysLeft,
          note: projection.note,
        }
      : null,
    experts,
    activities,
    agreement: { percent: agreement.all, percentVerified: agreement.verified, target: agreementReq?.required ?? 0 },
    chart,
    funding:
      history.beforeGoLive && !history.priorResult
        ? { amountYuan: 0, caseByCase: false, reason: BEFORE_GO_LIVE_LABEL, clause: '' }
        : fundingFor(station, k, gradeForFunding !== '不合格'),
    risk,
    riskReasons: reasons,
    isNew,
    assessment,
    history,
  };
}

/** The go-live date and prior results of a station, for year `k` (coverage.ts, prior.ts). */
function historyOf(station: Station, k: number, mode: YearMode): StationHistoryView {
  const view = (r: PriorResult): PriorResultView => {
    const y = assessmentYear(station.plaqueDate, r.yearIndex, mode);
    return {
      yearIndex: r.yearIndex,
      year: r.year,
      start: y.start,
      end: y.end,
      grade: r.grade,
      score: r.score,
      days: r.days,
      source: r.source,
    };
  };
  const prior = priorResultFor(station, k);
  return {
    goLiveDate: assessedFrom(station),
    plaquedBefore: assessedFrom(station) > station.plaqueDate,
    beforeGoLive: yearBeforeGoLive(station, k, mode),
    priorResult: prior ? view(prior) : null,
    priorResults: (station.priorResults ?? []).map(view),
  };
}
