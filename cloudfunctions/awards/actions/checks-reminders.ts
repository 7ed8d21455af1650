import { chinaDateOf } from '../../../shared/calendar/china-time';
import { templateData } from '../../../shared/notify/templates';
import { remindersDue } from '../../../shared/rules/post-award/checks';
import type { AwardDoc, CheckDoc } from '../../../shared/schemas/awards';
import type { TemplateKey } from '../../../shared/schemas/subscriptions';
import type { Deps } from '../../_kernel/ports';
import { materialiseChecks, programmeOfAward, ruleOf } from './checks-access';

/**
 * Reminders of post-award checks (issue 14 item 2): a check still owing its materials gets the
 * `postAwardCheckDue` subscription message to the awarded unit (the society's secretary, or the host
 * unit's contacts) `remindDaysBefore` days before its due date, once per (check, days-before value):
 * the value is marked sent on the check in a transaction BEFORE the message goes out, so a second run
 * (or two racing) sends nothing. Run by the daily timer with the station reminders (reports/index.ts).
 */
export const CHECK_TEMPLATE: TemplateKey = 'postAwardCheckDue';

export interface CheckRemindersResult {
  asOf: string;
  checksDue: number;
  sent: number;
  undeliverable: number;
  failed: number;
}

type ReminderDeps = Pick<Deps, 'store' | 'clock' | 'notifier' | 'log'>;

export async function remindChecks(deps: ReminderDeps): Promise<CheckRemindersResult> {
  const now = deps.clock.now();
  const today = chinaDateOf(now);
  const units = (await deps.store.org.castUnits()).map((u) => u.id);
  const awards = await deps.store.awards.ofCastUnits(units);
  const stored = await deps.store.checks.ofCastUnits(units);
  const byAward = new Map<string, CheckDoc[]>();
  for (const d of stored) byAward.set(d.awardId, [...(byAward.get(d.awardId) ?? []), d]);
  const out: CheckRemindersResult = { asOf: today, checksDue: 0, sent: 0, undeliverable: 0, failed: 0 };
  const system = { store: deps.store, clock: deps.clock, caller: { openid: '', personId: 'system', bindings: [] } };
  for (const award of awards) {
    const programme = programmeOfAward(award);
    if ((programme.postAward?.checks.length ?? 0) === 0) continue;
    const { docs } = await materialiseChecks(system, award, programme, byAward.get(award.id) ?? []);
    for (const doc of docs) {
      const rule = ruleOf(programme, doc.checkId);
      if (remindersDue(doc, rule, today).length === 0) continue;
      // claim: mark the values sent first; nothing claimed (another run was first) → nothing sent
      const days = await deps.store.checks.claimReminders(doc.id, (cur) => remindersDue(cur, rule, today), now);
      if (days.length === 0) continue;
      out.checksDue++;
      const left = Math.min(...days);
      for (const r of await recipients(deps, award)) {
        const sent = await sendOne(
          deps,
          r,
          {
            projectName: award.title,
            check: `${rule.label}${doc.year > 1 || rule.due.type === 'yearly' ? `第${doc.year}年` : ''}`,
            dueDate: doc.dueDate,
            note: `请于${doc.dueDate}前提交材料（提前${left}天提醒）`,
          },
          `/pages/awards/check/index?id=${encodeURIComponent(doc.id)}`,
        );
        out[sent]++;
      }
    }
  }
  return out;
}

interface Recipient {
  personId: string;
  openid: string | null;
}

/** The awarded unit's people: its society's secretaries, or its host unit's contacts. */
async function recipients(deps: ReminderDeps, award: AwardDoc): Promise<Recipient[]> {
  const bindings = await deps.store.checks.applicantBindings(award.applicant);
  const seen = new Set<string>();
  const out: Recipient[] = [];
  for (const b of bindings) {
    if (seen.has(b.personId)) continue;
    seen.add(b.personId);
    out.push({ personId: b.personId, openid: b.openid ?? null });
  }
  return out;
}

async function sendOne(
  deps: ReminderDeps,
  r: Recipient,
  fields: Record<string, string>,
  page: string,
): Promise<'sent' | 'undeliverable' | 'failed'> {
  const now = deps.clock.now();
  // a one-time subscription allows one message: spend one of the person's accepts first
  const spent = r.openid ? await deps.store.subscriptions.spend(r.openid, r.personId, CHECK_TEMPLATE, now) : false;
  if (r.openid && !spent) return 'undeliverable';
  try {
    const res = await deps.notifier.send({
      personId: r.personId,
      openid: r.openid,
      templateKey: CHECK_TEMPLATE,
      data: templateData(CHECK_TEMPLATE, fields),
      page,
    });
    if (r.openid && res.unsubscribed) await deps.store.subscriptions.exhaust(r.openid, r.personId, CHECK_TEMPLATE, deps.clock.now());
    else if (r.openid && !res.sent) await deps.store.subscriptions.refund(r.openid, r.personId, CHECK_TEMPLATE, deps.clock.now());
    return res.sent ? 'sent' : 'undeliverable';
  } catch (e) {
    deps.log.error('[awards] check reminder send failed', e);
    if (r.openid) await deps.store.subscriptions.refund(r.openid, r.personId, CHECK_TEMPLATE, deps.clock.now());
    return 'failed';
  }
}
