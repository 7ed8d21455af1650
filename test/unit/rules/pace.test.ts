import { distanceText, num } from '../../../miniprogram/src/lib/format';
import { addDays, libraryCalendar, workingDaysBetween } from '../../../shared/calendar';
import { evaluateStation, projectStationFromRecords } from '../../../shared/rules/assessment';
import { isNewStation, NEW_STATION_DAYS, PACE_GRACE_SHARE, paceOf, periodDaysOf } from '../../../shared/rules/assessment/pace';
import { riskOf } from '../../../shared/rules/assessment/risk';
import { serviceDays, settingsWith, station } from '../assessment/fixtures';

/**
 * Honest pace (issue 15, findings 11 and 14): generated classes with a fixed seed — station ages ×
 * paces × confirmed/pending mixes — against the rule's promises, plus the walk-through's cases.
 */

/** mulberry32, fixed seed: the same classes every run */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(20261128);
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

describe('the walk-through cases', () => {
  it('2–3 days needed with 15 working days left is on track, not "可能达不到"', () => {
    for (const done of [7, 8])
      expect(paceOf({ done, required: 10, workingDaysElapsed: 47, workingDaysLeft: 15, calendarDaysLeft: 21 }).status).toBe('onTrack');
  });
  it('the first weeks of a quarter: nothing logged yet is not behind', () => {
    expect(paceOf({ done: 0, required: 10, workingDaysElapsed: 5, workingDaysLeft: 57, calendarDaysLeft: 84 }).status).toBe('onTrack');
  });
  it('ahead of pace is on track; far under it is behind; too few days left is cannot', () => {
    expect(paceOf({ done: 6, required: 10, workingDaysElapsed: 30, workingDaysLeft: 30, calendarDaysLeft: 42 }).status).toBe('onTrack');
    expect(paceOf({ done: 2, required: 10, workingDaysElapsed: 30, workingDaysLeft: 30, calendarDaysLeft: 42 })).toEqual({
      status: 'behind',
      needed: 8,
      expectedByNow: 5,
    });
    expect(paceOf({ done: 2, required: 10, workingDaysElapsed: 58, workingDaysLeft: 4, calendarDaysLeft: 6 }).status).toBe('cannot');
    expect(paceOf({ done: 10, required: 10, workingDaysElapsed: 3, workingDaysLeft: 59, calendarDaysLeft: 88 }).status).toBe('met');
  });
});

describe('generated: paces (fixed seed, 2,000 cases)', () => {
  const cases = Array.from({ length: 2000 }, () => {
    const total = int(55, 66);
    const elapsed = int(0, total);
    const left = total - elapsed;
    const calendarDaysLeft = left + int(0, Math.ceil(left / 2) + 2) + (left === 0 ? 0 : 0);
    const required = int(1, 12);
    const done = int(0, required + 3);
    return { done, required, workingDaysElapsed: elapsed, workingDaysLeft: left, calendarDaysLeft };
  });
  it('met exactly when the requirement is reached; cannot exactly when more days are needed than calendar days left', () => {
    for (const c of cases) {
      const p = paceOf(c);
      const needed = Math.max(0, c.required - c.done);
      expect(p.needed).toBe(needed);
      expect(p.status === 'met').toBe(needed === 0);
      if (needed > 0) expect(p.status === 'cannot').toBe(needed > c.calendarDaysLeft);
    }
  });
  it('in the first weeks (under the grace share) nobody is behind unless the working days left are too few', () => {
    for (const c of cases) {
      const share = c.workingDaysElapsed / (c.workingDaysElapsed + c.workingDaysLeft);
      const p = paceOf(c);
      if (share < PACE_GRACE_SHARE && p.status === 'behind') expect(c.required - c.done).toBeGreaterThan(c.workingDaysLeft);
    }
  });
  it('at or ahead of the even pace is never behind while the days left suffice', () => {
    for (const c of cases) {
      const p = paceOf(c);
      if (c.done >= p.expectedByNow && c.required - c.done <= c.workingDaysLeft) expect(['met', 'onTrack']).toContain(p.status);
    }
  });
  it('one more day logged never makes the pace worse', () => {
    const rank = { met: 0, onTrack: 1, behind: 2, cannot: 3 } as const;
    for (const c of cases) expect(rank[paceOf({ ...c, done: c.done + 1 }).status]).toBeLessThanOrEqual(rank[paceOf(c).status]);
  });
});

