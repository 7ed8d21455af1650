import type { EntryView, StationsApi } from '@shared/api/stations';
import { isRetryable } from '@shared/errors';
import Taro from '@tarojs/taro';
import { MAX_SERVER_ATTEMPTS, serverBackoffMs } from '../lib/call-failure';
import { onReconnect } from '../platform/network';
import { newRequestId } from '../platform/request-id';
import { ApiError, OfflineError, ServerError } from './errors';
import { stationsClient } from './stations';

/**
 * The offline queue of log entries (service days, trainings …). The app never drops one:
 *  1. the request id is made when the person taps, and the entry is written to Taro storage BEFORE
 *     anything is sent;
 *  2. it leaves the queue only when the server has answered: ok, or a definitive error, which moves
 *     it to the "failed" list the person sees (and dismisses) — never silently;
 *  3. no connection (OfflineError) keeps it queued for as long as it takes; the queue is sent again
 *     when the network comes back (Taro.onNetworkStatusChange in WeChat, the browser's `online` event
 *     in h5), when a page shows, and on a timer;
 *  4. a server failure (ServerError: the function timed out, crashed, is not deployed) or a retryable
 *     answer (INTERNAL, CONTENT.CHECK_UNAVAILABLE) is NOT the network: it is retried with a growing
 *     wait (lib/call-failure.ts serverBackoffMs) at most MAX_SERVER_ATTEMPTS times, then shown as failed,
 *     with a button to try again (`retryFailed`) — never left waiting forever.
 * Resending is safe because the server stores the first answer under the request id.
 */

export type LogAction =
  | 'logServiceDay'
  | 'logTraining'
  | 'logResearch'
  | 'logTackling'
  | 'logProblem'
  | 'logAchievement'
  | 'logAgreementProgress';

export interface OutboxItem {
  requestId: string;
  action: LogAction;
  /** the action's input without requestId */
  data: Record<string, unknown>;
  /** what the person sees in the "waiting to send" list, e.g. "服务天数 2026-11-20" */
  label: string;
  createdAt: number;
  attempts: number;
  lastError: string | null;
  /** tries that reached the cloud and got no usable answer (bounded; absent on items queued before) */
  serverAttempts?: number;
  /** not before this time (ms) after a server failure */
  nextAttemptAt?: number;
}
export interface FailedItem extends OutboxItem {
  code: string;
  message: string;
  failedAt: number;
}
export interface OutboxState {
  waiting: OutboxItem[];
  failed: FailedItem[];
  sending: boolean;
}
export type SubmitResult =
  | { status: 'sent'; result: EntryView }
  | { status: 'queued'; item: OutboxItem; reason: 'offline' | 'server'; message: string }
  | { status: 'failed'; error: ApiError | ServerError; item: OutboxItem };

const KEY = 'stations.outbox.v1';
const FAILED_KEY = 'stations.outbox.failed.v1';

const readList = <T>(key: string): T[] => {
  const v = Taro.getStorageSync(key);
  return Array.isArray(v) ? (v as T[]) : [];
};
const writeList = (key: string, items: unknown[]) => Taro.setStorageSync(key, items);

export const waitingItems = () => readList<OutboxItem>(KEY);
export const failedItems = () => readList<FailedItem>(FAILED_KEY);

let sending = false;
const listeners = new Set<(s: OutboxState) => void>();
const sentListeners = new Set<(item: OutboxItem, result: EntryView) => void>();
const state = (): OutboxState => ({ waiting: waitingItems(), failed: failedItems(), sending });
const notify = () => {
  const s = state();
  for (const l of listeners) l(s);
};

/** Watch the queue (the "待发送 N 条" banner). Returns the unsubscribe function. */
export function subscribeOutbox(listener: (s: OutboxState) => void): () => void {
  listeners.add(listener);
  listener(state());
  return () => listeners.delete(listener);
}
/** Be told when a queued entry reached the server (e.g. to refresh the progress bars). */
export function onOutboxSent(listener: (item: OutboxItem, result: EntryView) => void): () => void {
  sentListeners.add(listener);
  return () => sentListeners.delete(listener);
}

const update = (requestId: string, patch: Partial<OutboxItem>) =>
  writeList(
    KEY,
    waitingItems().map((i) => (i.requestId === requestId ? { ...i, ...patch } : i)),
  );
const removeWaiting = (requestId: string) =>
  writeList(
    KEY,
    waitingItems().filter((i) => i.requestId !== requestId),
  );

