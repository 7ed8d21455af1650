import type {
  Application,
  ApplicationQuota,
  ApplicationStatus,
  HistoryEntry,
  Objection,
  Publicity,
  Review,
  ReviewerAssignment,
  Round,
  Sanction,
  ScoreSheet,
  StoredReview,
} from '../../../shared/schemas/application';
import type { AuditEvent, RoleBinding, Station } from '../../../shared/schemas/org';
import type { Db, Where } from '../db/port';
import type { AuditRepo } from './audit';
import type { Collection } from './collection';
import type { OrgRepo } from './org';
import { findAll } from './paging';
import { tables } from './tables';
import type { Tx } from './tx';

/**
 * Applications, their reviews, score sheets, reviewer assignments, objections, rounds, round
 * quotas and sanctions — written once over the document port, so identical on SQLite and the cloud
 * database. The stored shapes are the entities of shared/schemas/application.ts.
 *
 * Concurrency: every change runs in one transaction that re-reads the application BY ID and checks
 * what the caller decided on (the version a draft was based on; the status and stage a reviewer
 * saw). A change that lost the race is refused (CONFLICT.VERSION / CONFLICT.STATE by the handler),
 * never applied over the winner. Limits that span applications (≤ 5 city-level stations a round,
 * one station per society) are quota documents read and written in the same transaction.
 */

export type ApplicationDoc = Application;
/** One line of an application's history: who did what, when. The audit log keeps before/after in full. */
export type HistoryItem = HistoryEntry;
/** A publicity as stored: the view adds `over`, which depends on the day it is read. */
export type PublicityRecord = Publicity;
export type DecisionDoc = Review;
export type AssignmentDoc = ReviewerAssignment;
export type ScoreDoc = ScoreSheet;
export type ReviewDoc = StoredReview;
export type ObjectionDoc = Objection;
export type RoundDoc = Round;
/** Applications counted against a limit (round quota per kind, or one society's stations). */
export type QuotaDoc = ApplicationQuota;
/** A penalty decision on record (sanctions collection); never deleted. */
export type SanctionDoc = Sanction;

export const assignmentId = (applicationId: string, stageId: string, reviewerId: string) => `as:${applicationId}:${stageId}:${reviewerId}`;
export const scoreId = (applicationId: string, stageId: string, reviewerId: string) => `sc:${applicationId}:${stageId}:${reviewerId}`;
export const roundQuotaId = (roundId: string, kindId: string) => `round:${roundId}:${kindId}`;
export const societyQuotaId = (societyId: string) => `society:${societyId}`;

