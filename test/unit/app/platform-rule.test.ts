import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The lint rule "no platform checks outside per-platform files" (lint/no-platform-checks.grit, wired in
 * biome.json) must report real violations: the fixture is linted with the repository's own biome.json,
 * placed where app code lives, so a rule that matches nothing — or an override that covers nothing —
 * fails here.
 */
const root = path.resolve(__dirname, '../../..');
const biome = path.join(root, 'node_modules/.bin/biome');
const fixture = path.join(root, 'test/fixtures/lint/platform-check.ts');
const RULE_MESSAGE = 'Platform check outside a per-platform file';

/** The repository's biome.json with its plugin paths made absolute, in a scratch project. */
function scratchProject(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'platform-rule-'));
  const config = JSON.parse(readFileSync(path.join(root, 'biome.json'), 'utf8'));
  delete config.$schema;
  const absolute = (p: string) => path.resolve(root, p);
  if (config.plugins) config.plugins = config.plugins.map(absolute);
  for (const o of config.overrides ?? []) if (o.plugins) o.plugins = o.plugins.map(absolute);
  writeFileSync(path.join(dir, 'biome.json'), JSON.stringify(config));
  for (const [rel, from] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    cpSync(from, path.join(dir, rel));
  }
  return dir;
}

/** Plugin diagnostics per file: "file:line". */
function pluginDiagnostics(dir: string): string[] {
  let out: string;
  try {
    out = execFileSync(biome, ['lint', '--max-diagnostics=100', '.'], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    out = `${err.stdout ?? ''}${err.stderr ?? ''}`;
  }
  const found: string[] = [];
  const re = /^(\S+?):(\d+):\d+ plugin\b[^\n]*\n[\s\S]*?(?=^\S+:\d+:\d+ |\nChecked |$(?![\s\S]))/gm;
  for (const m of out.matchAll(re)) if (m[0].includes(RULE_MESSAGE)) found.push(`${m[1]}:${m[2]}`);
  return found.sort();
}

describe('lint rule: platform checks only in *.weapp.* / *.h5.* files', () => {
  let dir = '';
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reports every platform check in app code', () => {
    dir = scratchProject({ 'miniprogram/src/services/platform-check.ts': fixture });
    const lines = readFileSync(fixture, 'utf8').split('\n');
    const expected = lines
      .map((l, i) => (l.endsWith('// reported') ? i + 1 : 0))
      .filter((n) => n > 0)
      .map((n) => `miniprogram/src/services/platform-check.ts:${n}`);
    expect(expected.length).toBe(4);
    expect(pluginDiagnostics(dir)).toEqual(expected.sort());
  });

  it('allows the same code in per-platform files', () => {
    dir = scratchProject({
      'miniprogram/src/platform/check.weapp.ts': fixture,
      'miniprogram/src/platform/check.h5.ts': fixture,
    });
    expect(pluginDiagnostics(dir)).toEqual([]);
  });
});

/**
 * Taro resolves `./name` to name.<platform><ext> before name<ext>, trying the extensions in the order
 * .js, .jsx, .ts, .tsx: a contract file (name.ts, `declare`d exports only) shadows an implementation
 * with a later extension (name.weapp.tsx), and the build then ships a module without exports. Every
 * pair therefore has both platforms and a contract with the implementations' own extension.
 */
describe('per-platform files', () => {
  const src = path.join(root, 'miniprogram/src');
  const files = (readdirSync(src, { recursive: true }) as string[]).map((f) => f.split(path.sep).join('/'));
  // app.config.h5.ts is the exception: Taro reads app.config.<platform>.ts when it exists and falls
  // back to app.config.ts (the mini-program's pages), so a page config needs no pair.
  const pairs = files.filter((f) => /\.(weapp|h5)\.(ts|tsx)$/.test(f) && !/\.config\.(weapp|h5)\.ts$/.test(f));

  it('exist (the platform differences live in them)', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(16);
  });

  it.each(pairs)('%s has its other platform and a contract with the same extension', (f) => {
    const m = /^(.*)\.(weapp|h5)\.(ts|tsx)$/.exec(f)!;
    const [, base, platform, ext] = m;
    const other = platform === 'weapp' ? 'h5' : 'weapp';
    expect(files).toContain(`${base}.${other}.${ext}`);
    expect(files).toContain(`${base}.${ext}`);
    const shadowing = ['js', 'jsx', 'ts', 'tsx'].slice(0, ['js', 'jsx', 'ts', 'tsx'].indexOf(ext!)).map((e) => `${base}.${e}`);
    expect(files.filter((x) => shadowing.includes(x))).toEqual([]);
    const contract = readFileSync(path.join(src, `${base}.${ext}`), 'utf8');
    // The contract ships nothing: only declarations and types.
    expect(contract).not.toMatch(/^export (const|function|class|default)\b/m);
  });
});
