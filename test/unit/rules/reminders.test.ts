import { libraryCalendar } from '../../../shared/calendar/holidays';
import { expertCoverage, sumContributions } from '../../../shared/rules/assessment';
import { reminderWindow, shortExperts } from '../../../shared/rules/reminders';
import { serviceDays, settingsWith } from '../assessment/fixtures';

// Plaque 2025-01-01 in plaque mode: Q4 of year 1 ends on Wednesday 2025-12-31. Counting that day, the
// last five working days are 25, 26, 29, 30 and 31 December (the default window is 5 working days).
const settings = settingsWith();
const station = { status: 'active' as const, plaqueDate: '2025-01-01' };

describe('reminderWindow (第十二条(二): remind before the quarter ends)', () => {
  it.each<[string, string, number | null]>([
    ['six working days before the end: not yet', '2025-12-24', null],
    ['five working days before the end: in the window', '2025-12-25', 5],
    ['the last day of the quarter', '2025-12-31', 1],
    ['the first day of the next quarter: a new quarter, not yet', '2026-01-01', null],
  ])('%s', (_name, today, workingDaysLeft) => {
    expect(reminderWindow(station, settings, today, libraryCalendar)?.workingDaysLeft ?? null).toBe(workingDaysLeft);
  });
  it('names the year and quarter', () => {
    expect(reminderWindow(station, settings, '2025-12-29', libraryCalendar)).toMatchObject({
      yearIndex: 1,
      quarter: { quarter: 4, start: '2025-10-01', end: '2025-12-31' },
      workingDaysLeft: 3,
    });
  });
  it('follows the programme’s window', () => {
    expect(
      reminderWindow(station, settingsWith({ reminderWorkingDaysBeforeQuarterEnd: 6 }), '2025-12-24', libraryCalendar)?.workingDaysLeft,
    ).toBe(6);
  });
  it('never for a de-listed station, nor before the plaque date', () => {
    expect(reminderWindow({ ...station, status: 'delisted' }, settings, '2025-12-29', libraryCalendar)).toBeNull();
    expect(reminderWindow({ ...station, plaqueDate: '2026-03-01' }, settings, '2025-12-29', libraryCalendar)).toBeNull();
  });
});

describe('shortExperts (below the quarter’s days, from the tally)', () => {
  const st = { plaqueDate: '2025-01-01' };
  const w = reminderWindow(station, settings, '2025-12-29', libraryCalendar)!;
  it.each<[number, boolean]>([
    [9, true],
    [10, false],
    [11, false],
  ])('%i of 10 days → short: %s', (n, short) => {
    const tally = sumContributions(serviceDays('e1', '2025-10-09', n), st, settings);
    expect(shortExperts(['e1'], tally, w, settings)).toEqual(short ? [{ expertId: 'e1', days: n, required: 10 }] : []);
  });
  it('asks each expert only their own requirement (issue 13 item 6: go-live, membership dates); none → not reminded', () => {
    const tally = sumContributions(serviceDays('e1', '2025-12-01', 3), st, settings);
    // e1 joined on 2025-12-01 (⌈10 × 31/92⌉ = 4 days), e2 joined after the quarter (not assessed)
    const required = expertCoverage(
      {
        plaqueDate: '2025-01-01',
        expertIds: [],
        team: [
          { personId: 'e1', from: '2025-12-01', to: null },
          { personId: 'e2', from: '2026-01-05', to: null },
        ],
      },
      1,
      'plaque',
      10,
    );
    const of = (id: string) => required.find((c) => c.expertId === id)?.quarters.get(w.quarter.quarter) ?? null;
    expect(shortExperts(['e1', 'e2'], tally, w, settings, of)).toEqual([{ expertId: 'e1', days: 3, required: 4 }]);
  });
  it('lists a team member with no days at all', () => {
    const tally = sumContributions(serviceDays('e1', '2025-10-09', 10), st, settings);
    expect(shortExperts(['e1', 'e2'], tally, w, settings)).toEqual([{ expertId: 'e2', days: 0, required: 10 }]);
  });
  it('prorates a partial quarter (calendar mode, plaque in mid-February: half of Q1 → 5 days)', () => {
    const calendar = settingsWith({ yearMode: 'calendar' });
    const mid = { status: 'active' as const, plaqueDate: '2025-02-15' };
    const q1 = reminderWindow(mid, calendar, '2025-03-31', libraryCalendar)!;
    const tally = sumContributions(serviceDays('e1', '2025-03-01', 4), mid, calendar);
    expect(shortExperts(['e1'], tally, q1, calendar)).toEqual([{ expertId: 'e1', days: 4, required: 5 }]);
  });
});
