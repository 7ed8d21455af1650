// Prints the weapp main-package and total sizes and fails over budget.
// Budget: main package ≤ 800 KB (this stage); WeChat's hard limit is 2 MB per package.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

// WEAPP_DIR: another build's output (a helper's own dist/weapp-<name>); dist/weapp by default
const root = process.env.WEAPP_DIR ?? 'dist/weapp';
const MAIN_BUDGET = 800 * 1024;
const HARD_LIMIT = 2 * 1024 * 1024;
const walk = (dir) =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [{ path: p.slice(root.length + 1), size: statSync(p).size }];
  });
const files = walk(root).filter((f) => !f.path.endsWith('.map'));
const app = JSON.parse(readFileSync(join(root, 'app.json'), 'utf8'));
const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));
const sizes = { main: 0 };
for (const r of roots) sizes[r] = 0;
for (const f of files) {
  const r = roots.find((x) => f.path.startsWith(`${x}/`));
  sizes[r ?? 'main'] += f.size;
}
const total = files.reduce((s, f) => s + f.size, 0);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log('weapp package sizes (production build, .map excluded):');
for (const [k, v] of Object.entries(sizes)) console.log(`  ${k.padEnd(22)} ${kb(v)}`);
console.log(`  ${'total'.padEnd(22)} ${kb(total)}`);
console.log(`  main budget ${kb(MAIN_BUDGET)}, WeChat limit ${kb(HARD_LIMIT)} per package`);
let failed = false;
if (sizes.main > MAIN_BUDGET) {
  console.error(`main package ${kb(sizes.main)} exceeds the ${kb(MAIN_BUDGET)} budget`);
  failed = true;
}
for (const [k, v] of Object.entries(sizes))
  if (v > HARD_LIMIT) {
    console.error(`${k} ${kb(v)} exceeds WeChat's 2 MB limit`);
    failed = true;
  }
process.exit(failed ? 1 : 0);
