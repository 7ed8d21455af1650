import type { AssessmentState, AssessmentView, FundingView } from '../../../shared/api/reports';
import type { ChinaDate } from '../../../shared/calendar/china-time';
import type { QuarterNumber } from '../../../shared/calendar/periods';
import type { AgreementPercents, Tally } from '../../../shared/rules/assessment/tally';
import type { CastUnit, HostUnit, Person, RoleBinding, Society, Station } from '../../../shared/schemas/org';
import type { RecordKind, StationRecord } from '../../../shared/schemas/records';
import { type Db, type Doc, MAX_PAGE, type TxOps, type Where } from '../db/port';
import { fromDoc, type WithDocId } from './org';

/**
 * Reads behind the staff reports (dashboard, station detail, assessment, reminders) and the two
 * collections they own: `assessments` and `outbox`.
 *
 * Cost model (the dashboard must not scan records): every read is a paged `find` by an indexed field
 * or by `_id $in`, so reading N stations costs O(N / page) round trips — never one per station and
 * never a query on `records`: for 1,000 stations bindings 1 + castUnits 1 + stations 3 (500 a page)
 * + tally docs 4 (250 ids a query) + societies 1 = 10, for 30 stations 5 (test/contract/reports…).
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
export const TALLY_PAGE = 250;

export interface TallyRead {
  counters: Tally;
  agreement: AgreementPercents;
}
interface TallyDocLike extends Doc {
  stationId: string;
  yearIndex: number;
  counters: Tally;
  agreement: AgreementPercents;
}

export interface AssessmentDoc extends Doc {
  stationId: string;
  castUnitId: string;
  yearIndex: number;
  state: AssessmentState;
  /** as the view shows it (shared/api/reports.ts) */
  computed: AssessmentView['computed'];
  /** the view's adjustment less the adjuster's display name (looked up when read) */
  adjusted: null | Omit<NonNullable<AssessmentView['adjusted']>, 'byName'>;
  termEnd: boolean;
  year: { start: ChinaDate; end: ChinaDate };
  funding: FundingView;
  publishedAt: number | null;
  publishedBy: string | null;
  rectificationDeadline: ChinaDate | null;
  delisting: boolean;
  createdAt: number;
  updatedAt: number;
}

