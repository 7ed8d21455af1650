import { AppError } from '../../shared/errors';
import type { BindingScope, Role, RoleBinding, Station } from '../../shared/schemas/org';
import type { Caller } from './router';
import type { Store } from './store';

export const staffRoles = ['countyStaff', 'cityStaff', 'talentOffice'] as const satisfies readonly Role[];

/**
 * Which CAST unit an entity belongs to: a station or society or host unit is overseen by the unit
 * named on it; a county is overseen by itself and by its city.
 */
export async function castUnitOfScope(store: Store, scope: BindingScope): Promise<string | null> {
  if (scope.stationId) return (await store.org.station(scope.stationId))?.castUnitId ?? null;
  if (scope.societyId) return (await store.org.society(scope.societyId))?.castUnitId ?? null;
  if (scope.hostUnitId) return (await store.org.hostUnit(scope.hostUnitId))?.castUnitId ?? null;
  return scope.castUnitId;
}

/** Does this staff binding oversee that CAST unit? City staff (and the talent office) see the whole city. */
export async function oversees(store: Store, staff: RoleBinding, castUnitId: string | null): Promise<boolean> {
  if (!castUnitId || !staff.scope.castUnitId) return false;
  if (staff.scope.castUnitId === castUnitId) return true;
  if (staff.role === 'countyStaff') return false;
  const unit = await store.org.castUnit(castUnitId);
  return unit?.parentId === staff.scope.castUnitId;
}

/** The caller's staff binding that oversees `castUnitId`, or AUTH.FORBIDDEN. */
export async function requireOversight(
  store: Store,
  caller: Caller,
  castUnitId: string | null,
  roles: readonly Role[] = staffRoles,
): Promise<RoleBinding> {
  for (const b of caller.bindings) {
    if (roles.includes(b.role) && (await oversees(store, b, castUnitId))) return b;
  }
  throw new AppError('AUTH.FORBIDDEN');
}

export const isExpertOf = (caller: Caller, station: Pick<Station, 'id' | 'expertIds'>) =>
  caller.bindings.some((b) => b.role === 'expert' && b.scope.stationId === station.id) &&
  caller.personId !== null &&
  station.expertIds.includes(caller.personId);
