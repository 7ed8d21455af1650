import type { ParsedInputOf } from '../../../shared/api/define';
import type { BindingRow, IdentityApi } from '../../../shared/api/identity';
import { AppError } from '../../../shared/errors';
import { inviterRoles, mayManageBinding } from '../../../shared/rules/oversight';
import { type RoleBinding, roleLabels } from '../../../shared/schemas/org';
import type { Uses } from '../../_kernel/router';
import { loadOrgGraph } from '../../_kernel/scope';

export async function listBindings(
  ctx: Uses<'store' | 'caller'>,
  input: ParsedInputOf<IdentityApi['listBindings']>,
): Promise<BindingRow[]> {
  const staff = ctx.caller.bindings.filter((b) => (inviterRoles as readonly string[]).includes(b.role));
  const all = (await ctx.store.identity.allBindings()).filter((b) => input.includeRevoked || b.revokedAt === null);
  // staff of every county a binding's scope touches find it (shared/rules/oversight.ts)
  const graph = await loadOrgGraph(
    ctx.store,
    all.map((b) => b.scope),
  );
  const visible = all.filter((b) => mayManageBinding(staff, b, graph));
  // names and scope labels in batches (`_id in [...]`, chunked), never one read per binding: 50 bindings
  // cost a handful of queries, not 50 person reads plus 50 unit reads (issue 12, requests per action)
  const ids = (pick: (b: RoleBinding) => string | null) => [...new Set(visible.flatMap((b) => pick(b) ?? []))];
  const r = ctx.store.reports;
  const [persons, stations, societies, hostUnits, castUnits] = await Promise.all([
    r.personsByIds(ids((b) => b.personId)),
    r.stationsByIds(ids((b) => b.scope.stationId)),
    r.societiesByIds(ids((b) => (b.scope.stationId ? null : b.scope.societyId))),
    r.hostUnitsByIds(ids((b) => (b.scope.stationId || b.scope.societyId ? null : b.scope.hostUnitId))),
    visible.some((b) => !b.scope.stationId && !b.scope.societyId && !b.scope.hostUnitId && b.scope.castUnitId)
      ? r.castUnits().then((cs) => new Map(cs.map((c) => [c.id, c])))
      : new Map<string, { name: string }>(),
  ]);
  const labelOf = (b: RoleBinding): string => {
    const s = b.scope;
    if (s.stationId) return stations.get(s.stationId)?.name ?? s.stationId;
    if (s.societyId) return societies.get(s.societyId)?.name ?? s.societyId;
    if (s.hostUnitId) return hostUnits.get(s.hostUnitId)?.name ?? s.hostUnitId;
    if (s.castUnitId) return castUnits.get(s.castUnitId)?.name ?? s.castUnitId;
    return '';
  };
  const rows: BindingRow[] = visible.map((b) => ({
    bindingId: b.id,
    role: b.role,
    roleLabel: roleLabels[b.role],
    scope: { ...b.scope },
    scopeLabel: labelOf(b),
    personId: b.personId,
    personName: persons.get(b.personId)?.name ?? b.personId,
    createdAt: b.createdAt,
    revokedAt: b.revokedAt,
  }));
  return rows;
}

export async function revokeBinding(ctx: Uses<'store' | 'clock' | 'caller'>, input: ParsedInputOf<IdentityApi['revokeBinding']>) {
  const b = await ctx.store.identity.getBinding(input.bindingId);
  if (!b) throw new AppError('BINDING.NOT_FOUND');
  const staff = ctx.caller.bindings.filter((x) => (inviterRoles as readonly string[]).includes(x.role));
  if (staff.length === 0 || !mayManageBinding(staff, b, await loadOrgGraph(ctx.store, [b.scope]))) throw new AppError('AUTH.FORBIDDEN');
  const r = await ctx.store.identity.revokeBinding(b.id, staff[0]!.personId, ctx.clock.now(), input.reason);
  return { bindingId: r.id, revokedAt: r.revokedAt! };
}
