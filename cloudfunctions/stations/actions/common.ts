import type { CountInfo, EntryView } from '../../../shared/api/stations';
import { recordStatusLabels } from '../../../shared/api/stations';
import { addDays, type ChinaDate, chinaDateOf, maxDate } from '../../../shared/calendar/china-time';
import { assessmentYear, quarterOf, yearIndexOf } from '../../../shared/calendar/periods';
import { AppError, type FieldIssue } from '../../../shared/errors';
import { lastOpenDate } from '../../../shared/rules/assessment/evaluate';
import type { AssessmentSettings } from '../../../shared/rules/assessment/settings';
import { recordContributions } from '../../../shared/rules/assessment/tally';
import type { FileRef } from '../../../shared/schemas/common';
import type { HostUnit, Station } from '../../../shared/schemas/org';
import { type RecordKind, recordKindLabels, type StationRecord } from '../../../shared/schemas/records';
import type { TxOps } from '../../_kernel/db/port';
import type { Ctx } from '../../_kernel/router';
import { isExpertOf, requireOversight } from '../../_kernel/scope';
import { once, requestKey } from '../../_kernel/store/idempotency';
import { type StationCtx, settingsFor } from '../../_kernel/store/stations';

export interface LoadedStation extends StationCtx {
  station: Station;
  settings: AssessmentSettings;
  hostUnit: HostUnit | null;
}

export const todayOf = (ctx: Ctx): ChinaDate => chinaDateOf(ctx.clock.now());

export async function loadStation(ctx: Ctx, stationId: string): Promise<LoadedStation> {
  const station = await ctx.store.org.station(stationId);
  if (!station) throw new AppError('NOT_FOUND', '服务站不存在', { issues: [{ path: 'stationId', message: '服务站不存在' }] });
  const hostUnit = await ctx.store.org.hostUnit(station.hostUnitId);
  return { station, settings: settingsFor(station), hostUnit };
}

export async function loadRecord(ctx: Ctx, recordId: string): Promise<{ record: StationRecord } & LoadedStation> {
  const record = await ctx.store.stations.getRecord(recordId);
  if (!record) throw new AppError('NOT_FOUND', '找不到该记录', { issues: [{ path: 'recordId', message: '找不到该记录' }] });
  return { record, ...(await loadStation(ctx, record.stationId)) };
}

export function requireActive(station: Station): void {
  if (station.status === 'delisted') throw new AppError('CONFLICT.STATE', '该服务站已摘牌，不能再登记');
}

// ---------- who may do what (checked here, on the server) ----------

export const callerPersonId = (ctx: Ctx): string => {
  if (!ctx.caller.personId) throw new AppError('AUTH.FORBIDDEN');
  return ctx.caller.personId;
};

/** 第十二条: only a member of the station's expert team logs its work. */
export function requireTeam(ctx: Ctx, station: Station): string {
  if (!isExpertOf(ctx.caller, station)) throw new AppError('STATION.NOT_MEMBER');
  return callerPersonId(ctx);
}

export const isHostOf = (ctx: Ctx, station: Pick<Station, 'id'>) =>
  ctx.caller.bindings.some((b) => b.role === 'hostContact' && b.scope.stationId === station.id);

/** Only this station's host-unit contact confirms or disputes its entries. */
export function requireHost(ctx: Ctx, station: Station): string {
  if (!isHostOf(ctx, station)) throw new AppError('STATION.NOT_HOST_CONTACT');
  return callerPersonId(ctx);
}

export const isSecretaryOf = (ctx: Ctx, station: Pick<Station, 'societyId'>) =>
  ctx.caller.bindings.some((b) => b.role === 'secretary' && b.scope.societyId === station.societyId);

/** Agreement progress (第十二条(一)) is reported by the secretary of the station's society. */
export function requireSecretary(ctx: Ctx, station: Station): string {
  if (!isSecretaryOf(ctx, station)) throw new AppError('AUTH.FORBIDDEN', '只有该服务站所属学会的秘书长可以登记协议进度');
  return callerPersonId(ctx);
}

/** Who logs an entry of this kind: the team, or (agreement) the society's secretary. */
export function requireAuthorRole(ctx: Ctx, station: Station, kind: RecordKind): string {
  return kind === 'agreement' ? requireSecretary(ctx, station) : requireTeam(ctx, station);
}

export const staffCorrectRoles = ['countyStaff', 'cityStaff'] as const;

/** Read access to a station's entries: its team, its host contact, its society's secretary, overseeing staff. */
export async function requireReader(ctx: Ctx, station: Station): Promise<void> {
  if (isExpertOf(ctx.caller, station) || isHostOf(ctx, station) || isSecretaryOf(ctx, station)) return;
  await requireOversight(ctx.store, ctx.caller, station.castUnitId);
}

// ---------- dates ----------

