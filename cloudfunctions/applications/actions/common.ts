import { type FactValue, gatherFacts, type OrgFacts } from '../../../shared/api/applications';
import { chinaDateOf } from '../../../shared/calendar';
import { AppError, type FieldIssue } from '../../../shared/errors';
import { type FormDefinition, getForm, inputFields } from '../../../shared/forms';
import {
  type ApplicationKind,
  type Facts,
  getProgramme,
  LEVEL_FACT,
  type Programme,
  type Stage,
  stagesOf,
} from '../../../shared/programmes';
import type { EligibilityContext } from '../../../shared/rules/eligibility';
import type { Sanction } from '../../../shared/rules/penalty';
import { type ApplicationStatus, availableActions, type WorkflowActionType } from '../../../shared/rules/workflow';
import type { Applicant } from '../../../shared/schemas/application';
import type { HostUnit, Role, RoleBinding, Society, StationLevel } from '../../../shared/schemas/org';
import type { Ctx } from '../../_kernel/router';
import { oversees, staffRoles } from '../../_kernel/scope';
import type { ApplicationDoc, HistoryItem, QuotaDoc, RoundDoc } from '../../_kernel/store/applications';
import { roundQuotaId, societyQuotaId } from '../../_kernel/store/applications';
import { requestKey } from '../../_kernel/store/idempotency';
import { sanctionsFor } from './sanctions';

/** Roles that review (the programme's stage roles are among these). */
export const reviewingRoles: readonly Role[] = [...staffRoles, 'reviewer'];

export const now = (ctx: Ctx) => ctx.clock.now();
export const today = (ctx: Ctx) => chinaDateOf(ctx.clock.now());
export const keyOf = (ctx: Ctx, requestId: string) => requestKey(ctx, requestId);

export function actorId(ctx: Ctx): string {
  if (!ctx.caller.personId) throw new AppError('AUTH.FORBIDDEN');
  return ctx.caller.personId;
}

export function programmeOf(id: string): Programme {
  const p = getProgramme(id);
  if (!p) throw new AppError('NOT_FOUND', '找不到该申报项目');
  return p;
}
export function kindOf(programme: Programme, kindId: string): ApplicationKind {
  const k = programme.kinds.find((x) => x.id === kindId);
  if (!k) throw new AppError('NOT_FOUND', '该项目没有这个申报类别');
  return k;
}
export function formOf(kind: ApplicationKind): FormDefinition {
  const f = getForm(kind.formId);
  // A definition pointing at a missing form is a programming error, caught by the definition tests.
  if (!f) throw new Error(`form ${kind.formId} missing`);
  return f;
}
export function stageOf(programme: Programme, kindId: string, stageId: string | null): Stage | null {
  return stageId ? (stagesOf(programme, kindId).find((s) => s.id === stageId) ?? null) : null;
}

export async function loadApp(ctx: Ctx, id: string): Promise<ApplicationDoc> {
  const app = await ctx.store.applications.get(id);
  if (!app) throw new AppError('NOT_FOUND', '找不到该申报');
  return app;
}

/** The first filled-in text field in printed order: 学会服务站名称, 学会名称, 项目名称 … */
export function titleOf(form: FormDefinition, values: Record<string, unknown>): string {
  for (const { field } of inputFields(form)) {
    const v = values[field.key];
    if ((field.type === 'text' || field.type === 'textarea') && typeof v === 'string' && v.trim()) return v.trim().slice(0, 100);
  }
  return '';
}

// ───────────────────────── who is acting ─────────────────────────

/** The caller's binding that lets them act for this application's applicant, or null. */
export async function applicantBinding(ctx: Ctx, kind: ApplicationKind, applicant: Applicant): Promise<RoleBinding | null> {
  for (const b of ctx.caller.bindings) {
    if (!kind.applicantRoles.includes(b.role)) continue;
    if (applicant.societyId && b.scope.societyId === applicant.societyId) return b;
    if (applicant.hostUnitId && b.scope.hostUnitId === applicant.hostUnitId) return b;
    if (applicant.hostUnitId && b.scope.stationId) {
      const st = await ctx.store.org.station(b.scope.stationId);
      if (st?.hostUnitId === applicant.hostUnitId) return b;
    }
  }
  return null;
}

export async function requireApplicant(ctx: Ctx, app: ApplicationDoc): Promise<RoleBinding> {
  const kind = kindOf(programmeOf(app.programmeId), app.kindId);
  const b = await applicantBinding(ctx, kind, app.applicant);
  if (!b) throw new AppError('AUTH.FORBIDDEN');
  return b;
}

/** Staff bindings of the caller that oversee the application's CAST unit. */
export async function overseeingBindings(ctx: Ctx, castUnitId: string): Promise<RoleBinding[]> {
  const out: RoleBinding[] = [];
  for (const b of ctx.caller.bindings) {
    if ((staffRoles as readonly Role[]).includes(b.role) && (await oversees(ctx.store, b, castUnitId))) out.push(b);
  }
  return out;
}

/**
 * The role the caller acts in for a workflow action: one of their overseeing staff roles that the
 * definition allows for it, else any overseeing role (the workflow then refuses with its reason).
 * No overseeing binding at all → AUTH.FORBIDDEN.
 */
export async function staffRoleFor(ctx: Ctx, app: ApplicationDoc, type: WorkflowActionType): Promise<Role> {
  const mine = await overseeingBindings(ctx, app.castUnitId);
  if (mine.length === 0) throw new AppError('AUTH.FORBIDDEN');
  const programme = programmeOf(app.programmeId);
  const state = { status: app.status, stageId: app.stageId };
  const fit = mine.find((b) => availableActions(programme, app.kindId, state, b.role).includes(type));
  return (fit ?? mine[0]!).role;
}

