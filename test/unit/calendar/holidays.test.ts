import {
  holidaySourceOf,
  isHolidayYearKnown,
  isWorkingDay,
  libraryCalendar,
  libraryHolidaySchedule,
  mergeHolidayCalendar,
  publicityEnd,
  workingDaysBetween,
} from '../../../shared/calendar';
import { holidayDayCount, holidayScheduleIssues, normalizeHolidaySchedule } from '../../../shared/rules/holidays';

/** The merged calendar: the library's data, each staff-entered year replacing the library's for that year. */
const y2027 = {
  year: 2027,
  holidays: [
    { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
    { name: '春节', from: '2027-02-06', to: '2027-02-12' },
  ],
  workdays: ['2027-02-20'],
};

describe('mergeHolidayCalendar', () => {
  it('with no stored year is the library', () => {
    expect(mergeHolidayCalendar([])).toBe(libraryCalendar);
  });

  it('a stored 2027 makes 2027 known: 春节 days off, the 调休 Saturday a working day', () => {
    const cal = mergeHolidayCalendar([y2027]);
    expect(isHolidayYearKnown(2027, libraryCalendar)).toBe(false);
    expect(isHolidayYearKnown(2027, cal)).toBe(true);
    expect(holidaySourceOf(2027, cal)).toBe('stored');
    expect(holidaySourceOf(2026, cal)).toBe('library');
    expect(holidaySourceOf(2030, cal)).toBeNull();
    expect(isWorkingDay('2027-02-08', cal)).toEqual({ working: false, known: true });
    expect(isWorkingDay('2027-02-08', libraryCalendar)).toEqual({ working: true, known: false });
    expect(isWorkingDay('2027-02-20', cal)).toEqual({ working: true, known: true });
    expect(isWorkingDay('2027-02-21', cal)).toEqual({ working: false, known: true });
    expect(isWorkingDay('2027-02-15', cal)).toEqual({ working: true, known: true });
    // February 2027: 20 weekdays, minus 春节's five weekdays, plus one 调休 Saturday
    expect(workingDaysBetween('2027-02-01', '2027-02-28', cal)).toEqual({ count: 16, unknownYears: [] });
    expect(workingDaysBetween('2027-02-01', '2027-02-28', libraryCalendar)).toEqual({ count: 20, unknownYears: [2027] });
  });

  it('a publicity window over 春节 2027 skips it; without the stored year it says 2027 年节假日尚未录入', () => {
    expect(publicityEnd('2027-02-05', 5, 'working', mergeHolidayCalendar([y2027]))).toEqual({
      endDate: '2027-02-18',
      unknownYears: [],
      note: '',
    });
    const lib = publicityEnd('2027-02-05', 5, 'working', libraryCalendar);
    expect(lib.endDate).toBe('2027-02-11');
    expect(lib.note).toContain('2027 年节假日尚未录入');
  });

  it('a stored year replaces the library’s whole year, never mixes with it', () => {
    // a 2026 entered with only 元旦: 国庆 2026 is then an ordinary week
    const cal = mergeHolidayCalendar([{ year: 2026, holidays: [{ name: '元旦', from: '2026-01-01', to: '2026-01-01' }], workdays: [] }]);
    expect(isWorkingDay('2026-10-01', libraryCalendar).working).toBe(false);
    expect(isWorkingDay('2026-10-01', cal)).toEqual({ working: true, known: true });
    expect(isWorkingDay('2026-01-01', cal).working).toBe(false);
    // other years still come from the library
    expect(isWorkingDay('2025-10-01', cal).working).toBe(false);
  });
});

describe('libraryHolidaySchedule', () => {
  it('gives the library’s arrangement of a year it knows as named ranges and 调休 days', () => {
    const s = libraryHolidaySchedule(2025)!;
    expect(s.year).toBe(2025);
    // 2025's 国庆 and 中秋 share one break; the library names each day, so the ranges follow its names
    expect(s.holidays.filter((h) => h.from >= '2025-10-01' && h.to <= '2025-10-08')).toEqual([
      { name: '国庆节', from: '2025-10-01', to: '2025-10-05' },
      { name: '中秋', from: '2025-10-06', to: '2025-10-06' },
      { name: '国庆节', from: '2025-10-07', to: '2025-10-08' },
    ]);
    expect(s.workdays).toContain('2025-09-28');
    expect(s.workdays).toContain('2025-10-11');
    expect(holidayScheduleIssues(s)).toEqual([]);
    // the library's year, stored as it is, counts the same as the library
    const cal = mergeHolidayCalendar([s]);
    expect(workingDaysBetween('2025-01-01', '2025-12-31', cal)).toEqual(workingDaysBetween('2025-01-01', '2025-12-31', libraryCalendar));
  });
  it('is null for a year the library does not know', () => {
    expect(libraryHolidaySchedule(2030)).toBeNull();
  });
});

describe('holidayScheduleIssues (rule: the entered year is one consistent notice)', () => {
  it('accepts a consistent year', () => {
    expect(holidayScheduleIssues(y2027)).toEqual([]);
  });
  it.each([
    [
      'a date outside the year',
      { ...y2027, holidays: [{ name: '元旦', from: '2026-12-31', to: '2027-01-01' }] },
      'holidays.0.from',
      '不在 2027 年内',
    ],
    [
      'an end outside the year',
      { ...y2027, holidays: [{ name: '元旦', from: '2027-12-31', to: '2028-01-01' }] },
      'holidays.0.to',
      '不在 2027 年内',
    ],
    [
      'an end before the start',
      { ...y2027, holidays: [{ name: '春节', from: '2027-02-12', to: '2027-02-06' }] },
      'holidays.0.to',
      '早于开始日期',
    ],
    [
      'overlapping holidays',
      { ...y2027, holidays: [...y2027.holidays, { name: '元宵', from: '2027-02-12', to: '2027-02-13' }] },
      'holidays.2.from',
      '日期重叠',
    ],
    ['a workday on a weekday', { ...y2027, workdays: ['2027-02-17'] }, 'workdays.0', '不是周末'],
    ['a workday inside a holiday', { ...y2027, workdays: ['2027-02-07'] }, 'workdays.0', '春节假期'],
    ['a workday outside the year', { ...y2027, workdays: ['2026-12-26'] }, 'workdays.0', '不在 2027 年内'],
    ['a workday twice', { ...y2027, workdays: ['2027-02-20', '2027-02-20'] }, 'workdays.1', '重复'],
  ])('refuses %s', (_what, s, path, text) => {
    const issues = holidayScheduleIssues(s);
    expect(issues).toEqual(expect.arrayContaining([expect.objectContaining({ path, message: expect.stringContaining(text) })]));
  });
  it('normalizes order and counts days off', () => {
    const n = normalizeHolidaySchedule({ ...y2027, holidays: [...y2027.holidays].reverse(), workdays: ['2027-10-09', '2027-02-20'] });
    expect(n.holidays.map((h) => h.name)).toEqual(['元旦', '春节']);
    expect(n.workdays).toEqual(['2027-02-20', '2027-10-09']);
    expect(holidayDayCount(y2027)).toBe(10);
  });
});
