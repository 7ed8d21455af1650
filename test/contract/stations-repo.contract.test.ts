import type { Db } from '../../cloudfunctions/_kernel/db/port';
import { createStore, type Store } from '../../cloudfunctions/_kernel/store';
import { once } from '../../cloudfunctions/_kernel/store/idempotency';
import { type StationCtx, settingsFor } from '../../cloudfunctions/_kernel/store/stations';
import { inTx } from '../../cloudfunctions/_kernel/store/tx';
import { demoStations } from '../../local/demo/org';
import { addDays } from '../../shared/calendar';
import { AppError } from '../../shared/errors';
import { sumContributions } from '../../shared/rules/assessment/tally';
import type { RecordStatus, StationRecord } from '../../shared/schemas/records';
import { adapterSubjects } from '../support/adapters';

/**
 * The stations repository (records, day locks, tallies) on both Store adapters: the local default
 * (SQLite) and the cloud adapter over the in-process wx-server-sdk database stand-in (a TEST DOUBLE;
 * tests never call the real SDK). Whatever the handlers rely on must hold on both.
 */
const subjects = adapterSubjects;

const NOW = Date.parse('2026-11-20T10:00:00+08:00');
const agri = demoStations[0]!; // plaque 2025-12-26 (plaque-mode years)
let seq = 0;
const base = (date: string, status: RecordStatus, authorId = 'p-exp-agri-1') => ({
  id: `rc-t${++seq}`,
  stationId: agri.id,
  authorId,
  date,
  status,
  note: '',
  evidence: [],
  createdAt: NOW,
  updatedAt: NOW,
  statusReason: '',
});
const day = (expertId: string, date: string, status: RecordStatus = 'pending'): StationRecord => ({
  ...base(date, status, expertId),
  kind: 'serviceDay',
  expertId,
  backfilled: false,
  checkIn: null,
});
const training = (date: string, trainees: number, status: RecordStatus = 'pending'): StationRecord => ({
  ...base(date, status),
  kind: 'training',
  topic: '培训',
  place: '站内',
  trainees,
});
const agreement = (date: string, percent: number, status: RecordStatus = 'pending'): StationRecord => ({
  ...base(date, status, 'p-sec-agri'),
  kind: 'agreement',
  percent,
});

