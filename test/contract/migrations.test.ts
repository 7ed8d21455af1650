import { collections } from '../../cloudfunctions/_kernel/db/collections';
import type { Db, Doc } from '../../cloudfunctions/_kernel/db/port';
import { currentVersion, migrations, migrationsOf, upgradeDoc, VERSION_FIELD } from '../../cloudfunctions/_kernel/migrations';
import { migrationRecords, runMigrations } from '../../cloudfunctions/_kernel/migrations/runner';
import { demoSeeders } from '../../local/seeders';
import { type Harness, makeDeps } from '../support/handlers';

/**
 * Schema versions and the migration runner (issue 13 item 8), on a COPY of the demo database: the demo
 * is seeded into a temp SQLite file, every document is put back in its pre-version shape (no `_v`), the
 * runner upgrades them, and the database is compared with the seeded one; a second run writes nothing.
 */
let h: Harness;
beforeEach(async () => {
  h = await makeDeps({ seeders: demoSeeders });
});
afterEach(async () => {
  await h.close();
});

async function all(db: Db): Promise<Map<string, Doc[]>> {
  const out = new Map<string, Doc[]>();
  for (const { name } of collections) {
    const docs: Doc[] = [];
    for (let skip = 0; ; skip += 1000) {
      const page = await db.find<Doc>(name, {}, { limit: 1000, skip, orderBy: { field: '_id', direction: 'asc' } });
      docs.push(...page);
      if (page.length < 1000) break;
    }
    out.set(name, docs);
  }
  return out;
}

/** The old shape: every document without its version field (as written before versions existed). */
async function downgrade(db: Db): Promise<number> {
  let n = 0;
  for (const [name, docs] of await all(db)) {
    for (const { [VERSION_FIELD]: _v, ...old } of docs) {
      await db.put(name, old as Doc);
      n++;
    }
  }
  return n;
}

/** Documents upgraded, counted once each: every unversioned document goes through its collection's v0 → v1 exactly once. */
const documentsUpgraded = (upgraded: Record<string, number>): number =>
  Object.entries(upgraded).reduce((s, [id, n]) => s + (id.endsWith(':v0-v1') ? n : 0), 0);

const tick = () => {
  let t = Date.parse('2026-11-20T10:00:00+08:00');
  return () => (t += 1);
};

describe('the migration runner on a copy of the demo database', () => {
  it('every document of the seeded demo carries its collection’s version', async () => {
    const seeded = await all(h.deps.db);
    const total = [...seeded.values()].reduce((s, d) => s + d.length, 0);
    expect(total).toBeGreaterThan(100);
    for (const [name, docs] of seeded)
      for (const d of docs) expect([name, d._id, d[VERSION_FIELD]]).toEqual([name, d._id, currentVersion(name)]);
  });

  it('upgrades the old shape back to exactly the seeded database, records the run, and a second run writes nothing', async () => {
    const db = h.deps.db;
    const seeded = await all(db);
    const old = await downgrade(db);
    expect((await all(db)).get('stations')!.every((d) => !(VERSION_FIELD in d))).toBe(true);

    const first = await runMigrations(db, { now: tick() });
    expect(first.done).toBe(true);
    expect(documentsUpgraded(first.upgraded)).toBe(old);
    expect(first.upgraded['stations:v0-v1']).toBe(seeded.get('stations')!.length);
    // a collection at version 2 takes each document on through v1 → v2 as well
    expect(first.upgraded['stations:v1-v2']).toBe(seeded.get('stations')!.length);
    expect(first.upgraded['bindings:v1-v2']).toBe(seeded.get('bindings')!.length);
    for (const [id, n] of Object.entries(first.upgraded)) expect([id, n]).toEqual([id, seeded.get(id.split(':')[0]!)!.length]);

    const after = await all(db);
    for (const [name, docs] of seeded) {
      if (name === 'migrations') continue;
      expect([name, after.get(name)]).toEqual([name, docs]);
    }
    const records = await migrationRecords(db);
    const stations = records.find((r) => r.id === 'stations:v0-v1');
    expect(stations).toMatchObject({ collection: 'stations', from: 0, to: 1, upgraded: seeded.get('stations')!.length });
    expect(stations!.finishedAt).not.toBeNull();
    // one record per migration of the registry
    expect(records.map((r) => r.id).sort()).toEqual(migrations.map((m) => m.id).sort());

    const changes = h.deps.changes();
    const again = await runMigrations(db, { now: tick() });
    expect(again).toEqual({ done: true, upgraded: {}, stoppedIn: null });
    expect(h.deps.changes()).toBe(changes);
  });

  it('is resumable: within a small time budget it stops, and the next calls finish the job', async () => {
    const db = h.deps.db;
    const seeded = await all(db);
    const old = await downgrade(db);
    const now = tick();
    let calls = 0;
    let total = 0;
    for (;;) {
      calls++;
      // every clock read is 1 ms: a 40 ms budget covers a few batches of 20
      const r = await runMigrations(db, { now, elapsed: now, budgetMs: 40, batchSize: 20 });
      total += documentsUpgraded(r.upgraded);
      if (r.done) break;
      expect(r.stoppedIn).not.toBeNull();
      expect(calls).toBeLessThan(1000);
    }
    expect(calls).toBeGreaterThan(1);
    expect(total).toBe(old);
    const after = await all(db);
    for (const [name, docs] of seeded) if (name !== 'migrations') expect([name, after.get(name)]).toEqual([name, docs]);
  });

  it('upgrades lazily on read: a repository reading an old document gets the entity and writes the upgrade back', async () => {
    const db = h.deps.db;
    const raw = (await db.get<Doc>('stations', 'st-agri-heshan'))!;
    const entity = await h.deps.store.org.station('st-agri-heshan');
    const { [VERSION_FIELD]: _v, ...old } = raw;
    await db.put('stations', old as Doc);
    expect(await db.get<Doc>('stations', 'st-agri-heshan')).not.toHaveProperty(VERSION_FIELD);
    expect(await h.deps.store.org.station('st-agri-heshan')).toEqual(entity);
    expect(await db.get<Doc>('stations', 'st-agri-heshan')).toEqual(raw);
    // and through a query
    await db.put('stations', old as Doc);
    const listed = (await h.deps.store.org.stations()).find((s) => s.id === 'st-agri-heshan');
    expect(listed).toEqual(entity);
    expect(await db.get<Doc>('stations', 'st-agri-heshan')).toEqual(raw);
  });
});

