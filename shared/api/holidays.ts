import { z } from 'zod';
import type { HolidaySchedule, HolidaySource } from '../calendar/holidays';
import { requestIdSchema } from '../schemas/common';
import { holidayScheduleSchema } from '../schemas/holidays';
import { action } from './define';

/**
 * The holiday calendar actions of the `org` function (issue 13 item 7): staff read which years the
 * calendar knows (the library's data, or the year they entered) and enter a year's official
 * arrangement. Spread into orgApi (shared/api/org.ts).
 */

export const listHolidaysInput = z.object({
  /** the years to show; default: last year to next year (China time) */
  fromYear: z.number().int().min(2000).max(2100).optional(),
  toYear: z.number().int().min(2000).max(2100).optional(),
});

export const saveHolidaysInput = z.object({
  requestId: requestIdSchema,
  schedule: holidayScheduleSchema,
});

export interface HolidayYearView {
  year: number;
  /** where the calendar's arrangement of this year comes from; null: nobody entered it and the library does not know it */
  source: HolidaySource | null;
  /** the arrangement in force (stored, else the library's), null when unknown */
  schedule: HolidaySchedule | null;
  /** the library's arrangement of the year, when it knows it (shown beside a stored one) */
  library: HolidaySchedule | null;
  /** when and by whom a stored year was last saved */
  updatedAt: number | null;
  updatedByName: string | null;
  /** Chinese warning when the year is unknown ("2027 年节假日尚未录入…"), else '' */
  warning: string;
}

export interface HolidaysSaved {
  year: number;
  created: boolean;
  changed: boolean;
}

export const holidaysApi = {
  listHolidays: action<HolidayYearView[]>()(listHolidaysInput),
  saveHolidays: action<HolidaysSaved>()(saveHolidaysInput),
};
