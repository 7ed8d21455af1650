/**
 * Rules report: every programme, every rule it states, and the tests that cover each rule.
 *
 *   npx tsx scripts/rules-report.ts            static scan of test/**\/*.test.ts for tags
 *   npx tsx scripts/rules-report.ts --run      run the unit tests (jest --json) and count PASSING tests only
 *   npx tsx scripts/rules-report.ts --jest f   read an existing `jest --json` result file
 *   add --strict to exit 1 when a rule is uncovered, a tag is stale or a tagged test fails
 *
 * Coverage is derived, never declared: a test covers a rule when its name (describe/it title, or a
 * row of its table) carries the tag `[<programmeId>:<ruleId>]`. A tag naming no rule is reported as
 * STALE, so a typo cannot claim coverage.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { type Programme, programmeIds, programmes } from '../shared/programmes';
import { type RuleEntry, type RuleGroup, ruleCatalogue } from '../shared/programmes/catalogue';

export const TAG_RE = /\[([a-z0-9-]+):([a-z0-9.-]+)\]/g;

export interface TagHit {
  programmeId: string;
  ruleId: string;
  file: string;
  /** 1-based line of the tag (static scan); 0 when read from jest results */
  line: number;
  /** the test's name as written (static) or as run (jest) */
  test: string;
  /** jest mode: did that test pass? static mode: null (not run) */
  passed: boolean | null;
}

