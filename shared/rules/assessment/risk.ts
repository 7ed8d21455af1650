import type { Station } from '../../schemas/org';
import type { StationEvaluation } from './evaluate';
import type { StationProjection } from './projection';

/**
 * The dashboard's risk of a station (第十二条 at today's pace): red, amber or green, with the reasons.
 * Pure: the evaluation and projection are computed from the station's tally by the caller.
 */

/** red: failing or already failed; amber: on course to miss something; green: on track. */
export const risks = ['red', 'amber', 'green'] as const;
export type Risk = (typeof risks)[number];
/** Most serious first (the dashboard's sort order). */
export const riskRank: Record<Risk, number> = { red: 0, amber: 1, green: 2 };

/** A station's standing and its Chinese name (正常 / 整改中 / 待摘牌 / 已摘牌). */
export const stationStatusLabels = {
  active: '正常',
  rectifying: '整改中',
  delisting: '待摘牌',
  delisted: '已摘牌',
} as const satisfies Record<Station['status'], string>;
export type StationStatus = keyof typeof stationStatusLabels;

/** What the risk is judged on: the station's standing, and its current year evaluated and projected (null before year 1). */
export interface RiskInput {
  station: { status: string };
  evaluation: StationEvaluation | null;
  projection: StationProjection | null;
}

/**
 * Red / amber / green, with the reasons (Chinese, most serious first):
 * - red: the station is rectifying or marked for de-listing, a requirement whose period has closed
 *   was missed, or the grade at today's pace is 不合格;
 * - amber: an expert will miss this quarter's days at today's pace, or a clause would not be met at
 *   year end at today's pace;
 * - green: otherwise (also before the plaque date: nothing to assess yet).
 */
export function riskOf(s: RiskInput): { risk: Risk; reasons: string[] } {
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
