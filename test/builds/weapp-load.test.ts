import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import vm from 'node:vm';

/**
 * Loads the built mini-program (dist/weapp, from `npm run build:weapp`) the way WeChat does: app.js first (it
 * `require`s common/vendors/taro/runtime, which register their modules on `wx.webpackJsonp`), then page files,
 * each `require`-ing its sub-common chunks; a page's entry runs only once every chunk it names is registered, so
 * a page counts as entered only when it called `Page()`. WeChat forbids `eval` and `new Function`: in the sandbox
 * both throw and are counted (and string code generation is off, so nothing can eval behind our back).
 * Two orders: the app then every page in one context, and — in a fresh context per page — the app then that page
 * alone (a user opening a shared link lands there first, so nothing another page ran may be relied on).
 */
const root = resolve(process.env.WEAPP_DIR ?? 'dist/weapp');
const built = existsSync(join(root, 'app.json'));
const appJson = built ? JSON.parse(readFileSync(join(root, 'app.json'), 'utf8')) : { pages: [] };
const subPackages: { root: string; pages: string[] }[] = appJson.subPackages ?? appJson.subpackages ?? [];
const pages: string[] = [...appJson.pages, ...subPackages.flatMap((p) => p.pages.map((x) => `${p.root.replace(/\/$/, '')}/${x}`))];

interface Sandbox {
  counts: { Function: number; eval: number; returnThis: number };
  registered: { App: number; Page: string[]; Component: number };
  consoleErrors: string[];
  load: (file: string) => void;
  run: (code: string) => unknown;
}

function sandbox(): Sandbox {
  const counts = { Function: 0, eval: 0, returnThis: 0 };
  const registered = { App: 0, Page: [] as string[], Component: 0 };
  const consoleErrors: string[] = [];
  let app: unknown = {};
  let entering = '';
  const noop = () => undefined;
  // wx: the few calls made at load get plain answers; any other API is a no-op function (never a real effect).
  const wxBase: Record<string, unknown> = {
    cloud: { init: noop, callFunction: () => Promise.reject(new Error('offline in the load check')), DYNAMIC_CURRENT_ENV: 'env' },
    getSystemInfoSync: () => ({
      platform: 'ios',
      system: 'iOS 12.0',
      SDKVersion: '3.0.0',
      windowWidth: 375,
      windowHeight: 667,
      pixelRatio: 2,
    }),
    getStorageSync: () => '',
    canIUse: () => true,
    getMenuButtonBoundingClientRect: () => ({ top: 0, bottom: 0, left: 0, right: 0, width: 0, height: 0 }),
  };
  const wx = new Proxy(wxBase, {
    get: (t, k) => (k in t ? t[k as string] : k === 'webpackJsonp' || typeof k === 'symbol' ? undefined : noop),
  });
  const context = vm.createContext(
    {
      wx,
      console: {
        ...console,
        log: noop,
        info: noop,
        debug: noop,
        warn: noop,
        error: (...a: unknown[]) => consoleErrors.push(a.map(String).join(' ')),
      },
      setTimeout: () => 0,
      clearTimeout: noop,
      setInterval: () => 0,
      clearInterval: noop,
      // WeChat's registration globals (built from pairs: these are not React components).
      ...Object.fromEntries([
        [
          'App',
          (options: unknown) => {
            registered.App += 1;
            app = options;
          },
        ],
        ['Page', () => registered.Page.push(entering)],
        [
          'Component',
          () => {
            registered.Component += 1;
          },
        ],
        ['Behavior', (b: unknown) => b],
      ]),
      getApp: () => app,
      getCurrentPages: () => [],
      requirePlugin: () => {
        throw new Error('requirePlugin is not used by this app');
      },
      __counts: counts,
    },
    { codeGeneration: { strings: false, wasm: false } },
  );
  // Replace the realm's own Function and eval by counting, throwing stand-ins (same prototype, so instanceof holds).
  // WeChat's one documented exception, `new Function('return this')` (webpack's global probe on engines without
  // globalThis), is allowed and counted apart. Then remove what iOS 12.0's engine lacks (the oldest supported): the
  // app must load without it, i.e. on its deliberate polyfills (miniprogram/src/lib/polyfills.ts).
  vm.runInContext(
    `(() => {
      const G = globalThis;
      const Real = Function;
      const F = function Function(...args) {
        if (args.length === 1 && args[0] === 'return this') { __counts.returnThis += 1; return () => G; }
        __counts.Function += 1;
        throw new EvalError('new Function is forbidden in WeChat');
      };
      F.prototype = Real.prototype;
      Object.setPrototypeOf(F, Real.prototype);
      Object.defineProperty(Real.prototype, 'constructor', { value: F, writable: true, configurable: true });
      G.Function = F;
      G.eval = function eval() { __counts.eval += 1; throw new EvalError('eval is forbidden in WeChat'); };
      delete Object.fromEntries; delete Object.hasOwn; delete Promise.allSettled; delete Promise.any;
      for (const k of ['at', 'findLast', 'findLastIndex', 'toSorted', 'toReversed', 'toSpliced', 'with']) delete Array.prototype[k];
      delete String.prototype.replaceAll; delete String.prototype.matchAll; delete String.prototype.at;
      delete G.WeakRef; delete G.FinalizationRegistry; delete G.structuredClone; delete G.Intl; delete G.globalThis;
    })()`,
    context,
  );
  const cache = new Map<string, { exports: unknown }>();
  const load = (file: string): unknown => {
    const abs = file.endsWith('.js') ? file : `${file}.js`;
    const hit = cache.get(abs);
    if (hit) return hit.exports;
    const module = { exports: {} as unknown };
    cache.set(abs, module);
    const code = readFileSync(abs, 'utf8');
    const fn = vm.runInContext(`(function (require, module, exports) {${code}\n})`, context, { filename: relative(root, abs) });
    fn.call(module.exports, (spec: string) => load(resolve(dirname(abs), spec)), module, module.exports);
    return module.exports;
  };
  return {
    counts,
    registered,
    consoleErrors,
    load: (f) => {
      entering = f;
      load(join(root, f));
    },
    run: (code) => vm.runInContext(code, context),
  };
}

