import type { z } from 'zod';
import { addDays, type ChinaDate } from '../../calendar/china-time';
import {
  type AssessmentQuarter,
  type AssessmentYear,
  assessmentYear,
  type QuarterNumber,
  quartersOfYear,
  termProgressYears,
} from '../../calendar/periods';
import type { StationRecord } from '../../schemas/records';
import type { gradeSchema, requirementStatusSchema } from '../../schemas/reports';
import { type CoveredStation, coveredThreshold, expertCoverage, expertYearThreshold, stationCoveredDays } from './coverage';
import { type AssessmentSettings, type ClauseKey, clauseKeys, clauseLabels } from './settings';
import {
  type AgreementPercents,
  agreementPercentsAsOf,
  type Basis,
  readTally,
  sumContributions,
  type Tally,
  type TallyCell,
  type TallyMetric,
} from './tally';

/**
 * Station assessment (seed 004, 第十二条): 百分制 score, grade 优秀 / 合格 / 不合格.
 *
 * Each clause has one or more requirements; a clause's weight (settings.weights) is split evenly
 * among its requirements; a requirement earns weight × credit, credit being min(1, actual/required)
 * ('proportional') or 0/1 ('allOrNothing'). For the per-expert requirements of 第十二条(二) the credit
 * is the mean over the experts (and, for the quarterly one, over the year's quarters).
 *
 * Mid-year (asOf before the year's end) the score is the score BANKED so far: every requirement is
 * measured against its full target with what has been recorded up to now, including quarters that
 * have not ended (or not started: they bank 0). So the mid-year score never overstates the year-end
 * one and only grows as records are added; `provisional` is true and nothing that can still be met
 * is reported as failed: a requirement whose period has not ended is 'inProgress', not 'failed'.
 * For "where will we end up", see projection.ts.
 *
 * When is a period over? `asOf` is today's date and today is not over, and experts may still backfill
 * records for settings.backfillDaysAfterQuarter days after a quarter ends. So a period is CLOSED (a
 * shortfall becomes 'failed', the year's result becomes final) only when asOf is after
 * lastOpenDate(end) = end + backfillDaysAfterQuarter. The same window applies to the year's other
 * records (a training on 31 December may be logged a few days later).
 *
 * Thresholds of a partial period (calendar mode, year 1 starts on the plaque date) are prorated:
 * required = ⌈base × fraction⌉ (periods.ts).
 */

export type RequirementKey =
  | 'agreement'
  | 'daysPerQuarter'
  | 'daysPerYear'
  | 'research'
  | 'researchResults'
  | 'qualifyingTrainings'
  | 'tackling'
  | 'problems'
  | 'achievements';

/** Stored with each assessment (shared/schemas/reports.ts), so defined there. */
export type RequirementStatus = z.infer<typeof requirementStatusSchema>;
export type Grade = z.infer<typeof gradeSchema>;

export const clauseRequirements: Record<ClauseKey, readonly RequirementKey[]> = {
  agreement: ['agreement'],
  serviceDays: ['daysPerQuarter', 'daysPerYear'],
  research: ['research', 'researchResults'],
  training: ['qualifyingTrainings'],
  outcomes: ['tackling', 'problems', 'achievements'],
};

export interface RequirementResult {
  key: RequirementKey;
  clause: ClauseKey;
  /** Chinese label naming the clause and the threshold */
  label: string;
  required: number;
  /** pending + confirmed records (for per-expert requirements: the lowest expert's figure) */
  actual: number;
  /** confirmed records only */
  actualVerified: number;
  /** met (on the evaluation basis) */
  pass: boolean;
  status: RequirementStatus;
  /** how much is missing on the evaluation basis (per-expert requirements: summed over experts and quarters) */
  shortfall: number;
  weight: number;
  earned: number;
  /** extra Chinese explanation, '' when none */
  note: string;
}

export interface ClauseResult {
  clause: ClauseKey;
  label: string;
  weight: number;
  earned: number;
  pass: boolean;
  status: RequirementStatus;
  requirements: RequirementKey[];
}

