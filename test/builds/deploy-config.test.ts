import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cloudEnvConstant, envFileValue } from '../../config/cloud-env';
import { templateEnvName, templateKeys } from '../../shared/notify/templates';

/**
 * The deploy files written by `npm run build:functions` (scripts/build-functions.mjs), against the documented
 * shapes: the mini-program cloud function config.json takes `permissions.openapi` and `triggers` only
 * (developers.weixin.qq.com … wxcloud/guide/functions/triggers, 云调用 permissions); runtime, timeout and
 * environment variables are set through the CloudBase CLI's cloudbaserc.json (docs.cloudbase.net/cli-v1/functions/configs:
 * name, handler, runtime, timeout 1–60 s, installDependency, envVariables, triggers {name, type 'timer', config}).
 * The CLI cannot run here (it needs a Tencent login), so the files are checked instead. DEPLOY.md uses both.
 */
const root = JSON.parse(readFileSync('project.config.json', 'utf8')).cloudfunctionRoot.replace(/\/$/, '');
const fns = existsSync(root) ? readdirSync(root).sort() : [];
const rc = JSON.parse(readFileSync('cloudbaserc.json', 'utf8'));
type RcFunction = {
  name: string;
  handler: string;
  runtime: string;
  timeout: number;
  installDependency: boolean;
  envVariables: Record<string, string>;
  triggers: { name: string; type: string; config: string }[];
};
const entries: RcFunction[] = rc.functions;
const entry = (fn: string) => entries.find((e) => e.name === fn) as RcFunction;

