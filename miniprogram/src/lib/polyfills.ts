/**
 * Deliberate polyfills for the oldest engine the app supports: iOS 12.0's JavaScriptCore (base library ≥ 3.0.0 on
 * iOS ≥ 12 / Android ≥ 8, README "Deploy"). Only what shipped code needs and cannot sensibly avoid; everything
 * else newer than that engine is refused by test/builds/weapp-features.test.ts. app.ts imports this module first,
 * and WeChat runs app.js before any page, so it is in place before any library module runs.
 * - globalThis (Safari 12.1): zod 4 keeps its global registry and config on it when its modules load.
 * - Object.fromEntries (Safari 12.1): zod's enum and the programme / form catalogues in shared/ build with it.
 * test/builds/weapp-load.test.ts loads the built app with both removed (and the other newer built-ins too).
 */
// Without globalThis, `global` is webpack's global object (WeChat allows its `new Function('return this')` probe).
const root: typeof globalThis = typeof globalThis === 'object' ? globalThis : global;
if (typeof globalThis !== 'object') Object.defineProperty(root, 'globalThis', { value: root, writable: true, configurable: true });

if (typeof Object.fromEntries !== 'function') {
  const fromEntries = <T>(entries: Iterable<readonly [PropertyKey, T]>): Record<string, T> => {
    const out: Record<string, T> = {};
    for (const [key, value] of entries) out[key as string] = value;
    return out;
  };
  Object.defineProperty(Object, 'fromEntries', { value: fromEntries, writable: true, configurable: true });
}

export {};
