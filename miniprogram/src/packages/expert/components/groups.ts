import type { EntryView } from '@shared/api/stations';
import { addDays, type ChinaDate, dateParts, weekdayOf } from '@shared/calendar/china-time';

/**
 * The host contact's confirmation list, grouped (issue 15, finding 12): by week (Monday to Sunday) or
 * by expert; newest group first, entries by date within a group. Pure, so it is unit-tested.
 */
export type GroupBy = 'week' | 'expert';

export interface EntryGroup {
  key: string;
  label: string;
  entries: EntryView[];
}

const md = (d: ChinaDate) => {
  const p = dateParts(d);
  return `${p.month}月${p.day}日`;
};

/** The Monday of the date's week. */
export const weekStart = (d: ChinaDate): ChinaDate => addDays(d, -((weekdayOf(d) + 6) % 7));

export function groupEntries(entries: readonly EntryView[], by: GroupBy): EntryGroup[] {
  const groups = new Map<string, EntryGroup>();
  for (const e of entries) {
    const monday = weekStart(e.record.date);
    const key = by === 'week' ? monday : e.record.authorId;
    const label = by === 'week' ? `${md(monday)}—${md(addDays(monday, 6))}` : e.authorName;
    const g = groups.get(key) ?? { key, label, entries: [] };
    g.entries.push(e);
    groups.set(key, g);
  }
  const out = [...groups.values()];
  for (const g of out) g.entries.sort((a, b) => (a.record.date < b.record.date ? 1 : a.record.date > b.record.date ? -1 : 0));
  if (by === 'week') out.sort((a, b) => (a.key < b.key ? 1 : -1));
  else out.sort((a, b) => a.label.localeCompare(b.label, 'zh-Hans-CN'));
  return out;
}

/** Split ids into calls of at most `size` (the server's CONFIRM_MANY_MAX). */
export function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
