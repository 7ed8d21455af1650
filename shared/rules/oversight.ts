import type { FieldIssue } from '../errors';
import type { Programme } from '../programmes/schema';
import type { BindingScope, Role, RoleBinding } from '../schemas/org';
import { cityOnly } from './invites';

/**
 * Oversight: who may see and do what for which unit, scope, stage and programme — the one model
 * (issue 11). Pure functions over plain data: the kernel loads the unit graph (cast units with their
 * parents, the stations / societies / host units a scope or an entity names) and asks here; no
 * handler decides oversight by itself. Later work (more cities, a finance bureau, district issuers)
 * extends this module and its generated matrix (test/hardening/authz-generated.test.ts).
 *
 * The rules:
 * - A staff binding oversees CAST units: county staff their county; city staff and the talent office
 *   the city and its counties; provincial staff (省科协, issue 13 item 5) their province, its cities and
 *   their counties — for READING only: no write action admits them (`readOnlyStaffRoles`). Other roles
 *   oversee nothing. Cities do not see each other: nothing a city's staff oversee lies in another city.
 * - A scope (what a binding or an invite is attached to) names units: a station names its own CAST
 *   unit AND its society's AND its host unit's; a society, a host unit and a CAST unit name theirs.
 *   Whoever acts on a scope must oversee EVERY unit it names — one field is not enough (finding 1:
 *   a secretary scope mixing the inviter's station with another county's society).
 * - A scope is one coherent thing per role: a secretary binds exactly one society; a host contact one
 *   host unit and optionally a station of that host unit (or the station alone); an expert exactly
 *   one station; staff exactly one CAST unit; a reviewer optionally the city they review for (a
 *   reviewer bound without one, before cities, serves any city that lists them).
 * - An application is read and acted on by staff overseeing its CAST unit in a role the programme
 *   gives oversight to: the CAST chain (county, city) always, any other staff role (the talent
 *   office) only where the programme names it at a stage, its publicity or its award (finding 9).
 */

export const staffRoles = [
  'countyStaff',
  'cityStaff',
  'talentOffice',
  'provincialStaff',
  'financeBureau',
] as const satisfies readonly Role[];
/**
 * Staff roles that read what they oversee and write nothing (the router never admits them to a write).
 * The finance bureau (市财政局, issue 14: 市科协会同市财政局验收) oversees its city like city staff and
 * writes only its own opinions on post-award checks (awards.giveOpinion); it decides nothing.
 */
export const readOnlyStaffRoles = ['provincialStaff', 'financeBureau'] as const satisfies readonly Role[];
export type StaffRole = (typeof staffRoles)[number];
export const isStaffRole = (r: Role): r is StaffRole => (staffRoles as readonly Role[]).includes(r);

/** The roles that invite (and list and revoke bindings): the CAST chain. */
export const inviterRoles = ['countyStaff', 'cityStaff'] as const satisfies readonly Role[];

// ───────────────────────── the unit graph ─────────────────────────

export interface CastUnitNode {
  id: string;
  parentId: string | null;
  /** absent in graphs built before provinces: a unit without a parent is a city, else a county */
  kind?: 'province' | 'city' | 'county' | undefined;
}

/** A unit's level: as stored, or (kind not loaded) a city when it has no parent, else a county. */
export const unitKind = (u: Pick<CastUnitNode, 'parentId' | 'kind'>): 'province' | 'city' | 'county' =>
  u.kind ?? (u.parentId === null ? 'city' : 'county');
export interface StationNode {
  id: string;
  castUnitId: string;
  societyId: string;
  hostUnitId: string;
}
export interface UnitNode {
  id: string;
  castUnitId: string;
}

/** What the kernel loads for a decision: every CAST unit, and the stations / societies / host units named. */
export interface OrgGraph {
  castUnits: ReadonlyMap<string, CastUnitNode>;
  stations: ReadonlyMap<string, StationNode>;
  societies: ReadonlyMap<string, UnitNode>;
  hostUnits: ReadonlyMap<string, UnitNode>;
}

export const emptyGraph = (): OrgGraph => ({ castUnits: new Map(), stations: new Map(), societies: new Map(), hostUnits: new Map() });

