import type { ParsedInputOf } from '../../../shared/api/define';
import type { OutboxPage, ReminderItem, ReportsApi, SendRemindersResult } from '../../../shared/api/reports';
import { type ChinaDate, chinaDateOf } from '../../../shared/calendar/china-time';
import type { AssessmentQuarter } from '../../../shared/calendar/periods';
import type { AssessmentSettings } from '../../../shared/rules/assessment/settings';
import { reminderWindow, shortExperts } from '../../../shared/rules/reminders';
import type { Station } from '../../../shared/schemas/org';
import type { Deps } from '../../_kernel/ports';
import type { Uses } from '../../_kernel/router';
import { type OutboxDoc, type ReminderStatus, reminderId } from '../../_kernel/store/reports';
import { settingsFor } from '../../_kernel/store/stations';
import { staffScope } from './staff-scope';

/**
 * Reminders (第十二条(二): ≥ N days each quarter). A configurable number of working days before a
 * station's assessment quarter ends (settings.reminderWorkingDaysBeforeQuarterEnd), every expert of
 * the team still short of the quarter's days gets a WeChat subscription message, and so does the
 * station's society secretary (学会秘书长) with the list of who is short.
 *
 * Idempotent per person per station per quarter: the outbox doc's _id is
 * `${personId}:${stationId}:${yearIndex}-Q${quarter}` and is inserted in a transaction BEFORE the
 * message is sent, so a second run (or two runs racing) finds it and sends nothing. A send that threw
 * is marked 'failed' and is retried by the next run; a message the platform cannot deliver (person
 * not bound to WeChat, template not configured) is 'undeliverable' and kept for staff to see. In the
 * local host the notifier writes to the local outbox, and the app lists these docs.
 */

export const reminderStatusLabels: Record<ReminderStatus, string> = {
  sending: '发送中',
  sent: '已发送',
  failed: '发送失败（下次自动重试）',
  undeliverable: '未送达',
};
export const EXPERT_TEMPLATE = 'stationDaysShort';
export const SECRETARY_TEMPLATE = 'stationTeamShort';

/** WeChat template `thing` values are at most 20 characters. */
const thing = (s: string) => (s.length > 20 ? `${s.slice(0, 19)}…` : s);

export const itemOf = (d: OutboxDoc): ReminderItem => ({
  id: d.id,
  personId: d.personId,
  personName: d.personName,
  role: d.role,
  stationId: d.stationId,
  stationName: d.stationName,
  yearIndex: d.yearIndex,
  quarter: d.quarter,
  quarterEnd: d.quarterEnd,
  title: d.title,
  body: d.body,
  status: d.status,
  statusLabel: reminderStatusLabels[d.status],
  detail: d.detail,
  createdAt: d.createdAt,
  sentAt: d.sentAt,
});

interface Due {
  station: Station;
  settings: AssessmentSettings;
  yearIndex: number;
  quarter: AssessmentQuarter;
  workingDaysLeft: number;
}

/** The stations whose current quarter ends within their reminder window, today. */
export function inWindow(stations: readonly Station[], today: ChinaDate): Due[] {
  const out: Due[] = [];
  for (const station of stations) {
    const settings = settingsFor(station);
    const w = reminderWindow(station, settings, today);
    if (w) out.push({ station, settings, ...w });
  }
  return out;
}

