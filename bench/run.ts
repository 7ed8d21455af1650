/**
 * npm run bench — the staff dashboard at national scale (issue 6). Prints numbers; asserts nothing.
 *
 * 1. Seeds two local SQLite stores in a temp directory (bench/seed.ts): 1,000 stations × 10 experts ×
 *    ~2 years (≈ 1.6 M service days, plus trainings, research, tackling, problems, achievements,
 *    agreement reports, day locks and the tally docs) — and the same stations with a tenth of the days.
 * 2. Measures, through the real function entries with the local adapters (openLocalDeps):
 *    - reports.dashboard for all 1,000 stations (median of several runs), on both stores, and the ratio;
 *    - stations.logServiceDay, one service day including its tally update (median of 200);
 *    - a full tally rebuild (stations repository rebuildTallies for EVERY station, timed in total),
 *      and checks the rebuilt tallies equal the ones kept incrementally.
 * 3. Runs the cloud tier (test/cloud: real wx-server-sdk, fake CloudBase service) for the table
 *    function.action → database requests, transactions, and the dashboard at 10 / 2,000 stations.
 * Run: npm run bench   (BENCH_KEEP=1 keeps the temp directory; BENCH_STATIONS=n for a smaller run)
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Doc } from '../cloudfunctions/_kernel/db/port';
import { settingsFor } from '../cloudfunctions/_kernel/store/stations';
import { currentYearOf } from '../cloudfunctions/reports/actions/station-state';
import { reports } from '../cloudfunctions/reports/function';
import { stations as stationsFn } from '../cloudfunctions/stations/function';
import { movableClock, openLocalDeps } from '../local/adapters';
import { addDays, chinaDayStart, isWorkingDay, libraryCalendar } from '../shared/calendar';
import { quarterOf } from '../shared/calendar/periods';
import type { RoleBinding } from '../shared/schemas/org';
import { expertId, nationalProfile, orgOf, type Profile, stationId } from './generate';
import { seedStore } from './seed';

const say = (s: string) => process.stdout.write(`${s}\n`);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(1)} s` : `${x.toFixed(x < 10 ? 2 : 1)} ms`);

const profile: Profile = { ...nationalProfile, stations: Number(process.env.BENCH_STATIONS ?? nationalProfile.stations) };
const LOGS = 200;
const DASH_RUNS = 9;
const now = chinaDayStart(profile.today) + 10 * 3600_000; // 10:00 China time on the data set's today

/** 200 (expert, date) pairs that are free: weekends of the current quarter (the generator logs working days only). */
function logPlan(p: Profile) {
  const org = orgOf(p);
  const plan: Array<{ stationId: string; expertId: string; date: string }> = [];
  for (let i = 0; plan.length < LOGS && i < org.stations.length; i++) {
    const s = org.stations[i]!;
    const q = quarterOf(s.plaqueDate, profile.today, settingsFor(s).yearMode)!;
    const weekends: string[] = [];
    for (let d = q.start; d <= profile.today; d = addDays(d, 1)) if (!isWorkingDay(d, libraryCalendar).working) weekends.push(d);
    for (let e = 0; e < s.expertIds.length && plan.length < LOGS; e++) {
      const date = weekends[(e * 3) % weekends.length];
      if (date) plan.push({ stationId: s.id, expertId: expertId(i, e), date });
    }
  }
  return plan;
}

const bindingOf = (x: { stationId: string; expertId: string }, i: number): RoleBinding => ({
  id: `bd-bench-exp-${i}`,
  openid: `o-${x.expertId}`,
  personId: x.expertId,
  role: 'expert',
  scope: { societyId: null, stationId: x.stationId, hostUnitId: null, castUnitId: null },
  createdAt: 0,
  createdBy: 'p-bench-staff',
  revokedAt: null,
  revokedBy: null,
});

type Deps = ReturnType<typeof openLocalDeps>;
const dashboard = (deps: Deps) =>
  reports({ action: 'dashboard', data: { limit: 50 } }, 'o-bench-staff', deps) as Promise<{ ok: boolean; data: any; error?: any }>;

/**
 * Dashboard timings on the full and the tenth store, runs interleaved (full, tenth, full, …) so a
 * change of load on the machine (other processes share its two cores) hits both alike. Every run
 * reads and evaluates every station (nothing is cached between calls). Wall time and this process's
 * CPU time, whose gap shows the wait for a core.
 */
