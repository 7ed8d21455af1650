import { libraryCalendar } from '../../../shared/calendar/holidays';
import { agreementPercentsAsOf, projectStation, projectStationFromRecords, sumContributions } from '../../../shared/rules/assessment';
import type { StationRecord } from '../../../shared/schemas/records';
import { achievement, agreement, problem, research, serviceDays, settingsWith, station, tackling, training } from './fixtures';

// Projection of 第十二条(二) and the whole assessment at today's pace.
// Station plaqued 2025-01-01, plaque mode: Q3 is 2025-07-01 … 2025-09-30 (92 days).
const settings = settingsWith();
const st = station();
const project = (records: StationRecord[], asOf: string, s = settings, stn = st, yearIndex = 1) =>
  projectStationFromRecords(stn, records, yearIndex, s, asOf, 'all', libraryCalendar);
const expert = (p: ReturnType<typeof project>) => {
  const e = p.experts[0];
  if (!e) throw new Error('no expert');
  return e;
};

describe('quarter pace: days so far / elapsed days × quarter days', () => {
  // 15 Aug is day 46 of the 92-day Q3
  it.each([
    // 4 of 10 halfway through: within a day of the even pace (pace.ts) — no longer called a miss
    [4, 8, false, 6],
    [3, 6, true, 7],
    [5, 10, false, 5],
    [6, 12, false, 4],
  ])('%i days by 15 Aug project to %d → willMissQuarter %p, still needed %i', (days, projected, miss, needed) => {
    const e = expert(project(serviceDays('e1', '2025-07-07', days), '2025-08-15'));
    expect(e).toMatchObject({
      quarter: 3,
      quarterDays: days,
      quarterRequired: 10,
      projectedQuarterDays: projected,
      willMissQuarter: miss,
      daysStillNeededQuarter: needed,
    });
  });
});

describe('year pace: days so far / elapsed days × year days', () => {
  // 1 July is day 182 of 365
  it.each([
    [19, true, 21],
    [20, false, 20],
  ])('%i days by 1 July → willMissYear %p, still needed %i', (days, miss, needed) => {
    const records = [...serviceDays('e1', '2025-01-06', 10), ...serviceDays('e1', '2025-04-07', days - 10)];
    const e = expert(project(records, '2025-07-01'));
    expect(e.yearDays).toBe(days);
    expect(e.projectedYearDays).toBeCloseTo((days * 365) / 182, 1);
    expect(e.willMissYear).toBe(miss);
    expect(e.daysStillNeededYear).toBe(needed);
  });
});

describe('verification basis', () => {
  it('on the "verified" basis pending days are not part of the pace', () => {
    const records = [...serviceDays('e1', '2025-07-07', 5), ...serviceDays('e1', '2025-07-20', 5, 'pending')];
    const all = expert(projectStationFromRecords(st, records, 1, settings, '2025-08-15', 'all', libraryCalendar));
    const verified = expert(projectStationFromRecords(st, records, 1, settings, '2025-08-15', 'verified', libraryCalendar));
    expect([all.quarterDays, all.projectedQuarterDays, all.willMissQuarter]).toEqual([10, 20, false]);
    expect([verified.quarterDays, verified.projectedQuarterDays, verified.willMissQuarter]).toEqual([5, 10, false]);
    expect(verified.daysStillNeededQuarter).toBe(5);
  });
});

describe('days left in the quarter (working-day calendar)', () => {
  it('from Friday 26 Sept 2025: Fri, the 调休 Sunday 28th, Mon 29th, Tue 30th = 4 working days of 5 calendar days', () => {
    const e = expert(project(serviceDays('e1', '2025-07-07', 6), '2025-09-26'));
    expect(e).toMatchObject({
      workingDaysLeftInQuarter: 4,
      calendarDaysLeftInQuarter: 5,
      daysStillNeededQuarter: 4,
      canStillMeetQuarter: true,
    });
  });

  it('needing 10 days with 5 calendar days left cannot be met any more', () => {
    const e = expert(project([], '2025-09-26'));
    expect(e).toMatchObject({ daysStillNeededQuarter: 10, canStillMeetQuarter: false, willMissQuarter: true });
  });

  it('reports a year whose holidays are unknown, with a Chinese note', () => {
    const p = project([], '2030-05-06', settings, station({ plaqueDate: '2030-01-01' }));
    expect(p.unknownYears).toEqual([2030]);
    expect(p.note).toContain('2030 年');
    expect(project([], '2025-05-06').note).toBe('');
  });
});

