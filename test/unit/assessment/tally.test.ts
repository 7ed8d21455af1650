import fc from 'fast-check';
import {
  agreementPercentAsOf,
  agreementPercentsAsOf,
  applyDeltas,
  diffContributions,
  isCounted,
  readTally,
  recordContributions,
  sumContributions,
  type Tally,
  tallyKey,
} from '../../../shared/rules/assessment';
import type { RecordStatus, StationRecord } from '../../../shared/schemas/records';
import { achievement, agreement, problem, research, serviceDay, settingsWith, tackling, training } from './fixtures';

const settings = settingsWith();
const st = { plaqueDate: '2025-01-01', expertIds: ['e1', 'e2'] };

describe('what one record contributes to the tally', () => {
  describe('by status: pending counts as unverified, confirmed as verified, disputed/withdrawn not at all', () => {
    it.each<[RecordStatus, { all: number; verified: number } | null]>([
      ['pending', { all: 1, verified: 0 }],
      ['confirmed', { all: 1, verified: 1 }],
      ['disputed', null],
      ['withdrawn', null],
    ])('%s', (status, cell) => {
      const cs = recordContributions(serviceDay('e1', '2025-05-10', status), st, settings);
      expect(cs).toEqual(cell ? [{ metric: 'days', yearIndex: 1, quarter: 2, expertId: 'e1', ...cell }] : []);
    });
  });

  describe('第十二条(四): a training qualifies only with ≥ 50 trainees [yiyang-station-2023:assessment.trainees-per-training]', () => {
    it.each([
      [49, ['trainings']],
      [50, ['trainings', 'qualifyingTrainings']],
      [51, ['trainings', 'qualifyingTrainings']],
      [45, ['trainings']],
    ])('%i trainees → %o', (trainees, metrics) => {
      expect(recordContributions(training('2025-05-10', trainees), st, settings).map((c) => c.metric)).toEqual(metrics);
    });

    it('follows a programme that sets another threshold', () => {
      const s30 = settingsWith({ thresholds: { traineesPerTraining: 30 } });
      expect(recordContributions(training('2025-05-10', 45), st, s30).map((c) => c.metric)).toEqual(['trainings', 'qualifyingTrainings']);
    });
  });

  describe('第十二条(三): research and its result', () => {
    it.each<[string, StationRecord, [string, number][]]>([
      ['no result yet', research('2025-05-10'), [['research', 1]]],
      ['a blank result is no result', research('2025-05-10', { result: '   ' }), [['research', 1]]],
      [
        'result without its own date counts in the year of the research',
        research('2025-05-10', { result: '报告' }),
        [
          ['research', 1],
          ['researchResults', 1],
        ],
      ],
      [
        'result dated in the next year counts there',
        research('2025-11-10', { result: '报告', resultDate: '2026-01-05' }),
        [
          ['research', 1],
          ['researchResults', 2],
        ],
      ],
      [
        'research before the plaque date counts nothing, its later result still counts',
        research('2024-11-10', { result: '报告', resultDate: '2025-02-01' }),
        [['researchResults', 1]],
      ],
    ])('%s', (_why, record, expected) => {
      expect(recordContributions(record, st, settings).map((c) => [c.metric, c.yearIndex])).toEqual(expected);
    });
  });

  it.each<[string, StationRecord, string]>([
    ['技术攻关', tackling('2025-05-10'), 'tackling'],
    ['技术难题', problem('2025-05-10'), 'problems'],
    ['成果转化', achievement('2025-05-10'), 'achievements'],
  ])('第十二条(五): a %s record counts one %s', (_why, record, metric) => {
    expect(recordContributions(record, st, settings)).toEqual([
      { metric, yearIndex: 1, quarter: null, expertId: null, all: 1, verified: 1 },
    ]);
  });

  it('第十二条(一): agreement progress is not a counter', () => {
    expect(recordContributions(agreement('2025-05-10', 60), st, settings)).toEqual([]);
  });

  it('a service day before the plaque date counts nothing', () => {
    expect(recordContributions(serviceDay('e1', '2024-12-31'), st, settings)).toEqual([]);
    expect(recordContributions(tackling('2024-12-31'), st, settings)).toEqual([]);
  });

  it('a service day by someone outside the current team is still tallied (team changes need no rebuild)', () => {
    expect(recordContributions(serviceDay('e9', '2025-05-10'), st, settings)).toHaveLength(1);
  });

  it('calendar mode puts a day in the calendar quarter of the calendar-year index', () => {
    const cal = settingsWith({ yearMode: 'calendar' });
    const c = recordContributions(serviceDay('e1', '2026-08-01'), { plaqueDate: '2025-08-15' }, cal);
    expect(c).toEqual([{ metric: 'days', yearIndex: 2, quarter: 3, expertId: 'e1', all: 1, verified: 1 }]);
  });
});

