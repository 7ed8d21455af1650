import type { QuarterNumber } from '../../../shared/calendar/periods';
import { carriedAgreement, noAgreement } from '../../../shared/rules/assessment/agreement';
import type { AgreementPercents, Tally } from '../../../shared/rules/assessment/tally';
import type { CastUnit, HostUnit, Person, RoleBinding, Society, Station } from '../../../shared/schemas/org';
import type { RecordKind, StationRecord, StationTally } from '../../../shared/schemas/records';
import type { Assessment, Reminder, ReminderStatus } from '../../../shared/schemas/reports';
import { type Db, MAX_PAGE, type Where } from '../db/port';
import type { Collection } from './collection';
import { findAll } from './paging';
import { tables } from './tables';

/**
 * Reads behind the staff reports (dashboard, station detail, assessment, reminders). Read-only: the
 * collections it reads are written by their owners (org, stations, assessments, outbox).
 *
 * Cost model (the dashboard must not scan records): every read is a paged `find` by an indexed field
 * or by `_id $in`, so reading N stations costs O(N / page) round trips — never one per station and
 * never a query on `records`: for 1,000 stations bindings 1 + castUnits 1 + stations 3 (500 a page)
 * + tally docs 3 (334 ids a query) + societies 1 = 9, for 30 stations 5 (test/contract/reports…);
 * through the real SDK: 5 at 10 stations, 14 at 2,000 (test/cloud/request-counts.test.ts).
 * Tallies are read as the doc of each station's CURRENT assessment year
 * (`stationTallies/${stationId}:${yearIndex}`, written by the stations repository in the same
 * transaction as every record); a station without a doc for that year (nothing logged yet this year)
 * costs one more look, at the year before, for the agreement progress it carries over.
 */

/** values per `$in` query */
export const IN_CHUNK = MAX_PAGE;
/**
 * A cloud query answers at most 1 MB (-602001 beyond). A station doc is ~1 KB and a year's tally doc
 * of a 10-expert team ~2.5 KB, so those are read in smaller pages to stay well under the limit.
 */
export const STATION_PAGE = 500;
/** a third of a thousand: ≈ 835 KB at 2.5 KB a doc, and 1,000 stations cost 2 + 3 queries (≤ 5, issue 12) */
export const TALLY_PAGE = 334;

export interface TallyRead {
  counters: Tally;
  agreement: AgreementPercents;
}
/** A stored assessment and a stored reminder (shared/schemas/reports.ts). */
export type AssessmentDoc = Assessment;
export type OutboxDoc = Reminder;
export type { ReminderStatus };

export const assessmentId = (stationId: string, yearIndex: number) => `${stationId}:${yearIndex}`;
/** One reminder per person, per station, per assessment quarter: the id IS the idempotency key. */
export const reminderId = (personId: string, stationId: string, yearIndex: number, quarter: QuarterNumber) =>
  `${personId}:${stationId}:${yearIndex}-Q${quarter}`;

const chunks = <T>(xs: readonly T[], n: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
};

