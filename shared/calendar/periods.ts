import { addDays, addMonthsClamped, type ChinaDate, dateParts, daysInclusive, diffDays, makeChinaDate, maxDate } from './china-time';

/**
 * Assessment periods of a station (seed 004, 第十二条: 定期考核, yearly thresholds and "每个季度").
 *
 * yearMode 'plaque' (default): year k runs from the (k−1)-th anniversary of the plaque date (授牌日期)
 * to the day before the k-th; its quarters are 3-month blocks from the plaque date. Month arithmetic
 * clamps the day to the month's end and always counts from the plaque date itself, so a plaque on
 * 01-31 gives quarters starting 01-31, 04-30, 07-31, 10-31, and a plaque on 2024-02-29 gives years
 * starting 2025-02-28, 2026-02-28, 2027-02-28, 2028-02-29.
 *
 * yearMode 'calendar': year k is calendar year (plaque year + k − 1) and quarters are calendar quarters
 * (Q1 = Jan–Mar …). Year 1 is the plaque year and starts ON the plaque date: it is a partial year,
 * and its first quarter is partial too (quarters wholly before the plaque date do not exist in year 1,
 * so year 1 of a station plaqued in August has only Q3 and Q4). Every period carries `fraction` =
 * its days / the days of the full period, and the assessment prorates thresholds by it (see
 * shared/rules/assessment/evaluate.ts): a station plaqued on 15 Sept is not asked for 10 days in the
 * 16 days of its first quarter. The years after year 1 are full calendar years.
 *
 * Dates before the plaque date belong to no assessment year (yearIndexOf returns 0).
 */
export type YearMode = 'plaque' | 'calendar';
export type QuarterNumber = 1 | 2 | 3 | 4;

export interface AssessmentPeriod {
  /** first day, inclusive */
  start: ChinaDate;
  /** last day, inclusive */
  end: ChinaDate;
  /** calendar days in [start, end] */
  days: number;
  /** days / days of the full (unclipped) period; 1 except for the partial first calendar-mode year */
  fraction: number;
  /** true when clipped by the plaque date (calendar mode, year 1) */
  partial: boolean;
}

export interface AssessmentYear extends AssessmentPeriod {
  yearIndex: number;
}

export interface AssessmentQuarter extends AssessmentPeriod {
  yearIndex: number;
  quarter: QuarterNumber;
}

function assertYearIndex(yearIndex: number): void {
  if (!Number.isInteger(yearIndex) || yearIndex < 1) throw new RangeError(`考核年度序号必须是正整数：${yearIndex}`);
}

function period(start: ChinaDate, end: ChinaDate, fullStart: ChinaDate, fullEnd: ChinaDate): AssessmentPeriod {
  const days = daysInclusive(start, end);
  const fullDays = daysInclusive(fullStart, fullEnd);
  return { start, end, days, fraction: days / fullDays, partial: days !== fullDays };
}

/** Memo of assessmentYear (a pure function; the dashboard asks it for the same years thousands of times). */
const yearCache = new Map<string, AssessmentYear>();
/** Year `yearIndex` (1-based) of a station whose plaque date is `plaqueDate`. */
export function assessmentYear(plaqueDate: ChinaDate, yearIndex: number, mode: YearMode): AssessmentYear {
  const key = `${plaqueDate}|${yearIndex}|${mode}`;
  let y = yearCache.get(key);
  if (!y) {
    y = Object.freeze(computeYear(plaqueDate, yearIndex, mode));
    if (yearCache.size < 20_000) yearCache.set(key, y);
  }
  return y;
}
function computeYear(plaqueDate: ChinaDate, yearIndex: number, mode: YearMode): AssessmentYear {
  assertYearIndex(yearIndex);
  if (mode === 'plaque') {
    const start = addMonthsClamped(plaqueDate, 12 * (yearIndex - 1));
    const end = addDays(addMonthsClamped(plaqueDate, 12 * yearIndex), -1);
    return { yearIndex, ...period(start, end, start, end) };
  }
  const y = dateParts(plaqueDate).year + yearIndex - 1;
  const fullStart = makeChinaDate(y, 1, 1);
  const fullEnd = makeChinaDate(y, 12, 31);
  return { yearIndex, ...period(maxDate(fullStart, plaqueDate), fullEnd, fullStart, fullEnd) };
}