/** Typed operations inside one transaction (by id only, like the cloud database). */
export function appTx(tx: Tx, audit: AuditRepo, org: OrgRepo) {
  return {
    getApp: (id: string) => tables.applications.get(tx, id),
    insertApp: (doc: ApplicationDoc) => tables.applications.insert(tx, doc),
    putApp: (doc: ApplicationDoc) => tables.applications.put(tx, doc),
    getReview: async <T extends ReviewDoc>(id: string): Promise<T | null> => (await tables.reviews.get(tx, id)) as T | null,
    putReview: (doc: ReviewDoc) => tables.reviews.put(tx, doc),
    insertReview: (doc: ReviewDoc) => tables.reviews.insert(tx, doc),
    getObjection: (id: string) => tables.objections.get(tx, id),
    putObjection: (doc: ObjectionDoc) => tables.objections.put(tx, doc),
    insertObjection: (doc: ObjectionDoc) => tables.objections.insert(tx, doc),
    getQuota: async (id: string): Promise<QuotaDoc> => (await tables.applicationQuotas.get(tx, id)) ?? { id, entries: [] },
    putQuota: (doc: QuotaDoc) => tables.applicationQuotas.put(tx, doc),
    insertStation: (station: Station) => org.insertStation(tx, station),
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

export function applicationsRepo(
  db: Db,
  audit: AuditRepo,
  org: OrgRepo,
  once: <T>(key: string, now: number, write: (tx: Tx) => Promise<T>) => Promise<T>,
) {
  const pageAll = async <T>(c: Collection<T>, where: Where, orderField = 'updatedAt', direction: 'asc' | 'desc' = 'desc'): Promise<T[]> =>
    findAll(db, c, where, { orderBy: { field: orderField, direction } });
  const insertSanction = async (tx: Tx, doc: SanctionDoc) => {
    await tables.sanctions.insert(tx, doc);
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
  };
  return {
    get: (id: string) => tables.applications.get(db, id),
    /** Typed operations on applications and what hangs off them, inside a `store.once` transaction. */
    tx: (tx: Tx) => appTx(tx, audit, org),
    /** Record a penalty decision, audited, once per request. */
    recordSanction: (key: string, doc: SanctionDoc) =>
      once(key, doc.at, async (tx) => {
        await insertSanction(tx, doc);
        return doc.id;
      }),
    /** The same, inside the caller's transaction (a confirmed consequence's ban: awards.decideConsequence). */
    recordSanctionTx: (tx: Tx, doc: SanctionDoc) => insertSanction(tx, doc),
    sanction: (id: string) => tables.sanctions.get(db, id),
    sanctionsOf: (subjectId: string) => pageAll(tables.sanctions, { subjectId }, 'at', 'asc'),
    allSanctions: () => pageAll(tables.sanctions, {}, 'at', 'desc'),
    /** Staff queue: applications of these CAST units, newest change first, one page. */
    async queue(filter: QueueFilter, page: { limit: number; skip: number }): Promise<ApplicationDoc[]> {
      const where: Where = { castUnitId: { $in: filter.castUnitIds } };
      if (filter.programmeId) where.programmeId = filter.programmeId;
      if (filter.roundId) where.roundId = filter.roundId;
      if (filter.status) where.status = filter.status;
      if (filter.stageId) where.stageId = filter.stageId;
      return tables.applications.find(db, where, {
        limit: page.limit,
        skip: page.skip,
        orderBy: { field: 'updatedAt', direction: 'desc' },
      });
    },
    /** An applicant's applications: by the society or host unit named on them. */
    async ofApplicant(by: { societyId?: string; hostUnitId?: string }): Promise<ApplicationDoc[]> {
      const out: ApplicationDoc[] = [];
      if (by.societyId) out.push(...(await pageAll(tables.applications, { 'applicant.societyId': by.societyId })));
      if (by.hostUnitId) out.push(...(await pageAll(tables.applications, { 'applicant.hostUnitId': by.hostUnitId })));
      return out;
    },
    ofRound: (roundId: string) => pageAll(tables.applications, { roundId }, 'createdAt', 'asc'),
    reviewsOf: (applicationId: string) => pageAll(tables.reviews, { applicationId }, 'at', 'asc'),
    assignmentsOf: async (reviewerId: string): Promise<AssignmentDoc[]> =>
      (await pageAll(tables.reviews, { type: 'assignment', reviewerId, active: true }, 'at', 'asc')).filter(
        (r): r is AssignmentDoc => r.type === 'assignment',
      ),
    objectionsOf: (applicationId: string) => pageAll(tables.objections, { applicationId }, 'filedAt', 'asc'),
    objection: (id: string) => tables.objections.get(db, id),
    quota: async (id: string): Promise<QuotaDoc> => (await tables.applicationQuotas.get(db, id)) ?? { id, entries: [] },
    /** Stations of a society, for 第七条(七) (one station per society in the city). */
    stationsOfSociety: (societyId: string): Promise<Station[]> => findAll(db, tables.stations, { societyId }),
    /** Persons holding an active reviewer binding, with those bindings (for 回避 and assignment). */
    async reviewerBindings(): Promise<Map<string, RoleBinding[]>> {
      const docs = await findAll(db, tables.bindings, { role: 'reviewer', revokedAt: null });
      const out = new Map<string, RoleBinding[]>();
      for (const b of docs) out.set(b.personId, [...(out.get(b.personId) ?? []), b]);
      return out;
    },
    /** Every active binding of a person, whatever the role (回避 looks at all of them). */
    bindingsOfPerson: (personId: string): Promise<RoleBinding[]> => findAll(db, tables.bindings, { personId, revokedAt: null }),
    /** Stations of an applicant's society and host unit, and the application's own station (回避). */
    async stationsOfApplicant(by: { societyId: string | null; hostUnitId: string | null; stationId: string | null }): Promise<Station[]> {
      const out = new Map<string, Station>();
      if (by.societyId) for (const s of await findAll(db, tables.stations, { societyId: by.societyId })) out.set(s.id, s);
      if (by.hostUnitId) for (const s of await findAll(db, tables.stations, { hostUnitId: by.hostUnitId })) out.set(s.id, s);
      if (by.stationId && !out.has(by.stationId)) {
        const s = await tables.stations.get(db, by.stationId);
        if (s) out.set(s.id, s);
      }
      return [...out.values()];
    },
    round: (id: string) => tables.rounds.get(db, id),
    rounds: (programmeId?: string): Promise<RoundDoc[]> =>
      findAll(db, tables.rounds, programmeId ? { programmeId } : {}, { orderBy: { field: 'opensOn', direction: 'desc' } }),
    /** Seeding and staff set-up of a round (idempotent put). */
    putRound: (r: RoundDoc) => tables.rounds.put(db, r),
    /** A round read inside the caller's transaction. */
    roundTx: (tx: Tx, id: string) => tables.rounds.get(tx, id),
    /** Open or change a round (org.saveRound), audited with before and after, inside the caller's transaction. */
    async saveRound(tx: Tx, r: RoundDoc, before: RoundDoc | null, ev: { actorId: string; now: number }): Promise<void> {
      await (before ? tables.rounds.put(tx, r) : tables.rounds.insert(tx, r));
      await audit.write(tx, {
        at: ev.now,
        actorId: ev.actorId,
        action: before ? 'round.update' : 'round.create',
        entity: 'round',
        entityId: r.id,
        before,
        after: r,
        reason: '',
      });
    },
    auditOf: (applicationId: string) => audit.forEntity('application', applicationId, 'all'),
  };
}
export type ApplicationsRepo = ReturnType<typeof applicationsRepo>;
