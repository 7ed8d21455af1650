import { getDayDetail } from 'chinese-days';
import { addDays, type ChinaDate, dateParts, makeChinaDate } from './china-time';

/**
 * The holiday calendar the working-day functions read: the `chinese-days` library's data (the
 * default) merged with the years staff entered (collection `holidayYears`). A stored year REPLACES
 * the library's for that year — a year is the State Council's one notice, never a mix of two.
 *
 * Every working-day function takes a calendar explicitly: a handler loads the stored years once per
 * call (store.holidays.calendar()) and passes the merged calendar down, so nothing silently uses the
 * library alone.
 */

/** One holiday of a year's notice: a named range of days off (weekends inside it included). */
export interface HolidayRange {
  name: string;
  from: ChinaDate;
  to: ChinaDate;
}

/** A year's official arrangement: its holidays and its adjusted working weekend days (调休上班日). */
export interface HolidaySchedule {
  year: number;
  holidays: HolidayRange[];
  workdays: ChinaDate[];
}

export type HolidaySource = 'library' | 'stored';

interface DayMark {
  work: boolean;
}

/** A merged calendar. Opaque on purpose: build it with libraryCalendar or mergeHolidayCalendar. */
export interface HolidayCalendar {
  /** the stored years, by year (they replace the library's) */
  readonly stored: ReadonlyMap<number, HolidaySchedule>;
  /** @internal per-calendar memo of day marks of stored years */
  readonly marks: Map<ChinaDate, DayMark | null>;
  /** @internal per-calendar memo of working days (the calendar is immutable) */
  readonly memo: Map<string, unknown>;
}

function build(stored: Map<number, HolidaySchedule>): HolidayCalendar {
  const marks = new Map<ChinaDate, DayMark | null>();
  for (const y of stored.values()) {
    for (const h of y.holidays) for (let d = h.from; d <= h.to; d = addDays(d, 1)) marks.set(d, { work: false });
    for (const w of y.workdays) marks.set(w, { work: true });
  }
  return { stored, marks, memo: new Map() };
}

/** The library's data alone (tests, and the pages that show what the library knows). */
export const libraryCalendar: HolidayCalendar = build(new Map());

/** The library's data with the stored years replacing the library's for their year. */
export function mergeHolidayCalendar(stored: readonly HolidaySchedule[]): HolidayCalendar {
  if (stored.length === 0) return libraryCalendar;
  return build(new Map(stored.map((y) => [y.year, y])));
}

/**
 * chinese-days parses strings as UTC midnight but reads them back with local-time getters, which
 * shifts the date in time zones west of UTC. A Date at 12:00 UTC reads back as the same calendar
 * date in every time zone from UTC−11 to UTC+11 (including UTC, where cloud functions run, and China).
 */
function libraryDetail(date: ChinaDate): { work: boolean; name: string } {
  const { year, month, day } = dateParts(date);
  return getDayDetail(new Date(Date.UTC(year, month - 1, day, 12)));
}

/** Listed days (holidays and 调休 workdays) carry a name like "National Day,国庆节,3"; plain days carry the weekday. */
function isListed(name: string): boolean {
  return name.includes(',');
}

const libraryKnown = new Map<number, boolean>();
/**
 * Whether chinese-days holds the arrangement of `year`. Every published year lists 元旦 (1 January is
 * always a statutory holiday), so a year whose 1 January is not listed is unknown to the library.
 */
export function isLibraryYear(year: number): boolean {
  let known = libraryKnown.get(year);
  if (known === undefined) {
    known = isListed(libraryDetail(`${year}-01-01`).name);
    libraryKnown.set(year, known);
  }
  return known;
}

/** The listed mark of a day in the library (holiday or 调休 workday), null for an ordinary day. */
export function libraryMark(date: ChinaDate): DayMark | null {
  const d = libraryDetail(date);
  return isListed(d.name) ? { work: d.work } : null;
}

/** Where the calendar's arrangement of `year` comes from; null when neither knows it (weekends only). */
export function holidaySourceOf(year: number, cal: HolidayCalendar): HolidaySource | null {
  if (cal.stored.has(year)) return 'stored';
  return isLibraryYear(year) ? 'library' : null;
}

/** The mark of a day in the merged calendar: a stored year decides its own days, else the library. */
export function markOf(date: ChinaDate, cal: HolidayCalendar): DayMark | null {
  const year = dateParts(date).year;
  if (cal.stored.has(year)) return cal.marks.get(date) ?? null;
  return isLibraryYear(year) ? libraryMark(date) : null;
}

/** The Chinese name of a listed library day ("国庆节") from "National Day,国庆节,3". */
function chineseName(name: string): string {
  return name.split(',')[1] ?? name;
}

/**
 * The library's arrangement of `year` as a schedule (for the staff page: "the library says…"), null
 * for a year it does not know. Consecutive holiday days of the same name form one range.
 */
export function libraryHolidaySchedule(year: number): HolidaySchedule | null {
  if (!isLibraryYear(year)) return null;
  const holidays: HolidayRange[] = [];
  const workdays: ChinaDate[] = [];
  const last = makeChinaDate(year, 12, 31);
  let open: HolidayRange | null = null;
  for (let d = makeChinaDate(year, 1, 1); d <= last; d = addDays(d, 1)) {
    const detail = libraryDetail(d);
    const listed = isListed(detail.name);
    if (listed && detail.work) workdays.push(d);
    if (listed && !detail.work) {
      const name = chineseName(detail.name);
      if (open && open.name === name && addDays(open.to, 1) === d) open.to = d;
      else {
        open = { name, from: d, to: d };
        holidays.push(open);
      }
    } else open = null;
  }
  return { year, holidays, workdays };
}
