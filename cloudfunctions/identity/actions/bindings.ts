import type { ParsedInputOf } from '../../../shared/api/define';
import type { BindingRow, IdentityApi } from '../../../shared/api/identity';
import { AppError } from '../../../shared/errors';
import { inviterRoles, mayManageBinding } from '../../../shared/rules/oversight';
import type { Uses } from '../../_kernel/router';
import { loadOrgGraph } from '../../_kernel/scope';
import { toMyBinding } from './me';

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
  const rows: BindingRow[] = [];
  for (const b of all) {
    if (!mayManageBinding(staff, b, graph)) continue;
    const person = await ctx.store.org.person(b.personId);
    rows.push({
      ...(await toMyBinding(ctx.store, b)),
      personId: b.personId,
      personName: person?.name ?? b.personId,
      createdAt: b.createdAt,
      revokedAt: b.revokedAt,
    });
  }
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