/** Refuse when the application moved on since the person looked at it (or since we read it). */
export function expectState(app: ApplicationDoc, expected: { status: ApplicationStatus; stageId: string | null }): void {
  if (app.status !== expected.status || app.stageId !== expected.stageId) {
    throw new AppError('CONFLICT.STATE', undefined, { details: { status: app.status, stageId: app.stageId, version: app.version } });
  }
}

// ───────────────────────── facts and limits ─────────────────────────

export interface OrgOfApp {
  society: Society | null;
  hostUnit: HostUnit | null;
}
export async function orgOf(ctx: Ctx, applicant: Applicant): Promise<OrgOfApp> {
  const [society, hostUnit] = await Promise.all([
    applicant.societyId ? ctx.store.org.society(applicant.societyId) : Promise.resolve(null),
    applicant.hostUnitId ? ctx.store.org.hostUnit(applicant.hostUnitId) : Promise.resolve(null),
  ]);
  return { society, hostUnit };
}

/** Eligibility facts: org records (authoritative) + form values + the applicant's declared answers. */
export function factsOf(programme: Programme, app: Pick<ApplicationDoc, 'kindId' | 'values' | 'facts'>, org: OrgOfApp): Facts {
  const orgFacts: OrgFacts = {};
  if (org.hostUnit) {
    orgFacts.hostUnitKind = org.hostUnit.kind;
    orgFacts.hasFundedExpertWorkstation = org.hostUnit.hasFundedExpertWorkstation;
  }
  if (org.society) orgFacts.societyLevel = org.society.level;
  return gatherFacts(programme, app.kindId, {
    values: app.values,
    declared: app.facts as Record<string, FactValue>,
    org: orgFacts,
    hasHostUnit: org.hostUnit !== null,
    hasSociety: org.society !== null,
  });
}

export const levelOfFacts = (facts: Facts): StationLevel | null => {
  const v = facts[LEVEL_FACT];
  return v === 'national' || v === 'provincial' || v === 'city' ? v : null;
};

/** Does this kind have limits that count applications (round quota / one station per society)? */
export const hasRoundLimit = (programme: Programme, kindId: string) =>
  programme.limits.some((l) => l.kindId === kindId && l.type === 'perRound');
export const hasSocietyLimit = (programme: Programme, kindId: string) =>
  programme.limits.some((l) => l.kindId === kindId && l.type === 'perSocietyInCity');

/** Stations the host society already has, read before the transaction (stations change rarely). */
export async function societyStations(ctx: Ctx, societyId: string | null): Promise<{ id: string; applicationId: string | null }[]> {
  if (!societyId) return [];
  const docs = await ctx.store.applications.stationsOfSociety(societyId);
  return docs
    .filter((s) => s.status === 'active' || s.status === 'rectifying')
    .map((s) => ({ id: s._id, applicationId: s.applicationId ?? null }));
}

/**
 * The counts eligibility and the round limits read, from the quota documents (read in the same
 * transaction when a limit is enforced). This application itself is never counted.
 */
export function limitContext(
  appId: string,
  round: RoundDoc | null,
  roundQuota: QuotaDoc,
  societyQuota: QuotaDoc,
  stations: { id: string; applicationId: string | null }[],
  sanctions: Sanction[],
): Omit<EligibilityContext, 'now'> {
  const others = roundQuota.entries.filter((e) => e.applicationId !== appId);
  const byLevel: Record<StationLevel, number> = { national: 0, provincial: 0, city: 0 };
  for (const e of others) if (e.level) byLevel[e.level] += 1;
  const reserved = new Set(societyQuota.entries.map((e) => e.applicationId));
  const societyOthers = societyQuota.entries.filter((e) => e.applicationId !== appId).length;
  // A station awarded from an application is counted once: through its quota entry.
  const existing = stations.filter((s) => !s.applicationId || !reserved.has(s.applicationId)).length;
  return {
    approvedInRound: { total: others.length, byLevel },
    roundQuotas: round?.quotas ?? {},
    societyActiveStations: existing + societyOthers,
    // Penalty decisions on record for the society and the host unit (their bans are checked by the rule).
    sanctions,
  };
}

export async function readLimitContext(ctx: Ctx, app: ApplicationDoc) {
  const [round, roundQuota, societyQuota, stations, sanctions] = await Promise.all([
    ctx.store.applications.round(app.roundId),
    ctx.store.applications.quota(roundQuotaId(app.roundId, app.kindId)),
    app.applicant.societyId
      ? ctx.store.applications.quota(societyQuotaId(app.applicant.societyId))
      : Promise.resolve({ _id: '', entries: [] }),
    societyStations(ctx, app.applicant.societyId),
    sanctionsFor(ctx, app.applicant),
  ]);
  return { round, stations, sanctions, context: limitContext(app._id, round, roundQuota, societyQuota, stations, sanctions) };
}

// ───────────────────────── small writers ─────────────────────────

export const historyItem = (
  at: number,
  actor: string,
  action: string,
  from: ApplicationStatus | null,
  to: ApplicationStatus,
  stageId: string | null,
  note = '',
): HistoryItem => ({ at, actorId: actor, action, fromStatus: from, toStatus: to, stageId, note: note.slice(0, 300) });

/** Issues of a zod parse of form values, as `values.<key>` paths. */
export const valueIssues = (issues: readonly { path: PropertyKey[]; message: string }[]): FieldIssue[] =>
  issues.map((i) => ({ path: ['values', ...i.path.map(String)].join('.'), message: i.message }));
