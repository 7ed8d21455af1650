import { createHash } from 'node:crypto';
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

/** Local file storage: content-addressed files under <dataDir>/files; fileId = "local://<sha256>/<name>". */
export function localFiles(dataDir: string): Files {
  const dir = resolve(dataDir, 'files');
  mkdirSync(dir, { recursive: true });
  const pathOf = (fileId: string) => {
    const m = /^local:\/\/([0-9a-f]{64})\//.exec(fileId);
    return m ? join(dir, m[1]!) : null;
  };
  return {
    async put({ name, mime, bytes, folder }) {
      const hash = createHash('sha256').update(bytes).digest('hex');
      await writeFile(join(dir, hash), bytes);
      return { fileId: `local://${hash}/${folder ? `${folder}/` : ''}${name}`, name, size: bytes.byteLength, mime };
    },
    async read(fileId) {
      const p = pathOf(fileId);
      if (!p) return null;
      try {
        return new Uint8Array(await readFile(p));
      } catch {
        return null;
      }
    },
    async exists(fileId) {
      const p = pathOf(fileId);
      if (!p) return false;
      return stat(p).then(
        () => true,
        () => false,
      );
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
    async send(msg) {
      await store.outbox.recordDelivery({ id: newId('ob', clock.now()), ...msg, at: clock.now() });
      return { sent: true, detail: '已写入本地发件箱' };
    },
  };
  return {
    db,
    store,
    clock,
    files: localFiles(dataDir),
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
