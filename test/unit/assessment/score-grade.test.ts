import {
  agreementPercentsAsOf,
  clauseKeys,
  evaluateFromTally,
  evaluateStation,
  gradeOf,
  prorate,
  type StationEvaluation,
  sumContributions,
} from '../../../shared/rules/assessment';
import type { StationRecord } from '../../../shared/schemas/records';
import { agreement, fullYearRecords, problem, settingsWith, station, tackling } from './fixtures';

// 第十二条: 按百分制进行打分，评估等次设优秀、合格、不合格. Weights and cut-offs are our documented defaults.
const settings = settingsWith();
const CLOSED = '2026-01-11';
const evaluate = (records: StationRecord[], s = settings, asOf = CLOSED) => evaluateStation(station(), records, 1, s, asOf, 'all');
const withoutKind = (records: StationRecord[], kind: StationRecord['kind']) => records.filter((r) => r.kind !== kind);
const clause = (ev: StationEvaluation, key: string) => ev.clauses.find((c) => c.clause === key);

describe('a station meeting every requirement exactly', () => {
  const ev = evaluate(fullYearRecords());

  it('scores 100 and is 优秀', () => {
    expect(ev.score).toBe(100);
    expect(ev.grade).toBe('优秀');
    expect(ev.final).toBe(true);
    expect(ev.gradeReason).toBe('得分 100 分（优秀 ≥ 90 分，合格 ≥ 60 分）');
  });

  it('reports every clause of 第十二条 with its weight and earned points', () => {
    expect(ev.breakdown.map((b) => [b.clause, b.weight, b.earned])).toEqual([
      ['agreement', 20, 20],
      ['serviceDays', 30, 30],
      ['research', 15, 15],
      ['training', 15, 15],
      ['outcomes', 20, 20],
    ]);
    expect(ev.clauses.every((c) => c.pass && c.status === 'met')).toBe(true);
    expect(ev.requirements.map((r) => r.key)).toEqual([
      'agreement',
      'daysPerQuarter',
      'daysPerYear',
      'research',
      'researchResults',
      'qualifyingTrainings',
      'tackling',
      'problems',
      'achievements',
    ]);
    expect(ev.requirements.every((r) => r.label.startsWith('第十二条（'))).toBe(true);
  });
});

describe('proportional partial credit (default)', () => {
  it('one of two problems earns half the problems share: 20/3 × 1/2', () => {
    const records = withoutKind(fullYearRecords(), 'problem').concat(problem('2025-06-01'));
    const ev = evaluate(records);
    expect(ev.requirements.find((r) => r.key === 'problems')?.earned).toBeCloseTo(20 / 6, 2);
    expect(ev.score).toBeCloseTo(100 - 20 / 6, 1);
  });

  // Issue 14 (decided reading of 第十二条): the five items are minimum requirements, so by default a missed
  // one makes the year 不合格 (it used to cap the grade at 合格); the score itself is unchanged.
  it('missing the whole 技术攻关 loses its share and, as a missed minimum requirement, makes the year 不合格', () => {
    const ev = evaluate(withoutKind(fullYearRecords(), 'tackling'));
    expect(ev.score).toBeCloseTo(100 - 20 / 3, 1);
    expect(ev.score).toBeGreaterThanOrEqual(90);
    expect(clause(ev, 'outcomes')).toMatchObject({ pass: false, status: 'failed' });
    expect(ev.grade).toBe('不合格');
    expect(ev.gradeReason).toContain('评为不合格');
    expect(ev.gradeReason).toContain('组织开展技术攻关不少于1次：差 1 次');
  });

  it('the previous rule stays available to a city that chooses it: a miss caps the grade at 合格', () => {
    const ev = evaluate(withoutKind(fullYearRecords(), 'tackling'), settingsWith({ grade: { failedClauseCap: 'qualified' } }));
    expect(ev.grade).toBe('合格');
    expect(ev.gradeReason).toContain('最高评为合格');
    expect(ev.gradeReason).toContain('技术攻关');
  });

  it('a 50% agreement in year 1 earns the full agreement weight; 25% earns half', () => {
    const records = withoutKind(fullYearRecords(), 'agreement');
    expect(evaluate(records.concat(agreement('2025-12-01', 25))).breakdown[0]?.earned).toBe(10);
  });
});

describe('all-or-nothing partial credit', () => {
  it('one of two problems earns nothing of the problems share', () => {
    const s = settingsWith({ partialCredit: { outcomes: 'allOrNothing' } });
    const records = withoutKind(fullYearRecords(), 'problem').concat(problem('2025-06-01'));
    expect(evaluate(records, s).requirements.find((r) => r.key === 'problems')?.earned).toBe(0);
  });

  it('9 days in one quarter loses that expert-quarter entirely', () => {
    const s = settingsWith({ partialCredit: { serviceDays: 'allOrNothing' } });
    const records = fullYearRecords().filter((r, i) => !(r.kind === 'serviceDay' && i === 0));
    const ev = evaluate(records, s);
    // quarterly: 3 of 4 quarters (15 × 3/4); yearly: 39 < 40 → 0
    expect(ev.requirements.find((r) => r.key === 'daysPerQuarter')?.earned).toBeCloseTo(11.25, 2);
    expect(ev.requirements.find((r) => r.key === 'daysPerYear')?.earned).toBe(0);
  });
});

