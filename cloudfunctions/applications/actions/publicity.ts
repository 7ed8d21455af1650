import type { ApplicationsApi, PublicityView, TransitionResult } from '../../../shared/api/applications';
import type { ParsedInputOf } from '../../../shared/api/define';
import { chinaDateOf } from '../../../shared/calendar';
import { AppError } from '../../../shared/errors';
import { publicityPeriod } from '../../../shared/rules/cycle';
import { industryFieldSchema, type Station, stationSchema } from '../../../shared/schemas/org';
import { requireSafeText } from '../../_kernel/content';
import type { Ctx } from '../../_kernel/router';
import type { ApplicationDoc, ObjectionDoc, PublicityRecord } from '../../_kernel/store/applications';
import { newId } from '../../_kernel/store/audit';
import {
  actorId,
  expectState,
  factsOf,
  historyItem,
  keyOf,
  kindOf,
  levelOfFacts,
  loadApp,
  now,
  orgOf,
  overseeingBindings,
  programmeOf,
  staffRoleFor,
  today,
} from './common';
import { step } from './engine';

type In<K extends keyof ApplicationsApi> = ParsedInputOf<ApplicationsApi[K]>;

/**
 * 公示: its end date follows from the programme's rule (seed 004 第八条(三): 不少于5个工作日, with
 * statutory holidays and adjusted working days; seed 001: 十天), objections are recorded and must be
 * resolved before it closes; 授牌 creates the station and starts its assessment calendar.
 */
export async function startPublicity(ctx: Ctx, input: In<'startPublicity'>): Promise<TransitionResult & { publicity: PublicityView }> {
  const app = await loadApp(ctx, input.applicationId);
  const programme = programmeOf(app.programmeId);
  const role = await staffRoleFor(ctx, app, 'startPublicity');
  if (input.startDate < today(ctx)) {
    throw new AppError('INPUT.INVALID', undefined, { issues: [{ path: 'startDate', message: '公示开始日期不能早于今天' }] });
  }
  const period = publicityPeriod(programme, input.startDate);
  const record: PublicityRecord = {
    startDate: period.start,
    endDate: period.end,
    dayKind: programme.publicity.dayKind,
    days: programme.publicity.days,
    note: input.note,
    calendarNote: period.note,
  };
  const out = await step(ctx, {
    applicationId: app._id,
    requestId: input.requestId,
    type: 'startPublicity',
    role,
    expected: input.expected,
    note: `公示期 ${record.startDate} 至 ${record.endDate}（${record.days}${record.dayKind === 'working' ? '个工作日' : '天'}）`,
    apply: async (_cur, next) => {
      next.publicity = record;
      return undefined;
    },
  });
  return { ...out.result, publicity: { ...record, over: false } };
}

async function requirePublicityStaff(ctx: Ctx, app: ApplicationDoc) {
  const programme = programmeOf(app.programmeId);
  const staff = await overseeingBindings(ctx, app.castUnitId);
  if (!staff.some((b) => b.role === programme.publicity.role)) throw new AppError('AUTH.FORBIDDEN');
  if (app.status !== 'publicity') throw new AppError('APPLICATION.ILLEGAL_TRANSITION', '只有公示期间可以登记和处理异议');
}

export async function fileObjection(ctx: Ctx, input: In<'fileObjection'>): Promise<{ objectionId: string }> {
  const app = await loadApp(ctx, input.applicationId);
  await requirePublicityStaff(ctx, app);
  await requireSafeText(ctx, { content: input.content });
  const me = actorId(ctx);
  const t0 = now(ctx);
  return ctx.store.applications.write(keyOf(ctx, input.requestId), t0, async (t) => {
    const cur = await t.getApp(app._id);
    if (!cur) throw new AppError('NOT_FOUND', '找不到该申报');
    expectState(cur, { status: 'publicity', stageId: null });
    const objection: ObjectionDoc = {
      _id: newId('ob', t0),
      applicationId: cur._id,
      filedBy: me,
      filedAt: t0,
      content: input.content,
      status: 'open',
      resolution: null,
      resolvedBy: null,
      resolvedAt: null,
    };
    await t.insertObjection(objection);
    await t.putApp({
      ...cur,
      openObjections: cur.openObjections + 1,
      version: cur.version + 1,
      updatedAt: t0,
      history: [...cur.history, historyItem(t0, me, 'objection', cur.status, cur.status, null, `登记异议：${input.content}`)],
    });
    await t.audit({
      at: t0,
      actorId: me,
      action: 'application.objection',
      entity: 'application',
      entityId: cur._id,
      before: null,
      after: objection,
      reason: '',
    });
    return { objectionId: objection._id };
  });
}

