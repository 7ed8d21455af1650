import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The tests run from a fresh clone with nothing beside it: no path a test file names may leave the repository
 * (the policy documents they check against are in seeds/, as data). Checked statically over every file in test/:
 * relative imports, `join`/`resolve(__dirname, …)` built from literals, and absolute paths into the workspace.
 */
const root = resolve(__dirname, '../..');
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : /\.(ts|tsx|mjs|cjs|js)$/.test(p) ? [p] : [];
  });
const files = walk(join(root, 'test'));
const outside = (p: string) => relative(root, p).startsWith('..');

it('finds the test files', () => {
  expect(files.length).toBeGreaterThan(50);
});

it('no test file imports from outside the repository', () => {
  const offenders: string[] = [];
  for (const f of files) {
    const src = readFileSync(f, 'utf8');
    for (const m of src.matchAll(/(?:from\s+|import\(\s*|require\(\s*)'(\.{1,2}\/[^']*)'/g)) {
      if (outside(resolve(dirname(f), m[1]!))) offenders.push(`${relative(root, f)}: ${m[1]}`);
    }
  }
  expect(offenders).toEqual([]);
});

it('no test file builds a path from __dirname that leaves the repository', () => {
  const offenders: string[] = [];
  let seen = 0;
  for (const f of files) {
    const src = readFileSync(f, 'utf8');
    for (const m of src.matchAll(/\b(?:join|resolve)\(\s*__dirname\s*((?:,\s*'[^']*'\s*)*)[,)]/g)) {
      seen++;
      const parts = [...m[1]!.matchAll(/'([^']*)'/g)].map((x) => x[1]!);
      if (outside(resolve(dirname(f), ...parts))) offenders.push(`${relative(root, f)}: ${m[0]}`);
    }
  }
  expect(seen).toBeGreaterThan(0); // the pattern finds the __dirname paths the tests do build
  expect(offenders).toEqual([]);
});

it('no test file names the workspace or the documents beside the repository', () => {
  const offenders = files
    .filter((f) => f !== __filename)
    .filter((f) => /['"`]\/work\/|\.\.\/shared\/seeds/.test(readFileSync(f, 'utf8')))
    .map((f) => relative(root, f));
  expect(offenders).toEqual([]);
});
