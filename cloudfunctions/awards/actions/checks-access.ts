import type { CheckSide } from '../../../shared/api/awards-checks';
import { chinaDateOf } from '../../../shared/calendar/china-time';
import { AppError } from '../../../shared/errors';
import { getProgramme, type Programme } from '../../../shared/programmes';
import type { CheckRule } from '../../../shared/programmes/post-award';
import { asIssued, type CastUnitNode, overseeingBinding, overseenBy, unitKind } from '../../../shared/rules/oversight';
import { checkDocIdOf, checksOwed } from '../../../shared/rules/post-award/checks';
import type { AwardDoc, CheckDoc } from '../../../shared/schemas/awards';
import type { ChinaDate } from '../../../shared/schemas/common';
import type { Role, RoleBinding } from '../../../shared/schemas/org';
import type { Uses } from '../../_kernel/router';

/**
 * Who stands where to an award's checks (identity only from the caller's bindings): the applicant side
 * is the awarded society's secretary (or the host unit's contact for a host-unit applicant); staff by
 * the oversight model of the award's CAST unit; the finance bureau (市财政局) reads its city's awards and
 * gives the opinions its role is named for — it decides nothing. And the checks an award owes,
 * materialised from its programme's data when they are listed.
 */

/** Staff roles that read an award's checks as staff (the finance bureau reads as 'finance'). */
export const checkStaffReaders = ['countyStaff', 'cityStaff', 'talentOffice', 'provincialStaff'] as const satisfies readonly Role[];
export const checkReaders = ['secretary', 'hostContact', ...checkStaffReaders, 'financeBureau'] as const satisfies readonly Role[];
export const checkQueueReaders = [...checkStaffReaders, 'financeBureau'] as const satisfies readonly Role[];
export const checkApplicants = ['secretary', 'hostContact'] as const satisfies readonly Role[];
/** Who may give an opinion at all (the rule's opinion roles narrow it per check). */
export const checkOpinionGivers = [
  'countyStaff',
  'cityStaff',
  'talentOffice',
  'reviewer',
  'financeBureau',
] as const satisfies readonly Role[];
export const checkDeciders = ['countyStaff', 'cityStaff', 'talentOffice'] as const satisfies readonly Role[];

export const todayOf = (ctx: Uses<'clock'>): ChinaDate => chinaDateOf(ctx.clock.now());

export function programmeOfAward(award: Pick<AwardDoc, 'programmeId' | 'programmeVersion'>): Programme {
  const p =
    (award.programmeVersion !== undefined ? getProgramme(award.programmeId, String(award.programmeVersion)) : undefined) ??
    getProgramme(award.programmeId);
  if (!p) throw new AppError('NOT_FOUND', `未找到项目定义 ${award.programmeId}`);
  return asIssued(p);
}

export function ruleOf(programme: Programme, checkId: string): CheckRule {
  const rule = programme.postAward?.checks.find((c) => c.id === checkId);
  if (!rule) throw new AppError('NOT_FOUND', '该项目没有这项检查');
  return rule;
}

export async function loadAward(ctx: Uses<'store'>, awardId: string): Promise<AwardDoc> {
  const award = await ctx.store.awards.get(awardId);
  if (!award) throw new AppError('NOT_FOUND', '找不到该项目');
  return award;
}

export interface LoadedCheck {
  doc: CheckDoc;
  award: AwardDoc;
  programme: Programme;
  rule: CheckRule;
}
export async function loadCheck(ctx: Uses<'store'>, checkId: string): Promise<LoadedCheck> {
  const doc = await ctx.store.checks.get(checkId);
  if (!doc) throw new AppError('NOT_FOUND', '找不到该检查');
  const award = await loadAward(ctx, doc.awardId);
  const programme = programmeOfAward(award);
  return { doc, award, programme, rule: ruleOf(programme, doc.checkId) };
}

/** Every CAST unit with its parent (a handful per city). */
export async function castUnitGraph(ctx: Uses<'store'>): Promise<{ castUnits: Map<string, CastUnitNode> }> {
  const units = await ctx.store.org.castUnits();
  return { castUnits: new Map(units.map((u) => [u.id, { id: u.id, parentId: u.parentId, kind: u.kind }])) };
}

/** Does the caller act for the awarded unit? */
export async function isApplicantSide(ctx: Uses<'store' | 'caller'>, award: Pick<AwardDoc, 'applicant'>): Promise<boolean> {
  const a = award.applicant;
  for (const b of ctx.caller.bindings) {
    if (b.role === 'secretary' && a.societyId && b.scope.societyId === a.societyId) return true;
    if (b.role === 'hostContact' && a.hostUnitId) {
      if (b.scope.hostUnitId === a.hostUnitId) return true;
      if (b.scope.stationId && (await ctx.store.org.station(b.scope.stationId))?.hostUnitId === a.hostUnitId) return true;
    }
  }
  return false;
}

