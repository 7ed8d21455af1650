import type { ApiContract, InputOf, OutputOf } from '@shared/api/define';
import Taro from '@tarojs/taro';
import { shouldReport } from '../lib/call-failure';
import { invoke } from '../platform/transport';
import { ApiError, ServerError } from './errors';

export type Client<A extends ApiContract> = { [K in keyof A]: (input: InputOf<A[K]>) => Promise<OutputOf<A[K]>> };

const REPORTED = 'kexie.serverFailures.reported';

/**
 * Tell the operator about a function that did not answer (identity.reportProblem → the function log):
 * at most once per function and kind per 10 minutes from this phone, in the background, never failing
 * the caller. A report that fails itself is dropped (the next failure after the window tries again).
 */
export function reportServerFailure(e: ServerError, now = Date.now()): void {
  const key = `${e.fn}:${e.failure.reason}`;
  let last: Record<string, number> = {};
  try {
    const v = Taro.getStorageSync(REPORTED);
    if (v && typeof v === 'object') last = v as Record<string, number>;
  } catch {
    /* unreadable: report */
  }
  if (!shouldReport(last, key, now)) return;
  try {
    Taro.setStorageSync(REPORTED, { ...last, [key]: now });
  } catch {
    /* storage full: still report this one */
  }
  const { reason, code, detail } = e.failure;
  void invoke('identity', 'reportProblem', {
    fn: e.fn,
    action: e.action.slice(0, 40),
    reason,
    code: code?.slice(0, 12) ?? null,
    detail: detail.slice(0, 300),
  }).catch(() => undefined);
}

/** One typed client per cloud function: the same contract objects the server validates with. */
export function createClient<A extends ApiContract>(fn: string, api: A): Client<A> {
  const client = {} as Record<string, (input: unknown) => Promise<unknown>>;
  for (const action of Object.keys(api)) {
    client[action] = async (input: unknown) => {
      let answer: Awaited<ReturnType<typeof invoke>>;
      try {
        answer = await invoke(fn, action, input);
      } catch (e) {
        if (e instanceof ServerError) reportServerFailure(e);
        throw e;
      }
      if (!answer.ok) throw new ApiError(answer.error);
      return answer.data;
    };
  }
  return client as Client<A>;
}
