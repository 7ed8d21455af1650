import { type ChinaDate, chinaDateOf } from '../../../shared/calendar/china-time';
import { AppError } from '../../../shared/errors';
import type { CastUnit } from '../../../shared/schemas/org';
import type { Uses } from '../../_kernel/router';
import { staffRoles } from '../../_kernel/scope';

/** What every reports action reads first: today, and the CAST units the calling staff member oversees. */

export const todayOf = (ctx: Uses<'clock'>): ChinaDate => chinaDateOf(ctx.clock.now());

export interface StaffScope {
  units: CastUnit[];
  unitById: Map<string, CastUnit>;
  /** CAST units whose stations the caller oversees: a county its own; the city (and talent office) the city and its counties */
  visible: string[];
}

/** What the caller oversees, from their staff bindings (read once: one query on castUnits). */
export async function staffScope(ctx: Uses<'store' | 'caller'>, roles: readonly string[] = staffRoles): Promise<StaffScope> {
  const units = await ctx.store.reports.castUnits();
  const unitById = new Map(units.map((u) => [u.id, u]));
  const visible = new Set<string>();
  for (const b of ctx.caller.bindings) {
    const own = b.scope.castUnitId;
    if (!roles.includes(b.role) || !own || !unitById.has(own)) continue;
    visible.add(own);
    if (b.role !== 'countyStaff') for (const u of units) if (u.parentId === own) visible.add(u.id);
  }
  if (visible.size === 0) throw new AppError('AUTH.FORBIDDEN');
  return { units, unitById, visible: [...visible].sort() };
}
