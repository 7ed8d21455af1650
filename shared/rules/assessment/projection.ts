import { addDays, type ChinaDate, daysInclusive } from '../../calendar/china-time';
import type { HolidayCalendar } from '../../calendar/holidays';
import { type AssessmentQuarter, assessmentYear, type QuarterNumber, quartersOfYear, termProgressYears } from '../../calendar/periods';
import { unknownYearsNote } from '../../calendar/working-days';
import type { StationRecord } from '../../schemas/records';
import { expertCoverage, expertYearThreshold } from './coverage';
import { type EvaluatedStation, evaluateCounts, type Grade, lastOpenDate, type StationEvaluation, type YearCounts } from './evaluate';
import { type Pace, paceOf, periodDaysOf } from './pace';
import type { AssessmentSettings } from './settings';
import {
  type AgreementPercents,
  agreementPercentsAsOf,
  type Basis,
  readTally,
  sumContributions,
  type Tally,
  type TallyCell,
} from './tally';

/**
 * Mid-period projection for 第十二条(二) (and the whole assessment) "at today's pace":
 * pace = count so far / elapsed days of the period (asOf included), projected = pace × period days.
 *
 * - A period that has not started yet has no pace: its projection is what is recorded (usually 0)
 *   and it is not flagged as a miss — there is nothing to extrapolate from.
 * - A period that has ended projects to exactly what was recorded.
 * - "Left" counts include asOf itself: an expert can still serve today.
 * - The projected station score replaces every count of the year by its projection: ended quarters
 *   keep their days, the current quarter goes at the expert's quarter pace — at least the requirement
 *   when the expert is on the honest working-day pace (pace.ts) —, quarters not started go at
 *   the expert's year pace; yearly counts and agreement progress go at their own pace. It is then
 *   evaluated as if the year had ended, so the grade includes the failed-clause cap.
 */

export interface ExpertProjection {
  expertId: string;
  /** the quarter containing asOf (clamped into the year) */
  quarter: QuarterNumber;
  /** days so far in that quarter / in the year, on the basis */
  quarterDays: number;
  yearDays: number;
  quarterRequired: number;
  yearRequired: number;
  /** at today's pace, one decimal */
  projectedQuarterDays: number;
  projectedYearDays: number;
  /** behind the honest pace or unable to meet the quarter (pace.ts), not the raw calendar extrapolation */
  willMissQuarter: boolean;
  willMissYear: boolean;
  /** the quarter's pace on the working-day calendar (pace.ts) */
  pace: Pace;
  daysStillNeededQuarter: number;
  daysStillNeededYear: number;
  /** working days from asOf (included) to the quarter's end */
  workingDaysLeftInQuarter: number;
  /** calendar days from asOf (included) to the quarter's end */
  calendarDaysLeftInQuarter: number;
  /** false when even serving every remaining calendar day of the quarter would not be enough */
  canStillMeetQuarter: boolean;
}

