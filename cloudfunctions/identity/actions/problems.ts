import type { ParsedInputOf } from '../../../shared/api/define';
import type { IdentityApi } from '../../../shared/api/identity';
import type { Uses } from '../../_kernel/router';

/**
 * A client's report of a function that did not answer (miniprogram/src/lib/call-failure.ts): one log
 * line in this function's log, where the operator looks first, with who saw it. Nothing is stored:
 * the input is bounded by its schema and the app rate-limits itself (one per function and kind per 10 min).
 */
export async function reportProblem(
  ctx: Uses<'log' | 'clock' | 'caller'>,
  input: ParsedInputOf<IdentityApi['reportProblem']>,
): Promise<{ recorded: true }> {
  ctx.log.error('[client] a cloud function did not answer', {
    at: ctx.clock.now(),
    openid: ctx.caller.openid,
    personId: ctx.caller.personId,
    ...input,
  });
  return { recorded: true };
}