describe('ONE working-days-left figure (periodDaysOf)', () => {
  it('elapsed + left = the quarter’s working days, left = workingDaysBetween(today, end, libraryCalendar), for every day of a quarter', () => {
    const start = '2026-09-26';
    const end = '2026-12-25';
    const all = workingDaysBetween(start, end, libraryCalendar).count;
    for (let d = start; d <= end; d = addDays(d, 1)) {
      const p = periodDaysOf(start, end, d, libraryCalendar);
      expect(p.workingDaysElapsed + p.workingDaysLeft).toBe(all);
      expect(p.workingDaysLeft).toBe(workingDaysBetween(d, end, libraryCalendar).count);
    }
    expect(periodDaysOf(start, end, '2026-09-01', libraryCalendar)).toMatchObject({ workingDaysElapsed: 0, workingDaysLeft: all });
    expect(periodDaysOf(start, end, '2027-01-01', libraryCalendar)).toMatchObject({
      workingDaysElapsed: all,
      workingDaysLeft: 0,
      calendarDaysLeft: 0,
    });
  });
});

describe('generated: station ages × paces × confirmed/pending mixes (riskOf)', () => {
  const settings = settingsWith();
  const st = station(); // plaque 2025-01-01, one expert e1, 10 days a quarter
  const plaque = '2025-01-01';
  it('a station in its first 4 weeks is 新建 and green whatever it logged; from then on it is judged', () => {
    for (let age = 0; age < 60; age++) {
      const asOf = addDays(plaque, age);
      const days = int(0, Math.min(age, 5));
      const records = serviceDays('e1', plaque, days).filter((r) => r.date <= asOf);
      const r = riskOf({
        station: { status: 'active', plaqueDate: plaque },
        evaluation: evaluateStation(st, records, 1, settings, asOf, 'all'),
        projection: projectStationFromRecords(st, records, 1, settings, asOf, 'all', libraryCalendar),
      });
      expect(r.isNew).toBe(age < NEW_STATION_DAYS);
      expect(isNewStation(plaque, asOf)).toBe(age < NEW_STATION_DAYS);
      if (r.isNew) expect(r.risk).toBe('green');
    }
  });
  it('pending and confirmed days count the same toward the pace (the mix changes no risk)', () => {
    for (let i = 0; i < 40; i++) {
      const asOf = addDays('2025-10-01', int(0, 90));
      const n = int(0, 10);
      const confirmed = int(0, n);
      const mixed = serviceDays('e1', '2025-10-09', n)
        .filter((r) => r.date <= asOf)
        .map((r, j) => ({ ...r, status: j < confirmed ? ('confirmed' as const) : ('pending' as const) }));
      const allConfirmed = mixed.map((r) => ({ ...r, status: 'confirmed' as const }));
      const risk = (rs: typeof mixed) =>
        riskOf({
          station: { status: 'active' },
          evaluation: evaluateStation(st, rs, 1, settings, asOf, 'all'),
          projection: projectStationFromRecords(st, rs, 1, settings, asOf, 'all', libraryCalendar),
        }).reasons.filter((x) => x.includes('专家本季度'));
      expect(risk(mixed)).toEqual(risk(allConfirmed));
    }
  });
});

describe('numbers for people (lib/format)', () => {
  it.each([
    [6.666666666666667, 2, '6.67'],
    [87.3, 1, '87.3'],
    [87.25, 1, '87.3'],
    [5, 2, '5'],
    [0, 1, '0'],
    [-0.0001, 2, '0'],
    [Number.NaN, 2, '—'],
  ])('num(%p, %p) = %p', (x, d, out) => expect(num(x, d)).toBe(out));
  it.each([
    [850, '850 米'],
    [999.6, '1000 米'],
    [1313448, '1313 公里'],
    [1500, '1.5 公里'],
    [12_345, '12 公里'],
  ])('distanceText(%p) = %p', (m, out) => expect(distanceText(m)).toBe(out));
});
