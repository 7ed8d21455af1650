import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import fc from 'fast-check';
import {
  addDays,
  addMonthsClamped,
  assertChinaDate,
  chinaDateOf,
  chinaDateTimeOf,
  chinaDayEnd,
  chinaDayStart,
  compareDates,
  dayNumber,
  daysInclusive,
  daysInMonth,
  diffDays,
  fromDayNumber,
  isLeapYear,
  isValidChinaDate,
  isWeekend,
  isWithin,
  maxDate,
  minDate,
  weekdayOf,
  yearOf,
} from '../../../shared/calendar';

dayjs.extend(utc);
dayjs.extend(timezone);

const utcMs = (iso: string) => Date.parse(iso);

// Cloud functions run in UTC; pin it so a developer machine set to China time still tests the edge.
process.env.TZ = 'UTC';

describe('China time while the process runs in UTC', () => {
  it('runs these tests in UTC (the cloud-function setting)', () => {
    // The edge cases below only prove something when local time is not China time.
    expect(new Date(utcMs('2025-03-31T16:00:00Z')).getDate()).toBe(31);
  });

  describe('chinaDateOf at the China midnight edge', () => {
    it.each([
      ['23:59:59 China time on 31 March is 15:59:59 UTC the same day', '2025-03-31T15:59:59Z', '2025-03-31'],
      ['00:00:00 China time on 1 April is 16:00:00 UTC on 31 March', '2025-03-31T16:00:00Z', '2025-04-01'],
      ['23:59:59.999 China time on 31 December', '2025-12-31T15:59:59.999Z', '2025-12-31'],
      ['00:00 China time on 1 January is still 31 December in UTC', '2025-12-31T16:00:00Z', '2026-01-01'],
      ['leap day starts at 16:00 UTC on 28 February', '2024-02-28T16:00:00Z', '2024-02-29'],
      ['noon UTC is evening in China, same date', '2025-06-15T12:00:00Z', '2025-06-15'],
    ])('%s', (_why, iso, expected) => {
      expect(chinaDateOf(utcMs(iso))).toBe(expected);
    });
  });

  describe('chinaDayStart / chinaDayEnd', () => {
    it('00:00 China time is 16:00 UTC of the previous day', () => {
      expect(new Date(chinaDayStart('2025-04-01')).toISOString()).toBe('2025-03-31T16:00:00.000Z');
    });
    it('the last millisecond of the China day is 15:59:59.999 UTC', () => {
      expect(new Date(chinaDayEnd('2025-03-31')).toISOString()).toBe('2025-03-31T15:59:59.999Z');
    });
    it('round-trips with chinaDateOf for any instant of the day', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: dayNumber('2000-01-01'), max: dayNumber('2099-12-31') }),
          fc.integer({ min: 0, max: 86_399_999 }),
          (n, ms) => {
            const date = fromDayNumber(n);
            expect(chinaDateOf(chinaDayStart(date) + ms)).toBe(date);
          },
        ),
      );
    });
  });

  it('the fixed UTC+8 offset agrees with the Asia/Shanghai time-zone database since 2000', () => {
    fc.assert(
      fc.property(fc.integer({ min: utcMs('2000-01-01T00:00:00Z'), max: utcMs('2099-12-31T00:00:00Z') }), (ms) => {
        expect(chinaDateOf(ms)).toBe(dayjs(ms).tz('Asia/Shanghai').format('YYYY-MM-DD'));
      }),
      { numRuns: 300 },
    );
  });
});

