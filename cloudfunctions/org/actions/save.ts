import type { ParsedInputOf } from '../../../shared/api/define';
import type { OrgApi, Saved } from '../../../shared/api/org';
import { chinaDateOf } from '../../../shared/calendar/china-time';
import { AppError } from '../../../shared/errors';
import { getProgramme } from '../../../shared/programmes';
import { defaultGoLiveDate } from '../../../shared/rules/assessment/coverage';
import {
  defaultCastUnit,
  duplicateOf,
  mayWriteCastUnit,
  mayWriteUnits,
  naturalKeys,
  type OrgEntity,
  orgEntityLabels,
  orgWriterRoles,
  stationDateIssues,
} from '../../../shared/rules/org';
import { unitsOfScope } from '../../../shared/rules/oversight';
import type { CastUnit, HostUnit, Person, Society, Station } from '../../../shared/schemas/org';
import { requireSafeText } from '../../_kernel/content';
import type { Uses } from '../../_kernel/router';
import { newId } from '../../_kernel/store/audit';
import type { OrgRecords } from '../../_kernel/store/org';
import { actorOf, compact, invalid, loadOrg, missing, type OrgData, patch, personReach, replayed, sameRecord } from './org-data';

type SaveCtx = Uses<'store' | 'clock' | 'caller' | 'fn' | 'action' | 'contentCheck' | 'log'>;

/**
 * Write one reference record once per request id (store.once), audited with who, when, before and
 * after. A save that changes nothing writes nothing (no audit event): saving the same thing again, or
 * importing the same sheet twice, leaves no trace. The record is re-read inside the transaction: when
 * someone saved it since it was read, the save is refused (CONFLICT.STATE) rather than overwriting.
 */
async function commit<K extends keyof OrgRecords>(
  ctx: SaveCtx,
  key: string,
  kind: K,
  next: OrgRecords[K],
  before: OrgRecords[K] | null,
  action: string,
  reason = '',
): Promise<Saved> {
  const id = (next as { id: string }).id;
  if (before && sameRecord(before, next)) return { id, created: false, changed: false };
  const actorId = actorOf(ctx);
  const now = ctx.clock.now();
  return ctx.store.once(
    key,
    now,
    async (tx) => {
      const cur = await ctx.store.org.recordTx(tx, kind, id);
      if (before ? !sameRecord(cur, before) : cur !== null) throw new AppError('CONFLICT.STATE');
      await ctx.store.org.saveRecord(tx, kind, next, before, { actorId, now, action, reason });
      return { id, created: before === null, changed: true };
    },
    { replayed: true },
  );
}

/** The caller may write records of these CAST units as `entity` (else AUTH.FORBIDDEN). */
function requireWrite(ctx: Uses<'caller'>, org: OrgData, entity: OrgEntity, units: readonly (string | null | undefined)[]) {
  const named = [...new Set(units.filter((u): u is string => !!u))];
  if (!mayWriteUnits(ctx.caller.bindings, named, org.graph, orgWriterRoles[entity])) throw new AppError('AUTH.FORBIDDEN');
}

/** The CAST unit a new record goes to: the one named (it must exist) or the caller's own. */
function castUnitFor(
  ctx: Uses<'caller'>,
  org: OrgData,
  entity: OrgEntity,
  path: string,
  named: string | undefined,
  before: string | undefined,
) {
  const id = named ?? before ?? defaultCastUnit(ctx.caller.bindings, orgWriterRoles[entity]);
  if (!id) throw new AppError('AUTH.FORBIDDEN');
  if (!org.graph.castUnits.has(id)) throw missing(path, '科协单位');
  return id;
}

function refuseDuplicate<T extends { id: string; name?: string }>(
  entity: OrgEntity,
  next: T & Parameters<typeof naturalKeys>[1],
  existing: readonly (T & Parameters<typeof naturalKeys>[1])[],
  path: string,
) {
  const dup = duplicateOf(entity, naturalKeys(entity, next), existing, next.id);
  if (dup) {
    const credit = entity !== 'person' && !!next.creditCode && naturalKeys(entity, dup).includes(`credit:${next.creditCode}`);
    throw invalid([
      {
        path: credit ? `${path}.creditCode` : entity === 'person' ? `${path}.mobile` : `${path}.name`,
        message: credit
          ? `已有使用该统一社会信用代码的${orgEntityLabels[entity]}：${dup.name ?? ''}`
          : entity === 'person'
            ? `该手机号已属于${dup.name ?? '其他人员'}`
            : `已有同名${orgEntityLabels[entity]}`,
      },
    ]);
  }
}

