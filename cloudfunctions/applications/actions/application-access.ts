import { chinaDateOf } from '../../../shared/calendar';
import { AppError } from '../../../shared/errors';
import { type FormDefinition, getForm } from '../../../shared/forms';
import { type ApplicationKind, type Facts, getProgramme, type Programme, type Stage, stagesOf } from '../../../shared/programmes';
import { pinProgramme } from '../../../shared/programmes/registry';
import { applicationTitle } from '../../../shared/rules/applicant-progress';
import { type FactValue, gatherFacts, orgFactsOf } from '../../../shared/rules/facts';
import { limitCounts, type SocietyStation } from '../../../shared/rules/limits';
import { asIssued } from '../../../shared/rules/oversight';
import { type ApplicationStatus, availableActions, stateMoved, type WorkflowActionType } from '../../../shared/rules/workflow';
import type { Applicant, HistoryAction } from '../../../shared/schemas/application';
import type { HostUnit, Role, RoleBinding, Society } from '../../../shared/schemas/org';
import type { Uses } from '../../_kernel/router';
import { applicationOverseers, staffRoles } from '../../_kernel/scope';
import type { ApplicationDoc, HistoryItem } from '../../_kernel/store/applications';
import { roundQuotaId, societyQuotaId } from '../../_kernel/store/applications';
import { requestKey } from '../../_kernel/store/idempotency';
import { sanctionsFor } from './sanctions';

/**
 * What every applications action does before it decides: look up the programme, kind, form and
 * stage; load the application; find the role the caller acts in; read the org records and the
 * counts the limits need. The decisions are in shared/rules (workflow, facts, limits, stage completion).
 */

/** Roles that review (the programme's stage roles are among these). */
export const reviewingRoles: readonly Role[] = [...staffRoles, 'reviewer'];

export const now = (ctx: Uses<'clock'>) => ctx.clock.now();
export const today = (ctx: Uses<'clock'>) => chinaDateOf(ctx.clock.now());
export const keyOf = (ctx: Uses<'caller' | 'fn' | 'action'>, requestId: string) => requestKey(ctx, requestId);

export function actorId(ctx: Uses<'caller'>): string {
  if (!ctx.caller.personId) throw new AppError('AUTH.FORBIDDEN');
  return ctx.caller.personId;
}

/**
 * The programme as its applications are run: its stage, publicity and award roles resolved against
 * its issuing unit (a district programme's are its county's staff — shared/rules/oversight.ts `asIssued`).
 */