describe('which statuses count (records.ts: pending unverified, confirmed verified)', () => {
  it.each<[RecordStatus, boolean, boolean]>([
    ['pending', true, false],
    ['confirmed', true, true],
    ['disputed', false, false],
    ['withdrawn', false, false],
  ])('%s: counts on "all" %p, on "verified" %p', (status, all, verified) => {
    expect(isCounted(status, 'all')).toBe(all);
    expect(isCounted(status, 'verified')).toBe(verified);
  });
});

describe('tally keys', () => {
  it('are stable strings naming metric, year, quarter and expert', () => {
    expect(tallyKey({ metric: 'days', yearIndex: 2, quarter: 3, expertId: 'e1' })).toBe('days|2|3|e1');
    expect(tallyKey({ metric: 'problems', yearIndex: 1, quarter: null, expertId: null })).toBe('problems|1|-|-');
  });
});

describe('summing and diffing contributions', () => {
  const records = [
    serviceDay('e1', '2025-01-05'),
    serviceDay('e1', '2025-01-06', 'pending'),
    serviceDay('e2', '2025-04-06'),
    serviceDay('e2', '2025-04-07', 'disputed'),
    training('2025-03-01', 50),
    training('2025-03-02', 49, 'pending'),
    problem('2025-03-03', 'withdrawn'),
  ];

  it('sums records into counters', () => {
    const t = sumContributions(records, st, settings);
    expect(readTally(t, 'days', 1, 1, 'e1')).toEqual({ all: 2, verified: 1 });
    expect(readTally(t, 'days', 1, 2, 'e2')).toEqual({ all: 1, verified: 1 });
    expect(readTally(t, 'trainings', 1)).toEqual({ all: 2, verified: 1 });
    expect(readTally(t, 'qualifyingTrainings', 1)).toEqual({ all: 1, verified: 1 });
    expect(readTally(t, 'problems', 1)).toEqual({ all: 0, verified: 0 });
    expect(Object.keys(t).sort()).toEqual(['days|1|1|e1', 'days|1|2|e2', 'qualifyingTrainings|1|-|-', 'trainings|1|-|-']);
  });

  it.each<[string, StationRecord | null, StationRecord | null, { key: string; all: number; verified: number }[]]>([
    ['create pending', null, serviceDay('e1', '2025-01-05', 'pending'), [{ key: 'days|1|1|e1', all: 1, verified: 0 }]],
    [
      'confirm',
      serviceDay('e1', '2025-01-05', 'pending'),
      serviceDay('e1', '2025-01-05', 'confirmed'),
      [{ key: 'days|1|1|e1', all: 0, verified: 1 }],
    ],
    [
      'dispute a confirmed day',
      serviceDay('e1', '2025-01-05'),
      serviceDay('e1', '2025-01-05', 'disputed'),
      [{ key: 'days|1|1|e1', all: -1, verified: -1 }],
    ],
    [
      'withdraw a pending day',
      serviceDay('e1', '2025-01-05', 'pending'),
      serviceDay('e1', '2025-01-05', 'withdrawn'),
      [{ key: 'days|1|1|e1', all: -1, verified: 0 }],
    ],
    [
      'move a day across the quarter edge',
      serviceDay('e1', '2025-03-31'),
      serviceDay('e1', '2025-04-01'),
      [
        { key: 'days|1|1|e1', all: -1, verified: -1 },
        { key: 'days|1|2|e1', all: 1, verified: 1 },
      ],
    ],
    [
      'edit trainees 49 → 50',
      training('2025-03-01', 49),
      training('2025-03-01', 50),
      [{ key: 'qualifyingTrainings|1|-|-', all: 1, verified: 1 }],
    ],
    ['edit a note only', tackling('2025-03-01'), tackling('2025-03-01'), []],
    ['delete (after = null)', problem('2025-03-01', 'pending'), null, [{ key: 'problems|1|-|-', all: -1, verified: 0 }]],
  ])('%s', (_why, before, after, expected) => {
    const deltas = diffContributions(before, after, st, settings);
    expect(deltas.map((d) => ({ key: tallyKey(d), all: d.all, verified: d.verified }))).toEqual(expected);
  });

  it('applyDeltas returns a new tally and drops cells that reach zero', () => {
    const before: Tally = { 'days|1|1|e1': { all: 1, verified: 0 } };
    const after = applyDeltas(before, diffContributions(serviceDay('e1', '2025-01-05', 'pending'), null, st, settings));
    expect(after).toEqual({});
    expect(before).toEqual({ 'days|1|1|e1': { all: 1, verified: 0 } });
  });

  describe('property: the fold of diffs over any edit sequence equals the sum of the final records', () => {
    const statuses: RecordStatus[] = ['pending', 'confirmed', 'disputed', 'withdrawn'];
    const makers: ((date: string, status: RecordStatus, n: number) => StationRecord)[] = [
      (d, s, n) => serviceDay(n % 2 ? 'e1' : 'e2', d, s),
      (d, s, n) => training(d, 40 + n, s),
      (d, s, n) => research(d, { status: s, result: n % 2 ? '成果' : '' }),
      (d, s) => tackling(d, s),
      (d, s) => problem(d, s),
      (d, s) => achievement(d, s),
      (d, s, n) => agreement(d, n * 5, s),
    ];
    const dateArb = fc.integer({ min: 0, max: 800 }).map((i) => new Date(Date.UTC(2024, 11, 1 + i)).toISOString().slice(0, 10));
    const editArb = fc.record({
      slot: fc.integer({ min: 0, max: 5 }),
      kind: fc.integer({ min: 0, max: makers.length - 1 }),
      date: dateArb,
      status: fc.constantFrom(...statuses),
      n: fc.integer({ min: 0, max: 20 }),
      remove: fc.boolean(),
    });

    it('holds for create/confirm/dispute/withdraw/edit/delete sequences', () => {
      fc.assert(
        fc.property(
          fc.array(editArb, { maxLength: 40 }),
          fc.constantFrom(settingsWith(), settingsWith({ yearMode: 'calendar' })),
          (edits, s) => {
            const current = new Map<number, StationRecord>();
            let tally: Tally = {};
            for (const e of edits) {
              const before = current.get(e.slot) ?? null;
              let after: StationRecord | null = null;
              if (!e.remove) {
                const made = (makers[e.kind] as (typeof makers)[number])(e.date, e.status, e.n);
                // a status change of an existing record keeps its id and content; otherwise a fresh/edited record
                after = before && e.n % 3 === 0 ? ({ ...before, status: e.status } as StationRecord) : made;
                current.set(e.slot, after);
              } else current.delete(e.slot);
              tally = applyDeltas(tally, diffContributions(before, after, st, s));
            }
            expect(tally).toEqual(sumContributions([...current.values()], st, s));
          },
        ),
        { numRuns: 300 },
      );
    });
  });
});

describe('第十二条(一): agreement progress as of a date', () => {
  const records = [
    agreement('2025-03-01', 30),
    agreement('2025-06-01', 55, 'pending'),
    agreement('2025-07-01', 80, 'disputed'),
    agreement('2025-08-01', 40), // a lower later figure does not lower cumulative progress
    agreement('2026-01-01', 100),
    tackling('2025-05-01'),
  ];

  it.each<[string, 'all' | 'verified', number]>([
    ['2025-02-28', 'all', 0],
    ['2025-03-01', 'all', 30],
    ['2025-06-01', 'all', 55],
    ['2025-06-01', 'verified', 30],
    ['2025-12-31', 'all', 55],
    ['2025-12-31', 'verified', 40],
    ['2026-01-01', 'verified', 100],
  ])('as of %s on basis %s: %i%%', (date, basis, pct) => {
    expect(agreementPercentAsOf(records, date, basis)).toBe(pct);
  });

  it('gives both bases at once', () => {
    expect(agreementPercentsAsOf(records, '2025-12-31')).toEqual({ all: 55, verified: 40 });
  });
});
