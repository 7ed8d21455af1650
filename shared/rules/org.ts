import type { FieldIssue } from '../errors';
import type { Programme } from '../programmes/schema';
import { cleanText } from '../schemas/common';
import type { BindingScope, CastUnit, Person, Role, RoleBinding, Station, TeamMember } from '../schemas/org';
import { type OrgGraph, overseenBy, staffRoles, unitsOfScope } from './oversight';

/**
 * Organisation administration (issue 13, the `org` function): who may read and write which unit,
 * defaults, natural keys, team membership history, round limits. Pure decisions over plain data; the
 * handlers load the unit graph (shared/rules/oversight.ts OrgGraph) and ask here. Oversight is the
 * one model of oversight.ts (a binding oversees CAST units: county staff their county; city staff
 * and the talent office the city and its counties), extended with which staff role writes what:
 *
 * - CAST units, stations and rounds: city staff (the city decides its counties, recognises stations,
 *   opens rounds). A county is written by the staff of its city, a city only by its own staff.
 * - Societies, host units, persons and station teams: city staff, and county staff for their own
 *   county (they invite the people of their county already; they keep its register).
 * - The talent office reads (listUnits) and writes nothing here.
 * - Deactivating follows the entity's save rule; nothing is ever deleted.
 */

export const orgEntities = ['castUnit', 'society', 'hostUnit', 'station', 'person'] as const;
export type OrgEntity = (typeof orgEntities)[number];
export const orgEntityLabels: Record<OrgEntity, string> = {
  castUnit: '科协单位',
  society: '学会',
  hostUnit: '建站单位',
  station: '服务站',
  person: '人员',
};

type StaffBinding = Pick<RoleBinding, 'role' | 'scope'>;

/** Which staff roles write each kind of record (rounds: `roundWriterRoles`). */
export const orgWriterRoles: Record<OrgEntity, readonly Role[]> = {
  castUnit: ['cityStaff'],
  society: ['cityStaff', 'countyStaff'],
  hostUnit: ['cityStaff', 'countyStaff'],
  station: ['cityStaff'],
  person: ['cityStaff', 'countyStaff'],
};
/** Who sets a station's team (the county invites its experts already). */
export const teamWriterRoles: readonly Role[] = ['cityStaff', 'countyStaff'];
/**
 * Who opens rounds: city staff (a city programme's, for their city) and county staff (a district
 * programme's, for their own county only — issue 16 item 4; org.saveRound decides which unit).
 */
export const roundWriterRoles: readonly Role[] = ['cityStaff', 'countyStaff'];
/** Who reads the organisation (listUnits): every staff role, each within what it oversees. */
export const orgReaderRoles: readonly Role[] = staffRoles;

/** The CAST units the caller's bindings in `roles` oversee. */
export const overseenUnitsOf = (
  bindings: readonly StaffBinding[],
  graph: Pick<OrgGraph, 'castUnits'>,
  roles: readonly Role[] = orgReaderRoles,
) => overseenBy(bindings, roles, graph);

/**
 * May the caller write a record whose CAST units are `units` (a station: its own, its society's and its
 * host unit's)? Every unit must be overseen by the caller's bindings in `roles` — one is not enough.
 */
export function mayWriteUnits(
  bindings: readonly StaffBinding[],
  units: readonly string[],
  graph: Pick<OrgGraph, 'castUnits'>,
  roles: readonly Role[],
): boolean {
  if (units.length === 0) return false;
  const mine = overseenBy(bindings, roles, graph);
  return units.every((u) => mine.has(u));
}

/**
 * May the caller write this CAST unit? A county: staff of its city (its parent). A city: its own
 * staff (renaming it). A new county names its parent city; a new city is made only by the bootstrap.
 */
export function mayWriteCastUnit(bindings: readonly StaffBinding[], unit: Pick<CastUnit, 'id' | 'kind' | 'parentId'>): boolean {
  const own = bindings.filter((b) => b.role === 'cityStaff').map((b) => b.scope.castUnitId);
  return unit.kind === 'city' ? own.includes(unit.id) : unit.parentId !== null && own.includes(unit.parentId);
}

/**
 * The CAST unit a new record defaults to: the caller's own unit in the first writer role it holds (city
 * staff: their city; county staff: their county). Null when the caller holds none.
 */
export function defaultCastUnit(bindings: readonly StaffBinding[], roles: readonly Role[]): string | null {
  for (const role of roles) {
    const b = bindings.find((x) => x.role === role && x.scope.castUnitId);
    if (b) return b.scope.castUnitId;
  }
  return null;
}

// ───────────────────────── natural keys ─────────────────────────

const FULL_WIDTH = /[\uFF01-\uFF5E]/g;
/**
 * A name as compared: normalised text, full-width ASCII folded to half-width, every run of whitespace
 * removed (「益阳市 农学会」 and 「益阳市农学会」 are one society), letters lower-cased.
 */
export function nameKey(name: string): string {
  return cleanText(name)
    .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, '')
    .toLowerCase();
}