// ───────────────────────── CAST units ─────────────────────────

export async function saveCastUnit(ctx: SaveCtx, input: ParsedInputOf<OrgApi['saveCastUnit']>): Promise<Saved> {
  const { key, result } = await replayed<Saved>(ctx, input.requestId);
  if (result) return result;
  const org = await loadOrg(ctx.store);
  const u = input.castUnit;
  const before = u.id ? (org.castUnits.find((x) => x.id === u.id) ?? null) : null;
  if (u.id && !before) throw missing('castUnit.id', '科协单位');
  const parentId = before ? before.parentId : (u.parentId ?? defaultCastUnit(ctx.caller.bindings, ['cityStaff']));
  if (!before && (!parentId || org.castUnits.find((x) => x.id === parentId)?.kind !== 'city'))
    throw missing('castUnit.parentId', '所属市科协');
  const next: CastUnit = compact({
    ...(before ?? {}),
    id: before?.id ?? newId('cu', ctx.clock.now()),
    name: u.name,
    kind: before?.kind ?? 'county',
    parentId: parentId ?? null,
  });
  if (!mayWriteCastUnit(ctx.caller.bindings, next)) throw new AppError('AUTH.FORBIDDEN');
  // a unit's name is unique among its city's units
  // (a city's family is the city and its counties, also when the city has a province above it)
  const head = next.kind === 'county' ? next.parentId : next.id;
  const family = org.castUnits.filter((x) => x.id === head || (x.parentId === head && x.kind === 'county'));
  refuseDuplicate('castUnit', next, family, 'castUnit');
  await requireSafeText(ctx, { 'castUnit.name': next.name });
  return commit(ctx, key, 'castUnit', next, before, before ? 'castUnit.update' : 'castUnit.create');
}

// ───────────────────────── societies ─────────────────────────

export async function saveSociety(ctx: SaveCtx, input: ParsedInputOf<OrgApi['saveSociety']>): Promise<Saved> {
  const { key, result } = await replayed<Saved>(ctx, input.requestId);
  if (result) return result;
  const org = await loadOrg(ctx.store);
  const s = input.society;
  const before = s.id ? (org.societies.find((x) => x.id === s.id) ?? null) : null;
  if (s.id && !before) throw missing('society.id', '学会');
  const castUnitId = castUnitFor(ctx, org, 'society', 'society.castUnitId', s.castUnitId, before?.castUnitId);
  requireWrite(ctx, org, 'society', [castUnitId, before?.castUnitId]);
  const next: Society = compact({
    ...(before ?? {}),
    id: before?.id ?? newId('soc', ctx.clock.now()),
    name: s.name,
    level: s.level,
    castUnitId,
    creditCode: patch(s.creditCode, before?.creditCode),
    contact: patch(s.contact, before?.contact),
  });
  refuseDuplicate('society', next, org.societies, 'society');
  await requireSafeText(ctx, { 'society.name': next.name, 'society.contact.name': next.contact?.name });
  return commit(ctx, key, 'society', next, before, before ? 'society.update' : 'society.create');
}

// ───────────────────────── host units ─────────────────────────

export async function saveHostUnit(ctx: SaveCtx, input: ParsedInputOf<OrgApi['saveHostUnit']>): Promise<Saved> {
  const { key, result } = await replayed<Saved>(ctx, input.requestId);
  if (result) return result;
  const org = await loadOrg(ctx.store);
  const h = input.hostUnit;
  const before = h.id ? (org.hostUnits.find((x) => x.id === h.id) ?? null) : null;
  if (h.id && !before) throw missing('hostUnit.id', '建站单位');
  const castUnitId = castUnitFor(ctx, org, 'hostUnit', 'hostUnit.castUnitId', h.castUnitId, before?.castUnitId);
  requireWrite(ctx, org, 'hostUnit', [castUnitId, before?.castUnitId]);
  const next: HostUnit = compact({
    ...(before ?? {}),
    id: before?.id ?? newId('hu', ctx.clock.now()),
    name: h.name,
    kind: h.kind,
    castUnitId,
    address: h.address ?? before?.address ?? '',
    location: h.location === undefined ? (before?.location ?? null) : h.location,
    hasFundedExpertWorkstation: h.hasFundedExpertWorkstation ?? before?.hasFundedExpertWorkstation ?? false,
    creditCode: patch(h.creditCode, before?.creditCode),
    contact: patch(h.contact, before?.contact),
  });
  refuseDuplicate('hostUnit', next, org.hostUnits, 'hostUnit');
  await requireSafeText(ctx, { 'hostUnit.name': next.name, 'hostUnit.address': next.address, 'hostUnit.contact.name': next.contact?.name });
  return commit(ctx, key, 'hostUnit', next, before, before ? 'hostUnit.update' : 'hostUnit.create');
}

