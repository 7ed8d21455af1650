import type { FactValue, PublicityView } from '../../../shared/api/applications';
import type { ChinaDate } from '../../../shared/calendar';
import type { ApplicationStatus } from '../../../shared/rules/workflow';
import type { Applicant, Attachment, ChecklistItem, FieldComments, ReviewDecision, ScoreItem } from '../../../shared/schemas/application';
import type { AuditEvent, RoleBinding, Station, StationLevel } from '../../../shared/schemas/org';
import type { Db, TxOps, Where } from '../db/port';
import { auditRepo } from './audit';
import { once } from './idempotency';

/**
 * Applications, their reviews, score sheets, reviewer assignments, objections, rounds and round
 * quotas — written once over the document port, so identical on SQLite and the cloud database.
 *
 * Concurrency: every change runs in one transaction that re-reads the application BY ID and checks
 * what the caller decided on (the version a draft was based on; the status and stage a reviewer
 * saw). A change that lost the race is refused (CONFLICT.VERSION / CONFLICT.STATE by the handler),
 * never applied over the winner. Limits that span applications (≤ 5 city-level stations a round,
 * one station per society) are quota documents read and written in the same transaction.
 */

/** One line of an application's history: who did what, when. The audit log keeps before/after in full. */
export interface HistoryItem {
  at: number;
  actorId: string;
  /** a workflow action, or 'created' | 'assignReviewers' | 'score' | 'objection' | 'objectionResolved' */
  action: string;
  fromStatus: ApplicationStatus | null;
  toStatus: ApplicationStatus;
  stageId: string | null;
  note: string;
}

/** A publicity as stored: the view less `over`, which depends on the day it is read. */
export type PublicityRecord = Omit<PublicityView, 'over'>;

export interface ApplicationDoc {
  _id: string;
  programmeId: string;
  kindId: string;
  roundId: string;
  formId: string;
  applicant: Applicant;
  /** the CAST unit whose staff review it: the host unit's or the society's */
  castUnitId: string;
  /** a short title for lists, from the form (e.g. 学会服务站名称, 项目名称) */
  title: string;
  values: Record<string, unknown>;
  /** facts the applicant declared in 申报条件自查 */
  facts: Record<string, FactValue>;
  version: number;
  status: ApplicationStatus;
  stageId: string | null;
  attachments: Attachment[];
  fieldComments: FieldComments;
  history: HistoryItem[];
  /** reviewers assigned at the current scoring stage */
  reviewerIds: string[];
  publicity: PublicityRecord | null;
  /** objections filed and not yet resolved (kept here so approval checks it in the same transaction) */
  openObjections: number;
  stationId: string | null;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  submittedAt: number | null;
}

export interface DecisionDoc {
  _id: string;
  type: 'decision';
  applicationId: string;
  stageId: string;
  actorId: string;
  decision: ReviewDecision;
  comment: string;
  fieldComments: FieldComments;
  checklist: ChecklistItem[];
  at: number;
}
export interface AssignmentDoc {
  _id: string;
  type: 'assignment';
  applicationId: string;
  stageId: string;
  reviewerId: string;
  assignedBy: string;
  at: number;
  active: boolean;
}
export interface ScoreDoc {
  _id: string;
  type: 'score';
  applicationId: string;
  stageId: string;
  reviewerId: string;
  items: ScoreItem[];
  total: number;
  at: number;
}
export type ReviewDoc = DecisionDoc | AssignmentDoc | ScoreDoc;

export interface ObjectionDoc {
  _id: string;
  applicationId: string;
  filedBy: string;
  filedAt: number;
  content: string;
  status: 'open' | 'resolved';
  resolution: string | null;
  resolvedBy: string | null;
  resolvedAt: number | null;
}

export interface RoundDoc {
  _id: string;
  programmeId: string;
  title: string;
  opensOn: ChinaDate;
  closesOn: ChinaDate;
  /** quotas for limits whose max the programme leaves to each round (limit id → max) */
  quotas: Record<string, number>;
  createdAt: number;
}

/** Applications counted against a limit (round quota per kind, or one society's stations). */
export interface QuotaDoc {
  _id: string;
  entries: { applicationId: string; level: StationLevel | null; at: number }[];
}

