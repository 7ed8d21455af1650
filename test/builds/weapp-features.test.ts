import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'acorn';
import { ancestor } from 'acorn-walk';

/**
 * Supported range: base library ≥ 3.0.0 on iOS ≥ 12 and Android ≥ 8. The oldest logic-layer engine in that range
 * is iOS 12.0's JavaScriptCore (Safari 12.0); Android runs WeChat's own V8, newer. WeChat's docs say the base
 * library carries "a core-js polyfill" but not which version or which APIs, so nothing newer than what Safari 12.0
 * ships is assumed (sources: developers.weixin.qq.com/miniprogram/dev/framework/runtime/js-support.html; WebKit's
 * Safari 12.0 / 12.1 / 13 / 13.1 / 14 / 15.4 release notes, as tabulated by MDN browser-compat-data).
 *
 * - syntax: ECMAScript 2017 (acorn rejects `?.`, `??`, `??=`/`||=`/`&&=`, class fields, regex lookbehind / named
 *   groups / the `s` flag, `catch {}` without a binding, object rest/spread, async iteration …);
 * - built-ins: ES2017 plus Array.prototype.flat/flatMap and String.prototype.trimStart/trimEnd (Safari 12.0).
 *   Forbidden, with the first Safari that has them: Object.fromEntries, globalThis (12.1), Promise.allSettled,
 *   String.prototype.matchAll (13), String.prototype.replaceAll, Promise.any (13.1 / 14), WeakRef (14.1),
 *   Array.prototype.at, Object.hasOwn, Array.prototype.findLast/findLastIndex, structuredClone (15.4),
 *   Array.prototype.toSorted/toReversed/toSpliced (16); and any `Intl` use or `timeZone` option (time-zone data is
 *   not guaranteed in WeChat's engines).
 * A use is allowed behind a `typeof` feature test (libraries probing), and for the two built-ins polyfilled on
 * purpose in miniprogram/src/lib/polyfills.ts (app.ts imports it first; weapp-load.test.ts loads the app without
 * them). Method names count when called (`x.at(-1)`), not as plain data (`entry.at`, a timestamp).
 */
const root = process.env.WEAPP_DIR ?? 'dist/weapp';
const built = existsSync(join(root, 'app.json'));
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.js') ? [p] : [];
  });
const files = built ? walk(root) : [];

const forbiddenMembers: Record<string, string> = {
  fromEntries: 'Object.fromEntries (ES2019, Safari 12.1)',
  allSettled: 'Promise.allSettled (ES2020, Safari 13)',
  matchAll: 'String.prototype.matchAll (ES2020, Safari 13)',
  replaceAll: 'String.prototype.replaceAll (ES2021, Safari 13.1)',
  at: 'Array.prototype.at (ES2022, Safari 15.4)',
  hasOwn: 'Object.hasOwn (ES2022, Safari 15.4)',
  findLast: 'Array.prototype.findLast (ES2023, Safari 15.4)',
  findLastIndex: 'Array.prototype.findLastIndex (ES2023, Safari 15.4)',
  toSorted: 'Array.prototype.toSorted (ES2023, Safari 16)',
  toReversed: 'Array.prototype.toReversed (ES2023, Safari 16)',
  toSpliced: 'Array.prototype.toSpliced (ES2023, Safari 16)',
};
const forbiddenOnObject: Record<string, Record<string, string>> = { Promise: { any: 'Promise.any (ES2021, Safari 14)' } };
const forbiddenGlobals: Record<string, string> = {
  globalThis: 'globalThis (ES2020, Safari 12.1)',
  structuredClone: 'structuredClone (HTML, Safari 15.4)',
  WeakRef: 'WeakRef (ES2021, Safari 14.1)',
  FinalizationRegistry: 'FinalizationRegistry (ES2021, Safari 14.1)',
  Intl: 'Intl (time-zone and locale data not guaranteed)',
};

// acorn's ESTree nodes, walked generically
type Node = any;
const isTypeofGuarded = (ancestors: Node[]) => ancestors.some((a) => a.type === 'UnaryExpression' && a.operator === 'typeof');
const propName = (n: Node): string | undefined =>
  n.computed ? (n.property.type === 'Literal' && typeof n.property.value === 'string' ? n.property.value : undefined) : n.property.name;

