import fc from 'fast-check';
import {
  addDays,
  assessmentYear,
  chinaDateOf,
  dayNumber,
  fromDayNumber,
  quarterOf,
  quartersOfYear,
  termEndDate,
  termProgressYears,
  type YearMode,
  yearIndexOf,
} from '../../../shared/calendar';

process.env.TZ = 'UTC';

const span = (p: { start: string; end: string }) => [p.start, p.end];

describe('assessment years in plaque mode (year runs from the 授牌日期)', () => {
  it.each([
    ['2025-03-15', 1, '2025-03-15', '2026-03-14'],
    ['2025-03-15', 2, '2026-03-15', '2027-03-14'],
    ['2025-01-01', 1, '2025-01-01', '2025-12-31'],
    // leap-day plaque: anniversaries clamp to 28 February, and come back to the 29th in leap years
    ['2024-02-29', 1, '2024-02-29', '2025-02-27'],
    ['2024-02-29', 2, '2025-02-28', '2026-02-27'],
    ['2024-02-29', 4, '2027-02-28', '2028-02-28'],
    ['2024-02-29', 5, '2028-02-29', '2029-02-27'],
  ])('plaque %s: year %i is %s … %s', (plaque, k, start, end) => {
    const y = assessmentYear(plaque, k, 'plaque');
    expect(span(y)).toEqual([start, end]);
    expect(y.fraction).toBe(1);
    expect(y.partial).toBe(false);
  });

  it('rejects a year index that is not a positive integer', () => {
    expect(() => assessmentYear('2025-01-01', 0, 'plaque')).toThrow('考核年度序号必须是正整数');
    expect(() => quartersOfYear('2025-01-01', 1.5, 'calendar')).toThrow('考核年度序号必须是正整数');
  });
});

describe('quarters in plaque mode are 3-month blocks from the plaque date', () => {
  it('plaque on the 31st: quarters start on the 31st or the last day of shorter months', () => {
    expect(quartersOfYear('2025-01-31', 1, 'plaque').map(span)).toEqual([
      ['2025-01-31', '2025-04-29'],
      ['2025-04-30', '2025-07-30'],
      ['2025-07-31', '2025-10-30'],
      ['2025-10-31', '2026-01-30'],
    ]);
  });

  it('plaque on 2024-02-29 (leap year): quarters of year 1 and 2', () => {
    expect(quartersOfYear('2024-02-29', 1, 'plaque').map(span)).toEqual([
      ['2024-02-29', '2024-05-28'],
      ['2024-05-29', '2024-08-28'],
      ['2024-08-29', '2024-11-28'],
      ['2024-11-29', '2025-02-27'],
    ]);
    expect(quartersOfYear('2024-02-29', 2, 'plaque')[0]).toMatchObject({
      start: '2025-02-28',
      end: '2025-05-28',
      quarter: 1,
      yearIndex: 2,
    });
  });

  it('plaque on 30 November: the second quarter starts on the last day of February', () => {
    expect(quartersOfYear('2025-11-30', 1, 'plaque').map(span)).toEqual([
      ['2025-11-30', '2026-02-27'],
      ['2026-02-28', '2026-05-29'],
      ['2026-05-30', '2026-08-29'],
      ['2026-08-30', '2026-11-29'],
    ]);
  });
});

describe('calendar mode: year = calendar year, year 1 starts on the plaque date', () => {
  it('a plaque on 1 January gives four full calendar quarters', () => {
    const qs = quartersOfYear('2025-01-01', 1, 'calendar');
    expect(qs.map(span)).toEqual([
      ['2025-01-01', '2025-03-31'],
      ['2025-04-01', '2025-06-30'],
      ['2025-07-01', '2025-09-30'],
      ['2025-10-01', '2025-12-31'],
    ]);
    expect(qs.every((q) => q.fraction === 1 && !q.partial)).toBe(true);
  });

  it('a plaque on 15 August: year 1 is partial, has only Q3 (partial) and Q4', () => {
    const y = assessmentYear('2025-08-15', 1, 'calendar');
    expect(span(y)).toEqual(['2025-08-15', '2025-12-31']);
    expect(y.partial).toBe(true);
    expect(y.days).toBe(139);
    expect(y.fraction).toBeCloseTo(139 / 365);
    const qs = quartersOfYear('2025-08-15', 1, 'calendar');
    expect(qs.map((q) => [q.quarter, q.start, q.end, q.partial])).toEqual([
      [3, '2025-08-15', '2025-09-30', true],
      [4, '2025-10-01', '2025-12-31', false],
    ]);
    expect(qs[0]?.fraction).toBeCloseTo(47 / 92);
  });

  it('year 2 is the whole next calendar year', () => {
    const y = assessmentYear('2025-08-15', 2, 'calendar');
    expect(span(y)).toEqual(['2026-01-01', '2026-12-31']);
    expect(y.fraction).toBe(1);
    expect(quartersOfYear('2025-08-15', 2, 'calendar')).toHaveLength(4);
  });

  it('a plaque on the last day of a quarter keeps that one-day quarter', () => {
    const qs = quartersOfYear('2025-03-31', 1, 'calendar');
    expect(qs[0]).toMatchObject({ quarter: 1, start: '2025-03-31', end: '2025-03-31', days: 1, partial: true });
    expect(qs).toHaveLength(4);
  });
});

