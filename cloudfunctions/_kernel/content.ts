import { AppError, type FieldIssue } from '../../shared/errors';
import type { Uses } from './router';

/**
 * User text that others will read (notes, topics, objections, comments) passes WeChat's content
 * security check (security.msgSecCheck v2) in the cloud; locally a documented rule stands in
 * (local/adapters.ts). `risky` refuses the write with CONTENT.RISKY naming the field; `review`
 * is accepted (WeChat's advice is manual review, which the audit trail allows) and reported back;
 * a failed check call is logged and treated as `review`, so an outage of the check never loses
 * what a person submitted.
 */
export async function requireSafeText(
  ctx: Uses<'contentCheck' | 'log' | 'caller'>,
  fields: Record<string, string | null | undefined>,
): Promise<{ review: string[] }> {
  const issues: FieldIssue[] = [];
  const review: string[] = [];
  for (const [path, text] of Object.entries(fields)) {
    if (!text?.trim()) continue;
    let suggest: 'pass' | 'review' | 'risky';
    try {
      suggest = (await ctx.contentCheck.check({ text, openid: ctx.caller.openid, scene: 2 })).suggest;
    } catch (e) {
      ctx.log.error('content check failed; accepted for review', e);
      suggest = 'review';
    }
    if (suggest === 'risky') issues.push({ path, message: '内容含有不适宜发布的信息，请修改' });
    else if (suggest === 'review') review.push(path);
  }
  if (issues.length) throw new AppError('CONTENT.RISKY', undefined, { issues });
  return { review };
}
