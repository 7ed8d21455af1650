import { isWorkday } from 'chinese-days';
import fc from 'fast-check';
import {
  addDays,
  addWorkingDays,
  dayNumber,
  fromDayNumber,
  isHolidayYearKnown,
  isWorkingDay,
  libraryCalendar,
  publicityEnd,
  unknownYearsNote,
  workingDaysBetween,
} from '../../../shared/calendar';

process.env.TZ = 'UTC';

describe('working days come from the chinese-days calendar (法定节假日 and 调休)', () => {
  it.each([
    ['an ordinary Monday', '2025-10-13', true],
    ['an ordinary Sunday', '2025-10-12', false],
    ['国庆 2025: Wednesday 1 October is a holiday', '2025-10-01', false],
    ['国庆 2025: Wednesday 8 October (中秋 merged) is a holiday', '2025-10-08', false],
    ['调休: Sunday 28 September 2025 is a working day', '2025-09-28', true],
    ['调休: Saturday 11 October 2025 is a working day', '2025-10-11', true],
    ['春节 2026: Monday 23 February is a holiday', '2026-02-23', false],
    ['调休: Saturday 14 February 2026 is a working day', '2026-02-14', true],
    ['元旦 2026: Friday 2 January is a holiday', '2026-01-02', false],
  ])('%s', (_why, date, working) => {
    expect(isWorkingDay(date, libraryCalendar)).toEqual({ working, known: true });
  });

  it('agrees with chinese-days for every day of the years it knows (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: dayNumber('2004-01-01'), max: dayNumber('2026-12-31') }), (n) => {
        const d = fromDayNumber(n);
        expect(isWorkingDay(d, libraryCalendar).working).toBe(isWorkday(d));
      }),
      { numRuns: 500 },
    );
  });

  it('knows which years it has holiday data for', () => {
    expect(isHolidayYearKnown(2025, libraryCalendar)).toBe(true);
    expect(isHolidayYearKnown(2026, libraryCalendar)).toBe(true);
    expect(isHolidayYearKnown(2003, libraryCalendar)).toBe(false);
    expect(isHolidayYearKnown(2030, libraryCalendar)).toBe(false);
    // cached answer is the same
    expect(isHolidayYearKnown(2030, libraryCalendar)).toBe(false);
  });

  describe('in a year chinese-days does not know, only weekends are excluded — and it says so', () => {
    it.each([
      ['a Monday', '2030-03-04', true],
      ['a Saturday', '2030-03-09', false],
      ['1 January, a weekday', '2030-01-01', true],
    ])('%s', (_why, date, working) => {
      expect(isWorkingDay(date, libraryCalendar)).toEqual({ working, known: false });
    });
  });
});

describe('counting working days', () => {
  it('October 2025 has 18 working days (23 weekdays − 6 holiday weekdays + 调休 Saturday 11 Oct)', () => {
    expect(workingDaysBetween('2025-10-01', '2025-10-31', libraryCalendar)).toEqual({ count: 18, unknownYears: [] });
  });

  it('a single day range counts that day', () => {
    expect(workingDaysBetween('2025-10-11', '2025-10-11', libraryCalendar).count).toBe(1);
    expect(workingDaysBetween('2025-10-12', '2025-10-12', libraryCalendar).count).toBe(0);
  });

  it('a reversed range counts nothing', () => {
    expect(workingDaysBetween('2025-10-02', '2025-10-01', libraryCalendar)).toEqual({ count: 0, unknownYears: [] });
  });

  it('a range reaching into an unknown year reports that year', () => {
    const r = workingDaysBetween('2026-12-28', '2027-01-08', libraryCalendar);
    // 28–31 Dec 2026 (Mon–Thu) = 4, then 1–8 Jan 2027 on weekends only: Fri 1, Mon 4 … Fri 8 = 6
    expect(r).toEqual({ count: 10, unknownYears: [2027] });
  });
});