describe('before and after the year', () => {
  it('before the year starts there is no pace: nothing is flagged', () => {
    const p = project([], '2024-12-01');
    expect(p.year.elapsedDays).toBe(0);
    expect(p.quarter).toMatchObject({ quarter: 1, elapsedDays: 0, totalDays: 90 });
    // Q1 2025: 64 weekdays − 元旦 (1) − 春节 weekdays 28 Jan–4 Feb (6) + 调休 Sun 26 Jan and Sat 8 Feb (2) = 59
    expect(expert(p)).toMatchObject({
      projectedQuarterDays: 0,
      projectedYearDays: 0,
      willMissQuarter: false,
      willMissYear: false,
      workingDaysLeftInQuarter: 59,
    });
  });

  it('after the year, the projection is what was recorded', () => {
    const records = serviceDays('e1', '2025-10-09', 12);
    const p = project(records, '2026-02-01');
    expect(p.quarter).toMatchObject({ quarter: 4, elapsedDays: 92, totalDays: 92 });
    expect(expert(p)).toMatchObject({
      projectedQuarterDays: 12,
      projectedYearDays: 12,
      workingDaysLeftInQuarter: 0,
      calendarDaysLeftInQuarter: 0,
      willMissYear: true,
    });
  });
});

describe('projected station score at the year end', () => {
  const halfYear: StationRecord[] = [
    ...serviceDays('e1', '2025-01-06', 10),
    ...serviceDays('e1', '2025-04-07', 10),
    research('2025-03-01', { result: '报告' }),
    training('2025-04-01', 60),
    tackling('2025-05-01'),
    problem('2025-06-01'),
    achievement('2025-06-02'),
    agreement('2025-06-15', 25),
  ];

  it('a station on pace for everything is projected 优秀', () => {
    const p = project(halfYear, '2025-06-30');
    expect(p.projectedEvaluation.final).toBe(true);
    expect(p.projectedScore).toBe(100);
    expect(p.projectedGrade).toBe('优秀');
    // 25% at 181/365 of the year projects to ≥ 50% at the year end
    expect(p.projectedEvaluation.requirements.find((r) => r.key === 'agreement')?.status).toBe('met');
  });

  it('an idle station is projected 不合格', () => {
    const p = project([], '2025-06-30');
    expect(p.projectedScore).toBe(0);
    expect(p.projectedGrade).toBe('不合格');
  });

  it('a quarter already missed stays missed in the projection', () => {
    const records = [...serviceDays('e1', '2025-01-06', 5), ...halfYear.slice(10)];
    const p = project(records, '2025-06-30');
    expect(p.projectedEvaluation.experts[0]?.quarters[0]).toMatchObject({ status: 'failed' });
    expect(p.projectedGrade).not.toBe('优秀');
  });

  it('projectStation over a tally equals the records convenience', () => {
    const tally = sumContributions(halfYear, st, settings);
    expect(
      projectStation(st, tally, agreementPercentsAsOf(halfYear, '2025-06-30'), 1, settings, '2025-06-30', 'all', libraryCalendar),
    ).toEqual(project(halfYear, '2025-06-30'));
  });

  it('calendar mode partial year projects against prorated thresholds', () => {
    const cal = settingsWith({ yearMode: 'calendar' });
    const p = project(serviceDays('e1', '2025-08-20', 3), '2025-08-31', cal, station({ plaqueDate: '2025-08-15' }));
    // Q3 runs 15 Aug – 30 Sep (47 days), needs ⌈10 × 47/92⌉ = 6; 3 days in 17 → 8.3 projected
    expect(expert(p)).toMatchObject({ quarter: 3, quarterRequired: 6, yearRequired: 16, willMissQuarter: false });
    expect(expert(p).projectedQuarterDays).toBeCloseTo((3 * 47) / 17, 1);
  });
});
