import { type HolidayCalendar, mergeHolidayCalendar } from '../../../shared/calendar/holidays';
import type { HolidayYear } from '../../../shared/schemas/holidays';
import type { Db } from '../db/port';
import type { AuditRepo } from './audit';
import { findAll } from './paging';
import { tables } from './tables';
import type { Tx } from './tx';

/**
 * The staff-entered holiday years (collection `holidayYears`, id = the year): their one writer. The
 * handlers that count working days read `calendar()` once per call and pass the merged calendar
 * (library + stored years) down to the pure rules — nothing counts working days on the library alone.
 */
export function holidaysRepo(db: Db, audit: AuditRepo) {
  const years = () => findAll(db, tables.holidayYears, {}, { orderBy: { field: 'year', direction: 'asc' } });
  return {
    /** Every stored year, ascending. */
    years,
    /** The merged calendar: the library's data, each stored year replacing the library's for its year. */
    async calendar(): Promise<HolidayCalendar> {
      return mergeHolidayCalendar(await years());
    },
    /** A stored year read inside the caller's transaction. */
    yearTx: (tx: Tx, year: number) => tables.holidayYears.get(tx, String(year)),
    /** Enter or change a year (org.saveHolidays), audited with before and after, inside the caller's transaction. */
    async saveYear(tx: Tx, y: HolidayYear, before: HolidayYear | null, ev: { actorId: string; now: number }): Promise<void> {
      await (before ? tables.holidayYears.put(tx, y) : tables.holidayYears.insert(tx, y));
      await audit.write(tx, {
        at: ev.now,
        actorId: ev.actorId,
        action: before ? 'holidays.update' : 'holidays.create',
        entity: 'holidayYear',
        entityId: y.id,
        before,
        after: y,
        reason: '',
      });
    },
  };
}
export type HolidaysRepo = ReturnType<typeof holidaysRepo>;
