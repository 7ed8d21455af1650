// Makes one cloud environment the active one: checks its deploy file (.deploy/test.env or
// .deploy/production.env, never committed; .env.example lists the variables) and copies it to .env.local,
// the one file both tools read: the CloudBase CLI fills cloudbaserc.json's {{env.NAME}} from it, and the weapp
// build takes CLOUD_ENV from it (config/cloud-env.ts), so the app and the functions always target the same
// environment. Every {{env.NAME}} must have a well-formed value: the CLI replaces a function's whole set of
// environment variables on deploy, so a missing template id would silently switch reminders off there.
// Usage: node scripts/use-cloud-env.mjs .deploy/production.env [--check]   (--check: check only, copy nothing)
import { copyFileSync, readFileSync } from 'node:fs';

const [file, flag] = process.argv.slice(2);
if (!file || (flag && flag !== '--check')) {
  console.error('usage: node scripts/use-cloud-env.mjs <.deploy/test.env | .deploy/production.env> [--check]');
  process.exit(2);
}
const values = Object.fromEntries(
  readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#') && line.includes('='))
    .map((line) => [line.slice(0, line.indexOf('=')).trim(), line.slice(line.indexOf('=') + 1).trim()]),
);
const names = [...new Set([...readFileSync('cloudbaserc.json', 'utf8').matchAll(/\{\{env\.(\w+)\}\}/g)].map((m) => m[1]))];
// Same shapes the code accepts: config/cloud-env.ts for the environment id, cloudfunctions/_kernel/env.ts for template ids
// (a single '-': the account's category offers no such template; the code reads it as not configured).
const shapeOf = (name) =>
  name === 'CLOUD_ENV' ? /^[a-z][a-z0-9-]{2,62}$/i : name.startsWith('TEMPLATE_') ? /^(?:[\w-]{10,100}|-)$/ : /^\S+$/;
const problems = names.flatMap((name) => {
  const v = values[name];
  if (!v) return [`${name} is missing or empty`];
  return shapeOf(name).test(v) ? [] : [`${name} is not well-formed`];
});
if (problems.length) {
  console.error(`${file}: ${problems.join('; ')} (see .env.example and DEPLOY.md)`);
  process.exit(1);
}
if (flag !== '--check') copyFileSync(file, '.env.local');
console.log(
  `${file}: ${names.length} variables set; ${flag === '--check' ? 'checked' : '.env.local now targets'} cloud environment ${values.CLOUD_ENV}`,
);
