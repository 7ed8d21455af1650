import type { ParsedInputOf } from '../../../shared/api/define';
import type { BindingRow, IdentityApi } from '../../../shared/api/identity';
import { AppError } from '../../../shared/errors';
import type { Uses } from '../../_kernel/router';
import { castUnitOfScope, oversees, requireOversight } from '../../_kernel/scope';
import { toMyBinding } from './me';

export async function listBindings(
  ctx: Uses<'store' | 'caller'>,
  input: ParsedInputOf<IdentityApi['listBindings']>,
): Promise<BindingRow[]> {
  const staff = ctx.caller.bindings.filter((b) => b.role === 'countyStaff' || b.role === 'cityStaff');
  const all = await ctx.store.identity.allBindings();
  const rows: BindingRow[] = [];
  for (const b of all) {
    if (!input.includeRevoked && b.revokedAt !== null) continue;
    const unit = await castUnitOfScope(ctx.store, b.scope);
    let visible = false;
    for (const s of staff) if (await oversees(ctx.store, s, unit)) visible = true;
    if (!visible && !(unit === null && staff.some((s) => s.role === 'cityStaff'))) continue;
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
  const unit = await castUnitOfScope(ctx.store, b.scope);
  const staff =
    unit === null
      ? ctx.caller.bindings.find((x) => x.role === 'cityStaff')
      : await requireOversight(ctx.store, ctx.caller, unit, ['countyStaff', 'cityStaff']);
  if (!staff) throw new AppError('AUTH.FORBIDDEN');
  const r = await ctx.store.identity.revokeBinding(b.id, staff.personId, ctx.clock.now(), input.reason);
  return { bindingId: r.id, revokedAt: r.revokedAt! };
}
