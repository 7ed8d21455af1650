import { addDays, type ChinaDate, maxDate, minDate } from '../calendar/china-time';
import { assessmentYear, quarterOf, yearIndexOf } from '../calendar/periods';
import type { ErrorCode } from '../errors';
import type { Station } from '../schemas/org';
import type { RecordKind, StationRecord } from '../schemas/records';
import { assessedFrom } from './assessment/coverage';
import { lastOpenDate } from './assessment/evaluate';
import type { AssessmentSettings } from './assessment/settings';
import { recordContributions } from './assessment/tally';

/**
 * Station logging rules (第十二条): which period an entry counts toward, which dates may still be
 * logged (the backfill window), a location check-in, and what an entry counts for. Pure: `today` is
 * the China date the caller derived from its clock.
 */

/** What the logging rules need to know about a station: its plaque date and its programme's settings. */
export interface LoggingStation {
  station: Pick<Station, 'plaqueDate'> & Partial<Pick<Station, 'goLiveDate' | 'team'>>;
  settings: AssessmentSettings;
}

/** The period an entry counts toward, and the last date it may still be logged. */
export interface LogPeriod {
  /** Chinese, e.g. "第1考核年度第2季度（2024-06-01 至 2024-08-31）" */
  label: string;
  end: ChinaDate;
  /** the last date of the backfill window */
  deadline: ChinaDate;
}

/** The period an entry counts toward, and the last date it may still be logged (the backfill window); null before the plaque date. */
export function periodOf(kind: RecordKind, date: ChinaDate, sc: LoggingStation): LogPeriod | null {
  const { station, settings } = sc;
  if (kind === 'serviceDay') {
    // 第十二条(二) counts days per quarter: a day may be backfilled until N days after its quarter ends.
    const q = quarterOf(station.plaqueDate, date, settings.yearMode);
    if (!q) return null;
    return {
      label: `第${q.yearIndex}考核年度第${q.quarter}季度（${q.start} 至 ${q.end}）`,
      end: q.end,
      deadline: lastOpenDate(q.end, settings),
    };
  }
  // The other clauses count per assessment year: an entry may be logged until N days after the year ends.
  const k = yearIndexOf(station.plaqueDate, date, settings.yearMode);
  if (k < 1) return null;
  const y = assessmentYear(station.plaqueDate, k, settings.yearMode);
  return { label: `第${k}考核年度（${y.start} 至 ${y.end}）`, end: y.end, deadline: lastOpenDate(y.end, settings) };
}

/** Why a date may not be logged: the code, the message, what the marked field says, and details. */
export interface DateRefusal {
  code: Extract<ErrorCode, 'STATION.DATE_IN_FUTURE' | 'STATION.DATE_BEFORE_PLAQUE' | 'STATION.OUTSIDE_BACKFILL_WINDOW'>;
  message: string;
  /** the message on the marked field */
  fieldMessage: string;
  details?: { deadline: ChinaDate; periodEnd: ChinaDate };
}

/**
 * Refuse a date in the future, before the plaque date (第十二条 counts from the plaque date), or —
 * unless staff correct (`window: false`) — outside the backfill window; null when the date may be logged.
 */
export function dateRefusal(
  date: ChinaDate,
  kind: RecordKind,
  sc: LoggingStation,
  today: ChinaDate,
  opts: { window?: boolean } = {},
): DateRefusal | null {
  if (date > today)
    return {
      code: 'STATION.DATE_IN_FUTURE',
      message: `不能登记未来的日期（${date}），今天是 ${today}`,
      fieldMessage: '不能登记未来的日期',
    };
  if (date < sc.station.plaqueDate)
    return {
      code: 'STATION.DATE_BEFORE_PLAQUE',
      message: `${date} 早于服务站授牌日期 ${sc.station.plaqueDate}，不计入考核`,
      fieldMessage: `不能早于授牌日期 ${sc.station.plaqueDate}`,
    };
  if (opts.window === false) return null;
  const p = periodOf(kind, date, sc);
  if (p && today > p.deadline) {
    return {
      code: 'STATION.OUTSIDE_BACKFILL_WINDOW',
      message: `${date} 属于${p.label}，补登截止日期为 ${p.deadline}（期末后 ${sc.settings.backfillDaysAfterQuarter} 天），已超过补登期限；如需更正请联系科协工作人员`,
      fieldMessage: `已超过补登期限（截止 ${p.deadline}）`,
      details: { deadline: p.deadline, periodEnd: p.end },
    };
  }
  return null;
}

/** 第十二条(三): a research result is dated on or after its study; the message for the field, or null. */
export const resultDateRefusal = (studyDate: ChinaDate, resultDate: ChinaDate): string | null =>
  resultDate < studyDate ? '调研成果日期不能早于调研日期' : null;

/**
 * The earliest date a service day may be logged on `today`: the backfill window reaches back into
 * closed-but-open quarters, but never before the station's go-live date (nothing before it is assessed,
 * coverage.ts) nor, for an expert with a membership history (`team`), before the first day they were on
 * the team: someone who joined today is not offered the quarter's earlier days.
 */