describe('adding working days', () => {
  it.each([
    ['over 国庆: the working day after 30 Sept 2025 is 9 Oct', '2025-09-30', 1, '2025-10-09'],
    ['back over 国庆', '2025-10-09', -1, '2025-09-30'],
    ['a 调休 Sunday counts: Friday 26 Sept + 1 = Sunday 28 Sept', '2025-09-26', 1, '2025-09-28'],
    ['zero stays on the day', '2025-10-01', 0, '2025-10-01'],
    ['over 春节 2026: Saturday 14 Feb (调休) + 1 = 24 Feb', '2026-02-14', 1, '2026-02-24'],
  ])('%s', (_why, start, n, expected) => {
    expect(addWorkingDays(start, n, libraryCalendar)).toEqual({ date: expected, unknownYears: [] });
  });

  it('rejects a fractional count', () => {
    expect(() => addWorkingDays('2025-10-01', 1.5, libraryCalendar)).toThrow('工作日数必须是整数');
  });

  it('n working days after d, counted back, are n (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: dayNumber('2024-01-01'), max: dayNumber('2026-11-30') }), fc.integer({ min: 1, max: 20 }), (n, k) => {
        const d = fromDayNumber(n);
        const { date } = addWorkingDays(d, k, libraryCalendar);
        expect(workingDaysBetween(addDays(d, 1), date, libraryCalendar).count).toBe(k);
        expect(isWorkingDay(date, libraryCalendar).working).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('end of a publicity period (公示)', () => {
  describe('5 working days (seed 004 第八条)', () => {
    it.each([
      ['starting on an ordinary Monday', '2025-06-09', '2025-06-13'],
      ['starting Friday 26 Sept 2025, right before 国庆: Sun 28 Sept is a 调休 working day', '2025-09-26', '2025-10-09'],
      ['starting Tuesday 30 Sept 2025: 国庆 skipped, Saturday 11 Oct counts', '2025-09-30', '2025-10-13'],
      ['starting on 1 Oct 2025, a holiday: counting begins on 9 Oct', '2025-10-01', '2025-10-14'],
      ['starting Thursday 12 Feb 2026, right before 春节: Sat 14 Feb counts, 15–23 Feb skipped', '2026-02-12', '2026-02-25'],
      ['starting on a Saturday that is not 调休', '2025-06-14', '2025-06-20'],
    ])('%s → ends %s', (_why, start, end) => {
      expect(publicityEnd(start, 5, 'working', libraryCalendar)).toEqual({ endDate: end, unknownYears: [], note: '' });
    });

    it('one working day starting on a working day ends that day', () => {
      expect(publicityEnd('2025-10-11', 1, 'working', libraryCalendar).endDate).toBe('2025-10-11');
    });
  });

  it('calendar days simply count from the start (5 天 incl. the start)', () => {
    expect(publicityEnd('2025-09-30', 5, 'calendar', libraryCalendar)).toEqual({ endDate: '2025-10-04', unknownYears: [], note: '' });
  });

  describe('when the period reaches a year chinese-days does not know', () => {
    it('counts weekends only and says so in Chinese', () => {
      const r = publicityEnd('2026-12-29', 5, 'working', libraryCalendar);
      // 29, 30, 31 Dec 2026, then Friday 1 Jan 2027 (元旦 unknown → counted) and Monday 4 Jan
      expect(r.endDate).toBe('2027-01-04');
      expect(r.unknownYears).toEqual([2027]);
      expect(r.note).toContain('2027 年');
      expect(r.note).toContain('仅扣除周末');
    });

    it('reports the unknown year even when only the start day is in it', () => {
      const r = publicityEnd('2030-03-08', 1, 'working', libraryCalendar);
      expect(r).toMatchObject({ endDate: '2030-03-08', unknownYears: [2030] });
      expect(r.note).not.toBe('');
    });

    it('a start on an unknown-year weekend is flagged too', () => {
      expect(publicityEnd('2030-03-09', 1, 'working', libraryCalendar)).toMatchObject({ endDate: '2030-03-11', unknownYears: [2030] });
    });
  });

  it('rejects a non-positive or fractional length', () => {
    expect(() => publicityEnd('2025-10-01', 0, 'working', libraryCalendar)).toThrow('公示天数必须是正整数');
    expect(() => publicityEnd('2025-10-01', 2.5, 'calendar', libraryCalendar)).toThrow('公示天数必须是正整数');
  });

  it('the note lists every unknown year', () => {
    expect(unknownYearsNote([])).toBe('');
    expect(unknownYearsNote([2027, 2028])).toContain('2027、2028 年');
  });
});