describe('which year and quarter a date falls in', () => {
  it.each<[string, string, YearMode, number, number | null]>([
    ['2025-03-15', '2025-03-14', 'plaque', 0, null],
    ['2025-03-15', '2025-03-15', 'plaque', 1, 1],
    ['2025-03-15', '2025-06-14', 'plaque', 1, 1],
    ['2025-03-15', '2025-06-15', 'plaque', 1, 2],
    ['2025-03-15', '2026-03-14', 'plaque', 1, 4],
    ['2025-03-15', '2026-03-15', 'plaque', 2, 1],
    ['2025-03-31', '2026-03-30', 'plaque', 1, 4],
    ['2025-03-31', '2026-03-31', 'plaque', 2, 1],
    ['2024-02-29', '2025-02-27', 'plaque', 1, 4],
    ['2024-02-29', '2025-02-28', 'plaque', 2, 1],
    ['2024-02-29', '2028-02-28', 'plaque', 4, 4],
    ['2024-02-29', '2028-02-29', 'plaque', 5, 1],
    ['2025-08-15', '2025-08-14', 'calendar', 0, null],
    ['2025-08-15', '2025-08-15', 'calendar', 1, 3],
    ['2025-08-15', '2025-12-31', 'calendar', 1, 4],
    ['2025-08-15', '2026-01-01', 'calendar', 2, 1],
    ['2025-08-15', '2026-07-01', 'calendar', 2, 3],
  ])('plaque %s, %s (%s mode): year %i, quarter %p', (plaque, date, mode, k, q) => {
    expect(yearIndexOf(plaque, date, mode)).toBe(k);
    const found = quarterOf(plaque, date, mode);
    expect(found?.quarter ?? null).toBe(q);
    if (found) {
      expect(found.yearIndex).toBe(k);
      expect(date >= found.start && date <= found.end).toBe(true);
    }
  });

  describe('at the quarter edge, 23:59:59 and 00:00:00 China time with the process in UTC', () => {
    // Plaque 2025-01-01, plaque mode: Q1 ends 2025-03-31 and Q2 starts 2025-04-01 (China time).
    it.each([
      ['2025-03-31T15:59:59Z', 1, 1],
      ['2025-03-31T16:00:00Z', 1, 2],
      ['2025-12-31T15:59:59Z', 1, 4],
      ['2025-12-31T16:00:00Z', 2, 1],
    ])('instant %s is year %i quarter %i', (iso, k, q) => {
      const date = chinaDateOf(Date.parse(iso));
      expect(quarterOf('2025-01-01', date, 'plaque')).toMatchObject({ yearIndex: k, quarter: q });
    });
  });

  it('quarters tile each year with no gap and no overlap, in both modes (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: dayNumber('2020-01-01'), max: dayNumber('2030-12-31') }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom<YearMode>('plaque', 'calendar'),
        (n, k, mode) => {
          const plaque = fromDayNumber(n);
          const y = assessmentYear(plaque, k, mode);
          const qs = quartersOfYear(plaque, k, mode);
          expect(qs[0]?.start).toBe(y.start);
          expect(qs[qs.length - 1]?.end).toBe(y.end);
          for (let i = 1; i < qs.length; i++) expect(qs[i]?.start).toBe(addDays(qs[i - 1]?.end ?? '', 1));
          expect(qs.reduce((s, q) => s + q.days, 0)).toBe(y.days);
          // the day after the year's end is in the next year
          expect(yearIndexOf(plaque, addDays(y.end, 1), mode)).toBe(k + 1);
          expect(yearIndexOf(plaque, y.end, mode)).toBe(k);
          for (const q of qs) {
            expect(quarterOf(plaque, q.start, mode)).toEqual(q);
            expect(quarterOf(plaque, q.end, mode)).toEqual(q);
          }
        },
      ),
    );
  });
});

describe('memoised quarter boundaries', () => {
  it('stay correct after more distinct stations than the memo holds (it is cleared, not grown)', () => {
    const first = quartersOfYear('2025-01-31', 1, 'plaque').map(span);
    for (let n = dayNumber('2000-01-01'), i = 0; i < 21_000; i++, n++) quartersOfYear(fromDayNumber(n), 1, 'calendar');
    expect(quartersOfYear('2025-01-31', 1, 'plaque').map(span)).toEqual(first);
    expect(first[1]).toEqual(['2025-04-30', '2025-07-30']);
  });

  it('cannot be corrupted by a caller', () => {
    const q = quartersOfYear('2025-01-01', 1, 'plaque')[0] as { start: string };
    expect(() => {
      q.start = '1999-01-01';
    }).toThrow(TypeError);
    expect(quartersOfYear('2025-01-01', 1, 'plaque')[0]?.start).toBe('2025-01-01');
  });
});

describe('term and term progress (第七条: 协议期限2年)', () => {
  it.each([
    ['2025-03-15', 2, '2027-03-14'],
    ['2024-02-29', 2, '2026-02-27'],
    ['2025-01-01', 1, '2025-12-31'],
  ])('plaque %s, %i-year term ends %s', (plaque, years, end) => {
    expect(termEndDate(plaque, years)).toBe(end);
  });

  it.each([
    ['2025-03-15', '2025-03-14', 0],
    ['2025-03-15', '2026-03-14', 1],
    ['2025-03-15', '2027-03-14', 2],
    ['2025-01-01', '2025-01-01', 1 / 365],
    ['2025-01-01', '2026-07-01', 1 + 182 / 365],
  ])('plaque %s: at the end of %s, %d years of the term have elapsed', (plaque, date, years) => {
    expect(termProgressYears(plaque, date)).toBeCloseTo(years, 10);
  });
});