async function dashboardTimes(dirs: { full: string; tenth: string }) {
  const open = { full: openLocalDeps(dirs.full, movableClock(now)), tenth: openLocalDeps(dirs.tenth, movableClock(now)) };
  const out = {
    full: { wall: [] as number[], cpu: [] as number[], reads: [] as number[], trips: 0, counts: {} as Record<string, number> },
    tenth: { wall: [] as number[], cpu: [] as number[], reads: [] as number[], trips: 0, counts: {} as Record<string, number> },
  };
  try {
    for (const k of ['full', 'tenth'] as const) {
      const first = await dashboard(open[k]); // warm-up (JIT, statement cache)
      if (!first.ok) throw new Error(`dashboard failed: ${JSON.stringify(first.error)}`);
      out[k].counts = first.data.counts;
    }
    for (let r = 0; r < DASH_RUNS; r++) {
      for (const k of ['full', 'tenth'] as const) {
        const before = open[k].db.roundTrips;
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        await dashboard(open[k]);
        out[k].wall.push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        out[k].cpu.push((c.user + c.system) / 1000);
        out[k].trips = open[k].db.roundTrips - before;
        // the same reads alone (no evaluation): how the time splits between the store and the rules
        const r0 = performance.now();
        const repo = open[k].store.reports;
        const stations = await repo.stationsOf((await repo.castUnits()).map((u) => u.id));
        await repo.talliesAt(stations.map((s) => ({ stationId: s.id, yearIndex: currentYearOf(s, settingsFor(s), profile.today) })));
        await repo.societiesByIds(stations.map((s) => s.societyId));
        out[k].reads.push(performance.now() - r0);
      }
    }
    return out;
  } finally {
    await open.full.close();
    await open.tenth.close();
  }
}

