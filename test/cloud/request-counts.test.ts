import { openidOf, Tier } from './tier';

/**
 * Requests per action through the REAL wx-server-sdk against the fake CloudBase service (issue 12,
 * "What to build" 2). Every database request is a network round trip in the cloud, each operation
 * inside a transaction too, so these are COUNTS, asserted (not timings).
 *
 * stations.logServiceDay (a day without a location, first try) — what each request is for:
 *   outside the transaction
 *     1 bindings where(openid)        who the caller is (router; revocations take effect at once)
 *     2 stations doc(id).get          team membership, plaque date, backfill window, settings
 *     3 persons doc(id).get           the author's name in the answer (stored as the request's result)
 *       (hostUnits doc(id).get        only when a location is sent: the check-in radius)
 *   one transaction (8)
 *     4 startTransaction
 *     5 dayLocks add (create-only)    the one-day-per-expert rule: a taken day fails here (E11000)
 *     6 records add (create-only)     the record, a fresh id
 *     7 stationTallies doc.get        the station-year tally the dashboard reads …
 *     8 stationTallies doc.set        … plus this record's contribution
 *     9 audit add (create-only)       who/when/what, fresh id
 *    10 requests add (create-only)    the idempotency key, in the same transaction as the write: a
 *                                     duplicate fails the transaction, then the stored result is read
 *    11 commitTransaction
 * Before: 20 (5 outside + 15 inside); then 12 (the request doc read before the checks, for replays).
 * Now the replay read happens only when something failed (stations/actions/log.ts optimisticOnce): a
 * retry pays for it, a first try does not. Not reached: the issue's target of 8 in all. The three left
 * to cut need the document port's help (outside this change): the tally as one `_.inc` update instead of
 * get + set (−1), the author's name carried by the caller's binding instead of a persons read (−1), and the
 * request key folded into the audit event (−1).
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
  test('one day: 11 database requests, 8 of them in ONE transaction (was 20, 15 in it; then 12)', async () => {
    const from = tier.fake.requests.length;
    const r = await tier.call('stations', 'logServiceDay', { requestId: rid(), stationId: AGRI, date: today }, EXPERT);
    expect(r.error).toBeUndefined();
    const wire = wireOfLastCall(from);
    expect(lastCall()).toMatchObject({ label: 'stations.logServiceDay', transactions: 1 });
    const inTx = wire.filter((w) => w.endsWith('(tx)') || w.startsWith('startTransaction') || w.startsWith('commitTransaction'));
    report.push(`stations.logServiceDay: ${wire.length} requests, ${inTx.length} in one transaction:\n  ${wire.join('\n  ')}`);
    expect(inTx.length).toBeLessThanOrEqual(8);
    // 11, + 1 on an instance's first call: the list of installed programme definitions, read by the
    // router for every action and kept 30 s by a warm instance (_kernel/definitions.ts; the next test
    // checks that a warm call does not read it again)
    expect(wire.filter((w) => w === 'getDocument programmeDefinitions').length).toBeLessThanOrEqual(1);
    expect(lastCall().requests).toBeLessThanOrEqual(12);
    // no read before a create inside the transaction, and no replay read on a first try
    expect(wire.filter((w) => w.startsWith('getDocument dayLocks'))).toEqual([]);
    expect(wire.filter((w) => w.startsWith('getDocument requests'))).toEqual([]);
  });

  test('the guarantees hold with create-only inserts: a retried id replays, a second day is refused naming the first', async () => {
    const key = rid();
    const date = new Date(tier.now + 8 * 3600_000 - 86400_000).toISOString().slice(0, 10);
    const from = tier.fake.requests.length;
    const first = await tier.call('stations', 'logServiceDay', { requestId: key, stationId: AGRI, date }, EXPERT);
    expect(first.error).toBeUndefined();
    // a warm instance: the 11 of the budget, the installed definitions not read again
    expect(wireOfLastCall(from)).not.toContain('getDocument programmeDefinitions');
    expect(lastCall().requests).toBeLessThanOrEqual(11);
    const auditBefore = tier.fake.all('audit').length;
    const again = await tier.call('stations', 'logServiceDay', { requestId: key, stationId: AGRI, date }, EXPERT);
    expect(again).toEqual(first);
    // the retry's transaction failed at the day lock the first attempt holds; nothing of it was written
    expect(tier.fake.all('audit').length).toBe(auditBefore);
    const other = await tier.call('stations', 'logServiceDay', { requestId: rid(), stationId: AGRI, date }, EXPERT);
    expect(other.error?.code).toBe('STATION.DAY_ALREADY_LOGGED');
    const firstId = (first.data as { record: { id: string } }).record.id;
    expect(other.error).toMatchObject({ details: { recordId: firstId, stationId: AGRI } });
    // the refused attempt wrote nothing: still exactly one record for that expert and date
    expect(tier.fake.all('records').filter((d) => d.expertId === 'p-exp-agri-1' && d.date === date)).toHaveLength(1);
  });
});

describe('identity.listBindings', () => {
  test('names and scope labels are read in batches: 60 more bindings cost no more requests (was one person + one unit read each)', async () => {
    const first = await tier.call('identity', 'listBindings', {}, CITY);
    expect(first.error).toBeUndefined();
    const base = lastCall().requests;
    const n0 = (first.data as unknown[]).length;
    // 60 more experts' bindings of existing people at the demo's stations, as redeemed invites would write them
    const template = tier.fake.all('bindings').find((b) => b.role === 'expert' && b.revokedAt === null)!;
    const persons = tier.fake.all('persons').map((p) => p._id);
    tier.fake.bulkInsert(
      'bindings',
      Array.from({ length: 60 }, (_, i) => ({
        ...structuredClone(template),
        _id: `bd-bulk-${String(i).padStart(3, '0')}`,
        openid: `o-bulk-${String(i).padStart(3, '0')}`,
        personId: persons[i % persons.length]!,
      })),
    );
    const from = tier.fake.requests.length;
    const more = await tier.call('identity', 'listBindings', {}, CITY);
    expect(more.error).toBeUndefined();
    expect((more.data as unknown[]).length).toBe(n0 + 60);
    const after = lastCall().requests;
    report.push(
      `identity.listBindings: ${n0} bindings → ${base} requests; ${n0 + 60} bindings → ${after} requests:\n  ${wireOfLastCall(from).join('\n  ')}`,
    );
    expect(after).toBeLessThanOrEqual(base + 1);
    expect(after).toBeLessThanOrEqual(14);
  });
});

/** Clone the demo's stations (and their tally docs) until there are `total`: documents the product wrote. */
function growStationsTo(total: number) {
  // the city's own stations: the seed's second city (岳阳, local/demo/second-city.ts) has its own, which
  // the city staff of 益阳 do not see
  const units = tier.fake.all('castUnits');
  const cityOf = (id: unknown): unknown => {
    let u = units.find((x) => x._id === id);
    while (u && u.kind !== 'city') u = units.find((x) => x._id === u!.parentId);
    return u?._id;
  };
  const template = tier.fake.all('stations').find((s) => s._id === AGRI)!;
  const city = cityOf(template.castUnitId);
  const ours = () => tier.fake.all('stations').filter((s) => cityOf(s.castUnitId) === city);
  const stations = ours();
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
  return ours();
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
    const from = tier.fake.requests.length;
    const r = await tier.call('reports', 'dashboard', { limit: 50 }, CITY);
    expect(r.error).toBeUndefined();
    const wire = wireOfLastCall(from);
    expect((r.data as { total: number }).total).toBe(size);
    const requests = lastCall().requests;
    dash[size] = requests;
    const naive = countPerExpert(stations);
    report.push(
      `reports.dashboard at ${size} stations: ${requests} requests; one count() per expert per period: ${naive} requests — ${(naive / requests).toFixed(0)}× as many`,
    );
    expect(lastCall().transactions).toBe(0);
    // 6 at a small city: the 5 reads the page needed before and, since issue 15 names the experts who are behind, one batched read of their names for the page shown —
    // growth stays with the number of stations / page size, never with experts or records.
    // Since issue 13/16, + 2 whatever the size: the stored holiday years (the merged calendar the working-day
    // counts need) and, on an instance's first call, the installed programme definitions (router; kept 30 s).
    expect(wire.filter((w) => w === 'getDocument holidayYears')).toHaveLength(1);
    expect(wire.filter((w) => w === 'getDocument programmeDefinitions').length).toBeLessThanOrEqual(1);
    if (size === 10) expect(requests).toBeLessThanOrEqual(8);
    else expect(requests - dash[10]!).toBeLessThanOrEqual(5 * Math.ceil(size / 1000));
  });
});