// ───────────────────────── persons ─────────────────────────

export async function savePerson(ctx: SaveCtx, input: ParsedInputOf<OrgApi['savePerson']>): Promise<Saved> {
  const { key, result } = await replayed<Saved>(ctx, input.requestId);
  if (result) return result;
  const [org, persons, bindings] = await Promise.all([loadOrg(ctx.store), ctx.store.org.persons(), ctx.store.identity.allBindings()]);
  const p = input.person;
  const before = p.id ? (persons.find((x) => x.id === p.id) ?? null) : null;
  if (p.id && !before) throw missing('person.id', '人员');
  const societyId = p.societyId === undefined ? (before?.societyId ?? null) : p.societyId;
  const hostUnitId = p.hostUnitId === undefined ? (before?.hostUnitId ?? null) : p.hostUnitId;
  if (societyId && !org.graph.societies.has(societyId)) throw missing('person.societyId', '学会');
  if (hostUnitId && !org.graph.hostUnits.has(hostUnitId)) throw missing('person.hostUnitId', '建站单位');
  const castUnitId =
    p.castUnitId ?? before?.castUnitId ?? (before ? null : castUnitFor(ctx, org, 'person', 'person.castUnitId', undefined, undefined));
  if (castUnitId && !org.graph.castUnits.has(castUnitId)) throw missing('person.castUnitId', '科协单位');
  const next: Person = compact({
    ...(before ?? {}),
    id: before?.id ?? newId('p', ctx.clock.now()),
    name: p.name,
    mobile: patch(p.mobile, before?.mobile),
    title: p.title ?? before?.title ?? '',
    societyId,
    hostUnitId,
    castUnitId: castUnitId ?? undefined,
  });
  // the staff must oversee every unit the person is tied to — as they were, and as they will be
  const was = before ? personReach(before, org, bindings) : { own: [], all: [] };
  const will = personReach(next, org, []);
  requireWrite(ctx, org, 'person', [...(was.own.length > 0 ? was.own : was.all), ...will.own]);
  refuseDuplicate('person', next, persons, 'person');
  await requireSafeText(ctx, { 'person.name': next.name, 'person.title': next.title });
  return commit(ctx, key, 'person', next, before, before ? 'person.update' : 'person.create');
}

// ───────────────────────── stations ─────────────────────────