export type ReminderStatus = 'sending' | 'sent' | 'failed' | 'undeliverable';
export interface OutboxDoc extends Doc {
  kind: 'reminder';
  personId: string;
  personName: string;
  role: 'expert' | 'secretary';
  stationId: string;
  stationName: string;
  castUnitId: string;
  yearIndex: number;
  quarter: QuarterNumber;
  quarterEnd: ChinaDate;
  title: string;
  body: string;
  templateKey: string;
  data: Record<string, string>;
  page: string;
  status: ReminderStatus;
  detail: string;
  attempts: number;
  createdAt: number;
  sentAt: number | null;
}

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
  async function pageAll<T extends Doc>(coll: string, where: Where, pageSize = MAX_PAGE): Promise<T[]> {
    const out: T[] = [];
    for (let skip = 0; ; skip += pageSize) {
      const page = await db.find<T>(coll, where, { limit: pageSize, skip, orderBy: { field: '_id', direction: 'asc' } });
      out.push(...page);
      if (page.length < pageSize) return out;
    }
  }
  /** Documents whose `field` is one of `values`, `chunk` values a query, paged by `pageSize`. */
  async function findIn<T extends Doc>(
    coll: string,
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
      if (field === '_id' && part.length <= pageSize) out.push(...(await db.find<T>(coll, where, { limit: part.length })));
      else out.push(...(await pageAll<T>(coll, where, pageSize)));
    }
    return out;
  }
  const byIds = async <T extends { id: string }>(coll: string, ids: readonly string[], chunk = IN_CHUNK): Promise<Map<string, T>> => {
    const docs = await findIn<WithDocId<T> & Doc>(coll, '_id', ids, {}, chunk, chunk);
    return new Map(docs.map((d) => [d._id, fromDoc<T>(d as WithDocId<T>)!]));
  };

  return {
    pageAll,
    findIn,
    async castUnits(): Promise<CastUnit[]> {
      return (await pageAll<WithDocId<CastUnit> & Doc>('castUnits', {})).map((d) => fromDoc<CastUnit>(d)!);
    },
    /** Stations overseen by these CAST units. */
    async stationsOf(castUnitIds: readonly string[]): Promise<Station[]> {
      if (castUnitIds.length === 0) return [];
      return (await findIn<WithDocId<Station> & Doc>('stations', 'castUnitId', castUnitIds, {}, IN_CHUNK, STATION_PAGE)).map(
        (d) => fromDoc<Station>(d)!,
      );
    },
    stationsByIds: (ids: readonly string[]) => byIds<Station>('stations', ids, STATION_PAGE),
    societiesByIds: (ids: readonly string[]) => byIds<Society>('societies', ids),
    hostUnitsByIds: (ids: readonly string[]) => byIds<HostUnit>('hostUnits', ids),
    personsByIds: (ids: readonly string[]) => byIds<Person>('persons', ids),

    /**
     * The tally of each station's given assessment year, by station id. A station with no doc for that
     * year gets empty counters and the agreement progress of its latest earlier year (cumulative).
     */
    async talliesAt(wanted: ReadonlyArray<{ stationId: string; yearIndex: number }>): Promise<Map<string, TallyRead>> {
      const out = new Map<string, TallyRead>();
      const ids = wanted.map((w) => `${w.stationId}:${w.yearIndex}`);
      const docs = await findIn<TallyDocLike>('stationTallies', '_id', ids, {}, TALLY_PAGE, TALLY_PAGE);
      const byId = new Map(docs.map((d) => [d._id, d]));
      const missing: Array<{ stationId: string; yearIndex: number }> = [];
      for (const w of wanted) {
        const d = byId.get(`${w.stationId}:${w.yearIndex}`);
        if (d) out.set(w.stationId, { counters: d.counters ?? {}, agreement: d.agreement ?? { all: 0, verified: 0 } });
        else missing.push(w);
      }
      // No doc yet this year (nothing logged since the year began): the agreement progress carries over
      // from the year before — read by id; only a station idle for a whole year needs a wider look.
      const prevIds = missing.filter((m) => m.yearIndex > 1).map((m) => `${m.stationId}:${m.yearIndex - 1}`);
      const prev = prevIds.length ? await findIn<TallyDocLike>('stationTallies', '_id', prevIds, {}, TALLY_PAGE, TALLY_PAGE) : [];
      const prevById = new Map(prev.map((d) => [d.stationId, d]));
      const idle = missing.filter((m) => m.yearIndex > 2 && !prevById.has(m.stationId));
      const older = idle.length
        ? await findIn<TallyDocLike>(
            'stationTallies',
            'stationId',
            idle.map((m) => m.stationId),
            {},
            TALLY_PAGE,
            TALLY_PAGE,
          )
        : [];
      for (const m of missing) {
        let best: TallyDocLike | null = prevById.get(m.stationId) ?? null;
        if (!best) {
          for (const d of older)
            if (d.stationId === m.stationId && d.yearIndex < m.yearIndex && (!best || d.yearIndex > best.yearIndex)) best = d;
        }
        out.set(m.stationId, { counters: {}, agreement: best?.agreement ?? { all: 0, verified: 0 } });
      }
      return out;
    },
    /** Every tally doc of one station (all years), for the detail's chart. */
    async talliesOfStation(stationId: string): Promise<Array<{ yearIndex: number; counters: Tally; agreement: AgreementPercents }>> {
      const docs = await pageAll<TallyDocLike>('stationTallies', { stationId }, TALLY_PAGE);
      return docs
        .map((d) => ({ yearIndex: d.yearIndex, counters: d.counters ?? {}, agreement: d.agreement ?? { all: 0, verified: 0 } }))
        .sort((a, b) => a.yearIndex - b.yearIndex);
    },
    /** A station's records of the given kinds (never service days: those are read from the tallies). */
    async recordsOfKinds(stationId: string, kinds: readonly Exclude<RecordKind, 'serviceDay'>[]): Promise<StationRecord[]> {
      const docs = await findIn<Doc>('records', 'kind', kinds, { stationId });
      return docs.map(({ _id, ...rest }) => ({ id: _id, ...rest }) as unknown as StationRecord);
    },
    /** Active bindings of these persons (openids for the notifier). */
    async activeBindingsOf(personIds: readonly string[]): Promise<RoleBinding[]> {
      const docs = await findIn<Doc>('bindings', 'personId', personIds, { revokedAt: null });
      return docs.map(({ _id, ...rest }) => ({ id: _id, ...rest }) as unknown as RoleBinding);
    },
    /** Active secretary bindings of these societies (学会秘书长 receive the station's reminder too). */
    async secretariesOf(societyIds: readonly string[]): Promise<RoleBinding[]> {
      const docs = await findIn<Doc>('bindings', 'scope.societyId', societyIds, { role: 'secretary', revokedAt: null });
      return docs.map(({ _id, ...rest }) => ({ id: _id, ...rest }) as unknown as RoleBinding);
    },

    // ----- assessments -----
    assessment: (id: string) => db.get<AssessmentDoc>('assessments', id),
    assessmentTx: (tx: TxOps, id: string) => tx.get<AssessmentDoc>('assessments', id),
    putAssessment: (tx: TxOps, doc: AssessmentDoc) => tx.put('assessments', doc),
    async assessmentsOf(yearIndex: number, castUnitIds: readonly string[]): Promise<AssessmentDoc[]> {
      return findIn<AssessmentDoc>('assessments', 'castUnitId', castUnitIds, { yearIndex });
    },

    // ----- reminders (outbox) -----
    /** Claims a reminder inside `tx`: false when this person was already reminded for this quarter. */
    async claimReminder(tx: TxOps, doc: OutboxDoc): Promise<'claimed' | 'exists' | 'retry'> {
      const existing = await tx.get<OutboxDoc>('outbox', doc._id);
      if (existing) {
        if (existing.status !== 'failed') return 'exists';
        await tx.put('outbox', { ...existing, status: 'sending', attempts: existing.attempts + 1 });
        return 'retry';
      }
      await tx.insert('outbox', doc);
      return 'claimed';
    },
    reminder: (id: string) => db.get<OutboxDoc>('outbox', id),
    async finishReminder(id: string, status: ReminderStatus, detail: string, now: number): Promise<void> {
      await db.tx(async (tx) => {
        const d = await tx.get<OutboxDoc>('outbox', id);
        if (d) await tx.put('outbox', { ...d, status, detail, sentAt: status === 'sent' ? now : d.sentAt });
      });
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
        db.find<OutboxDoc>('outbox', w, { limit, skip, orderBy: { field: 'createdAt', direction: 'desc' } }),
        db.count('outbox', w),
      ]);
      return { items, total };
    },
  };
}
export type ReportsRepo = ReturnType<typeof reportsRepo>;
