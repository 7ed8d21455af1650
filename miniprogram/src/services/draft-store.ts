import type { FactValue, SaveResult, VersionConflictDetails } from '@shared/api/applications';
import type { FieldIssue } from '@shared/errors';
import Taro from '@tarojs/taro';
import { newRequestId } from '../platform/request-id';
import { applicationsClient } from './applications';
import { ApiError, errorText, OfflineError } from './errors';

/**
 * Nothing typed is ever lost:
 *  1. every change is written to the phone's storage at once (Taro.setStorageSync);
 *  2. ≈1.5 s after the last change the draft is saved to the server with the version it was based on;
 *  3. without a signal it stays on the phone and is sent when a later attempt gets through;
 *  4. a save based on a version another phone replaced is refused by the server (CONFLICT.VERSION)
 *     with the server's copy: the person sees both and chooses — never a silent overwrite.
 * A retried save reuses its request id, so a save whose answer was lost is not applied twice.
 */
export type SyncState = 'new' | 'local' | 'syncing' | 'synced' | 'offline' | 'conflict' | 'error';
export const syncStateLabels: Record<SyncState, string> = {
  new: '开始填写后会自动保存',
  local: '已保存到手机',
  syncing: '正在同步到服务器…',
  synced: '已同步到服务器',
  offline: '已保存到手机，网络恢复后自动同步',
  conflict: '与服务器版本冲突',
  error: '同步失败',
};

export interface DraftTarget {
  programmeId: string;
  kindId: string;
  roundId: string;
  hostUnitId?: string;
  societyId?: string;
}
export interface LocalDraft extends DraftTarget {
  applicationId: string | null;
  values: Record<string, unknown>;
  facts: Record<string, FactValue>;
  /** the server version these values are based on (0 = not on the server yet) */
  baseVersion: number;
  /** changed since the last save the server confirmed */
  dirty: boolean;
  savedLocallyAt: number;
  syncedAt: number | null;
  /** the last save sent, so resending the same content reuses its request id */
  pending: { requestId: string; body: string } | null;
}
export interface DraftSnapshot {
  draft: LocalDraft;
  state: SyncState;
  message: string;
  conflict: VersionConflictDetails | null;
  /** format problems the server reported (paths values.<key>) */
  issues: FieldIssue[];
}

export interface DraftStorage {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  remove(key: string): void;
}
const taroStorage: DraftStorage = {
  get: (k) => Taro.getStorageSync(k),
  set: (k, v) => Taro.setStorageSync(k, v),
  remove: (k) => Taro.removeStorageSync(k),
};
export interface DraftClient {
  saveDraft(input: Parameters<typeof applicationsClient.saveDraft>[0]): Promise<SaveResult>;
}

