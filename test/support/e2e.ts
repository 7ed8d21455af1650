import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/**
 * Browser E2E harness: the REAL h5 build served by the REAL local host (dist/local/server.cjs) on a
 * free port with a fresh data directory, driven in Debian chromium through playwright-core.
 * Build first: `npm run build:h5 && npm run build:local` (the test script does).
 */
export const SCREENSHOT_DIR = resolve('test-artifacts/screenshots');
/**
 * How long a browser wait may take before it fails. Every wait is on state (a locator, a URL, a response, a DOM
 * condition) and returns as soon as the state is there, so this cap costs nothing when the machine is idle; it is
 * generous because the suite must pass while other suites keep both cores busy (chromium, the local host and
 * jest then share two cores, and one render can take seconds).
 */
export const WAIT_MS = 60_000;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Build outputs under test; overridable so parallel work can test its own builds (E2E_H5_DIR, E2E_SERVER). */
const H5_DIR = process.env.E2E_H5_DIR ?? 'dist/h5';
const SERVER = process.env.E2E_SERVER ?? 'dist/local/server.cjs';

export const freePort = () =>
  new Promise<number>((ok, fail) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (a && typeof a === 'object' ? ok(a.port) : fail(new Error('no port'))));
    });
  });

export interface HostHandle {
  baseUrl: string;
  dataDir: string;
  proc: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Start the built local host as a child process and wait until it answers. */
export async function startHost(
  opts: {
    startTime?: string;
    dataDir?: string;
    port?: number /** extra environment, e.g. DEMO=0 and BOOTSTRAP_CODE */;
    env?: Record<string, string>;
  } = {},
): Promise<HostHandle> {
  if (!existsSync(SERVER)) throw new Error('缺少构建产物：请先运行 npm run build:local');
  const port = opts.port ?? (await freePort());
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'kexie-e2e-'));
  const proc = spawn(process.execPath, [SERVER], {
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      STATIC_DIR: H5_DIR,
      LOCAL_TEST_CLOCK: '1',
      ...(opts.startTime ? { LOCAL_START_TIME: opts.startTime } : {}),
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  proc.stdout?.on('data', (d) => (log += d));
  proc.stderr?.on('data', (d) => (log += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  // wait for the host to answer its health check (a deadline, not a count: under load startup takes longer)
  for (const end = Date.now() + WAIT_MS; ; ) {
    try {
      const r = await fetch(`${baseUrl}/api/_local/health`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (proc.exitCode !== null) throw new Error(`local host exited: ${log}`);
    if (Date.now() > end) throw new Error(`local host did not answer within ${WAIT_MS} ms: ${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    baseUrl,
    dataDir,
    proc,
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((ok) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return ok();
        proc.once('exit', () => ok());
        proc.kill(signal);
      }),
  };
}

/** Call a function on the local host as a demo person (null = no identity). */
export async function callApi(baseUrl: string, fn: string, action: string, data: unknown, personId: string | null) {
  const r = await fetch(`${baseUrl}/api/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(personId ? { 'x-local-openid': `local-${personId}` } : {}) },
    body: JSON.stringify({ action, data }),
  });
  return (await r.json()) as { ok: boolean; data?: any; error?: { code: string; message: string; issues?: unknown[] } };
}

export interface E2E {
  baseUrl: string;
  host: HostHandle;
  context: BrowserContext;
  page: Page;
  /** sign in through the local sign-in page as a demo person; lands on their home */
  signInAs(personId: string): Promise<void>;
  screenshot(name: string): Promise<string>;
  /** wait until an element matching `selector` contains `text` (fails after WAIT_MS, or `timeoutMs`) */
  seeText(selector: string, text: string | RegExp, timeoutMs?: number): Promise<void>;
  advanceClock(ms: number): Promise<number>;
  /** do `trigger` (e.g. a click), wait until the page's own call of `fn`.`action` has been answered, return the answer */
  calling(fn: string, action: string, trigger: () => Promise<void>): Promise<Awaited<ReturnType<typeof callApi>>>;
  /** wait until `predicate`, run in the page, holds (a state, not a duration; fails after WAIT_MS) */
  until(predicate: (arg: string) => boolean, arg: string): Promise<void>;
  api(fn: string, action: string, data: unknown, personId: string | null): ReturnType<typeof callApi>;
  close(): Promise<void>;
}

export async function startE2E(opts: { startTime?: string; env?: Record<string, string> } = {}): Promise<E2E> {
  if (!existsSync(join(H5_DIR, 'index.html'))) throw new Error('缺少构建产物：请先运行 npm run build:h5');
  const host = await startHost(opts);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'kexie-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    hasTouch: true,
    isMobile: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    timeout: 2 * WAIT_MS,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(WAIT_MS);
  page.setDefaultNavigationTimeout(WAIT_MS);
  const e2e: E2E = {
    baseUrl: host.baseUrl,
    host,
    context,
    page,
    async signInAs(personId) {
      await page.goto(`${host.baseUrl}/#/pages/signin/index`);
      await page.locator(`[data-person="${personId}"]`).click();
      await page.waitForURL((u) => !u.hash.includes('/pages/signin/') && !u.hash.includes('/pages/index/'));
      // The launch page's redirect can still be settling when the URL has changed; under CPU load it landed after
      // the test's next navigation and hid that page (an e2e run under load failed this way). Load the role's home
      // afresh, so every test starts from one settled page; the session is kept in storage.
      const home = page.url();
      await page.goto('about:blank');
      await page.goto(home);
      await page.waitForLoadState('networkidle');
    },
    async screenshot(name) {
      const file = join(SCREENSHOT_DIR, `${name}.png`);
      // finish CSS transitions (toasts, sheets) instead of sleeping until they are over
      await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
      return file;
    },
    async seeText(selector, text, timeoutMs = WAIT_MS) {
      await page.locator(selector, { hasText: text }).first().waitFor({ state: 'visible', timeout: timeoutMs });
    },
    async advanceClock(ms) {
      const r = await fetch(`${host.baseUrl}/api/_local/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ advanceMs: ms }),
      });
      const a = (await r.json()) as { data: { now: number } };
      return a.data.now;
    },
    async calling(fn, action, trigger) {
      const answered = page.waitForResponse((r) => {
        if (!r.url().endsWith(`/api/${fn}`) || r.request().method() !== 'POST') return false;
        try {
          return (JSON.parse(r.request().postData() ?? '{}') as { action?: string }).action === action;
        } catch {
          return false;
        }
      });
      await trigger();
      return (await answered).json();
    },
    async until(predicate, arg) {
      await page.waitForFunction(predicate, arg);
    },
    api: (fn, action, data, personId) => callApi(host.baseUrl, fn, action, data, personId),
    async close() {
      await context.close();
      await host.stop();
    },
  };
  return e2e;
}