/**
 * The natural key a record is matched on when it carries no id (a new save, a spreadsheet row): a
 * society or host unit by its credit code when it has one, else by its name within its CAST unit; a
 * person by mobile (null without one: persons are not matched by name — two experts may share it); a
 * CAST unit by name; a station by name within its CAST unit.
 */
export function naturalKeys(
  entity: OrgEntity,
  x: { name?: string; castUnitId?: string | null; creditCode?: string; mobile?: string },
): string[] {
  const keys: string[] = [];
  if ((entity === 'society' || entity === 'hostUnit') && x.creditCode) keys.push(`credit:${x.creditCode.toUpperCase()}`);
  if (entity === 'person') return x.mobile ? [`mobile:${x.mobile}`] : [];
  if (entity === 'castUnit') return x.name ? [`name:${nameKey(x.name)}`] : [];
  if (x.name) keys.push(`name:${x.castUnitId ?? ''}:${nameKey(x.name)}`);
  return keys;
}

/** The existing record (other than `selfId`) that has one of `keys`, or null. */
export function duplicateOf<T extends { id: string }>(
  entity: OrgEntity,
  keys: readonly string[],
  existing: readonly (T & Parameters<typeof naturalKeys>[1])[],
  selfId: string | null,
): T | null {
  if (keys.length === 0) return null;
  const want = new Set(keys);
  return existing.find((e) => e.id !== selfId && naturalKeys(entity, e).some((k) => want.has(k))) ?? null;
}

// ───────────────────────── persons ─────────────────────────

/** The CAST units a person's own record names: theirs, their society's, their host unit's. */
export function personUnits(p: Pick<Person, 'castUnitId' | 'societyId' | 'hostUnitId'>, graph: OrgGraph): string[] {
  const out = new Set<string>();
  if (p.castUnitId) out.add(p.castUnitId);
  const scope: Partial<BindingScope> = { societyId: p.societyId, hostUnitId: p.hostUnitId };
  for (const u of unitsOfScope(scope, graph).units) out.add(u);
  return [...out].sort();
}

/** Mobile shown in lists: the first three and last four digits (no action returns a person's whole mobile). */
export const maskMobile = (m: string | undefined): string | null => (m ? `${m.slice(0, 3)}****${m.slice(-4)}` : null);

// ───────────────────────── station teams ─────────────────────────

/** A station's team history: stored, or (never edited) its `expertIds` from the plaque date. */
export function teamOf(station: Pick<Station, 'team' | 'expertIds' | 'plaqueDate'>): TeamMember[] {
  return station.team ?? station.expertIds.map((personId) => ({ personId, from: station.plaqueDate, to: null }));
}

/** The experts on the team now: those whose period is open (`expertIds`, derived, in first-joined order). */
export function currentExpertIds(team: readonly TeamMember[]): string[] {
  const out: string[] = [];
  for (const m of team) if (m.to === null && !out.includes(m.personId)) out.push(m.personId);
  return out;
}

/** One expert as setTeam names them: on the team from `from` (default today), until `to` when they left. */
export interface TeamRequestMember {
  personId: string;
  from?: string | undefined;
  to?: string | null | undefined;
}

/**
 * The team after setTeam: membership history, never overwritten.
 * - A listed expert with an open period keeps it (a different `from` corrects its start); with `to` it is closed.
 * - A listed expert without an open period: the period from `from` (default today) is added, closed at
 *   `to` when given — unless that same period is already recorded (so the same request twice, or an
 *   import of the same sheet, changes nothing).
 * - An expert with an open period who is not listed has left: the period is closed today (or at `leftOn`).
 * - Closed periods are kept as they are.
 * Refused (field issues): a date after today, an end before its start, a period overlapping another of
 * the same person, a person listed twice.
 */
export function nextTeam(
  current: readonly TeamMember[],
  request: readonly TeamRequestMember[],
  today: string,
  leftOn: string = today,
): { team: TeamMember[]; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  request.forEach((m, i) => {
    if (seen.has(m.personId)) issues.push({ path: `experts.${i}.personId`, message: '同一位专家列出了两次' });
    seen.add(m.personId);
    if (m.from && m.from > today) issues.push({ path: `experts.${i}.from`, message: '加入日期不能晚于今天' });
    if (m.to && m.to > today) issues.push({ path: `experts.${i}.to`, message: '离开日期不能晚于今天（离开后再登记）' });
    if (m.from && m.to && m.to < m.from) issues.push({ path: `experts.${i}.to`, message: '离开日期不能早于加入日期' });
  });
  if (leftOn > today) issues.push({ path: 'leftOn', message: '离开日期不能晚于今天' });
  if (issues.length > 0) return { team: [...current], issues };

  const team = current.map((m) => ({ ...m }));
  const listed = new Map(request.map((m) => [m.personId, m]));
  for (const m of team) {
    if (m.to !== null) continue;
    const req = listed.get(m.personId);
    if (!req) {
      m.to = leftOn < m.from ? m.from : leftOn;
      continue;
    }
    if (req.from && req.from !== m.from) m.from = req.from;
    if (req.to) m.to = req.to;
  }
  request.forEach((req) => {
    const open = current.some((m) => m.personId === req.personId && m.to === null);
    if (open) return;
    const from = req.from ?? today;
    const to = req.to ?? null;
    if (team.some((m) => m.personId === req.personId && m.from === from && m.to === to)) return;
    // a closed period starting the same day, now re-opened or re-closed: the request corrects it
    const same = team.find((m) => m.personId === req.personId && m.from === from);
    if (same) same.to = to;
    else team.push({ personId: req.personId, from, to });
  });
  // no two periods of one person overlap
  const byPerson = new Map<string, TeamMember[]>();
  for (const m of team) byPerson.set(m.personId, [...(byPerson.get(m.personId) ?? []), m]);
  for (const [personId, periods] of byPerson) {
    const sorted = [...periods].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    for (let k = 1; k < sorted.length; k++) {
      const prev = sorted[k - 1]!;
      if (prev.to === null || prev.to >= sorted[k]!.from) {
        const i = request.findIndex((m) => m.personId === personId);
        issues.push({ path: `experts.${Math.max(0, i)}.from`, message: '与该专家已记录的在站时间重叠' });
        break;
      }
    }
  }
  return { team, issues };
}