/**
 * Finding 7: an export above the SDK's 1 MB answer limit. The function stores the workbook, answers with a
 * temporary URL it signed (storage.batchGetDownloadUrl through the real SDK) and no inline copy, and the URL
 * serves the bytes — the user never needs `downloadFile` by fileID, which the storage rule refuses for a
 * function's upload. Before: the bytes came back inline as base64 up to 2 MB.
 */
describe('a > 1 MB export is handed over by temporary URL', () => {
  test('reports.exportStation with 900 problem records of long, varied text', async () => {
    const logged = await tier.call(
      'stations',
      'logProblem',
      {
        requestId: rid(),
        stationId: AGRI,
        date: today,
        enterprise: '赫山区某米业公司',
        problem: '烘干后碎米率高',
        outcome: '调整烘干温度曲线',
      },
      EXPERT,
    );
    expect(logged.error).toBeUndefined();
    const template = tier.fake.doc('records', (logged.data as { record: { id: string } }).record.id)!;
    // varied Chinese text (a fixed pseudo-random sequence) compresses little, as real notes do
    let seed = 12345;
    const text = (n: number) =>
      Array.from({ length: n }, () => {
        seed = (seed * 48271) % 2147483647; // Park–Miller: exact in doubles
        return String.fromCharCode(0x4e00 + (seed % 3000));
      }).join('');
    tier.fake.bulkInsert(
      'records',
      Array.from({ length: 900 }, (_, i) => ({
        ...structuredClone(template),
        _id: `rc-bulk-export-${String(i).padStart(5, '0')}`,
        problem: text(480),
        outcome: text(480),
      })),
    );
    const from = tier.fake.requests.length;
    const r = await tier.call('reports', 'exportStation', { stationId: AGRI }, CITY);
    expect(r.error).toBeUndefined();
    const out = r.data as { file: { fileId: string; size: number }; url: string | null; expiresAt: number | null; base64: string | null };
    const stored = tier.fake.file(out.file.fileId)!;
    expect(stored.length).toBe(out.file.size);
    expect(out.file.size).toBeGreaterThan(1024 * 1024);
    // no inline copy: the whole answer stays far below the 1 MB limit
    expect(out.base64).toBeNull();
    expect(JSON.stringify(r).length).toBeLessThan(64 * 1024);
    // the function asked storage for a temporary URL (maxAge 1 h) …
    const asked = tier.fake.requests.slice(from).filter((q) => q.action === 'storage.batchGetDownloadUrl');
    expect(asked.map((q) => q.body.file_list)).toEqual([[{ fileid: out.file.fileId, max_age: 3600 }]]);
    expect(out.expiresAt).toBeGreaterThan(tier.now);
    // … and the URL serves exactly the stored bytes (what the app downloads)
    const res = await fetch(out.url!);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(stored)).toBe(true);
    report.push(
      `reports.exportStation (900 long records): ${(out.file.size / 1024 / 1024).toFixed(2)} MB by temporary URL, answer ${JSON.stringify(r).length} bytes`,
    );
  });
});