describe.each(subjects)('stations repository contract — $name', (subject) => {
  let db: Db;
  let store: Store;
  let dispose: () => Promise<void>;
  const sc: StationCtx = { station: agri, settings: settingsFor(agri) };
  const ev = (action = 'record.create') => ({ actorId: 'p-exp-agri-1', action, reason: '', now: NOW });
  const create = (r: StationRecord) => inTx(db, (tx) => store.stations.writeRecord(tx, null, r, sc, ev()));
  const update = (before: StationRecord, after: StationRecord) =>
    inTx(db, (tx) => store.stations.writeRecord(tx, before, after, sc, ev('record.update')));
  const counters = async (k = 1) => (await store.stations.tally(agri.id, k))?.counters ?? {};

  beforeEach(async () => {
    ({ db, dispose } = subject.open());
    store = createStore(db);
    await store.org.putStation(agri);
  });
  afterEach(async () => {
    await dispose();
  });

  it('a create writes the record, the day lock, the tally and the audit event together', async () => {
    const r = day('p-exp-agri-1', '2026-11-19');
    await create(r);
    expect(await store.stations.getRecord(r.id)).toEqual(r);
    expect(await store.stations.dayLock('p-exp-agri-1', '2026-11-19')).toEqual({
      id: 'p-exp-agri-1:2026-11-19',
      expertId: 'p-exp-agri-1',
      date: '2026-11-19',
      recordId: r.id,
      stationId: agri.id,
    });
    expect(await store.stations.tally(agri.id, 1)).toMatchObject({
      id: `${agri.id}:1`,
      stationId: agri.id,
      castUnitId: agri.castUnitId,
      yearIndex: 1,
      counters: { 'days|1|4|p-exp-agri-1': { all: 1, verified: 0 } },
      agreement: { all: 0, verified: 0 },
      updatedAt: NOW,
    });
    expect(await store.audit.forEntity('record', r.id)).toEqual([
      expect.objectContaining({ action: 'record.create', before: null, after: r }),
    ]);
  });

  it('a second day for the same expert and date fails with the existing entry named, and writes nothing', async () => {
    const first = day('p-exp-agri-1', '2026-11-19');
    await create(first);
    const second = day('p-exp-agri-1', '2026-11-19');
    const err = await create(second).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).toBody()).toMatchObject({
      code: 'STATION.DAY_ALREADY_LOGGED',
      details: { date: '2026-11-19', stationId: agri.id, stationName: agri.name, recordId: first.id, status: 'pending' },
    });
    expect(await store.stations.getRecord(second.id)).toBeNull();
    expect(await counters()).toEqual({ 'days|1|4|p-exp-agri-1': { all: 1, verified: 0 } });
    expect(await store.audit.forEntity('record', second.id)).toEqual([]);
  });

  it('confirm, withdraw and re-log: verified counts, the lock is released, nothing is deleted', async () => {
    const r = day('p-exp-agri-1', '2026-11-19');
    await create(r);
    const confirmed = { ...r, status: 'confirmed' as const };
    await update(r, confirmed);
    expect(await counters()).toEqual({ 'days|1|4|p-exp-agri-1': { all: 1, verified: 1 } });
    const withdrawn = { ...confirmed, status: 'withdrawn' as const };
    await update(confirmed, withdrawn);
    expect(await counters()).toEqual({});
    expect(await store.stations.dayLock('p-exp-agri-1', '2026-11-19')).toBeNull();
    expect(await store.stations.getRecord(r.id)).toMatchObject({ status: 'withdrawn' });
    const again = day('p-exp-agri-1', '2026-11-19');
    await create(again);
    expect(await store.stations.dayLock('p-exp-agri-1', '2026-11-19')).toMatchObject({ recordId: again.id });
    expect((await store.audit.forEntity('record', r.id)).map((e) => e.action)).toEqual(['record.create', 'record.update', 'record.update']);
  });

  it('concurrent writes of different days all land in the tally (the transaction serialises the counter)', async () => {
    const days = Array.from({ length: 8 }, (_, i) => day(`p-exp-agri-${(i % 5) + 1}`, addDays('2026-11-01', i)));
    await Promise.all(days.map(create));
    const c = await counters();
    const total = Object.values(c).reduce((s, x) => s + x.all, 0);
    expect(total).toBe(8);
    expect(c).toEqual(sumContributions(days, agri, sc.settings));
  });

  it('concurrent writes of the SAME expert-day: exactly one succeeds, the others are refused', async () => {
    const tries = Array.from({ length: 8 }, () => day('p-exp-agri-2', '2026-11-19'));
    const results = await Promise.allSettled(tries.map(create));
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as AppError).code).toBe('STATION.DAY_ALREADY_LOGGED');
    expect(await db.count('records', { expertId: 'p-exp-agri-2' })).toBe(1);
    expect(await counters()).toEqual({ 'days|1|4|p-exp-agri-2': { all: 1, verified: 0 } });
  });

  it('one request id sent 20 times concurrently through once() leaves one record', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        once(db, 'stations:o1:req-same-1', NOW, async (tx) => {
          const r = training('2026-11-10', 60 + i);
          await store.stations.writeRecord(tx, null, r, sc, ev());
          return r.id;
        }),
      ),
    );
    expect(new Set(results).size).toBe(1);
    expect(await db.count('records', { kind: 'training' })).toBe(1);
    expect(await counters()).toEqual({ 'trainings|1|-|-': { all: 1, verified: 0 }, 'qualifyingTrainings|1|-|-': { all: 1, verified: 0 } });
  });

  it('agreement progress is cumulative across years and follows disputes and withdrawals', async () => {
    const a40 = agreement('2026-06-30', 40, 'confirmed');
    await create(a40);
    expect((await store.stations.tally(agri.id, 1))?.agreement).toEqual({ all: 40, verified: 40 });
    // Year 2 of the agri station starts on 2026-12-26: move "now" there and log a day; its new tally carries 40.
    const later = Date.parse('2027-01-05T10:00:00+08:00');
    const d2 = day('p-exp-agri-1', '2027-01-04');
    await inTx(db, (tx) => store.stations.writeRecord(tx, null, d2, sc, { ...ev(), now: later }));
    expect((await store.stations.tally(agri.id, 2))?.agreement).toEqual({ all: 40, verified: 40 });
    // A higher year-1 report raises both years; withdrawing it lowers both again.
    const a60 = agreement('2026-12-20', 60);
    await inTx(db, (tx) => store.stations.writeRecord(tx, null, a60, sc, { ...ev(), now: later }));
    expect((await store.stations.tally(agri.id, 1))?.agreement).toEqual({ all: 60, verified: 40 });
    expect((await store.stations.tally(agri.id, 2))?.agreement).toEqual({ all: 60, verified: 40 });
    await inTx(db, (tx) => store.stations.writeRecord(tx, a60, { ...a60, status: 'disputed' }, sc, { ...ev(), now: later }));
    expect((await store.stations.tally(agri.id, 1))?.agreement).toEqual({ all: 40, verified: 40 });
    expect((await store.stations.tally(agri.id, 2))?.agreement).toEqual({ all: 40, verified: 40 });
  });

  it('talliesFor gives every asked station a tally, carrying agreement into a year with no record yet', async () => {
    await create(agreement('2026-06-30', 50, 'confirmed'));
    await create(training('2026-11-10', 55));
    const m = await store.stations.talliesFor([agri.id, 'st-none'], 2);
    expect(m.get(agri.id)).toMatchObject({ yearIndex: 2, counters: {}, agreement: { all: 50, verified: 50 } });
    expect(m.get('st-none')).toMatchObject({ yearIndex: 2, counters: {}, agreement: { all: 0, verified: 0 } });
    const y1 = await store.stations.talliesFor([agri.id], 1);
    expect(y1.get(agri.id)?.counters).toEqual({
      'trainings|1|-|-': { all: 1, verified: 0 },
      'qualifyingTrainings|1|-|-': { all: 1, verified: 0 },
    });
  });

  it('listRecords pages newest first with a total; daysOfExpert spans stations', async () => {
    const rs = ['2026-11-01', '2026-11-03', '2026-11-02'].map((d) => day('p-exp-agri-3', d));
    for (const r of rs) await create(r);
    await create(training('2026-11-04', 10));
    const page = await store.stations.listRecords({ stationId: agri.id, kind: 'serviceDay' }, { limit: 2 });
    expect(page.total).toBe(3);
    expect(page.records.map((r) => r.date)).toEqual(['2026-11-03', '2026-11-02']);
    const next = await store.stations.listRecords({ stationId: agri.id, kind: 'serviceDay' }, { limit: 2, skip: 2 });
    expect(next.records.map((r) => r.date)).toEqual(['2026-11-01']);
    expect((await store.stations.daysOfExpert('p-exp-agri-3')).map((r) => r.date)).toEqual(['2026-11-03', '2026-11-02', '2026-11-01']);
  });

  it('rebuildTallies recounts more than one page (1 050 records) to exactly the incremental tallies', async () => {
    const records: StationRecord[] = [];
    for (let i = 0; i < 1050; i++) {
      const status: RecordStatus = (['pending', 'confirmed', 'disputed', 'withdrawn'] as const)[i % 4]!;
      records.push(
        i % 3 === 0
          ? day(`p-x-${i}`, addDays('2026-01-01', i % 300), status)
          : training(addDays('2026-01-01', i % 300), 30 + (i % 40), status),
      );
    }
    // Written in transactions of 50 (the incremental path), then recounted from scratch.
    for (let i = 0; i < records.length; i += 50) {
      await inTx(db, async (tx) => {
        for (const r of records.slice(i, i + 50)) await store.stations.writeRecord(tx, null, r, sc, ev());
      });
    }
    const incremental = await counters();
    expect(incremental).toEqual(sumContributions(records, agri, sc.settings));
    // Damage the stored tally, then repair it.
    const broken = (await store.stations.tally(agri.id, 1))!;
    const { id: brokenId, ...brokenRest } = broken;
    await db.put('stationTallies', { _id: brokenId, ...brokenRest, counters: {} });
    const rebuilt = await store.stations.rebuildTallies(agri.id, NOW);
    expect(rebuilt.find((d) => d.yearIndex === 1)?.counters).toEqual(incremental);
    expect(await counters()).toEqual(incremental);
  }, 60_000);
});
