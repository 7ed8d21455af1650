import { chinaDateOf } from '../calendar/china-time';
import type { SubscriptionQuota, TemplateKey } from '../schemas/subscriptions';

/**
 * Subscription messages (订阅消息): WeChat delivers a one-time subscription message only to a user who
 * accepted that template in `requestSubscribeMessage`, and one accept allows one message. The app asks
 * inside a tap (the API refuses otherwise); these are the decisions around it.
 */

/** China quarter of an instant, as `YYYY-Qn`. */
const quarterOf = (ms: number) => {
  const d = chinaDateOf(ms);
  return `${d.slice(0, 4)}-Q${Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1}`;
};

/**
 * The expert's log-a-day tap asks for the quarter reminder at most once a China calendar quarter (the
 * reminder is sent at most once a quarter per station, so one accept a quarter is what it spends),
 * keeping the log at two taps the rest of the time. `lastAskedAt`: when the log path last asked (ms), or null.
 */
export function askOnLogPath(lastAskedAt: number | null, now: number): boolean {
  if (lastAskedAt === null || !Number.isFinite(lastAskedAt)) return true;
  return quarterOf(lastAskedAt) !== quarterOf(now);
}

/** What `requestSubscribeMessage` answers per template id. */
export type SubscribeAnswer = 'accept' | 'reject' | 'ban' | 'filter' | string;

/**
 * The keys the user accepted, from the platform's answer (`{ [templateId]: 'accept' | 'reject' | … }`)
 * for the templates asked. Only 'accept' counts; an id asked twice counts once.
 */
export function acceptedKeys(asked: ReadonlyArray<{ key: TemplateKey; templateId: string }>, answer: object): TemplateKey[] {
  const said = new Map<string, unknown>(Object.entries(answer));
  const out: TemplateKey[] = [];
  for (const a of asked) if (said.get(a.templateId) === 'accept' && !out.includes(a.key)) out.push(a.key);
  return out;
}

/** Messages left to send on a quota (0 when none was ever accepted). */
export const quotaLeft = (q: Pick<SubscriptionQuota, 'accepted' | 'spent'> | null): number => (q ? Math.max(0, q.accepted - q.spent) : 0);

/** At most this many unspent accepts are kept per user and template: a bound against a client recording in a loop. */
export const MAX_QUOTA = 50;

/** The quota after `n` more accepts (capped at MAX_QUOTA unspent). */
export function withAccepted(q: Pick<SubscriptionQuota, 'accepted' | 'spent'> | null, n: number): { accepted: number; spent: number } {
  const accepted = q?.accepted ?? 0;
  const spent = q?.spent ?? 0;
  return { accepted: accepted + Math.max(0, Math.min(n, MAX_QUOTA - (accepted - spent))), spent };
}
