import { nationalProfile, orgOf, type Profile, recordsOf, talliesOf, toDoc } from '../../bench/generate';
import type { Db } from '../../cloudfunctions/_kernel/db/port';
import { currentVersion, VERSION_FIELD } from '../../cloudfunctions/_kernel/migrations';
import type { Deps } from '../../cloudfunctions/_kernel/ports';
import { createStore } from '../../cloudfunctions/_kernel/store';
import { reports } from '../../cloudfunctions/reports/function';
import { chinaDayStart } from '../../shared/calendar';
import { adapterSubjects } from '../support/adapters';

/**
 * The dashboard's cost in database round trips, on both adapters: the SQLite default and the cloud
 * adapter over the in-process wx-server-sdk stand-in (a TEST DOUBLE, with the product's collections
 * and the cloud's 1 MB result limit). Reading N stations costs a fixed handful of queries plus one
 * per page (stations 500 a page, tally docs 250 a query, societies 1000 a query) — never one per
 * station, never a query on `records`, and the same however many records the stations hold.
 */
interface Spy {
  db: Db;
  finds: string[];
  gets: string[];
}
function spy(db: Db): Spy {
  const finds: string[] = [];
  const gets: string[] = [];
  const wrapped: Db = {
    get: (c, id) => {
      gets.push(c);
      return db.get(c, id);
    },
    insert: (c, d) => db.insert(c, d),
    put: (c, d) => db.put(c, d),
    remove: (c, id) => db.remove(c, id),
    tx: (fn) => db.tx(fn),
    find: (c, w, o) => {
      finds.push(c);
      return db.find(c, w, o);
    },
    count: (c, w) => db.count(c, w),
    get roundTrips() {
      return db.roundTrips;
    },
    close: () => db.close(),
  };
  return { db: wrapped, finds, gets };
}

const adapters = adapterSubjects;

/**
 * Seeded as the product stores them: at their collection's schema version (`_v`, issue 13 item 8). A
 * document older than that is upgraded and written back when first read (store/collection.ts) — a
 * one-off cost after a deploy that the migration runner takes ahead of the users — not the dashboard's.
 */
function current(db: Db): Pick<Db, 'put'> {
  return { put: (c, d) => db.put(c, { ...d, [VERSION_FIELD]: currentVersion(c) }) };
}

async function seed(raw: Db, p: Profile, scale: number) {
  const db = current(raw);
  const org = orgOf(p);
  const now = chinaDayStart(p.today) + 10 * 3600_000;
  for (const u of org.castUnits) await db.put('castUnits', toDoc(u));
  for (const s of org.societies) await db.put('societies', toDoc(s));
  await db.put('bindings', toDoc(org.staffBinding));
  await db.put(
    'bindings',
    toDoc({
      ...org.staffBinding,
      id: 'bd-county',
      openid: 'o-county',
      role: 'countyStaff',
      scope: { ...org.staffBinding.scope, castUnitId: 'cast-c00' },
    }),
  );
  for (const [i, s] of org.stations.entries()) {
    await db.put('stations', toDoc(s));
    for (const t of talliesOf(s, recordsOf(p, s, i, scale), now)) await db.put('stationTallies', t);
  }
  return now;
}

function depsOf(db: Db, now: number): Deps {
  const unused = () => {
    throw new Error('not used by the dashboard');
  };
  return {
    store: createStore(db),
    clock: { now: () => now },
    files: { put: unused, read: unused, exists: unused, tempUrl: unused },
    contentCheck: { check: unused },
    notifier: { send: unused },
    log: { error: () => undefined, info: () => undefined },
  };
}

async function dashboardCost(db: Db, now: number, openid = 'o-bench-staff') {
  const s = spy(db);
  const before = db.roundTrips;
  const answer = (await reports({ action: 'dashboard', data: { limit: 200 } }, openid, depsOf(s.db, now))) as { ok: boolean; data: any };
  // once each per call, whatever the size: the installed programme definitions (the router, for every
  // action; kept 30 s by a warm instance, so this is a cold instance's cost) and the stored holiday
  // years (the merged calendar the working-day counts need)
  expect(s.finds.filter((c) => c === 'programmeDefinitions').length).toBeLessThanOrEqual(1);
  expect(s.finds.filter((c) => c === 'holidayYears').length).toBeLessThanOrEqual(1);
  return { answer, roundTrips: db.roundTrips - before, finds: s.finds, gets: s.gets };
}

const profile = (stations: number): Profile => ({ ...nationalProfile, stations, daysPerQuarter: 3 });

describe.each(adapters)('reports.dashboard on $name', ({ open }) => {
  it('reads 1,200 stations in a dozen round trips and never touches records', async () => {
    const { db, dispose } = open();
    try {
      const now = await seed(db, profile(1200), 1);
      const { answer, roundTrips, finds, gets } = await dashboardCost(db, now);
      expect(answer.ok).toBe(true);
      expect(answer.data.counts.all).toBe(1200);
      // bindings 1 + castUnits 1 + stations ⌈1200/500⌉ = 3 + tallies ⌈1200/250⌉ = 5 + societies ⌈1200/1000⌉ = 2
      // + at most 1: the names of the experts behind on the answered page (≤ 200 rows, one batched read)
      // + programmeDefinitions 1 (router; a cold instance) + holidayYears 1 (the holiday calendar)
      expect(roundTrips).toBeLessThanOrEqual(15);
      expect(finds).not.toContain('records');
      expect(gets).not.toContain('records');
      expect(gets).toEqual([]); // no per-station document reads either
    } finally {
      await dispose();
    }
  }, 120_000);
  it('costs the same round trips whatever the number of records; a small city costs a handful', async () => {
    const few = open();
    const many = open();
    const small = open();
    try {
      const a = await dashboardCost(few.db, await seed(few.db, profile(300), 0.3));
      const b = await dashboardCost(many.db, await seed(many.db, profile(300), 3));
      // the same reads, plus one batched read of the names of experts behind on the page when there are any
      expect(Math.abs(a.roundTrips - b.roundTrips)).toBeLessThanOrEqual(1);
      expect(a.answer.data.counts.all).toBe(300);
      const smallNow = await seed(small.db, profile(30), 1);
      const c = await dashboardCost(small.db, smallNow);
      // a handful: bindings, castUnits, stations, tallies, societies, programmeDefinitions (a cold
      // instance), holidayYears; + at most 1 for the names of the experts behind on the page
      expect(c.roundTrips).toBeLessThanOrEqual(8);
      // a county sees only its own stations (30 stations over 14 counties: 0, 14, 28 are in county 0)
      const county = await dashboardCost(small.db, smallNow, 'o-county');
      expect(county.answer.data.rows.map((r: any) => r.stationId).sort()).toEqual(['st-00000', 'st-00014', 'st-00028']);
    } finally {
      await few.dispose();
      await many.dispose();
      await small.dispose();
    }
  }, 120_000);
});

describe('both adapters answer the same dashboard', () => {
  it('row for row', async () => {
    const answers = [];
    for (const { open } of adapters) {
      const { db, dispose } = open();
      try {
        answers.push((await dashboardCost(db, await seed(db, profile(60), 1))).answer.data);
      } finally {
        await dispose();
      }
    }
    expect(answers[0].rows.length).toBe(60);
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[0].rows[0].clauses).toHaveLength(5);
  }, 60_000);
});
