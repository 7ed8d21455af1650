import { getDayDetail } from 'chinese-days';
import { addDays, type ChinaDate, dateParts, dayNumber, isWeekend } from './china-time';

/**
 * Working days (工作日) of mainland China: Monday–Friday, minus statutory holidays (法定节假日),
 * plus the adjusted working weekends (调休上班日) the State Council announces each year.
 * The holiday data comes from the maintained `chinese-days` package, never from a list of ours.
 *
 * A year the package does not know yet (the State Council publishes next year's arrangement around
 * November) falls back to "weekends only" — and every result says so (`unknownYears`, and for
 * publicity a Chinese `note`), so a caller can warn staff instead of silently mis-counting.
 */

export interface WorkingDayInfo {
  working: boolean;
  /** false when the holiday calendar of this year is not known and only weekends were considered */
  known: boolean;
}

const knownYearCache = new Map<number, boolean>();
const workingCache = new Map<ChinaDate, boolean>();

/**
 * chinese-days parses strings as UTC midnight but reads them back with local-time getters, which
 * shifts the date in time zones west of UTC. A Date at 12:00 UTC reads back as the same calendar
 * date in every time zone from UTC−11 to UTC+11 (including UTC, where cloud functions run, and China).
 */
function detailOf(date: ChinaDate): { work: boolean; name: string } {
  const { year, month, day } = dateParts(date);
  return getDayDetail(new Date(Date.UTC(year, month - 1, day, 12)));
}

/** Listed days (holidays and 调休 workdays) carry a name like "National Day,国庆节,3"; plain days carry the weekday. */
function isListed(name: string): boolean {
  return name.includes(',');
}

/**
 * Whether chinese-days holds the holiday arrangement of `year`. Every published year lists 元旦
 * (1 January is always a statutory holiday), so a year whose 1 January is not listed is unknown.
 */
export function isHolidayYearKnown(year: number): boolean {
  let known = knownYearCache.get(year);
  if (known === undefined) {
    known = isListed(detailOf(`${year}-01-01`).name);
    knownYearCache.set(year, known);
  }
  return known;
}

export function isWorkingDay(date: ChinaDate): WorkingDayInfo {
  const known = isHolidayYearKnown(dateParts(date).year);
  let working = workingCache.get(date);
  if (working === undefined) {
    const detail = known ? detailOf(date) : null;
    working = detail && isListed(detail.name) ? detail.work : !isWeekend(date);
    workingCache.set(date, working);
  }
  return { working, known };
}

function addUnknown(set: Set<number>, date: ChinaDate, known: boolean): void {
  if (!known) set.add(dateParts(date).year);
}

const sorted = (set: Set<number>) => [...set].sort((a, b) => a - b);

export interface WorkingDayCount {
  count: number;
  /** years in the range whose holidays are unknown (weekends only were excluded) */
  unknownYears: number[];
}

/** Memo of workingDaysBetween (pure; bounded). */
const betweenCache = new Map<string, WorkingDayCount>();
/** Working days in [from, to], both included; 0 when `to` is before `from`. */
export function workingDaysBetween(from: ChinaDate, to: ChinaDate): WorkingDayCount {
  const key = `${from}|${to}`;
  const hit = betweenCache.get(key);
  if (hit) return { count: hit.count, unknownYears: [...hit.unknownYears] };
  const out = countWorkingDays(from, to);
  if (betweenCache.size < 10_000) betweenCache.set(key, out);
  return { count: out.count, unknownYears: [...out.unknownYears] };
}
function countWorkingDays(from: ChinaDate, to: ChinaDate): WorkingDayCount {
  const unknown = new Set<number>();
  let count = 0;
  const last = dayNumber(to);
  for (let d = from, n = dayNumber(from); n <= last; n++, d = addDays(d, 1)) {
    const info = isWorkingDay(d);
    addUnknown(unknown, d, info.known);
    if (info.working) count++;
  }
  return { count, unknownYears: sorted(unknown) };
}

export interface WorkingDayShift {
  date: ChinaDate;
  unknownYears: number[];
}

/**
 * The date `n` working days after `start` (before it when n < 0), not counting `start` itself:
 * addWorkingDays(Friday, 1) = the next Monday on an ordinary week. n = 0 returns `start`.
 */
export function addWorkingDays(start: ChinaDate, n: number): WorkingDayShift {
  if (!Number.isInteger(n)) throw new RangeError(`工作日数必须是整数：${n}`);
  const unknown = new Set<number>();
  const step = n < 0 ? -1 : 1;
  let left = Math.abs(n);
  let date = start;
  while (left > 0) {
    date = addDays(date, step);
    const info = isWorkingDay(date);
    addUnknown(unknown, date, info.known);
    if (info.working) left--;
  }
  return { date, unknownYears: sorted(unknown) };
}

export interface PublicityEnd {
  /** the last day of the publicity (inclusive) */
  endDate: ChinaDate;
  unknownYears: number[];
  /** Chinese note for staff; empty unless the weekends-only fallback was used */
  note: string;
}

export function unknownYearsNote(unknownYears: readonly number[]): string {
  if (unknownYears.length === 0) return '';
  return `${unknownYears.join('、')} 年的法定节假日和调休安排尚未收录，已暂按仅扣除周末计算，请以国务院办公厅公布的放假安排为准核对。`;
}

/**
 * End of a publicity period (公示) of `days` days starting on `startDate` (day 1 is the start date
 * when it counts). dayKind 'working' (seed 004 第八条: 公示不少于5个工作日): the end is the
 * `days`-th working day counting from `startDate` inclusive — a start on a holiday or weekend
 * begins counting at the next working day. dayKind 'calendar' (e.g. seed 000: 公示5天): start + days − 1.
 */
export function publicityEnd(startDate: ChinaDate, days: number, dayKind: 'working' | 'calendar'): PublicityEnd {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`公示天数必须是正整数：${days}`);
  if (dayKind === 'calendar') return { endDate: addDays(startDate, days - 1), unknownYears: [], note: '' };
  const first = isWorkingDay(startDate);
  const shifted = addWorkingDays(startDate, first.working ? days - 1 : days);
  const unknown = new Set(shifted.unknownYears);
  addUnknown(unknown, startDate, first.known);
  const unknownYears = sorted(unknown);
  return { endDate: shifted.date, unknownYears, note: unknownYearsNote(unknownYears) };
}