describe('grade cut-offs (gradeOf) [yiyang-station-2023:assessment.grade]', () => {
  const met = [{ label: 'x', status: 'met' as const }];
  it.each([
    [100, '优秀'],
    [90, '优秀'],
    [89.9, '合格'],
    [60, '合格'],
    [59.9, '不合格'],
    [0, '不合格'],
  ])('%d points → %s', (score, grade) => {
    expect(gradeOf(score, met, settings, true).grade).toBe(grade);
  });

  describe('a failed clause', () => {
    const failed = [
      { label: '第十二条（四）科技骨干培训', status: 'failed' as const },
      { label: '第十二条（五）技术攻关', status: 'met' as const },
    ];
    it.each([
      ['none', 95, '优秀'],
      ['qualified', 95, '合格'],
      ['qualified', 70, '合格'],
      ['qualified', 50, '不合格'],
      ['unqualified', 95, '不合格'],
      ['unqualified', 50, '不合格'],
      ['fail', 95, '不合格'],
      ['fail', 50, '不合格'],
    ] as const)('with cap "%s" and %d points → %s', (cap, score, grade) => {
      const s = settingsWith({ grade: { failedClauseCap: cap } });
      const r = gradeOf(score, failed, s, true);
      expect(r.grade).toBe(grade);
      if (cap !== 'none' && cap !== 'qualified') expect(r.reason).toContain('评为不合格');
    });

    it('an in-progress clause does not cap the grade', () => {
      expect(gradeOf(95, [{ label: 'x', status: 'inProgress' }], settings, false).grade).toBe('优秀');
    });
  });

  it('follows a programme that sets other cut-offs', () => {
    const s = settingsWith({ grade: { excellentMin: 85, passMin: 70 } });
    expect(gradeOf(86, [], s, true).grade).toBe('优秀');
    expect(gradeOf(69, [], s, true).grade).toBe('不合格');
  });

  it('says when the result is provisional', () => {
    expect(gradeOf(50, [], settings, false).reason).toContain('暂定');
    expect(gradeOf(50, [], settings, true).reason).not.toContain('暂定');
  });
});

describe('mid-year the score is what has been banked', () => {
  it('is provisional and never above the year-end score of the same records', () => {
    const records = fullYearRecords();
    const mid = evaluate(
      records.filter((r) => r.date <= '2025-06-30'),
      settings,
      '2025-06-30',
    );
    const end = evaluate(records);
    expect(mid.provisional).toBe(true);
    expect(mid.grade).toBe('不合格');
    expect(mid.score).toBeLessThan(end.score);
    expect(mid.requirements.filter((r) => r.status === 'failed')).toEqual([]);
  });

  it('a quarter already closed short fails mid-year and caps the grade at once', () => {
    const records = fullYearRecords().filter((r, i) => !(r.kind === 'serviceDay' && i === 0));
    const ev = evaluate(records, settings, '2025-06-30');
    expect(clause(ev, 'serviceDays')?.status).toBe('failed');
  });
});

describe('weights [yiyang-station-2023:assessment.weights]', () => {
  it('another weighting changes the score, not the pass/fail of each requirement', () => {
    const s = settingsWith({ weights: { agreement: 10, serviceDays: 50, research: 10, training: 10, outcomes: 20 } });
    const records = withoutKind(fullYearRecords(), 'tackling');
    const a = evaluate(records);
    const b = evaluate(records, s);
    expect(b.score).toBeCloseTo(100 - 20 / 3, 1);
    expect(b.breakdown.map((x) => x.weight)).toEqual([10, 50, 10, 10, 20]);
    expect(b.requirements.map((r) => r.status)).toEqual(a.requirements.map((r) => r.status));
  });

  it('the breakdown adds up to the score', () => {
    const ev = evaluate(withoutKind(fullYearRecords(), 'research').concat(tackling('2025-02-01')));
    const sum = ev.breakdown.reduce((acc, b) => acc + b.earned, 0);
    expect(ev.score).toBeCloseTo(sum, 1);
    expect(ev.breakdown.map((b) => b.clause)).toEqual([...clauseKeys]);
  });
});

describe('evaluateFromTally', () => {
  it('gives the same result as evaluateStation over the records', () => {
    const records = fullYearRecords(['e1', 'e2']);
    const st = station({ expertIds: ['e1', 'e2'] });
    const tally = sumContributions(records, st, settings);
    const fromTally = evaluateFromTally(st, tally, agreementPercentsAsOf(records, '2025-12-31'), 1, settings, '2025-09-01', 'verified');
    expect(fromTally).toEqual(evaluateStation(st, records, 1, settings, '2025-09-01', 'verified'));
  });
});

describe('prorate', () => {
  it.each([
    [10, 1, 10],
    [10, 0.3, 3],
    [10, 0.31, 4],
    [40, 139 / 365, 16],
    [2, 0.01, 1],
    [0, 0.5, 0],
  ])('prorate(%i, %d) = %i', (base, fraction, expected) => {
    expect(prorate(base, fraction)).toBe(expected);
  });
});