async function main() {
  const free = execSync(`df -Pk ${tmpdir()} | tail -1`).toString().trim().split(/\s+/)[3];
  say(
    `学会服务站看板基准测试（issue 6）— ${profile.stations.toLocaleString('en-US')} 个服务站 × ${profile.expertsPerStation} 名专家，数据日期 ${profile.today}`,
  );
  say(`临时目录 ${tmpdir()}，可用空间 ${(Number(free) / 1024 / 1024).toFixed(1)} GB；Node ${process.version}`);
  const root = mkdtempSync(join(tmpdir(), 'kexie-bench-'));
  const fullDir = join(root, 'full');
  const tenthDir = join(root, 'tenth');
  const plan = logPlan(profile);
  const extra = plan.map(bindingOf);
  try {
    say('\n写入数据（better-sqlite3 批量事务，计数用 sumContributions 计算）…');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(fullDir, { recursive: true });
    mkdirSync(tenthDir, { recursive: true });
    const full = seedStore(fullDir, profile, 1, extra, say);
    say(
      `  全量：${full.records.toLocaleString('en-US')} 条记录（服务天数 ${full.serviceDays.toLocaleString('en-US')}），${full.tallyDocs} 个计数文档，${(full.bytes / 1024 / 1024).toFixed(0)} MB，用时 ${ms(full.ms)}`,
    );
    const tenth = seedStore(tenthDir, profile, 0.1, extra);
    say(
      `  十分之一：${tenth.records.toLocaleString('en-US')} 条记录（服务天数 ${tenth.serviceDays.toLocaleString('en-US')}），${(tenth.bytes / 1024 / 1024).toFixed(0)} MB，用时 ${ms(tenth.ms)}`,
    );

    say(`\n看板（reports.dashboard，本地适配器，全量与十分之一交替各 ${DASH_RUNS} 次，取中位数）…`);
    const dash = await dashboardTimes({ full: fullDir, tenth: tenthDir });
    const dashFull = median(dash.full.wall);
    const dashTenth = median(dash.tenth.wall);
    for (const [label, x] of [
      ['全量', dash.full],
      ['十分之一', dash.tenth],
    ] as const) {
      say(
        `  ${label}：${ms(median(x.wall))}（本进程 CPU ${ms(median(x.cpu))}，最快 ${ms(Math.min(...x.wall))}；其中读库约 ${ms(median(x.reads))}，其余为逐站评估与预测）；${x.trips} 次数据库往返；红/黄/绿 ${x.counts.red}/${x.counts.amber}/${x.counts.green}`,
      );
    }

    say(`\n登记一天服务（stations.logServiceDay，含计数更新，${plan.length} 次取中位数）…`);
    const deps = openLocalDeps(fullDir, movableClock(now));
    const logTimes: number[] = [];
    let logTrips = 0;
    let refused = 0;
    for (const [i, x] of plan.entries()) {
      const before = deps.db.roundTrips;
      const t0 = performance.now();
      const r = (await stationsFn(
        { action: 'logServiceDay', data: { requestId: `bench-log-${i}-${now}`, stationId: x.stationId, date: x.date } },
        `o-${x.expertId}`,
        deps,
      )) as {
        ok: boolean;
        error?: { code: string; message: string };
      };
      logTimes.push(performance.now() - t0);
      logTrips = deps.db.roundTrips - before;
      if (!r.ok) {
        refused++;
        if (refused <= 3) say(`  被拒绝：${r.error?.code} ${r.error?.message}`);
      }
    }
    say(
      `  中位数 ${ms(median(logTimes))}（p90 ${ms([...logTimes].sort((a, b) => a - b)[Math.floor(logTimes.length * 0.9)]!)}，每次 ${logTrips} 次数据库往返，被拒绝 ${refused} 次）`,
    );

    say('\n全部重建计数（stations 仓库 rebuildTallies，逐站从记录重算，全部服务站）…');
    const pageAll = async () => {
      const out: Doc[] = [];
      for (let skip = 0; ; skip += 1000) {
        const page = await deps.db.find<Doc>('stationTallies', {}, { limit: 1000, skip });
        out.push(...page);
        if (page.length < 1000) return out;
      }
    };
    const sorted = (o: unknown): unknown =>
      o && typeof o === 'object' && !Array.isArray(o)
        ? Object.fromEntries(
            Object.entries(o)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, v]) => [k, sorted(v)]),
          )
        : o;
    const strip = (d: Doc) => JSON.stringify(sorted({ counters: d.counters, agreement: d.agreement }));
    const kept = new Map((await pageAll()).map((d) => [d._id, strip(d)]));
    const t0 = performance.now();
    for (let i = 0; i < profile.stations; i++) await deps.store.stations.rebuildTallies(stationId(i), now);
    const rebuildMs = performance.now() - t0;
    const rebuilt = await pageAll();
    const rebuiltIds = new Set(rebuilt.map((d) => d._id));
    const differ = rebuilt.filter((d) => kept.get(d._id) !== strip(d)).length + [...kept.keys()].filter((id) => !rebuiltIds.has(id)).length;
    say(
      `  ${profile.stations} 个服务站共 ${ms(rebuildMs)}（每站 ${ms(rebuildMs / profile.stations)}）；重建结果与事务内累计的计数${differ === 0 ? '完全一致' : `有 ${differ} 个文档不一致`}（${rebuilt.length} 个计数文档）`,
    );
    await deps.close();

    const ratio = dashFull / dashTenth;
    const rows: Array<[string, string, string, boolean | null]> = [
      [`看板读取（${profile.stations.toLocaleString('en-US')} 个服务站，全量记录）`, ms(dashFull), '≤ 150 ms', dashFull <= 150],
      ['看板读取（十分之一记录）', ms(dashTenth), '—', null],
      ['全量 / 十分之一 比值', ratio.toFixed(2), '≤ 1.3', ratio <= 1.3],
      ['登记一天服务（含计数更新，中位数）', ms(median(logTimes)), '≤ 5 ms', median(logTimes) <= 5],
      ['全部重建计数（全部服务站）', ms(rebuildMs), '—', null],
      ['看板数据库往返次数', String(dash.full.trips), '与记录数无关', dash.full.trips === dash.tenth.trips],
      ['重建与累计计数一致', differ === 0 ? '是' : `否（${differ}）`, '一致', differ === 0],
    ];
    say('\n| 指标 | 结果 | 目标 | 判定 |\n|---|---|---|---|');
    for (const [name, value, target, ok] of rows) say(`| ${name} | ${value} | ${target} | ${ok === null ? '' : ok ? 'PASS' : 'MISS'} |`);
    say(
      `\n机器：${(await import('node:os')).cpus().length} 核 ${(await import('node:os')).cpus()[0]?.model ?? ''}；负载 ${(
        await import('node:os')
      )
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}`,
    );

    const evalSrc = join(__dirname, 'evaluate.ts');
    if (existsSync(evalSrc) && /export\s+(async\s+)?function\s+\w+/.test(readFileSync(evalSrc, 'utf8'))) {
      const mod = (await import('./evaluate')) as Record<string, unknown>;
      const fn = Object.values(mod).find((v) => typeof v === 'function') as (() => unknown) | undefined;
      if (fn) {
        say('\nbench/evaluate.ts：');
        await fn();
      }
    } else {
      say('\n（bench/evaluate.ts 是独立脚本、未导出函数：评估引擎本身的数字请运行 npx tsx bench/evaluate.ts）');
    }
    // issue 12: requests per function.action in the cloud — the cloud tier (compiled bundles, the real
    // wx-server-sdk, the fake CloudBase service) prints the table and asserts the counts. BENCH_CLOUD=0 skips.
    if (process.env.BENCH_CLOUD !== '0') {
      say('\n云端每个操作的数据库请求数（编译后的云函数 + 真实 wx-server-sdk + 云开发服务仿制品）…');
      execSync('node scripts/build-functions.mjs', { stdio: 'inherit' });
      execSync('npx jest --selectProjects cloud', { stdio: 'inherit' });
    }
  } finally {
    if (process.env.BENCH_KEEP === '1') say(`\n保留数据目录：${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