/** Did setTeam change anything? (Same periods in the same order.) */
export const sameTeam = (a: readonly TeamMember[], b: readonly TeamMember[]): boolean =>
  a.length === b.length && a.every((m, i) => m.personId === b[i]!.personId && m.from === b[i]!.from && m.to === b[i]!.to);

// ───────────────────────── stations ─────────────────────────

/**
 * Dates of a station entered as it is (a station plaqued before the system): the go-live date, when
 * given, is not before the plaque date.
 */
export function stationDateIssues(s: { plaqueDate: string; goLiveDate?: string | undefined }): FieldIssue[] {
  if (s.goLiveDate && s.goLiveDate < s.plaqueDate) return [{ path: 'station.goLiveDate', message: '上线日期不能早于授牌日期' }];
  return [];
}

// ───────────────────────── rounds ─────────────────────────

/** A round's id: one round per programme and year (the natural key; the demo's rounds have the same form). */
export const roundIdOf = (programmeId: string, year: number) => `round-${programmeId}-${year}`;

/**
 * The per-round limits a round sets: only the programme's per-round limits whose number it leaves to
 * each round (max null) may be set, each a whole number ≥ 0, and every such limit must be set (else
 * applications meet an unknown limit). Limits the policy fixes (第十二条: 5 city-level stations) stay
 * the policy's.
 */
export function roundLimitIssues(programme: Pick<Programme, 'limits'>, limits: Readonly<Record<string, number>>): FieldIssue[] {
  const open = programme.limits.filter((l) => l.type === 'perRound' && l.max === null).map((l) => l.id);
  const issues: FieldIssue[] = [];
  for (const k of Object.keys(limits)) {
    if (!open.includes(k)) {
      const fixed = programme.limits.find((l) => l.id === k);
      issues.push({ path: `round.limits.${k}`, message: fixed ? '该上限由政策规定，不能按批次修改' : '该项目没有这一上限' });
    }
  }
  for (const k of open) if (limits[k] === undefined) issues.push({ path: `round.limits.${k}`, message: '请填写本批次的名额' });
  return issues;
}

/** The open and close dates of a round lie in its year's neighbourhood: it opens in its year. */
export function roundDateIssues(r: { year: number; opensOn: string; closesOn: string }): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (r.opensOn.slice(0, 4) !== String(r.year)) issues.push({ path: 'round.opensOn', message: `开始日期应在 ${r.year} 年内` });
  if (r.closesOn < r.opensOn) issues.push({ path: 'round.closesOn', message: '截止日期不能早于开始日期' });
  return issues;
}

// ───────────────────────── the first administrator ─────────────────────────

/** The name a bootstrapped city gets when BOOTSTRAP_CITY names none (its staff rename it with saveCastUnit). */
export const PLACEHOLDER_CITY = '本市科协（请修改名称）';
/** The name of a first administrator the system does not know yet (they rename themselves with savePerson). */
export const PLACEHOLDER_ADMIN = '管理员（请修改姓名）';

/**
 * The city a bootstrap code names (BOOTSTRAP_CITY, e.g. 益阳市科协): an existing city CAST unit of that
 * name (compared as names are: spaces and full-width forms aside), else a new one under `newId` (derived
 * from the name by the caller, so two redemptions naming one new city make one unit). No name: the
 * placeholder name.
 */
export function bootstrapCity(
  units: readonly Pick<CastUnit, 'id' | 'name' | 'kind'>[],
  cityName: string,
  newId: string,
): { id: string; name: string; exists: boolean } {
  const name = cleanText(cityName).slice(0, 60) || PLACEHOLDER_CITY;
  const found = units.find((u) => u.kind === 'city' && nameKey(u.name) === nameKey(name));
  if (found) return { id: found.id, name: found.name, exists: true };
  return { id: newId, name, exists: units.some((u) => u.id === newId) };
}