async function sendOne(item: OutboxItem): Promise<SubmitResult> {
  const call = stationsClient[item.action] as (input: unknown) => Promise<EntryView>;
  try {
    const result = await call({ ...item.data, requestId: item.requestId });
    removeWaiting(item.requestId);
    for (const l of sentListeners) l(item, result);
    notify();
    return { status: 'sent', result };
  } catch (e) {
    if (e instanceof ApiError && !isRetryable(e.code)) {
      // A definitive answer (e.g. the day was already logged): shown to the person, never retried blindly.
      removeWaiting(item.requestId);
      writeList(FAILED_KEY, [...failedItems(), { ...item, code: e.code, message: e.message, failedAt: Date.now() }]);
      notify();
      return { status: 'failed', error: e, item };
    }
    if (e instanceof OfflineError) {
      update(item.requestId, { attempts: item.attempts + 1, lastError: '网络不可用' });
      notify();
      return {
        status: 'queued',
        item,
        reason: 'offline',
        message: `网络不可用：「${item.label}」已保存在手机上（待发送），恢复网络后自动发送`,
      };
    }
    // the cloud was reached and did not answer usefully: bounded retries with backoff, then failed
    const said = e instanceof Error ? e.message : '发送失败';
    const serverAttempts = (item.serverAttempts ?? 0) + 1;
    if (serverAttempts >= MAX_SERVER_ATTEMPTS) {
      removeWaiting(item.requestId);
      const code = e instanceof ApiError ? e.code : 'SERVER.UNAVAILABLE';
      writeList(FAILED_KEY, [
        ...failedItems(),
        { ...item, serverAttempts, code, message: `${said}（已自动重试 ${serverAttempts} 次，可点“重试”再发送）`, failedAt: Date.now() },
      ]);
      notify();
      const error = e instanceof ApiError || e instanceof ServerError ? e : new ApiError({ code: 'INTERNAL', message: said });
      return { status: 'failed', error, item };
    }
    update(item.requestId, {
      attempts: item.attempts + 1,
      serverAttempts,
      nextAttemptAt: Date.now() + serverBackoffMs(serverAttempts),
      lastError: said,
    });
    notify();
    return { status: 'queued', item, reason: 'server', message: `${said}。「${item.label}」已保存在手机上，稍后自动重试` };
  }
}

/**
 * Log an entry: saved on the phone first, then sent. Resolves 'sent' with the server's answer,
 * 'queued' when offline (it will be sent later), or 'failed' with the server's refusal.
 */
export async function submitEntry<A extends LogAction>(
  action: A,
  data: Omit<Parameters<(typeof stationsClient)[A]>[0], 'requestId'>,
  label: string,
): Promise<SubmitResult> {
  const item: OutboxItem = {
    requestId: await newRequestId(),
    action,
    data: data as Record<string, unknown>,
    label,
    createdAt: Date.now(),
    attempts: 0,
    lastError: null,
  };
  writeList(KEY, [...waitingItems(), item]);
  notify();
  return sendOne(item);
}

let flushing: Promise<void> | null = null;
/** Send everything waiting, oldest first; stops at the first sign that the network is still down. */
export function flushOutbox(): Promise<void> {
  if (flushing) return flushing;
  const run = async () => {
    sending = true;
    notify();
    try {
      for (const item of waitingItems()) {
        // after a server failure an entry waits its backoff (the timer and the network events come back to it)
        if ((item.nextAttemptAt ?? 0) > Date.now()) continue;
        const r = await sendOne(item);
        if (r.status === 'queued') break;
      }
    } finally {
      sending = false;
      notify();
    }
  };
  // Cleared in a later microtask, never before the assignment (an empty queue finishes synchronously).
  flushing = run().finally(() => {
    flushing = null;
  });
  return flushing;
}

/** Try a failed entry again (its button): back in the queue with a fresh count of server tries, sent now. */
export function retryFailed(requestId: string): Promise<void> {
  const f = failedItems().find((i) => i.requestId === requestId);
  if (!f) return Promise.resolve();
  const { code: _code, message: _message, failedAt: _failedAt, ...item } = f;
  writeList(
    FAILED_KEY,
    failedItems().filter((i) => i.requestId !== requestId),
  );
  writeList(KEY, [...waitingItems(), { ...item, serverAttempts: 0, nextAttemptAt: 0, lastError: null }]);
  notify();
  return flushOutbox();
}

export function dismissFailed(requestId: string) {
  writeList(
    FAILED_KEY,
    failedItems().filter((i) => i.requestId !== requestId),
  );
  notify();
}

let started = false;
/** Start the automatic resending (once per app run). */
export function startOutbox(intervalMs = 20_000) {
  if (started) return;
  started = true;
  const retry = () => {
    if (waitingItems().length > 0) void flushOutbox();
  };
  onReconnect(retry);
  setInterval(retry, intervalMs);
  retry();
}

/** Typed view of the queue's data for a label in the list. */
export type LogInput<A extends keyof StationsApi> = Omit<Parameters<(typeof stationsClient)[A]>[0], 'requestId'>;
