import { type ChildProcess, fork } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { FakeCloudbase, type FakeCloudbaseOptions } from './fake-cloudbase';

/**
 * The cloud tier's harness: the fake CloudBase service in this process, and each COMPILED cloud
 * function (dist/cloudfunctions/<fn>/index.js, from `node scripts/build-functions.mjs`) in its own
 * child process with the real wx-server-sdk, pointed at the fake through the platform's environment.
 */
export const FUNCTIONS = ['identity', 'stations', 'applications', 'reports', 'org', 'awards'] as const;
export type Fn = (typeof FUNCTIONS)[number];
const ROOT = resolve(__dirname, '../..');
const ENV_ID = 'kexie-test-1a2b3c';
/** the compiled functions (CLOUD_TIER_BUNDLES points elsewhere, e.g. at bundles of an older source) */
const BUNDLES = resolve(ROOT, process.env.CLOUD_TIER_BUNDLES ?? 'dist/cloudfunctions');

export interface Answer {
  ok: boolean;
  data?: unknown;
  error?: { code: string; message?: string };
}

export class Tier {
  readonly fake: FakeCloudbase;
  private readonly children = new Map<string, ChildProcess>();
  private seq = 0;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  /** `now`: the functions' clock at start (ms); fixed so results do not depend on the day the suite runs */
  constructor(
    options: FakeCloudbaseOptions = {},
    readonly now = Date.UTC(2026, 11, 21, 2, 0, 0),
  ) {
    this.fake = new FakeCloudbase(options);
  }

  private baseEnv(): Record<string, string | undefined> {
    return {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TZ: 'Asia/Shanghai',
      CLOUD_TIER_NOW: String(this.now),
      SILENCE: 'true',
      TENCENTCLOUD_RUNENV: 'SCF',
      TENCENTCLOUD_REGION: 'ap-shanghai',
      SCF_NAMESPACE: ENV_ID,
      TCB_ENV: ENV_ID,
      TENCENTCLOUD_SECRETID: 'fake-secret-id',
      TENCENTCLOUD_SECRETKEY: 'fake-secret-key',
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: this.fake.url }),
      WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID',
      WX_APPID: 'wx0000000000000000',
      // subscription template ids, as the operator sets them in the console (cloudfunctions/_kernel/env.ts)
      TEMPLATE_STATIONDAYSSHORT: 'tmpl-expert-days-short-0001',
      TEMPLATE_STATIONTEAMSHORT: 'tmpl-secretary-team-short-0001',
    };
  }

  private async spawn(name: string, file: string): Promise<ChildProcess> {
    const child = fork(join(__dirname, 'run-bundle.cjs'), [file], {
      env: this.baseEnv() as NodeJS.ProcessEnv, // (the project types TARO_ENV into ProcessEnv; a function has none)
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    child.stdout?.on('data', (d) => process.env.CLOUD_TIER_VERBOSE && process.stdout.write(`[${name}] ${d}`));
    child.stderr?.on('data', (d) => process.env.CLOUD_TIER_VERBOSE && process.stderr.write(`[${name}] ${d}`));
    await new Promise<void>((res, rej) => {
      child.once('error', rej);
      child.once('message', () => res());
    });
    child.on('message', (m: { id?: number; result?: unknown; error?: string }) => {
      if (m.id === undefined) return;
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (m.error !== undefined) w?.reject(new Error(m.error));
      else w?.resolve(m.result);
    });
    this.children.set(name, child);
    return child;
  }

  async start(): Promise<void> {
    for (const fn of FUNCTIONS) {
      if (!existsSync(join(BUNDLES, fn, 'index.js')))
        throw new Error(`${BUNDLES}/${fn}/index.js missing: run node scripts/build-functions.mjs first`);
    }
    await this.fake.start();
    // the seeding entry, bundled like a cloud function (wx-server-sdk external, resolved from node_modules)
    const seedDir = join(ROOT, 'dist/cloud-tier');
    mkdirSync(seedDir, { recursive: true });
    await build({
      entryPoints: [join(__dirname, 'seed-entry.ts')],
      outfile: join(seedDir, 'seed.js'),
      bundle: true,
      platform: 'node',
      target: 'node16',
      format: 'cjs',
      external: ['wx-server-sdk'],
      logLevel: 'warning',
    });
    await Promise.all([
      ...FUNCTIONS.map((fn) => this.spawn(fn, join(BUNDLES, fn, 'index.js'))),
      this.spawn('seed', join(seedDir, 'seed.js')),
    ]);
  }

  async stop(): Promise<void> {
    for (const c of this.children.values()) c.kill();
    await this.fake.stop();
  }

  /** Run one invocation; `env` is what the platform sets for it (null removes a variable). */
  async invoke(name: string, event: unknown, env: Record<string, string | null>, label: string): Promise<unknown> {
    const child = this.children.get(name);
    if (!child) throw new Error(`no function ${name}`);
    const id = ++this.seq;
    this.fake.label = label;
    const from = this.fake.requests.length;
    const result = await new Promise((res, rej) => {
      this.waiting.set(id, { resolve: res, reject: rej });
      child.send({ id, event, env: { CLOUD_TIER_SHIFT: String(this.shiftMs), ...env } });
    });
    const db = this.fake.requests.slice(from).filter((r) => r.action.startsWith('database.'));
    this.perCall.push({ label, requests: db.length, transactions: db.filter((r) => r.action === 'database.startTransaction').length });
    return result;
  }

  /** how far the functions' clock is moved on from `now` (ms), from the next call on: days passing */
  shiftMs = 0;

  /** database requests and transactions of each invocation, in order */
  readonly perCall: Array<{ label: string; requests: number; transactions: number }> = [];

  /** One line per function.action: calls, database requests per call (min–max) and transactions per call. */
  table(): string {
    const by = new Map<string, Array<{ requests: number; transactions: number }>>();
    for (const c of this.perCall) if (c.label !== 'seed') by.set(c.label, [...(by.get(c.label) ?? []), c]);
    const range = (xs: number[]) => (Math.min(...xs) === Math.max(...xs) ? `${xs[0]}` : `${Math.min(...xs)}–${Math.max(...xs)}`);
    const rows = [...by].map(
      ([label, cs]) =>
        `${label.padEnd(34)} ${String(cs.length).padStart(5)} ${range(cs.map((c) => c.requests)).padStart(9)} ${range(cs.map((c) => c.transactions)).padStart(4)}`,
    );
    return [`${'function.action'.padEnd(34)} calls  requests   tx`, ...rows].join('\n');
  }

  async seed(): Promise<unknown> {
    return this.invoke('seed', {}, { WX_OPENID: null, TRIGGER_SRC: null }, 'seed');
  }

  /** A call from the mini-program: the platform sets the caller's OPENID. */
  async call(fn: Fn, action: string, data: unknown, openid: string | null): Promise<Answer> {
    return (await this.invoke(
      fn,
      { action, data },
      { WX_OPENID: openid, TRIGGER_SRC: null, TCB_SOURCE: 'wx_client' },
      `${fn}.${action}`,
    )) as Answer;
  }

  /** A timer trigger: no OPENID, TRIGGER_SRC=timer, the SCF timer event. */
  async timer(fn: Fn, event: Record<string, unknown>, label: string): Promise<Answer> {
    return (await this.invoke(fn, event, { WX_OPENID: null, TRIGGER_SRC: 'timer', TCB_SOURCE: null }, label)) as Answer;
  }
}

export const openidOf = (personId: string) => `local-${personId}`;
