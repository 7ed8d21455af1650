import type { ClauseCell, DashboardRow, FundingView, Risk, StationStatus } from '../../../shared/api/reports';
import { stationStatusLabels } from '../../../shared/api/reports';
import { type ChinaDate, chinaDateOf } from '../../../shared/calendar/china-time';
import { quarterOf, yearIndexOf } from '../../../shared/calendar/periods';
import { workingDaysBetween } from '../../../shared/calendar/working-days';
import { AppError } from '../../../shared/errors';
import { getProgramme } from '../../../shared/programmes';
import {
  type EvaluatedStation,
  evaluateFromTally,
  type Grade,
  projectStation,
  type StationEvaluation,
  type StationProjection,
} from '../../../shared/rules/assessment';
import type { AssessmentSettings } from '../../../shared/rules/assessment/settings';
import { fundingDue } from '../../../shared/rules/funding';
import type { CastUnit, Station } from '../../../shared/schemas/org';
import { stationLevelLabels } from '../../../shared/schemas/org';
import type { Ctx } from '../../_kernel/router';
import { staffRoles } from '../../_kernel/scope';
import type { TallyRead } from '../../_kernel/store/reports';
import { settingsFor } from '../../_kernel/store/stations';

export const todayOf = (ctx: Pick<Ctx, 'clock'>): ChinaDate => chinaDateOf(ctx.clock.now());

export interface StaffScope {
  units: CastUnit[];
  unitById: Map<string, CastUnit>;
  /** CAST units whose stations the caller oversees: a county its own; the city (and talent office) the city and its counties */
  visible: string[];
}