/** The ids a graph must hold to decide about these scopes (the loader reads them, then their stations' society / host unit). */
export function scopeRefs(scopes: readonly Partial<BindingScope>[]) {
  const stations = new Set<string>();
  const societies = new Set<string>();
  const hostUnits = new Set<string>();
  for (const s of scopes) {
    if (s.stationId) stations.add(s.stationId);
    if (s.societyId) societies.add(s.societyId);
    if (s.hostUnitId) hostUnits.add(s.hostUnitId);
  }
  return { stations: [...stations], societies: [...societies], hostUnits: [...hostUnits] };
}

// ───────────────────────── staff oversight of CAST units ─────────────────────────

type StaffBinding = Pick<RoleBinding, 'role' | 'scope'>;

/** The CAST units one binding oversees (empty for non-staff roles and for a binding without a unit). */
export function overseenUnits(b: StaffBinding, graph: Pick<OrgGraph, 'castUnits'>): Set<string> {
  const own = b.scope.castUnitId;
  const out = new Set<string>();
  if (!isStaffRole(b.role) || !own) return out;
  // a provincial binding reads through its province only (one on a city or county oversees nothing)
  const node = graph.castUnits.get(own);
  if (b.role === 'provincialStaff' && (!node || unitKind(node) !== 'province')) return out;
  out.add(own);
  if (b.role === 'countyStaff') return out;
  // city staff: the city's counties; provincial staff: the province's cities, then their counties
  const depth = b.role === 'provincialStaff' ? 2 : 1;
  for (let level = 0; level < depth; level++) {
    for (const u of graph.castUnits.values()) if (u.parentId !== null && out.has(u.parentId)) out.add(u.id);
  }
  return out;
}

/** Does this binding oversee that CAST unit? */
export const oversees = (b: StaffBinding, castUnitId: string | null, graph: Pick<OrgGraph, 'castUnits'>): boolean =>
  castUnitId !== null && overseenUnits(b, graph).has(castUnitId);

/** The CAST units the bindings in `roles` oversee together. */
export function overseenBy(bindings: readonly StaffBinding[], roles: readonly Role[], graph: Pick<OrgGraph, 'castUnits'>): Set<string> {
  const out = new Set<string>();
  for (const b of bindings) if (roles.includes(b.role)) for (const u of overseenUnits(b, graph)) out.add(u);
  return out;
}

/** The first binding in `roles` overseeing `castUnitId`, or null. */
export function overseeingBinding<B extends StaffBinding>(
  bindings: readonly B[],
  castUnitId: string | null,
  graph: Pick<OrgGraph, 'castUnits'>,
  roles: readonly Role[] = staffRoles,
): B | null {
  return bindings.find((b) => roles.includes(b.role) && oversees(b, castUnitId, graph)) ?? null;
}

// ───────────────────────── the units a scope names ─────────────────────────

export interface ScopeUnits {
  /** every CAST unit the scope touches (sorted, distinct) */
  units: string[];
  /** scope fields naming something that does not exist */
  missing: Array<keyof BindingScope>;
}

/** Every CAST unit a scope names: a station's own, its society's and its host unit's; a society's; a host unit's; the CAST unit. */
export function unitsOfScope(scope: Partial<BindingScope>, graph: OrgGraph): ScopeUnits {
  const units = new Set<string>();
  const missing: Array<keyof BindingScope> = [];
  if (scope.stationId) {
    const st = graph.stations.get(scope.stationId);
    if (!st) missing.push('stationId');
    else {
      units.add(st.castUnitId);
      const soc = graph.societies.get(st.societyId);
      const hu = graph.hostUnits.get(st.hostUnitId);
      // a station whose society or host unit cannot be read is not decided on its own unit alone
      if (!soc || !hu) missing.push('stationId');
      if (soc) units.add(soc.castUnitId);
      if (hu) units.add(hu.castUnitId);
    }
  }
  if (scope.societyId) {
    const soc = graph.societies.get(scope.societyId);
    if (soc) units.add(soc.castUnitId);
    else missing.push('societyId');
  }
  if (scope.hostUnitId) {
    const hu = graph.hostUnits.get(scope.hostUnitId);
    if (hu) units.add(hu.castUnitId);
    else missing.push('hostUnitId');
  }
  if (scope.castUnitId) {
    if (graph.castUnits.has(scope.castUnitId)) units.add(scope.castUnitId);
    else missing.push('castUnitId');
  }
  return { units: [...units].sort(), missing };
}

/**
 * Do these staff bindings (in `roles`, together) oversee EVERY unit the scope names? A scope naming
 * nothing (a reviewer's) is overseen by city staff only; a scope naming something missing by nobody.
 */
