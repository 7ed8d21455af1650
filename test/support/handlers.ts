import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { movableClock, openLocalDeps } from '../../local/adapters';
import { type DemoSeeder, localOpenidOf, seedDemo } from '../../local/demo/org';
import { localFunctions } from '../../local/functions';

/**
 * Handler tests run the real function entries with the real local adapters (SQLite in a temp
 * directory, local files, a movable clock) seeded with the demo organisation.
 */
export async function makeDeps(opts: { now?: string | number; seeders?: DemoSeeder[] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'kexie-handlers-'));
  const start = typeof opts.now === 'string' ? Date.parse(opts.now) : (opts.now ?? Date.parse('2026-11-20T10:00:00+08:00'));
  const clock = movableClock(start);
  const deps = openLocalDeps(dir, clock);
  await seedDemo(deps, opts.seeders ?? []);
  /** call `fn.action` as a demo person (personId), as a raw openid ({ openid }), or with no identity (null) */
  const call = async (fn: string, action: string, data: unknown, who: string | null | { openid: string }) => {
    const entry = localFunctions[fn];
    if (!entry) throw new Error(`no function ${fn}`);
    const openid = who === null ? null : typeof who === 'string' ? localOpenidOf(who) : who.openid;
    return entry({ action, data }, openid, deps) as Promise<{
      ok: boolean;
      data?: any;
      error?: { code: string; message: string; issues?: { path: string; message: string }[]; details?: any };
    }>;
  };
  return {
    deps,
    clock,
    dir,
    call,
    /** every row of every table, to prove a refused call wrote nothing */
    snapshot: () => deps.snapshot(),
    close: () => deps.close(),
  };
}
export type Harness = Awaited<ReturnType<typeof makeDeps>>;
