/**
 * npm run load — a bounded loopback load on the built local host (autocannon, 100 connections,
 * LOAD_SECONDS (default 30) s, a mix of writes (trainings logged by the 10 demo experts), reads
 * (my progress) and the staff dashboard). Prints throughput, p50/p99 latency, the error count
 * (must be 0) and a recount proving no acknowledged write was lost and none was written twice.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { openSqliteDb } from '../cloudfunctions/_kernel/db/sqlite';
import { startHost } from '../test/support/e2e';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 30);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 100);
const experts = [
  ...[1, 2, 3, 4, 5].map((i) => ({ personId: `p-exp-agri-${i}`, stationId: 'st-agri-heshan' })),
  ...[1, 2, 3, 4, 5].map((i) => ({ personId: `p-exp-tea-${i}`, stationId: 'st-tea-taojiang' })),
];

async function main() {
  const host = await startHost({ startTime: '2026-11-20T10:00:00+08:00' });
  /** topics of every training in the database (the load's topics carry their request id) */
  const loadTopics = async () => {
    const db = openSqliteDb({ file: join(host.dataDir, 'kexie.sqlite') });
    try {
      const rows = db.raw
        .prepare("SELECT json_extract(doc, '$.topic') AS t FROM c_records WHERE json_extract(doc, '$.kind') = 'training'")
        .all() as { t: string }[];
      return rows.map((r) => r.t).filter((t) => t.startsWith('负载测试 '));
    } finally {
      await db.close();
    }
  };
  const acked = new Set<string>();
  let writesSent = 0;
  let writesAcked = 0;
  let appErrors = 0;
  const errorCodes: Record<string, number> = {};
  const body = (_fn: string, action: string, data: unknown) => JSON.stringify({ action, data });
  const judge = (isWrite: boolean) => (status: number, resBody: string) => {
    let ok = false;
    try {
      const a = JSON.parse(resBody) as { ok: boolean; data?: { record?: { topic?: string } }; error?: { code: string } };
      ok = status === 200 && a.ok;
      if (ok && isWrite && a.data?.record?.topic) acked.add(a.data.record.topic);
      if (!ok) errorCodes[a.error?.code ?? `HTTP ${status}`] = (errorCodes[a.error?.code ?? `HTTP ${status}`] ?? 0) + 1;
    } catch {
      errorCodes[`HTTP ${status}`] = (errorCodes[`HTTP ${status}`] ?? 0) + 1;
    }
    if (!ok) appErrors++;
    else if (isWrite) writesAcked++;
  };
  let n = 0;
  const requests: autocannon.Request[] = [
    {
      method: 'POST',
      path: '/api/stations',
      setupRequest: (req) => {
        const e = experts[n++ % experts.length]!;
        const rid = randomBytes(12).toString('hex');
        writesSent++;
        return {
          ...req,
          headers: { 'content-type': 'application/json', 'x-local-openid': `local-${e.personId}` },
          body: body('stations', 'logTraining', {
            requestId: rid,
            stationId: e.stationId,
            date: '2026-11-19',
            topic: `负载测试 ${rid}`,
            place: '服务站',
            trainees: 60,
          }),
        };
      },
      onResponse: judge(true),
    },
    {
      method: 'POST',
      path: '/api/stations',
      setupRequest: (req) => {
        const e = experts[n++ % experts.length]!;
        return {
          ...req,
          headers: { 'content-type': 'application/json', 'x-local-openid': `local-${e.personId}` },
          body: body('stations', 'myProgress', { stationId: e.stationId }),
        };
      },
      onResponse: judge(false),
    },
    {
      method: 'POST',
      path: '/api/reports',
      headers: { 'content-type': 'application/json', 'x-local-openid': 'local-p-city-staff' },
      body: body('reports', 'dashboard', {}),
      onResponse: judge(false),
    },
  ];
  const result = await autocannon({ url: host.baseUrl, connections: CONNECTIONS, duration: SECONDS, requests, timeout: 20 });
  await host.stop();
  const topics = await loadTopics();
  const written = topics.length;
  const doubled = topics.length - new Set(topics).size;
  const lost = [...acked].filter((t) => !topics.includes(t)).length;
  const transportErrors = result.errors + result.timeouts + result.non2xx;
  console.log('\nload (autocannon on loopback; local host on SQLite)');
  console.log(`  connections ${CONNECTIONS}, duration ${SECONDS} s, mix: logTraining / myProgress / dashboard (1:1:1)`);
  console.log(`  requests      ${result.requests.total}  (${result.requests.average.toFixed(0)} req/s average)`);
  console.log(`  latency       p50 ${result.latency.p50} ms   p99 ${result.latency.p99} ms   max ${result.latency.max} ms`);
  console.log(
    `  errors        ${transportErrors + appErrors}  (transport ${transportErrors}, application ${appErrors} ${JSON.stringify(errorCodes)})`,
  );
  // Writes still in flight when the clock ran out may land unacknowledged: found ≥ acknowledged, ≤ sent.
  console.log(
    `  writes        sent ${writesSent}, acknowledged ${writesAcked}, found ${written}; acknowledged but missing ${lost}, written twice ${doubled}  → ${lost === 0 && doubled === 0 && written <= writesSent ? 'no write lost or doubled' : 'FAILED'}`,
  );
  if (transportErrors + appErrors > 0 || lost > 0 || doubled > 0 || written > writesSent) process.exit(1);
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
