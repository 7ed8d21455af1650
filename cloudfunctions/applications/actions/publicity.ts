import type { ApplicationsApi, PublicityView, StatusChange } from '../../../shared/api/applications';
import type { ParsedInputOf } from '../../../shared/api/define';
import { AppError } from '../../../shared/errors';
import { approvalDateOf, makesStation, plaqueDateIssue, stationAwardRefusal, stationFromAward } from '../../../shared/rules/award';
import { publicityPeriod } from '../../../shared/rules/cycle';
import { levelOfFacts } from '../../../shared/rules/limits';
import { requireSafeText } from '../../_kernel/content';
import type { Uses } from '../../_kernel/router';
import type { ApplicationDoc, ObjectionDoc, PublicityRecord } from '../../_kernel/store/applications';
import { newId } from '../../_kernel/store/audit';
import {
  actorId,
  expectState,
  factsOf,
  historyItem,
  keyOf,
  kindOf,
  loadApp,
  now,
  orgOf,
  overseeingBindings,
  programmeOf,
  staffRoleFor,
  today,
} from './application-access';
import { step } from './engine';

type In<K extends keyof ApplicationsApi> = ParsedInputOf<ApplicationsApi[K]>;

/**
 * 公示: its end date follows from the programme's rule (seed 004 第八条(三): 不少于5个工作日, with
 * statutory holidays and adjusted working days; seed 001: 十天), objections are recorded and must be
 * resolved before it closes; 授牌 creates the station and starts its assessment calendar.
 */
export async function startPublicity(
  ctx: Uses<'store' | 'clock' | 'contentCheck' | 'log' | 'caller' | 'fn' | 'action'>,
  input: In<'startPublicity'>,
): Promise<StatusChange & { publicity: PublicityView }> {
  const app = await loadApp(ctx, input.applicationId);
  const programme = programmeOf(app.programmeId);
  const rule = programme.publicity;
  if (!rule) throw new AppError('APPLICATION.ILLEGAL_TRANSITION', '本项目不设公示');
  const role = await staffRoleFor(ctx, app, 'startPublicity');
  if (input.startDate < today(ctx)) {
    throw new AppError('INPUT.INVALID', undefined, { issues: [{ path: 'startDate', message: '公示开始日期不能早于今天' }] });
  }
  // the merged holiday calendar (library + staff-entered years), read once and passed down
  const calendar = await ctx.store.holidays.calendar();
  const period = publicityPeriod(programme, input.startDate, calendar);
  // the note is part of a public notice
  await requireSafeText(ctx, { note: input.note });
  const record: PublicityRecord = {
    startDate: period.start,
    endDate: period.end,
    dayKind: rule.dayKind,
    days: rule.days,
    note: input.note,
    calendarNote: period.note,
  };
  const out = await step(ctx, {
    applicationId: app.id,
    requestId: input.requestId,
    type: 'startPublicity',
    role,
    expected: input.expected,
    context: async () => ({ calendar }),
    note: `公示期 ${record.startDate} 至 ${record.endDate}（${record.days}${record.dayKind === 'working' ? '个工作日' : '天'}）`,
    apply: async (_cur, next) => {
      next.publicity = record;
      return undefined;
    },
  });
  return { ...out.result, publicity: { ...record, over: false } };
}

async function requirePublicityStaff(ctx: Uses<'store' | 'caller'>, app: ApplicationDoc) {
  const programme = programmeOf(app.programmeId);
  const staff = await overseeingBindings(ctx, app);
  if (!staff.some((b) => b.role === programme.publicity?.role)) throw new AppError('AUTH.FORBIDDEN');
  if (app.status !== 'publicity') throw new AppError('APPLICATION.ILLEGAL_TRANSITION', '只有公示期间可以登记和处理异议');
}