export const draftKey = (d: Pick<LocalDraft, 'applicationId' | 'programmeId' | 'kindId' | 'roundId' | 'hostUnitId' | 'societyId'>) =>
  d.applicationId
    ? `appdraft:${d.applicationId}`
    : `appdraft:new:${d.programmeId}:${d.kindId}:${d.roundId}:${d.hostUnitId ?? ''}:${d.societyId ?? ''}`;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export class DraftStore {
  private d: LocalDraft;
  private state: SyncState;
  private message = '';
  private conflict: VersionConflictDetails | null = null;
  private issues: FieldIssue[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inflight: Promise<void> | null = null;
  private again = false;
  private listeners = new Set<(s: DraftSnapshot) => void>();
  private disposed = false;

  constructor(
    draft: LocalDraft,
    private readonly opts: { storage?: DraftStorage; client?: DraftClient; debounceMs?: number; retryMs?: number; now?: () => number } = {},
  ) {
    this.d = draft;
    this.state = draft.dirty ? 'local' : draft.baseVersion === 0 ? 'new' : 'synced';
  }

  private get storage() {
    return this.opts.storage ?? taroStorage;
  }
  private get client(): DraftClient {
    return this.opts.client ?? applicationsClient;
  }
  private now() {
    return this.opts.now ? this.opts.now() : Date.now();
  }

  /** The draft kept on this phone for a target or an application, if any. */
  static load(key: string, storage: DraftStorage = taroStorage): LocalDraft | null {
    const v = storage.get(key);
    return v && typeof v === 'object' && 'values' in (v as object) ? (v as LocalDraft) : null;
  }
  /** The application a new draft for this target became, once the server created it. */
  static movedTo(key: string, storage: DraftStorage = taroStorage): string | null {
    const v = storage.get(key) as { movedTo?: unknown } | null;
    return v && typeof v === 'object' && typeof v.movedTo === 'string' ? v.movedTo : null;
  }
  static forget(key: string, storage: DraftStorage = taroStorage) {
    storage.remove(key);
  }
  static fresh(target: DraftTarget, applicationId: string | null = null): LocalDraft {
    return {
      ...target,
      applicationId,
      values: {},
      facts: {},
      baseVersion: 0,
      dirty: false,
      savedLocallyAt: 0,
      syncedAt: null,
      pending: null,
    };
  }

  get snapshot(): DraftSnapshot {
    return { draft: this.d, state: this.state, message: this.message, conflict: this.conflict, issues: this.issues };
  }
  subscribe(fn: (s: DraftSnapshot) => void): () => void {
    this.listeners.add(fn);
    fn(this.snapshot);
    return () => this.listeners.delete(fn);
  }
  private emit() {
    for (const fn of this.listeners) fn(this.snapshot);
  }
  private persist() {
    this.storage.set(draftKey(this.d), this.d);
  }

  /**
   * Reconcile with the server copy when the application is opened: unsaved changes on this phone
   * based on the server's version are kept (and sent); changes based on an older version are a
   * conflict the person resolves; otherwise the server copy is taken (it may come from another phone).
   */
  adoptServer(server: { applicationId: string; version: number; values: Record<string, unknown>; facts: Record<string, FactValue> }) {
    const local = this.d;
    if (local.dirty && local.baseVersion === server.version) {
      this.state = 'local';
      this.schedule(0);
    } else if (local.dirty && !(same(local.values, server.values) && same(local.facts, server.facts))) {
      this.conflict = { serverVersion: server.version, serverValues: server.values, serverFacts: server.facts, serverUpdatedAt: 0 };
      this.state = 'conflict';
    } else {
      this.d = {
        ...local,
        applicationId: server.applicationId,
        values: server.values,
        facts: server.facts,
        baseVersion: server.version,
        dirty: false,
        pending: null,
      };
      this.state = 'synced';
      this.persist();
    }
    this.emit();
  }

  setValue(key: string, value: unknown) {
    this.change({ values: { ...this.d.values, [key]: value } });
  }
  setFact(id: string, value: FactValue | undefined) {
    const facts = { ...this.d.facts };
    if (value === undefined) delete facts[id];
    else facts[id] = value;
    this.change({ facts });
  }
  private change(part: Partial<LocalDraft>) {
    this.d = { ...this.d, ...part, dirty: true, savedLocallyAt: this.now() };
    this.persist(); // on the phone at once
    if (this.state !== 'conflict') {
      this.state = this.state === 'offline' ? 'offline' : 'local';
      this.schedule(this.opts.debounceMs ?? 1500);
    }
    this.emit();
  }

  /** A server action (attachment upload) moved the version on from ours: follow it. */
  bumped(version: number) {
    if (this.d.baseVersion === version - 1) {
      this.d = { ...this.d, baseVersion: version };
      this.persist();
    }
  }

  private schedule(ms: number) {
    if (this.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.sync();
    }, ms);
  }

  /** Save now (before submitting, leaving the page). Resolves when the server has answered. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    await this.sync();
    if (this.inflight) await this.inflight;
  }

  private sync(): Promise<void> {
    if (this.inflight) {
      this.again = true;
      return this.inflight;
    }
    if (!this.d.dirty || this.conflict || this.disposed) return Promise.resolve();
    this.inflight = this.send().finally(() => {
      this.inflight = null;
      if (this.again) {
        this.again = false;
        void this.sync();
      }
    });
    return this.inflight;
  }

  private async send(): Promise<void> {
    const sent = { values: this.d.values, facts: this.d.facts };
    const body = JSON.stringify({ ...sent, baseVersion: this.d.baseVersion, applicationId: this.d.applicationId });
    const rid = this.d.pending && this.d.pending.body === body ? this.d.pending.requestId : await newRequestId();
    const d = { ...this.d, pending: { requestId: rid, body } };
    this.d = d;
    this.persist();
    this.state = 'syncing';
    this.emit();
    try {
      const res = await this.client.saveDraft({
        programmeId: d.programmeId,
        kindId: d.kindId,
        roundId: d.roundId,
        values: sent.values,
        facts: sent.facts,
        baseVersion: d.baseVersion,
        requestId: rid,
        ...(d.applicationId
          ? { applicationId: d.applicationId }
          : { ...(d.hostUnitId ? { hostUnitId: d.hostUnitId } : {}), ...(d.societyId ? { societyId: d.societyId } : {}) }),
      });
      // The draft now lives under its id; the target's key points there (a reload of the page finds it).
      if (!d.applicationId) this.storage.set(draftKey(d), { movedTo: res.applicationId });
      const changedSince = !same({ values: this.d.values, facts: this.d.facts }, sent);
      this.d = {
        ...this.d,
        applicationId: res.applicationId,
        baseVersion: res.version,
        dirty: changedSince,
        syncedAt: res.savedAt,
        pending: null,
      };
      this.issues = res.issues;
      this.state = changedSince ? 'local' : 'synced';
      this.message = '';
      this.persist();
      if (changedSince) this.schedule(this.opts.debounceMs ?? 1500);
    } catch (e) {
      if (e instanceof OfflineError) {
        this.state = 'offline';
        this.schedule(this.opts.retryMs ?? 5000);
      } else if (e instanceof ApiError && e.code === 'CONFLICT.VERSION') {
        const details = e.details as unknown as VersionConflictDetails;
        if (same(details.serverValues, this.d.values) && same(details.serverFacts, this.d.facts)) {
          // our save did land (its answer was lost): nothing to choose
          this.d = { ...this.d, baseVersion: details.serverVersion, dirty: false, pending: null };
          this.state = 'synced';
        } else {
          this.conflict = details;
          this.state = 'conflict';
        }
        this.persist();
      } else {
        this.state = 'error';
        this.message = errorText(e);
        if (e instanceof ApiError) this.issues = e.issues;
      }
    }
    this.emit();
  }

  /** After a conflict: keep this phone's version (saved over the server's, knowingly) or take the server's. */
  async resolveConflict(choice: 'mine' | 'server') {
    const c = this.conflict;
    if (!c) return;
    this.conflict = null;
    if (choice === 'server') {
      this.d = { ...this.d, values: c.serverValues, facts: c.serverFacts, baseVersion: c.serverVersion, dirty: false, pending: null };
      this.state = 'synced';
      this.persist();
      this.emit();
      return;
    }
    this.d = { ...this.d, baseVersion: c.serverVersion, dirty: true, pending: null };
    this.persist();
    await this.flush();
  }

  dispose() {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.listeners.clear();
  }
}
