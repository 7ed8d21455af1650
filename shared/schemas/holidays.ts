import { z } from 'zod';
import { chinaDateSchema, idSchema, text } from './common';

/**
 * A year's official holiday arrangement entered by staff (collection `holidayYears`, id = the year):
 * the State Council's notice is national, so there is one per environment, whichever city's staff
 * entered it (see shared/rules/holidays.ts). It replaces the `chinese-days` library's data for that
 * year (shared/calendar/holidays.ts).
 */
export const holidayRangeSchema = z.strictObject({
  name: text(20, '节日名称'),
  from: chinaDateSchema,
  to: chinaDateSchema,
});

/** What staff enter: the year, its holidays (date ranges with names) and its 调休上班日. */
export const holidayScheduleSchema = z.strictObject({
  year: z.number().int('年份必须是整数').min(2000, '年份不能早于 2000').max(2100, '年份不能晚于 2100'),
  holidays: z.array(holidayRangeSchema).min(1, '至少录入一个节假日').max(30, '节假日不能超过 30 段'),
  workdays: z.array(chinaDateSchema).max(20, '调休上班日不能超过 20 天').default([]),
});

export const holidayYearSchema = holidayScheduleSchema.extend({
  /** the year as text: one document per year */
  id: z.string().regex(/^\d{4}$/),
  updatedAt: z.number().int().min(0),
  /** the staff member who last saved it, and their CAST unit */
  updatedBy: idSchema,
  castUnitId: idSchema,
});
export type HolidayYear = z.infer<typeof holidayYearSchema>;