describe('upgradeDoc (pure)', () => {
  it('leaves a current or newer document alone and adds the version to an old one', () => {
    expect(upgradeDoc('persons', { _id: 'a', [VERSION_FIELD]: 1 })).toBeNull();
    expect(upgradeDoc('stations', { _id: 'a', [VERSION_FIELD]: 2 })).toBeNull();
    expect(upgradeDoc('stations', { _id: 'a', [VERSION_FIELD]: 7 })).toBeNull();
    const up = upgradeDoc('persons', { _id: 'a', name: 'x' })!;
    expect(up.doc).toEqual({ _id: 'a', name: 'x', [VERSION_FIELD]: 1 });
    expect(up.applied.map((m) => m.id)).toEqual(['persons:v0-v1']);
    const station = upgradeDoc('stations', { _id: 'a', name: 'x' })!;
    expect(station.doc).toEqual({ _id: 'a', name: 'x', [VERSION_FIELD]: 2 });
    expect(station.applied.map((m) => m.id)).toEqual(['stations:v0-v1', 'stations:v1-v2']);
  });
  it('every collection of the registry has its v0 → v1 migration, and its versions follow one another', () => {
    for (const { name } of collections) {
      const steps = migrationsOf(name).map((m) => [m.from, m.to]);
      expect([name, steps[0]]).toEqual([name, [0, 1]]);
      expect([name, steps]).toEqual([name, steps.map((_, i) => [i, i + 1])]);
      expect([name, currentVersion(name)]).toEqual([name, steps.length]);
    }
    expect(['stations', 'bindings', 'invites'].map(currentVersion)).toEqual([2, 2, 2]);
  });
  it('v1 → v2 (issue 14): a version-1 station, binding and invite of the old shape are valid at version 2 unchanged', async () => {
    const db = h.deps.db;
    for (const [coll, id] of [
      ['stations', 'st-agri-heshan'],
      ['bindings', (await db.find<Doc>('bindings', {}, { limit: 1 }))[0]!._id],
      ['invites', (await db.find<Doc>('invites', {}, { limit: 1 }))[0]?._id],
    ] as const) {
      if (!id) continue;
      const raw = (await db.get<Doc>(coll, id))!;
      const { [VERSION_FIELD]: _v, ...rest } = raw;
      expect(_v).toBe(2);
      const up = upgradeDoc(coll, { ...rest, [VERSION_FIELD]: 1 })!;
      expect(up.applied.map((m) => m.id)).toEqual([`${coll}:v1-v2`]);
      expect(up.doc).toEqual(raw);
    }
    // read lazily through the repository: a version-1 station comes back as the same entity and is written at version 2
    const raw = (await db.get<Doc>('stations', 'st-agri-heshan'))!;
    const entity = await h.deps.store.org.station('st-agri-heshan');
    await db.put('stations', { ...raw, [VERSION_FIELD]: 1 });
    expect(await h.deps.store.org.station('st-agri-heshan')).toEqual(entity);
    expect(await db.get<Doc>('stations', 'st-agri-heshan')).toEqual(raw);
  });
});
