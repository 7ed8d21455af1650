import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  catalogues,
  computeCoverage,
  findTags,
  main,
  renderReport,
  scanTests,
  tagsFromJestResults,
  titleFor,
} from '../../../scripts/rules-report';
import { fixtureProgrammes } from '../../fixtures/programmes';

const root = join(__dirname, '..', '..', '..');
/** Builds a tag at run time, so this file's own examples are not read as tags by the scanner. */
const tag = (programmeId: string, ruleId: string) => `[${programmeId}:${ruleId}]`;

describe('finding tags in test files', () => {
  it('takes the title of the describe/it on the tag line', () => {
    const text = [`describe('${tag('p', 'eligibility.x')} when y', () => {`, `  it('${tag('p', 'veto.z')} blocks', () => {});`].join('\n');
    expect(findTags(text, 'a.test.ts')).toEqual([
      { programmeId: 'p', ruleId: 'eligibility.x', file: 'a.test.ts', line: 1, test: `${tag('p', 'eligibility.x')} when y`, passed: null },
      { programmeId: 'p', ruleId: 'veto.z', file: 'a.test.ts', line: 2, test: `${tag('p', 'veto.z')} blocks`, passed: null },
    ]);
  });
  it('takes the title of the .each call that follows a table row', () => {
    const lines = ['const rows = [', `  ['${tag('p', 'limit.a')}', 1],`, '];', "describe.each(rows)('%s limit', (tag) => {"];
    expect(titleFor(lines, 1)).toBe('%s limit（表格第 2 行）');
  });
  it('stops looking ahead at the next plain test and takes the one above', () => {
    const lines = ["describe('outer', () => {", `  const t = '${tag('p', 'x')}';`, "  it('inner', () => {", '  });', '  foo()(`later`);'];
    expect(titleFor(lines, 1)).toBe('outer');
  });
  it('finds no test files where there is no test folder', () => {
    expect(scanTests(join(root, 'shared'))).toEqual([]);
  });
  it('scans nested test folders but not node_modules', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scan-'));
    mkdirSync(join(dir, 'test', 'unit'), { recursive: true });
    mkdirSync(join(dir, 'test', 'node_modules'), { recursive: true });
    writeFileSync(join(dir, 'test', 'unit', 'a.test.ts'), `it('${tag('p', 'a')} x', () => {});`);
    writeFileSync(join(dir, 'test', 'unit', 'helper.ts'), `it('${tag('p', 'b')} x', () => {});`);
    writeFileSync(join(dir, 'test', 'node_modules', 'c.test.ts'), `it('${tag('p', 'c')} x', () => {});`);
    expect(scanTests(dir).map((h) => `${h.file}:${h.ruleId}`)).toEqual(['test/unit/a.test.ts:a']);
  });
  it('falls back to the nearest title above, or says none was found', () => {
    expect(titleFor(["it('outer', () => {", '  const a = 1;', `  const t = "${tag('p', 'x')}";`], 2)).toBe('outer');
    expect(titleFor([`const t = "${tag('p', 'x')}";`], 0)).toBe('（未找到测试名）');
  });
  it('reads several tags on one line', () => {
    expect(findTags(`it('${tag('p', 'a')} ${tag('p', 'b')} both', () => {})`, 'f').map((h) => h.ruleId)).toEqual(['a', 'b']);
  });
  it('reads tags and outcomes from jest --json results', () => {
    const results = {
      testResults: [
        {
          name: '/repo/test/x.test.ts',
          assertionResults: [
            { fullName: `${tag('p', 'a')} works`, status: 'passed' },
            { fullName: `${tag('p', 'b')} breaks`, status: 'failed' },
          ],
        },
      ],
    };
    expect(tagsFromJestResults(results, '/repo')).toEqual([
      { programmeId: 'p', ruleId: 'a', file: 'test/x.test.ts', line: 0, test: `${tag('p', 'a')} works`, passed: true },
      { programmeId: 'p', ruleId: 'b', file: 'test/x.test.ts', line: 0, test: `${tag('p', 'b')} breaks`, passed: false },
    ]);
    expect(tagsFromJestResults({}, '/repo')).toEqual([]);
  });
});

