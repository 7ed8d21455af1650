import type { FieldIssue } from '../errors';
import type { BindingScope, Role } from '../schemas/org';

/**
 * Invitations (邀请码): what each role's binding is attached to, and which roles only city staff may
 * invite. County staff invite people within their county (secretaries, experts, host contacts);
 * staff bindings and reviewers are created by the city CAST.
 */

/** What each role's binding must be attached to (reviewers serve the whole city: none). */
export const requiredScope: Record<Role, keyof BindingScope | null> = {
  secretary: 'societyId',
  expert: 'stationId',
  hostContact: 'stationId',
  countyStaff: 'castUnitId',
  cityStaff: 'castUnitId',
  talentOffice: 'castUnitId',
  reviewer: null,
  provincialStaff: 'castUnitId',
  financeBureau: 'castUnitId',
};

/** Roles only city staff may invite. */
export const cityOnlyRoles: readonly Role[] = ['countyStaff', 'cityStaff', 'talentOffice', 'reviewer', 'provincialStaff', 'financeBureau'];
export const cityOnly = (role: Role): boolean => cityOnlyRoles.includes(role);

/** The scope an invite for `role` is missing, as the field to mark; null when it names what the role needs. */
export function inviteScopeIssue(role: Role, scope: Readonly<BindingScope>): FieldIssue | null {
  const key = requiredScope[role];
  return key && !scope[key] ? { path: `scope.${key}`, message: '请选择该身份所属的单位' } : null;
}

/**
 * The scope an invite is minted with (issue 13, item 5: reviewers belong to a city): a reviewer invite
 * that names no city is for the inviting city staff's own city; every other scope as asked.
 */
export function inviteScopeFor(
  role: Role,
  scope: Readonly<BindingScope>,
  inviter: readonly { role: Role; scope: Pick<BindingScope, 'castUnitId'> }[],
): BindingScope {
  if (role !== 'reviewer' || scope.castUnitId) return { ...scope };
  const city = inviter.find((b) => b.role === 'cityStaff' && b.scope.castUnitId)?.scope.castUnitId ?? null;
  return { ...scope, castUnitId: city };
}
