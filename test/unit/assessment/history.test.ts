import { assessmentYear, quartersOfYear } from '../../../shared/calendar/periods';
import {
  assessedFrom,
  coveredDays,
  coveredThreshold,
  evaluateStation,
  expertCoverage,
  expertYearThreshold,
  missedRequirements,
  yearBeforeGoLive,
} from '../../../shared/rules/assessment';
import type { StationRecord } from '../../../shared/schemas/records';
import { fullYearRecords, serviceDays, settingsWith, station } from './fixtures';

/**
 * Issue 13 item 6 (a city that already has history) and issue 14's reading of 第十二条, as pure rules:
 * go-live dates, team membership dates, and the 不合格 reason listing each missed requirement.
 * Plaque 2025-01-01 in plaque mode: the quarters are the calendar quarters of 2025 (Q1 has 90 days).
 */
const settings = settingsWith();
const CLOSED = '2026-02-01';
const Q1 = quartersOfYear('2025-01-01', 1, 'plaque')[0]!;

describe('coverage of a period [yiyang-station-2023:assessment.days-per-quarter]', () => {
  it('counts the union of membership intervals inside the period', () => {
    expect(coveredDays('2025-01-01', '2025-03-31', [{ from: '2024-06-01', to: null }])).toBe(90);
    expect(coveredDays('2025-01-01', '2025-03-31', [{ from: '2025-03-31', to: null }])).toBe(1);
    expect(
      coveredDays('2025-01-01', '2025-03-31', [
        { from: '2025-01-01', to: '2025-01-10' },
        { from: '2025-01-05', to: '2025-01-20' },
        { from: '2025-03-01', to: '2025-03-02' },
      ]),
    ).toBe(22);
    expect(coveredDays('2025-01-01', '2025-03-31', [{ from: '2025-04-01', to: null }])).toBe(0);
    expect(coveredDays('2025-01-01', '2025-03-31', [{ from: '2024-01-01', to: '2024-12-31' }])).toBe(0);
  });

  it('merges nested and same-day intervals (a leave and a return, or a period entered twice)', () => {
    expect(
      coveredDays('2025-01-01', '2025-03-31', [
        { from: '2025-01-01', to: '2025-01-31' },
        { from: '2025-01-01', to: '2025-01-10' },
        { from: '2025-01-05', to: '2025-01-06' },
      ]),
    ).toBe(31);
  });

  it('an expert who left and came back is assessed for both periods', () => {
    const st = station({
      expertIds: ['e1'],
      team: [
        { personId: 'e1', from: '2025-01-01', to: '2025-01-31' },
        { personId: 'e1', from: '2025-03-02', to: null },
      ],
    });
    // Q1: 31 + 30 = 61 of 90 days → ⌈6.8⌉ = 7
    expect(expertCoverage(st, 1, 'plaque', 10)[0]!.quarters.get(1)).toBe(7);
  });

  it('a year figure above the four quarters’ is prorated alone (a programme asking 50 days a year)', () => {
    const y = assessmentYear('2025-01-01', 1, 'plaque');
    const c = {
      quarters: new Map([
        [3 as const, 10],
        [4 as const, 10],
      ]),
      yearCovered: 184,
    };
    expect(expertYearThreshold(50, 10, y, c)).toBe(26); // ⌈50 × 184/365⌉
    expect(expertYearThreshold(40, 10, y, c)).toBe(20); // capped at 10 + 10
    expect(expertYearThreshold(40, 10, y, { quarters: c.quarters, yearCovered: 365 })).toBe(40);
  });

  it('prorates a threshold over the covered days, rounding up; nothing covered is not assessed', () => {
    expect(coveredThreshold(10, Q1, 90)).toBe(10);
    expect(coveredThreshold(10, Q1, 45)).toBe(5);
    expect(coveredThreshold(10, Q1, 1)).toBe(1);
    expect(coveredThreshold(10, Q1, 0)).toBeNull();
  });

  it('the go-live date defaults to the plaque date and is never before it', () => {
    expect(assessedFrom({ plaqueDate: '2025-01-01' })).toBe('2025-01-01');
    expect(assessedFrom({ plaqueDate: '2025-01-01', goLiveDate: '2026-11-29' })).toBe('2026-11-29');
    expect(assessedFrom({ plaqueDate: '2025-01-01', goLiveDate: '2024-01-01' })).toBe('2025-01-01');
  });
});

