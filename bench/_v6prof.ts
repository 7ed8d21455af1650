import { existsSync, mkdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { chinaDayStart } from '../shared/calendar';
import { movableClock, openLocalDeps } from '../cloudfunctions/_kernel/local/adapters';
import { reports } from '../cloudfunctions/reports/function';
import { nationalProfile } from './generate';
import { seedStore } from './seed';
const dir = '/tmp/v6/data';
async function main() {
  if (!existsSync(`${dir}/kexie.sqlite`)) { mkdirSync(dir, { recursive: true }); seedStore(dir, nationalProfile, 1, [], console.log); }
  const now = chinaDayStart(nationalProfile.today) + 10 * 3600_000;
  const deps = openLocalDeps(dir, movableClock(now));
  const times: number[] = [];
  for (let i = 0; i < Number(process.env.RUNS ?? 10); i++) {
    const t0 = performance.now();
    const r: any = await reports({ action: 'dashboard', data: { limit: 50 } }, 'o-bench-staff', deps);
    times.push(performance.now() - t0);
    if (!r.ok) throw new Error(JSON.stringify(r));
  }
  console.log(times.map((t) => t.toFixed(0)).join(' '));
  await deps.close();
}
main();
