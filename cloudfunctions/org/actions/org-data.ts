import { AppError, type FieldIssue } from '../../../shared/errors';
import { personUnits } from '../../../shared/rules/org';
import type { OrgGraph } from '../../../shared/rules/oversight';
import type { CastUnit, HostUnit, Person, RoleBinding, Society, Station } from '../../../shared/schemas/org';
import type { Uses } from '../../_kernel/router';
import type { Store } from '../../_kernel/store';
import { requestKey } from '../../_kernel/store/idempotency';

/**
 * The organisation as the org actions read it: every CAST unit, society, host unit and station (paged
 * reads — a city's register is hundreds of records, never one capped query) and the unit graph the
 * oversight model decides on. Persons are read only by the actions that need them.
 */
export interface OrgData {
  graph: OrgGraph;
  castUnits: CastUnit[];
  societies: Society[];
  hostUnits: HostUnit[];
  stations: Station[];
}

export async function loadOrg(store: Store): Promise<OrgData> {
  const [castUnits, societies, hostUnits, stations] = await Promise.all([
    store.org.castUnits(),
    store.org.societies(),
    store.org.hostUnits(),
    store.org.stations(),
  ]);
  const graph: OrgGraph = {
    castUnits: new Map(castUnits.map((u) => [u.id, { id: u.id, parentId: u.parentId, kind: u.kind }])),
    societies: new Map(societies.map((s) => [s.id, { id: s.id, castUnitId: s.castUnitId }])),
    hostUnits: new Map(hostUnits.map((h) => [h.id, { id: h.id, castUnitId: h.castUnitId }])),
    stations: new Map(
      stations.map((s) => [s.id, { id: s.id, castUnitId: s.castUnitId, societyId: s.societyId, hostUnitId: s.hostUnitId }]),
    ),
  };
  return { graph, castUnits, societies, hostUnits, stations };
}

/**
 * Every CAST unit a person is tied to: their own record's (their unit, society, host unit), the units of
 * their active bindings' scopes and of the stations whose team they are on (a person entered before
 * persons carried a unit is reached through these).
 */
export function personReach(
  p: Pick<Person, 'id' | 'castUnitId' | 'societyId' | 'hostUnitId'>,
  org: OrgData,
  bindings: readonly RoleBinding[],
): { own: string[]; all: string[] } {
  const own = personUnits(p, org.graph);
  const all = new Set(own);
  for (const b of bindings) {
    // a reviewer's city does not put them in the register: who reviews stays with those who assign (redaction)
    if (b.personId !== p.id || b.role === 'reviewer') continue;
    if (b.scope.castUnitId) all.add(b.scope.castUnitId);
    if (b.scope.societyId) {
      const s = org.graph.societies.get(b.scope.societyId);
      if (s) all.add(s.castUnitId);
    }
    if (b.scope.hostUnitId) {
      const h = org.graph.hostUnits.get(b.scope.hostUnitId);
      if (h) all.add(h.castUnitId);
    }
    if (b.scope.stationId) {
      const st = org.graph.stations.get(b.scope.stationId);
      if (st) all.add(st.castUnitId);
    }
  }
  for (const st of org.stations) if (st.expertIds.includes(p.id) || st.team?.some((m) => m.personId === p.id)) all.add(st.castUnitId);
  return { own, all: [...all].sort() };
}

export const invalid = (issues: FieldIssue[]) => new AppError('INPUT.INVALID', undefined, { issues });
export const missing = (path: string, what: string) => invalid([{ path, message: `${what}不存在` }]);

/** The acting person (every bound caller has one). */
export function actorOf(ctx: Uses<'caller'>): string {
  if (!ctx.caller.personId) throw new AppError('AUTH.FORBIDDEN');
  return ctx.caller.personId;
}

/** The idempotency key of this request, and its stored first result when it was already applied. */
export async function replayed<T>(
  ctx: Uses<'store' | 'caller' | 'fn' | 'action'>,
  requestId: string,
): Promise<{ key: string; result: T | null }> {
  const key = requestKey(ctx, requestId);
  return { key, result: await ctx.store.replay<T>(key) };
}

/** `value` with every key whose value is undefined removed (a stored entity names no absent field). */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** A patched optional field: left out keeps `before`, null clears it, a value sets it. */
export const patch = <T>(input: T | null | undefined, before: T | undefined): T | undefined =>
  input === undefined ? before : input === null ? undefined : input;

/** Did anything change? (Stored shapes compared as JSON, keys sorted.) */
export function sameRecord(a: unknown, b: unknown): boolean {
  const norm = (x: unknown): unknown =>
    Array.isArray(x)
      ? x.map(norm)
      : x && typeof x === 'object'
        ? Object.fromEntries(
            Object.entries(x)
              .filter(([, v]) => v !== undefined)
              .sort(([k1], [k2]) => (k1 < k2 ? -1 : 1))
              .map(([k, v]) => [k, norm(v)]),
          )
        : x;
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}