describe('go-live: periods before it are not assessed from zero', () => {
  it('years that end before go-live are not assessed; the year containing it is', () => {
    const s = { plaqueDate: '2023-03-01', goLiveDate: '2026-11-29' };
    expect(yearBeforeGoLive(s, 1, 'plaque')).toBe(true); // 2023-03-01 … 2024-02-29
    expect(yearBeforeGoLive(s, 3, 'plaque')).toBe(true); // 2025-03-01 … 2026-02-28
    expect(yearBeforeGoLive(s, 4, 'plaque')).toBe(false); // 2026-03-01 … 2027-02-28 contains go-live
    expect(yearBeforeGoLive({ plaqueDate: '2023-03-01' }, 1, 'plaque')).toBe(false);
  });

  it('a station live from 2025-07-01 with no records before it: Q1 and Q2 not assessed, not failed; yearly counts halved', () => {
    const st = station({ goLiveDate: '2025-07-01' });
    const records: StationRecord[] = fullYearRecords().filter((r) => r.kind !== 'serviceDay' || r.date >= '2025-07-01');
    const ev = evaluateStation(st, records, 1, settings, CLOSED, 'all');
    const e1 = ev.experts[0]!;
    expect(e1.quarters.map((q) => [q.quarter, q.assessed, q.required, q.status])).toEqual([
      [1, false, 0, 'met'],
      [2, false, 0, 'met'],
      [3, true, 10, 'met'],
      [4, true, 10, 'met'],
    ]);
    // 184 of 365 days after go-live: ⌈40 × 184/365⌉ = 21, capped at the two quarters' 10 + 10 = 20;
    // 2 research → 2 (⌈1.008⌉), 1 tackling → 1
    expect(e1.year.required).toBe(20);
    expect(ev.requirements.find((r) => r.key === 'research')?.required).toBe(2);
    expect(ev.requirements.find((r) => r.key === 'tackling')?.required).toBe(1);
    expect(ev.grade).toBe('优秀');
    expect(ev.clauses.every((c) => c.status === 'met')).toBe(true);
  });

  it('without the go-live date the same records fail Q1 and Q2 (the rule is what makes the difference)', () => {
    const records: StationRecord[] = fullYearRecords().filter((r) => r.kind !== 'serviceDay' || r.date >= '2025-07-01');
    const ev = evaluateStation(station(), records, 1, settings, CLOSED, 'all');
    expect(ev.experts[0]!.quarters.filter((q) => q.status === 'failed').map((q) => q.quarter)).toEqual([1, 2]);
    expect(ev.grade).toBe('不合格');
  });

  it('the quarter containing go-live is assessed pro rata from the go-live date', () => {
    // live on 2025-03-02: 30 of Q1's 90 days → ⌈10 × 30/90⌉ = 4 days
    const st = station({ goLiveDate: '2025-03-02' });
    const ev = evaluateStation(st, serviceDays('e1', '2025-03-05', 3), 1, settings, CLOSED, 'all');
    const q1 = ev.experts[0]!.quarters[0]!;
    expect(q1).toMatchObject({ assessed: true, required: 4, days: 3, shortfall: 1, status: 'failed', partial: true });
  });
});

