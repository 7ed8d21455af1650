import type { AssessmentState, FundingView } from '../../../shared/api/reports';
import type { ChinaDate } from '../../../shared/calendar/china-time';
import type { QuarterNumber } from '../../../shared/calendar/periods';
import type { Grade, RequirementStatus } from '../../../shared/rules/assessment/evaluate';
import type { ClauseKey } from '../../../shared/rules/assessment/settings';
import type { AgreementPercents, Tally } from '../../../shared/rules/assessment/tally';
import type { CastUnit, HostUnit, Person, RoleBinding, Society, Station } from '../../../shared/schemas/org';
import type { RecordKind, StationRecord } from '../../../shared/schemas/records';
import { type Db, type Doc, MAX_PAGE, type TxOps, type Where } from '../db/port';
import { fromDoc, type WithDocId } from './org';

/**
 * Reads behind the staff reports (dashboard, station detail, assessment, reminders) and the two
 * collections they own: `assessments` and `outbox`.
 *
 * Cost model (the dashboard must not scan records): every read is a paged `find` of ≤ MAX_PAGE
 * documents by an indexed field or by `_id $in` (≤ IN_CHUNK ids a query), so reading N stations
 * costs O(N / 1000) round trips — about six for a thousand stations — never one per station and
 * never a query on `records`. Tallies are read as the doc of each station's CURRENT assessment year
 * (`stationTallies/${stationId}:${yearIndex}`, written by the stations repository in the same
 * transaction as every record); only a station without a doc for that year (no record logged yet
 * this year) costs a second look, at its earlier years, for the agreement progress it carries over.
 */

/** ids per `$in` query: one page of results at most (a tally doc per id) */
export const IN_CHUNK = MAX_PAGE;

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
  computed: {
    asOf: ChinaDate;
    score: number;
    grade: Grade;
    gradeReason: string;
    scoreAll: number;
    gradeAll: Grade;
    clauses: Array<{ clause: ClauseKey; label: string; weight: number; earned: number; status: RequirementStatus }>;
  };
  adjusted: null | { score: number; grade: Grade; reason: string; byId: string; at: number };
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
  async function pageAll<T extends Doc>(coll: string, where: Where): Promise<T[]> {
    const out: T[] = [];
    for (let skip = 0; ; skip += MAX_PAGE) {
      const page = await db.find<T>(coll, where, { limit: MAX_PAGE, skip, orderBy: { field: '_id', direction: 'asc' } });
      out.push(...page);
      if (page.length < MAX_PAGE) return out;
    }
  }
  /** Documents whose `field` is one of `values`, IN_CHUNK values a query. */
  async function findIn<T extends Doc>(coll: string, field: string, values: readonly string[], extra: Where = {}): Promise<T[]> {
    const unique = [...new Set(values)];
    const out: T[] = [];
    for (const part of chunks(unique, IN_CHUNK)) out.push(...(await pageAll<T>(coll, { ...extra, [field]: { $in: part } })));
    return out;
  }
  const byIds = async <T extends { id: string }>(coll: string, ids: readonly string[]): Promise<Map<string, T>> => {
    const docs = await findIn<WithDocId<T> & Doc>(coll, '_id', ids);
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
      return (await findIn<WithDocId<Station> & Doc>('stations', 'castUnitId', castUnitIds)).map((d) => fromDoc<Station>(d)!);
    },
    stationsByIds: (ids: readonly string[]) => byIds<Station>('stations', ids),
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
      const docs = await findIn<TallyDocLike>('stationTallies', '_id', ids);
      const byId = new Map(docs.map((d) => [d._id, d]));
      const missing: Array<{ stationId: string; yearIndex: number }> = [];
      for (const w of wanted) {
        const d = byId.get(`${w.stationId}:${w.yearIndex}`);
        if (d) out.set(w.stationId, { counters: d.counters ?? {}, agreement: d.agreement ?? { all: 0, verified: 0 } });
        else missing.push(w);
      }
      const needEarlier = missing.filter((m) => m.yearIndex > 1);
      const earlier = needEarlier.length ? await findIn<TallyDocLike>('stationTallies', 'stationId', needEarlier.map((m) => m.stationId)) : [];
      for (const m of missing) {
        let best: TallyDocLike | null = null;
        for (const d of earlier) {
          if (d.stationId === m.stationId && d.yearIndex < m.yearIndex && (!best || d.yearIndex > best.yearIndex)) best = d;
        }
        out.set(m.stationId, { counters: {}, agreement: best?.agreement ?? { all: 0, verified: 0 } });
      }
      return out;
    },
    /** Every tally doc of one station (all years), for the detail's chart. */
    async talliesOfStation(stationId: string): Promise<Array<{ yearIndex: number; counters: Tally; agreement: AgreementPercents }>> {
      const docs = await pageAll<TallyDocLike>('stationTallies', { stationId });
      return docs.map((d) => ({ yearIndex: d.yearIndex, counters: d.counters ?? {}, agreement: d.agreement ?? { all: 0, verified: 0 } })).sort((a, b) => a.yearIndex - b.yearIndex);
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
    async outboxOf(where: { castUnitIds: readonly string[]; stationId?: string }, limit: number, skip: number): Promise<{ items: OutboxDoc[]; total: number }> {
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
