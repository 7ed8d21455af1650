import { addDays, type ChinaDate, dateParts, isWeekend } from '../calendar/china-time';
import type { HolidaySchedule } from '../calendar/holidays';
import type { FieldIssue } from '../errors';
import type { Role } from '../schemas/org';

/**
 * The holiday calendar staff enter (issue 13 item 7). The State Council's arrangement is national: one
 * schedule per year per environment, whichever city's staff enter it — a provincial environment with
 * several cities has one calendar, and a second city re-entering the same notice changes nothing.
 * City staff write it (they run publicity and the assessment calendar); every staff role reads it.
 */
export const holidayWriterRoles: readonly Role[] = ['cityStaff'];

/**
 * Every problem of an entered year, with the field path and a Chinese message (empty when valid):
 * dates inside the year, each range from ≤ to, no two holidays overlapping, an adjusted workday only on
 * a weekend (a weekday is a working day anyway), never inside a holiday, and no workday twice.
 */
export function holidayScheduleIssues(s: HolidaySchedule): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const inYear = (d: ChinaDate) => dateParts(d).year === s.year;
  s.holidays.forEach((h, i) => {
    if (!inYear(h.from)) issues.push({ path: `holidays.${i}.from`, message: `开始日期 ${h.from} 不在 ${s.year} 年内` });
    if (!inYear(h.to)) issues.push({ path: `holidays.${i}.to`, message: `结束日期 ${h.to} 不在 ${s.year} 年内` });
    if (h.to < h.from) issues.push({ path: `holidays.${i}.to`, message: `结束日期 ${h.to} 早于开始日期 ${h.from}` });
  });
  const order = s.holidays.map((h, i) => ({ h, i })).sort((a, b) => (a.h.from < b.h.from ? -1 : a.h.from > b.h.from ? 1 : a.i - b.i));
  for (let k = 1; k < order.length; k++) {
    const prev = order[k - 1]!;
    const cur = order[k]!;
    if (cur.h.from <= prev.h.to)
      issues.push({
        path: `holidays.${cur.i}.from`,
        message: `${cur.h.name}（${cur.h.from} 起）与${prev.h.name}（至 ${prev.h.to}）日期重叠`,
      });
  }
  const seen = new Set<ChinaDate>();
  s.workdays.forEach((w, i) => {
    const path = `workdays.${i}`;
    if (!inYear(w)) issues.push({ path, message: `调休上班日 ${w} 不在 ${s.year} 年内` });
    if (!isWeekend(w)) issues.push({ path, message: `调休上班日 ${w} 不是周末（工作日本来就上班）` });
    const inside = s.holidays.find((h) => h.from <= w && w <= h.to);
    if (inside) issues.push({ path, message: `调休上班日 ${w} 落在${inside.name}假期（${inside.from} 至 ${inside.to}）内` });
    if (seen.has(w)) issues.push({ path, message: `调休上班日 ${w} 重复` });
    seen.add(w);
  });
  return issues;
}

/** The entered year in its stored order: holidays by start date, workdays ascending (a re-save in another order changes nothing). */
export function normalizeHolidaySchedule(s: HolidaySchedule): HolidaySchedule {
  return {
    year: s.year,
    holidays: [...s.holidays]
      .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))
      .map((h) => ({ name: h.name, from: h.from, to: h.to })),
    workdays: [...s.workdays].sort(),
  };
}

/** Days off a schedule gives (holiday days, weekends inside the ranges included): for the page's summary. */
export function holidayDayCount(s: HolidaySchedule): number {
  let n = 0;
  for (const h of s.holidays) for (let d = h.from; d <= h.to && n < 400; d = addDays(d, 1)) n++;
  return n;
}