describe('cloudbaserc.json (CloudBase CLI: runtime, timeout, env variables, triggers)', () => {
  it('has one entry per built function, rooted where the functions are built', () => {
    expect(fns.length).toBeGreaterThan(0);
    expect(entries.map((e) => e.name).sort()).toEqual(fns);
    expect(rc.functionRoot.replace(/^\.\//, '')).toBe(root);
    // {{env.*}} variables need the 2.0 file format; no environment id is committed.
    expect(rc.version).toBe('2.0');
    expect(rc.envId).toBe('{{env.CLOUD_ENV}}');
  });

  it.each(fns)('%s: a Node runtime the bundle can run on, a timeout above the 3 s default, installed dependencies', (fn) => {
    const e = entry(fn);
    const [, major, minor] = /^Nodejs(\d+)\.(\d+)$/.exec(e.runtime) ?? [];
    const version = Number(major) * 100 + Number(minor);
    // Object.hasOwn needs Node 16.9; the oldest CloudBase runtime with it is Nodejs16.13.
    expect(version).toBeGreaterThanOrEqual(1613);
    const code = readFileSync(join(root, fn, 'index.js'), 'utf8');
    if (code.includes('Object.hasOwn')) expect(version).toBeGreaterThanOrEqual(1609);
    expect(e.timeout).toBeGreaterThanOrEqual(20);
    expect(e.timeout).toBeLessThanOrEqual(60);
    expect(e.handler).toBe('index.main');
    expect(e.installDependency).toBe(true);
  });

  it('declares the daily reminders timer on reports, with a 7-field cron (seconds first), in both files', () => {
    const reports = entry('reports');
    expect(reports.triggers).toEqual([{ name: 'reminders', type: 'timer', config: expect.any(String) }]);
    const fields = (reports.triggers[0]?.config ?? '').split(' ');
    expect(fields).toHaveLength(7);
    expect(fields.slice(0, 3)).toEqual(['0', '0', '9']);
    for (const fn of fns) {
      for (const t of entry(fn).triggers) expect(t.name).toMatch(/^[A-Za-z][\w-]{0,59}$/);
      expect(JSON.parse(readFileSync(join(root, fn, 'config.json'), 'utf8')).triggers).toEqual(entry(fn).triggers);
    }
  });

  it('names every environment variable the code reads, and commits no value but fixed, non-secret ones', () => {
    // Every template of shared/notify/templates.ts (the one place they are described); templateIdFor reads
    // TEMPLATE_<KEY> (cloudfunctions/_kernel/env.ts) in identity (hands ids to the app) and reports (sends).
    expect(templateKeys.length).toBeGreaterThan(0);
    for (const fn of ['identity', 'reports'])
      for (const key of templateKeys) expect(entry(fn).envVariables[templateEnvName(key)]).toBe(`{{env.${templateEnvName(key)}}}`);
    const fixed = new Set(['TZ=Asia/Shanghai']);
    for (const e of entries) {
      for (const [name, value] of Object.entries(e.envVariables)) {
        if (!fixed.has(`${name}=${value}`)) expect({ name, value }).toEqual({ name, value: `{{env.${name}}}` });
      }
    }
    // .env.example lists every variable the operator must fill in, with no value.
    const example = readFileSync('.env.example', 'utf8');
    const needed = new Set([...JSON.stringify(rc).matchAll(/\{\{env\.(\w+)\}\}/g)].map((m) => m[1] ?? ''));
    for (const name of needed) expect(example).toMatch(new RegExp(`^${name}=$`, 'm'));
  });
});

describe('config.json (the documented mini-program cloud function config)', () => {
  it.each(fns)('%s carries only permissions.openapi and triggers', (fn) => {
    const config = JSON.parse(readFileSync(join(root, fn, 'config.json'), 'utf8'));
    expect(Object.keys(config).sort()).toEqual(['permissions', 'triggers']);
    expect(Object.keys(config.permissions)).toEqual(['openapi']);
    for (const api of config.permissions.openapi) expect(api).toMatch(/^\w+\.\w+$/);
  });
});

describe('the weapp build names its cloud environment (config/cloud-env.ts → Taro.cloud.init({ env }))', () => {
  it('a production weapp build without CLOUD_ENV fails with a message naming the variable', () => {
    expect(() => cloudEnvConstant('weapp', 'production', undefined)).toThrow(/CLOUD_ENV is not set/);
    expect(() => cloudEnvConstant('weapp', 'production', '  ')).toThrow(/CLOUD_ENV is not set/);
  });
  it('an id is inlined as a string constant; a malformed one is refused', () => {
    expect(cloudEnvConstant('weapp', 'production', 'kexie-prod-1a2b3c')).toBe('"kexie-prod-1a2b3c"');
    expect(() => cloudEnvConstant('weapp', 'production', 'prod"; alert(1)')).toThrow(/not a cloud environment id/);
  });
  it('development weapp builds and the h5 build need none', () => {
    expect(cloudEnvConstant('weapp', 'development', undefined)).toBe('""');
    expect(cloudEnvConstant('h5', 'production', undefined)).toBe('""');
  });
  it('the app passes the constant to Taro.cloud.init', () => {
    expect(readFileSync('miniprogram/src/platform/init.weapp.ts', 'utf8')).toMatch(/cloud\.init\(\{\s*env:\s*CLOUD_ENV\b/);
  });
});

describe('scripts/use-cloud-env.mjs (an environment file is complete before the CLI deploys from it)', () => {
  const complete =
    'CLOUD_ENV=kexie-prod-1a2b3c\nTEMPLATE_STATIONDAYSSHORT=AbCdEfGhIjKlMnOp-123\nTEMPLATE_STATIONTEAMSHORT=QrStUvWxYz0123-456\n' +
    'TEMPLATE_APPLICATIONRETURNED=RtRtRtRtRtRt-789\nTEMPLATE_APPLICATIONOUTCOME=OcOcOcOcOcOc-012\nTEMPLATE_POSTAWARDCHECKDUE=-\n';
  // Runs in a scratch directory holding a copy of cloudbaserc.json, so the repository's .env.local is never touched.
  const run = (text: string, ...flags: string[]) => {
    const dir = mkdtempSync(join(tmpdir(), 'deploy-env-'));
    copyFileSync('cloudbaserc.json', join(dir, 'cloudbaserc.json'));
    writeFileSync(join(dir, 'production.env'), text);
    const r = spawnSync(process.execPath, [join(process.cwd(), 'scripts/use-cloud-env.mjs'), 'production.env', ...flags], {
      cwd: dir,
      encoding: 'utf8',
    });
    return { ...r, dir };
  };
  it('accepts a file that sets every variable cloudbaserc.json names and makes it .env.local', () => {
    const r = run(complete);
    expect({ status: r.status, err: r.stderr }).toEqual({ status: 0, err: '' });
    expect(readFileSync(join(r.dir, '.env.local'), 'utf8')).toBe(complete);
    // …which is where the weapp build takes its environment id from.
    expect(envFileValue(join(r.dir, '.env.local'), 'CLOUD_ENV')).toBe('kexie-prod-1a2b3c');
  });
  it('refuses a file with a variable missing, empty or malformed, naming it, and copies nothing', () => {
    const missing = run(complete.replace(/TEMPLATE_STATIONTEAMSHORT=.*\n/, ''));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('TEMPLATE_STATIONTEAMSHORT is missing or empty');
    expect(existsSync(join(missing.dir, '.env.local'))).toBe(false);
    expect(run(complete.replace('CLOUD_ENV=kexie-prod-1a2b3c', 'CLOUD_ENV=')).stderr).toContain('CLOUD_ENV is missing or empty');
    expect(run(complete.replace('AbCdEfGhIjKlMnOp-123', 'short')).stderr).toContain('TEMPLATE_STATIONDAYSSHORT is not well-formed');
  });
  it('--check copies nothing; the committed example (no values) is refused', () => {
    const checked = run(complete, '--check');
    expect(checked.status).toBe(0);
    expect(existsSync(join(checked.dir, '.env.local'))).toBe(false);
    expect(run(readFileSync('.env.example', 'utf8')).status).toBe(1);
  });
});
