import fc from 'fast-check';
import { evaluateStation, type Grade } from '../../../shared/rules/assessment';
import type { RecordStatus, StationRecord } from '../../../shared/schemas/records';
import { achievement, agreement, problem, research, serviceDay, settingsWith, station, tackling, training } from './fixtures';

// Properties of the 第十二条 evaluation that must hold for any records, not just the tables.
const plaque = '2025-03-15';
const st = station({ plaqueDate: plaque, expertIds: ['e1', 'e2', 'e3'] });
const modes = [
  settingsWith(),
  settingsWith({ yearMode: 'calendar' }),
  settingsWith({ partialCredit: { serviceDays: 'allOrNothing', outcomes: 'allOrNothing' } }),
];

const dateArb = fc.integer({ min: 0, max: 900 }).map((i) => new Date(Date.UTC(2025, 1, 1 + i)).toISOString().slice(0, 10));
const statusArb = fc.constantFrom<RecordStatus>('pending', 'confirmed', 'disputed', 'withdrawn');
const expertArb = fc.constantFrom('e1', 'e2', 'e3', 'e4');
const recordArb: fc.Arbitrary<StationRecord> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(expertArb, dateArb, statusArb).map(([e, d, s]) => serviceDay(e, d, s)) },
  { weight: 1, arbitrary: fc.tuple(dateArb, fc.integer({ min: 1, max: 120 }), statusArb).map(([d, n, s]) => training(d, n, s)) },
  {
    weight: 1,
    arbitrary: fc.tuple(dateArb, fc.boolean(), statusArb).map(([d, r, s]) => research(d, { result: r ? '成果' : '', status: s })),
  },
  { weight: 1, arbitrary: fc.tuple(dateArb, statusArb).map(([d, s]) => tackling(d, s)) },
  { weight: 1, arbitrary: fc.tuple(dateArb, statusArb).map(([d, s]) => problem(d, s)) },
  { weight: 1, arbitrary: fc.tuple(dateArb, statusArb).map(([d, s]) => achievement(d, s)) },
  { weight: 1, arbitrary: fc.tuple(dateArb, fc.integer({ min: 0, max: 100 }), statusArb).map(([d, p, s]) => agreement(d, p, s)) },
);
const gradeRank: Record<Grade, number> = { 不合格: 0, 合格: 1, 优秀: 2 };

describe('evaluation properties', () => {
  it('adding a service day never lowers the score or the grade', () => {
    fc.assert(
      fc.property(
        fc.array(recordArb, { maxLength: 120 }),
        expertArb,
        dateArb,
        fc.constantFrom<RecordStatus>('pending', 'confirmed'),
        dateArb,
        fc.constantFrom<'all' | 'verified'>('all', 'verified'),
        fc.integer({ min: 1, max: 2 }),
        fc.constantFrom(...modes),
        (records, expertId, date, status, asOf, basis, yearIndex, s) => {
          const before = evaluateStation(st, records, yearIndex, s, asOf, basis);
          const after = evaluateStation(st, [...records, serviceDay(expertId, date, status)], yearIndex, s, asOf, basis);
          expect(after.score).toBeGreaterThanOrEqual(before.score);
          expect(gradeRank[after.grade]).toBeGreaterThanOrEqual(gradeRank[before.grade]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order of the records', () => {
    fc.assert(
      fc.property(
        fc
          .array(recordArb, { maxLength: 120 })
          .chain((rs) => fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length, maxLength: rs.length }))),
        dateArb,
        fc.constantFrom(...modes),
        fc.constantFrom<'all' | 'verified'>('all', 'verified'),
        ([records, shuffled], asOf, s, basis) => {
          expect(evaluateStation(st, shuffled, 1, s, asOf, basis)).toEqual(evaluateStation(st, records, 1, s, asOf, basis));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the score stays within 0..100 and the breakdown within each weight', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 150 }), dateArb, fc.constantFrom(...modes), (records, asOf, s) => {
        const ev = evaluateStation(st, records, 1, s, asOf, 'all');
        expect(ev.score).toBeGreaterThanOrEqual(0);
        expect(ev.score).toBeLessThanOrEqual(100);
        for (const b of ev.breakdown) expect(b.earned).toBeLessThanOrEqual(b.weight + 1e-9);
        for (const r of ev.requirements) expect(r.shortfall).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 200 },
    );
  });

  it('the verified basis never scores above the "all" basis', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 120 }), dateArb, (records, asOf) => {
        const s = settingsWith();
        expect(evaluateStation(st, records, 1, s, asOf, 'verified').score).toBeLessThanOrEqual(
          evaluateStation(st, records, 1, s, asOf, 'all').score,
        );
      }),
      { numRuns: 150 },
    );
  });
});