export interface StationProjection {
  stationId: string;
  yearIndex: number;
  asOf: ChinaDate;
  basis: Basis;
  quarter: {
    quarter: QuarterNumber;
    start: ChinaDate;
    end: ChinaDate;
    elapsedDays: number;
    totalDays: number;
    /** THE working days left in the quarter (asOf included; pace.ts periodDaysOf) */
    workingDaysLeft: number;
  };
  year: { start: ChinaDate; end: ChinaDate; elapsedDays: number; totalDays: number };
  experts: ExpertProjection[];
  /** years whose holiday calendar is unknown in the working-day counts */
  unknownYears: number[];
  /** Chinese note, non-empty when the working-day counts fell back to weekends only */
  note: string;
  projectedScore: number;
  projectedGrade: Grade;
  /** the full evaluation of the projected year-end counts */
  projectedEvaluation: StationEvaluation;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Days of [start, end] elapsed at the end of asOf (0 before start, all after end). */
function elapsed(start: ChinaDate, end: ChinaDate, asOf: ChinaDate): number {
  return Math.min(daysInclusive(start, end), daysInclusive(start, asOf));
}

/** Count at today's pace; a period that has not started keeps its count (no pace to extrapolate). */
function atPace(count: number, elapsedDays: number, totalDays: number): number {
  return elapsedDays === 0 ? count : (count * totalDays) / elapsedDays;
}

function currentQuarter(quarters: readonly AssessmentQuarter[], asOf: ChinaDate): AssessmentQuarter {
  let found = quarters[0] as AssessmentQuarter;
  for (const q of quarters) if (q.start <= asOf) found = q;
  return found;
}

export function projectStation(
  station: EvaluatedStation,
  tally: Tally,
  agreement: AgreementPercents,
  yearIndex: number,
  settings: AssessmentSettings,
  asOf: ChinaDate,
  basis: Basis,
  cal: HolidayCalendar,
): StationProjection {
  const year = assessmentYear(station.plaqueDate, yearIndex, settings.yearMode);
  const quarters = quartersOfYear(station.plaqueDate, yearIndex, settings.yearMode);
  const pick = (c: TallyCell) => (basis === 'all' ? c.all : c.verified);
  const yearElapsed = elapsed(year.start, year.end, asOf);
  const cq = currentQuarter(quarters, asOf);
  const cqElapsed = elapsed(cq.start, cq.end, asOf);
  const pd = periodDaysOf(cq.start, cq.end, asOf, cal);
  const wd = { count: pd.workingDaysLeft, unknownYears: asOf > cq.end ? [] : pd.unknownYears };
  const calendarLeft = pd.calendarDaysLeft;
  const t = settings.thresholds;
  const started = yearElapsed > 0;
  // Each expert is asked only for the days they are on the team after go-live (coverage.ts).
  const coverage = expertCoverage(station, yearIndex, settings.yearMode, t.daysPerQuarter);

  const projectedDays = new Map<string, number>();
  const experts: ExpertProjection[] = coverage.map((c) => {
    const { expertId, quarters: required } = c;
    const quarterRequired = required.get(cq.quarter) ?? 0;
    const yearRequired = expertYearThreshold(t.daysPerYear, t.daysPerQuarter, year, c);
    const rows = quarters.map((q) => ({ q, days: pick(readTally(tally, 'days', yearIndex, q.quarter, expertId)) }));
    const yearDays = rows.reduce((s, r) => s + r.days, 0);
    let quarterDays = 0;
    for (const r of rows) if (r.q === cq) quarterDays = r.days;
    const projectedQuarter = atPace(quarterDays, cqElapsed, cq.days);
    const projectedYear = atPace(yearDays, yearElapsed, year.days);
    const yearPace = started ? yearDays / yearElapsed : 0;
    const needQ = Math.max(0, quarterRequired - quarterDays);
    const pace = paceOf({
      done: quarterDays,
      required: quarterRequired,
      workingDaysElapsed: pd.workingDaysElapsed,
      workingDaysLeft: pd.workingDaysLeft,
      calendarDaysLeft: pd.calendarDaysLeft,
    });
    // an expert on the even pace of the quarter (pace.ts) is projected to meet it, not extrapolated below it
    const onPace = pace.status === 'met' || pace.status === 'onTrack';
    const currentProjected = onPace ? Math.max(projectedQuarter, quarterRequired) : projectedQuarter;
    for (const { q, days } of rows) {
      // ended quarters keep their days; the current one goes at its honest pace; later ones at year pace
      const projected = q === cq ? currentProjected : q.end < asOf ? days : days + yearPace * q.days;
      projectedDays.set(`${expertId}|${q.quarter}`, projected);
    }
    return {
      expertId,
      quarter: cq.quarter,
      quarterDays,
      yearDays,
      quarterRequired,
      yearRequired,
      projectedQuarterDays: round1(projectedQuarter),
      projectedYearDays: round1(projectedYear),
      willMissQuarter: cqElapsed > 0 && (pace.status === 'behind' || pace.status === 'cannot'),
      willMissYear: started && projectedYear < yearRequired,
      daysStillNeededQuarter: needQ,
      daysStillNeededYear: Math.max(0, yearRequired - yearDays),
      workingDaysLeftInQuarter: wd.count,
      calendarDaysLeftInQuarter: calendarLeft,
      canStillMeetQuarter: needQ <= calendarLeft,
      pace,
    };
  });

  // Project the other counts and the agreement at their own pace, then evaluate as at the year's end.
  const projectCell = (c: TallyCell): TallyCell => ({
    all: atPace(c.all, yearElapsed, year.days),
    verified: atPace(c.verified, yearElapsed, year.days),
  });
  const counts: YearCounts = {
    days: (expertId, quarter) => {
      // evaluateCounts asks only for the team's experts and this year's quarters, all set above
      const v = projectedDays.get(`${expertId}|${quarter}`) as number;
      return { all: v, verified: v };
    },
    yearly: (metric) => projectCell(readTally(tally, metric, yearIndex)),
  };
  const progressNow = termProgressYears(station.plaqueDate, asOf < year.end ? asOf : year.end);
  const progressEnd = termProgressYears(station.plaqueDate, year.end);
  const agreementAtPace = (p: number) => Math.min(100, progressNow === 0 ? p : (p * progressEnd) / progressNow);
  const projectedAgreement = { all: agreementAtPace(agreement.all), verified: agreementAtPace(agreement.verified) };
  const projectedEvaluation = evaluateCounts(
    station,
    counts,
    projectedAgreement,
    yearIndex,
    settings,
    addDays(lastOpenDate(year.end, settings), 1),
    basis,
  );

  return {
    stationId: station.id,
    yearIndex,
    asOf,
    basis,
    quarter: {
      quarter: cq.quarter,
      start: cq.start,
      end: cq.end,
      elapsedDays: cqElapsed,
      totalDays: cq.days,
      workingDaysLeft: pd.workingDaysLeft,
    },
    year: { start: year.start, end: year.end, elapsedDays: yearElapsed, totalDays: year.days },
    experts,
    unknownYears: wd.unknownYears,
    note: unknownYearsNote(wd.unknownYears),
    projectedScore: projectedEvaluation.score,
    projectedGrade: projectedEvaluation.grade,
    projectedEvaluation,
  };
}

/** Convenience: tally the records, then project. */
export function projectStationFromRecords(
  station: EvaluatedStation,
  records: readonly StationRecord[],
  yearIndex: number,
  settings: AssessmentSettings,
  asOf: ChinaDate,
  basis: Basis,
  cal: HolidayCalendar,
): StationProjection {
  const year = assessmentYear(station.plaqueDate, yearIndex, settings.yearMode);
  const tally = sumContributions(records, station, settings);
  const agreement = agreementPercentsAsOf(records, asOf < year.end ? asOf : year.end);
  return projectStation(station, tally, agreement, yearIndex, settings, asOf, basis, cal);
}