export function reportsRepo(db: Db) {
  /** Every document matching `where`, page by page (explicit limit, stable order by _id). */
  const pageAll = <T>(c: Collection<T>, where: Where, pageSize = MAX_PAGE): Promise<T[]> => findAll(db, c, where, { pageSize });
  /** Documents whose `field` is one of `values`, `chunk` values a query, paged by `pageSize`. */
  async function findIn<T>(
    c: Collection<T>,
    field: string,
    values: readonly string[],
    extra: Where = {},
    chunk = IN_CHUNK,
    pageSize = MAX_PAGE,
  ): Promise<T[]> {
    const unique = [...new Set(values)];
    const out: T[] = [];
    for (const part of chunks(unique, chunk)) {
      const where: Where = { ...extra, [field]: { $in: part } };
      // ids are unique: a chunk of ids answers at most that many documents, so one query suffices
      if (field === '_id' && part.length <= pageSize) out.push(...(await c.find(db, where, { limit: part.length })));
      else out.push(...(await pageAll(c, where, pageSize)));
    }
    return out;
  }
  const byIds = async <T extends { id: string }>(c: Collection<T>, ids: readonly string[], chunk = IN_CHUNK): Promise<Map<string, T>> => {
    const docs = await findIn(c, '_id', ids, {}, chunk, chunk);
    return new Map(docs.map((d) => [d.id, d]));
  };

  return {
    async castUnits(): Promise<CastUnit[]> {
      return pageAll(tables.castUnits, {});
    },
    /** Stations overseen by these CAST units. */
    async stationsOf(castUnitIds: readonly string[]): Promise<Station[]> {
      if (castUnitIds.length === 0) return [];
      return findIn(tables.stations, 'castUnitId', castUnitIds, {}, IN_CHUNK, STATION_PAGE);
    },
    stationsByIds: (ids: readonly string[]): Promise<Map<string, Station>> => byIds(tables.stations, ids, STATION_PAGE),
    societiesByIds: (ids: readonly string[]): Promise<Map<string, Society>> => byIds(tables.societies, ids),
    hostUnitsByIds: (ids: readonly string[]): Promise<Map<string, HostUnit>> => byIds(tables.hostUnits, ids),
    personsByIds: (ids: readonly string[]): Promise<Map<string, Person>> => byIds(tables.persons, ids),

    /**
     * The tally of each station's given assessment year, by station id. A station with no doc for that
     * year gets empty counters and the agreement progress of its latest earlier year (cumulative).
     */
    async talliesAt(wanted: ReadonlyArray<{ stationId: string; yearIndex: number }>): Promise<Map<string, TallyRead>> {
      const out = new Map<string, TallyRead>();
      const ids = wanted.map((w) => `${w.stationId}:${w.yearIndex}`);
      const docs = await findIn(tables.stationTallies, '_id', ids, {}, TALLY_PAGE, TALLY_PAGE);
      const byId = new Map(docs.map((d) => [d.id, d]));
      const missing: Array<{ stationId: string; yearIndex: number }> = [];
      for (const w of wanted) {
        const d = byId.get(`${w.stationId}:${w.yearIndex}`);
        if (d) out.set(w.stationId, { counters: d.counters, agreement: d.agreement });
        else missing.push(w);
      }
      // No doc yet this year (nothing logged since the year began): the agreement progress carries over
      // from the year before — read by id; only a station idle for a whole year needs a wider look.
      const prevIds = missing.filter((m) => m.yearIndex > 1).map((m) => `${m.stationId}:${m.yearIndex - 1}`);
      const prev = prevIds.length ? await findIn(tables.stationTallies, '_id', prevIds, {}, TALLY_PAGE, TALLY_PAGE) : [];
      const prevById = new Map(prev.map((d) => [d.stationId, d]));
      const idle = missing.filter((m) => m.yearIndex > 2 && !prevById.has(m.stationId));
      const older = idle.length
        ? await findIn(
            tables.stationTallies,
            'stationId',
            idle.map((m) => m.stationId),
            {},
            TALLY_PAGE,
            TALLY_PAGE,
          )
        : [];
      for (const m of missing) {
        const prior = prevById.get(m.stationId);
        const earlier = prior ? [prior] : older.filter((d) => d.stationId === m.stationId);
        out.set(m.stationId, { counters: {}, agreement: earlier.length ? carriedAgreement(earlier, m.yearIndex) : noAgreement });
      }
      return out;
    },
    /** Every tally doc of one station (all years), for the detail's chart. */
    async talliesOfStation(stationId: string): Promise<Array<{ yearIndex: number; counters: Tally; agreement: AgreementPercents }>> {
      const docs: StationTally[] = await pageAll(tables.stationTallies, { stationId }, TALLY_PAGE);
      return docs
        .map((d) => ({ yearIndex: d.yearIndex, counters: d.counters, agreement: d.agreement }))
        .sort((a, b) => a.yearIndex - b.yearIndex);
    },
    /** A station's records of the given kinds (never service days: those are read from the tallies). */
    async recordsOfKinds(stationId: string, kinds: readonly Exclude<RecordKind, 'serviceDay'>[]): Promise<StationRecord[]> {
      return findIn(tables.records, 'kind', kinds, { stationId });
    },
    /** Active bindings of these persons (openids for the notifier). */
    async activeBindingsOf(personIds: readonly string[]): Promise<RoleBinding[]> {
      return findIn(tables.bindings, 'personId', personIds, { revokedAt: null });
    },
    /** Active secretary bindings of these societies (学会秘书长 receive the station's reminder too). */
    async secretariesOf(societyIds: readonly string[]): Promise<RoleBinding[]> {
      return findIn(tables.bindings, 'scope.societyId', societyIds, { role: 'secretary', revokedAt: null });
    },

    // ----- assessments (written by store/assessments.ts) -----
    assessment: (id: string): Promise<AssessmentDoc | null> => tables.assessments.get(db, id),
    async assessmentsOf(yearIndex: number, castUnitIds: readonly string[]): Promise<AssessmentDoc[]> {
      return findIn(tables.assessments, 'castUnitId', castUnitIds, { yearIndex });
    },

    // ----- reminders (written by store/outbox.ts) -----
    reminder: async (id: string): Promise<OutboxDoc | null> => {
      const d = await tables.outbox.get(db, id);
      return d && 'kind' in d ? d : null;
    },
    async outboxOf(
      where: { castUnitIds: readonly string[]; stationId?: string },
      limit: number,
      skip: number,
    ): Promise<{ items: OutboxDoc[]; total: number }> {
      if (where.castUnitIds.length === 0) return { items: [], total: 0 };
      const w: Where = { kind: 'reminder', castUnitId: { $in: [...where.castUnitIds] } };
      if (where.stationId) w.stationId = where.stationId;
      const [items, total] = await Promise.all([
        tables.outbox.find(db, w, { limit, skip, orderBy: { field: 'createdAt', direction: 'desc' } }),
        tables.outbox.count(db, w),
      ]);
      // the query asks for kind 'reminder': local delivery records never match
      return { items: items.filter((d): d is OutboxDoc => 'kind' in d), total };
    },
  };
}
export type ReportsRepo = ReturnType<typeof reportsRepo>;
