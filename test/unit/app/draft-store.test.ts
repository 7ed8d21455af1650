/**
 * The draft store (miniprogram/src/services/draft-store.ts) with a fake phone storage and a fake
 * server that behaves like saveDraft: versions, a replayed answer for a repeated request id, and
 * CONFLICT.VERSION with the server's copy. Issue 15, finding 7.
 */
let rid = 0;
jest.mock('@tarojs/taro', () => ({ getStorageSync: () => undefined, setStorageSync: () => undefined, removeStorageSync: () => undefined }));
jest.mock('../../../miniprogram/src/platform/request-id', () => ({ newRequestId: async () => `req-${++rid}` }));
jest.mock('../../../miniprogram/src/services/applications', () => ({ applicationsClient: {} }));

import type { SaveResult } from '@shared/api/applications';
import { type DraftClient, type DraftStorage, DraftStore, draftKey, type LocalDraft } from '../../../miniprogram/src/services/draft-store';
import { ApiError, OfflineError } from '../../../miniprogram/src/services/errors';

const target = { programmeId: 'p', kindId: 'k', roundId: 'r' };

function fakeStorage(): DraftStorage & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return { data, get: (k) => data.get(k), set: (k, v) => data.set(k, JSON.parse(JSON.stringify(v))), remove: (k) => data.delete(k) };
}

/** A server with one application; `loseAnswers` makes it apply saves but never answer (an interrupted save). */
function fakeServer() {
  const s = {
    app: null as null | { id: string; version: number; values: Record<string, unknown>; facts: Record<string, never> },
    done: new Map<string, SaveResult>(),
    loseAnswers: false,
    calls: 0,
    created: 0,
  };
  const client: DraftClient = {
    async saveDraft(input) {
      s.calls++;
      const replay = s.done.get(input.requestId);
      let res: SaveResult;
      if (replay) res = replay;
      else if (!input.applicationId) {
        s.created++;
        s.app = { id: `ap_${s.created}`, version: 1, values: input.values, facts: {} };
        res = { applicationId: s.app.id, version: 1, savedAt: 1, issues: [] };
      } else {
        if (s.app!.version !== input.baseVersion) {
          throw new ApiError({
            code: 'CONFLICT.VERSION',
            message: '',
            details: { serverVersion: s.app!.version, serverValues: s.app!.values, serverFacts: s.app!.facts, serverUpdatedAt: 0 },
          });
        }
        s.app = { ...s.app!, version: s.app!.version + 1, values: input.values };
        res = { applicationId: s.app.id, version: s.app.version, savedAt: 2, issues: [] };
      }
      s.done.set(input.requestId, res);
      if (s.loseAnswers) throw new OfflineError();
      return res;
    },
  };
  return Object.assign(s, { client });
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('draft store: sync after a reload, interrupted saves, conflicts (issue 15, finding 7)', () => {
  it('a draft left unsent by a quick reload is sent when the page opens again, without a keystroke', async () => {
    const storage = fakeStorage();
    const server = fakeServer();
    const first = new DraftStore(DraftStore.fresh(target), { storage, client: server.client, debounceMs: 10_000 });
    first.setValue('stationName', '沅江服务站');
    first.dispose(); // reloaded before the debounced save
    expect(server.calls).toBe(0);

    const reopened = new DraftStore(DraftStore.load(draftKey({ ...target, applicationId: null }), storage)!, {
      storage,
      client: server.client,
      debounceMs: 10_000,
    });
    for (let i = 0; i < 20 && reopened.snapshot.state !== 'synced'; i++) await tick(); // no keystroke, no flush
    expect(server.calls).toBe(1);
    expect(reopened.snapshot.state).toBe('synced');
    expect(server.app?.values).toEqual({ stationName: '沅江服务站' });
    reopened.dispose();
  });

  it('after a save that landed but whose answer was lost, reopening shows no conflict and sends the later changes', async () => {
    const storage = fakeStorage();
    const server = fakeServer();
    const opts = { storage, client: server.client, debounceMs: 10_000, retryMs: 10_000 };
    const store = new DraftStore(DraftStore.fresh(target), opts);
    store.setValue('stationName', '沅江服务站');
    await store.flush();
    expect(store.snapshot.draft.baseVersion).toBe(1);

    server.loseAnswers = true; // the next save lands, its answer is lost
    store.setValue('address', '琼湖街道 9 号');
    await store.flush();
    expect(store.snapshot.state).toBe('offline');
    store.setValue('contactName', '周晓明'); // typed after the interrupted save
    store.dispose();
    server.loseAnswers = false;

    const local: LocalDraft = DraftStore.load('appdraft:ap_1', storage)!;
    const reopened = new DraftStore(local, opts);
    reopened.adoptServer({ applicationId: 'ap_1', version: server.app!.version, values: server.app!.values, facts: {} });
    expect(reopened.snapshot.conflict).toBeNull();
    await reopened.flush();
    expect(reopened.snapshot.state).toBe('synced');
    expect(server.app!.values).toEqual({ stationName: '沅江服务站', address: '琼湖街道 9 号', contactName: '周晓明' });
    reopened.dispose();
  });

  it('a first save whose answer was lost is answered again, never a second application', async () => {
    const storage = fakeStorage();
    const server = fakeServer();
    const opts = { storage, client: server.client, debounceMs: 10_000, retryMs: 10_000 };
    server.loseAnswers = true;
    const store = new DraftStore(DraftStore.fresh(target), opts);
    store.setValue('stationName', '沅江服务站');
    await store.flush();
    server.loseAnswers = false;
    store.setValue('address', '琼湖街道 9 号');
    await store.flush();
    await store.flush();
    expect(server.created).toBe(1);
    expect(server.done.size).toBe(2); // the creation (answered twice) and one update
    expect(server.app!.values).toEqual({ stationName: '沅江服务站', address: '琼湖街道 9 号' });
    expect(store.snapshot.state).toBe('synced');
    store.dispose();
  });

  it('a real conflict lists only fields that differ; "使用服务器上的内容" keeps what the server holds blank', async () => {
    const storage = fakeStorage();
    const server = fakeServer();
    const opts = { storage, client: server.client, debounceMs: 10_000, retryMs: 10_000 };
    const store = new DraftStore(DraftStore.fresh(target), opts);
    store.setValue('stationName', '沅江服务站');
    store.setValue('postcode', '');
    await store.flush();
    // another phone changes the station name
    server.app = { ...server.app!, version: 2, values: { stationName: '另一台手机的名称', postcode: null } };
    store.setValue('contactName', '周晓明');
    await store.flush();
    expect(store.snapshot.state).toBe('conflict');
    const { conflictingKeys } = await import('../../../miniprogram/src/services/draft-store');
    expect(conflictingKeys(store.snapshot.draft.values, store.snapshot.conflict!.serverValues).sort()).toEqual([
      'contactName',
      'stationName',
    ]);
    await store.resolveConflict('server');
    expect(store.snapshot.draft.values).toMatchObject({ stationName: '另一台手机的名称', contactName: '周晓明' });
    expect(server.app!.values).toMatchObject({ stationName: '另一台手机的名称', contactName: '周晓明' });
    store.dispose();
  });

  it('remembers the step the person was on', () => {
    const storage = fakeStorage();
    const store = new DraftStore(DraftStore.fresh(target), { storage, client: fakeServer().client });
    store.setStep('plan');
    expect(DraftStore.load(draftKey({ ...target, applicationId: null }), storage)?.stepId).toBe('plan');
    store.dispose();
  });
});
