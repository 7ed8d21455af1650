import { chinaDateOf } from '../../../shared/calendar';
import { evaluateStation, isPeriodClosed, lastOpenDate, type StationEvaluation } from '../../../shared/rules/assessment';
import type { StationRecord } from '../../../shared/schemas/records';
import { serviceDay, serviceDays, settingsWith, station } from './fixtures';

process.env.TZ = 'UTC';

// 第十二条(二): every expert-team member ≥10 days at the station each quarter, ≥40 a year.
// Station plaqued 2025-01-01 in plaque mode ⇒ its quarters are Jan–Mar, Apr–Jun, Jul–Sep, Oct–Dec 2025.
const settings = settingsWith();
const quarterStarts = ['2025-01-06', '2025-04-07', '2025-07-07', '2025-10-09'] as const;
const daysPerQuarter = (expertId: string, perQuarter: readonly number[], status: 'pending' | 'confirmed' = 'confirmed') =>
  perQuarter.flatMap((n, i) => serviceDays(expertId, quarterStarts[i] as string, n, status));
const YEAR_CLOSED = '2026-01-11'; // 31 Dec + 10 backfill days, then one more day
const req = (ev: StationEvaluation, key: string) => {
  const r = ev.requirements.find((x) => x.key === key);
  if (!r) throw new Error(`no requirement ${key}`);
  return r;
};
const evaluate = (records: StationRecord[], asOf = YEAR_CLOSED, expertIds = ['e1'], basis: 'all' | 'verified' = 'all') =>
  evaluateStation(station({ expertIds }), records, 1, settings, asOf, basis);

describe('第十二条(二) days in a quarter [yiyang-station-2023:assessment.days-per-quarter]', () => {
  describe.each([
    [9, 'failed', 1],
    [10, 'met', 0],
    [11, 'met', 0],
  ])('when an expert has %i days in Q2 (10 in the others)', (q2, status, shortfall) => {
    const ev = evaluate(daysPerQuarter('e1', [10, q2, 10, 10]));
    const q = ev.experts[0]?.quarters[1];

    it(`Q2 is ${status} with a shortfall of ${shortfall}`, () => {
      expect(q).toMatchObject({
        quarter: 2,
        start: '2025-04-01',
        end: '2025-06-30',
        days: q2,
        verifiedDays: q2,
        required: 10,
        shortfall,
        status,
      });
    });

    it(`the quarterly requirement is ${status}`, () => {
      expect(req(ev, 'daysPerQuarter')).toMatchObject({
        status,
        pass: status === 'met',
        shortfall,
        required: 10,
        actual: Math.min(q2, 10),
      });
    });
  });

  it('the quarterly requirement names the lowest expert-quarter and sums every shortfall', () => {
    const ev = evaluate([...daysPerQuarter('e1', [10, 8, 10, 10]), ...daysPerQuarter('e2', [7, 10, 12, 10])], YEAR_CLOSED, ['e1', 'e2']);
    expect(req(ev, 'daysPerQuarter')).toMatchObject({ actual: 7, shortfall: 2 + 3, status: 'failed' });
    expect(ev.experts.map((e) => e.expertId)).toEqual(['e1', 'e2']);
  });

  it('an empty year: every quarter of every expert is short by 10', () => {
    const ev = evaluate([]);
    expect(ev.experts[0]?.quarters.map((q) => q.shortfall)).toEqual([10, 10, 10, 10]);
    expect(req(ev, 'daysPerQuarter')).toMatchObject({ actual: 0, shortfall: 40, status: 'failed', earned: 0 });
    expect(req(ev, 'daysPerYear')).toMatchObject({ actual: 0, shortfall: 40, status: 'failed', earned: 0 });
  });
});

describe('第十二条(二) days in a year [yiyang-station-2023:assessment.days-per-year]', () => {
  it.each([
    [[10, 10, 10, 9], 39, 'failed', 1],
    [[10, 10, 10, 10], 40, 'met', 0],
    [[11, 10, 10, 10], 41, 'met', 0],
  ])('quarters %o make %i days: the year is %s (shortfall %i)', (perQuarter, total, status, shortfall) => {
    const ev = evaluate(daysPerQuarter('e1', perQuarter));
    expect(ev.experts[0]?.year).toEqual({ days: total, verifiedDays: total, required: 40, shortfall, status });
    expect(req(ev, 'daysPerYear')).toMatchObject({ required: 40, actual: total, status, shortfall });
  });

  it('40 days crammed into three quarters meet the year but not the quarter', () => {
    const ev = evaluate(daysPerQuarter('e1', [20, 10, 10, 0]));
    expect(req(ev, 'daysPerYear').status).toBe('met');
    expect(req(ev, 'daysPerQuarter').status).toBe('failed');
    expect(ev.experts[0]?.quarters[3]?.status).toBe('failed');
  });
});

