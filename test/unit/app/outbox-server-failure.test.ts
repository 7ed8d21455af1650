/**
 * Issue 12, finding 6: a queued log entry used to wait forever whatever went wrong. Now a failure the
 * network did not cause (the function timed out, crashed, is not deployed) is retried with backoff a
 * bounded number of times, then shown as failed with a retry; an offline entry keeps waiting.
 */
const storage = new Map<string, unknown>();
jest.mock('@tarojs/taro', () => ({
  getStorageSync: (k: string) => storage.get(k),
  setStorageSync: (k: string, v: unknown) => storage.set(k, JSON.parse(JSON.stringify(v))),
}));
let rid = 0;
jest.mock('../../../miniprogram/src/platform/request-id', () => ({ newRequestId: async () => `req-${++rid}` }));
jest.mock('../../../miniprogram/src/platform/network', () => ({ onReconnect: () => undefined }));
const behaviour = { next: 'server' as 'server' | 'offline' | 'ok' };
jest.mock('../../../miniprogram/src/services/stations', () => {
  const { OfflineError, ServerError } = jest.requireActual('../../../miniprogram/src/services/errors');
  return {
    stationsClient: {
      logServiceDay: async (input: { requestId: string }) => {
        if (behaviour.next === 'offline') throw new OfflineError();
        if (behaviour.next === 'server')
          throw new ServerError(
            { kind: 'server', reason: 'timeout', code: '-504003', detail: 'Invoking task timed out' },
            'stations',
            'logServiceDay',
          );
        return { record: { id: `rc-${input.requestId}`, kind: 'serviceDay' } };
      },
    },
  };
});

import { MAX_SERVER_ATTEMPTS } from '../../../miniprogram/src/lib/call-failure';
import { failedItems, flushOutbox, retryFailed, submitEntry, waitingItems } from '../../../miniprogram/src/services/outbox-queue';

const day = { stationId: 'st-1', date: '2026-11-20', note: '', evidence: [], location: null };
beforeEach(() => storage.clear());

test('a server failure says so (not "网络不可用"), backs off, and after the bounded tries is failed with a retry', async () => {
  behaviour.next = 'server';
  const first = await submitEntry('logServiceDay', day, '服务天数 2026-11-20');
  expect(first).toMatchObject({ status: 'queued', reason: 'server' });
  expect(first.status === 'queued' && first.message).toContain('不是您的网络问题');
  expect(first.status === 'queued' && first.message).not.toContain('网络不可用');
  // the backoff holds it: a flush right away does not send it again
  await flushOutbox();
  expect(waitingItems()[0]).toMatchObject({ serverAttempts: 1 });
  // time passes: each flush is one more try, until the last one moves it to the failed list
  for (let i = 2; i <= MAX_SERVER_ATTEMPTS; i++) {
    storage.set(
      'stations.outbox.v1',
      waitingItems().map((x) => ({ ...x, nextAttemptAt: 0 })),
    );
    await flushOutbox();
  }
  expect(waitingItems()).toEqual([]);
  expect(failedItems()).toHaveLength(1);
  expect(failedItems()[0]).toMatchObject({ code: 'SERVER.UNAVAILABLE', serverAttempts: MAX_SERVER_ATTEMPTS });
  expect(failedItems()[0]!.message).toContain(`已自动重试 ${MAX_SERVER_ATTEMPTS} 次`);
  // the retry button: sent again with the same request id, and it goes through
  behaviour.next = 'ok';
  const requestId = failedItems()[0]!.requestId;
  await retryFailed(requestId);
  expect(failedItems()).toEqual([]);
  expect(waitingItems()).toEqual([]);
});

test('offline entries keep waiting however often they are tried (the network is not the service)', async () => {
  behaviour.next = 'offline';
  const r = await submitEntry('logServiceDay', day, '服务天数 2026-11-20');
  expect(r).toMatchObject({ status: 'queued', reason: 'offline' });
  for (let i = 0; i < MAX_SERVER_ATTEMPTS + 3; i++) await flushOutbox();
  expect(waitingItems()).toHaveLength(1);
  expect(failedItems()).toEqual([]);
});
