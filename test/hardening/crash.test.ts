import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { openSqliteDb } from '../../cloudfunctions/_kernel/db/sqlite';
import { settingsFor, type TallyDoc } from '../../cloudfunctions/_kernel/store/stations';
import { sumContributions } from '../../shared/rules/assessment';
import type { Station } from '../../shared/schemas/org';
import type { StationRecord } from '../../shared/schemas/records';
import { callApi, type HostHandle, startHost } from '../support/e2e';

/**
 * Crash safety: SIGKILL the local host in the middle of a burst of writes, restart it on the same
 * data, and show that every write acknowledged before the kill is present, none is half-applied
 * (the tallies equal a recount from the records; every service day has its lock) and SQLite's
 * integrity check passes. (WAL with synchronous=NORMAL: a committed transaction survives the death
 * of the process; only a power cut may lose the last ones, which is the documented trade-off.)
 */
const START = '2026-11-20T10:00:00+08:00';
const teams: Record<string, string[]> = {
  'st-agri-heshan': [1, 2, 3, 4, 5].map((i) => `p-exp-agri-${i}`),
  'st-tea-taojiang': [1, 2, 3, 4, 5].map((i) => `p-exp-tea-${i}`),
};
const rid = () => randomBytes(12).toString('hex');

let host: HostHandle | null = null;
afterAll(async () => {
  await host?.stop('SIGKILL');
});

it('every write acknowledged before a SIGKILL is present after restart, nothing half-applied, integrity ok', async () => {
  host = await startHost({ startTime: START });
  const { baseUrl, dataDir } = host;
  const acknowledged = new Map<string, string>(); // record id → what it was
  let sent = 0;
  let failedAfterKill = 0;
  let killed = false;

  // The work: trainings (no uniqueness limit) and service days (one per expert per date) by 10 experts.
  const jobs: Array<() => Promise<void>> = [];
  for (const [stationId, experts] of Object.entries(teams)) {
    for (const expert of experts) {
      for (let i = 0; i < 40; i++) {
        jobs.push(async () => {
          const a = await callApi(
            baseUrl,
            'stations',
            'logTraining',
            { requestId: rid(), stationId, date: '2026-11-18', topic: `培训 ${i}`, place: '服务站', trainees: 30 + i },
            expert,
          );
          if (a.ok) acknowledged.set(a.data.record.id, `training ${expert} ${i}`);
        });
      }
      for (let d = 1; d <= 19; d++) {
        const date = `2026-11-${String(d).padStart(2, '0')}`;
        jobs.push(async () => {
          const a = await callApi(baseUrl, 'stations', 'logServiceDay', { requestId: rid(), stationId, date }, expert);
          if (a.ok) acknowledged.set(a.data.record.id, `day ${expert} ${date}`);
        });
      }
    }
  }
  // 8 writers in flight; the host is killed after ~40 % of the burst has been sent.
  const killAt = Math.floor(jobs.length * 0.4);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      sent++;
      if (sent === killAt && !killed) {
        killed = true;
        void host!.stop('SIGKILL');
      }
      try {
        await job();
      } catch {
        failedAfterKill++; // connection refused / reset: never acknowledged
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  expect(killed).toBe(true);
  expect(acknowledged.size).toBeGreaterThan(50);
  expect(failedAfterKill).toBeGreaterThan(0);

  // Restart on the same data directory: it must start (migrations idempotent, no reseed clobbering).
  host = await startHost({ startTime: START, dataDir });
  // the host answers (its health probe is cheap: SQLite's integrity check runs on the file below)
  const health = await (await fetch(`${host.baseUrl}/api/_local/health`)).json();
  expect(health.ok).toBe(true);
  await host.stop();
  host = null;

  // Inspect the file directly.
  const db = openSqliteDb({ file: join(dataDir, 'kexie.sqlite') });
  try {
    expect(db.integrityCheck()).toBe('ok');
    const found = new Set<string>();
    for (const id of acknowledged.keys()) if (await db.get('records', id)) found.add(id);
    const missing = [...acknowledged.keys()].filter((id) => !found.has(id));
    console.log(
      `crash test: ${sent} writes sent, ${acknowledged.size} acknowledged before the kill, ${found.size} found after restart, ${missing.length} missing`,
    );
    expect(missing).toEqual([]);

    for (const stationId of Object.keys(teams)) {
      const records: StationRecord[] = [];
      for (let skip = 0; ; skip += 1000) {
        const page = await db.find<{ _id: string } & Omit<StationRecord, 'id'>>('records', { stationId }, { limit: 1000, skip });
        records.push(...page.map(({ _id, ...r }) => ({ id: _id, ...r }) as StationRecord));
        if (page.length < 1000) break;
      }
      const st = (await db.get<{ _id: string } & Station>('stations', stationId))!;
      const recount = sumContributions(records, { plaqueDate: st.plaqueDate, expertIds: st.expertIds }, settingsFor(st));
      const tallies = await db.find<{ _id: string } & Omit<TallyDoc, 'id'>>('stationTallies', { stationId }, { limit: 100 });
      const stored: Record<string, { all: number; verified: number }> = {};
      for (const t of tallies) for (const [k, v] of Object.entries(t.counters)) if (v.all || v.verified) stored[k] = v;
      const nonZero = Object.fromEntries(Object.entries(recount).filter(([, v]) => v.all || v.verified));
      expect(stored).toEqual(nonZero);
      // every live service day holds its lock, and every lock points at a live day
      for (const r of records.filter((x) => x.kind === 'serviceDay' && x.status !== 'withdrawn')) {
        const lock = await db.get<{ _id: string; recordId: string }>('dayLocks', `${(r as { expertId: string }).expertId}:${r.date}`);
        expect(lock?.recordId).toBe(r.id);
      }
    }
  } finally {
    await db.close();
  }
}, 120_000);
