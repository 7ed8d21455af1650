import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The local identity path (X-Local-Openid, the demo sign-in, local-* openids) must never reach a
 * cloud bundle; the deployable files must match what the code uses. Runs on the output of
 * `npm run build:functions`: this is the `builds` jest project, which scripts/test-all.sh runs after the builds
 * (the unit and handler projects need no build).
 */
const root = 'dist/cloudfunctions';
const fns = existsSync(root) ? readdirSync(root) : [];

describe('cloud function bundles', () => {
  it('exist for every function folder (build:functions ran)', () => {
    const sources = readdirSync('cloudfunctions').filter((d) => !d.startsWith('_') && existsSync(join('cloudfunctions', d, 'index.ts')));
    expect(sources.length).toBeGreaterThan(0);
    expect(fns.sort()).toEqual(sources.sort());
  });
  it.each(fns)('%s contains no local identity path and keeps wx-server-sdk external', (fn) => {
    const code = readFileSync(join(root, fn, 'index.js'), 'utf8');
    for (const needle of ['x-local-openid', 'X-Local-Openid', '/api/_local', 'local-p-', 'better-sqlite3', 'LOCAL_TEST_CLOCK']) {
      expect({ fn, needle, found: code.includes(needle) }).toEqual({ fn, needle, found: false });
    }
    expect(code).toMatch(/require\(["']wx-server-sdk["']\)/);
    expect(code).toContain('getWXContext');
  });
  it.each(fns)('%s ships a package.json WeChat can install and a timeout above 3 s', (fn) => {
    const pkg = JSON.parse(readFileSync(join(root, fn, 'package.json'), 'utf8'));
    expect(pkg.dependencies).toEqual({ 'wx-server-sdk': expect.stringMatching(/^\d+\.\d+\.\d+$/) });
    // The timeout is an environment setting: config.json does not take it, cloudbaserc.json does (deploy-config.test.ts).
    const rc = JSON.parse(readFileSync('cloudbaserc.json', 'utf8'));
    expect(rc.functions.find((f: { name: string }) => f.name === fn)?.timeout).toBeGreaterThan(3);
  });
});
