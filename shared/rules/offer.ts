import type { Programme } from '../programmes/schema';
import type { RoleBinding } from '../schemas/org';
import { type CastUnitNode, isStaffRole, type OrgGraph, overseenUnits, unitKind, unitsOfScope } from './oversight';

/**
 * Which programmes an applicant is offered, and which programmes a city runs (issue 13, item 5).
 * Programme definitions are shared; a **city enables** a programme (its city CAST unit records it,
 * org.setProgrammeEnabled) and only then may open its rounds (org.saveRound) and offer it to its
 * applicants. An applicant's society or host unit records its CAST unit, a county unit its parent
 * city unit: the applicant is offered what that city enables, and sees that city's rounds only.
 */

type UnitLike = Pick<CastUnitNode, 'id' | 'kind' | 'parentId'> & { programmeIds?: readonly string[] | undefined };

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

/** True when an applicant belonging to these CAST units is offered the programme: its city enables it. */
export function programmeOffered(
  programme: Pick<Programme, 'id'>,
  applicantCastUnitIds: readonly string[],
  castUnits: ReadonlyMap<string, UnitLike>,
): boolean {
  return applicantCastUnitIds.some((id) => {
    const city = cityUnitOf(id, castUnits);
    return city !== null && cityEnables(city, programme.id);
  });
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
 */
export const roundOfCities = (round: { castUnitId?: string | undefined }, cityIds: readonly string[]): boolean =>
  round.castUnitId === undefined || cityIds.includes(round.castUnitId);

export type EnablementRefusal = { code: 'AUTH.FORBIDDEN' | 'NOT_FOUND'; message: string };

/**
 * May these staff bindings turn a programme on or off for that unit, and what does the city enable
 * afterwards? Only city staff of that very city (a county or another city: refused); an unknown
 * programme: NOT_FOUND. `next` keeps the catalogue order; `changed` false when it was already so.
 */
export function enablementChange(
  bindings: readonly { role: string; scope: { castUnitId: string | null } }[],
  unit: UnitLike | null,
  programmeId: string,
  enabled: boolean,
  known: readonly string[],
): { refusal: EnablementRefusal } | { next: string[]; changed: boolean } {
  if (!known.includes(programmeId)) return { refusal: { code: 'NOT_FOUND', message: '找不到该项目' } };
  if (!unit || unitKind(unit) !== 'city') return { refusal: { code: 'NOT_FOUND', message: '找不到该市科协' } };
  if (!bindings.some((b) => b.role === 'cityStaff' && b.scope.castUnitId === unit.id))
    return { refusal: { code: 'AUTH.FORBIDDEN', message: '只有本市科协工作人员可以启用或停用项目' } };
  const now = new Set(unit.programmeIds ?? []);
  const was = now.has(programmeId);
  if (enabled) now.add(programmeId);
  else now.delete(programmeId);
  // known ones in catalogue order, then any stored id no longer in the catalogue (kept, never lost)
  const next = [...known.filter((id) => now.has(id)), ...[...now].filter((id) => !known.includes(id))];
  return { next, changed: was !== enabled };
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
