import { chunksOf, groupEntries, weekStart } from '../../../miniprogram/src/packages/expert/components/groups';
import { quarterMet, quarterStatusText } from '../../../miniprogram/src/packages/expert/components/texts';
import type { EntryView } from '../../../shared/api/stations';
import { loggableDates, RECENT_PICKER_DAYS } from '../../../shared/rules/logging';

/** Issue 15, findings 12 and 14: the host's groups, the expert's quarter words, the picker and its text. */

const entry = (id: string, date: string, authorId: string, authorName: string) =>
  ({ record: { id, date, authorId, evidence: [] }, authorName }) as unknown as EntryView;

describe('the host contact’s groups', () => {
  const es = [
    entry('a', '2026-11-19', 'p1', '王建国'),
    entry('b', '2026-11-16', 'p2', '李娜'),
    entry('c', '2026-11-13', 'p1', '王建国'),
    entry('d', '2026-11-22', 'p2', '李娜'),
  ];
  it('by week: Monday to Sunday, newest week first, newest entry first', () => {
    expect(weekStart('2026-11-22')).toBe('2026-11-16'); // a Sunday belongs to the week of its Monday
    const g = groupEntries(es, 'week');
    expect(g.map((x) => [x.label, x.entries.map((e) => e.record.id)])).toEqual([
      ['11月16日—11月22日', ['d', 'a', 'b']],
      ['11月9日—11月15日', ['c']],
    ]);
  });
  it('by expert: one group per author with all their entries', () => {
    const g = groupEntries(es, 'expert');
    expect(g.map((x) => [x.label, x.entries.length]).sort()).toEqual([
      ['李娜', 2],
      ['王建国', 2],
    ]);
  });
  it('60 entries go in calls of at most 10, none lost or repeated', () => {
    const ids = Array.from({ length: 60 }, (_, i) => `r${i}`);
    const parts = chunksOf(ids, 10);
    expect(parts).toHaveLength(6);
    expect(parts.flat()).toEqual(ids);
    expect(chunksOf(ids.slice(0, 23), 10).map((p) => p.length)).toEqual([10, 10, 3]);
  });
});

describe('the expert’s quarter, counted honestly', () => {
  it('7 logged of 10 with 5 confirmed: not "已达标"; confirmed and pending said apart', () => {
    const q = { days: 7, verifiedDays: 5, required: 10, stillNeeded: 3 };
    expect(quarterMet(q)).toBe(false);
    expect(quarterStatusText(q)).toBe('已确认 5 天，待确认 2 天，还需 3 天');
  });
  it('10 logged with 5 confirmed: logged in full, waiting for confirmation — not green', () => {
    const q = { days: 10, verifiedDays: 5, required: 10, stillNeeded: 0 };
    expect(quarterMet(q)).toBe(false);
    expect(quarterStatusText(q)).toBe('已登记满 10 天：已确认 5 天，5 天待建站单位确认');
  });
  it('10 confirmed: 已达标', () => {
    expect(quarterStatusText({ days: 10, verifiedDays: 10, required: 10, stillNeeded: 0 })).toBe('本季度天数已达标：已确认 10 天');
  });
});

describe('the day picker and "最早可补登" read one list', () => {
  it('the window from 9月26日 to 11月20日: every date is pickable (14 at once, the rest behind 更早的日期), the last is the earliest', () => {
    const dates = loggableDates('2026-09-26', '2026-11-20');
    expect(dates[0]).toBe('2026-11-20');
    expect(dates.at(-1)).toBe('2026-09-26');
    expect(dates).toHaveLength(56);
    expect(dates.slice(0, RECENT_PICKER_DAYS)).toHaveLength(14);
  });
});
