import type { Me, MyBinding } from '../../../shared/api/identity';
import { type Role, type RoleBinding, roleLabels } from '../../../shared/schemas/org';
import type { Uses } from '../../_kernel/router';
import type { Store } from '../../_kernel/store';

/** The role whose home opens first when a person holds several. */
// the finance bureau (issue 14) last: a person who is also staff or a secretary opens that home first
const rolePriority: Role[] = [
  'cityStaff',
  'talentOffice',
  'countyStaff',
  'reviewer',
  'secretary',
  'hostContact',
  'expert',
  'financeBureau',
];

export async function scopeLabel(store: Store, b: Pick<RoleBinding, 'scope'>): Promise<string> {
  const s = b.scope;
  if (s.stationId) return (await store.org.station(s.stationId))?.name ?? s.stationId;
  if (s.societyId) return (await store.org.society(s.societyId))?.name ?? s.societyId;
  if (s.hostUnitId) return (await store.org.hostUnit(s.hostUnitId))?.name ?? s.hostUnitId;
  if (s.castUnitId) return (await store.org.castUnit(s.castUnitId))?.name ?? s.castUnitId;
  return '';
}

export async function toMyBinding(store: Store, b: RoleBinding): Promise<MyBinding> {
  return { bindingId: b.id, role: b.role, roleLabel: roleLabels[b.role], scope: { ...b.scope }, scopeLabel: await scopeLabel(store, b) };
}

export async function describeMe(store: Store, bindings: RoleBinding[]): Promise<Me> {
  if (bindings.length === 0) return { bound: false, person: null, bindings: [], primaryRole: null };
  const person = await store.org.person(bindings[0]!.personId);
  const mine = await Promise.all(bindings.map((b) => toMyBinding(store, b)));
  const primaryRole = rolePriority.find((r) => bindings.some((b) => b.role === r)) ?? null;
  return { bound: true, person: person ? { id: person.id, name: person.name } : null, bindings: mine, primaryRole };
}

export const me = async (ctx: Uses<'store' | 'caller'>): Promise<Me> => describeMe(ctx.store, ctx.caller.bindings);