const TITLE_CALL = /\b(?:describe|it|test)(?:\.(?:each|only|skip|concurrent))?\s*\(\s*(['"`])((?:\\.|(?!\1).)*)\1/;
const CURRIED_TITLE = /\)\s*\(\s*(['"`])((?:\\.|(?!\1).)*)\1/;

/**
 * The test name a tag on line `index` belongs to: the title on that line; else, for a table row, the
 * title of the `.each(...)(title)` call that follows the table; else the nearest title above.
 */
export function titleFor(lines: readonly string[], index: number): string {
  const own = lines[index]!;
  const direct = TITLE_CALL.exec(own) ?? CURRIED_TITLE.exec(own);
  if (direct) return direct[2]!;
  for (let i = index + 1; i < Math.min(lines.length, index + 120); i++) {
    const m = CURRIED_TITLE.exec(lines[i]!);
    if (m) return `${m[2]}（表格第 ${index + 1} 行）`;
    if (TITLE_CALL.test(lines[i]!)) break;
  }
  for (let i = index - 1; i >= 0; i--) {
    const m = TITLE_CALL.exec(lines[i]!);
    if (m) return m[2]!;
  }
  return '（未找到测试名）';
}

/** Every tag in one test file's text. */
export function findTags(text: string, file: string): TagHit[] {
  const lines = text.split('\n');
  const hits: TagHit[] = [];
  lines.forEach((line, i) => {
    for (const m of line.matchAll(TAG_RE)) {
      hits.push({ programmeId: m[1]!, ruleId: m[2]!, file, line: i + 1, test: titleFor(lines, i), passed: null });
    }
  });
  return hits;
}

/** Tags in jest --json results: one hit per tag per test, with its outcome. */
export function tagsFromJestResults(results: unknown, root: string): TagHit[] {
  const hits: TagHit[] = [];
  const files =
    (results as { testResults?: { name: string; assertionResults: { fullName: string; status: string }[] }[] }).testResults ?? [];
  for (const f of files) {
    for (const a of f.assertionResults) {
      for (const m of a.fullName.matchAll(TAG_RE)) {
        hits.push({
          programmeId: m[1]!,
          ruleId: m[2]!,
          file: relative(root, f.name),
          line: 0,
          test: a.fullName,
          passed: a.status === 'passed',
        });
      }
    }
  }
  return hits;
}

function testFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : testFiles(path);
    return /\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

export function scanTests(root: string): TagHit[] {
  return testFiles(join(root, 'test')).flatMap((file) => findTags(readFileSync(file, 'utf8'), relative(root, file)));
}

export interface ProgrammeCoverage {
  programmeId: string;
  rules: { rule: RuleEntry; hits: TagHit[] }[];
}

export interface Coverage {
  programmes: ProgrammeCoverage[];
  /** tags naming no programme or no rule of it */
  stale: TagHit[];
  uncovered: number;
  /** jest mode: rules whose tagged tests include a failing one */
  failing: number;
  total: number;
}

export function computeCoverage(catalogues: Record<string, RuleEntry[]>, hits: readonly TagHit[]): Coverage {
  const byKey = new Map<string, TagHit[]>();
  for (const h of hits) {
    const key = `${h.programmeId}:${h.ruleId}`;
    byKey.set(key, [...(byKey.get(key) ?? []), h]);
  }
  const known = new Set<string>();
  const out: ProgrammeCoverage[] = Object.entries(catalogues).map(([programmeId, rules]) => ({
    programmeId,
    rules: rules.map((rule) => {
      const key = `${programmeId}:${rule.ruleId}`;
      known.add(key);
      return { rule, hits: byKey.get(key) ?? [] };
    }),
  }));
  const all = out.flatMap((p) => p.rules);
  const covered = (hs: TagHit[]) => hs.some((h) => h.passed !== false);
  return {
    programmes: out,
    stale: hits.filter((h) => !known.has(`${h.programmeId}:${h.ruleId}`)),
    uncovered: all.filter((r) => !covered(r.hits)).length,
    failing: all.filter((r) => r.hits.some((h) => h.passed === false)).length,
    total: all.length,
  };
}

const groupTitles: Record<RuleGroup, string> = {
  eligibility: '申报条件',
  veto: '不予受理 / 一票否决',
  placement: '建站位置',
  levelRestriction: '级别限制',
  limit: '数量限制',
  materials: '申报材料',
  stage: '审核环节（按顺序）',
  publicity: '公示',
  award: '授牌 / 立项',
  cycle: '周期与时限',
  funding: '资助',
  expense: '经费开支范围',
  penalty: '处理措施',
  rubric: '评审评分细则',
  assessment: '考核指标（第十二条）',
  postAward: '立项后：任务书、预算、检查验收、拨付、处理',
  scope: '发布范围（谁启用、谁受理、谁办理）',
};

export function renderReport(coverage: Coverage, mode: 'static' | 'jest', extra: readonly Programme[] = []): string {
  const out: string[] = [];
  for (const pc of coverage.programmes) {
    const p = programmes[pc.programmeId as keyof typeof programmes] ?? extra.find((x) => x.id === pc.programmeId)!;
    out.push('', '═'.repeat(100));
    out.push(`${p.id}  ${p.title}`);
    out.push(
      `  ${p.city} · ${p.issuer.join('、')} · ${p.year ?? '年份未注明'} · ${p.provenance.kind === 'seed' ? `种子 ${p.provenance.file}` : `《${p.provenance.title}》（${p.provenance.issuer}，${p.provenance.date}）`}`,
    );
    out.push(
      `  申报类别：${p.kinds.map((k) => `${k.id}（${k.label}，${k.applicantType === 'hostUnit' ? '建站单位申报' : '学会申报'}）`).join('；')}`,
    );
    let group: RuleGroup | null = null;
    for (const { rule, hits } of pc.rules) {
      if (rule.group !== group) {
        group = rule.group;
        out.push('', `  ── ${groupTitles[group]}`);
      }
      const failing = hits.some((h) => h.passed === false);
      const ok = hits.some((h) => h.passed !== false);
      const mark = failing ? '✘ FAILING  ' : ok ? '✔ ' : '✘ UNCOVERED ';
      out.push(`  ${mark}${rule.ruleId}  〔${rule.clause}〕 ${rule.text}`);
      const shown = hits.slice(0, 3);
      for (const h of shown) {
        const where = h.line > 0 ? `${h.file}:${h.line}` : h.file;
        const status = h.passed === null ? '' : h.passed ? ' [passed]' : ' [FAILED]';
        out.push(`        ↳ ${where}  ${h.test}${status}`);
      }
      if (hits.length > shown.length) out.push(`        ↳ …另有 ${hits.length - shown.length} 处`);
    }
    out.push('', '  ── 说明（种子未写明或需要取舍之处）', ...p.notes.map((n) => `  · ${n}`));
  }
  out.push('', '═'.repeat(100));
  for (const h of coverage.stale)
    out.push(`STALE TAG [${h.programmeId}:${h.ruleId}] in ${h.file}${h.line ? `:${h.line}` : ''} — no such rule`);
  out.push(
    `${mode === 'jest' ? '按测试运行结果（仅计通过的测试）' : '按测试文件静态扫描（未运行测试；用 --run 只计通过的测试）'}：` +
      `规则 ${coverage.total} 条，已覆盖 ${coverage.total - coverage.uncovered} 条，UNCOVERED ${coverage.uncovered} 条` +
      `${mode === 'jest' ? `，含失败测试 ${coverage.failing} 条` : ''}，STALE 标签 ${coverage.stale.length} 个。`,
  );
  return out.join('\n');
}

/** The built-in programmes' catalogues, plus any the caller registers (the tests' own programmes). */
export function catalogues(extra: readonly Programme[] = []): Record<string, RuleEntry[]> {
  return Object.fromEntries([...programmeIds.map((id) => programmes[id]), ...extra].map((p) => [p.id, ruleCatalogue(p)]));
}

export interface MainDeps {
  root: string;
  print: (text: string) => void;
  /** runs the unit tests, writing jest --json results to `outputFile` */
  runJest: (root: string, outputFile: string) => void;
  /** programmes the tests register beside the built-in ones (the sixth programme), reported with their tests */
  extraProgrammes?: () => readonly Programme[];
}

const defaultDeps: MainDeps = {
  root: join(__dirname, '..'),
  // the tests' own programmes (test/fixtures/programmes), read only when the report runs
  extraProgrammes: () => (require('../test/fixtures/programmes') as { fixtureProgrammes: Programme[] }).fixtureProgrammes,
  print: (text) => console.log(text),
  runJest: (root, outputFile) => {
    try {
      execFileSync('npx', ['jest', '--selectProjects', 'unit', '--json', '--outputFile', outputFile, '--silent'], {
        cwd: root,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
    } catch {
      // failing tests still write the result file; they are reported as FAILING
    }
  },
};

/** Prints the report; returns the exit code. */
export function main(argv: readonly string[], deps: MainDeps = defaultDeps): number {
  const { root } = deps;
  const strict = argv.includes('--strict');
  let hits: TagHit[];
  let mode: 'static' | 'jest' = 'static';
  const jestFile = argv[argv.indexOf('--jest') + 1];
  if (argv.includes('--jest') && jestFile) {
    hits = tagsFromJestResults(JSON.parse(readFileSync(jestFile, 'utf8')), root);
    mode = 'jest';
  } else if (argv.includes('--run')) {
    const file = join(mkdtempSync(join(tmpdir(), 'rules-report-')), 'jest.json');
    deps.runJest(root, file);
    hits = tagsFromJestResults(JSON.parse(readFileSync(file, 'utf8')), root);
    mode = 'jest';
  } else {
    hits = scanTests(root);
  }
  const extra = deps.extraProgrammes?.() ?? [];
  const coverage = computeCoverage(catalogues(extra), hits);
  deps.print(renderReport(coverage, mode, extra));
  const problems = coverage.uncovered + coverage.stale.length + coverage.failing;
  return strict && problems > 0 ? 1 : 0;
}

/* istanbul ignore next -- entry point when run as a script */
if (require.main === module) process.exitCode = main(process.argv.slice(2));
