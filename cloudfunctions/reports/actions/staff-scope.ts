import { type ChinaDate, chinaDateOf } from '../../../shared/calendar/china-time';
import { AppError } from '../../../shared/errors';
import { overseenUnits, staffRoles } from '../../../shared/rules/oversight';
import type { CastUnit } from '../../../shared/schemas/org';
import type { Uses } from '../../_kernel/router';

/** What every reports action reads first: today, and the CAST units the calling staff member oversees. */

export const todayOf = (ctx: Uses<'clock'>): ChinaDate => chinaDateOf(ctx.clock.now());

export interface StaffScope {
  units: CastUnit[];
  unitById: Map<string, CastUnit>;
  /** CAST units whose stations the caller oversees: a county its own; the city (and talent office) the city and its counties; the province its cities */
  visible: string[];
}

/** What the caller oversees, from their staff bindings (read once: one query on castUnits). */
export async function staffScope(ctx: Uses<'store' | 'caller'>, roles: readonly string[] = staffRoles): Promise<StaffScope> {
  const units = await ctx.store.reports.castUnits();
  const unitById = new Map(units.map((u) => [u.id, u]));
  const visible = new Set<string>();
  const graph = { castUnits: new Map(units.map((u) => [u.id, { id: u.id, parentId: u.parentId, kind: u.kind }])) };
  for (const b of ctx.caller.bindings) {
    if (!roles.includes(b.role) || !b.scope.castUnitId || !unitById.has(b.scope.castUnitId)) continue;
    for (const u of overseenUnits(b, graph)) visible.add(u);
  }
  if (visible.size === 0) throw new AppError('AUTH.FORBIDDEN');
  return { units, unitById, visible: [...visible].sort() };
}
