import type { ParsedInputOf } from '../../../shared/api/define';
import type { HolidaysSaved, HolidayYearView } from '../../../shared/api/holidays';
import type { OrgApi } from '../../../shared/api/org';
import { chinaDateOf, yearOf } from '../../../shared/calendar/china-time';
import { holidaySourceOf, libraryHolidaySchedule, mergeHolidayCalendar } from '../../../shared/calendar/holidays';
import { unknownYearsNote } from '../../../shared/calendar/working-days';
import { AppError } from '../../../shared/errors';
import { holidayScheduleIssues, holidayWriterRoles, normalizeHolidaySchedule } from '../../../shared/rules/holidays';
import { defaultCastUnit } from '../../../shared/rules/org';
import type { HolidayYear } from '../../../shared/schemas/holidays';
import { requireSafeText } from '../../_kernel/content';
import type { Uses } from '../../_kernel/router';
import { actorOf, invalid, replayed, sameRecord } from './org-data';

/**
 * The holiday calendar (issue 13 item 7). The State Council's arrangement is national, so one stored
 * year serves every city of the environment (shared/rules/holidays.ts says why); any city staff enter
 * it, every staff role reads it. A stored year replaces the `chinese-days` library's data for that year.
 */
export async function listHolidays(ctx: Uses<'store' | 'clock'>, input: ParsedInputOf<OrgApi['listHolidays']>): Promise<HolidayYearView[]> {
  const thisYear = yearOf(chinaDateOf(ctx.clock.now()));
  const from = input.fromYear ?? thisYear - 1;
  const to = Math.min(input.toYear ?? thisYear + 1, from + 10);
  if (to < from) throw invalid([{ path: 'toYear', message: '结束年份不能早于开始年份' }]);
  const stored = await ctx.store.holidays.years();
  const cal = mergeHolidayCalendar(stored);
  const names = await ctx.store.reports.personsByIds([...new Set(stored.map((y) => y.updatedBy))]);
  const out: HolidayYearView[] = [];
  for (let year = from; year <= to; year++) {
    const mine = stored.find((y) => y.year === year) ?? null;
    const library = libraryHolidaySchedule(year);
    const source = holidaySourceOf(year, cal);
    out.push({
      year,
      source,
      schedule: mine ? { year, holidays: mine.holidays, workdays: mine.workdays } : library,
      library,
      updatedAt: mine?.updatedAt ?? null,
      updatedByName: mine ? (names.get(mine.updatedBy)?.name ?? null) : null,
      warning: source === null ? unknownYearsNote([year]) : '',
    });
  }
  return out;
}

export async function saveHolidays(
  ctx: Uses<'store' | 'clock' | 'caller' | 'fn' | 'action' | 'contentCheck' | 'log'>,
  input: ParsedInputOf<OrgApi['saveHolidays']>,
): Promise<HolidaysSaved> {
  const { key, result } = await replayed<HolidaysSaved>(ctx, input.requestId);
  if (result) return result;
  const schedule = normalizeHolidaySchedule(input.schedule);
  const issues = holidayScheduleIssues(input.schedule).map((i) => ({ ...i, path: `schedule.${i.path}` }));
  if (issues.length > 0) throw invalid(issues);
  const city = defaultCastUnit(ctx.caller.bindings, holidayWriterRoles);
  if (!city) throw new AppError('AUTH.FORBIDDEN');
  const actorId = actorOf(ctx);
  const now = ctx.clock.now();
  const id = String(schedule.year);
  const before = (await ctx.store.holidays.years()).find((y) => y.id === id) ?? null;
  const same = (a: HolidayYear | null) =>
    a !== null && sameRecord({ h: a.holidays, w: a.workdays }, { h: schedule.holidays, w: schedule.workdays });
  if (same(before)) return { year: schedule.year, created: false, changed: false };
  await requireSafeText(ctx, Object.fromEntries(schedule.holidays.map((h, i) => [`schedule.holidays.${i}.name`, h.name])));
  const next: HolidayYear = { id, ...schedule, updatedAt: now, updatedBy: actorId, castUnitId: city };
  return ctx.store.once(
    key,
    now,
    async (tx) => {
      const cur = await ctx.store.holidays.yearTx(tx, schedule.year);
      if (before ? !sameRecord(cur, before) : cur !== null) throw new AppError('CONFLICT.STATE');
      await ctx.store.holidays.saveYear(tx, next, before, { actorId, now });
      return { year: schedule.year, created: before === null, changed: true };
    },
    { replayed: true },
  );
}