describe('team membership dates [yiyang-station-2023:assessment.days-per-quarter]', () => {
  const team = (from: string, to: string | null) => ({
    expertIds: to === null ? ['e1', 'e2'] : ['e2'],
    team: [
      { personId: 'e2', from: '2025-01-01', to: null },
      { personId: 'e1', from, to },
    ],
  });
  const q1Of = (from: string, to: string | null) =>
    expertCoverage(station(team(from, to)), 1, 'plaque', 10)
      .find((c) => c.expertId === 'e1')
      ?.quarters.get(1);

  it('joining on the first day of a quarter owes the full 10 days', () => expect(q1Of('2025-01-01', null)).toBe(10));
  it('joining mid-quarter owes the share of the days left, rounded up (45 of 90 days → 5)', () => expect(q1Of('2025-02-15', null)).toBe(5));
  it('joining on the last day of the quarter owes 1 day', () => expect(q1Of('2025-03-31', null)).toBe(1));
  it('joining after the quarter: the quarter is not assessed for them', () => expect(q1Of('2025-04-01', null)).toBeNull());
  it('leaving on the first day of the quarter owes 1 day', () => expect(q1Of('2024-06-01', '2025-01-01')).toBe(1));
  it('leaving mid-quarter owes the share of the days still a member (45 of 90 → 5)', () =>
    expect(q1Of('2024-06-01', '2025-02-14')).toBe(5));
  it('leaving on the last day owes the full 10 days', () => expect(q1Of('2024-06-01', '2025-03-31')).toBe(10));
  it('someone who left before the year is not assessed in it at all', () =>
    expect(expertCoverage(station(team('2024-01-01', '2024-12-31')), 1, 'plaque', 10).map((c) => c.expertId)).toEqual(['e2']));

  it('an expert who left in Q2 is assessed for Q1 and pro rata in Q2, and not for Q3–Q4', () => {
    const st = station({
      expertIds: [],
      team: [{ personId: 'e1', from: '2025-01-01', to: '2025-05-15' }],
    });
    const records = [...serviceDays('e1', '2025-01-06', 10), ...serviceDays('e1', '2025-04-07', 5)];
    const ev = evaluateStation(st, records, 1, settings, CLOSED, 'all');
    const e1 = ev.experts[0]!;
    // Q2: 45 of 91 days → ⌈4.95⌉ = 5 days; the year: 135 of 365 days → ⌈14.8⌉ = 15 days
    expect(e1.quarters.map((q) => [q.required, q.status])).toEqual([
      [10, 'met'],
      [5, 'met'],
      [0, 'met'],
      [0, 'met'],
    ]);
    expect(e1.year).toMatchObject({ required: 15, days: 15, status: 'met' });
    expect(ev.requirements.find((r) => r.key === 'daysPerQuarter')?.status).toBe('met');
  });
});

describe('不合格 by default for a missed 第十二条 minimum, with each shortfall [yiyang-station-2023:assessment.grade]', () => {
  it('names the quarter, the expert and the days short', () => {
    const records = fullYearRecords(['e1', 'e2']).filter(
      (r) => !(r.kind === 'serviceDay' && r.expertId === 'e1' && r.date >= '2025-04-07' && r.date <= '2025-04-09'),
    );
    const names: Record<string, string> = { e1: '张三', e2: '李四' };
    const st = station({ expertIds: ['e1', 'e2'], nameOf: (id) => names[id] ?? id });
    const ev = evaluateStation(st, records, 1, settings, CLOSED, 'all');
    expect(ev.score).toBeGreaterThan(90);
    expect(ev.grade).toBe('不合格');
    expect(ev.gradeReason).toContain('专家服务团队成员每个季度在服务站工作不少于10天：第二季度 张三 差 3 天');
    expect(ev.gradeReason).toContain('专家服务团队成员全年在服务站工作不少于40天：张三 差 3 天');
    expect(ev.gradeReason).not.toContain('李四');
  });

  it('a provisional year is not 不合格 for what can still be met', () => {
    const ev = evaluateStation(station(), [], 1, settings, '2025-02-01', 'all');
    expect(ev.clauses.some((c) => c.status === 'failed')).toBe(false);
    expect(ev.gradeReason).not.toContain('最低要求');
  });

  it('the reason fits the stored 500 characters however many experts miss', () => {
    const ids = Array.from({ length: 40 }, (_, i) => `expert-with-a-long-id-${i}`);
    const ev = evaluateStation(station({ expertIds: ids }), [], 1, settings, CLOSED, 'all');
    expect(ev.grade).toBe('不合格');
    expect(ev.gradeReason.length).toBeLessThanOrEqual(500);
    expect(ev.gradeReason).toMatch(/等 \d+ 项/);
  });

  it('lists the other requirements with their shortfall', () => {
    const ev = evaluateStation(
      station(),
      fullYearRecords().filter((r) => r.kind !== 'achievement'),
      1,
      settings,
      CLOSED,
      'all',
    );
    expect(missedRequirements(ev.requirements, ev.experts)).toEqual(['推广转化科技成果不少于2项：差 2 项']);
  });

  it('a year wholly inside the go-live year is still one assessment year', () => {
    expect(assessmentYear('2025-01-01', 1, 'plaque').end).toBe('2025-12-31');
  });
});
