import { AppError, type FieldIssue } from '../../shared/errors';
import { checkConcurrency, checkTasksOf, mapBounded } from '../../shared/rules/content';
import type { Uses } from './router';

/**
 * Every stored free text others will read (notes, topics, reasons, objections, comments, names,
 * file names) passes WeChat's content security check (security.msgSecCheck v2) in the cloud; locally
 * a documented rule stands in (local/adapters.ts). Long texts are checked in chunks of ≤ 2,500
 * characters, all fields' chunks with bounded parallelism (shared/rules/content.ts).
 * - `risky` (any chunk) refuses the write with CONTENT.RISKY naming the field;
 * - `review` is accepted (WeChat's advice is manual review, which the audit trail allows) and reported back;
 * - a check that cannot answer (error, timeout) refuses the write with CONTENT.CHECK_UNAVAILABLE, a
 *   retryable code: publication fails closed. Call this before anything is written; drafts are not
 *   checked (saveDraft keeps typed text whatever the check service does), so nothing typed is lost.
 */
export async function requireSafeText(
  ctx: Uses<'contentCheck' | 'log' | 'caller'>,
  fields: Record<string, string | null | undefined>,
): Promise<{ review: string[] }> {
  const tasks = checkTasksOf(fields);
  let verdicts: ('pass' | 'review' | 'risky')[];
  try {
    verdicts = await mapBounded(
      tasks,
      checkConcurrency,
      async (t) => (await ctx.contentCheck.check({ text: t.text, openid: ctx.caller.openid, scene: 2 })).suggest,
    );
  } catch (e) {
    ctx.log.error('content check unavailable; publication refused', e);
    throw new AppError('CONTENT.CHECK_UNAVAILABLE');
  }
  const risky = new Set<string>();
  const review = new Set<string>();
  tasks.forEach((t, i) => {
    if (verdicts[i] === 'risky') risky.add(t.path);
    else if (verdicts[i] === 'review') review.add(t.path);
  });
  const issues: FieldIssue[] = [...risky].map((path) => ({ path, message: '内容含有不适宜发布的信息，请修改' }));
  if (issues.length) throw new AppError('CONTENT.RISKY', undefined, { issues });
  return { review: [...review].filter((p) => !risky.has(p)) };
}