export function scan(code: string): { syntax?: string; uses: string[] } {
  let ast: Node;
  try {
    ast = parse(code, { ecmaVersion: 2017, sourceType: 'script', allowHashBang: false });
  } catch (e) {
    const err = e as Error & { loc?: { line: number; column: number } };
    const at = err.loc ? code.split('\n')[err.loc.line - 1]?.slice(Math.max(0, err.loc.column - 40), err.loc.column + 40) : '';
    return { syntax: `${err.message} near: ${at}`, uses: [] };
  }
  const uses = new Set<string>();
  ancestor(ast, {
    MemberExpression(n: Node, _s: unknown, anc: Node[]) {
      const name = propName(n);
      if (!name || isTypeofGuarded(anc)) return;
      const parent = anc[anc.length - 2];
      const called = parent?.type === 'CallExpression' && parent.callee === n;
      const viaPrototype = n.object.type === 'MemberExpression' && propName(n.object) === 'prototype';
      if (!called && !viaPrototype) return;
      const onObject = n.object.type === 'Identifier' ? forbiddenOnObject[n.object.name]?.[name] : undefined;
      if (onObject) uses.add(onObject);
      const member = Object.hasOwn(forbiddenMembers, name) ? forbiddenMembers[name] : undefined;
      if (member) uses.add(member);
    },
    Identifier(n: Node, _s: unknown, anc: Node[]) {
      const global = Object.hasOwn(forbiddenGlobals, n.name) ? forbiddenGlobals[n.name] : undefined;
      if (!global || isTypeofGuarded(anc)) return;
      const parent = anc[anc.length - 2];
      // a property key or a member name is not a reference to the global
      if (parent?.type === 'MemberExpression' && parent.property === n && !parent.computed) return;
      if (parent?.type === 'Property' && parent.key === n && !parent.computed) return;
      uses.add(global);
    },
    Property(n: Node) {
      const key = n.key.type === 'Identifier' ? n.key.name : n.key.value;
      if (key === 'timeZone') uses.add('a timeZone option (Intl time-zone data not guaranteed)');
    },
  });
  return { uses: [...uses].sort() };
}

/** Polyfilled on purpose, first thing in app.js (miniprogram/src/lib/polyfills.ts). */
const polyfilled = [forbiddenGlobals.globalThis, forbiddenMembers.fromEntries];

(built ? describe : describe.skip)('weapp build stays within base library ≥ 3.0.0 on iOS ≥ 12 / Android ≥ 8', () => {
  it('has files to check', () => expect(files.length).toBeGreaterThan(10));

  it('app.js carries the deliberate polyfills (globalThis, Object.fromEntries)', () => {
    const app = readFileSync(join(root, 'app.js'), 'utf8');
    expect(app).toMatch(/defineProperty\([^)]*,\s*"globalThis"/);
    expect(app).toMatch(/defineProperty\(Object,\s*"fromEntries"/);
  });

  it.each(files.map((f) => relative(root, f)))('%s: ES2017 syntax, no built-in newer than Safari 12.0 has', (file) => {
    const { syntax, uses } = scan(readFileSync(join(root, file), 'utf8'));
    const unexplained = uses.filter((u) => !polyfilled.includes(u));
    expect({ file, syntax, uses: unexplained }).toEqual({ file, syntax: undefined, uses: [] });
  });

  it('the scanner finds what it must refuse (so this check can fail)', () => {
    expect(scan('var a = b?.c;').syntax).toMatch(/Unexpected token/);
    expect(scan('a ??= 1;').syntax).toBeDefined();
    expect(scan('class A { x = 1 }').syntax).toBeDefined();
    expect(scan('/(?<=a)b/;').syntax).toBeDefined();
    expect(scan('Object.hasOwn(a, "b"); x.at(-1); s.replaceAll("a", "b"); Object.fromEntries([]);').uses).toHaveLength(4);
    expect(scan('d.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" });').uses).toHaveLength(1);
    expect(scan('Promise.allSettled([]); structuredClone(a); Promise.any([])').uses).toHaveLength(3);
    expect(scan('Array.prototype.at.call(a, -1); [].findLast(f);').uses).toHaveLength(2);
    expect(scan('if (typeof structuredClone === "function") {} [1].flat(); " a".trimStart(); var t = entry.at;').uses).toEqual([]);
  });
});