export function overseesScope(
  bindings: readonly StaffBinding[],
  scope: Partial<BindingScope>,
  graph: OrgGraph,
  roles: readonly Role[] = inviterRoles,
): boolean {
  const { units, missing } = unitsOfScope(scope, graph);
  if (missing.length > 0) return false;
  if (units.length === 0) return bindings.some((b) => b.role === 'cityStaff' && roles.includes('cityStaff'));
  const mine = overseenBy(bindings, roles, graph);
  return units.every((u) => mine.has(u));
}

// ───────────────────────── a coherent scope per role ─────────────────────────

const scopeKeys = ['societyId', 'stationId', 'hostUnitId', 'castUnitId'] as const satisfies readonly (keyof BindingScope)[];

/** Which scope fields each role's binding carries: `one` exactly one of them required, `optional` may accompany it. */
export const scopeShape: Record<Role, { required: Array<keyof BindingScope>; optional: Array<keyof BindingScope> }> = {
  secretary: { required: ['societyId'], optional: [] },
  expert: { required: ['stationId'], optional: [] },
  // one host unit and optionally its station; or, as bound so far, its station alone
  hostContact: { required: ['hostUnitId', 'stationId'], optional: [] },
  countyStaff: { required: ['castUnitId'], optional: [] },
  cityStaff: { required: ['castUnitId'], optional: [] },
  talentOffice: { required: ['castUnitId'], optional: [] },
  reviewer: { required: [], optional: ['castUnitId'] },
  provincialStaff: { required: ['castUnitId'], optional: [] },
  financeBureau: { required: ['castUnitId'], optional: [] },
};

const EXTRA = '该身份不能附带此单位';
const PICK = '请选择该身份所属的单位';
const MISSING = '所属单位不存在';

/**
 * The fields a role's scope carries, without reading the graph: a field the role does not carry, or
 * none of those it needs. The kernel also applies this to every binding it loads for a caller, so a
 * binding minted before the fix with a mixed scope (finding 1) acts for nothing until revoked.
 */
export function scopeShapeIssues(role: Role, scope: Partial<BindingScope>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const shape = scopeShape[role];
  for (const k of scopeKeys) {
    if (scope[k] && !shape.required.includes(k) && !shape.optional.includes(k)) issues.push({ path: `scope.${k}`, message: EXTRA });
  }
  if (shape.required.length > 0 && !shape.required.some((k) => scope[k])) {
    issues.push({ path: `scope.${shape.required[0]}`, message: PICK });
  }
  return issues;
}

/**
 * Whether a binding's coherence needs more than its shape: a host contact naming both a host unit and
 * a station (the station must be of that host unit). The kernel loads those stations only.
 */
export const coherenceNeedsGraph = (b: { role: Role; scope: Partial<BindingScope> }): boolean =>
  b.role === 'hostContact' && !!b.scope.hostUnitId && !!b.scope.stationId;

/**
 * Whether a stored binding acts at all: its scope has its role's shape and, for a host contact naming
 * both, its station is of its host unit (`stations`: those it names, as loaded; a missing one does not
 * act). Else a binding minted before the fix with its station in one county and its host unit in
 * another acted for both (finding 1; test/hardening/authz-generated.test.ts, the mixed-scope case).
 */
export function bindingActs(
  b: { role: Role; scope: Partial<BindingScope> },
  stations: ReadonlyMap<string, Pick<StationNode, 'hostUnitId'>>,
): boolean {
  if (scopeShapeIssues(b.role, b.scope).length > 0) return false;
  return !coherenceNeedsGraph(b) || stations.get(b.scope.stationId!)?.hostUnitId === b.scope.hostUnitId;
}

/**
 * Field issues of a scope for a role (empty: coherent). Refuses fields the role does not carry, a
 * missing required field, references that do not exist, a host contact's station of another host
 * unit, a county staff scope that is not a county (and city staff / talent office not a city).
 */
export function scopeIssues(role: Role, scope: Partial<BindingScope>, graph: OrgGraph): FieldIssue[] {
  const issues = scopeShapeIssues(role, scope);
  if (issues.length > 0) return issues;
  for (const k of unitsOfScope(scope, graph).missing) issues.push({ path: `scope.${k}`, message: MISSING });
  if (issues.length > 0) return issues;
  if (role === 'hostContact' && scope.hostUnitId && scope.stationId) {
    if (graph.stations.get(scope.stationId)?.hostUnitId !== scope.hostUnitId) {
      issues.push({ path: 'scope.stationId', message: '服务站不属于该建站单位' });
    }
  }
  if ((isStaffRole(role) || role === 'reviewer') && scope.castUnitId) {
    const unit = graph.castUnits.get(scope.castUnitId);
    const want = role === 'countyStaff' ? 'county' : role === 'provincialStaff' ? 'province' : 'city';
    if (!unit || unitKind(unit) !== want) issues.push({ path: 'scope.castUnitId', message: '科协层级与身份不符' });
  }
  return issues;
}

