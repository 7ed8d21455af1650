import type { ParsedInputOf } from '../../../shared/api/define';
import type { IdentityApi, SubscriptionsView } from '../../../shared/api/identity';
import { AppError } from '../../../shared/errors';
import { templatesFor } from '../../../shared/notify/templates';
import { quotaLeft } from '../../../shared/rules/subscriptions';
import type { Uses } from '../../_kernel/router';
import { requestKey } from '../../_kernel/store/idempotency';

/**
 * Subscription messages: which templates the caller's roles receive, the deployment's template id of
 * each (the app needs it to ask), and how many messages the caller's WeChat account has accepted and
 * not yet received. Counted per OPENID: WeChat counts a subscription per user, not per person record.
 */
export async function subscriptions(ctx: Uses<'store' | 'notifier' | 'caller'>): Promise<SubscriptionsView> {
  const roles = ctx.caller.bindings.map((b) => b.role);
  const quotas = await ctx.store.subscriptions.of(ctx.caller.openid);
  return {
    templates: templatesFor(roles).map((t) => ({
      key: t.key,
      title: t.title,
      description: t.description,
      templateId: ctx.notifier.templateId?.(t.key) ?? null,
      left: quotaLeft(quotas.get(t.key) ?? null),
      sentNow: t.sentNow,
    })),
  };
}

/** One more message for each template the user accepted; only templates of the caller's roles. */
export async function recordSubscriptions(
  ctx: Uses<'store' | 'clock' | 'notifier' | 'caller' | 'fn' | 'action'>,
  input: ParsedInputOf<IdentityApi['recordSubscriptions']>,
): Promise<SubscriptionsView> {
  const personId = ctx.caller.personId;
  if (!personId) throw new AppError('AUTH.FORBIDDEN');
  const mine = new Set(templatesFor(ctx.caller.bindings.map((b) => b.role)).map((t) => t.key));
  const foreign = input.accepted.filter((k) => !mine.has(k));
  if (foreign.length)
    throw new AppError('INPUT.INVALID', undefined, {
      issues: [{ path: 'accepted', message: `您的身份不接收这类提醒：${foreign.join('、')}` }],
    });
  const now = ctx.clock.now();
  await ctx.store.once(requestKey(ctx, input.requestId), now, async (tx) => {
    await ctx.store.subscriptions.addTx(tx, ctx.caller.openid, personId, input.accepted, now);
    return { recorded: input.accepted };
  });
  return subscriptions(ctx);
}
