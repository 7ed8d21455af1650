import type { IssuerScope, Programme } from '../programmes/schema';
import type { Role, RoleBinding } from '../schemas/org';
import { type CastUnitNode, isStaffRole, type OrgGraph, overseenUnits, unitKind, unitsOfScope } from './oversight';

/**
 * Which programmes an applicant is offered, and which programmes a city runs (issue 13, item 5).
 * Programme definitions are shared; a **city enables** a programme (its city CAST unit records it,
 * org.setProgrammeEnabled) and only then may open its rounds (org.saveRound) and offer it to its
 * applicants. An applicant's society or host unit records its CAST unit, a county unit its parent
 * city unit: the applicant is offered what that city enables, and sees that city's rounds only.
 *
 * A programme issued by a district's association (issue 16 item 4: `scope: { level: 'district',
 * district: '赫山区' }`) is that county CAST unit's, not the city's: the county unit named after the
 * district enables it and opens its rounds, only applicants under that county are offered it, and its
 * stages are run by that county's staff (shared/rules/oversight.ts `asIssued`). `issuingUnitOf` is the
 * one place that says which unit issues a programme for an applicant.
 */

type UnitLike = Pick<CastUnitNode, 'id' | 'kind' | 'parentId'> & {
  programmeIds?: readonly string[] | undefined;
  /** the unit's name (a district programme is enabled by the county unit named after its district) */
  name?: string | undefined;
  /** a deactivated county issues nothing any more */
  deactivatedAt?: number | null | undefined;
};
type Scoped = Pick<Programme, 'id'> & { scope?: IssuerScope | undefined; city?: string | undefined };
const scopeOf = (p: { scope?: IssuerScope | undefined }): IssuerScope => p.scope ?? { level: 'city' };

/**
 * The place a CAST unit's name stands for: its name without any whitespace (half- or full-width) and
 * without 科学技术协会 / 科协 (赫山区科协 → 赫山区, 益阳市科学技术协会 → 益阳市).
 */
export const districtOfUnit = (name: string): string => name.replace(/\s+/g, '').replace(/(科学技术协会|科协)$/, '');
/** A city's name as compared (益阳市 / 益阳 / 益阳市科协 all → 益阳). */
const cityKey = (name: string): string => districtOfUnit(name).replace(/市$/, '');

/**
 * Is this CAST unit the association of that district: an active county unit whose name is the
 * district's — and, given the programme's `city` and the units, a county OF THAT CITY (a district name
 * is unique only within its city: 岳阳市 may have a county of the same name, and must not issue 益阳市's
 * district programme). Within its city a county may also carry the city's name before the district's
 * (益阳市赫山区科学技术协会 → 赫山区).
 */
export const unitIsDistrict = (
  unit: Pick<UnitLike, 'kind' | 'parentId' | 'name' | 'deactivatedAt'>,
  district: string,
  within?: { city: string | undefined; castUnits: ReadonlyMap<string, UnitLike> },
): boolean => {
  if (unitKind(unit) !== 'county' || unit.name === undefined || unit.deactivatedAt) return false;
  let name = districtOfUnit(unit.name);
  if (within && within.city !== undefined) {
    const city = unit.parentId ? cityUnitOf(unit.parentId, within.castUnits) : null;
    if (!city?.name || cityKey(city.name) !== cityKey(within.city)) return false;
    const prefix = districtOfUnit(city.name);
    if (name.startsWith(prefix) && name.length > prefix.length) name = name.slice(prefix.length);
  }
  return name === districtOfUnit(district);
};

/**
 * The CAST unit that issues a programme for an applicant of this CAST unit (it enables the programme,
 * owns its rounds and runs its stages): a city programme the applicant's city; a district programme
 * the applicant's own county when it is that district of the programme's city, else none (the
 * applicant is not offered it).
 */
export function issuingUnitOf<U extends UnitLike>(
  programme: { scope?: IssuerScope | undefined; city?: string | undefined },
  castUnitId: string,
  castUnits: ReadonlyMap<string, U>,
): U | null {
  const scope = scopeOf(programme);
  if (scope.level === 'city') return cityUnitOf(castUnitId, castUnits);
  const unit = castUnits.get(castUnitId);
  return unit && unitIsDistrict(unit, scope.district, { city: programme.city, castUnits }) ? unit : null;
}

