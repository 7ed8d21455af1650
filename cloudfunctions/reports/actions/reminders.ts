import type { ParsedInputOf } from '../../../shared/api/define';
import type { OutboxPage, ReminderItem, ReportsApi, SendRemindersResult } from '../../../shared/api/reports';
import { type ChinaDate, chinaDateOf } from '../../../shared/calendar/china-time';
import type { HolidayCalendar } from '../../../shared/calendar/holidays';
import type { AssessmentQuarter } from '../../../shared/calendar/periods';
import { templateData, templates } from '../../../shared/notify/templates';
import { expertCoverage } from '../../../shared/rules/assessment/coverage';
import type { AssessmentSettings } from '../../../shared/rules/assessment/settings';
import { reminderWindow, reminderWindowOpensOn, shortExperts } from '../../../shared/rules/reminders';
import type { Station } from '../../../shared/schemas/org';
import { type TemplateKey, templateKeySchema } from '../../../shared/schemas/subscriptions';
import { withDefinitions } from '../../_kernel/definitions';
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
export const EXPERT_TEMPLATE: TemplateKey = 'stationDaysShort';
export const SECRETARY_TEMPLATE: TemplateKey = 'stationTeamShort';
/** the outbox's word for a message not sent because the person has no subscription left */
export const NOT_SUBSCRIBED = '对方未订阅提醒（没有可用的订阅次数），未发送；请对方在小程序「提醒设置」中开启';

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
export function inWindow(stations: readonly Station[], today: ChinaDate, cal: HolidayCalendar): Due[] {
  const out: Due[] = [];
  for (const station of stations) {
    const settings = settingsFor(station);
    const w = reminderWindow(station, settings, today, cal);
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
  const cal = await deps.store.holidays.calendar();
  const due = inWindow(stations, today, cal);
  const tallies = await r.talliesAt(due.map((d) => ({ stationId: d.station.id, yearIndex: d.yearIndex })));
  const secretaries = due.length ? await r.secretariesOf(due.map((d) => d.station.societyId)) : [];

  const plans = due.map((d) => {
    // each expert's own requirement: nothing before go-live or outside their membership (coverage.ts)
    const coverage = expertCoverage(d.station, d.yearIndex, d.settings.yearMode, d.settings.thresholds.daysPerQuarter);
    const required = new Map(coverage.map((c) => [c.expertId, c.quarters.get(d.quarter.quarter) ?? null]));
    const requiredOf = (id: string) => required.get(id) ?? null;
    return { ...d, short: shortExperts(d.station.expertIds, tallies.get(d.station.id)?.counters ?? {}, d, d.settings, requiredOf) };
  });
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
        data: templateData(EXPERT_TEMPLATE, {
          stationName: station.name,
          days: s.days,
          required: s.required,
          quarterEnd: quarter.end,
          note: `还差${need}天，请尽快到站服务`,
        }),
        page: templates[EXPERT_TEMPLATE].page,
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
        data: templateData(SECRETARY_TEMPLATE, {
          stationName: station.name,
          shortCount: p.short.length,
          quarterEnd: quarter.end,
          note: list,
        }),
        page: templates[SECRETARY_TEMPLATE].page,
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
    // A one-time subscription allows one message: spend one of this user's accepts first; with none
    // left nothing is sent and the outbox says so (undeliverable, not retried — a retry cannot help
    // until the person accepts again in the app).
    const key = templateKeySchema.parse(doc.templateKey);
    const spent = openid ? await deps.store.subscriptions.spend(openid, doc.personId, key, now) : false;
    if (openid && !spent) {
      status = 'undeliverable';
      detail = NOT_SUBSCRIBED;
    } else {
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
        if (openid && res.unsubscribed) await deps.store.subscriptions.exhaust(openid, doc.personId, key, deps.clock.now());
        else if (openid && !res.sent) await deps.store.subscriptions.refund(openid, doc.personId, key, deps.clock.now());
      } catch (e) {
        deps.log.error('[reports] reminder send failed', e);
        status = 'failed';
        detail = '发送失败，将在下次运行时重试';
        if (openid) await deps.store.subscriptions.refund(openid, doc.personId, key, deps.clock.now());
      }
    }
    await deps.store.outbox.finishReminder(doc.id, status, detail, deps.clock.now());
    if (status === 'sent') sent++;
    if (status === 'failed') failed++;
    items.push(itemOf({ ...doc, status, detail, sentAt: status === 'sent' ? deps.clock.now() : null }));
  }
  const shortStations = plans.filter((p) => p.short.length > 0).length;
  const explanation = explain({ stations, today, cal, inWindow: due.length, shortStations, sent, alreadySent, failed });
  return { asOf: today, stationsChecked: stations.length, stationsInWindow: due.length, sent, alreadySent, failed, items, explanation };
}

/** Why a run sent what it sent — in particular why it sent nothing, and when it would send what. */
function explain(x: {
  stations: readonly Station[];
  today: ChinaDate;
  cal: HolidayCalendar;
  inWindow: number;
  shortStations: number;
  sent: number;
  alreadySent: number;
  failed: number;
}): string {
  if (x.stations.length === 0) return '没有可提醒的服务站，未发送。';
  if (x.inWindow === 0) {
    let next: { date: ChinaDate; n: number; days: number } | null = null;
    for (const s of x.stations) {
      const settings = settingsFor(s);
      const d = reminderWindowOpensOn(s, settings, x.today, x.cal);
      if (!d) continue;
      if (!next || d < next.date) next = { date: d, n: 1, days: settings.reminderWorkingDaysBeforeQuarterEnd };
      else if (d === next.date) next.n++;
    }
    const rule = next ? `提醒只在季度结束前 ${next.days} 个工作日内发送` : '提醒只在季度结束前的提醒期内发送';
    return next
      ? `今天没有服务站处于提醒期（${rule}），所以没有发送。${next.date} 起，${next.n} 个服务站进入提醒期，届时将提醒本季度服务天数仍不足的专家和学会秘书长（每人每季度一次）。`
      : `今天没有服务站处于提醒期（${rule}），所以没有发送。`;
  }
  if (x.shortStations === 0) return `处于提醒期的 ${x.inWindow} 个服务站，专家本季度服务天数均已达到要求，无需提醒。`;
  if (x.sent === 0 && x.failed === 0 && x.alreadySent > 0)
    return `本季度的提醒此前已发送过（${x.alreadySent} 条，每人每季度只发一次），这次没有新的提醒。`;
  return `新发送 ${x.sent} 条${x.alreadySent ? `，此前已发 ${x.alreadySent} 条` : ''}${x.failed ? `，失败 ${x.failed} 条（下次自动重试）` : ''}。`;
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
/**
 * The timer's run over every station. The timer is not a routed call, so it loads the installed
 * programme definitions itself as the router does for every call (issue 16 item 6): a station of a
 * programme installed at run time is reminded by its own settings, not the defaults.
 */
export async function remindAll(deps: Deps): Promise<SendRemindersResult> {
  return withDefinitions(deps.store, deps.log, async () => {
    const units = await deps.store.reports.castUnits();
    return remind(deps, await deps.store.reports.stationsOf(units.map((u) => u.id)));
  });
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