export const assignmentId = (applicationId: string, stageId: string, reviewerId: string) => `as:${applicationId}:${stageId}:${reviewerId}`;
export const scoreId = (applicationId: string, stageId: string, reviewerId: string) => `sc:${applicationId}:${stageId}:${reviewerId}`;
export const roundQuotaId = (roundId: string, kindId: string) => `round:${roundId}:${kindId}`;
export const societyQuotaId = (societyId: string) => `society:${societyId}`;

/** Typed operations inside one transaction (by id only, like the cloud database). */
export function appTx(tx: TxOps, audit: ReturnType<typeof auditRepo>) {
  return {
    raw: tx,
    getApp: (id: string) => tx.get<ApplicationDoc & Record<string, unknown>>('applications', id) as Promise<ApplicationDoc | null>,
    insertApp: (doc: ApplicationDoc) => tx.insert('applications', doc as unknown as ApplicationDoc & Record<string, unknown>),
    putApp: (doc: ApplicationDoc) => tx.put('applications', doc as unknown as ApplicationDoc & Record<string, unknown>),
    getReview: <T extends ReviewDoc>(id: string) => tx.get<T & Record<string, unknown>>('reviews', id) as Promise<T | null>,
    putReview: (doc: ReviewDoc) => tx.put('reviews', doc as unknown as ReviewDoc & Record<string, unknown>),
    insertReview: (doc: ReviewDoc) => tx.insert('reviews', doc as unknown as ReviewDoc & Record<string, unknown>),
    getObjection: (id: string) => tx.get<ObjectionDoc & Record<string, unknown>>('objections', id) as Promise<ObjectionDoc | null>,
    putObjection: (doc: ObjectionDoc) => tx.put('objections', doc as unknown as ObjectionDoc & Record<string, unknown>),
    insertObjection: (doc: ObjectionDoc) => tx.insert('objections', doc as unknown as ObjectionDoc & Record<string, unknown>),
    getQuota: async (id: string): Promise<QuotaDoc> =>
      ((await tx.get<QuotaDoc & Record<string, unknown>>('applicationQuotas', id)) as QuotaDoc | null) ?? { _id: id, entries: [] },
    putQuota: (doc: QuotaDoc) => tx.put('applicationQuotas', doc as unknown as QuotaDoc & Record<string, unknown>),
    insertStation: ({ id, ...rest }: Station) => tx.insert('stations', { _id: id, ...rest }),
    audit: (ev: Omit<AuditEvent, 'id'>) => audit.write(tx, ev),
  };
}
export type AppTx = ReturnType<typeof appTx>;

export interface QueueFilter {
  castUnitIds: string[];
  programmeId?: string;
  roundId?: string;
  status?: ApplicationStatus;
  stageId?: string;
}

/** A penalty decision on record (sanctions collection); never deleted. */
export interface SanctionDoc {
  _id: string;
  subjectType: 'society' | 'hostUnit';
  subjectId: string;
  programmeId: string;
  penaltyId: string;
  imposedOn: ChinaDate;
  reason: string;
  imposedBy: string;
  at: number;
  [k: string]: unknown;
}

