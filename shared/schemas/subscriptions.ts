import { z } from 'zod';
import { idSchema } from './common';

/**
 * WeChat subscription messages (订阅消息) the product sends, by our key. The template ids are per
 * mini-program account and per environment (deployment settings, see shared/notify/templates.ts); the
 * keys are ours and stable.
 */
export const templateKeys = [
  'stationDaysShort',
  'stationTeamShort',
  'applicationReturned',
  'applicationOutcome',
  'postAwardCheckDue',
] as const;
export const templateKeySchema = z.enum(templateKeys);
export type TemplateKey = z.infer<typeof templateKeySchema>;

/**
 * How many messages of one template one WeChat user has accepted and how many we have sent (collection
 * `subscriptions`, _id `${openid}:${templateKey}`). A one-time subscription (一次性订阅) allows exactly one
 * message: every accept in `requestSubscribeMessage` adds one, every send spends one, and a message
 * with none left is not sent (the outbox says so).
 */
export const subscriptionQuotaSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[\w-]+:[A-Za-z]+$/),
  openid: z.string().min(1).max(128),
  personId: idSchema,
  templateKey: templateKeySchema,
  accepted: z.number().int().min(0),
  spent: z.number().int().min(0),
  updatedAt: z.number().int(),
});
export type SubscriptionQuota = z.infer<typeof subscriptionQuotaSchema>;
export const subscriptionQuotaId = (openid: string, key: TemplateKey) => `${openid}:${key}`;