export async function resolveObjection(ctx: Ctx, input: In<'resolveObjection'>): Promise<{ objectionId: string }> {
  const objection = await ctx.store.applications.objection(input.objectionId);
  if (!objection) throw new AppError('NOT_FOUND', '找不到该异议');
  const app = await loadApp(ctx, objection.applicationId);
  await requirePublicityStaff(ctx, app);
  const me = actorId(ctx);
  const t0 = now(ctx);
  return ctx.store.applications.write(keyOf(ctx, input.requestId), t0, async (t) => {
    const o = await t.getObjection(input.objectionId);
    const cur = await t.getApp(app._id);
    if (!o || !cur) throw new AppError('NOT_FOUND', '找不到该异议');
    if (o.status !== 'open') throw new AppError('APPLICATION.ILLEGAL_TRANSITION', '该异议已处理');
    expectState(cur, { status: 'publicity', stageId: null });
    const resolved: ObjectionDoc = { ...o, status: 'resolved', resolution: input.resolution, resolvedBy: me, resolvedAt: t0 };
    await t.putObjection(resolved);
    await t.putApp({
      ...cur,
      openObjections: Math.max(0, cur.openObjections - 1),
      version: cur.version + 1,
      updatedAt: t0,
      history: [...cur.history, historyItem(t0, me, 'objectionResolved', cur.status, cur.status, null, `异议处理：${input.resolution}`)],
    });
    await t.audit({
      at: t0,
      actorId: me,
      action: 'application.resolveObjection',
      entity: 'objection',
      entityId: o._id,
      before: o,
      after: resolved,
      reason: input.resolution.slice(0, 500),
    });
    return { objectionId: o._id };
  });
}

export async function closePublicity(ctx: Ctx, input: In<'closePublicity'>): Promise<TransitionResult> {
  const app = await loadApp(ctx, input.applicationId);
  const role = await staffRoleFor(ctx, app, 'endPublicity');
  const out = await step(ctx, {
    applicationId: app._id,
    requestId: input.requestId,
    type: 'endPublicity',
    role,
    expected: input.expected,
    // Read in the transaction: an objection filed a moment ago keeps the publicity open.
    context: async (cur) => ({ publicityEnd: cur.publicity?.endDate ?? null, objectionsOpen: cur.openObjections }),
  });
  return out.result;
}

/** A station kind (it offers station levels): 授牌 creates the station record (shared/schemas/org.ts). */
function stationFrom(app: ApplicationDoc, plaqueDate: string, level: Station['level'], termYears: number): Station {
  const v = app.values;
  const industry = industryFieldSchema.safeParse(v.industryField);
  return stationSchema.parse({
    id: `st_${app._id}`,
    name: (typeof v.stationName === 'string' && v.stationName.trim()) || app.title || '学会服务站',
    programmeId: app.programmeId,
    level,
    societyId: app.applicant.societyId,
    hostUnitId: app.applicant.hostUnitId,
    castUnitId: app.castUnitId,
    industryField: industry.success ? industry.data : '其他',
    plaqueDate,
    termYears,
    agreementItems: [],
    // experts are invited after the award (identity invites bind them to the station)
    expertIds: [],
    staffIds: [],
    status: 'active',
    applicationId: app._id,
  });
}

export async function award(ctx: Ctx, input: In<'award'>): Promise<TransitionResult & { stationId: string | null }> {
  const app = await loadApp(ctx, input.applicationId);
  const programme = programmeOf(app.programmeId);
  const kind = kindOf(programme, app.kindId);
  const role = await staffRoleFor(ctx, app, 'award');
  if (input.plaqueDate > today(ctx))
    throw new AppError('INPUT.INVALID', undefined, { issues: [{ path: 'plaqueDate', message: '授牌日期不能晚于今天' }] });
  const approvedOn = [...app.history].reverse().find((h) => h.toStatus === 'approved');
  if (approvedOn && input.plaqueDate < chinaDateOf(approvedOn.at)) {
    throw new AppError('INPUT.INVALID', undefined, { issues: [{ path: 'plaqueDate', message: '授牌日期不能早于批准日期' }] });
  }
  const facts = factsOf(programme, app, await orgOf(ctx, app.applicant));
  const level = levelOfFacts(facts);
  const makesStation = kind.stationLevels !== undefined;
  if (makesStation && (!level || !app.applicant.societyId || !app.applicant.hostUnitId)) {
    throw new AppError('APPLICATION.ILLEGAL_TRANSITION', '申报缺少级别、建站学会或建站单位，不能授牌');
  }
  const out = await step(ctx, {
    applicationId: app._id,
    requestId: input.requestId,
    type: 'award',
    role,
    expected: input.expected,
    note: `${programme.award.label}，日期 ${input.plaqueDate}`,
    apply: async (cur, next, _e, t) => {
      if (!makesStation) return { stationId: null };
      const station = stationFrom(cur, input.plaqueDate, level!, programme.cycle.cycleYears ?? 2);
      await t.insertStation(station);
      await t.audit({
        at: next.updatedAt,
        actorId: actorId(ctx),
        action: 'station.create',
        entity: 'station',
        entityId: station.id,
        before: null,
        after: station,
        reason: `由申报 ${cur._id} 授牌`,
      });
      next.stationId = station.id;
      return { stationId: station.id };
    },
  });
  return { ...out.result, stationId: (out.extra.stationId as string | null | undefined) ?? null };
}
