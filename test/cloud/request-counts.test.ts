import { openidOf, Tier } from './tier';

/**
 * Requests per action through the REAL wx-server-sdk against the fake CloudBase service (issue 12,
 * "What to build" 2). Every database request is a network round trip in the cloud, each operation
 * inside a transaction too, so these are COUNTS, asserted (not timings).
 *
 * stations.logServiceDay (a day without a location, first try) — what each request is for:
 *   outside the transaction
 *     1 bindings where(openid)        who the caller is (router; revocations take effect at once)
 *     2 requests doc(key).get         replay: a retried request id gets its first answer before any check
 *     3 stations doc(id).get          team membership, plaque date, backfill window, settings
 *     4 persons doc(id).get           the author's name in the answer (stored as the request's result)
 *       (hostUnits doc(id).get        only when a location is sent: the check-in radius)
 *   one transaction (8)
 *     5 startTransaction
 *     6 dayLocks add (create-only)    the one-day-per-expert rule: a taken day fails here (E11000)
 *     7 records add (create-only)     the record, a fresh id
 *     8 stationTallies doc.get        the station-year tally the dashboard reads …
 *     9 stationTallies doc.set        … plus this record's contribution
 *    10 audit add (create-only)       who/when/what, fresh id
 *    11 requests add (create-only)    the idempotency key, in the same transaction as the write: a
 *                                     duplicate fails the transaction, then the stored result is read
 *    12 commitTransaction
 * Before: 20 (5 outside + 15 inside). The transaction had get-before-insert on every insert, the day
 * lock read twice, the request doc read three times in all, and the host unit read always.
 */
jest.setTimeout(300_000);

const tier = new Tier();
const EXPERT = openidOf('p-exp-agri-1');
const CITY = openidOf('p-city-staff');
const AGRI = 'st-agri-heshan';
const today = new Date(tier.now + 8 * 3600_000).toISOString().slice(0, 10);
let n = 0;
const rid = () => `counts-${String(++n).padStart(4, '0')}`;

const lastCall = () => tier.perCall.at(-1)!;
/** the database requests of the last call, as `action collection` lines, in order */
function wireOfLastCall(from: number) {
  return tier.fake.requests
    .slice(from)
    .filter((r) => r.action.startsWith('database.'))
    .map((r) => `${r.action.replace('database.', '')}${r.collection ? ` ${r.collection}` : ''}${r.transactionId ? ' (tx)' : ''}`);
}

beforeAll(async () => {
  await tier.start();
  expect(await tier.seed()).toEqual({ seeded: true });
});

const report: string[] = [];
afterAll(async () => {
  console.log(`${report.join('\n')}\nrequests per call (this suite):\n${tier.table()}`);
  await tier.stop();
});

describe('stations.logServiceDay', () => {
  test('one day: 12 database requests, 8 of them in ONE transaction (was 20, 15 in it)', async () => {
    const from = tier.fake.requests.length;
    const r = await tier.call('stations', 'logServiceDay', { requestId: rid(), stationId: AGRI, date: today }, EXPERT);
    expect(r.error).toBeUndefined();
    const wire = wireOfLastCall(from);
    expect(lastCall()).toMatchObject({ label: 'stations.logServiceDay', transactions: 1 });
    const inTx = wire.filter((w) => w.endsWith('(tx)') || w.startsWith('startTransaction') || w.startsWith('commitTransaction'));
    report.push(`stations.logServiceDay: ${wire.length} requests, ${inTx.length} in one transaction:\n  ${wire.join('\n  ')}`);
    expect(inTx.length).toBeLessThanOrEqual(8);
    expect(lastCall().requests).toBeLessThanOrEqual(12);
    // no read before a create inside the transaction
    expect(wire.filter((w) => w.startsWith('getDocument dayLocks'))).toEqual([]);
    expect(wire.filter((w) => w.startsWith('getDocument requests')).length).toBe(1);
  });

  test('the guarantees hold with create-only inserts: a retried id replays, a second day is refused naming the first', async () => {
    const key = rid();
    const date = new Date(tier.now + 8 * 3600_000 - 86400_000).toISOString().slice(0, 10);
    const first = await tier.call('stations', 'logServiceDay', { requestId: key, stationId: AGRI, date }, EXPERT);
    expect(first.error).toBeUndefined();
    const again = await tier.call('stations', 'logServiceDay', { requestId: key, stationId: AGRI, date }, EXPERT);
    expect(again).toEqual(first);
    expect(lastCall().requests).toBe(2); // bindings + the replayed request doc
    const other = await tier.call('stations', 'logServiceDay', { requestId: rid(), stationId: AGRI, date }, EXPERT);
    expect(other.error?.code).toBe('STATION.DAY_ALREADY_LOGGED');
    const firstId = (first.data as { record: { id: string } }).record.id;
    expect(other.error).toMatchObject({ details: { recordId: firstId, stationId: AGRI } });
    // the refused attempt wrote nothing: still exactly one record for that expert and date
    expect(tier.fake.all('records').filter((d) => d.expertId === 'p-exp-agri-1' && d.date === date)).toHaveLength(1);
  });
});

/** Clone the demo's stations (and their tally docs) until there are `total`: documents the product wrote. */
function growStationsTo(total: number) {
  const stations = tier.fake.all('stations');
  const template = stations.find((s) => s._id === AGRI)!;
  const tallies = tier.fake.all('stationTallies').filter((t) => t.stationId === AGRI);
  const newStations = [];
  const newTallies = [];
  for (let i = stations.length; i < total; i++) {
    const id = `st-bulk-${String(i).padStart(5, '0')}`;
    newStations.push({ ...structuredClone(template), _id: id, name: `批量服务站${i}` });
    for (const t of tallies) newTallies.push({ ...structuredClone(t), _id: `${id}:${t.yearIndex}`, stationId: id });
  }
  tier.fake.bulkInsert('stations', newStations);
  tier.fake.bulkInsert('stationTallies', newTallies);
  return tier.fake.all('stations');
}

/**
 * The common open-source approach (CCMiniCloud-style projects): the dashboard asks, for every expert
 * of every station, `where({ stationId, expertId, kind, date in period }).count()` — one request per
 * expert per period (here one period: the current quarter). Counted from the stations' teams, not run.
 */
const countPerExpert = (stations: Array<Record<string, unknown>>) =>
  stations.reduce((sum, s) => sum + (s.expertIds as unknown[]).length, 0) * 1;

describe('reports.dashboard', () => {
  const dash: Record<number, number> = {};
  test.each([10, 2000])('%i stations: requests grow with stations / page size only', async (size) => {
    const stations = growStationsTo(size);
    expect(stations).toHaveLength(size);
    const r = await tier.call('reports', 'dashboard', { limit: 50 }, CITY);
    expect(r.error).toBeUndefined();
    expect((r.data as { total: number }).total).toBe(size);
    const requests = lastCall().requests;
    dash[size] = requests;
    const naive = countPerExpert(stations);
    report.push(
      `reports.dashboard at ${size} stations: ${requests} requests; one count() per expert per period: ${naive} requests — ${(naive / requests).toFixed(0)}× as many`,
    );
    expect(lastCall().transactions).toBe(0);
    if (size === 10) expect(requests).toBeLessThanOrEqual(5);
    else expect(requests - dash[10]!).toBeLessThanOrEqual(5 * Math.ceil(size / 1000));
  });
});