/** The period an entry counts toward, and the last date it may still be logged (the backfill window). */
export function periodOf(kind: RecordKind, date: ChinaDate, sc: StationCtx): { label: string; end: ChinaDate; deadline: ChinaDate } | null {
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

/**
 * Refuse a date in the future, before the plaque date, or (unless staff correct) outside the
 * backfill window — each with its own code and the field marked.
 */
export function checkDate(
  date: ChinaDate,
  kind: RecordKind,
  sc: StationCtx,
  today: ChinaDate,
  opts: { path?: string; window?: boolean } = {},
): void {
  const path = opts.path ?? 'date';
  const issue = (message: string): { issues: FieldIssue[] } => ({ issues: [{ path, message }] });
  if (date > today)
    throw new AppError('STATION.DATE_IN_FUTURE', `不能登记未来的日期（${date}），今天是 ${today}`, issue('不能登记未来的日期'));
  if (date < sc.station.plaqueDate)
    throw new AppError(
      'STATION.DATE_BEFORE_PLAQUE',
      `${date} 早于服务站授牌日期 ${sc.station.plaqueDate}，不计入考核`,
      issue(`不能早于授牌日期 ${sc.station.plaqueDate}`),
    );
  if (opts.window === false) return;
  const p = periodOf(kind, date, sc);
  if (p && today > p.deadline) {
    throw new AppError(
      'STATION.OUTSIDE_BACKFILL_WINDOW',
      `${date} 属于${p.label}，补登截止日期为 ${p.deadline}（期末后 ${sc.settings.backfillDaysAfterQuarter} 天），已超过补登期限；如需更正请联系科协工作人员`,
      { ...issue(`已超过补登期限（截止 ${p.deadline}）`), details: { deadline: p.deadline, periodEnd: p.end } },
    );
  }
}

/** The earliest date a service day may be logged on `today` (the backfill window reaches back into closed-but-open quarters). */
export function earliestLoggableDay(sc: StationCtx, today: ChinaDate): ChinaDate {
  const { station, settings } = sc;
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
  return maxDate(earliest, station.plaqueDate);
}

// ---------- evidence and location ----------

const fileIdPattern = /^(cloud|local):\/\//;

/** Every newly attached photo must be a stored file (a cloud fileID, or a local-host file). */
export async function checkEvidence(
  ctx: Ctx,
  evidence: readonly FileRef[],
  already: readonly FileRef[] = [],
  path = 'evidence',
): Promise<void> {
  const known = new Set(already.map((f) => f.fileId));
  const issues: FieldIssue[] = [];
  for (const [i, f] of evidence.entries()) {
    if (known.has(f.fileId)) continue;
    if (!fileIdPattern.test(f.fileId) || !(await ctx.files.exists(f.fileId)))
      issues.push({ path: `${path}.${i}.fileId`, message: '照片不存在或未上传成功，请重新上传' });
  }
  if (issues.length) throw new AppError('INPUT.INVALID', undefined, { issues });
}

/** Great-circle distance in metres (haversine; plenty for a radius of a few hundred metres). */
export function distanceM(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const R = 6_371_008.8;
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

// ---------- idempotency ----------

/**
 * Every write carries a client request id. A request seen before returns its first result before
 * anything is checked again (a retry after the backfill window closed still gets its answer);
 * otherwise `prepare` checks and returns the transactional write, run once per request id.
 */
export async function idempotent<T>(ctx: Ctx, requestId: string, prepare: () => Promise<(tx: TxOps) => Promise<T>>): Promise<T> {
  const key = requestKey(ctx, requestId);
  const prior = await ctx.store.db.get<{ _id: string; result: T }>('requests', key);
  if (prior) return prior.result;
  const write = await prepare();
  return once(ctx.store.db, key, ctx.clock.now(), write);
}

// ---------- what an entry counts toward ----------

/** Whether an entry counts toward the thresholds of 第十二条, in Chinese, right after logging. */
export function countInfo(record: StationRecord, sc: StationCtx): CountInfo {
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

/** The answer for one entry, as this caller sees it. Names are read through `get` (a tx or the db). */
export async function viewOf(
  get: (coll: string, id: string) => Promise<Record<string, unknown> | null>,
  ctx: Ctx,
  record: StationRecord,
  sc: LoadedStation,
): Promise<EntryView> {
  const author = await get('persons', record.authorId);
  const me = ctx.caller.personId;
  const open = record.status === 'pending' || record.status === 'disputed';
  return {
    record,
    count: countInfo(record, sc),
    stationName: sc.station.name,
    authorName: typeof author?.name === 'string' ? author.name : record.authorId,
    kindLabel: recordKindLabels[record.kind],
    statusLabel: recordStatusLabels[record.status],
    canEdit: open && record.authorId === me,
    canConfirm: open && isHostOf(ctx, sc.station) && record.authorId !== me,
  };
}

export const txGetter = (tx: TxOps) => (coll: string, id: string) => tx.get(coll, id);
export const dbGetter = (ctx: Ctx) => (coll: string, id: string) => ctx.store.db.get(coll, id);