describe('coverage', () => {
  const cat = {
    p: [
      { ruleId: 'a', group: 'eligibility' as const, clause: '第一条', text: '甲' },
      { ruleId: 'b', group: 'veto' as const, clause: '第二条', text: '乙' },
    ],
  };
  const hit = (ruleId: string, passed: boolean | null, programmeId = 'p') => ({
    programmeId,
    ruleId,
    file: 'f',
    line: 1,
    test: 't',
    passed,
  });
  it('counts a rule covered only by a tag naming it', () => {
    const c = computeCoverage(cat, [hit('a', null), hit('c', null), hit('a', null, 'q')]);
    expect(c).toMatchObject({ total: 2, uncovered: 1, failing: 0 });
    expect(c.stale.map((h) => `${h.programmeId}:${h.ruleId}`)).toEqual(['p:c', 'q:a']);
  });
  it('does not count a failing test as coverage', () => {
    expect(computeCoverage(cat, [hit('a', false), hit('b', true)])).toMatchObject({ uncovered: 1, failing: 1 });
  });
  it('every rule of every programme outside 第十二条 has a tagged test, and no tag in the repo is stale', () => {
    const coverage = computeCoverage(catalogues(fixtureProgrammes), scanTests(root));
    const uncovered = coverage.programmes.flatMap((p) =>
      p.rules.filter((r) => r.hits.length === 0 && r.rule.group !== 'assessment').map((r) => `${p.programmeId}:${r.rule.ruleId}`),
    );
    expect(uncovered).toEqual([]);
    expect(coverage.stale.map((h) => `${h.file}:${h.line} [${h.programmeId}:${h.ruleId}]`)).toEqual([]);
  });
  it('prints programmes, rules, tests and the totals', () => {
    const text = renderReport(computeCoverage(catalogues(), scanTests(root)), 'static');
    expect(text).toContain('yiyang-station-2023  益阳市重点产业领域学会服务站建设管理办法（试行）');
    expect(text).toContain('✔ limit.city-per-round  〔第十二条〕');
    expect(text).toContain('test/unit/rules/eligibility.test.ts');
    expect(text).toMatch(/规则 \d+ 条，已覆盖 \d+ 条，UNCOVERED \d+ 条，STALE 标签 \d+ 个。$/);
    const failing = renderReport(
      computeCoverage({ 'wuhan-award': [{ ruleId: 'publicity', group: 'publicity', clause: '四(二)', text: '公示' }] }, [
        { programmeId: 'wuhan-award', ruleId: 'publicity', file: 'f', line: 0, test: 't', passed: false },
        { programmeId: 'wuhan-award', ruleId: 'nope', file: 'f', line: 0, test: 't', passed: true },
      ]),
      'jest',
    );
    expect(failing).toContain('✘ FAILING  publicity');
    expect(failing).toContain('[FAILED]');
    expect(failing).toContain(`STALE TAG ${tag('wuhan-award', 'nope')} in f — no such rule`);
    expect(failing).toContain('含失败测试 1 条');
  });
});

describe('the command', () => {
  const run = (argv: string[], runJest = (_root: string, _file: string) => {}) => {
    const printed: string[] = [];
    const code = main(argv, { root, print: (t) => printed.push(t), runJest });
    return { code, text: printed.join('\n') };
  };
  const jestFile = (assertionResults: { fullName: string; status: string }[]) => {
    const file = join(mkdtempSync(join(tmpdir(), 'report-test-')), 'r.json');
    writeFileSync(file, JSON.stringify({ testResults: [{ name: join(root, 'test/unit/x.test.ts'), assertionResults }] }));
    return file;
  };

  it('prints to the console when run with its default wiring', () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => {});
    try {
      expect(main([])).toBe(0);
      expect(String(log.mock.calls[0]?.[0])).toContain('yiyang-station-2023');
    } finally {
      log.mockRestore();
    }
  });
  it('names the file and line of a stale tag found by scanning', () => {
    const text = renderReport(
      computeCoverage({}, [{ programmeId: 'p', ruleId: 'x', file: 'a.test.ts', line: 3, test: 't', passed: null }]),
      'static',
    );
    expect(text).toContain(`STALE TAG ${tag('p', 'x')} in a.test.ts:3 — no such rule`);
  });
  it('scans the test files by default and exits 0', () => {
    const { code, text } = run([]);
    expect(code).toBe(0);
    expect(text).toContain('按测试文件静态扫描');
  });
  it('with --strict exits 1 while a rule is uncovered', () => {
    const file = jestFile([{ fullName: `${tag('wuhan-award', 'publicity')} ok`, status: 'passed' }]);
    const { code, text } = run(['--jest', file, '--strict']);
    expect(code).toBe(1);
    expect(text).toContain('按测试运行结果');
    expect(text).toMatch(/✔ publicity[\s\S]*test\/unit\/x\.test\.ts/);
    expect(run(['--jest', file]).code).toBe(0);
  });
  it('with --strict exits 1 on a stale tag, and --jest without a file scans statically', () => {
    const file = jestFile([{ fullName: `${tag('wuhan-award', 'no-such-rule')} ok`, status: 'passed' }]);
    const { code, text } = run(['--jest', file, '--strict']);
    expect(code).toBe(1);
    expect(text).toContain(`STALE TAG ${tag('wuhan-award', 'no-such-rule')} in test/unit/x.test.ts — no such rule`);
    expect(run(['--jest']).text).toContain('按测试文件静态扫描');
  });
  it('shows at most three tests per rule and counts the rest', () => {
    const many = Array.from({ length: 5 }, (_, i) => ({ fullName: `${tag('wuhan-award', 'publicity')} case ${i}`, status: 'passed' }));
    expect(run(['--jest', jestFile(many)]).text).toContain('↳ …另有 2 处');
  });
  it('with --run runs the unit tests and reads their results', () => {
    const calls: string[] = [];
    const { text } = run(['--run'], (r, f) => {
      calls.push(r);
      writeFileSync(f, JSON.stringify({ testResults: [] }));
    });
    expect(calls).toEqual([root]);
    expect(text).toContain('UNCOVERED');
  });
});
