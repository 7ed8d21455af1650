import { type ChinaDate, chinaDateOf } from '../../../shared/calendar/china-time';
import { AppError, type FieldIssue } from '../../../shared/errors';
import type { AssessmentSettings } from '../../../shared/rules/assessment/settings';
import { type EntryRefusal, loggingRefusal } from '../../../shared/rules/entry-changes';
import { evidenceTypes } from '../../../shared/rules/files';
import { dateRefusal, type LoggingStation } from '../../../shared/rules/logging';
import type { FileRef } from '../../../shared/schemas/common';
import type { HostUnit, Station } from '../../../shared/schemas/org';
import type { RecordKind, StationRecord } from '../../../shared/schemas/records';
import { usableFile } from '../../_kernel/files';
import type { Uses } from '../../_kernel/router';
import { isExpertOf, requireOversight } from '../../_kernel/scope';
import type { Tx } from '../../_kernel/store';
import { requestKey } from '../../_kernel/store/idempotency';
import { type StationCtx, settingsFor } from '../../_kernel/store/stations';

/**
 * What every stations action does before it decides: load the station (or entry), check who the
 * caller is to it, check attached photos, and run the write once per request id. The rules
 * themselves (dates, what counts) are in shared/rules/logging.ts.
 */

export interface LoadedStation extends StationCtx {
  station: Station;
  settings: AssessmentSettings;
  hostUnit: HostUnit | null;
}

export const todayOf = (ctx: Uses<'clock'>): ChinaDate => chinaDateOf(ctx.clock.now());

/** `hostUnit: false` skips the host unit's read (a request in the cloud) where nothing uses it. */
export async function loadStation(ctx: Uses<'store'>, stationId: string, opts: { hostUnit?: boolean } = {}): Promise<LoadedStation> {
  const station = await ctx.store.org.station(stationId);
  if (!station) throw new AppError('NOT_FOUND', '服务站不存在', { issues: [{ path: 'stationId', message: '服务站不存在' }] });
  const hostUnit = opts.hostUnit === false ? null : await ctx.store.org.hostUnit(station.hostUnitId);
  return { station, settings: settingsFor(station), hostUnit };
}

export async function loadRecord(ctx: Uses<'store'>, recordId: string): Promise<{ record: StationRecord } & LoadedStation> {
  const record = await ctx.store.stations.getRecord(recordId);
  if (!record) throw new AppError('NOT_FOUND', '找不到该记录', { issues: [{ path: 'recordId', message: '找不到该记录' }] });
  return { record, ...(await loadStation(ctx, record.stationId)) };
}

/** A refusal decided in shared/rules, as the error the action answers with. */
export const refusalError = (r: EntryRefusal): AppError => new AppError(r.code, r.message, r.issues ? { issues: r.issues } : {});
export function refuse(r: EntryRefusal | null): void {
  if (r) throw refusalError(r);
}

export const requireActive = (station: Station): void => refuse(loggingRefusal(station));

// ---------- who may do what (checked here, on the server) ----------

export const callerPersonId = (ctx: Uses<'caller'>): string => {
  if (!ctx.caller.personId) throw new AppError('AUTH.FORBIDDEN');
  return ctx.caller.personId;
};

/** 第十二条: only a member of the station's expert team logs its work. */
export function requireTeam(ctx: Uses<'caller'>, station: Station): string {
  if (!isExpertOf(ctx.caller, station)) throw new AppError('STATION.NOT_MEMBER');
  return callerPersonId(ctx);
}

export const isHostOf = (ctx: Uses<'caller'>, station: Pick<Station, 'id'>) =>
  ctx.caller.bindings.some((b) => b.role === 'hostContact' && b.scope.stationId === station.id);

/** Only this station's host-unit contact confirms or disputes its entries. */
export function requireHost(ctx: Uses<'caller'>, station: Station): string {
  if (!isHostOf(ctx, station)) throw new AppError('STATION.NOT_HOST_CONTACT');
  return callerPersonId(ctx);
}