/**
 * May staff of these city units install a definition (or a new version of one)? A programme issued by a
 * district's association is that city's (issue 16 item 4): only staff of the city it names install it
 * or change it — another city could otherwise re-issue it under its own county or take it from the
 * district. Given the file and the newest installed version; null when allowed (city programmes: any city).
 */
export function districtInstallRefusal(
  cityUnits: readonly Pick<UnitLike, 'name'>[],
  programmes: readonly ({ city: string; scope?: IssuerScope | undefined } | null | undefined)[],
): EnablementRefusal | null {
  for (const p of programmes) {
    const scope = p ? scopeOf(p) : null;
    if (!p || scope?.level !== 'district') continue;
    if (!cityUnits.some((u) => u.name !== undefined && cityKey(u.name) === cityKey(p.city)))
      return { code: 'AUTH.FORBIDDEN', message: `该项目由${p.city}${scope.district}科协发布，只有${p.city}科协可以安装或更新` };
  }
  return null;
}

/**
 * The issuing scope in Chinese, as staff read it (programme:check, the rules catalogue): who enables the
 * programme and opens its rounds, who is offered it, who runs its stages and who reads it.
 */
export function describeScope(programme: { city: string; scope?: IssuerScope | undefined }): string {
  const scope = scopeOf(programme);
  if (scope.level === 'city')
    return `市级：由${programme.city}科协启用并开启申报批次、办理各审核环节；向本市（含所辖县市区）的学会和建站单位开放`;
  const d = `${scope.district}科协`;
  return (
    `区县级（${scope.district}）：由${d}启用并开启申报批次；仅向${scope.district}所辖的学会和建站单位开放；` +
    `定义中由“市科协”办理的环节、公示和认定由${d}工作人员办理；${programme.city}科协可查阅，不办理；评审专家仍为市科协的专家`
  );
}

/** The city CAST unit above (or at) a CAST unit, or null when the chain is broken (or it is a province). */
export function cityUnitOf<U extends Pick<CastUnitNode, 'id' | 'kind' | 'parentId'>>(
  castUnitId: string,
  castUnits: ReadonlyMap<string, U>,
): U | null {
  let u = castUnits.get(castUnitId);
  for (let hops = 0; u && unitKind(u) === 'county' && hops < 4; hops++) u = u.parentId ? castUnits.get(u.parentId) : undefined;
  return u && unitKind(u) === 'city' ? u : null;
}

/**
 * The cities a caller belongs to, from their bindings: staff the cities of the units they oversee (a
 * province: each of its cities); everyone else the cities of the units their scope names (a reviewer:
 * the city they review for). A reviewer bound before cities names none.
 */
export function bindingCities(bindings: readonly Pick<RoleBinding, 'role' | 'scope'>[], graph: OrgGraph): string[] {
  const units = new Set<string>();
  for (const b of bindings) {
    const named = isStaffRole(b.role) ? overseenUnits(b, graph) : unitsOfScope(b.scope, graph).units;
    for (const u of named) units.add(u);
  }
  return citiesOf([...units], graph.castUnits);
}

/** Does this city unit enable the programme? */
export const cityEnables = (cityUnit: Pick<UnitLike, 'programmeIds'>, programmeId: string): boolean =>
  (cityUnit.programmeIds ?? []).includes(programmeId);

/** The programmes a city enables, in the order given (the catalogue's), unknown ids dropped. */
export const enabledProgrammes = (cityUnit: Pick<UnitLike, 'programmeIds'>, known: readonly string[]): string[] =>
  known.filter((id) => cityEnables(cityUnit, id));

/**
 * True when an applicant belonging to these CAST units is offered the programme: its issuing unit
 * enables it — the city for a city programme, the applicant's own county for a district programme of
 * that county (an applicant of another county, or registered at the city, is not offered it).
 */
export function programmeOffered(
  programme: Scoped,
  applicantCastUnitIds: readonly string[],
  castUnits: ReadonlyMap<string, UnitLike>,
): boolean {
  return applicantCastUnitIds.some((id) => {
    const issuer = issuingUnitOf(programme, id, castUnits);
    return issuer !== null && cityEnables(issuer, programme.id);
  });
}