/** Send the reminders due today for these stations (the staff action and the timer both end here). */
export async function remind(
  deps: Pick<Deps, 'store' | 'clock' | 'notifier' | 'log'>,
  stations: readonly Station[],
): Promise<SendRemindersResult> {
  const now = deps.clock.now();
  const today = chinaDateOf(now);
  const r = deps.store.reports;
  const due = inWindow(stations, today);
  const tallies = await r.talliesAt(due.map((d) => ({ stationId: d.station.id, yearIndex: d.yearIndex })));
  const secretaries = due.length ? await r.secretariesOf(due.map((d) => d.station.societyId)) : [];

  const plans = due.map((d) => ({
    ...d,
    short: shortExperts(d.station.expertIds, tallies.get(d.station.id)?.counters ?? {}, d, d.settings),
  }));
  const personIds = new Set<string>();
  for (const p of plans) for (const s of p.short) personIds.add(s.expertId);
  for (const b of secretaries) personIds.add(b.personId);
  const [persons, bindings] = personIds.size
    ? await Promise.all([r.personsByIds([...personIds]), r.activeBindingsOf([...personIds])])
    : [new Map(), []];
  const nameOf = (id: string) => persons.get(id)?.name ?? id;
  const openidOf = (personId: string, stationId: string) =>
    (
      bindings.find((b) => b.personId === personId && b.role === 'expert' && b.scope.stationId === stationId) ??
      bindings.find((b) => b.personId === personId)
    )?.openid ?? null;

  const docs: OutboxDoc[] = [];
  for (const p of plans) {
    if (p.short.length === 0) continue;
    const { station, yearIndex, quarter } = p;
    const base = {
      kind: 'reminder' as const,
      stationId: station.id,
      stationName: station.name,
      castUnitId: station.castUnitId,
      yearIndex,
      quarter: quarter.quarter,
      quarterEnd: quarter.end,
      status: 'sending' as const,
      detail: '',
      attempts: 1,
      createdAt: now,
      sentAt: null,
    };
    const period = `第${yearIndex}考核年度第${quarter.quarter}季度`;
    for (const s of p.short) {
      const need = s.required - s.days;
      docs.push({
        ...base,
        id: reminderId(s.expertId, station.id, yearIndex, quarter.quarter),
        personId: s.expertId,
        personName: nameOf(s.expertId),
        role: 'expert',
        title: '服务天数不足提醒',
        body: `您在「${station.name}」${period}已登记 ${s.days} 天，要求不少于 ${s.required} 天，还差 ${need} 天。本季度至 ${quarter.end} 结束，还剩 ${p.workingDaysLeft} 个工作日。`,
        templateKey: EXPERT_TEMPLATE,
        data: {
          thing1: thing(station.name),
          number2: String(s.days),
          number3: String(s.required),
          date4: quarter.end,
          thing5: thing(`还差${need}天，请尽快到站服务`),
        },
        page: '/packages/expert/pages/home/index',
      });
    }
    const list = p.short.map((s) => `${nameOf(s.expertId)}差 ${s.required - s.days} 天`).join('、');
    for (const b of secretaries.filter((x) => x.scope.societyId === station.societyId)) {
      if (docs.some((d) => d.personId === b.personId && d.stationId === station.id)) continue;
      docs.push({
        ...base,
        id: reminderId(b.personId, station.id, yearIndex, quarter.quarter),
        personId: b.personId,
        personName: nameOf(b.personId),
        role: 'secretary',
        title: '专家服务天数不足提醒',
        body: `「${station.name}」${period}有 ${p.short.length} 位专家服务天数不足：${list}。本季度至 ${quarter.end} 结束，还剩 ${p.workingDaysLeft} 个工作日。`,
        templateKey: SECRETARY_TEMPLATE,
        data: { thing1: thing(station.name), number2: String(p.short.length), date3: quarter.end, thing4: thing(list) },
        page: '/packages/secretary/pages/home/index',
      });
    }
  }

  let sent = 0;
  let alreadySent = 0;
  let failed = 0;
  const items: ReminderItem[] = [];
  for (const doc of docs) {
    const claim = await deps.store.outbox.claimReminder(doc);
    if (claim === 'exists') {
      alreadySent++;
      const existing = await r.reminder(doc.id);
      if (existing) items.push(itemOf(existing));
      continue;
    }
    const openid =
      doc.role === 'expert'
        ? openidOf(doc.personId, doc.stationId)
        : (secretaries.find((b) => b.personId === doc.personId)?.openid ?? null);
    let status: ReminderStatus;
    let detail: string;
    try {
      const res = await deps.notifier.send({
        personId: doc.personId,
        openid,
        templateKey: doc.templateKey,
        data: doc.data,
        page: doc.page,
      });
      status = res.sent ? 'sent' : 'undeliverable';
      detail = res.detail ?? '';
    } catch (e) {
      deps.log.error('[reports] reminder send failed', e);
      status = 'failed';
      detail = '发送失败，将在下次运行时重试';
    }
    await deps.store.outbox.finishReminder(doc.id, status, detail, deps.clock.now());
    if (status === 'sent') sent++;
    if (status === 'failed') failed++;
    items.push(itemOf({ ...doc, status, detail, sentAt: status === 'sent' ? deps.clock.now() : null }));
  }
  return { asOf: today, stationsChecked: stations.length, stationsInWindow: due.length, sent, alreadySent, failed, items };
}

export async function sendReminders(
  ctx: Uses<'store' | 'clock' | 'notifier' | 'log' | 'caller'>,
  input: ParsedInputOf<ReportsApi['sendReminders']>,
): Promise<SendRemindersResult> {
  const scope = await staffScope(ctx, ['countyStaff', 'cityStaff']);
  let stations = await ctx.store.reports.stationsOf(scope.visible);
  if (input.stationIds) {
    const wanted = new Set(input.stationIds);
    stations = stations.filter((s) => wanted.has(s.id));
  }
  return remind(ctx, stations);
}

/** The timer trigger (cloud) and the local scheduler: every station, no caller. */
export async function remindAll(deps: Deps): Promise<SendRemindersResult> {
  const units = await deps.store.reports.castUnits();
  return remind(deps, await deps.store.reports.stationsOf(units.map((u) => u.id)));
}

export async function listOutbox(ctx: Uses<'store' | 'caller'>, input: ParsedInputOf<ReportsApi['listOutbox']>): Promise<OutboxPage> {
  const scope = await staffScope(ctx);
  const { items, total } = await ctx.store.reports.outboxOf(
    { castUnitIds: scope.visible, stationId: input.stationId },
    input.limit,
    input.skip,
  );
  return { total, items: items.map(itemOf) };
}
