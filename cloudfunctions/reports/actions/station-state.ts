import type { BehindExpert, ClauseCell, DashboardRow, FundingView, StationStatus } from '../../../shared/api/reports';
import { stationStatusLabels } from '../../../shared/api/reports';
import type { ChinaDate } from '../../../shared/calendar/china-time';
import type { HolidayCalendar } from '../../../shared/calendar/holidays';
import { yearIndexOf } from '../../../shared/calendar/periods';
import { getProgramme } from '../../../shared/programmes';
import {
  type EvaluatedStation,
  evaluateFromTally,
  type Grade,
  projectStation,
  readTally,
  type StationEvaluation,
  type StationProjection,
} from '../../../shared/rules/assessment';
import { BEFORE_GO_LIVE_LABEL, yearBeforeGoLive } from '../../../shared/rules/assessment/coverage';
import { riskOf } from '../../../shared/rules/assessment/risk';
import type { AssessmentSettings } from '../../../shared/rules/assessment/settings';
import { stationFunding } from '../../../shared/rules/funding';
import type { Station } from '../../../shared/schemas/org';
import { stationLevelLabels } from '../../../shared/schemas/org';
import type { TallyRead } from '../../_kernel/store/reports';
import { settingsFor } from '../../_kernel/store/stations';

/**
 * A station's current assessment year as the reports show it: evaluated and projected from its
 * tally (no record read), its funding, and its dashboard row. The risk is decided in
 * shared/rules/assessment/risk.ts.
 */

export const evaluatedOf = (s: Station, nameOf?: (id: string) => string): EvaluatedStation => ({
  id: s.id,
  plaqueDate: s.plaqueDate,
  expertIds: s.expertIds,
  termYears: s.termYears,
  // issue 13 item 6: nothing before go-live is assessed; each expert only for their membership (coverage.ts)
  goLiveDate: s.goLiveDate,
  team: s.team,
  nameOf,
});

export const currentYearOf = (s: Station, settings: AssessmentSettings, today: ChinaDate) =>
  yearIndexOf(s.plaqueDate, today, settings.yearMode);

/** Funding the station's programme gives for this year's result (第十六条 for seed 004). */
export const fundingFor = (s: Station, yearIndex: number, passed: boolean): FundingView =>
  stationFunding(getProgramme(s.programmeId), s, yearIndex, passed);

export interface StationState {
  station: Station;
  settings: AssessmentSettings;
  yearIndex: number;
  evaluation: StationEvaluation | null;
  projection: StationProjection | null;
  workingDaysLeft: number;
  /** the year's tally counters (empty before year 1) */
  counters: TallyRead['counters'];
  /** the current year ends before the station's go-live date: not assessed (coverage.ts) */
  beforeGoLive?: boolean;
}

/** The current assessment year of a station, evaluated and projected from its tally (no record read). */
export function stateOf(station: Station, tally: TallyRead | undefined, today: ChinaDate, cal: HolidayCalendar): StationState {
  const settings = settingsFor(station);
  const yearIndex = currentYearOf(station, settings, today);
  if (yearIndex < 1) return { station, settings, yearIndex, evaluation: null, projection: null, workingDaysLeft: 0, counters: {} };
  // a year that ends before go-live is not assessed (上线前，未纳入考核): no evaluation, nothing behind or failed
  if (yearBeforeGoLive(station, yearIndex, settings.yearMode))
    return { station, settings, yearIndex, evaluation: null, projection: null, workingDaysLeft: 0, counters: {}, beforeGoLive: true };
  const counters = tally?.counters ?? {};
  const agreement = tally?.agreement ?? { all: 0, verified: 0 };
  const ev = evaluatedOf(station);
  const evaluation = evaluateFromTally(ev, counters, agreement, yearIndex, settings, today, 'all');
  const projection = projectStation(ev, counters, agreement, yearIndex, settings, today, 'all', cal);
  // THE working-days-left figure (pace.ts periodDaysOf), with or without experts; the station page reads the same
  return { station, settings, yearIndex, evaluation, projection, workingDaysLeft: projection.quarter.workingDaysLeft, counters };
}

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

/** The experts behind the honest pace of the current quarter (or unable to meet it), most short first. */
export function behindExpertsOf(s: StationState, nameOf: (id: string) => string): BehindExpert[] {
  const p = s.projection;
  if (!p) return [];
  return p.experts
    .filter((x) => x.pace.status === 'behind' || x.pace.status === 'cannot')
    .map((x) => {
      const confirmed = readTally(s.counters, 'days', s.yearIndex, x.quarter, x.expertId).verified;
      return {
        expertId: x.expertId,
        name: nameOf(x.expertId),
        status: x.pace.status as BehindExpert['status'],
        daysShort: x.daysStillNeededQuarter,
        confirmedDays: confirmed,
        pendingDays: x.quarterDays - confirmed,
      };
    })
    .sort((a, b) => b.daysShort - a.daysShort);
}

export function rowOf(
  s: StationState,
  names: { castUnitName: string; societyName: string; expertName?: (id: string) => string },
): DashboardRow {
  const { station, evaluation: e, projection: p } = s;
  const judged = riskOf({ station, evaluation: e, projection: p });
  const { risk, isNew } = judged;
  const reasons = s.beforeGoLive ? [`${BEFORE_GO_LIVE_LABEL}（上线日期 ${station.goLiveDate}）`] : judged.reasons;
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
    behindExperts: behindExpertsOf(s, names.expertName ?? ((id) => id)),
    isNew,
    funding: s.beforeGoLive
      ? { amountYuan: 0, caseByCase: false, reason: BEFORE_GO_LIVE_LABEL, clause: '' }
      : s.yearIndex >= 1
        ? fundingFor(station, s.yearIndex, projectedGrade !== '不合格')
        : { amountYuan: 0, caseByCase: false, reason: '考核年度尚未开始', clause: '' },
    risk,
    riskReasons: reasons,
  };
}
