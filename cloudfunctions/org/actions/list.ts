import type { ParsedInputOf } from '../../../shared/api/define';
import type { OrgApi, PersonView, UnitPage, UnitView } from '../../../shared/api/org';
import { AppError } from '../../../shared/errors';
import { maskMobile, nameKey, orgReaderRoles, overseenUnitsOf, teamOf } from '../../../shared/rules/org';
import type { Uses } from '../../_kernel/router';
import { initialsOf, initialsQuery } from './initials';
import { loadOrg, personReach } from './org-data';

const active = (x: { deactivatedAt?: number | null | undefined }) => x.deactivatedAt === undefined || x.deactivatedAt === null;

/**
 * The organisation the caller oversees, one kind of record a page at a time, by name: CAST units (the
 * ones overseen), societies and host units of those units, stations of those units, and the persons tied
 * to them (their own unit, society or host unit, their bindings, the teams they are on). Every
 * collection is read whole by paging (store findAll), so no register is cut at a query cap; a person's
 * mobile is masked. `castUnitId` narrows to one unit, which must be overseen. `q` matches part of the
 * name, or (letters only) part of its pinyin initials: "ny" finds 农业学会.
 */
export async function listUnits(ctx: Uses<'store' | 'caller'>, input: ParsedInputOf<OrgApi['listUnits']>): Promise<UnitPage<UnitView>> {
  const org = await loadOrg(ctx.store);
  const mine = overseenUnitsOf(ctx.caller.bindings, org.graph, orgReaderRoles);
  if (input.castUnitId && !mine.has(input.castUnitId)) throw new AppError('AUTH.FORBIDDEN', '该单位不在您的管辖范围内');
  const wanted = (u: string) => (input.castUnitId ? u === input.castUnitId : mine.has(u));
  const unitName = (id: string) => org.castUnits.find((u) => u.id === id)?.name ?? '';
  const q = input.q ? nameKey(input.q) : '';
  // letters only ("ny") also match the pinyin initials of the name (农业学会), for the pickers
  const initials = input.q ? initialsQuery(input.q) : null;
  const matches = (...texts: (string | undefined)[]) =>
    !q || texts.some((t) => t && (nameKey(t).includes(q) || (initials !== null && initialsOf(t).includes(initials))));
  const keep = <T extends { deactivatedAt?: number | null | undefined }>(x: T) => input.includeInactive || active(x);

  let rows: (UnitView & { name: string })[];
  switch (input.kind) {
    case 'castUnit':
      rows = org.castUnits.filter((u) => wanted(u.id) && keep(u) && matches(u.name)).map((u) => ({ ...u, active: active(u) }));
      break;
    case 'society':
      rows = org.societies
        .filter((s) => wanted(s.castUnitId) && keep(s) && matches(s.name))
        .map((s) => ({ ...s, active: active(s), castUnitName: unitName(s.castUnitId) }));
      break;
    case 'hostUnit':
      rows = org.hostUnits
        .filter((h) => wanted(h.castUnitId) && keep(h) && matches(h.name))
        .map((h) => ({ ...h, active: active(h), castUnitName: unitName(h.castUnitId) }));
      break;
    case 'station':
      rows = org.stations
        .filter((s) => wanted(s.castUnitId) && keep(s) && matches(s.name))
        .map((s) => ({
          ...s,
          team: teamOf(s),
          active: active(s),
          societyName: org.societies.find((x) => x.id === s.societyId)?.name ?? '',
          hostUnitName: org.hostUnits.find((x) => x.id === s.hostUnitId)?.name ?? '',
          castUnitName: unitName(s.castUnitId),
        }));
      break;
    case 'person': {
      const [persons, bindings] = await Promise.all([ctx.store.org.persons(), ctx.store.identity.allBindings()]);
      const active_ = bindings.filter((b) => b.revokedAt === null);
      rows = persons
        .filter((p) => keep(p) && matches(p.name, p.title) && personReach(p, org, active_).all.some(wanted))
        .map(
          (p): PersonView => ({
            id: p.id,
            name: p.name,
            title: p.title,
            mobile: maskMobile(p.mobile),
            societyId: p.societyId,
            hostUnitId: p.hostUnitId,
            castUnitId: p.castUnitId ?? null,
            active: active(p),
          }),
        );
      break;
    }
  }
  rows.sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN') || (a.id < b.id ? -1 : 1));
  const items = rows.slice(input.offset, input.offset + input.limit);
  const end = input.offset + items.length;
  return { kind: input.kind, items, total: rows.length, nextOffset: end < rows.length ? end : null };
}
