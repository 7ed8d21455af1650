import type { Db } from '../../cloudfunctions/_kernel/db/port';
import { createStore, type Store } from '../../cloudfunctions/_kernel/store';
import { findAll } from '../../cloudfunctions/_kernel/store/paging';
import { tables } from '../../cloudfunctions/_kernel/store/tables';
import type { CastUnit, RoleBinding } from '../../shared/schemas/org';
import { adapterSubjects } from '../support/adapters';

/**
 * No silent 1,000-row cap (issue 12): every "all of them" read pages through store/paging.ts. Before,
 * org listers and identity.allBindings asked for one page of 1,000 and dropped the rest. Past 2,000
 * rows on both adapters (SQLite; the cloud adapter over the in-process stand-in). The real-SDK path
 * is covered by test/cloud/request-counts.test.ts (2,000 stations through the fake service).
 */
const UNITS = 2100;
const BINDINGS = 2050;
const unit = (i: number): CastUnit => ({ id: `cu-${String(i).padStart(5, '0')}`, name: `县科协${i}`, kind: 'county', parentId: null });
const binding = (i: number): RoleBinding => ({
  id: `bd-${String(i).padStart(5, '0')}`,
  openid: `o-${i}`,
  personId: `p-${i}`,
  role: 'expert',
  scope: { stationId: 'st-1', societyId: null, hostUnitId: null, castUnitId: null },
  // createdAt runs against the id order, so the order asked for (createdAt) is the one returned
  createdAt: 10_000 - i,
  createdBy: 'p-staff',
  revokedAt: null,
  revokedBy: null,
});

describe.each(adapterSubjects)('paging past 2,000 rows — $name', (subject) => {
  let db: Db;
  let store: Store;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ db, dispose } = subject.open());
    store = createStore(db);
    for (let i = 0; i < UNITS; i++) await store.org.putCastUnit(unit(i));
    for (let i = 0; i < BINDINGS; i++) await tables.bindings.put(db, binding(i));
  }, 120_000);
  afterAll(() => dispose());

  it('org listers return every document (was 1,000), one query per 1,000', async () => {
    const before = db.roundTrips;
    const all = await store.org.castUnits();
    expect(all).toHaveLength(UNITS);
    expect(new Set(all.map((u) => u.id)).size).toBe(UNITS);
    expect(db.roundTrips - before).toBe(3);
  });

  it('identity.allBindings returns every binding in createdAt order (was 1,000)', async () => {
    const all = await store.identity.allBindings();
    expect(all).toHaveLength(BINDINGS);
    expect(all.map((b) => b.createdAt)).toEqual([...all.map((b) => b.createdAt)].sort((a, b) => a - b));
  });

  it('findAll: an exact multiple of the page ends with one empty page; a small page size pages too', async () => {
    const before = db.roundTrips;
    expect(await findAll(db, tables.castUnits, {}, { pageSize: 700 })).toHaveLength(UNITS); // 700 × 3 = 2,100, then an empty page
    expect(db.roundTrips - before).toBe(4);
  });
});
