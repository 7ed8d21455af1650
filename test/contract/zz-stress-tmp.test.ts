import { openCloudDb } from '../../cloudfunctions/_kernel/db/cloud';
import { createWxDatabaseStandIn } from '../../test/support/wx-db-standin';
it('stress', async () => {
  const hist: Record<number, number> = {}; let worst = 0; let failures = 0; let totalRuns = 0;
  for (let round = 0; round < 200; round++) {
    const sdb = createWxDatabaseStandIn();
    const db = openCloudDb(sdb, { maxAttempts: 100 });
    await db.insert('c', { _id: 'x', n: 0 });
    const res = await Promise.allSettled(Array.from({ length: 50 }, async () => {
      let runs = 0;
      await db.tx(async (tx) => { runs++; const t = await tx.get<{ _id: string; n: number }>('c', 'x'); await tx.put('c', { ...t!, n: t!.n + 1 }); });
      return runs;
    }));
    for (const r of res) { if (r.status === 'fulfilled') { worst = Math.max(worst, r.value); hist[r.value] = (hist[r.value] ?? 0) + 1; totalRuns += r.value; } else failures++; }
  }
  console.log({ hist, worst, failures, avgRuns: totalRuns / (200 * 50) });
}, 120000);