/** Which assessment year `date` falls in; 0 when it is before the plaque date. */
export function yearIndexOf(plaqueDate: ChinaDate, date: ChinaDate, mode: YearMode): number {
  if (date < plaqueDate) return 0;
  const p = dateParts(plaqueDate);
  const d = dateParts(date);
  if (mode === 'calendar') return d.year - p.year + 1;
  // Estimate from whole months, then correct for the day of month / clamping.
  // Estimate from whole months. date ≥ plaqueDate, so the estimate is ≥ 1; it is never too low (the next
  // anniversary falls in a later month) and at most one too high (date is in the anniversary month but
  // before the anniversary day). Year starts come from the memoised quarters.
  const k = Math.floor(((d.year - p.year) * 12 + (d.month - p.month)) / 12) + 1;
  return k > 1 && (quartersOfYear(plaqueDate, k, 'plaque')[0] as AssessmentQuarter).start > date ? k - 1 : k;
}

/**
 * Quarter boundaries are pure functions of (plaque date, year, mode) and are asked for once per record
 * when tallying, so they are memoised. The cache is bounded (cleared when full) because a cloud
 * function instance can live long; entries are frozen so no caller can corrupt them.
 */
const quarterCache = new Map<string, readonly AssessmentQuarter[]>();
const QUARTER_CACHE_MAX = 20_000;

/** The quarters of year `yearIndex`, in order (fewer than four only for calendar-mode year 1). */
export function quartersOfYear(plaqueDate: ChinaDate, yearIndex: number, mode: YearMode): readonly AssessmentQuarter[] {
  assertYearIndex(yearIndex);
  const key = `${plaqueDate}|${yearIndex}|${mode}`;
  let quarters = quarterCache.get(key);
  if (!quarters) {
    if (quarterCache.size >= QUARTER_CACHE_MAX) quarterCache.clear();
    quarters = Object.freeze(computeQuarters(plaqueDate, yearIndex, mode).map((q) => Object.freeze(q)));
    quarterCache.set(key, quarters);
  }
  return quarters;
}

function computeQuarters(plaqueDate: ChinaDate, yearIndex: number, mode: YearMode): AssessmentQuarter[] {
  const out: AssessmentQuarter[] = [];
  if (mode === 'plaque') {
    for (let q = 1; q <= 4; q++) {
      const start = addMonthsClamped(plaqueDate, 12 * (yearIndex - 1) + 3 * (q - 1));
      const end = addDays(addMonthsClamped(plaqueDate, 12 * (yearIndex - 1) + 3 * q), -1);
      out.push({ yearIndex, quarter: q as QuarterNumber, ...period(start, end, start, end) });
    }
    return out;
  }
  const y = dateParts(plaqueDate).year + yearIndex - 1;
  for (let q = 1; q <= 4; q++) {
    const fullStart = makeChinaDate(y, 3 * q - 2, 1);
    const fullEnd = addDays(q === 4 ? makeChinaDate(y + 1, 1, 1) : makeChinaDate(y, 3 * q + 1, 1), -1);
    if (fullEnd < plaqueDate) continue;
    out.push({ yearIndex, quarter: q as QuarterNumber, ...period(maxDate(fullStart, plaqueDate), fullEnd, fullStart, fullEnd) });
  }
  return out;
}

/** The assessment quarter containing `date`; null when `date` is before the plaque date. */
export function quarterOf(plaqueDate: ChinaDate, date: ChinaDate, mode: YearMode): AssessmentQuarter | null {
  const k = yearIndexOf(plaqueDate, date, mode);
  if (k < 1) return null;
  // The quarters tile the year in order, so the last one starting on or before `date` contains it.
  const quarters = quartersOfYear(plaqueDate, k, mode);
  let found = quarters[0] as AssessmentQuarter;
  for (const q of quarters) if (q.start <= date) found = q;
  return found;
}

/** Last day of a term of `termYears` years from the plaque date (第七条: 协议期限 2 年). */
export function termEndDate(plaqueDate: ChinaDate, termYears: number): ChinaDate {
  return addDays(addMonthsClamped(plaqueDate, 12 * termYears), -1);
}

/**
 * How many plaque-years of the term have elapsed at the END of `date` (inclusive), as a real number:
 * 1 on the day before the first anniversary, 2 on the day before the second. 0 before the plaque date.
 * Used to set the agreement target of 第十二条(一) at the end of any assessment year, in either year mode.
 */
export function termProgressYears(plaqueDate: ChinaDate, date: ChinaDate): number {
  if (date < plaqueDate) return 0;
  const k = yearIndexOf(plaqueDate, date, 'plaque');
  const y = assessmentYear(plaqueDate, k, 'plaque');
  return k - 1 + (diffDays(y.start, date) + 1) / y.days;
}
