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
  /**
   * Saves sent whose answer never came (an interrupted save): their bodies. When the server turns
   * out to hold one of them, it is this phone's own save that landed — not another device's edit —
   * so nothing is to be chosen (issue 15, finding 7).
   */
  unanswered?: string[];
  /** the step the person was on, to reopen there (issue 15, finding 5) */
  stepId?: string;
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
/** The values and facts a sent body carried. */
const sentContent = (body: string): { values: unknown; facts: unknown } | null => {
  try {
    const b = JSON.parse(body) as { values?: unknown; facts?: unknown };
    return { values: b.values, facts: b.facts };
  } catch {
    return null;
  }
};
/** True when the server holds content this phone sent itself (a save whose answer was lost). */
const isOwnSave = (d: LocalDraft, serverValues: unknown, serverFacts: unknown): boolean =>
  [...(d.unanswered ?? []), ...(d.pending ? [d.pending.body] : [])].some((body) => {
    const c = sentContent(body);
    return c !== null && sameContent(c.values, serverValues) && sameContent(c.facts, serverFacts);
  });

/** Blank as a form value: absent, null, empty or whitespace text, an empty list. */
const blank = (v: unknown) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
/** Same content, where every blank counts as the same blank (null, '', absent, []). */
export function sameContent(a: unknown, b: unknown): boolean {
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const x = a as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    return [...new Set([...Object.keys(x), ...Object.keys(y)])].every((k) => (blank(x[k]) && blank(y[k])) || same(x[k], y[k]));
  }
  return same(a, b);
}
/** The keys on which two value sets really differ (blanks of any kind are equal): what a conflict lists. */
export function conflictingKeys(mine: Readonly<Record<string, unknown>>, server: Readonly<Record<string, unknown>>): string[] {
  return [...new Set([...Object.keys(server), ...Object.keys(mine)])].filter(
    (k) => !(blank(mine[k]) && blank(server[k])) && !same(mine[k], server[k]),
  );
}
/** The server's values, except that a key the server holds blank keeps this phone's value. */
export function takeServer(server: Readonly<Record<string, unknown>>, mine: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...server };
  for (const [k, v] of Object.entries(mine)) if (blank(server[k]) && !blank(v)) out[k] = v;
  return out;
}

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
    // Changes kept on the phone from a visit that ended before they were sent (a quick reload):
    // send them now, not only after the next keystroke (issue 15, finding 7).
    if (draft.dirty && (draft.applicationId === null || draft.baseVersion > 0)) this.schedule(0);
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
    } else if (local.dirty && local.baseVersion < server.version && isOwnSave(local, server.values, server.facts)) {
      // The server holds a save from this phone whose answer was lost: build on it, send the rest.
      this.d = { ...local, applicationId: server.applicationId, baseVersion: server.version, pending: null, unanswered: [] };
      this.d = { ...this.d, dirty: !(sameContent(this.d.values, server.values) && sameContent(this.d.facts, server.facts)) };
      this.state = this.d.dirty ? 'local' : 'synced';
      this.persist();
      if (this.d.dirty) this.schedule(0);
    } else if (local.dirty && !(sameContent(local.values, server.values) && sameContent(local.facts, server.facts))) {
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
    const prev = this.d.pending;
    // Creating the application: always the same request, so an unanswered first save that did land
    // is answered again (its application), never a second application; changes since follow as an update.
    const creating = this.d.applicationId === null;
    const rid = prev && (prev.body === body || creating) ? prev.requestId : await newRequestId();
    const replayedOther = creating && prev !== null && prev.body !== body;
    // a different save replacing an unanswered one: remember what that one carried
    const unanswered = prev && prev.body !== body ? [...(this.d.unanswered ?? []), prev.body].slice(-5) : (this.d.unanswered ?? []);
    const d = { ...this.d, pending: { requestId: rid, body }, unanswered };
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
      const changedSince = replayedOther || !same({ values: this.d.values, facts: this.d.facts }, sent);
      this.d = {
        ...this.d,
        applicationId: res.applicationId,
        baseVersion: res.version,
        dirty: changedSince,
        syncedAt: res.savedAt,
        pending: null,
        unanswered: [],
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
        if (sameContent(details.serverValues, this.d.values) && sameContent(details.serverFacts, this.d.facts)) {
          // our save did land (its answer was lost): nothing to choose
          this.d = { ...this.d, baseVersion: details.serverVersion, dirty: false, pending: null, unanswered: [] };
          this.state = 'synced';
        } else if (isOwnSave(this.d, details.serverValues, details.serverFacts)) {
          // an earlier save of ours landed (its answer was lost), later changes are only here: send them on it
          this.d = { ...this.d, baseVersion: details.serverVersion, dirty: true, pending: null, unanswered: [] };
          this.state = 'local';
          this.schedule(0);
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
      // The server's content — but a field the server holds blank keeps what was typed here: taking
      // the other device's version never wipes this phone's values with blanks (finding 7).
      const values = takeServer(c.serverValues, this.d.values);
      const facts: LocalDraft['facts'] = { ...c.serverFacts };
      for (const [k, v] of Object.entries(this.d.facts)) if (blank(c.serverFacts[k]) && !blank(v)) facts[k] = v;
      const dirty = !(sameContent(values, c.serverValues) && sameContent(facts, c.serverFacts));
      this.d = { ...this.d, values, facts, baseVersion: c.serverVersion, dirty, pending: null, unanswered: [] };
      this.state = dirty ? 'local' : 'synced';
      this.persist();
      this.emit();
      if (dirty) await this.flush();
      return;
    }
    this.d = { ...this.d, baseVersion: c.serverVersion, dirty: true, pending: null };
    this.persist();
    await this.flush();
  }

  /** Remember the step the person is on (kept on the phone, not a change to save). */
  setStep(stepId: string) {
    if (this.d.stepId === stepId) return;
    this.d = { ...this.d, stepId };
    this.persist();
  }

  dispose() {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.listeners.clear();
  }
}
