// Bundles each cloud function (one folder per deployed function) with shared/ inlined and
// wx-server-sdk external, into project.config.json's cloudfunctionRoot, each with a package.json
// WeChat installs in the cloud and a config.json whose timeout is above the 3 s default.
// Also writes the database collection list, indexes and permission settings from the code's
// collection registry (database/), so the files never drift from what the code queries.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const project = JSON.parse(readFileSync('project.config.json', 'utf8'));
const outRoot = project.cloudfunctionRoot.replace(/\/$/, '');
const fns = readdirSync('cloudfunctions').filter((d) => !d.startsWith('_') && existsSync(join('cloudfunctions', d, 'index.ts')));
rmSync(outRoot, { recursive: true, force: true });

const sdkVersion = JSON.parse(readFileSync('node_modules/wx-server-sdk/package.json', 'utf8')).version;
// Third-party packages a function uses are bundled in too, except wx-server-sdk (installed in the cloud).
// Reminders run daily at 09:00 (China time: TZ is set below) through a timer trigger on `reports`.
const triggersFor = { reports: [{ name: 'reminders', type: 'timer', config: '0 0 9 * * * *' }] };
const openapiFor = {
  stations: ['subscribeMessage.send', 'security.msgSecCheck'],
  applications: ['security.msgSecCheck'],
  reports: ['subscribeMessage.send'],
};
for (const fn of fns) {
  const dir = join(outRoot, fn);
  mkdirSync(dir, { recursive: true });
  const result = await build({
    entryPoints: [join('cloudfunctions', fn, 'index.ts')],
    outfile: join(dir, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node16',
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
    `${JSON.stringify({ permissions: { openapi: openapiFor[fn] ?? [] }, triggers: triggersFor[fn] ?? [], timeout: 20, envVariables: { TZ: 'Asia/Shanghai' } }, null, 2)}\n`,
  );
  console.log(`  ${fn.padEnd(14)} ${(statSync(join(dir, 'index.js')).size / 1024).toFixed(1)} KB`);
}

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
console.log(`cloud functions built into ${outRoot}/ (${fns.length}); database/collections.json (${collections.length} collections)`);
