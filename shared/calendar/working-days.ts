import { addDays, type ChinaDate, dateParts, dayNumber, isWeekend } from './china-time';
import { type HolidayCalendar, holidaySourceOf, markOf } from './holidays';

/**
 * Working days (工作日) of mainland China: Monday–Friday, minus statutory holidays (法定节假日),
 * plus the adjusted working weekends (调休上班日) the State Council announces each year.
 * The holiday data comes from the maintained `chinese-days` package, merged with the years staff
 * entered (holidays.ts: a stored year replaces the library's); every function takes that merged
 * calendar explicitly.
 *
 * A year neither knows (the State Council publishes next year's arrangement around November) falls
 * back to "weekends only" — and every result says so (`unknownYears`, and for publicity a Chinese
 * `note`), so a caller can warn staff instead of silently mis-counting.
 */

export interface WorkingDayInfo {
  working: boolean;
  /** false when the holiday calendar of this year is not known and only weekends were considered */
  known: boolean;
}

/** Whether the calendar (library or a stored year) holds the holiday arrangement of `year`. */
export function isHolidayYearKnown(year: number, cal: HolidayCalendar): boolean {
  return holidaySourceOf(year, cal) !== null;
}

export function isWorkingDay(date: ChinaDate, cal: HolidayCalendar): WorkingDayInfo {
  const key = `d|${date}`;
  const hit = cal.memo.get(key) as WorkingDayInfo | undefined;
  if (hit) return { ...hit };
  const known = isHolidayYearKnown(dateParts(date).year, cal);
  const mark = known ? markOf(date, cal) : null;
  const info = { working: mark ? mark.work : !isWeekend(date), known };
  cal.memo.set(key, info);
  return { ...info };
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

/** Working days in [from, to], both included; 0 when `to` is before `from`. Memoised per calendar (bounded). */
export function workingDaysBetween(from: ChinaDate, to: ChinaDate, cal: HolidayCalendar): WorkingDayCount {
  const key = `b|${from}|${to}`;
  const hit = cal.memo.get(key) as WorkingDayCount | undefined;
  if (hit) return { count: hit.count, unknownYears: [...hit.unknownYears] };
  const out = countWorkingDays(from, to, cal);
  if (cal.memo.size < 20_000) cal.memo.set(key, out);
  return { count: out.count, unknownYears: [...out.unknownYears] };
}
function countWorkingDays(from: ChinaDate, to: ChinaDate, cal: HolidayCalendar): WorkingDayCount {
  const unknown = new Set<number>();
  let count = 0;
  const last = dayNumber(to);
  for (let d = from, n = dayNumber(from); n <= last; n++, d = addDays(d, 1)) {
    const info = isWorkingDay(d, cal);
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
export function addWorkingDays(start: ChinaDate, n: number, cal: HolidayCalendar): WorkingDayShift {
  if (!Number.isInteger(n)) throw new RangeError(`工作日数必须是整数：${n}`);
  const unknown = new Set<number>();
  const step = n < 0 ? -1 : 1;
  let left = Math.abs(n);
  let date = start;
  while (left > 0) {
    date = addDays(date, step);
    const info = isWorkingDay(date, cal);
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
  return `${unknownYears.join('、')} 年节假日尚未录入（法定节假日和调休安排），已暂按仅扣除周末计算；请科协工作人员在“节假日”页录入国务院办公厅公布的放假安排。`;
}

/**
 * End of a publicity period (公示) of `days` days starting on `startDate` (day 1 is the start date
 * when it counts). dayKind 'working' (seed 004 第八条: 公示不少于5个工作日): the end is the
 * `days`-th working day counting from `startDate` inclusive — a start on a holiday or weekend
 * begins counting at the next working day. dayKind 'calendar' (e.g. seed 000: 公示5天): start + days − 1.
 */
export function publicityEnd(startDate: ChinaDate, days: number, dayKind: 'working' | 'calendar', cal: HolidayCalendar): PublicityEnd {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`公示天数必须是正整数：${days}`);
  if (dayKind === 'calendar') return { endDate: addDays(startDate, days - 1), unknownYears: [], note: '' };
  const first = isWorkingDay(startDate, cal);
  const shifted = addWorkingDays(startDate, first.working ? days - 1 : days, cal);
  const unknown = new Set(shifted.unknownYears);
  addUnknown(unknown, startDate, first.known);
  const unknownYears = sorted(unknown);
  return { endDate: shifted.date, unknownYears, note: unknownYearsNote(unknownYears) };
}