export interface ExpertQuarterResult {
  quarter: QuarterNumber;
  start: ChinaDate;
  end: ChinaDate;
  /** pending + confirmed */
  days: number;
  verifiedDays: number;
  required: number;
  shortfall: number;
  status: RequirementStatus;
  partial: boolean;
  /**
   * false when the expert was not on the team for any day of this quarter after go-live (coverage.ts):
   * nothing is required, nothing is failed, and the quarter does not count in the clause's credit
   */
  assessed: boolean;
}

export interface ExpertResult {
  expertId: string;
  quarters: ExpertQuarterResult[];
  year: { days: number; verifiedDays: number; required: number; shortfall: number; status: RequirementStatus };
}

export interface StationEvaluation {
  stationId: string;
  yearIndex: number;
  start: ChinaDate;
  end: ChinaDate;
  asOf: ChinaDate;
  basis: Basis;
  /** true once the year is closed (asOf after year end + backfill window): the result no longer changes */
  final: boolean;
  requirements: RequirementResult[];
  clauses: ClauseResult[];
  experts: ExpertResult[];
  /** 0..100, one decimal */
  score: number;
  breakdown: { clause: ClauseKey; label: string; weight: number; earned: number }[];
  grade: Grade;
  /** Chinese explanation of the grade */
  gradeReason: string;
  /** true while the year is not over: the score is banked-so-far and the grade may still change */
  provisional: boolean;
}

export interface EvaluatedStation extends CoveredStation {
  id: string;
  plaqueDate: ChinaDate;
  expertIds: readonly string[];
  /** agreement term in years (第七条: 2) */
  termYears: number;
  /** display names of the experts, for the grade reason (default: the id) */
  nameOf?: ((expertId: string) => string) | undefined;
}