// ───────────────────────── invites, bindings ─────────────────────────

export type Refusal = { code: 'INPUT.INVALID'; issues: FieldIssue[] } | { code: 'AUTH.FORBIDDEN'; message: string };

export interface InviteRequest {
  role: Role;
  scope: Partial<BindingScope>;
  /** the person the invite names when already known (null: a new person) */
  personId: string | null;
}

/**
 * May the inviter (their bindings, their person) mint this invite? Refused: an incoherent scope
 * (INPUT.INVALID); a role only the city invites, by anyone else; a scope with any unit the inviter
 * does not oversee — including an invite naming the inviter themselves (finding 1); an existing
 * person holding any active binding the inviter does not oversee (a county must not take over a
 * person who works elsewhere). Null: allowed.
 */
export function inviteRefusal(
  inviter: { personId: string | null; bindings: readonly StaffBinding[] },
  req: InviteRequest,
  graph: OrgGraph,
  personBindings: readonly StaffBinding[] = [],
): Refusal | null {
  const issues = scopeIssues(req.role, req.scope, graph);
  if (issues.length > 0) return { code: 'INPUT.INVALID', issues };
  const roles: readonly Role[] = cityOnly(req.role) ? ['cityStaff'] : inviterRoles;
  if (!inviter.bindings.some((b) => roles.includes(b.role))) {
    return { code: 'AUTH.FORBIDDEN', message: cityOnly(req.role) ? '只有市科协工作人员可以邀请该身份' : '没有权限' };
  }
  if (!overseesScope(inviter.bindings, req.scope, graph, roles)) {
    return {
      code: 'AUTH.FORBIDDEN',
      message:
        req.personId !== null && req.personId === inviter.personId ? '不能为自己绑定所辖范围以外的身份' : '邀请的单位不在您的管辖范围内',
    };
  }
  for (const b of personBindings) {
    if (!overseesScope(inviter.bindings, b.scope, graph)) {
      return { code: 'AUTH.FORBIDDEN', message: '该人员已在其他单位绑定身份，请由其所在科协发放邀请码' };
    }
  }
  return null;
}

/**
 * May these staff bindings list (and revoke) that binding? Staff of ANY county its scope touches see
 * it and may revoke it (so a binding spanning two counties is never out of reach of either); a scope
 * naming no unit (a reviewer's) is the city's.
 */
export function mayManageBinding(staff: readonly StaffBinding[], binding: Pick<RoleBinding, 'scope'>, graph: OrgGraph): boolean {
  const { units } = unitsOfScope(binding.scope, graph);
  if (units.length === 0) return staff.some((b) => b.role === 'cityStaff');
  const mine = overseenBy(staff, inviterRoles, graph);
  return units.some((u) => mine.has(u));
}

// ───────────────────────── applications: programme and stage ─────────────────────────

type ProgrammeRoles = Pick<Programme, 'stages' | 'publicity' | 'award'>;

/** The staff roles a programme names (its stages, its publicity, its award). */
export function programmeRoles(programme: ProgrammeRoles): Set<Role> {
  const out = new Set<Role>([programme.award.role]);
  if (programme.publicity) out.add(programme.publicity.role);
  for (const s of programme.stages) out.add(s.role);
  return out;
}

/** Does a staff role oversee a programme's applications at all? The CAST chain (county, city, province: read only) always; the talent office where the programme names it. */
export const roleOverseesProgramme = (role: Role, programme: ProgrammeRoles): boolean =>
  role === 'countyStaff' || role === 'cityStaff' || role === 'provincialStaff'
    ? true
    : isStaffRole(role) && programmeRoles(programme).has(role);

