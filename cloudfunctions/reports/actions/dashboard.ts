import type { ParsedInputOf } from '../../../shared/api/define';
import type { DashboardFilters, DashboardPage, DashboardRow, ReportsApi } from '../../../shared/api/reports';
import { grades } from '../../../shared/api/reports';
import type { ChinaDate } from '../../../shared/calendar/china-time';
import { riskRank } from '../../../shared/rules/assessment/risk';
import { stationMatchesQuery } from '../../../shared/rules/station-search';
import { type Station, stationLevelLabels, stationLevelSchema } from '../../../shared/schemas/org';

const stationLevels = stationLevelSchema.options;

import type { Uses } from '../../_kernel/router';
import { settingsFor } from '../../_kernel/store/stations';
import { type StaffScope, staffScope, todayOf } from './staff-scope';
import { currentYearOf, rowOf, stateOf } from './station-state';

/**
 * The staff dashboard: every station the caller oversees, evaluated from its tally of the current
 * assessment year. Reads: castUnits, stations (by overseeing unit), the tally doc of each station's
 * current year (by _id), societies (by _id) — a handful of paged queries however many records exist,
 * and none on `records`. Sorting and filtering need every row's evaluation, so all visible stations
 * are evaluated and one page is answered.
 */
export async function allRows(ctx: Uses<'store'>, scope: StaffScope, today: ChinaDate): Promise<DashboardRow[]> {
  const reports = ctx.store.reports;
  const stations = await reports.stationsOf(scope.visible);
  const wanted: Array<{ stationId: string; yearIndex: number }> = [];
  for (const s of stations) {
    const k = currentYearOf(s, settingsFor(s), today);
    if (k >= 1) wanted.push({ stationId: s.id, yearIndex: k });
  }
  const [tallies, societies, cal] = await Promise.all([
    reports.talliesAt(wanted),
    reports.societiesByIds(stations.map((s) => s.societyId)),
    ctx.store.holidays.calendar(),
  ]);
  return stations.map((s: Station) =>
    rowOf(stateOf(s, tallies.get(s.id), today, cal), {
      castUnitName: scope.unitById.get(s.castUnitId)?.name ?? s.castUnitId,
      societyName: societies.get(s.societyId)?.name ?? s.societyId,
    }),
  );
}

/**
 * Shortfalls name the experts: the rows of the answered page only (≤ 200 stations), in one batched
 * read of the persons behind — none when nobody on the page is behind. Names only: a person's own
 * mobile is returned by no action (test/hardening/redaction.test.ts), so there is no phone number.
 */
export async function namedRows(ctx: Uses<'store'>, rows: DashboardRow[]): Promise<DashboardRow[]> {
  const ids = [...new Set(rows.flatMap((r) => r.behindExperts.map((x) => x.expertId)))];
  if (ids.length === 0) return rows;
  const persons = await ctx.store.reports.personsByIds(ids);
  return rows.map((r) =>
    r.behindExperts.length === 0
      ? r
      : { ...r, behindExperts: r.behindExperts.map((x) => ({ ...x, name: persons.get(x.expertId)?.name ?? '（未知专家）' })) },
  );
}

export function matches(r: DashboardRow, f: DashboardFilters): boolean {
  if (!f.includeDelisted && (r.status === 'delisted' || r.status === 'closed')) return false;
  if (f.level && r.level !== f.level) return false;
  if (f.castUnitId && r.castUnitId !== f.castUnitId) return false;
  if (f.industryField && r.industryField !== f.industryField) return false;
  if (f.societyId && r.societyId !== f.societyId) return false;
  if (f.grade && r.projectedGrade !== f.grade) return false;
  if (f.risk && r.risk !== f.risk) return false;
  if (f.atRisk && r.risk === 'green') return false;
  return stationMatchesQuery(r, f.q);
}

const levelRank = Object.fromEntries(stationLevels.map((l, i) => [l, i])) as Record<string, number>;
const byText = (a: string, b: string) => a.localeCompare(b, 'zh-Hans-CN');

export function sortRows(rows: DashboardRow[], sort: { by: string; desc: boolean }): DashboardRow[] {
  const cmp: (a: DashboardRow, b: DashboardRow) => number =
    {
      risk: (a: DashboardRow, b: DashboardRow) => riskRank[a.risk] - riskRank[b.risk] || a.projectedScore - b.projectedScore,
      score: (a: DashboardRow, b: DashboardRow) => a.score - b.score,
      projectedScore: (a: DashboardRow, b: DashboardRow) => a.projectedScore - b.projectedScore,
      shortDays: (a: DashboardRow, b: DashboardRow) => b.quarterShort.days - a.quarterShort.days,
      name: (a: DashboardRow, b: DashboardRow) => byText(a.name, b.name),
      level: (a: DashboardRow, b: DashboardRow) => (levelRank[a.level] ?? 9) - (levelRank[b.level] ?? 9),
      county: (a: DashboardRow, b: DashboardRow) => byText(a.castUnitName, b.castUnitName),
    }[sort.by] ?? (() => 0);
  const dir = sort.desc ? -1 : 1;
  // ties by name then id, so paging is stable
  return [...rows].sort((a, b) => dir * cmp(a, b) || byText(a.name, b.name) || (a.stationId < b.stationId ? -1 : 1));
}

export async function dashboard(
  ctx: Uses<'store' | 'clock' | 'caller'>,
  input: ParsedInputOf<ReportsApi['dashboard']>,
): Promise<DashboardPage> {
  const today = todayOf(ctx);
  const scope = await staffScope(ctx);
  const rows = await allRows(ctx, scope, today);
  const listed = rows.filter((r) => input.filters.includeDelisted || (r.status !== 'delisted' && r.status !== 'closed'));
  const counts = { red: 0, amber: 0, green: 0, all: listed.length };
  for (const r of listed) counts[r.risk]++;
  const matching = sortRows(
    rows.filter((r) => matches(r, input.filters)),
    input.sort,
  );
  const counties = new Map<string, string>();
  const societies = new Map<string, string>();
  const fields = new Set<string>();
  for (const r of rows) {
    counties.set(r.castUnitId, r.castUnitName);
    societies.set(r.societyId, r.societyName);
    fields.add(r.industryField);
  }
  const options = (m: Map<string, string>) => [...m].map(([id, label]) => ({ id, label })).sort((a, b) => byText(a.label, b.label));
  return {
    asOf: today,
    total: matching.length,
    counts,
    rows: await namedRows(ctx, matching.slice(input.skip, input.skip + input.limit)),
    facets: {
      counties: options(counties),
      societies: options(societies),
      industryFields: [...fields].sort(byText),
      levels: stationLevels.map((l) => ({ id: l, label: stationLevelLabels[l] })),
      grades: [...grades],
    },
  };
}