export async function fileObjection(
  ctx: Uses<'store' | 'clock' | 'contentCheck' | 'log' | 'caller' | 'fn' | 'action'>,
  input: In<'fileObjection'>,
): Promise<{ objectionId: string }> {
  const app = await loadApp(ctx, input.applicationId);
  await requirePublicityStaff(ctx, app);
  await requireSafeText(ctx, { content: input.content });
  const me = actorId(ctx);
  const t0 = now(ctx);
  return ctx.store.once(keyOf(ctx, input.requestId), t0, async (tx) => {
    const t = ctx.store.applications.tx(tx);
    const cur = await t.getApp(app.id);
    if (!cur) throw new AppError('NOT_FOUND', '找不到该申报');
    expectState(cur, { status: 'publicity', stageId: null });
    const objection: ObjectionDoc = {
      id: newId('ob', t0),
      applicationId: cur.id,
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
      entityId: cur.id,
      before: null,
      after: objection,
      reason: '',
    });
    return { objectionId: objection.id };
  });
}

export async function resolveObjection(
  ctx: Uses<'store' | 'clock' | 'contentCheck' | 'log' | 'caller' | 'fn' | 'action'>,
  input: In<'resolveObjection'>,
): Promise<{ objectionId: string }> {
  const objection = await ctx.store.applications.objection(input.objectionId);
  if (!objection) throw new AppError('NOT_FOUND', '找不到该异议');
  const app = await loadApp(ctx, objection.applicationId);
  await requirePublicityStaff(ctx, app);
  await requireSafeText(ctx, { resolution: input.resolution });
  const me = actorId(ctx);
  const t0 = now(ctx);
  return ctx.store.once(keyOf(ctx, input.requestId), t0, async (tx) => {
    const t = ctx.store.applications.tx(tx);
    const o = await t.getObjection(input.objectionId);
    const cur = await t.getApp(app.id);
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
      entityId: o.id,
      before: o,
      after: resolved,
      reason: input.resolution.slice(0, 500),
    });
    return { objectionId: o.id };
  });
}

export async function closePublicity(
  ctx: Uses<'store' | 'clock' | 'caller' | 'fn' | 'action'>,
  input: In<'closePublicity'>,
): Promise<StatusChange> {
  const app = await loadApp(ctx, input.applicationId);
  const role = await staffRoleFor(ctx, app, 'endPublicity');
  const out = await step(ctx, {
    applicationId: app.id,
    requestId: input.requestId,
    type: 'endPublicity',
    role,
    expected: input.expected,
    // Read in the transaction: an objection filed a moment ago keeps the publicity open.
    context: async (cur) => ({ publicityEnd: cur.publicity?.endDate ?? null, objectionsOpen: cur.openObjections }),
  });
  return out.result;
}

export async function award(
  ctx: Uses<'store' | 'clock' | 'caller' | 'fn' | 'action'>,
  input: In<'award'>,
): Promise<StatusChange & { stationId: string | null }> {
  const app = await loadApp(ctx, input.applicationId);
  const programme = programmeOf(app.programmeId);
  const kind = kindOf(programme, app.kindId);
  const role = await staffRoleFor(ctx, app, 'award');
  const dateIssue = plaqueDateIssue(input.plaqueDate, today(ctx), approvalDateOf(app.history));
  if (dateIssue) throw new AppError('INPUT.INVALID', undefined, { issues: [{ path: 'plaqueDate', message: dateIssue }] });
  const facts = factsOf(programme, app, await orgOf(ctx, app.applicant));
  const level = levelOfFacts(facts);
  const refusal = stationAwardRefusal(kind, level, app.applicant);
  if (refusal) throw new AppError('APPLICATION.ILLEGAL_TRANSITION', refusal);
  const out = await step(ctx, {
    applicationId: app.id,
    requestId: input.requestId,
    type: 'award',
    role,
    expected: input.expected,
    note: `${programme.award.label}，日期 ${input.plaqueDate}`,
    apply: async (cur, next, _e, t) => {
      if (!level || !makesStation(kind)) return { stationId: null };
      const station = stationFromAward(programme, cur, input.plaqueDate, level);
      await t.insertStation(station);
      await t.audit({
        at: next.updatedAt,
        actorId: actorId(ctx),
        action: 'station.create',
        entity: 'station',
        entityId: station.id,
        before: null,
        after: station,
        reason: `由申报 ${cur.id} 授牌`,
      });
      next.stationId = station.id;
      return { stationId: station.id };
    },
  });
  return { ...out.result, stationId: (out.extra.stationId as string | null | undefined) ?? null };
}
