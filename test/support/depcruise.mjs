// Runs dependency-cruiser over several trees in one process, each from its own folder, with one config:
//   node test/support/depcruise.mjs <config> '[{"cwd": "...", "dirs": ["..."]}, ...]'
// and prints, per tree, the rule violations as JSON. One process instead of one CLI run per tree keeps the boundary
// test (test/unit/boundaries.test.ts) fast; the options are the config's own, as `depcruise --config` uses them.
import { cruise } from 'dependency-cruiser';
import extractDepcruiseConfig from 'dependency-cruiser/config-utl/extract-depcruise-config';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const [configFile, jobs] = process.argv.slice(2);
const config = await extractDepcruiseConfig(configFile);
const tsConfig = extractTSConfig(config.options.tsConfig.fileName);
const out = [];
for (const { cwd, dirs } of JSON.parse(jobs)) {
  // paths in the result are relative to the working folder, so a fixture tree reads like the repository's
  process.chdir(cwd);
  const r = await cruise(dirs, { ...config.options, validate: true, ruleSet: config, outputType: 'json' }, {}, { tsConfig });
  const result = typeof r.output === 'string' ? JSON.parse(r.output) : r.output;
  out.push(result.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to })));
}
process.stdout.write(JSON.stringify(out));