/**
 * The CAST units whose rounds an applicant (or staff member) of these units may see: each unit and the
 * units above it up to its city (a county's own district rounds and its city's rounds; sorted, distinct).
 */
export function roundUnitsOf(
  castUnitIds: readonly string[],
  castUnits: ReadonlyMap<string, Pick<CastUnitNode, 'id' | 'kind' | 'parentId'>>,
): string[] {
  const out = new Set<string>();
  for (const id of castUnitIds) {
    let u = castUnits.get(id);
    for (let hops = 0; u && unitKind(u) !== 'province' && hops < 4; hops++) {
      out.add(u.id);
      u = u.parentId ? castUnits.get(u.parentId) : undefined;
    }
  }
  return [...out].sort();
}

/**
 * The CAST units a caller's rounds may belong to, from their bindings: staff the units they oversee
 * (a city: itself and its counties' district rounds) and the units above them; everyone else the
 * units their scope names and those above (`roundUnitsOf`).
 */
export function bindingRoundUnits(bindings: readonly Pick<RoleBinding, 'role' | 'scope'>[], graph: OrgGraph): string[] {
  const units = new Set<string>();
  for (const b of bindings) {
    const named = isStaffRole(b.role) ? overseenUnits(b, graph) : unitsOfScope(b.scope, graph).units;
    for (const u of named) units.add(u);
  }
  return roundUnitsOf([...units], graph.castUnits);
}

/** The city units these CAST units belong to (distinct, sorted). */
export function citiesOf(
  castUnitIds: readonly string[],
  castUnits: ReadonlyMap<string, Pick<CastUnitNode, 'id' | 'kind' | 'parentId'>>,
): string[] {
  const out = new Set<string>();
  for (const id of castUnitIds) {
    const c = cityUnitOf(id, castUnits);
    if (c) out.add(c.id);
  }
  return [...out].sort();
}

/**
 * Whether a round is one of these cities' (a round records the city unit that opened it; a round
 * stored before cities without one is the programme's only round and belongs to any city enabling it).
 * Given `roundUnitsOf` instead of cities, the same test admits a district programme's rounds (opened
 * by the county unit) to that county's applicants and staff, and its city's staff.
 */
export const roundOfCities = (round: { castUnitId?: string | undefined }, cityIds: readonly string[]): boolean =>
  round.castUnitId === undefined || cityIds.includes(round.castUnitId);

/** Who enables programmes: city staff (a city programme), county staff (their district's programme). */
export const programmeEnablerRoles = ['cityStaff', 'countyStaff'] as const satisfies readonly Role[];

export type EnablementRefusal = { code: 'AUTH.FORBIDDEN' | 'NOT_FOUND'; message: string };

/**
 * May these staff bindings turn a programme on or off for that unit, and what does the unit enable
 * afterwards? A city programme is enabled by its city, a district programme (issue 16 item 4) by the
 * county unit of its district: enabling a city programme at a county, a district programme at the city
 * or at another county is refused (AUTH.FORBIDDEN, saying who issues it); then only the unit's own
 * staff (city staff of that very city, county staff of that very county). An unknown programme:
 * NOT_FOUND. `known` gives the catalogue order (ids, or programmes with their scope; an id alone is a
 * city programme); `next` keeps it; `changed` false when it was already so.
 */