/** What the caller oversees, from their staff bindings (read once: one query on castUnits). */
export async function staffScope(ctx: Ctx, roles: readonly string[] = staffRoles): Promise<StaffScope> {
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

export const evaluatedOf = (s: Station): EvaluatedStation => ({
  id: s.id,
  plaqueDate: s.plaqueDate,
  expertIds: s.expertIds,
  termYears: s.termYears,
});

export const currentYearOf = (s: Station, settings: AssessmentSettings, today: ChinaDate) =>
  yearIndexOf(s.plaqueDate, today, settings.yearMode);

/** Funding the station's programme gives for this year's result (第十六条 for seed 004). */
export function fundingFor(s: Station, yearIndex: number, passed: boolean): FundingView {
  const programme = getProgramme(s.programmeId);
  const kind = programme?.kinds.find((k) => k.funding.type === 'byLevel') ?? programme?.kinds[0];
  if (!programme || !kind)
    return { amountYuan: null, caseByCase: false, reason: `未找到项目定义 ${s.programmeId}，无法计算资助`, clause: '' };
  const due = fundingDue(programme, kind.id, { level: s.level, yearIndex, passed, termYears: s.termYears });
  return { amountYuan: due.amountYuan, caseByCase: due.caseByCase, reason: due.reason, clause: due.clause };
}

export interface StationState {
  station: Station;
  settings: AssessmentSettings;
  yearIndex: number;
  evaluation: StationEvaluation | null;
  projection: StationProjection | null;
  workingDaysLeft: number;
}

/** The current assessment year of a station, evaluated and projected from its tally (no record read). */
export function stateOf(station: Station, tally: TallyRead | undefined, today: ChinaDate): StationState {
  const settings = settingsFor(station);
  const yearIndex = currentYearOf(station, settings, today);
  if (yearIndex < 1) return { station, settings, yearIndex, evaluation: null, projection: null, workingDaysLeft: 0 };
  const counters = tally?.counters ?? {};
  const agreement = tally?.agreement ?? { all: 0, verified: 0 };
  const ev = evaluatedOf(station);
  const evaluation = evaluateFromTally(ev, counters, agreement, yearIndex, settings, today, 'all');
  const projection = projectStation(ev, counters, agreement, yearIndex, settings, today, 'all');
  let workingDaysLeft = projection.experts[0]?.workingDaysLeftInQuarter;
  if (workingDaysLeft === undefined) {
    const q = quarterOf(station.plaqueDate, today, settings.yearMode);
    workingDaysLeft = q ? workingDaysBetween(today, q.end).count : 0;
  }
  return { station, settings, yearIndex, evaluation, projection, workingDaysLeft };
}

/**
 * Red / amber / green, with the reasons (Chinese, most serious first):
 * - red: the station is rectifying or marked for de-listing, a requirement whose period has closed
 *   was missed, or the grade at today's pace is 不合格;
 * - amber: an expert will miss this quarter's days at today's pace, or a clause would not be met at
 *   year end at today's pace;
 * - green: otherwise (also before the plaque date: nothing to assess yet).
 */
export function riskOf(s: StationState): { risk: Risk; reasons: string[] } {
  const red: string[] = [];
  const amber: string[] = [];
  const status = s.station.status as StationStatus;
  if (status === 'rectifying' || status === 'delisting') red.push(`服务站${stationStatusLabels[status]}`);
  const { evaluation: e, projection: p } = s;
  if (e && p) {
    for (const c of e.clauses) if (c.status === 'failed') red.push(`未达到：${c.label}`);
    if (p.projectedGrade === '不合格') red.push(`按目前进度预计考核不合格（${p.projectedScore} 分）`);
    const missing = p.experts.filter((x) => x.willMissQuarter);
    if (missing.length > 0) {
      const need = p.experts[0]?.quarterRequired ?? 0;
      amber.push(`${missing.length} 位专家本季度按目前进度达不到 ${need} 天`);
    }
    for (const c of p.projectedEvaluation.clauses)
      if (!c.pass && !e.clauses.find((x) => x.clause === c.clause && x.status === 'failed')) amber.push(`按目前进度年底达不到：${c.label}`);
  }
  if (red.length) return { risk: 'red', reasons: [...red, ...amber] };
  if (amber.length) return { risk: 'amber', reasons: amber };
  return { risk: 'green', reasons: e ? [] : ['考核年度尚未开始'] };
}

export const riskRank: Record<Risk, number> = { red: 0, amber: 1, green: 2 };

export function clauseCells(e: StationEvaluation, p: StationProjection): ClauseCell[] {
  return e.clauses.map((c) => ({
    clause: c.clause,
    label: c.label,
    weight: c.weight,
    earned: c.earned,
    status: c.status,
    projectedPass: p.projectedEvaluation.clauses.find((x) => x.clause === c.clause)?.pass ?? false,
  }));
}

export function rowOf(s: StationState, names: { castUnitName: string; societyName: string }): DashboardRow {
  const { station, evaluation: e, projection: p } = s;
  const { risk, reasons } = riskOf(s);
  const projectedGrade: Grade | null = p ? p.projectedGrade : null;
  const short = p ? p.experts.filter((x) => x.daysStillNeededQuarter > 0) : [];
  const status = station.status as StationStatus;
  return {
    stationId: station.id,
    name: station.name,
    level: station.level,
    levelLabel: stationLevelLabels[station.level],
    castUnitId: station.castUnitId,
    castUnitName: names.castUnitName,
    societyId: station.societyId,
    societyName: names.societyName,
    industryField: station.industryField,
    status,
    statusLabel: stationStatusLabels[status],
    plaqueDate: station.plaqueDate,
    termYears: station.termYears,
    yearIndex: s.yearIndex,
    year: e ? { start: e.start, end: e.end } : null,
    quarter: p ? { quarter: p.quarter.quarter, start: p.quarter.start, end: p.quarter.end, workingDaysLeft: s.workingDaysLeft } : null,
    clauses: e && p ? clauseCells(e, p) : [],
    score: e?.score ?? 0,
    grade: e?.grade ?? null,
    projectedScore: p?.projectedScore ?? 0,
    projectedGrade,
    experts: station.expertIds.length,
    quarterShort: { experts: short.length, days: short.reduce((n, x) => n + x.daysStillNeededQuarter, 0) },
    willMissQuarter: p ? p.experts.filter((x) => x.willMissQuarter).length : 0,
    funding:
      s.yearIndex >= 1
        ? fundingFor(station, s.yearIndex, projectedGrade !== '不合格')
        : { amountYuan: 0, caseByCase: false, reason: '考核年度尚未开始', clause: '' },
    risk,
    riskReasons: reasons,
  };
}