describe('date arithmetic on China dates', () => {
  it.each([
    ['2025-01-31', 1, '2025-02-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2025-06-15', 0, '2025-06-15'],
    ['2025-01-01', 365, '2026-01-01'],
  ])('addDays(%s, %i) = %s', (d, n, expected) => {
    expect(addDays(d, n)).toBe(expected);
  });

  it('diffDays counts from the first to the second date', () => {
    expect(diffDays('2025-01-01', '2025-01-03')).toBe(2);
    expect(diffDays('2025-01-03', '2025-01-01')).toBe(-2);
    expect(diffDays('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('daysInclusive counts both ends and is 0 for a reversed range', () => {
    expect(daysInclusive('2025-01-01', '2025-01-01')).toBe(1);
    expect(daysInclusive('2025-01-01', '2025-03-31')).toBe(90);
    expect(daysInclusive('2025-01-02', '2025-01-01')).toBe(0);
  });

  it('addDays and diffDays are inverse', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: dayNumber('2000-01-01'), max: dayNumber('2090-01-01') }),
        fc.integer({ min: -3000, max: 3000 }),
        (n, k) => {
          const d = fromDayNumber(n);
          expect(diffDays(d, addDays(d, k))).toBe(k);
        },
      ),
    );
  });

  it('compares, orders and bounds dates', () => {
    expect(compareDates('2025-01-01', '2025-01-02')).toBe(-1);
    expect(compareDates('2025-01-02', '2025-01-01')).toBe(1);
    expect(compareDates('2025-01-02', '2025-01-02')).toBe(0);
    expect(minDate('2025-03-01', '2025-02-01')).toBe('2025-02-01');
    expect(minDate('2025-01-01', '2025-02-01')).toBe('2025-01-01');
    expect(maxDate('2025-03-01', '2025-02-01')).toBe('2025-03-01');
    expect(maxDate('2025-01-01', '2025-02-01')).toBe('2025-02-01');
    expect(isWithin('2025-02-01', '2025-01-01', '2025-03-01')).toBe(true);
    expect(isWithin('2025-01-01', '2025-01-01', '2025-03-01')).toBe(true);
    expect(isWithin('2025-03-02', '2025-01-01', '2025-03-01')).toBe(false);
    expect(isWithin('2024-12-31', '2025-01-01', '2025-03-01')).toBe(false);
    expect(yearOf('2031-07-09')).toBe(2031);
  });

  describe('addMonthsClamped clamps to the end of the month', () => {
    it.each([
      ['2025-01-31', 1, '2025-02-28'],
      ['2024-01-31', 1, '2024-02-29'],
      ['2025-01-31', 3, '2025-04-30'],
      ['2025-01-31', 6, '2025-07-31'],
      ['2024-02-29', 12, '2025-02-28'],
      ['2024-02-29', 48, '2028-02-29'],
      ['2025-11-30', 3, '2026-02-28'],
      ['2025-03-15', -3, '2024-12-15'],
      ['2025-05-31', -3, '2025-02-28'],
      ['2025-08-15', 0, '2025-08-15'],
    ])('addMonthsClamped(%s, %i) = %s', (d, n, expected) => {
      expect(addMonthsClamped(d, n)).toBe(expected);
    });
  });

  it('knows leap years and month lengths', () => {
    expect([2000, 2024, 2100, 2025].map(isLeapYear)).toEqual([true, true, false, false]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2025, 2)).toBe(28);
    expect(daysInMonth(2025, 12)).toBe(31);
    expect(daysInMonth(2025, 4)).toBe(30);
  });

  it('knows weekdays and weekends', () => {
    expect(weekdayOf('2025-10-01')).toBe(3); // Wednesday
    expect(weekdayOf('1970-01-01')).toBe(4);
    expect(weekdayOf('1969-12-28')).toBe(0);
    expect(isWeekend('2025-10-11')).toBe(true); // Saturday
    expect(isWeekend('2025-10-12')).toBe(true); // Sunday
    expect(isWeekend('2025-10-13')).toBe(false);
  });

  it('agrees with dayjs on weekdays', () => {
    fc.assert(
      fc.property(fc.integer({ min: dayNumber('2000-01-01'), max: dayNumber('2099-12-31') }), (n) => {
        const d = fromDayNumber(n);
        expect(weekdayOf(d)).toBe(dayjs.utc(d).day());
      }),
    );
  });
});

describe('validating China dates', () => {
  it.each([
    ['2025-02-29', false],
    ['2024-02-29', true],
    ['2025-13-01', false],
    ['2025-1-1', false],
    ['1999-12-31', false],
    ['2025-06-30', true],
    [20250630, false],
  ])('isValidChinaDate(%p) = %p', (s, ok) => {
    expect(isValidChinaDate(s)).toBe(ok);
  });

  it('assertChinaDate returns a valid date and rejects an invalid one in Chinese', () => {
    expect(assertChinaDate('2025-06-30')).toBe('2025-06-30');
    expect(() => assertChinaDate('2025-02-30')).toThrow('无效日期');
  });
});

describe('chinaDateTimeOf: an instant as China wall-clock time, whatever the process zone', () => {
  it.each([
    [Date.UTC(2026, 10, 21, 15, 59), '2026-11-21 23:59'],
    [Date.UTC(2026, 10, 21, 16, 0), '2026-11-22 00:00'],
    [Date.UTC(2024, 1, 28, 16, 30), '2024-02-29 00:30'],
  ])('%d → %s', (ms, expected) => {
    expect(chinaDateTimeOf(ms)).toBe(expected);
  });
});
