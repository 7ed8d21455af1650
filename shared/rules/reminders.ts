import { addDays, type ChinaDate } from '../calendar/china-time';
import type { HolidayCalendar } from '../calendar/holidays';
import { type AssessmentQuarter, quarterOf, yearIndexOf } from '../calendar/periods';
import { workingDaysBetween } from '../calendar/working-days';
import type { Station } from '../schemas/org';
import { prorate } from './assessment/evaluate';
import { periodDaysOf } from './assessment/pace';
import type { AssessmentSettings } from './assessment/settings';
import { readTally, type Tally } from './assessment/tally';

/**
 * Reminders of 第十二条(二) (each expert ≥ N days in the station each quarter): when a station is in
 * its reminder window, and which experts are still short. Pure: `today` and the tally are read by the caller.
 */

/** The station's current quarter, when it ends within the reminder window today. */
export interface ReminderWindow {
  yearIndex: number;
  quarter: AssessmentQuarter;
  /** working days (the statutory holiday calendar) from today to the quarter's end */
  workingDaysLeft: number;
}

/**
 * In the window when the current quarter ends within `reminderWorkingDaysBeforeQuarterEnd` working
 * days; never for a de-listed station, nor before the plaque date.
 */
export function reminderWindow(
  station: Pick<Station, 'status' | 'plaqueDate'>,
  settings: AssessmentSettings,
  today: ChinaDate,
  cal: HolidayCalendar,
): ReminderWindow | null {
  if (station.status === 'delisted' || station.status === 'closed') return null;
  const yearIndex = yearIndexOf(station.plaqueDate, today, settings.yearMode);
  const quarter = yearIndex >= 1 ? quarterOf(station.plaqueDate, today, settings.yearMode) : null;
  if (!quarter) return null;
  // THE working-days-left figure (pace.ts): the same the dashboard and the expert read
  const workingDaysLeft = periodDaysOf(quarter.start, quarter.end, today, cal).workingDaysLeft;
  return workingDaysLeft <= settings.reminderWorkingDaysBeforeQuarterEnd ? { yearIndex, quarter, workingDaysLeft } : null;
}

export interface ShortExpert {
  expertId: string;
  /** days logged this quarter (pending and confirmed) */
  days: number;
  /** the quarter's requirement, prorated for a partial quarter */
  required: number;
}

/**
 * The experts of the team below the quarter's requirement, from the station's tally. `requiredOf` gives an
 * expert's own requirement (membership dates and go-live, assessment/coverage.ts); null: not assessed this
 * quarter, so not reminded.
 */
export function shortExperts(
  expertIds: readonly string[],
  tally: Tally,
  w: Pick<ReminderWindow, 'yearIndex' | 'quarter'>,
  settings: AssessmentSettings,
  requiredOf?: (expertId: string) => number | null,
): ShortExpert[] {
  const full = prorate(settings.thresholds.daysPerQuarter, w.quarter.fraction);
  const short: ShortExpert[] = [];
  for (const expertId of expertIds) {
    const required = requiredOf ? requiredOf(expertId) : full;
    if (required === null) continue;
    const days = readTally(tally, 'days', w.yearIndex, w.quarter.quarter, expertId).all;
    if (days < required) short.push({ expertId, days, required });
  }
  return short;
}

/**
 * The first date the station's current quarter is in its reminder window (today or later), for the
 * answer "why nothing was sent"; null for a de-listed station or before the plaque date.
 */
export function reminderWindowOpensOn(
  station: Pick<Station, 'status' | 'plaqueDate'>,
  settings: AssessmentSettings,
  today: ChinaDate,
  cal: HolidayCalendar,
): ChinaDate | null {
  if (station.status === 'delisted' || station.status === 'closed') return null;
  const from = today < station.plaqueDate ? station.plaqueDate : today;
  const quarter = quarterOf(station.plaqueDate, from, settings.yearMode);
  if (!quarter) return null;
  let d = quarter.end;
  // walk back from the quarter's end while the day is still inside the window
  while (d > from && workingDaysBetween(addDays(d, -1), quarter.end, cal).count <= settings.reminderWorkingDaysBeforeQuarterEnd)
    d = addDays(d, -1);
  return d;
}
