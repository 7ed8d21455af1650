import { collections } from '../db/collections';
import type { Doc } from '../db/port';

/**
 * Schema versions of stored documents and the migrations between them (issue 13 item 8).
 *
 * Every document carries its collection's schema version in `_v` (stamped by store/collection.ts on
 * every write; a document without it is version 0, written before versions existed). A migration is
 * a PURE function old document → new document for one collection, from one version to the next; the
 * list below is ordered per collection. They run:
 * - on deploy / on demand: `runMigrations` (runner.ts), in resumable batches within the function
 *   timeout (the local host runs it at start; city staff run it with `org.runMigrations`);
 * - lazily on read: a document older than its collection's version is upgraded when a repository
 *   reads it, and written back (store/collection.ts).
 * Running twice changes nothing: a document at the current version is never touched.
 *
 * Adding one (docs/ARCHITECTURE.md "Changing a stored shape"): change the zod schema, append
 * `{ collection, from: n, to: n + 1, up }` here, update test/contract/schema-versions.snapshot.json.
 */

export const VERSION_FIELD = '_v';

export interface Migration {
  /** unique, e.g. "stations:v0-v1" */
  id: string;
  collection: string;
  from: number;
  to: number;
  /** Chinese, for the run record */
  description: string;
  /** the document in the shape of version `to` (pure; `_id` kept; `_v` is set by the runner) */
  up: (doc: Doc) => Doc;
}

const migration = (m: Omit<Migration, 'id'>): Migration => ({ ...m, id: `${m.collection}:v${m.from}-v${m.to}` });

/**
 * v0 → v1 for every collection: the shape is unchanged, the document gains its version field.
 * (Every collection of the registry, so a collection added later starts at v1 with nothing to migrate.)
 */
const addVersionField = collections.map((c) =>
  migration({ collection: c.name, from: 0, to: 1, description: '加上结构版本号（_v）', up: (doc) => ({ ...doc }) }),
);

/**
 * v1 → v2 (issue 14, after the award): the shapes only widened, so a version-1 document is a valid version-2
 * one as it is — stations gained the status 'closed' (撤销, 第十四条) and the optional `changeRequests`;
 * bindings and invites gained the role 'financeBureau' (市财政局).
 */
const issue14Widening = [
  migration({
    collection: 'stations',
    from: 1,
    to: 2,
    description: '服务站可撤销（状态“已撤销”）并记录合并、重组、撤销申请',
    up: (doc) => ({ ...doc }),
  }),
  migration({ collection: 'bindings', from: 1, to: 2, description: '角色增加“市财政局”', up: (doc) => ({ ...doc }) }),
  migration({ collection: 'invites', from: 1, to: 2, description: '角色增加“市财政局”', up: (doc) => ({ ...doc }) }),
];

/** Every migration, in order per collection (append new ones at the end). */
export const migrations: readonly Migration[] = [...addVersionField, ...issue14Widening];

/** The ordered migrations of one collection. */
export function migrationsOf(collection: string): Migration[] {
  return migrations.filter((m) => m.collection === collection).sort((a, b) => a.from - b.from);
}

const current = new Map<string, number>();
for (const m of migrations) current.set(m.collection, Math.max(current.get(m.collection) ?? 0, m.to));

/** The schema version a collection's documents are written at (0 when it has no migration). */
export function currentVersion(collection: string): number {
  return current.get(collection) ?? 0;
}

/** The version of a stored document: its `_v`, 0 without one. */
export function versionOf(doc: Doc): number {
  const v = doc[VERSION_FIELD];
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0;
}

/** Versions older than the current one (a query for documents to upgrade: `_v` null or one of these). */
export function olderVersions(collection: string): number[] {
  return Array.from({ length: Math.max(0, currentVersion(collection) - 1) }, (_, i) => i + 1);
}

/**
 * The document at its collection's current version, with the migrations applied in order; null when it
 * is current already (or newer: written by a later deploy, never downgraded). Pure.
 */
export function upgradeDoc(collection: string, doc: Doc): { doc: Doc; applied: Migration[] } | null {
  const target = currentVersion(collection);
  let v = versionOf(doc);
  if (v >= target) return null;
  let out: Doc = doc;
  const applied: Migration[] = [];
  for (const m of migrationsOf(collection)) {
    if (m.from !== v) continue;
    out = { ...m.up(out), _id: doc._id, [VERSION_FIELD]: m.to };
    applied.push(m);
    v = m.to;
  }
  if (v !== target) throw new Error(`${collection}: 没有从版本 ${v} 升级到 ${target} 的迁移`);
  return { doc: out, applied };
}

/** A stored document without its version field (what the entity schemas describe). */
export function withoutVersion(doc: Doc): Doc {
  if (!(VERSION_FIELD in doc)) return doc;
  const { [VERSION_FIELD]: _v, ...rest } = doc;
  return rest as Doc;
}