/** The caller's binding in `roles` overseeing the award's CAST unit, or null. */
export async function overseeingIn(
  ctx: Uses<'store' | 'caller'>,
  award: Pick<AwardDoc, 'castUnitId'>,
  roles: readonly Role[],
): Promise<RoleBinding | null> {
  if (!ctx.caller.bindings.some((b) => roles.includes(b.role))) return null;
  return overseeingBinding(ctx.caller.bindings, award.castUnitId, await castUnitGraph(ctx), roles);
}

/** The city of a CAST unit (itself, or its parent for a county). */
function cityOf(graph: { castUnits: ReadonlyMap<string, CastUnitNode> }, unitId: string): string | null {
  const u = graph.castUnits.get(unitId);
  if (!u) return null;
  if (unitKind(u) === 'county') return u.parentId;
  return unitKind(u) === 'city' ? u.id : null;
}

/** The roles the caller holds that may give an opinion on this award: a staff role overseeing it, a reviewer of its city. */
export async function opinionRolesOf(ctx: Uses<'store' | 'caller'>, award: Pick<AwardDoc, 'castUnitId'>): Promise<Role[]> {
  const graph = await castUnitGraph(ctx);
  const out = new Set<Role>();
  for (const b of ctx.caller.bindings) {
    if (!(checkOpinionGivers as readonly Role[]).includes(b.role)) continue;
    if (b.role === 'reviewer') {
      if (!b.scope.castUnitId || b.scope.castUnitId === cityOf(graph, award.castUnitId)) out.add(b.role);
    } else if (overseeingBinding([b], award.castUnitId, graph, [b.role])) out.add(b.role);
  }
  return [...out];
}

/** How the caller reads the award's checks, or AUTH.FORBIDDEN. */
export async function requireCheckSide(ctx: Uses<'store' | 'caller'>, award: AwardDoc): Promise<CheckSide> {
  if (await overseeingIn(ctx, award, checkStaffReaders)) return 'staff';
  if (await overseeingIn(ctx, award, ['financeBureau'])) return 'finance';
  if (await isApplicantSide(ctx, award)) return 'applicant';
  throw new AppError('AUTH.FORBIDDEN');
}

/** The CAST units the caller's staff / finance bureau bindings oversee together. */
export async function overseenUnitsOf(ctx: Uses<'store' | 'caller'>, roles: readonly Role[]): Promise<string[]> {
  return [...overseenBy(ctx.caller.bindings, roles, await castUnitGraph(ctx))];
}

/** The check documents an award owes now (those with a known due date), fresh. */
export function owedDocs(
  award: AwardDoc,
  programme: Programme,
  now: number,
): { docs: CheckDoc[]; notYet: { rule: CheckRule; year: number; reason: string }[] } {
  const docs: CheckDoc[] = [];
  const notYet: { rule: CheckRule; year: number; reason: string }[] = [];
  for (const o of checksOwed(programme, award)) {
    if (!o.dueDate) {
      notYet.push({ rule: o.rule, year: o.year, reason: o.pendingReason ?? '' });
      continue;
    }
    docs.push({
      id: checkDocIdOf(award.id, o.rule.id, o.year),
      awardId: award.id,
      programmeId: award.programmeId,
      castUnitId: award.castUnitId,
      checkId: o.rule.id,
      year: o.year,
      dueDate: o.dueDate,
      status: 'pending',
      materials: {},
      submittedAt: null,
      opinions: [],
      outcome: null,
      publicity: null,
      objections: [],
      returns: [],
      remindersSent: [],
      revision: 1,
      createdAt: now,
      updatedAt: now,
    });
  }
  return { docs, notYet };
}

/** Materialise the award's owed checks (idempotent) and answer every stored one with those not datable yet. */
export async function materialiseChecks(
  ctx: Uses<'store' | 'clock' | 'caller'>,
  award: AwardDoc,
  programme: Programme,
  stored?: readonly CheckDoc[],
): Promise<{ docs: CheckDoc[]; notYet: { rule: CheckRule; year: number; reason: string }[] }> {
  const now = ctx.clock.now();
  const owed = owedDocs(award, programme, now);
  if (stored) {
    const have = new Set(stored.map((d) => d.id));
    if (owed.docs.every((d) => have.has(d.id))) return { docs: [...stored], notYet: owed.notYet };
  }
  const docs = await ctx.store.checks.materialise(award.id, owed.docs, ctx.caller.personId ?? 'system', now);
  return { docs, notYet: owed.notYet };
}
