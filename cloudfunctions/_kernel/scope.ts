import { AppError } from '../../shared/errors';
import type { Programme } from '../../shared/programmes/schema';
import { bindingCities, bindingRoundUnits } from '../../shared/rules/offer';
import {
  type CastUnitNode,
  type OrgGraph,
  overseeingBinding,
  overseeingStaff,
  type StationNode,
  scopeRefs,
  staffRoles,
  type UnitNode,
} from '../../shared/rules/oversight';
import type { BindingScope, Role, RoleBinding, Station } from '../../shared/schemas/org';
import type { Caller } from './router';
import type { Store } from './store';

/**
 * The kernel's half of oversight: it only LOADS the unit graph (every CAST unit, and the stations,
 * societies and host units the scopes name) and asks the pure model in shared/rules/oversight.ts,
 * which decides. No handler decides oversight by itself.
 */
export { staffRoles };

/** Every CAST unit with its parent (a handful per city: read whole). */
async function castUnitGraph(store: Store): Promise<Map<string, CastUnitNode>> {
  const units = await store.org.castUnits();
  return new Map(units.map((u) => [u.id, { id: u.id, parentId: u.parentId, kind: u.kind }]));
}

const BULK = 20;

/** The graph the model needs to decide about these scopes. */
export async function loadOrgGraph(store: Store, scopes: readonly Partial<BindingScope>[] = []): Promise<OrgGraph> {
  const refs = scopeRefs(scopes);
  // many references (a listing of every binding): read the reference collections whole, else by id in
  // one batched query per collection (`_id in [...]`) — never one read per referenced unit, so a second
  // city's units in a listing cost no extra requests
  const bulk = refs.stations.length + refs.societies.length + refs.hostUnits.length > BULK;
  const byIds = async <T>(ids: readonly string[], read: (ids: readonly string[]) => Promise<Map<string, T>>) =>
    ids.length === 0 ? [] : [...(await read(ids)).values()];
  const stations = new Map<string, StationNode>();
  const stationDocs = bulk ? await store.org.stations() : await byIds(refs.stations, store.reports.stationsByIds);
  for (const s of stationDocs) {
    if (s) stations.set(s.id, { id: s.id, castUnitId: s.castUnitId, societyId: s.societyId, hostUnitId: s.hostUnitId });
  }
  const societyIds = [...new Set([...refs.societies, ...[...stations.values()].map((s) => s.societyId)])];
  const hostIds = [...new Set([...refs.hostUnits, ...[...stations.values()].map((s) => s.hostUnitId)])];
  const [societyDocs, hostDocs, castUnits] = await Promise.all([
    bulk ? store.org.societies() : byIds(societyIds, store.reports.societiesByIds),
    bulk ? store.org.hostUnits() : byIds(hostIds, store.reports.hostUnitsByIds),
    castUnitGraph(store),
  ]);
  const societies = new Map<string, UnitNode>();
  for (const s of societyDocs) if (s) societies.set(s.id, { id: s.id, castUnitId: s.castUnitId });
  const hostUnits = new Map<string, UnitNode>();
  for (const h of hostDocs) if (h) hostUnits.set(h.id, { id: h.id, castUnitId: h.castUnitId });
  return { castUnits, stations, societies, hostUnits };
}

/** The caller's staff binding (in `roles`) that oversees `castUnitId`, or AUTH.FORBIDDEN. */
export async function requireOversight(
  store: Store,
  caller: Caller,
  castUnitId: string | null,
  roles: readonly Role[] = staffRoles,
): Promise<RoleBinding> {
  const b = overseeingBinding(caller.bindings, castUnitId, { castUnits: await castUnitGraph(store) }, roles);
  if (!b) throw new AppError('AUTH.FORBIDDEN');
  return b;
}

/** The caller's staff bindings overseeing an application (its unit, in a role its programme gives oversight to). */
export async function applicationOverseers(
  store: Store,
  caller: Caller,
  app: { castUnitId: string },
  programme: Pick<Programme, 'stages' | 'publicity' | 'award'>,
): Promise<RoleBinding[]> {
  if (!caller.bindings.some((b) => (staffRoles as readonly Role[]).includes(b.role))) return [];
  return overseeingStaff(caller.bindings, app, programme, { castUnits: await castUnitGraph(store) });
}

/** The cities the caller belongs to (shared/rules/offer.ts bindingCities): what they see of rounds and calls. */
export async function callerCities(store: Store, caller: Caller): Promise<string[]> {
  return bindingCities(
    caller.bindings,
    await loadOrgGraph(
      store,
      caller.bindings.map((b) => b.scope),
    ),
  );
}

/**
 * The CAST units whose rounds the caller sees (shared/rules/offer.ts bindingRoundUnits): their cities'
 * and, for a district programme (issue 16 item 4), the rounds its county opened.
 */
export async function callerRoundUnits(store: Store, caller: Caller): Promise<string[]> {
  return bindingRoundUnits(
    caller.bindings,
    await loadOrgGraph(
      store,
      caller.bindings.map((b) => b.scope),
    ),
  );
}

export const isExpertOf = (caller: Caller, station: Pick<Station, 'id' | 'expertIds'>) =>
  caller.bindings.some((b) => b.role === 'expert' && b.scope.stationId === station.id) &&
  caller.personId !== null &&
  station.expertIds.includes(caller.personId);
