import { evaluateStation, type StationEvaluation } from '../../../shared/rules/assessment';
import type { StationRecord } from '../../../shared/schemas/records';
import { achievement, problem, research, settingsWith, station, tackling, training } from './fixtures';

// 第十二条(三)(四)(五): yearly counts of research, results, qualifying trainings, tackling, problems, achievements.
// Station plaqued 2025-01-01, plaque mode: year 1 is calendar 2025, closed from 2026-01-11 (10 backfill days).
const settings = settingsWith();
const CLOSED = '2026-01-11';
const req = (ev: StationEvaluation, key: string) => {
  const r = ev.requirements.find((x) => x.key === key);
  if (!r) throw new Error(`no requirement ${key}`);
  return r;
};
const evaluate = (records: StationRecord[], asOf = CLOSED, basis: 'all' | 'verified' = 'all') =>
  evaluateStation(station(), records, 1, settings, asOf, basis);
const times = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));
const dateIn2025 = (i: number) => `2025-${String((i % 12) + 1).padStart(2, '0')}-15`;

describe('第十二条(三) research: ≥2 studies a year [yiyang-station-2023:assessment.research-per-year]', () => {
  it.each([
    [0, 'failed', 2],
    [1, 'failed', 1],
    [2, 'met', 0],
    [3, 'met', 0],
  ])('%i studies → %s (shortfall %i)', (n, status, shortfall) => {
    expect(req(evaluate(times(n, (i) => research(dateIn2025(i)))), 'research')).toMatchObject({
      required: 2,
      actual: n,
      status,
      shortfall,
    });
  });
});

describe('第十二条(三) research results: ≥1 a year [yiyang-station-2023:assessment.research-results-per-year]', () => {
  it.each<[string, StationRecord[], number, string]>([
    ['no study has a result', [research('2025-03-01'), research('2025-04-01')], 0, 'failed'],
    ['one study has a result', [research('2025-03-01', { result: '调研报告' }), research('2025-04-01')], 1, 'met'],
    ['the result is dated in the next year', [research('2025-11-01', { result: '调研报告', resultDate: '2026-01-03' })], 0, 'failed'],
  ])('%s → %i result(s), %s', (_why, records, n, status) => {
    expect(req(evaluate(records), 'researchResults')).toMatchObject({ required: 1, actual: n, status });
  });
});

describe('第十二条(四) trainings: ≥2 a year, each with ≥50 trainees [yiyang-station-2023:assessment.trainings-per-year]', () => {
  it.each([
    [[49, 49], 0, 'failed'],
    [[49, 50], 1, 'failed'],
    [[50, 50], 2, 'met'],
    [[51, 120], 2, 'met'],
    [[45, 50, 51], 2, 'met'],
  ])('trainings of %o trainees → %i qualifying, %s', (trainees, qualifying, status) => {
    const r = req(evaluate(trainees.map((t, i) => training(dateIn2025(i), t))), 'qualifyingTrainings');
    expect(r).toMatchObject({ required: 2, actual: qualifying, status });
  });

  it('a training with too few trainees is recorded and the result says it was not counted', () => {
    const r = req(evaluate([training('2025-03-01', 45), training('2025-04-01', 50)]), 'qualifyingTrainings');
    expect(r.actual).toBe(1);
    expect(r.note).toBe('另有 1 场培训人次不足 50，已记录但不计入场次');
    expect(req(evaluate([training('2025-03-01', 50)]), 'qualifyingTrainings').note).toBe('');
  });
});

describe('第十二条(五) tackling ≥1, problems ≥2, achievements ≥2 [yiyang-station-2023:assessment.tackling-per-year] [yiyang-station-2023:assessment.problems-per-year] [yiyang-station-2023:assessment.achievements-per-year]', () => {
  it.each<[string, (d: string) => StationRecord, number, number, string]>([
    ['tackling', tackling, 0, 1, 'failed'],
    ['tackling', tackling, 1, 1, 'met'],
    ['problems', problem, 1, 2, 'failed'],
    ['problems', problem, 2, 2, 'met'],
    ['achievements', achievement, 1, 2, 'failed'],
    ['achievements', achievement, 3, 2, 'met'],
  ])('%s: %i recorded of %i required → %s', (key, make, n, required, status) => {
    expect(req(evaluate(times(n, (i) => make(dateIn2025(i)))), key)).toMatchObject({ required, actual: n, status, pass: status === 'met' });
  });
});

describe('verification basis', () => {
  const records = [problem('2025-03-01'), problem('2025-04-01', 'pending')];

  it('"all" counts the pending record, "verified" does not', () => {
    expect(req(evaluate(records), 'problems')).toMatchObject({ actual: 2, actualVerified: 1, status: 'met', shortfall: 0 });
    expect(req(evaluate(records, CLOSED, 'verified'), 'problems')).toMatchObject({
      actual: 2,
      actualVerified: 1,
      status: 'failed',
      shortfall: 1,
    });
  });
});

describe('an empty period', () => {
  it('before the year closes, every count is in progress and earns nothing', () => {
    const ev = evaluate([], '2025-06-01');
    for (const key of ['research', 'researchResults', 'qualifyingTrainings', 'tackling', 'problems', 'achievements']) {
      expect(req(ev, key)).toMatchObject({ actual: 0, status: 'inProgress', earned: 0, pass: false });
    }
  });

  it('once closed, every count has failed', () => {
    const ev = evaluate([]);
    expect(ev.requirements.every((r) => r.status === 'failed')).toBe(true);
    expect(ev.score).toBe(0);
    expect(ev.grade).toBe('不合格');
  });

  it('records of another year do not count', () => {
    expect(req(evaluate([tackling('2026-02-01'), tackling('2024-12-31')]), 'tackling').actual).toBe(0);
  });
});

describe('calendar mode, partial first year: counts are prorated and rounded up', () => {
  it('a station plaqued 15 Aug 2025 needs ⌈2 × 139/365⌉ = 1 study and 1 problem in 2025', () => {
    const cal = settingsWith({ yearMode: 'calendar' });
    const ev = evaluateStation(
      station({ plaqueDate: '2025-08-15' }),
      [research('2025-09-01'), problem('2025-10-01')],
      1,
      cal,
      '2026-02-01',
      'all',
    );
    expect(req(ev, 'research')).toMatchObject({ required: 1, status: 'met' });
    expect(req(ev, 'problems')).toMatchObject({ required: 1, status: 'met' });
    expect(req(ev, 'tackling')).toMatchObject({ required: 1, status: 'failed' });
    expect(req(ev, 'problems').label).toBe('第十二条（五）帮助企业破解技术难题不少于1个');
  });
});
