import { type ChinaDate, daysInclusive, maxDate, minDate } from '../../calendar/china-time';
import {
  type AssessmentPeriod,
  type AssessmentQuarter,
  assessmentYear,
  type QuarterNumber,
  quartersOfYear,
  type YearMode,
} from '../../calendar/periods';

/**
 * Which part of an assessment period is assessed, and for whom (issue 13, item 6: a city that already has history).
 *
 * GO-LIVE. A station plaqued before the city went live has a go-live date (上线日期, `goLiveDate`; absent: the
 * plaque date). Nothing before it was recorded in this system, so nothing before it is assessed from zero:
 *  - a period (quarter or year) that ends before the go-live date is NOT ASSESSED (上线前，未纳入考核): it is
 *    neither behind nor failed, it earns no score and asks for nothing. A year before go-live can carry a
 *    prior result staff entered from its source (priorResultFor below; org.savePriorResult);
 *  - a period that contains the go-live date is assessed PRO RATA from the go-live date: its threshold is
 *    ⌈base × covered days / full period days⌉, the same rule periods.ts already applies to a partial first
 *    calendar-mode period (one rule for every partial period).
 *
 * TEAM MEMBERSHIP. An expert's 第十二条(二) days (≥10 a quarter, ≥40 a year) are asked only for the days they
 * were on the team (`team`, org.setTeam: from/to inclusive) after go-live:
 *  - an expert who JOINS mid-quarter owes ⌈10 × member days / quarter days⌉ that quarter (joins on the first
 *    day: 10; joins on the last day: 1); one who LEAVES mid-quarter likewise owes the share of the days they
 *    were still a member (leaves on the first day: 1). A quarter they were not a member of at all is not
 *    assessed for them. The year's 40 days are prorated the same way over the year.
 *  - Why pro rata and not "nothing in the joining quarter": 第十二条 asks every team member for 不少于10天 each
 *    quarter; exempting the joining quarter would let a team be re-shuffled each quarter so that nobody is
 *    ever assessed, while asking the full 10 days of someone who joined in the last week cannot be met.
 *    Rounding up keeps "不少于": any membership asks for at least one day.
 *  - Why calendar days and not working days: a closed year's result must not change when staff later enter
 *    a holiday calendar (holidays.ts), and periods.ts prorates the partial first period by calendar days.
 */

/** A membership period as the assessment reads it (shared/schemas/org.ts teamMemberSchema). */
export interface MemberPeriod {
  personId: string;
  from: ChinaDate;
  to: ChinaDate | null;
}

/** What the coverage rule reads of a station. */
export interface CoveredStation {
  plaqueDate: ChinaDate;
  expertIds: readonly string[];
  /** 上线日期; absent: the plaque date */
  goLiveDate?: ChinaDate | undefined;
  /** membership history; absent: `expertIds`, members since the plaque date */
  team?: readonly MemberPeriod[] | undefined;
}

/**
 * The go-live date of a station ENTERED in the system (org.saveStation, the workbook import) without one: a
 * plaque date in the past means the station existed before it was recorded here, so it goes live on the day it
 * is entered (a station plaqued in 2023 and imported today is not assessed from zero for 2023–2026); a plaque
 * date today or later needs none (go-live = the plaque date). Stations awarded through the app (授牌) start on
 * their plaque date. Staff can set or clear it (saveStation, the 上线日期 column).
 */
export function defaultGoLiveDate(plaqueDate: ChinaDate, today: ChinaDate): ChinaDate | undefined {
  return plaqueDate < today ? today : undefined;
}

/** The first day assessed: the go-live date, never before the plaque date. */
export function assessedFrom(station: Pick<CoveredStation, 'plaqueDate' | 'goLiveDate'>): ChinaDate {
  return station.goLiveDate && station.goLiveDate > station.plaqueDate ? station.goLiveDate : station.plaqueDate;
}

/** Days of [start, end] (inclusive) covered by the union of the intervals (`to` null: open). */
export function coveredDays(start: ChinaDate, end: ChinaDate, intervals: readonly { from: ChinaDate; to: ChinaDate | null }[]): number {
  const clipped = intervals
    .map((i) => ({ from: maxDate(i.from, start), to: i.to === null ? end : minDate(i.to, end) }))
    .filter((i) => i.from <= i.to)
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  let total = 0;
  let curFrom: ChinaDate | null = null;
  let curTo: ChinaDate | null = null;
  for (const i of clipped) {
    if (curFrom !== null && curTo !== null && i.from <= curTo) {
      if (i.to > curTo) curTo = i.to;
      continue;
    }
    if (curFrom !== null && curTo !== null) total += daysInclusive(curFrom, curTo);
    curFrom = i.from;
    curTo = i.to;
  }
  if (curFrom !== null && curTo !== null) total += daysInclusive(curFrom, curTo);
  return total;
}