/**
 * A programme's stage, publicity and award roles as they resolve against its issuing unit (issue 16
 * item 4). A definition names the issuing association's staff `cityStaff`; for a programme issued by a
 * district's association (`scope.level: 'district'`) those are the staff of that county CAST unit, so
 * here they become `countyStaff`. Only applicants under that county are offered it (shared/rules/offer.ts
 * `issuingUnitOf`), so its applications' unit is that county: its own county staff oversee them and
 * now hold the stages; another county's staff oversee nothing of it.
 *
 * DECISION: the city's staff keep reading a district programme's applications (the CAST chain: the queue,
 * the application, the exports) but hold none of its stages — no pass, return, scoring, reviewer
 * assignment, publicity or award: the issuing county decides. Reviewers are still the city's (a county
 * has no reviewer pool). Other roles (the talent office) are left as named. A city programme is returned
 * as it is (the same object).
 */
export function asIssued<
  P extends ProgrammeRoles & { scope?: Programme['scope'] | undefined; postAward?: Programme['postAward'] | undefined },
>(programme: P): P {
  if (!programme.scope || programme.scope.level === 'city') return programme;
  const issuer = <R extends string>(r: R): R => (r === 'cityStaff' ? ('countyStaff' as R) : r);
  return {
    ...programme,
    stages: programme.stages.map((s) => ({ ...s, role: issuer(s.role) })),
    ...(programme.publicity ? { publicity: { ...programme.publicity, role: issuer(programme.publicity.role) } } : {}),
    award: { ...programme.award, role: issuer(programme.award.role) },
    ...(programme.postAward ? { postAward: postAwardAsIssued(programme.postAward, issuer) } : {}),
  };
}

/**
 * The post-award part as issued (issue 14 × issue 16): every decider and opinion role a definition names
 * `cityStaff` — the agreement, the budget and its changes, each check's outcome and opinions, station
 * changes — is the issuing county's staff for a district programme. The finance bureau and the talent
 * office are left as named.
 */
function postAwardAsIssued(
  pa: NonNullable<Programme['postAward']>,
  issuer: <R extends string>(r: R) => R,
): NonNullable<Programme['postAward']> {
  return {
    ...pa,
    ...(pa.agreement ? { agreement: { ...pa.agreement, decidedBy: issuer(pa.agreement.decidedBy) } } : {}),
    ...(pa.budget
      ? {
          budget: {
            ...pa.budget,
            decidedBy: issuer(pa.budget.decidedBy),
            ...(pa.budget.changes ? { changes: { ...pa.budget.changes, decidedBy: issuer(pa.budget.changes.decidedBy) } } : {}),
          },
        }
      : {}),
    checks: pa.checks.map((c) => ({
      ...c,
      decidedBy: issuer(c.decidedBy),
      opinions: c.opinions.map((o) => ({ ...o, role: issuer(o.role) })),
    })),
    ...(pa.changes ? { changes: { ...pa.changes, decidedBy: issuer(pa.changes.decidedBy) } } : {}),
  };
}

/**
 * Roles the code names for a post-award write (money is paid by the CAST overseeing the award; consequences
 * are the city's decision) as they resolve for a programme: a district programme's `cityStaff` is its
 * issuing county's staff, so the city is dropped and the county kept.
 */
export function issuedRoles<R extends Role>(programme: { scope?: Programme['scope'] | undefined }, roles: readonly R[]): R[] {
  if (!programme.scope || programme.scope.level === 'city') return [...roles];
  return [...new Set(roles.map((r) => (r === 'cityStaff' ? ('countyStaff' as R) : r)))];
}

/** The caller's staff bindings that oversee an application (its CAST unit, in a role its programme gives oversight to). */
export function overseeingStaff<B extends StaffBinding>(
  bindings: readonly B[],
  app: { castUnitId: string },
  programme: ProgrammeRoles,
  graph: Pick<OrgGraph, 'castUnits'>,
): B[] {
  return bindings.filter((b) => isStaffRole(b.role) && roleOverseesProgramme(b.role, programme) && oversees(b, app.castUnitId, graph));
}

// ───────────────────────── reviewers belong to a city ─────────────────────────

/**
 * Does a reviewer (their reviewer bindings) serve an application of that city? A reviewer binding
 * names the city it was issued for (issue 13, item 5); one bound before cities names none and serves
 * whichever city lists it (as it did). A reviewer of another city is neither listed nor assignable.
 */
export const reviewerServesCity = (bindings: readonly Pick<RoleBinding, 'role' | 'scope'>[], cityUnitId: string | null): boolean =>
  bindings.some((b) => b.role === 'reviewer' && (!b.scope.castUnitId || b.scope.castUnitId === cityUnitId));
