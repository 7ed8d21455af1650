#!/usr/bin/env node
// Asserts on the built output that each platform got its own implementation of the per-platform files
// (miniprogram/src/**/name.weapp.ts / name.h5.ts) and nothing of the other:
//  - dist/h5 (the local host's browser build) never mentions callFunction (the WeChat cloud SDK);
//  - dist/weapp (the mini-program) never fetches '/api' and does not ship the local sign-in page.
// The positive checks (each bundle does contain its own transport) keep a wrong path or an empty
// build from passing. Run after `taro build --type h5` and `taro build --type weapp`.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const failures = [];
const fail = (msg) => failures.push(msg);

/** Every text file of a build (js, json, html, wxml, wxss, css). */
function bundle(dir) {
  const abs = path.join(root, dir);
  if (!existsSync(abs)) {
    fail(`${dir} is missing: run the ${path.basename(dir)} build first`);
    return [];
  }
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(js|json|html|wxml|wxss|css)$/.test(name)) out.push({ file: path.relative(root, p), text: readFileSync(p, 'utf8') });
    }
  };
  walk(abs);
  if (out.length === 0) fail(`${dir} has no built files`);
  return out;
}

// H5_DIR / WEAPP_DIR: check another build's output (a helper's own dist/h5-<name>); dist/h5, dist/weapp by default
const h5Dir = process.env.H5_DIR ?? 'dist/h5';
const weappDir = process.env.WEAPP_DIR ?? 'dist/weapp';
const h5 = bundle(h5Dir);
const weapp = bundle(weappDir);

const where = (files, re) => files.filter((f) => re.test(f.text)).map((f) => f.file);
const none = (files, re, what) => {
  const hits = where(files, re);
  if (hits.length) fail(`${what}: found in ${hits.join(', ')}`);
};
const some = (files, re, what) => {
  if (files.length && where(files, re).length === 0) fail(`${what}: not found`);
};

// h5: the fetch transport, never the cloud SDK.
none(h5, /callFunction/, 'dist/h5 must not contain callFunction');
some(h5, /fetch\(\s*["'`]\/api/, "dist/h5 must call fetch('/api…') (platform/transport.h5.ts)");
some(h5, /切换演示身份/, 'dist/h5 must offer the demo identity switch (components/SwitchIdentity.h5.tsx)');

// weapp: the cloud SDK, never the local host's HTTP API or its demo pages.
none(weapp, /fetch\(\s*["'`]\/api/, "dist/weapp must not contain fetch('/api");
none(weapp, /["'`]\/api\//, "dist/weapp must not contain a '/api/' URL");
none(weapp, /切换演示身份|本地演示/, 'dist/weapp must not contain the local demo sign-in texts');
some(weapp, /\.callFunction\(/, 'dist/weapp must call the cloud SDK (platform/transport.weapp.ts)');
const appJson = weapp.find((f) => f.file === path.join(weappDir, 'app.json'));
if (weapp.length && !appJson) fail('dist/weapp/app.json is missing');
if (appJson) {
  const { pages = [], subPackages = [] } = JSON.parse(appJson.text);
  const all = [...pages, ...subPackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))];
  if (all.some((p) => p.includes('signin'))) fail('dist/weapp/app.json lists the local sign-in page');
  if (!pages.includes('pages/index/index')) fail('dist/weapp/app.json lacks pages/index/index');
}
if (existsSync(path.join(root, weappDir, 'pages/signin'))) fail(`${weappDir} ships pages/signin`);

if (failures.length) {
  console.error(`check-bundles: ${failures.length} problem(s)\n  - ${failures.join('\n  - ')}`);
  process.exit(1);
}
console.log(`check-bundles: ok (${h5.length} h5 files, ${weapp.length} weapp files)`);
