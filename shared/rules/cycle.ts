import { addDays, addMonthsClamped, type ChinaDate, makeChinaDate, yearOf } from '../calendar/china-time';
import type { HolidayCalendar } from '../calendar/holidays';
import { publicityEnd } from '../calendar/working-days';
import type { Programme } from '../programmes/schema';

/**
 * Calendar rules a programme states as data: publicity length, application rounds, work deadline,
 * budget year. Pure: dates in, dates out.
 */

export interface PublicityPeriod {
  start: ChinaDate;
  /** last day of publicity, inclusive */
  end: ChinaDate;
  /** Chinese note when the holiday calendar of a year is not known yet (weekends-only fallback), else '' */
  note: string;
}

/**
 * The publicity period starting on `start` (day 1 = start when it counts). Working days follow the
 * State Council holiday calendar (shared/calendar/working-days.ts, the merged calendar `cal`); seed 004 第八条(三): 不少于5个工作日.
 */
export function publicityPeriod(programme: Programme, start: ChinaDate, cal: HolidayCalendar): PublicityPeriod {
  if (!programme.publicity) throw new RangeError(`项目 ${programme.id} 不设公示`);
  const end = publicityEnd(start, programme.publicity.days, programme.publicity.dayKind, cal);
  return { start, end: end.endDate, note: end.note };
}

/** Publicity is over once its last day has passed. */
export function isPublicityOver(end: ChinaDate, today: ChinaDate): boolean {
  return today > end;
}

/** Chinese description, e.g. "不少于 5 个工作日"; "不设公示" when the programme has none. */
export function describePublicity(programme: Programme): string {
  const p = programme.publicity;
  if (!p) return '不设公示';
  return `${p.minimum ? '不少于 ' : ''}${p.days} ${p.dayKind === 'working' ? '个工作日' : '天（自然日）'}`;
}

/**
 * Whether applications are taken in `year`: rounds are anchor + k × interval (seed 004 第八条: 每两年).
 * null when the programme does not say (every notice decides).
 */
export function isRoundYear(programme: Programme, year: number): boolean | null {
  const { roundIntervalYears: every, roundAnchorYear: anchor } = programme.cycle;
  if (every === null) return null;
  if (anchor === null) return true;
  return year >= anchor && (year - anchor) % every === 0;
}

/** The round `date` belongs to (the latest round year not after it); null when unknown or before the first round. */
export function roundYearOf(programme: Programme, date: ChinaDate): number | null {
  const { roundIntervalYears: every, roundAnchorYear: anchor } = programme.cycle;
  const year = yearOf(date);
  if (every === null) return null;
  if (anchor === null) return every === 1 ? year : null;
  if (year < anchor) return null;
  return anchor + Math.floor((year - anchor) / every) * every;
}

/** Seed 003 五(五): 项目单位应于11月底前完成相关工作 — the deadline of the round year; null when none. */
export function workDeadline(programme: Programme, roundYear: number): ChinaDate | null {
  const d = programme.cycle.workDeadline;
  return d ? makeChinaDate(roundYear, d.month, d.day) : null;
}

/** True once the deadline day has passed; null when the programme has no deadline. */
export function isWorkOverdue(programme: Programme, roundYear: number, today: ChinaDate): boolean | null {
  const deadline = workDeadline(programme, roundYear);
  return deadline === null ? null : today > deadline;
}

/**
 * Seed 000 管理办法第十四条: 原则上应当自预算批复之日起一年内执行完成 — the last day to spend the budget;
 * null when the programme sets no such limit.
 */
export function budgetLastDay(programme: Programme, approvedOn: ChinaDate): ChinaDate | null {
  const years = programme.cycle.budgetSpendWithinYears;
  return years === undefined ? null : addDays(addMonthsClamped(approvedOn, 12 * years), -1);
}
