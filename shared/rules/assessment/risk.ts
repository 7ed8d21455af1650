import type { StationEvaluation } from './evaluate';
import { isNewStation, PACE_GRACE_SHARE } from './pace';
import type { StationProjection } from './projection';
import { type Risk, type StationStatus, stationStatusLabels } from './risk-levels';

/**
 * The dashboard's risk of a station (第十二条 at today's pace): red, amber or green, with the reasons.
 * Pure: the evaluation and projection are computed from the station's tally by the caller.
 */

// The levels and standings themselves live in risk-levels.ts: the app reads them (shared/api/reports.ts) without
// pulling in the pace rule and its holiday calendar.
export { type Risk, riskRank, risks, type StationStatus, stationStatusLabels } from './risk-levels';

/** What the risk is judged on: the station's standing, and its current year evaluated and projected (null before year 1). */
export interface RiskInput {
  station: { status: string; plaqueDate?: string };
  evaluation: StationEvaluation | null;
  projection: StationProjection | null;
}

export interface RiskResult {
  risk: Risk;
  reasons: string[];
  /** awarded less than NEW_STATION_DAYS ago (pace.ts): shown as 新建, nothing judged yet */
  isNew: boolean;
}

/**
 * Red / amber / green, with the reasons (Chinese, most serious first). Red is for facts, amber for
 * honest pace (pace.ts, working-day calendar), never for the first weeks:
 * - red: the station is rectifying or marked for de-listing, a requirement whose period has closed
 *   was missed, or an expert can no longer reach this quarter's days (not enough days left);
 * - amber: an expert is behind the even pace of the quarter (after its first weeks), or — once a
 *   quarter of the year has passed — the year-end projection misses a clause or the pass line;
 * - green: otherwise; a station awarded less than 4 weeks ago is 新建 and green (nothing to judge).
 */
export function riskOf(s: RiskInput): RiskResult {
  const red: string[] = [];
  const amber: string[] = [];
  const status = s.station.status as StationStatus;
  if (status === 'rectifying' || status === 'delisting') red.push(`服务站${stationStatusLabels[status]}`);
  const { evaluation: e, projection: p } = s;
  const isNew = !!p && !!s.station.plaqueDate && p.yearIndex === 1 && isNewStation(s.station.plaqueDate, p.asOf);
  if (e && p && !isNew) {
    for (const c of e.clauses) if (c.status === 'failed') red.push(`未达到：${c.label}`);
    const cannot = p.experts.filter((x) => x.pace.status === 'cannot');
    const behind = p.experts.filter((x) => x.pace.status === 'behind');
    const need = p.experts[0]?.quarterRequired ?? 0;
    if (cannot.length > 0) red.push(`${cannot.length} 位专家本季度已无法达到 ${need} 天`);
    if (behind.length > 0) amber.push(`${behind.length} 位专家本季度进度落后（每人 ${need} 天）`);
    const yearShare = p.year.totalDays > 0 ? p.year.elapsedDays / p.year.totalDays : 1;
    if (yearShare >= PACE_GRACE_SHARE) {
      if (p.projectedGrade === '不合格') amber.push(`按目前进度预计考核不合格（${p.projectedScore} 分）`);
      for (const c of p.projectedEvaluation.clauses)
        if (!c.pass && !e.clauses.find((x) => x.clause === c.clause && x.status === 'failed'))
          amber.push(`按目前进度年底达不到：${c.label}`);
    }
  }
  if (red.length) return { risk: 'red', reasons: [...red, ...amber], isNew };
  if (amber.length) return { risk: 'amber', reasons: amber, isNew };
  if (isNew) return { risk: 'green', reasons: ['新建服务站，授牌不足 4 周，尚不评估进度'], isNew };
  return { risk: 'green', reasons: e ? [] : ['考核年度尚未开始'], isNew };
}
