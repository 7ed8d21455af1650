// Bundles each cloud function (one folder per deployed function) with shared/ inlined and
// wx-server-sdk external, into project.config.json's cloudfunctionRoot, each with a package.json
// WeChat installs in the cloud and the documented mini-program config.json (permissions.openapi and
// triggers, nothing else: DevTools ignores other keys there).
// Runtime, timeout and environment variables are environment settings, so they go, with the same
// triggers, into cloudbaserc.json for the CloudBase CLI (`tcb fn deploy`): one table below is the
// source of both files (DEPLOY.md says how each is used).
// Also writes the database collection list, indexes and permission settings from the code's
// collection registry (database/), so the files never drift from what the code queries.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);

const project = JSON.parse(readFileSync('project.config.json', 'utf8'));
// FUNCTIONS_OUT: build the bundles elsewhere (parallel work; the cloud tier reads them with CLOUD_TIER_BUNDLES).
// cloudbaserc.json is then left alone: it must name the folder DevTools and the CLI deploy from.
const defaultRoot = project.cloudfunctionRoot.replace(/\/$/, '');
const outRoot = (process.env.FUNCTIONS_OUT ?? defaultRoot).replace(/\/$/, '');
const fns = readdirSync('cloudfunctions').filter((d) => !d.startsWith('_') && existsSync(join('cloudfunctions', d, 'index.ts')));
rmSync(outRoot, { recursive: true, force: true });

const sdkVersion = JSON.parse(readFileSync('node_modules/wx-server-sdk/package.json', 'utf8')).version;
// The bundles use Object.hasOwn (Node ≥ 16.9), `??=` and `node:` requires: the oldest CloudBase Node
// runtime that has them is Nodejs16.13, and esbuild targets exactly that version.
const runtime = 'Nodejs16.13';
const nodeTarget = `node${runtime.replace(/^Nodejs/, '')}`;
// Seconds; the platform default is 3 s, too short for a cold start plus a transaction retry or the daily reminders.
const timeout = 20;
// Third-party packages a function uses are bundled in too, except wx-server-sdk (installed in the cloud).
// Reminders run daily at 09:00 China time through a timer trigger on `reports` (7 cron fields, seconds first;
// the code computes China dates with a fixed offset, never from TZ).
const triggersFor = { reports: [{ name: 'reminders', type: 'timer', config: '0 0 9 * * * *' }] };
const openapiFor = {
  stations: ['subscribeMessage.send', 'security.msgSecCheck'],
  applications: ['security.msgSecCheck'],
  reports: ['subscribeMessage.send'],
  org: ['security.msgSecCheck'],
  awards: ['security.msgSecCheck', 'subscribeMessage.send'],
};
// Environment variables each function reads (cloudfunctions/_kernel/env.ts: TEMPLATE_<KEY> per subscription
// template, the keys from shared/notify/templates.ts — the one place templates are described). `identity`
// hands the ids to the app (it must pass them to requestSubscribeMessage), `reports` sends with them. Values
// are per cloud environment and never committed, here or in config.json: cloudbaserc.json names them as
// {{env.NAME}}, which the CLI fills from the uncommitted .env.local (.deploy/<env>.env, see DEPLOY.md §0).
const loadTs = async (entry) => {
  const out = await build({ entryPoints: [entry], bundle: true, write: false, platform: 'node', format: 'cjs', logLevel: 'warning' });
  const mod = { exports: {} };
  new Function('module', 'exports', 'require', out.outputFiles[0].text)(mod, mod.exports, (id) => require(id));
  return mod.exports;
};
const { templateKeys, templateEnvName } = await loadTs('shared/notify/templates.ts');
const templateVars = templateKeys.map(templateEnvName);
const envFromDeployFile = { identity: templateVars, reports: templateVars };
const fixedEnv = { TZ: 'Asia/Shanghai' };
for (const fn of fns) {
  const dir = join(outRoot, fn);
  mkdirSync(dir, { recursive: true });
  const result = await build({
    entryPoints: [join('cloudfunctions', fn, 'index.ts')],
    outfile: join(dir, 'index.js'),
    bundle: true,
    platform: 'node',
    target: nodeTarget,
    format: 'cjs',
    external: ['wx-server-sdk'],
    minify: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });
  const inputs = Object.keys(result.metafile.inputs);
  const leaked = inputs.filter((p) => /(^|\/)local\//.test(p) || p.includes('better-sqlite3'));
  if (leaked.length) throw new Error(`${fn}: the local host must never be bundled into a cloud function: ${leaked.join(', ')}`);
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: fn, version: '1.0.0', main: 'index.js', dependencies: { 'wx-server-sdk': sdkVersion } }, null, 2)}\n`,
  );
  writeFileSync(
    join(dir, 'config.json'),
    `${JSON.stringify({ permissions: { openapi: openapiFor[fn] ?? [] }, triggers: triggersFor[fn] ?? [] }, null, 2)}\n`,
  );
  console.log(`  ${fn.padEnd(14)} ${(statSync(join(dir, 'index.js')).size / 1024).toFixed(1)} KB`);
}

// CloudBase CLI configuration (version 2.0 for {{env.*}} variables). envId and the variable values come from
// the uncommitted .env.local; the CLI replaces a function's whole variable set on deploy, so every name is listed.
if (outRoot === defaultRoot)
  writeFileSync(
    'cloudbaserc.json',
    `${JSON.stringify(
      {
        version: '2.0',
        envId: '{{env.CLOUD_ENV}}',
        functionRoot: `./${outRoot}`,
        functions: fns.map((fn) => ({
          name: fn,
          handler: 'index.main',
          runtime,
          timeout,
          installDependency: true,
          envVariables: { ...fixedEnv, ...Object.fromEntries((envFromDeployFile[fn] ?? []).map((k) => [k, `{{env.${k}}}`])) },
          triggers: triggersFor[fn] ?? [],
        })),
      },
      null,
      2,
    )}\n`,
  );

// Database files from the registry (compiled on the fly with esbuild, no TS runtime needed).
const reg = await build({
  entryPoints: ['cloudfunctions/_kernel/db/collections.ts'],
  bundle: true,
  write: false,
  platform: 'node',
  format: 'cjs',
});
const mod = { exports: {} };
new Function('module', 'exports', 'require', reg.outputFiles[0].text)(mod, mod.exports, () => ({}));
const { collections } = mod.exports;
mkdirSync('database', { recursive: true });
writeFileSync(
  'database/collections.json',
  `${JSON.stringify(
    collections.map((c) => ({
      name: c.name,
      description: c.description,
      // Every collection admin-only: clients never read or write directly; all access goes through cloud functions.
      permission: { read: false, write: false },
      securityRule: { read: false, write: false },
      indexes: c.indexes.map((ix) => ({
        name: ix.fields.join('_').replace(/\./g, '_'),
        unique: false,
        keys: ix.fields.map((f) => ({ name: f, direction: '1' })),
      })),
    })),
    null,
    2,
  )}\n`,
);
console.log(
  `cloud functions built into ${outRoot}/ (${fns.length}); ${outRoot === defaultRoot ? 'cloudbaserc.json; ' : ''}database/collections.json (${collections.length} collections)`,
);