export function earliestLoggableDay(sc: LoggingStation, today: ChinaDate, expertId?: string | null): ChinaDate {
  const { station, settings } = sc;
  let floor = assessedFrom(station);
  if (expertId && station.team) {
    const joined = station.team.filter((m) => m.personId === expertId).map((m) => m.from);
    const first = joined.reduce<ChinaDate | null>((a, b) => (a === null ? b : minDate(a, b)), null);
    if (first !== null) floor = maxDate(floor, first);
  }
  const q = quarterOf(station.plaqueDate, today, settings.yearMode);
  if (!q) return station.plaqueDate;
  let earliest = q.start;
  for (;;) {
    const prevDay = addDays(earliest, -1);
    if (prevDay < station.plaqueDate) break;
    const pq = quarterOf(station.plaqueDate, prevDay, settings.yearMode);
    if (!pq || today > lastOpenDate(pq.end, settings)) break;
    earliest = pq.start;
  }
  // never after today: a go-live or join date in the future leaves today (the window is never empty)
  return minDate(maxDate(maxDate(earliest, station.plaqueDate), floor), today);
}

/** How many of the most recent loggable dates the day picker shows before "更早的日期". */
export const RECENT_PICKER_DAYS = 14;

/**
 * Every date a service day may be logged on today, newest first: [earliestLoggableDay, today]. The day
 * picker and the "最早可补登" text both read this list, so they always agree (issue 15, finding 14):
 * the picker shows the first RECENT_PICKER_DAYS and the rest behind "更早的日期"; the text names the last.
 */
export function loggableDates(earliest: ChinaDate, today: ChinaDate): ChinaDate[] {
  const out: ChinaDate[] = [];
  for (let d = today; d >= earliest; d = addDays(d, -1)) out.push(d);
  return out;
}

// ---------- location ----------

export interface LatLng {
  lat: number;
  lng: number;
}

/** Great-circle distance in metres (haversine; plenty for a radius of a few hundred metres). */
export function distanceM(a: LatLng, b: LatLng): number {
  const R = 6_371_008.8;
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface CheckIn extends LatLng {
  /** whole metres from the host unit */
  distanceM: number;
  withinRadius: boolean;
}

/**
 * 第十二条(二) service day, logged with consent to location: the check-in recorded with it — never
 * blocking. A check-in only says something about today: a backfilled day keeps none, nor does a
 * station whose host unit has no location.
 */
export function checkInOf(
  location: LatLng | null | undefined,
  hostUnitAt: (LatLng & { radiusM: number }) | null,
  backfilled: boolean,
): CheckIn | null {
  if (backfilled || !location || !hostUnitAt) return null;
  const d = Math.round(distanceM(location, hostUnitAt));
  return { lat: location.lat, lng: location.lng, distanceM: d, withinRadius: d <= hostUnitAt.radiusM };
}

// ---------- what an entry counts toward ----------

/** Whether an entry counts toward the thresholds of 第十二条, said in Chinese right after logging. */
export interface CountInfo {
  counts: boolean;
  /** e.g. "计入第1考核年度第4季度服务天数（待建站单位确认）" or why it does not count */
  label: string;
}

/** Whether an entry counts toward the thresholds of 第十二条 (its contributions to the tally), in Chinese. */
export function countInfo(record: StationRecord, sc: LoggingStation): CountInfo {
  if (record.status === 'withdrawn') return { counts: false, label: '已撤回，不计入考核' };
  if (record.status === 'disputed')
    return { counts: false, label: `建站单位有异议${record.statusReason ? `（${record.statusReason}）` : ''}，暂不计入考核` };
  const t = sc.settings.thresholds;
  const cs = recordContributions(record, sc.station, sc.settings);
  const suffix = record.status === 'confirmed' ? '（已确认）' : '（待建站单位确认后计为已核实）';
  const has = (m: string) => cs.some((c) => c.metric === m);
  switch (record.kind) {
    case 'serviceDay': {
      const c = cs.find((x) => x.metric === 'days');
      if (!c) return { counts: false, label: '日期早于授牌日期，不计入考核' };
      return {
        counts: true,
        label: `计入第${c.yearIndex}考核年度第${c.quarter}季度服务天数（每季度不少于${t.daysPerQuarter}天、全年不少于${t.daysPerYear}天）${record.backfilled ? '，补登' : ''}${suffix}`,
      };
    }
    case 'training':
      return has('qualifyingTrainings')
        ? { counts: true, label: `计入培训场次：${record.trainees} 人次，达到每场不少于 ${t.traineesPerTraining} 人次的要求${suffix}` }
        : {
            counts: false,
            label: `已记录，但培训人次 ${record.trainees} 不足 ${t.traineesPerTraining}，不计入“每年不少于 ${t.trainingsPerYear} 场、每场不少于 ${t.traineesPerTraining} 人次”的培训场次`,
          };
    case 'research':
      return {
        counts: has('research'),
        label: `计入调查研究次数${has('researchResults') ? '，调研成果计入成果数' : '；尚未填写调研成果（成果另计）'}${suffix}`,
      };
    case 'tackling':
      return { counts: has('tackling'), label: `计入技术攻关次数（每年不少于 ${t.tacklingPerYear} 次）${suffix}` };
    case 'problem':
      return { counts: has('problems'), label: `计入破解企业技术难题数（每年不少于 ${t.problemsPerYear} 个）${suffix}` };
    case 'achievement':
      return { counts: has('achievements'), label: `计入推广转化科技成果数（每年不少于 ${t.achievementsPerYear} 项）${suffix}` };
    case 'agreement':
      return {
        counts: true,
        label: `合作协议完成进度 ${record.percent}%（第一年不少于 ${t.agreementYear1Percent}%，期满 ${t.agreementFinalPercent}%）${suffix}`,
      };
  }
}
