import type { ParsedInputOf } from '../../../shared/api/define';
import type { CityProgrammes, OrgApi, Saved } from '../../../shared/api/org';
import { AppError } from '../../../shared/errors';
import { getProgramme, listProgrammes } from '../../../shared/programmes';
import { cityUnitOf, enablementChange } from '../../../shared/rules/offer';
import { orgReaderRoles, overseenUnitsOf } from '../../../shared/rules/org';
import type { CastUnit } from '../../../shared/schemas/org';
import type { Uses } from '../../_kernel/router';
import { actorOf, loadOrg, replayed } from './org-data';

/**
 * A city's programmes (issue 13, item 5): programme definitions are shared; a city enables those it
 * runs (its city CAST unit's `programmeIds`). Enabling is city staff's, for their own city, audited
 * (before / after), idempotent by request id; a save that changes nothing writes nothing. The
 * decision is shared/rules/offer.ts `enablementChange`.
 */
export async function setProgrammeEnabled(
  ctx: Uses<'store' | 'clock' | 'caller' | 'fn' | 'action'>,
  input: ParsedInputOf<OrgApi['setProgrammeEnabled']>,
): Promise<Saved> {
  const { key, result } = await replayed<Saved>(ctx, input.requestId);
  if (result) return result;
  const units = await ctx.store.org.castUnits();
  const unitId = input.castUnitId ?? ctx.caller.bindings.find((b) => b.role === 'cityStaff' && b.scope.castUnitId)?.scope.castUnitId;
  if (!unitId) throw new AppError('AUTH.FORBIDDEN');
  const before = units.find((u) => u.id === unitId) ?? null;
  // the built-in programmes and the installed ones (issue 16 item 6: installed at run time)
  const known = listProgrammes().map((p) => p.id);
  const decided = enablementChange(ctx.caller.bindings, before, input.programmeId, input.enabled, known);
  if ('refusal' in decided) throw new AppError(decided.refusal.code, decided.refusal.message);
  const unit = before!;
  if (!decided.changed) return { id: unit.id, created: false, changed: false };
  const next: CastUnit = { ...unit, programmeIds: decided.next };
  const actorId = actorOf(ctx);
  const now = ctx.clock.now();
  return ctx.store.once(
    key,
    now,
    async (tx) => {
      const cur = await ctx.store.org.recordTx(tx, 'castUnit', unit.id);
      if (JSON.stringify(cur?.programmeIds ?? []) !== JSON.stringify(unit.programmeIds ?? [])) throw new AppError('CONFLICT.STATE');
      await ctx.store.org.saveRecord(tx, 'castUnit', next, unit, {
        actorId,
        now,
        action: input.enabled ? 'programme.enable' : 'programme.disable',
        reason: input.programmeId,
      });
      return { id: unit.id, created: false, changed: true };
    },
    { replayed: true },
  );
}

/**
 * The programmes of the cities the caller oversees: county staff their county's city, city staff (and
 * the talent office) their city, provincial staff each city of their province. `castUnitId` narrows to
 * one of those cities.
 */
export async function cityProgrammes(
  ctx: Uses<'store' | 'caller'>,
  input: ParsedInputOf<OrgApi['cityProgrammes']>,
): Promise<CityProgrammes> {
  const org = await loadOrg(ctx.store);
  const byId = new Map(org.castUnits.map((u) => [u.id, u] as const));
  const cityIds = new Set<string>();
  for (const u of overseenUnitsOf(ctx.caller.bindings, org.graph, orgReaderRoles)) {
    const city = cityUnitOf(u, byId);
    if (city) cityIds.add(city.id);
  }
  if (input.castUnitId && !cityIds.has(input.castUnitId)) throw new AppError('AUTH.FORBIDDEN', '该市科协不在您的管辖范围内');
  const cities = [...cityIds]
    .filter((id) => !input.castUnitId || id === input.castUnitId)
    .map((id) => byId.get(id)!)
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN'))
    .map((c) => ({
      castUnitId: c.id,
      name: c.name,
      // built-in and installed programmes (issue 16 item 6)
      programmes: listProgrammes().map(({ id: pid }) => ({
        id: pid,
        title: getProgramme(pid)?.title ?? pid,
        enabled: (c.programmeIds ?? []).includes(pid),
      })),
      mayChange: ctx.caller.bindings.some((b) => b.role === 'cityStaff' && b.scope.castUnitId === c.id),
    }));
  return { cities };
}
