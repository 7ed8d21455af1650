import type { ChinaDate } from '../calendar/china-time';
import type { StationRecord } from '../schemas/records';
import type { EntryRefusal } from './entry-changes';
import { type LoggingStation, type LogPeriod, periodOf } from './logging';

/**
 * Closed periods are frozen (第十二条: the year-end assessment is computed on the records of a closed
 * year; money follows it). ONE rule for every action that changes an existing station record:
 *
 * - a record counts toward one or more periods (its date's quarter or year; a study's result also
 *   toward the year of its result date — shared/rules/assessment/tally.ts);
 * - once ANY of those periods is past its backfill deadline (logging.ts `periodOf(...).deadline`),
 *   the record is frozen: no edit, withdrawal, confirmation, dispute or added result changes it;
 * - only staff correction (`stations.correctEntry`: owning CAST staff, a written reason, an audit
 *   event with before and after) may still change it;
 * - whoever is not frozen out, only the author changes a record's content (edit, withdraw, add a
 *   result); the host-unit contact's confirmation is a verification of someone else's entry and
 *   stays with the host (entry-changes.ts `confirmRefusal`).
 *
 * Creating a record is covered by the same deadlines through `dateRefusal` (logging.ts): a new
 * record cannot be dated into a closed period. Together, the records a closed year's assessment is
 * computed from change only through audited staff corrections.
 */

/** The periods a record counts toward: its date's period, and for a study with a result, the result's year. */
export function periodsOf(record: StationRecord, sc: LoggingStation): LogPeriod[] {
  const out: LogPeriod[] = [];
  const own = periodOf(record.kind, record.date, sc);
  if (own) out.push(own);
  if (record.kind === 'research' && record.result && record.resultDate) {
    const res = periodOf('research', record.resultDate, sc);
    if (res && res.end !== own?.end) out.push(res);
  }
  return out;
}

/** The first period the record counts toward that is closed at `today` (past its backfill deadline), or null. */
export function closedPeriodOf(record: StationRecord, sc: LoggingStation, today: ChinaDate): LogPeriod | null {
  return periodsOf(record, sc).find((p) => today > p.deadline) ?? null;
}

export const frozenMessage = (p: LogPeriod): string =>
  `该记录属于${p.label}，补登截止日期 ${p.deadline} 已过，记录已冻结，不能再修改、撤回、确认或补充；如需更正请联系科协工作人员（须填写更正原因并留痕）`;

/** A record whose period is closed is frozen: the refusal for anyone but staff correcting it, or null. */
export function frozenRefusal(record: StationRecord, sc: LoggingStation, today: ChinaDate): EntryRefusal | null {
  const p = closedPeriodOf(record, sc, today);
  return p ? { code: 'STATION.PERIOD_CLOSED', message: frozenMessage(p) } : null;
}

/** Only the author changes a record's content (staff correct through correctEntry instead). */
export const authorOnlyRefusal = (record: Pick<StationRecord, 'authorId'>, me: string): EntryRefusal | null =>
  record.authorId === me ? null : { code: 'AUTH.FORBIDDEN', message: '只能修改自己登记的记录；如需更正请联系科协工作人员' };