/** ⌈x⌉ that ignores floating-point dust. */
const ceilClean = (x: number) => Math.ceil(x - 1e-9) + 0;

/**
 * The threshold of a period covered for `covered` of its days: null when not covered at all (not assessed),
 * else ⌈base × fraction × covered / days⌉ (the period's own fraction: a partial first calendar-mode period).
 */
export function coveredThreshold(base: number, period: AssessmentPeriod, covered: number): number | null {
  if (covered <= 0) return null;
  return ceilClean(base * period.fraction * Math.min(1, covered / period.days));
}

/** Membership intervals of one expert after go-live. */
function intervalsOf(station: CoveredStation, expertId: string): { from: ChinaDate; to: ChinaDate | null }[] {
  const from = assessedFrom(station);
  // with no team, the candidates are `expertIds`, members since the plaque date
  const periods = station.team
    ? station.team.filter((m) => m.personId === expertId)
    : [{ personId: expertId, from: station.plaqueDate, to: null }];
  return periods.map((m) => ({ from: maxDate(m.from, from), to: m.to })).filter((m) => m.to === null || m.from <= m.to);
}

/** Every expert to be assessed in a year, first-joined order; with no `team`, `expertIds`. */
function candidates(station: CoveredStation): string[] {
  if (!station.team) return [...station.expertIds];
  const out: string[] = [];
  for (const m of station.team) if (!out.includes(m.personId)) out.push(m.personId);
  return out;
}

export interface ExpertCoverage {
  expertId: string;
  /** per quarter of the year: the days required, null when the expert is not assessed in that quarter */
  quarters: Map<QuarterNumber, number | null>;
  /** days the expert was a member in the year after go-live */
  yearCovered: number;
}

/**
 * The experts assessed in year `yearIndex` (members for at least one day of it after go-live) with their
 * quarterly requirement (`daysPerQuarter` prorated by membership) and year coverage.
 */
export function expertCoverage(station: CoveredStation, yearIndex: number, mode: YearMode, daysPerQuarter: number): ExpertCoverage[] {
  const year = assessmentYear(station.plaqueDate, yearIndex, mode);
  const quarters: readonly AssessmentQuarter[] = quartersOfYear(station.plaqueDate, yearIndex, mode);
  const out: ExpertCoverage[] = [];
  for (const expertId of candidates(station)) {
    const intervals = intervalsOf(station, expertId);
    const yearCovered = coveredDays(year.start, year.end, intervals);
    if (yearCovered === 0) continue;
    const qs = new Map<QuarterNumber, number | null>();
    for (const q of quarters) qs.set(q.quarter, coveredThreshold(daysPerQuarter, q, coveredDays(q.start, q.end, intervals)));
    out.push({ expertId, quarters: qs, yearCovered });
  }
  return out;
}

/**
 * An expert's year requirement (第十二条(二) 全年不少于40天) for the days they were a member: ⌈40 × member days /
 * year days⌉, but — when the year figure is no more than the four quarters' (40 ≤ 4 × 10, as in the seed) —
 * never more than the sum of their quarterly requirements: rounding each part up must not ask more for the
 * year than the quarters together (two covered quarters ask 10 + 10 = 20, not ⌈40 × 184/365⌉ = 21).
 */
export function expertYearThreshold(
  daysPerYear: number,
  daysPerQuarter: number,
  year: AssessmentPeriod,
  c: Pick<ExpertCoverage, 'quarters' | 'yearCovered'>,
): number {
  const prorated = coveredThreshold(daysPerYear, year, c.yearCovered) ?? 0;
  if (c.yearCovered >= year.days || daysPerYear > 4 * daysPerQuarter) return prorated;
  let quarters = 0;
  for (const r of c.quarters.values()) quarters += r ?? 0;
  return Math.min(prorated, quarters);
}

/** Days of the period on or after go-live. */
export function stationCoveredDays(station: Pick<CoveredStation, 'plaqueDate' | 'goLiveDate'>, period: AssessmentPeriod): number {
  return coveredDays(period.start, period.end, [{ from: assessedFrom(station), to: null }]);
}

/** True when year `yearIndex` ends before go-live: not assessed (上线前，未纳入考核). */
export function yearBeforeGoLive(station: Pick<CoveredStation, 'plaqueDate' | 'goLiveDate'>, yearIndex: number, mode: YearMode): boolean {
  return assessmentYear(station.plaqueDate, yearIndex, mode).end < assessedFrom(station);
}

/** What the pages show for a period before go-live. */
export const BEFORE_GO_LIVE_LABEL = '上线前，未纳入考核';
