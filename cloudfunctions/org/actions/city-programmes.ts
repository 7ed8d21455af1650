import type { ParsedInputOf } from '../../../shared/api/define';
import type { CityProgrammes, OrgApi, Saved } from '../../../shared/api/org';
import { AppError } from '../../../shared/errors';
import { getProgramme, listProgrammes, type Programme } from '../../../shared/programmes';
import { cityUnitOf, enablementChange, programmeEnablerRoles, unitIsDistrict } from '../../../shared/rules/offer';
import { defaultCastUnit, orgReaderRoles, overseenUnitsOf } from '../../../shared/rules/org';
import type { CastUnit } from '../../../shared/schemas/org';
import type { Uses } from '../../_kernel/router';
import { actorOf, loadOrg, replayed } from './org-data';

/**
 * A city's programmes (issue 13, item 5): programme definitions are shared; a city enables those it
 * runs (its city CAST unit's `programmeIds`). Enabling is city staff's, for their own city, audited
 * (before / after), idempotent by request id; a save that changes nothing writes nothing. A programme
 * issued by a district's association (issue 16 item 4) is enabled the same way by that county's staff
 * on the county unit, never by the city. The decision is shared/rules/offer.ts `enablementChange`.
 */
export async function setProgrammeEnabled(
  ctx: Uses<'store' | 'clock' | 'caller' | 'fn' | 'action'>,
  input: ParsedInputOf<OrgApi['setProgrammeEnabled']>,
): Promise<Saved> {
  const { key, result } = await replayed<Saved>(ctx, input.requestId);
  if (result) return result;
  const units = await ctx.store.org.castUnits();
  // the caller's own unit when none is named: their city's, else (a district programme) their county's
  const unitId = input.castUnitId ?? defaultCastUnit(ctx.caller.bindings, programmeEnablerRoles);
  if (!unitId) throw new AppError('AUTH.FORBIDDEN');
  const before = units.find((u) => u.id === unitId) ?? null;
  // the built-in programmes and the installed ones (issue 16 item 6: installed at run time), with the
  // scope that says which unit enables each (a district programme: its county — issue 16 item 4)
  const known = listProgrammes().map((p) => ({ id: p.id, scope: p.scope, city: p.city }));
  const decided = enablementChange(
    ctx.caller.bindings,
    before,
    input.programmeId,
    input.enabled,
    known,
    new Map(units.map((u) => [u.id, u] as const)),
  );
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
 * one of those cities. A city lists the city programmes; a programme issued by a district's association
 * (issue 16 item 4) is listed under that county unit instead — an entry for each county the caller
 * oversees that some installed district programme names, changeable by that county's staff only.
 */
export async function cityProgrammes(
  ctx: Uses<'store' | 'caller'>,
  input: ParsedInputOf<OrgApi['cityProgrammes']>,
): Promise<CityProgrammes> {
  const org = await loadOrg(ctx.store);
  const byId = new Map(org.castUnits.map((u) => [u.id, u] as const));
  const overseen = overseenUnitsOf(ctx.caller.bindings, org.graph, orgReaderRoles);
  const cityIds = new Set<string>();
  for (const u of overseen) {
    const city = cityUnitOf(u, byId);
    if (city) cityIds.add(city.id);
  }
  // built-in and installed programmes (issue 16 item 6), by the level that issues them
  const all = listProgrammes();
  const cityLevel = all.filter((p) => p.scope.level === 'city');
  const districtOf = (unit: CastUnit) =>
    all.filter((p) => p.scope.level === 'district' && unitIsDistrict(unit, p.scope.district, { city: p.city, castUnits: byId }));
  const counties = [...overseen]
    .map((id) => byId.get(id))
    .filter((u): u is CastUnit => u !== undefined && u.kind === 'county' && districtOf(u).length > 0);
  const known = new Set([...cityIds, ...counties.map((u) => u.id)]);
  if (input.castUnitId && !known.has(input.castUnitId)) throw new AppError('AUTH.FORBIDDEN', '该市科协不在您的管辖范围内');
  const entry = (c: CastUnit, programmes: Programme[], role: 'cityStaff' | 'countyStaff') => ({
    castUnitId: c.id,
    name: c.name,
    programmes: programmes.map(({ id: pid }) => ({
      id: pid,
      title: getProgramme(pid)?.title ?? pid,
      enabled: (c.programmeIds ?? []).includes(pid),
    })),
    mayChange: ctx.caller.bindings.some((b) => b.role === role && b.scope.castUnitId === c.id),
    level: role === 'cityStaff' ? ('city' as const) : ('county' as const),
  });
  const byName = (a: CastUnit, b: CastUnit) => a.name.localeCompare(b.name, 'zh-Hans-CN');
  const cities = [...cityIds]
    .filter((id) => !input.castUnitId || id === input.castUnitId)
    .map((id) => byId.get(id)!)
    .sort(byName)
    .map((c) => entry(c, cityLevel, 'cityStaff'));
  const districts = counties
    .filter((u) => !input.castUnitId || u.id === input.castUnitId)
    .sort(byName)
    .map((u) => entry(u, districtOf(u), 'countyStaff'));
  return { cities: [...cities, ...districts] };
}