const enter = (s: Sandbox, page: string) => {
  const before = s.registered.Page.length;
  s.load(page);
  // Page() runs only when every chunk the page names was registered: no call means a missing chunk.
  expect({ page, registered: s.registered.Page.slice(before) }).toEqual({ page, registered: [page] });
};

const summary = { contexts: 0, pagesEntered: 0, Function: 0, eval: 0, returnThis: 0 };
const forbidden = (s: Sandbox) => ({ Function: s.counts.Function, eval: s.counts.eval });

(built ? describe : describe.skip)('weapp build loads like WeChat loads it', () => {
  afterAll(() => {
    console.log(
      `weapp load check: ${summary.pagesEntered} page entries in ${summary.contexts} contexts (${pages.length} pages, each also entered first); new Function calls ${summary.Function}, eval calls ${summary.eval} (+ ${summary.returnThis} new Function('return this'), WeChat's documented exception)`,
    );
  });

  it('lists pages to enter', () => {
    expect(pages.length).toBeGreaterThanOrEqual(10);
  });

  it('the app, then every page in one context: no load error, no eval / new Function', () => {
    const s = sandbox();
    s.load('app.js');
    expect(s.registered.App).toBe(1);
    s.load('comp.js');
    expect(s.registered.Component).toBe(1);
    for (const p of pages) enter(s, p);
    summary.contexts += 1;
    summary.pagesEntered += pages.length;
    summary.Function += s.counts.Function;
    summary.eval += s.counts.eval;
    summary.returnThis += s.counts.returnThis;
    expect({ counts: forbidden(s), consoleErrors: s.consoleErrors }).toEqual({ counts: { Function: 0, eval: 0 }, consoleErrors: [] });
  });

  it.each(pages)('entered first at %s (fresh context): loads, no eval / new Function', (page) => {
    const s = sandbox();
    s.load('app.js');
    enter(s, page);
    summary.contexts += 1;
    summary.pagesEntered += 1;
    summary.Function += s.counts.Function;
    summary.eval += s.counts.eval;
    summary.returnThis += s.counts.returnThis;
    expect({ page, counts: forbidden(s), consoleErrors: s.consoleErrors }).toEqual({
      page,
      counts: { Function: 0, eval: 0 },
      consoleErrors: [],
    });
  });

  it('the sandbox really counts and blocks new Function and eval (so this check can fail)', () => {
    const s = sandbox();
    // Probes like zod's allowsEval: try/catch around code generation, the way library code does it.
    s.run(
      'try { new Function(""); } catch (e) {} try { (function () {}).constructor("return 1"); } catch (e) {} try { eval("1"); } catch (e) {}',
    );
    expect(s.counts).toEqual({ Function: 2, eval: 1, returnThis: 0 });
    expect(s.run('new Function("return this")() === Function("return this")()')).toBe(true);
    expect(s.counts.returnThis).toBe(2);
    // and it runs as iOS 12.0 would: the newer built-ins are gone
    expect(s.run('[typeof globalThis, typeof Object.fromEntries, typeof Object.hasOwn, typeof [].at]')).toEqual([
      'undefined',
      'undefined',
      'undefined',
      'undefined',
    ]);
    expect(s.run('(function () {}) instanceof Function')).toBe(true);
  });
});