export function applicationsRepo(db: Db) {
  const audit = auditRepo(db);
  const pageAll = async <T>(
    coll: string,
    where: Where,
    orderField = 'updatedAt',
    direction: 'asc' | 'desc' = 'desc',
    cap = 5000,
  ): Promise<T[]> => {
    // Reads are paged: a cloud get() returns ≤ 1000 documents.
    const out: T[] = [];
    for (let skip = 0; skip < cap; skip += 1000) {
      const page = await db.find<never>(coll, where, { limit: 1000, skip, orderBy: { field: orderField, direction } });
      out.push(...(page as T[]));
      if (page.length < 1000) break;
    }
    return out;
  };
  return {
    get: (id: string) => db.get('applications', id) as Promise<ApplicationDoc | null>,
    /** The stored first result of a request, if it was already applied (a retry). */
    replay: async <T>(key: string): Promise<T | null> => ((await db.get('requests', key)) as { result: T } | null)?.result ?? null,
    /** Run `write` once per request key, in one transaction (store/idempotency.ts). */
    write<T>(key: string, now: number, write: (t: AppTx) => Promise<T>): Promise<T> {
      return once(db, key, now, (tx) => write(appTx(tx, audit)));
    },
    /** Record a penalty decision, audited, once per request. */
    recordSanction: (key: string, doc: SanctionDoc) =>
      once(db, key, doc.at, async (tx) => {
        await tx.insert('sanctions', doc);
        await audit.write(tx, {
          at: doc.at,
          actorId: doc.imposedBy,
          action: 'sanction.impose',
          entity: doc.subjectType,
          entityId: doc.subjectId,
          before: null,
          after: doc,
          reason: doc.reason,
        });
        return doc._id;
      }),
    sanction: (id: string) => db.get('sanctions', id) as Promise<SanctionDoc | null>,
    sanctionsOf: (subjectId: string) => pageAll<SanctionDoc>('sanctions', { subjectId }, 'at', 'asc'),
    allSanctions: () => pageAll<SanctionDoc>('sanctions', {}, 'at', 'desc'),
    /** Staff queue: applications of these CAST units, newest change first, one page. */
    async queue(filter: QueueFilter, page: { limit: number; skip: number }): Promise<ApplicationDoc[]> {
      const where: Where = { castUnitId: { $in: filter.castUnitIds } };
      if (filter.programmeId) where.programmeId = filter.programmeId;
      if (filter.roundId) where.roundId = filter.roundId;
      if (filter.status) where.status = filter.status;
      if (filter.stageId) where.stageId = filter.stageId;
      return (await db.find('applications', where, {
        limit: page.limit,
        skip: page.skip,
        orderBy: { field: 'updatedAt', direction: 'desc' },
      })) as unknown as ApplicationDoc[];
    },
    /** An applicant's applications: by the society or host unit named on them. */
    async ofApplicant(by: { societyId?: string; hostUnitId?: string }): Promise<ApplicationDoc[]> {
      const out: ApplicationDoc[] = [];
      if (by.societyId) out.push(...(await pageAll<ApplicationDoc>('applications', { 'applicant.societyId': by.societyId })));
      if (by.hostUnitId) out.push(...(await pageAll<ApplicationDoc>('applications', { 'applicant.hostUnitId': by.hostUnitId })));
      return out;
    },
    ofRound: (roundId: string) => pageAll<ApplicationDoc>('applications', { roundId }, 'createdAt', 'asc'),
    reviewsOf: (applicationId: string) => pageAll<ReviewDoc>('reviews', { applicationId }, 'at', 'asc'),
    assignmentsOf: (reviewerId: string) => pageAll<AssignmentDoc>('reviews', { type: 'assignment', reviewerId, active: true }, 'at', 'asc'),
    objectionsOf: (applicationId: string) => pageAll<ObjectionDoc>('objections', { applicationId }, 'filedAt', 'asc'),
    objection: (id: string) => db.get('objections', id) as Promise<ObjectionDoc | null>,
    quota: async (id: string): Promise<QuotaDoc> =>
      ((await db.get('applicationQuotas', id)) as QuotaDoc | null) ?? { _id: id, entries: [] },
    /** Stations of a society, for 第七条(七) (one station per society in the city). */
    stationsOfSociety: (societyId: string) =>
      db.find('stations', { societyId }, { limit: 1000 }) as unknown as Promise<(Omit<Station, 'id'> & { _id: string })[]>,
    /** Persons holding an active reviewer binding, with those bindings (for 回避 and assignment). */
    async reviewerBindings(): Promise<Map<string, RoleBinding[]>> {
      const docs = (await db.find('bindings', { role: 'reviewer', revokedAt: null }, { limit: 1000 })) as unknown as (Omit<
        RoleBinding,
        'id'
      > & { _id: string })[];
      const out = new Map<string, RoleBinding[]>();
      for (const { _id, ...rest } of docs) out.set(rest.personId, [...(out.get(rest.personId) ?? []), { id: _id, ...rest }]);
      return out;
    },
    round: (id: string) => db.get('rounds', id) as Promise<RoundDoc | null>,
    rounds: async (programmeId?: string): Promise<RoundDoc[]> =>
      (await db.find('rounds', programmeId ? { programmeId } : {}, {
        limit: 1000,
        orderBy: { field: 'opensOn', direction: 'desc' },
      })) as unknown as RoundDoc[],
    /** Seeding and staff set-up of a round (idempotent put). */
    putRound: (r: RoundDoc) => db.put('rounds', r as unknown as RoundDoc & Record<string, unknown>),
    auditOf: (applicationId: string) => audit.forEntity('application', applicationId, 1000),
  };
}
export type ApplicationsRepo = ReturnType<typeof applicationsRepo>;