/** Counts over the year as the evaluator needs them; evaluateFromTally reads them from a Tally. */
export interface YearCounts {
  /** expertId → quarter → cell */
  days: (expertId: string, quarter: QuarterNumber) => TallyCell;
  yearly: (metric: Exclude<TallyMetric, 'days'>) => TallyCell;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;
/** ⌈x⌉ that ignores floating-point dust (10 × 0.3 = 3.0000000000000004 must stay 3). */
const ceilClean = (x: number) => Math.ceil(x - 1e-9) + 0; // + 0 turns -0 into 0

/** Threshold of a (possibly partial) period: ⌈base × fraction⌉. */
export function prorate(base: number, fraction: number): number {
  return ceilClean(base * fraction);
}

/**
 * 第十二条(一): the agreement percent required at the end of `periodEnd`. Anchors: 0% at the plaque
 * date, agreementYear1Percent after one year (第一年不少于50%), agreementFinalPercent at the term end
 * (第二年要达到100%), linear in between and capped after the term. With the seed's 2-year term and
 * plaque-mode years this is exactly 50% for year 1 and 100% for year 2; it also gives a sensible
 * target for a partial calendar-mode year and for terms longer than 2 years.
 */
export function agreementTarget(plaqueDate: ChinaDate, termYears: number, periodEnd: ChinaDate, settings: AssessmentSettings): number {
  const p = termProgressYears(plaqueDate, periodEnd);
  const { agreementYear1Percent: y1, agreementFinalPercent: fin } = settings.thresholds;
  let target: number;
  if (p >= termYears) target = fin;
  else if (termYears <= 1) target = fin * p;
  else if (p <= 1) target = y1 * p;
  else target = y1 + ((fin - y1) * (p - 1)) / (termYears - 1);
  return Math.min(100, ceilClean(target));
}

function credit(actual: number, required: number, mode: 'proportional' | 'allOrNothing'): number {
  if (required <= 0) return 1;
  if (mode === 'allOrNothing') return actual >= required ? 1 : 0;
  return Math.min(1, actual / required);
}

/** The last date on which records for a period ending on `periodEnd` can still be logged. */
export function lastOpenDate(periodEnd: ChinaDate, settings: AssessmentSettings): ChinaDate {
  return addDays(periodEnd, settings.backfillDaysAfterQuarter);
}

/** True when a period ending on `periodEnd` can no longer change at `asOf`. */
export function isPeriodClosed(periodEnd: ChinaDate, asOf: ChinaDate, settings: AssessmentSettings): boolean {
  return asOf > lastOpenDate(periodEnd, settings);
}

function worst(statuses: readonly RequirementStatus[]): RequirementStatus {
  if (statuses.includes('failed')) return 'failed';
  return statuses.every((s) => s === 'met') ? 'met' : 'inProgress';
}

const yearlyRequirements: {
  key: RequirementKey;
  clause: ClauseKey;
  metric: Exclude<TallyMetric, 'days'>;
  threshold: keyof AssessmentSettings['thresholds'];
  label: (n: number) => string;
}[] = [
  {
    key: 'research',
    clause: 'research',
    metric: 'research',
    threshold: 'researchPerYear',
    label: (n) => `第十二条（三）对重点产业进行调查研究不少于${n}次/年`,
  },
  {
    key: 'researchResults',
    clause: 'research',
    metric: 'researchResults',
    threshold: 'researchResultsPerYear',
    label: (n) => `第十二条（三）形成重点产业调研成果不少于${n}项`,
  },
  {
    key: 'qualifyingTrainings',
    clause: 'training',
    metric: 'qualifyingTrainings',
    threshold: 'trainingsPerYear',
    label: (n) => `第十二条（四）科技骨干培训每年不少于${n}场次`,
  },
  {
    key: 'tackling',
    clause: 'outcomes',
    metric: 'tackling',
    threshold: 'tacklingPerYear',
    label: (n) => `第十二条（五）组织开展技术攻关不少于${n}次`,
  },
  {
    key: 'problems',
    clause: 'outcomes',
    metric: 'problems',
    threshold: 'problemsPerYear',
    label: (n) => `第十二条（五）帮助企业破解技术难题不少于${n}个`,
  },
  {
    key: 'achievements',
    clause: 'outcomes',
    metric: 'achievements',
    threshold: 'achievementsPerYear',
    label: (n) => `第十二条（五）推广转化科技成果不少于${n}项`,
  },
];

/** The evaluation core, over counts (a Tally or a projection of one). */
export function evaluateCounts(
  station: EvaluatedStation,
  counts: YearCounts,
  agreement: AgreementPercents,
  yearIndex: number,
  settings: AssessmentSettings,
  asOf: ChinaDate,
  basis: Basis,
): StationEvaluation {
  const year: AssessmentYear = assessmentYear(station.plaqueDate, yearIndex, settings.yearMode);
  const quarters: readonly AssessmentQuarter[] = quartersOfYear(station.plaqueDate, yearIndex, settings.yearMode);
  const t = settings.thresholds;
  const pick = (c: TallyCell) => (basis === 'all' ? c.all : c.verified);
  const statusOf = (met: boolean, periodEnd: ChinaDate): RequirementStatus =>
    met ? 'met' : isPeriodClosed(periodEnd, asOf, settings) ? 'failed' : 'inProgress';
  const share = (clause: ClauseKey) => settings.weights[clause] / clauseRequirements[clause].length;
  const requirements: RequirementResult[] = [];

  // 第十二条(一): agreement progress against the target at the end of this year.
  {
    const required = agreementTarget(station.plaqueDate, station.termYears, year.end, settings);
    const actual = basis === 'all' ? agreement.all : agreement.verified;
    const weight = share('agreement');
    const status = statusOf(actual >= required, year.end);
    requirements.push({
      key: 'agreement',
      clause: 'agreement',
      label: `第十二条（一）合作协议实施情况：本考核年度末完成不少于合同内容的${required}%`,
      required,
      actual: agreement.all,
      actualVerified: agreement.verified,
      pass: status === 'met',
      status,
      shortfall: Math.max(0, required - actual),
      weight,
      earned: weight * credit(actual, required, settings.partialCredit.agreement),
      note: '',
    });
  }

  // 第十二条(二): ≥10 days each quarter, ≥40 a year, for every member of the expert team.
  // Only the days each expert was on the team after go-live are assessed (coverage.ts).
  const coverage = expertCoverage(station, yearIndex, settings.yearMode, t.daysPerQuarter);
  const fullYearRequired = prorate(t.daysPerYear, year.fraction);
  const experts: ExpertResult[] = coverage.map((c) => {
    const { expertId, quarters: required } = c;
    const yearRequired = expertYearThreshold(t.daysPerYear, t.daysPerQuarter, year, c);
    const qs: ExpertQuarterResult[] = quarters.map((q) => {
      const cell = counts.days(expertId, q.quarter);
      const req = required.get(q.quarter) ?? null;
      const days = pick(cell);
      return {
        quarter: q.quarter,
        start: q.start,
        end: q.end,
        days: cell.all,
        verifiedDays: cell.verified,
        required: req ?? 0,
        shortfall: req === null ? 0 : Math.max(0, req - days),
        status: req === null ? 'met' : statusOf(days >= req, q.end),
        partial: q.partial || (req !== null && req < prorate(t.daysPerQuarter, q.fraction)),
        assessed: req !== null,
      };
    });
    const all = qs.reduce((s, q) => s + q.days, 0);
    const verified = qs.reduce((s, q) => s + q.verifiedDays, 0);
    const days = basis === 'all' ? all : verified;
    return {
      expertId,
      quarters: qs,
      year: {
        days: all,
        verifiedDays: verified,
        required: yearRequired,
        shortfall: Math.max(0, yearRequired - days),
        status: statusOf(days >= yearRequired, year.end),
      },
    };
  });
  {
    const mode = settings.partialCredit.serviceDays;
    const weight = share('serviceDays');
    const noTeam = experts.length === 0;
    const noTeamNote = noTeam ? '服务站没有专家团队成员，无法满足本项要求（第七条要求专家团队不少于5人）' : '';
    const quarterCells = experts.flatMap((e) => e.quarters).filter((q) => q.assessed);
    const minOf = (xs: number[]) => (xs.length === 0 ? 0 : Math.min(...xs));
    const quarterRequired = prorate(t.daysPerQuarter, 1);
    // A quarter that has not started cannot be "the lowest so far"; the minimum is over started quarters.
    const started = quarterCells.filter((q) => q.start <= asOf);
    const qStatus: RequirementStatus = noTeam ? statusOf(false, year.end) : worst(quarterCells.map((q) => q.status));
    const qCredit = noTeam
      ? 0
      : quarterCells.reduce((s, q) => s + credit(pick({ all: q.days, verified: q.verifiedDays }), q.required, mode), 0) /
        quarterCells.length;
    requirements.push({
      key: 'daysPerQuarter',
      clause: 'serviceDays',
      label: `第十二条（二）专家服务团队成员每个季度在服务站工作不少于${quarterRequired}天`,
      required: quarterRequired,
      actual: minOf(started.map((q) => q.days)),
      actualVerified: minOf(started.map((q) => q.verifiedDays)),
      pass: qStatus === 'met',
      status: qStatus,
      shortfall: noTeam ? quarterRequired : quarterCells.reduce((s, q) => s + q.shortfall, 0),
      weight,
      earned: weight * qCredit,
      note:
        noTeamNote ||
        (quarters.some((q) => q.partial)
          ? '首个季度不完整，天数要求已按实际天数折算'
          : quarterCells.some((q) => q.partial) || experts.length < coverage.length
            ? '上线前或不在团队的时间不考核，天数要求已按在册天数折算'
            : ''),
    });
    const yStatus: RequirementStatus = noTeam ? statusOf(false, year.end) : worst(experts.map((e) => e.year.status));
    const yCredit = noTeam
      ? 0
      : experts.reduce((s, e) => s + credit(basis === 'all' ? e.year.days : e.year.verifiedDays, e.year.required, mode), 0) /
        experts.length;
    const yearRequired = experts.length === 0 ? fullYearRequired : Math.max(...experts.map((e) => e.year.required));
    requirements.push({
      key: 'daysPerYear',
      clause: 'serviceDays',
      label: `第十二条（二）专家服务团队成员全年在服务站工作不少于${yearRequired}天`,
      required: yearRequired,
      actual: minOf(experts.map((e) => e.year.days)),
      actualVerified: minOf(experts.map((e) => e.year.verifiedDays)),
      pass: yStatus === 'met',
      status: yStatus,
      shortfall: noTeam ? yearRequired : experts.reduce((s, e) => s + e.year.shortfall, 0),
      weight,
      earned: weight * yCredit,
      note: noTeamNote,
    });
  }

  // 第十二条(三)(四)(五): yearly counts, prorated from go-live in the year that contains it (coverage.ts).
  const stationCovered = stationCoveredDays(station, year);
  for (const spec of yearlyRequirements) {
    const cell = counts.yearly(spec.metric);
    const required = coveredThreshold(t[spec.threshold], year, stationCovered) ?? 0;
    const actual = pick(cell);
    const weight = share(spec.clause);
    const status = statusOf(actual >= required, year.end);
    let note = '';
    if (spec.key === 'qualifyingTrainings') {
      const recorded = pick(counts.yearly('trainings'));
      if (recorded > actual) note = `另有 ${recorded - actual} 场培训人次不足 ${t.traineesPerTraining}，已记录但不计入场次`;
    }
    requirements.push({
      key: spec.key,
      clause: spec.clause,
      label: spec.label(required),
      required,
      actual: cell.all,
      actualVerified: cell.verified,
      pass: status === 'met',
      status,
      shortfall: Math.max(0, required - actual),
      weight,
      earned: weight * credit(actual, required, settings.partialCredit[spec.clause]),
      note,
    });
  }

  const clauses: ClauseResult[] = clauseKeys.map((clause) => {
    const rs = requirements.filter((r) => r.clause === clause);
    const status = worst(rs.map((r) => r.status));
    return {
      clause,
      label: clauseLabels[clause],
      weight: settings.weights[clause],
      earned: round2(rs.reduce((s, r) => s + r.earned, 0)),
      pass: status === 'met',
      status,
      requirements: rs.map((r) => r.key),
    };
  });
  for (const r of requirements) r.earned = round2(r.earned);

  const score = round1(requirements.reduce((s, r) => s + r.earned, 0));
  const final = isPeriodClosed(year.end, asOf, settings);
  const { grade, reason } = gradeOf(score, clauses, settings, final, missedRequirements(requirements, experts, station.nameOf));
  return {
    stationId: station.id,
    yearIndex,
    start: year.start,
    end: year.end,
    asOf,
    basis,
    final,
    requirements,
    clauses,
    experts,
    score,
    breakdown: clauses.map((c) => ({ clause: c.clause, label: c.label, weight: c.weight, earned: c.earned })),
    grade,
    gradeReason: reason,
    provisional: !final,
  };
}

const quarterNames = ['', '第一季度', '第二季度', '第三季度', '第四季度'] as const;
const units: Record<RequirementKey, string> = {
  agreement: '个百分点',
  daysPerQuarter: '天',
  daysPerYear: '天',
  research: '次',
  researchResults: '项',
  qualifyingTrainings: '场',
  tackling: '次',
  problems: '个',
  achievements: '项',
};

/**
 * Each missed (failed) 第十二条 requirement with its shortfall, in Chinese, for the grade reason:
 * "专家服务团队成员每个季度在服务站工作不少于10天：第二季度 张三 差 3 天". The per-expert requirements name
 * every expert and quarter short; the others say how many are missing.
 */
export function missedRequirements(
  requirements: readonly RequirementResult[],
  experts: readonly ExpertResult[],
  nameOf: (id: string) => string = (id) => id,
): string[] {
  const out: string[] = [];
  for (const r of requirements) {
    if (r.status !== 'failed') continue;
    const label = r.label.replace(/^第十二条（[一二三四五]）/, '');
    const u = units[r.key];
    let detail: string;
    if (experts.length > 0 && r.key === 'daysPerQuarter') {
      detail = experts
        .flatMap((e) =>
          e.quarters
            .filter((q) => q.status === 'failed')
            .map((q) => ({ q: q.quarter, text: `${quarterNames[q.quarter]} ${nameOf(e.expertId)} 差 ${q.shortfall} 天` })),
        )
        .sort((x, y) => x.q - y.q)
        .map((x) => x.text)
        .join('、');
    } else if (experts.length > 0 && r.key === 'daysPerYear') {
      detail = experts
        .filter((e) => e.year.status === 'failed')
        .map((e) => `${nameOf(e.expertId)} 差 ${e.year.shortfall} 天`)
        .join('、');
    } else detail = `差 ${Math.round(r.shortfall * 100) / 100} ${u}`;
    out.push(`${label}：${detail}`);
  }
  return out;
}

/** The stored reason is at most 500 characters (shared/schemas/reports.ts): the list is cut with a count. */
const REASON_MAX = 480;

/**
 * Grade from the score and the failed-clause cap (settings.grade.failedClauseCap):
 * - 'fail' (default; 'unqualified' is its earlier name; issue 14's reading of 第十二条): the five items are minimum requirements
 *   (不少于), so a year that missed any of them is 不合格 whatever its score, and the reason lists each
 *   missed requirement with its shortfall (`missed`); the score still ranks stations and decides 优秀;
 * - 'qualified': a missed requirement caps the grade at 合格; 'none': the score alone decides.
 * A requirement is missed only once its period has closed (status 'failed'); an open period never is.
 */
export function gradeOf(
  score: number,
  clauses: readonly Pick<ClauseResult, 'label' | 'status'>[],
  settings: AssessmentSettings,
  final: boolean,
  missed: readonly string[] = [],
): { grade: Grade; reason: string } {
  const g = settings.grade;
  let grade: Grade = score >= g.excellentMin ? '优秀' : score >= g.passMin ? '合格' : '不合格';
  let reason = `得分 ${score} 分（优秀 ≥ ${g.excellentMin} 分，合格 ≥ ${g.passMin} 分）`;
  const failed = clauses.filter((c) => c.status === 'failed');
  if (failed.length > 0 && g.failedClauseCap !== 'none') {
    let names = missed.length > 0 ? missed.join('；') : failed.map((c) => c.label).join('；');
    if (names.length > REASON_MAX - reason.length - 40) {
      const room = REASON_MAX - reason.length - 60;
      const kept: string[] = [];
      for (const m of missed.length > 0 ? missed : failed.map((c) => c.label)) {
        if ([...kept, m].join('；').length > room) break;
        kept.push(m);
      }
      const all = missed.length > 0 ? missed.length : failed.length;
      names = `${kept.join('；').slice(0, room)}……等 ${all} 项`;
    }
    if (g.failedClauseCap === 'fail' || g.failedClauseCap === 'unqualified') {
      grade = '不合格';
      reason += `；未达到第十二条最低要求：${names}，评为不合格`;
    } else if (g.failedClauseCap === 'qualified' && grade === '优秀') {
      grade = '合格';
      reason += `；未达到：${names}，最高评为合格`;
    }
  }
  if (!final) reason += '；考核年度尚未结束，为截至目前的暂定结果';
  return { grade, reason };
}

/** Evaluation over a Tally (the store's counters) — no record scan. */
export function evaluateFromTally(
  station: EvaluatedStation,
  tally: Tally,
  agreement: AgreementPercents,
  yearIndex: number,
  settings: AssessmentSettings,
  asOf: ChinaDate,
  basis: Basis,
): StationEvaluation {
  const counts: YearCounts = {
    days: (expertId, quarter) => readTally(tally, 'days', yearIndex, quarter, expertId),
    yearly: (metric) => readTally(tally, metric, yearIndex),
  };
  return evaluateCounts(station, counts, agreement, yearIndex, settings, asOf, basis);
}

/** Convenience: tally the records, then evaluate. Agreement progress is taken as of the year's end. */
export function evaluateStation(
  station: EvaluatedStation,
  records: readonly StationRecord[],
  yearIndex: number,
  settings: AssessmentSettings,
  asOf: ChinaDate,
  basis: Basis,
): StationEvaluation {
  const year = assessmentYear(station.plaqueDate, yearIndex, settings.yearMode);
  const tally = sumContributions(records, station, settings);
  return evaluateFromTally(station, tally, agreementPercentsAsOf(records, year.end), yearIndex, settings, asOf, basis);
}