export async function saveStation(ctx: SaveCtx, input: ParsedInputOf<OrgApi['saveStation']>): Promise<Saved> {
  const { key, result } = await replayed<Saved>(ctx, input.requestId);
  if (result) return result;
  const org = await loadOrg(ctx.store);
  const s = input.station;
  const before = s.id ? (org.stations.find((x) => x.id === s.id) ?? null) : null;
  if (s.id && !before) throw missing('station.id', '服务站');
  const programme = getProgramme(s.programmeId);
  if (!programme) throw missing('station.programmeId', '项目');
  if (!programme.kinds.some((k) => k.stationLevels?.includes(s.level)))
    throw invalid([{ path: 'station.level', message: '该项目没有这一级别的服务站' }]);
  const society = org.graph.societies.get(s.societyId);
  if (!society) throw missing('station.societyId', '学会');
  const host = org.graph.hostUnits.get(s.hostUnitId);
  if (!host) throw missing('station.hostUnitId', '建站单位');
  const castUnitId = s.castUnitId ?? before?.castUnitId ?? host.castUnitId;
  if (!org.graph.castUnits.has(castUnitId)) throw missing('station.castUnitId', '科协单位');
  const issues = stationDateIssues({ plaqueDate: s.plaqueDate, goLiveDate: patch(s.goLiveDate, before?.goLiveDate) });
  if (issues.length > 0) throw invalid(issues);
  const next: Station = compact({
    ...(before ?? { expertIds: [], team: [], staffIds: [], applicationId: null }),
    id: before?.id ?? newId('st', ctx.clock.now()),
    name: s.name,
    programmeId: s.programmeId,
    level: s.level,
    societyId: s.societyId,
    hostUnitId: s.hostUnitId,
    castUnitId,
    industryField: s.industryField,
    plaqueDate: s.plaqueDate,
    termYears: s.termYears,
    agreementItems: s.agreementItems ?? before?.agreementItems ?? [],
    status: s.status ?? before?.status ?? 'active',
    // a station entered now with a past plaque date goes live today unless told otherwise (assessment/coverage.ts)
    goLiveDate: before
      ? patch(s.goLiveDate, before.goLiveDate)
      : (s.goLiveDate ?? defaultGoLiveDate(s.plaqueDate, chinaDateOf(ctx.clock.now()))),
  } as Station);
  // every unit the station names, before and after: its own, its society's, its host unit's
  const unitsOf = (x: Pick<Station, 'castUnitId' | 'societyId' | 'hostUnitId'>) => [
    x.castUnitId,
    org.graph.societies.get(x.societyId)?.castUnitId,
    org.graph.hostUnits.get(x.hostUnitId)?.castUnitId,
  ];
  requireWrite(ctx, org, 'station', [...unitsOf(next), ...(before ? unitsOf(before) : [])]);
  refuseDuplicate('station', next, org.stations, 'station');
  await requireSafeText(ctx, {
    'station.name': next.name,
    ...Object.fromEntries(next.agreementItems.map((t, i) => [`station.agreementItems.${i}`, t])),
  });
  return commit(ctx, key, 'station', next, before, before ? 'station.update' : 'station.create');
}

// ───────────────────────── deactivate ─────────────────────────

/**
 * Deactivate (or, with `restore`, reactivate) a record: it stays stored — applications, records,
 * bindings and assessments refer to it — and is marked with the time. Allowed to whoever may save it.
 */
export async function deactivate(ctx: SaveCtx, input: ParsedInputOf<OrgApi['deactivate']>): Promise<Saved> {
  const { key, result } = await replayed<Saved>(ctx, input.requestId);
  if (result) return result;
  const org = await loadOrg(ctx.store);
  await requireSafeText(ctx, { reason: input.reason });
  const now = ctx.clock.now();
  const set = <T extends { deactivatedAt?: number | null | undefined }>(x: T): T =>
    compact({ ...x, deactivatedAt: input.restore ? undefined : (x.deactivatedAt ?? now) });
  const action = `${input.entity}.${input.restore ? 'restore' : 'deactivate'}`;
  const notFound = () => new AppError('NOT_FOUND', `${orgEntityLabels[input.entity]}不存在`);
  switch (input.entity) {
    case 'castUnit': {
      const before = org.castUnits.find((x) => x.id === input.id);
      if (!before) throw notFound();
      if (!mayWriteCastUnit(ctx.caller.bindings, before) || before.kind !== 'county') throw new AppError('AUTH.FORBIDDEN');
      return commit(ctx, key, 'castUnit', set(before), before, action, input.reason);
    }
    case 'society': {
      const before = org.societies.find((x) => x.id === input.id);
      if (!before) throw notFound();
      requireWrite(ctx, org, 'society', [before.castUnitId]);
      return commit(ctx, key, 'society', set(before), before, action, input.reason);
    }
    case 'hostUnit': {
      const before = org.hostUnits.find((x) => x.id === input.id);
      if (!before) throw notFound();
      requireWrite(ctx, org, 'hostUnit', [before.castUnitId]);
      return commit(ctx, key, 'hostUnit', set(before), before, action, input.reason);
    }
    case 'station': {
      const before = org.stations.find((x) => x.id === input.id);
      if (!before) throw notFound();
      requireWrite(ctx, org, 'station', unitsOfScope({ stationId: before.id }, org.graph).units);
      return commit(ctx, key, 'station', set(before), before, action, input.reason);
    }
    case 'person': {
      const [before, bindings] = await Promise.all([ctx.store.org.person(input.id), ctx.store.identity.allBindings()]);
      if (!before) throw notFound();
      const reach = personReach(before, org, bindings);
      requireWrite(ctx, org, 'person', reach.own.length > 0 ? reach.own : reach.all);
      return commit(ctx, key, 'person', set(before), before, action, input.reason);
    }
  }
}
