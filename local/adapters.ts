import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Db } from '../cloudfunctions/_kernel/db/port';
import { openSqliteDb } from '../cloudfunctions/_kernel/db/sqlite';
import type { Clock, ContentCheck, Deps, Files, Notifier } from '../cloudfunctions/_kernel/ports';
import { createStore } from '../cloudfunctions/_kernel/store';
import { newId } from '../cloudfunctions/_kernel/store/audit';

/** A clock the local host (and tests) can move forward; never moves backward. */
export function movableClock(start?: number): Clock & { advance(ms: number): void; set(ms: number): void } {
  let offset = start === undefined ? 0 : start - Date.now();
  return {
    now: () => Date.now() + offset,
    advance: (ms) => {
      offset += Math.max(0, ms);
    },
    set: (ms) => {
      offset = ms - Date.now();
    },
  };
}

/** What a served file link resolves to: the bytes and how to send them, or why not. */
export type ServedFile = { ok: true; bytes: Uint8Array; mime: string; name: string } | { ok: false; status: 403 | 404 | 410 };

/** Local file storage, with the links the local host serves (GET /files/<token>/<name>). */
export interface LocalFiles extends Files {
  /** the file a served path names, when its token is genuine and unexpired (by the host's clock) */
  served(path: string): Promise<ServedFile>;
}

/** The folder a served link starts with (local/server.ts routes it). */
export const servedFilesPrefix = '/files/';

const b64url = (b: Buffer) => b.toString('base64url');

/**
 * Local file storage: content-addressed files under <dataDir>/files; fileId = "local://<sha256>/<path>".
 * A temporary URL is `/files/<payload>.<signature>/<name>`: the payload names the fileId, the type to
 * send it as and when it expires (the host's clock, so a moved test clock moves expiry too), signed with
 * HMAC-SHA256 under a key that lives as long as the process — a link never outlives the host either.
 */
export function localFiles(dataDir: string, clock: Clock = { now: () => Date.now() }): LocalFiles {
  const dir = resolve(dataDir, 'files');
  mkdirSync(dir, { recursive: true });
  const key = randomBytes(32);
  const sign = (payload: string) => createHmac('sha256', key).update(payload).digest();
  const pathOf = (fileId: string) => {
    const m = /^local:\/\/([0-9a-f]{64})\//.exec(fileId);
    return m ? join(dir, m[1]!) : null;
  };
  const read = async (fileId: string) => {
    const p = pathOf(fileId);
    if (!p) return null;
    try {
      return new Uint8Array(await readFile(p));
    } catch {
      return null;
    }
  };
  const exists = async (fileId: string) => {
    const p = pathOf(fileId);
    if (!p) return false;
    return stat(p).then(
      () => true,
      () => false,
    );
  };
  return {
    async put({ name, mime, bytes, folder }) {
      const hash = createHash('sha256').update(bytes).digest('hex');
      await writeFile(join(dir, hash), bytes);
      return { fileId: `local://${hash}/${folder ? `${folder}/` : ''}${name}`, name, size: bytes.byteLength, mime };
    },
    read,
    exists,
    async tempUrl({ fileId, name, mime, ttlMs }) {
      if (!(await exists(fileId))) return null;
      const expiresAt = clock.now() + ttlMs;
      const payload = b64url(Buffer.from(JSON.stringify({ f: fileId, m: mime, n: name, e: expiresAt })));
      const token = `${payload}.${b64url(sign(payload))}`;
      return { url: `${servedFilesPrefix}${token}/${encodeURIComponent(name)}`, expiresAt };
    },
    async served(path) {
      if (!path.startsWith(servedFilesPrefix)) return { ok: false, status: 404 };
      const token = path.slice(servedFilesPrefix.length).split('/')[0] ?? '';
      const [payload, sig] = token.split('.');
      if (!payload || !sig) return { ok: false, status: 403 };
      const given = Buffer.from(sig, 'base64url');
      const want = sign(payload);
      if (given.length !== want.length || !timingSafeEqual(given, want)) return { ok: false, status: 403 };
      const p = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { f: string; m: string; n: string; e: number };
      if (clock.now() > p.e) return { ok: false, status: 410 };
      const bytes = await read(p.f);
      return bytes ? { ok: true, bytes, mime: p.m, name: p.n } : { ok: false, status: 404 };
    },
  };
}

/**
 * Local content check. WeChat's msgSecCheck cannot be reached from here, so locally every text
 * passes except text containing the marker 【测试违规】, which answers `risky` — so the refusal
 * path can be exercised end to end. Documented in SECURITY.md / README.
 */
export const localContentCheck: ContentCheck = {
  async check({ text }) {
    return { suggest: text.includes('【测试违规】') ? 'risky' : 'pass' };
  },
};

export function openLocalDeps(
  dataDir: string,
  clock: Clock = movableClock(),
): Deps & {
  files: LocalFiles;
  /** the document port this host opened: its own, for tests and tools that read documents raw (handlers never see it) */
  db: Db;
  close(): Promise<void>;
  integrityCheck(): string;
  snapshot(): Record<string, string[]>;
  changes(): number;
} {
  mkdirSync(dataDir, { recursive: true });
  const db = openSqliteDb({ file: join(dataDir, 'kexie.sqlite') });
  const store = createStore(db);
  // Local delivery: what would go to WeChat (openid, template, data) is written to the `outbox`
  // collection as a delivery record beside the reminder itself (kind 'reminder', which the app's
  // outbox page lists), so tests and staff can see exactly what a person would have received.
  const notifier: Notifier = {
    // the local host has no WeChat templates: a stand-in id per key, so the browser's simulated
    // requestSubscribeMessage (platform/subscribe.h5.ts) can be asked and answer for it
    templateId: (key) => `local-${key}`,
    async send(msg) {
      await store.outbox.recordDelivery({ id: newId('ob', clock.now()), ...msg, at: clock.now() });
      return { sent: true, detail: '已写入本地发件箱' };
    },
  };
  return {
    db,
    store,
    clock,
    files: localFiles(dataDir, clock),
    contentCheck: localContentCheck,
    notifier,
    log: { error: (m, meta) => console.error(m, meta), info: () => undefined },
    close: () => db.close(),
    integrityCheck: () => db.integrityCheck(),
    /** rows changed by this connection since it opened (SQLite total_changes): a cheap 'nothing written' witness */
    changes: () => (db.raw.prepare('SELECT total_changes() AS n').get() as { n: number }).n,
    snapshot: () => {
      const tables = db.raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
      return Object.fromEntries(
        tables.map((t) => [
          t.name,
          (db.raw.prepare(`SELECT * FROM "${t.name}" ORDER BY 1`).all() as unknown[]).map((r) => JSON.stringify(r)),
        ]),
      );
    },
  };
}
