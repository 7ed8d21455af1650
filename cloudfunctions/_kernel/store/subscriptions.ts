import { quotaLeft, withAccepted } from '../../../shared/rules/subscriptions';
import { type SubscriptionQuota, subscriptionQuotaId, type TemplateKey } from '../../../shared/schemas/subscriptions';
import type { Db } from '../db/port';
import { tables } from './tables';
import { inTx, type Tx } from './tx';

/**
 * Subscription-message quotas (collection `subscriptions`): their one writer. One document per WeChat
 * user and template; `accepted` grows with every accept the app records, `spent` with every message
 * handed to WeChat. Each change is a read and a write in one transaction (two senders cannot spend
 * one accept twice).
 */
export function subscriptionsRepo(db: Db) {
  const change = async (
    tx: Tx,
    openid: string,
    personId: string,
    key: TemplateKey,
    now: number,
    fn: (q: SubscriptionQuota | null) => { accepted: number; spent: number } | null,
  ) => {
    const id = subscriptionQuotaId(openid, key);
    const q = await tables.subscriptions.get(tx, id);
    const next = fn(q);
    if (!next) return false;
    await tables.subscriptions.put(tx, { id, openid, personId: q?.personId ?? personId, templateKey: key, ...next, updatedAt: now });
    return true;
  };
  return {
    /** This user's quotas, by template key. */
    async of(openid: string): Promise<Map<TemplateKey, SubscriptionQuota>> {
      const docs = await tables.subscriptions.find(db, { openid }, { limit: 100 });
      return new Map(docs.map((d) => [d.templateKey, d]));
    },
    /** Record accepts (one each) in the caller's transaction. */
    async addTx(tx: Tx, openid: string, personId: string, keys: readonly TemplateKey[], now: number): Promise<void> {
      for (const key of new Set(keys)) await change(tx, openid, personId, key, now, (q) => withAccepted(q, 1));
    },
    /** Seeding (demo data): set a quota outright (an idempotent put). */
    seed: (q: SubscriptionQuota): Promise<void> => tables.subscriptions.put(db, q),
    /** Spend one accept before a send: false (nothing written) when none is left. */
    spend: (openid: string, personId: string, key: TemplateKey, now: number): Promise<boolean> =>
      inTx(db, (tx) =>
        change(tx, openid, personId, key, now, (q) => (quotaLeft(q) > 0 ? { accepted: q!.accepted, spent: q!.spent + 1 } : null)),
      ),
    /** Give back an accept a send did not use (it failed before WeChat took it). */
    refund: (openid: string, personId: string, key: TemplateKey, now: number): Promise<boolean> =>
      inTx(db, (tx) =>
        change(tx, openid, personId, key, now, (q) => (q && q.spent > 0 ? { accepted: q.accepted, spent: q.spent - 1 } : null)),
      ),
    /** WeChat said the user has no subscription (errcode 43101): nothing is left, whatever we counted. */
    exhaust: (openid: string, personId: string, key: TemplateKey, now: number): Promise<boolean> =>
      inTx(db, (tx) => change(tx, openid, personId, key, now, (q) => (q ? { accepted: q.accepted, spent: q.accepted } : null))),
  };
}
export type SubscriptionsRepo = ReturnType<typeof subscriptionsRepo>;
