import { addDays, type ChinaDate, daysInclusive, maxDate } from '../../calendar/china-time';
import type { HolidayCalendar } from '../../calendar/holidays';
import { workingDaysBetween } from '../../calendar/working-days';

/**
 * Honest pace (第十二条(二) days per quarter), judged on the working-day calendar:
 * - "expected by now" is the requirement spread evenly over the period's working days;
 * - in the first part of a period (the grace share of its working days) nobody is "behind":
 *   one week of a quarter says nothing about the quarter;
 * - behind = more than one day under the even pace (after the grace), or needing more days than
 *   there are working days left;
 * - cannot = needing more days than there are calendar days left (even serving every day would
 *   not be enough).
 * Ahead of pace, or within a day of it, is on track. One place decides; the dashboard, the station
 * page, the reminders and the expert's own page all read it.
 */

/** The share of a period's working days in which nobody is called behind (the first weeks). */
export const PACE_GRACE_SHARE = 0.25;
/** Days under the even pace that still count as on track. */
export const PACE_TOLERANCE_DAYS = 1;

export type PaceStatus = 'met' | 'onTrack' | 'behind' | 'cannot';

export interface PaceInput {
  /** days logged so far in the period (the basis the caller chose) */
  done: number;
  required: number;
  workingDaysElapsed: number;
  /** working days from today (included) to the period's end */
  workingDaysLeft: number;
  /** calendar days from today (included) to the period's end */
  calendarDaysLeft: number;
}

export interface Pace {
  status: PaceStatus;
  /** days still needed */
  needed: number;
  /** days the even pace asks for by now (one decimal) */
  expectedByNow: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export function paceOf(p: PaceInput): Pace {
  const needed = Math.max(0, p.required - p.done);
  const total = p.workingDaysElapsed + p.workingDaysLeft;
  const share = total > 0 ? p.workingDaysElapsed / total : 1;
  const expected = p.required * share;
  const out = (status: PaceStatus): Pace => ({ status, needed, expectedByNow: round1(expected) });
  if (needed === 0) return out('met');
  if (needed > p.calendarDaysLeft) return out('cannot');
  if (needed > p.workingDaysLeft) return out('behind');
  if (share >= PACE_GRACE_SHARE && p.done < expected - PACE_TOLERANCE_DAYS) return out('behind');
  return out('onTrack');
}

/** Working and calendar days of [start, end] before asOf (elapsed) and from asOf on (left, asOf included). */
export interface PeriodDays {
  workingDaysElapsed: number;
  workingDaysLeft: number;
  calendarDaysLeft: number;
  unknownYears: number[];
}

/**
 * THE working-days-left figure of a period: every page (dashboard card, station page, expert home,
 * reminders) reads this one function.
 */
export function periodDaysOf(start: ChinaDate, end: ChinaDate, asOf: ChinaDate, cal: HolidayCalendar): PeriodDays {
  if (asOf > end) {
    const all = workingDaysBetween(start, end, cal);
    return { workingDaysElapsed: all.count, workingDaysLeft: 0, calendarDaysLeft: 0, unknownYears: all.unknownYears };
  }
  const from = maxDate(asOf, start);
  const left = workingDaysBetween(from, end, cal);
  const before = from > start ? workingDaysBetween(start, addDays(from, -1), cal) : { count: 0, unknownYears: [] as number[] };
  return {
    workingDaysElapsed: before.count,
    workingDaysLeft: left.count,
    calendarDaysLeft: daysInclusive(from, end),
    unknownYears: [...new Set([...before.unknownYears, ...left.unknownYears])].sort(),
  };
}

/** A station awarded less than this many days ago is "新建": nothing to judge yet, never at risk for its pace. */
export const NEW_STATION_DAYS = 28;

/** Days since the plaque date (0 on the plaque date itself); null before it. */
export function daysSincePlaque(plaqueDate: ChinaDate, asOf: ChinaDate): number | null {
  return asOf < plaqueDate ? null : daysInclusive(plaqueDate, asOf) - 1;
}

export const isNewStation = (plaqueDate: ChinaDate, asOf: ChinaDate): boolean => {
  const d = daysSincePlaque(plaqueDate, asOf);
  return d === null || d < NEW_STATION_DAYS;
};
