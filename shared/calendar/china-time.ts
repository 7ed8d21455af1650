import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import { type ChinaDate, chinaDateSchema } from '../schemas/common';

dayjs.extend(utc);

export type { ChinaDate };

/**
 * China time is UTC+8 all year: the PRC has not observed daylight saving since 1991 and the
 * project only accepts dates from 2000 on (chinaDateSchema). We therefore convert with the fixed
 * offset (dayjs utcOffset, utc plugin) instead of the timezone plugin: the timezone plugin needs
 * Intl time-zone data, which the WeChat JS engine does not guarantee. The unit tests check this
 * fixed offset against dayjs.tz(…, 'Asia/Shanghai') so the shortcut is proven, not assumed.
 */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';
export const CHINA_UTC_OFFSET_MINUTES = 480;
const DAY_MS = 86_400_000;
const OFFSET_MS = CHINA_UTC_OFFSET_MINUTES * 60_000;

/** True when `s` is a real YYYY-MM-DD date in the accepted range (same rule as chinaDateSchema). */
export function isValidChinaDate(s: unknown): s is ChinaDate {
  return chinaDateSchema.safeParse(s).success;
}

/** Throws a RangeError (a programming error, not user input) when `s` is not a valid ChinaDate. */
export function assertChinaDate(s: string): ChinaDate {
  if (!isValidChinaDate(s)) throw new RangeError(`无效日期：${s}`);
  return s;
}

export interface DateParts {
  year: number;
  /** 1..12 */
  month: number;
  /** 1..31 */
  day: number;
}

export function dateParts(date: ChinaDate): DateParts {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Builds a ChinaDate from parts; month/day must already be in range. */
export function makeChinaDate(year: number, month: number, day: number): ChinaDate {
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Days since 1970-01-01 of a calendar date (the date's own calendar, no time zone involved). */
// Day numbers are pure arithmetic on the proleptic Gregorian calendar (H. Hinnant's days_from_civil /
// civil_from_days): no Date object, no allocation beyond the result string. Hot in the assessment.
const dnCache = new Map<string, number>();
export function dayNumber(date: ChinaDate): number {
  const hit = dnCache.get(date);
  if (hit !== undefined) return hit;
  const y0 =
    (date.charCodeAt(0) - 48) * 1000 + (date.charCodeAt(1) - 48) * 100 + (date.charCodeAt(2) - 48) * 10 + (date.charCodeAt(3) - 48);
  const m = (date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 48);
  const d = (date.charCodeAt(8) - 48) * 10 + (date.charCodeAt(9) - 48);
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const n = era * 146097 + doe - 719468;
  if (dnCache.size < 50_000) dnCache.set(date, n);
  return n;
}

const fdnCache = new Map<number, ChinaDate>();
export function fromDayNumber(n: number): ChinaDate {
  const hit = fdnCache.get(n);
  if (hit !== undefined) return hit;
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const out = makeChinaDate(yoe + era * 400 + (m <= 2 ? 1 : 0), m, d);
  if (fdnCache.size < 50_000) fdnCache.set(n, out);
  return out;
}

/** The China calendar date of an instant (epoch ms), whatever time zone the process runs in. */
export function chinaDateOf(epochMs: number): ChinaDate {
  return dayjs.utc(epochMs).utcOffset(CHINA_UTC_OFFSET_MINUTES).format('YYYY-MM-DD');
}

/** 'YYYY-MM-DD HH:mm' of an instant in China time (for histories and audit trails). */
export function chinaDateTimeOf(epochMs: number): string {
  return dayjs.utc(epochMs).utcOffset(CHINA_UTC_OFFSET_MINUTES).format('YYYY-MM-DD HH:mm');
}

/** Epoch ms of 00:00:00.000 China time on `date`. */
export function chinaDayStart(date: ChinaDate): number {
  return dayjs.utc(`${date}T00:00:00Z`).valueOf() - OFFSET_MS;
}

/** Epoch ms of 23:59:59.999 China time on `date` (the last instant of that China day). */
export function chinaDayEnd(date: ChinaDate): number {
  return chinaDayStart(date) + DAY_MS - 1;
}

export function addDays(date: ChinaDate, n: number): ChinaDate {
  return fromDayNumber(dayNumber(date) + n);
}

/** Whole days from `from` to `to` (positive when `to` is later): diffDays('2025-01-01','2025-01-03') = 2. */
export function diffDays(from: ChinaDate, to: ChinaDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** Number of calendar days from `from` to `to`, both included; 0 when `to` is before `from`. */
export function daysInclusive(from: ChinaDate, to: ChinaDate): number {
  return Math.max(0, diffDays(from, to) + 1);
}

/** -1, 0 or 1. YYYY-MM-DD strings sort chronologically, so a string compare is exact. */
export function compareDates(a: ChinaDate, b: ChinaDate): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function minDate(a: ChinaDate, b: ChinaDate): ChinaDate {
  return a <= b ? a : b;
}

export function maxDate(a: ChinaDate, b: ChinaDate): ChinaDate {
  return a >= b ? a : b;
}

/** True when from ≤ date ≤ to. */
export function isWithin(date: ChinaDate, from: ChinaDate, to: ChinaDate): boolean {
  return date >= from && date <= to;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: ChinaDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

export function isWeekend(date: ChinaDate): boolean {
  const w = weekdayOf(date);
  return w === 0 || w === 6;
}

/**
 * Adds months, clamping the day to the end of the target month: 01-31 + 1 month = 02-28 (or 02-29),
 * 2024-02-29 + 12 months = 2025-02-28. Always add from the same origin (origin + k months), never
 * chain, or the clamp drifts (01-31 → 02-28 → 03-28).
 */
export function addMonthsClamped(date: ChinaDate, months: number): ChinaDate {
  const { year, month, day } = dateParts(date);
  const total = year * 12 + (month - 1) + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  return makeChinaDate(y, m, Math.min(day, daysInMonth(y, m)));
}

export function yearOf(date: ChinaDate): number {
  return dateParts(date).year;
}
