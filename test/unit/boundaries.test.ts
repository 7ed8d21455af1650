import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The dependency rules of .dependency-cruiser.cjs are proven, not trusted: each rule has a small tree under
 * test/fixtures/depcruise/<rule>/ that breaks exactly that rule (and, where a neighbour is allowed, shows it is not
 * reported). The fixture is cruised from its own folder with the real config, so its paths read like the
 * repository's (`cloudfunctions/…`, `shared/…`) and a rule whose pattern matches nothing fails here.
 */
const root = resolve(__dirname, '../..');
const fixtures = join(root, 'test/fixtures/depcruise');
const configFile = join(root, '.dependency-cruiser.cjs');
const config: { forbidden: { name: string }[] } = require(configFile);

type Violation = { rule: string; from: string; to: string };
const byEdge = (a: Violation, b: Violation) => `${a.from}>${a.to}`.localeCompare(`${b.from}>${b.to}`);

/** Every fixture tree and the real tree, cruised in one process (test/support/depcruise.mjs). */
const trees = [
  ...readdirSync(fixtures).map((rule) => ({ name: rule, cwd: join(fixtures, rule), dirs: readdirSync(join(fixtures, rule)) })),
  { name: '(repository)', cwd: root, dirs: ['shared', 'cloudfunctions', 'local', 'miniprogram/src'] },
];
const reported = new Map<string, Violation[]>();
beforeAll(() => {
  const jobs = trees.map(({ cwd, dirs }) => ({ cwd, dirs }));
  const r = spawnSync(process.execPath, [join(root, 'test/support/depcruise.mjs'), configFile, JSON.stringify(jobs)], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`dependency-cruiser failed (exit ${r.status}): ${r.stderr}`);
  const out = JSON.parse(r.stdout) as Violation[][];
  for (const [i, t] of trees.entries()) reported.set(t.name, [...(out[i] ?? [])].sort(byEdge));
}, 180_000);

/** What each fixture must report — nothing more (e.g. the kernel's own store may use _kernel/db/). */
const expected: Record<string, Violation[]> = {
  'local-host-not-in-functions': [
    { rule: 'local-host-not-in-functions', from: 'cloudfunctions/_kernel/router.ts', to: 'local/functions.ts' },
  ],
  'functions-no-db': [{ rule: 'functions-no-db', from: 'cloudfunctions/stations/actions/log.ts', to: 'cloudfunctions/_kernel/db/port.ts' }],
  'store-no-api': [{ rule: 'store-no-api', from: 'cloudfunctions/_kernel/store/applications.ts', to: 'shared/api/applications.ts' }],
  // one report per cycle, on the edge where the cruise first closes it
  'no-circular': [{ rule: 'no-circular', from: 'shared/rules/a.ts', to: 'shared/rules/b.ts' }],
  'shared-no-platform': [{ rule: 'shared-no-platform', from: 'shared/calendar/clock.ts', to: 'fs' }],
  'shared-no-outside': [{ rule: 'shared-no-outside', from: 'shared/rules/facts.ts', to: 'cloudfunctions/stations/function.ts' }],
  'shared-only-allowed-libs': [
    { rule: 'shared-only-allowed-libs', from: 'shared/rules/sample.ts', to: expect.stringMatching(/node_modules\/fast-check\//) },
  ],
  'app-no-server': [
    { rule: 'app-no-server', from: 'miniprogram/src/pages/home/db.ts', to: expect.stringMatching(/node_modules\/better-sqlite3\//) },
    { rule: 'app-no-server', from: 'miniprogram/src/pages/home/index.tsx', to: 'cloudfunctions/stations/function.ts' },
  ],
};

it('every rule in the config has a violating fixture, and every fixture names a rule', () => {
  const rules = config.forbidden.map((r) => r.name).sort();
  expect(readdirSync(fixtures).sort()).toEqual(rules);
  expect(Object.keys(expected).sort()).toEqual(rules);
});

describe.each(Object.keys(expected))('fixture %s', (rule) => {
  it('is reported by exactly that rule, on exactly the violating imports', () => {
    expect(reported.get(rule)).toEqual(expected[rule]);
  });
});

it('the real tree breaks no rule', () => {
  expect(reported.get('(repository)')).toEqual([]);
});