export function enablementChange(
  bindings: readonly { role: string; scope: { castUnitId: string | null } }[],
  unit: UnitLike | null,
  programmeId: string,
  enabled: boolean,
  known: readonly (string | Scoped)[],
  /** every CAST unit (a district programme's county must lie in the programme's city) */
  castUnits: ReadonlyMap<string, UnitLike> = new Map(),
): { refusal: EnablementRefusal } | { next: string[]; changed: boolean } {
  const catalogue: Scoped[] = known.map((k) => (typeof k === 'string' ? { id: k } : k));
  const ids = catalogue.map((p) => p.id);
  const programme = catalogue.find((p) => p.id === programmeId);
  if (!programme) return { refusal: { code: 'NOT_FOUND', message: '找不到该项目' } };
  const scope = scopeOf(programme);
  if (!unit || unitKind(unit) === 'province') return { refusal: { code: 'NOT_FOUND', message: '找不到该科协' } };
  const level = unitKind(unit);
  if (scope.level === 'city' && level !== 'city')
    return { refusal: { code: 'AUTH.FORBIDDEN', message: '该项目由市科协发布，应由市科协启用，县区科协不能启用' } };
  if (scope.level === 'district' && !unitIsDistrict(unit, scope.district, { city: programme.city, castUnits }))
    return {
      refusal: {
        code: 'AUTH.FORBIDDEN',
        message:
          level === 'city'
            ? `该项目由${scope.district}科协发布，应由${scope.district}科协启用，市科协不能启用`
            : `该项目由${scope.district}科协发布，只有${scope.district}科协可以启用`,
      },
    };
  const ownRole = level === 'city' ? 'cityStaff' : 'countyStaff';
  if (!bindings.some((b) => b.role === ownRole && b.scope.castUnitId === unit.id))
    return {
      refusal: {
        code: 'AUTH.FORBIDDEN',
        message: level === 'city' ? '只有本市科协工作人员可以启用或停用项目' : '只有本区县科协工作人员可以启用或停用该项目',
      },
    };
  const now = new Set(unit.programmeIds ?? []);
  const was = now.has(programmeId);
  if (enabled) now.add(programmeId);
  else now.delete(programmeId);
  // known ones in catalogue order, then any stored id no longer in the catalogue (kept, never lost)
  const next = [...ids.filter((id) => now.has(id)), ...[...now].filter((id) => !ids.includes(id))];
  return { next, changed: was !== enabled };
}

/**
 * Which CAST unit a round of this programme opened by these staff bindings belongs to (org.saveRound):
 * a city programme's round is the caller's city's (city staff); a district programme's (issue 16 item
 * 4) is that district's county unit, opened by its own county staff — the city and other counties are
 * refused (AUTH.FORBIDDEN, saying who opens it).
 */
export function roundUnitFor(
  bindings: readonly { role: string; scope: { castUnitId: string | null } }[],
  programme: { scope?: IssuerScope | undefined; city?: string | undefined },
  castUnits: ReadonlyMap<string, UnitLike>,
): { unitId: string } | { refusal: EnablementRefusal } {
  const scope = scopeOf(programme);
  if (scope.level === 'city') {
    const city = bindings.find((b) => b.role === 'cityStaff' && b.scope.castUnitId)?.scope.castUnitId;
    return city ? { unitId: city } : { refusal: { code: 'AUTH.FORBIDDEN', message: '该项目由市科协发布，申报批次由市科协开启' } };
  }
  for (const b of bindings) {
    const unit = b.role === 'countyStaff' && b.scope.castUnitId ? castUnits.get(b.scope.castUnitId) : undefined;
    if (unit && unitIsDistrict(unit, scope.district, { city: programme.city, castUnits })) return { unitId: unit.id };
  }
  return {
    refusal: { code: 'AUTH.FORBIDDEN', message: `该项目由${scope.district}科协发布，申报批次由${scope.district}科协开启` },
  };
}

/**
 * The round of (city, programme, year) among the programme's rounds, and the id a new one takes: one
 * round per city, programme and year. A round matches when it records that city and year (a round
 * stored before rounds carried a year is of the year its id names). A new round takes the plain id
 * `round-<programme>-<year>` when no other city holds it, else that id with the city's appended.
 */
export function roundOfCity<R extends { id: string; castUnitId?: string | undefined; year?: number | undefined }>(
  programmeId: string,
  year: number,
  cityUnitId: string,
  rounds: readonly R[],
): { existing: R | null; id: string } {
  const plain = `round-${programmeId}-${year}`;
  const existing = rounds.find((r) => r.castUnitId === cityUnitId && (r.year === year || (r.year === undefined && r.id === plain))) ?? null;
  if (existing) return { existing, id: existing.id };
  return { existing: null, id: rounds.some((r) => r.id === plain) ? `${plain}-${cityUnitId}` : plain };
}