export function programmeOf(id: string): Programme {
  const p = getProgramme(id);
  if (!p) throw new AppError('NOT_FOUND', '找不到该申报项目');
  return asIssued(p);
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

export async function loadApp(ctx: Uses<'store'>, id: string): Promise<ApplicationDoc> {
  const app = await ctx.store.applications.get(id);
  if (!app) throw new AppError('NOT_FOUND', '找不到该申报');
  await pinRoundVersion(ctx, app.roundId);
  return app;
}

/**
 * From here on this call reads the programme version the round opened with (issue 16 item 6): an
 * application of a round is validated, shown and scored with that version even after a newer install.
 */
export async function pinRoundVersion(ctx: Uses<'store'>, roundId: string): Promise<void> {
  const round = await ctx.store.applications.round(roundId);
  if (round) pinProgramme(round.programmeId, round.programmeVersion);
}

/** The first filled-in text field in printed order: 学会服务站名称, 学会名称, 项目名称 … */
export function titleOf(form: FormDefinition, values: Record<string, unknown>): string {
  return applicationTitle(form, values);
}

// ───────────────────────── who is acting ─────────────────────────

/** The caller's binding that lets them act for this application's applicant, or null. */
export async function applicantBinding(
  ctx: Uses<'store' | 'caller'>,
  kind: ApplicationKind,
  applicant: Applicant,
): Promise<RoleBinding | null> {
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

export async function requireApplicant(ctx: Uses<'store' | 'caller'>, app: ApplicationDoc): Promise<RoleBinding> {
  const kind = kindOf(programmeOf(app.programmeId), app.kindId);
  const b = await applicantBinding(ctx, kind, app.applicant);
  if (!b) throw new AppError('AUTH.FORBIDDEN');
  return b;
}

/**
 * Staff bindings of the caller that oversee the application: its CAST unit, in a role its programme
 * gives oversight to (the talent office only where the programme names it — shared/rules/oversight.ts).
 */
export async function overseeingBindings(
  ctx: Uses<'store' | 'caller'>,
  app: Pick<ApplicationDoc, 'castUnitId' | 'programmeId'>,
): Promise<RoleBinding[]> {
  return applicationOverseers(ctx.store, ctx.caller, app, programmeOf(app.programmeId));
}

/**
 * The role the caller acts in for a workflow action: one of their overseeing staff roles that the
 * definition allows for it, else any overseeing role (the workflow then refuses with its reason).
 * No overseeing binding at all → AUTH.FORBIDDEN.
 */
export async function staffRoleFor(ctx: Uses<'store' | 'caller'>, app: ApplicationDoc, type: WorkflowActionType): Promise<Role> {
  const mine = await overseeingBindings(ctx, app);
  if (mine.length === 0) throw new AppError('AUTH.FORBIDDEN');
  const programme = programmeOf(app.programmeId);
  const state = { status: app.status, stageId: app.stageId };
  const fit = mine.find((b) => availableActions(programme, app.kindId, state, b.role).includes(type));
  return (fit ?? mine[0]!).role;
}

/** Refuse when the application moved on since the person looked at it (or since we read it). */
export function expectState(app: ApplicationDoc, expected: { status: ApplicationStatus; stageId: string | null }): void {
  if (stateMoved(app, expected)) {
    throw new AppError('CONFLICT.STATE', undefined, { details: { status: app.status, stageId: app.stageId, version: app.version } });
  }
}

// ───────────────────────── facts and limits ─────────────────────────

export interface OrgOfApp {
  society: Society | null;
  hostUnit: HostUnit | null;
}
export async function orgOf(ctx: Uses<'store'>, applicant: Applicant): Promise<OrgOfApp> {
  const [society, hostUnit] = await Promise.all([
    applicant.societyId ? ctx.store.org.society(applicant.societyId) : Promise.resolve(null),
    applicant.hostUnitId ? ctx.store.org.hostUnit(applicant.hostUnitId) : Promise.resolve(null),
  ]);
  return { society, hostUnit };
}

/** Eligibility facts: org records (authoritative) + form values + the applicant's declared answers. */
export function factsOf(programme: Programme, app: Pick<ApplicationDoc, 'kindId' | 'values' | 'facts'>, org: OrgOfApp): Facts {
  return gatherFacts(programme, app.kindId, {
    values: app.values,
    declared: app.facts as Record<string, FactValue>,
    org: orgFactsOf(org),
    hasHostUnit: org.hostUnit !== null,
    hasSociety: org.society !== null,
  });
}

/** Stations the host society already has, read before the transaction (stations change rarely). */
export async function societyStations(ctx: Uses<'store'>, societyId: string | null): Promise<SocietyStation[]> {
  if (!societyId) return [];
  const docs = await ctx.store.applications.stationsOfSociety(societyId);
  return docs
    .filter((s) => s.status === 'active' || s.status === 'rectifying')
    .map((s) => ({ id: s.id, applicationId: s.applicationId ?? null }));
}

export async function readLimitContext(ctx: Uses<'store'>, app: ApplicationDoc) {
  const [round, roundQuota, societyQuota, stations, sanctions] = await Promise.all([
    ctx.store.applications.round(app.roundId),
    ctx.store.applications.quota(roundQuotaId(app.roundId, app.kindId)),
    app.applicant.societyId
      ? ctx.store.applications.quota(societyQuotaId(app.applicant.societyId))
      : Promise.resolve({ id: '', entries: [] }),
    societyStations(ctx, app.applicant.societyId),
    sanctionsFor(ctx, app.applicant),
  ]);
  return { round, stations, sanctions, context: limitCounts(app.id, round?.quotas ?? null, roundQuota, societyQuota, stations, sanctions) };
}

// ───────────────────────── small writers ─────────────────────────

export const historyItem = (
  at: number,
  actor: string,
  action: HistoryAction,
  from: ApplicationStatus | null,
  to: ApplicationStatus,
  stageId: string | null,
  note = '',
): HistoryItem => ({ at, actorId: actor, action, fromStatus: from, toStatus: to, stageId, note: note.slice(0, 300) });