describe('pending days count on the "all" basis only', () => {
  const records = [...daysPerQuarter('e1', [10, 10, 10, 5]), ...serviceDays('e1', '2025-11-01', 5, 'pending')];

  it('on the "all" basis 5 pending days complete Q4', () => {
    const ev = evaluate(records);
    expect(ev.experts[0]?.quarters[3]).toMatchObject({ days: 10, verifiedDays: 5, shortfall: 0, status: 'met' });
    expect(req(ev, 'daysPerYear')).toMatchObject({ actual: 40, actualVerified: 35, status: 'met' });
  });

  it('on the "verified" basis Q4 is 5 short', () => {
    const ev = evaluate(records, YEAR_CLOSED, ['e1'], 'verified');
    expect(ev.experts[0]?.quarters[3]).toMatchObject({ days: 10, verifiedDays: 5, shortfall: 5, status: 'failed' });
    expect(req(ev, 'daysPerYear')).toMatchObject({ actual: 40, actualVerified: 35, shortfall: 5, status: 'failed' });
  });

  it('disputed and withdrawn days never count', () => {
    const ev = evaluate([...serviceDays('e1', '2025-01-06', 10, 'disputed'), ...serviceDays('e1', '2025-02-06', 10, 'withdrawn')]);
    expect(ev.experts[0]?.quarters[0]?.days).toBe(0);
  });
});

describe('quarters not yet over are in progress, not failed', () => {
  const records = [...serviceDays('e1', '2025-01-06', 9), ...serviceDays('e1', '2025-04-07', 3)];

  it.each([
    // asOf, Q1 status, Q2 status
    ['2025-03-31', 'inProgress', 'inProgress'], // last day of Q1: today is not over
    ['2025-04-10', 'inProgress', 'inProgress'], // 10th backfill day after Q1
    ['2025-04-11', 'failed', 'inProgress'], // backfill window closed
  ])('as of %s: Q1 %s, Q2 %s', (asOf, q1, q2) => {
    const ev = evaluate(records, asOf);
    expect(ev.experts[0]?.quarters.map((q) => q.status)).toEqual([q1, q2, 'inProgress', 'inProgress']);
    expect(ev.experts[0]?.year.status).toBe('inProgress');
    expect(ev.provisional).toBe(true);
    expect(ev.final).toBe(false);
  });

  it('the score mid-year is what has been banked: unstarted quarters bank nothing', () => {
    const ev = evaluate(daysPerQuarter('e1', [10, 10, 0, 0]), '2025-07-01');
    // quarterly: 2 of 4 quarters full (15 × 0.5); yearly: 20 of 40 days (15 × 0.5)
    expect(req(ev, 'daysPerQuarter').earned).toBeCloseTo(7.5, 5);
    expect(req(ev, 'daysPerYear').earned).toBeCloseTo(7.5, 5);
    expect(req(ev, 'daysPerQuarter').status).toBe('inProgress');
    // Q3/Q4 have not started: they are not the "lowest so far"
    expect(req(ev, 'daysPerQuarter').actual).toBe(0);
    expect(evaluate(daysPerQuarter('e1', [10, 10, 0, 0]), '2025-06-30').requirements.find((r) => r.key === 'daysPerQuarter')?.actual).toBe(
      10,
    );
  });

  it.each([
    ['2026-01-10', false],
    ['2026-01-11', true],
  ])('the year result is final only after the backfill window (asOf %s → final %p)', (asOf, final) => {
    const ev = evaluate(daysPerQuarter('e1', [10, 10, 10, 10]), asOf);
    expect(ev.final).toBe(final);
    expect(ev.provisional).toBe(!final);
  });

  it.each([
    ['2025-03-31', false],
    ['2025-04-10', false],
    ['2025-04-11', true],
  ])('Q1 (ends 31 Mar) with a 10-day backfill window: closed as of %s → %p', (asOf, closed) => {
    expect(lastOpenDate('2025-03-31', settings)).toBe('2025-04-10');
    expect(isPeriodClosed('2025-03-31', asOf, settings)).toBe(closed);
  });

  it('without a backfill window, a period closes the day after it ends', () => {
    const s0 = settingsWith({ backfillDaysAfterQuarter: 0 });
    const st = station();
    expect(evaluateStation(st, serviceDays('e1', '2025-01-06', 9), 1, s0, '2025-03-31', 'all').experts[0]?.quarters[0]?.status).toBe(
      'inProgress',
    );
    expect(evaluateStation(st, serviceDays('e1', '2025-01-06', 9), 1, s0, '2025-04-01', 'all').experts[0]?.quarters[0]?.status).toBe(
      'failed',
    );
  });
});

describe('a day logged at the quarter edge, 23:59:59 vs 00:00:00 China time, process in UTC', () => {
  it.each([
    ['2025-03-31T15:59:59Z', 'Q1 (31 March, 23:59:59 China time)', 10, 0],
    ['2025-03-31T16:00:00Z', 'Q2 (1 April, 00:00:00 China time)', 9, 1],
  ])('at %s the 10th day falls in %s', (iso, _label, q1, q2) => {
    const date = chinaDateOf(Date.parse(iso));
    const ev = evaluate([...serviceDays('e1', '2025-01-06', 9), serviceDay('e1', date)]);
    expect(ev.experts[0]?.quarters.slice(0, 2).map((q) => q.days)).toEqual([q1, q2]);
    expect(ev.experts[0]?.quarters[0]?.status).toBe(q1 >= 10 ? 'met' : 'failed');
  });

  it.each([
    ['2025-12-31T15:59:59Z', 1],
    ['2025-12-31T16:00:00Z', 0],
  ])('a day logged at %s counts %i in year 1', (iso, counted) => {
    const ev = evaluate([serviceDay('e1', chinaDateOf(Date.parse(iso)))]);
    expect(ev.experts[0]?.year.days).toBe(counted);
  });
});

