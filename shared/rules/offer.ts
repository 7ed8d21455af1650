import type { Programme } from '../programmes/schema';
import type { CastUnit } from '../schemas/org';

/**
 * Which programmes an applicant is offered (issue 15, finding 6): those of the city its CAST unit
 * belongs to. A programme records its city (`city: '益阳市'`); an applicant's society or host unit
 * records its CAST unit, a county unit its parent city unit, and the city unit is named after the
 * city (益阳市科协). One function, so the onboarding issue's per-city enablement is one more
 * condition here (`enabled`), not a change at every caller.
 */

/** The city CAST unit above (or at) a CAST unit, or null when the chain is broken. */
export function cityUnitOf(castUnitId: string, castUnits: ReadonlyMap<string, Pick<CastUnit, 'id' | 'kind' | 'parentId' | 'name'>>) {
  let u = castUnits.get(castUnitId);
  for (let hops = 0; u && u.kind !== 'city' && hops < 4; hops++) u = u.parentId ? castUnits.get(u.parentId) : undefined;
  return u && u.kind === 'city' ? u : null;
}

/** True when the programme is one of this city unit's (its name starts with the programme's city). */
export const programmeOfCity = (programme: Pick<Programme, 'city'>, cityUnit: Pick<CastUnit, 'name'>): boolean =>
  cityUnit.name.startsWith(programme.city) || cityUnit.name.startsWith(programme.city.replace(/市$/, ''));

/**
 * True when an applicant belonging to these CAST units is offered the programme: one of the
 * units lies in the programme's city (and, later, the city has enabled it).
 */
export function programmeOffered(
  programme: Pick<Programme, 'city' | 'id'>,
  applicantCastUnitIds: readonly string[],
  castUnits: ReadonlyMap<string, Pick<CastUnit, 'id' | 'kind' | 'parentId' | 'name'>>,
  enabled: (programmeId: string, cityUnitId: string) => boolean = () => true,
): boolean {
  return applicantCastUnitIds.some((id) => {
    const city = cityUnitOf(id, castUnits);
    return city !== null && programmeOfCity(programme, city) && enabled(programme.id, city.id);
  });
}