export const isSecretaryOf = (ctx: Uses<'caller'>, station: Pick<Station, 'societyId'>) =>
  ctx.caller.bindings.some((b) => b.role === 'secretary' && b.scope.societyId === station.societyId);

/** Agreement progress (第十二条(一)) is reported by the secretary of the station's society. */
export function requireSecretary(ctx: Uses<'caller'>, station: Station): string {
  if (!isSecretaryOf(ctx, station)) throw new AppError('AUTH.FORBIDDEN', '只有该服务站所属学会的秘书长可以登记协议进度');
  return callerPersonId(ctx);
}

/** Who logs an entry of this kind: the team, or (agreement) the society's secretary. */
export function requireAuthorRole(ctx: Uses<'caller'>, station: Station, kind: RecordKind): string {
  return kind === 'agreement' ? requireSecretary(ctx, station) : requireTeam(ctx, station);
}

export const staffCorrectRoles = ['countyStaff', 'cityStaff'] as const;

/** Read access to a station's entries: its team, its host contact, its society's secretary, overseeing staff. */
export async function requireReader(ctx: Uses<'store' | 'caller'>, station: Station): Promise<void> {
  if (isExpertOf(ctx.caller, station) || isHostOf(ctx, station) || isSecretaryOf(ctx, station)) return;
  await requireOversight(ctx.store, ctx.caller, station.castUnitId);
}

// ---------- dates ----------

/**
 * The date rules of shared/rules/logging.ts (future, before the plaque date, backfill window),
 * answered as an error with the field marked.
 */
export function checkDate(
  date: ChinaDate,
  kind: RecordKind,
  sc: LoggingStation,
  today: ChinaDate,
  opts: { path?: string; window?: boolean } = {},
): void {
  const refusal = dateRefusal(date, kind, sc, today, opts);
  if (!refusal) return;
  const issues: FieldIssue[] = [{ path: opts.path ?? 'date', message: refusal.fieldMessage }];
  throw new AppError(refusal.code, refusal.message, { issues, ...(refusal.details ? { details: refusal.details } : {}) });
}

// ---------- evidence ----------

/**
 * Every newly attached photo must be a stored evidence photo of this station's people: its file
 * record (kind evidence) owned by the caller or uploaded for this station, with the name, size and
 * type stored for it (kernel files.ts, shared/rules/files.ts).
 */
export async function checkEvidence(
  ctx: Uses<'store' | 'files' | 'clock' | 'caller'>,
  stationId: string,
  evidence: readonly FileRef[],
  already: readonly FileRef[] = [],
  path = 'evidence',
): Promise<void> {
  const known = new Set(already.map((f) => f.fileId));
  const issues: FieldIssue[] = [];
  for (const [i, f] of evidence.entries()) {
    if (known.has(f.fileId)) continue;
    const at = `${path}.${i}.fileId`;
    try {
      await usableFile(ctx, f, { kind: 'evidence', targetId: stationId, unitId: stationId, mimeTypes: evidenceTypes, exact: true }, at);
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'INPUT.INVALID') throw e;
      issues.push(...(e.extra.issues ?? [{ path: at, message: '照片不存在或未上传成功，请重新上传' }]));
    }
  }
  if (issues.length) throw new AppError('INPUT.INVALID', undefined, { issues });
}

// ---------- idempotency ----------

/**
 * Every write carries a client request id. A request seen before returns its first result before
 * anything is checked again (a retry after the backfill window closed still gets its answer);
 * otherwise `prepare` checks and returns the transactional write, run once per request id.
 */
export async function idempotent<T>(
  ctx: Uses<'store' | 'clock' | 'caller' | 'fn' | 'action'>,
  requestId: string,
  prepare: () => Promise<(tx: Tx) => Promise<T>>,
): Promise<T> {
  const key = requestKey(ctx, requestId);
  const prior = await ctx.store.replay<T>(key);
  if (prior !== null) return prior;
  const write = await prepare();
  // just replayed: the transaction need not read the request doc again (its create-only insert guards it)
  return ctx.store.once(key, ctx.clock.now(), write, { replayed: true });
}