describe('unusual plaque dates', () => {
  it('plaque on the 31st: a day on 29 April is in Q1, on 30 April in Q2', () => {
    const st = station({ plaqueDate: '2025-01-31' });
    const ev = evaluateStation(st, [serviceDay('e1', '2025-04-29'), serviceDay('e1', '2025-04-30')], 1, settings, '2026-03-01', 'all');
    expect(ev.experts[0]?.quarters.map((q) => [q.start, q.end, q.days])).toEqual([
      ['2025-01-31', '2025-04-29', 1],
      ['2025-04-30', '2025-07-30', 1],
      ['2025-07-31', '2025-10-30', 0],
      ['2025-10-31', '2026-01-30', 0],
    ]);
  });

  it('leap-day plaque 2024-02-29: 2025-02-27 is year 1, 2025-02-28 is year 2', () => {
    const st = station({ plaqueDate: '2024-02-29' });
    const records = [serviceDay('e1', '2025-02-27'), serviceDay('e1', '2025-02-28')];
    const y1 = evaluateStation(st, records, 1, settings, '2025-06-01', 'all');
    const y2 = evaluateStation(st, records, 2, settings, '2025-06-01', 'all');
    expect([y1.start, y1.end, y1.experts[0]?.year.days]).toEqual(['2024-02-29', '2025-02-27', 1]);
    expect([y2.start, y2.end, y2.experts[0]?.year.days]).toEqual(['2025-02-28', '2026-02-27', 1]);
  });
});

describe('calendar mode with a mid-year plaque: the partial first year is prorated', () => {
  const cal = settingsWith({ yearMode: 'calendar' });
  const st = station({ plaqueDate: '2025-08-15' });

  it('year 1 (15 Aug–31 Dec) has a partial Q3 needing ⌈10 × 47/92⌉ = 6 days, Q4 needing 10, the year ⌈40 × 139/365⌉ = 16', () => {
    const ev = evaluateStation(
      st,
      [...serviceDays('e1', '2025-09-01', 6), ...serviceDays('e1', '2025-10-09', 10)],
      1,
      cal,
      '2026-02-01',
      'all',
    );
    expect(ev.experts[0]?.quarters.map((q) => [q.quarter, q.required, q.days, q.status, q.partial])).toEqual([
      [3, 6, 6, 'met', true],
      [4, 10, 10, 'met', false],
    ]);
    expect(ev.experts[0]?.year).toMatchObject({ required: 16, days: 16, status: 'met' });
    expect(req(ev, 'daysPerQuarter').note).toContain('折算');
    expect(req(ev, 'daysPerYear').label).toContain('不少于16天');
  });

  it('5 days in the partial Q3 is one short', () => {
    const ev = evaluateStation(st, serviceDays('e1', '2025-09-01', 5), 1, cal, '2026-02-01', 'all');
    expect(ev.experts[0]?.quarters[0]).toMatchObject({ required: 6, shortfall: 1, status: 'failed' });
  });

  it('year 2 is the full calendar year 2026 with the full thresholds', () => {
    const ev = evaluateStation(st, [], 2, cal, '2026-05-01', 'all');
    expect([ev.start, ev.end]).toEqual(['2026-01-01', '2026-12-31']);
    expect(ev.experts[0]?.quarters.map((q) => q.required)).toEqual([10, 10, 10, 10]);
    expect(ev.experts[0]?.year.required).toBe(40);
    expect(req(ev, 'daysPerQuarter').note).toBe('');
  });
});

describe('a station without an expert team', () => {
  it('cannot meet 第十二条(二): no credit, failed once the year is closed, and says why', () => {
    const ev = evaluate([], YEAR_CLOSED, []);
    expect(ev.experts).toEqual([]);
    for (const key of ['daysPerQuarter', 'daysPerYear']) {
      expect(req(ev, key)).toMatchObject({ status: 'failed', earned: 0, actual: 0 });
      expect(req(ev, key).note).toContain('没有专家团队成员');
    }
    expect(evaluate([], '2025-06-01', []).requirements.find((r) => r.key === 'daysPerYear')?.status).toBe('inProgress');
  });
});

describe('experts outside the current team', () => {
  it('are not reported and do not affect the team result', () => {
    const ev = evaluate([...daysPerQuarter('e1', [10, 10, 10, 10]), ...serviceDays('e9', '2025-01-06', 3)]);
    expect(ev.experts.map((e) => e.expertId)).toEqual(['e1']);
    expect(req(ev, 'daysPerQuarter').status).toBe('met');
  });
});
