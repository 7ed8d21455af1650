import { libraryCalendar } from '../../../shared/calendar/holidays';
import {
  budgetLastDay,
  describePublicity,
  isPublicityOver,
  isRoundYear,
  isWorkOverdue,
  publicityPeriod,
  roundYearOf,
  workDeadline,
} from '../../../shared/rules/cycle';
import { programme } from './fixtures';

describe('[yiyang-station-2023:cycle.round-interval] applications every two years from 2023 (第八条)', () => {
  const p = programme('yiyang-station-2023');
  it.each([
    [2022, false],
    [2023, true],
    [2024, false],
    [2025, true],
    [2027, true],
  ])('%i is a round year: %s', (year, expected) => expect(isRoundYear(p, year)).toBe(expected));
  it.each([
    ['2022-12-31', null],
    ['2023-01-01', 2023],
    ['2024-12-31', 2023],
    ['2025-01-01', 2025],
  ])('%s belongs to round %s', (date, round) => expect(roundYearOf(p, date)).toBe(round));
});

describe('yearly rounds', () => {
  it('[yiyang-capacity-2018:cycle.round-interval] every year from 2018', () => {
    const p = programme('yiyang-capacity-2018');
    expect(isRoundYear(p, 2017)).toBe(false);
    expect(isRoundYear(p, 2019)).toBe(true);
    expect(roundYearOf(p, '2020-05-01')).toBe(2020);
  });
  it('[weihai-2025:cycle.round-interval] every year from 2025', () => {
    const p = programme('weihai-2025');
    expect(isRoundYear(p, 2024)).toBe(false);
    expect(isRoundYear(p, 2026)).toBe(true);
  });
  it('[pingdingshan-five-star:cycle.round-interval] every year, no first year known (三(三) 每年评选一次)', () => {
    const p = programme('pingdingshan-five-star');
    expect(isRoundYear(p, 2016)).toBe(true);
    expect(roundYearOf(p, '2016-08-01')).toBe(2016);
  });
  it('a programme without a stated interval leaves it to each notice', () => {
    const p = programme('wuhan-award');
    expect(isRoundYear(p, 2025)).toBeNull();
    expect(roundYearOf(p, '2025-01-01')).toBeNull();
  });
  it('an interval without an anchor year cannot place multi-year rounds', () => {
    const p = programme('pingdingshan-five-star');
    const biennial = { ...p, cycle: { ...p.cycle, roundIntervalYears: 2 } };
    expect(roundYearOf(biennial, '2025-01-01')).toBeNull();
  });
});

describe('[weihai-2025:cycle.work-deadline] work done by 30 November (五(五))', () => {
  const p = programme('weihai-2025');
  it('falls on 30 November of the round year', () => expect(workDeadline(p, 2025)).toBe('2025-11-30'));
  it.each([
    ['2025-11-29', false],
    ['2025-11-30', false],
    ['2025-12-01', true],
  ])('on %s overdue: %s', (today, overdue) => expect(isWorkOverdue(p, 2025, today)).toBe(overdue));
  it('other programmes have no such deadline', () => {
    expect(workDeadline(programme('yiyang-station-2023'), 2025)).toBeNull();
    expect(isWorkOverdue(programme('yiyang-station-2023'), 2025, '2025-12-31')).toBeNull();
  });
});

describe('[yiyang-capacity-2018:cycle.budget-year] the budget is spent within one year of approval (管理办法第十四条)', () => {
  it.each([
    ['2025-03-10', '2026-03-09'],
    ['2024-02-29', '2025-02-27'],
  ])('approved %s → last day %s', (approvedOn, last) => expect(budgetLastDay(programme('yiyang-capacity-2018'), approvedOn)).toBe(last));
  it('is not a rule of the other programmes', () => expect(budgetLastDay(programme('weihai-2025'), '2025-03-10')).toBeNull());
});

describe('publicity periods', () => {
  it('describe themselves in Chinese', () => {
    expect(describePublicity(programme('yiyang-station-2023'))).toBe('不少于 5 个工作日');
    expect(describePublicity(programme('wuhan-award'))).toBe('10 天（自然日）');
  });
  it('note a year whose holidays are not published yet', () => {
    const far = publicityPeriod(programme('yiyang-station-2023'), '2099-12-28', libraryCalendar);
    expect(far.note).toContain('2099');
    expect(publicityPeriod(programme('yiyang-station-2023'), '2025-06-09', libraryCalendar)).toEqual({
      start: '2025-06-09',
      end: '2025-06-13',
      note: '',
    });
  });
  it('are over only after the last day', () => {
    expect(isPublicityOver('2025-06-13', '2025-06-13')).toBe(false);
    expect(isPublicityOver('2025-06-13', '2025-06-14')).toBe(true);
  });
});
