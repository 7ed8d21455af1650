import type { ChinaDate } from '../../calendar/china-time';
import type { Programme } from '../../programmes/schema';
import type { Station } from '../../schemas/org';
import { penaltyConsequences } from '../penalty';
import { rectificationDeadline, rectificationMonths } from '../post-award/consequences';
import { type ClauseResult, type Grade, gradeOf } from './evaluate';
import type { AssessmentSettings } from './settings';

/**
 * What a published year-end assessment does (第十二条): a failing result orders rectification within
 * a deadline (责令限期整改); failing the term-end year marks the station for de-listing
 * (期满考核不合格的予以摘牌). The station's standing follows the published result.
 */

/**
 * 第十二条 says 限期整改 without a period: the programme's data carries it
 * (`postAward.rectification.months`, 3 months for seed 004, marked 'chosen'); a programme without it
 * orders rectification without a deadline.
 */

/** An assessment result as the rules read it: computed, possibly adjusted by staff with a reason. */
export interface AssessedResult {
  computed: { grade: Grade; score: number };
  adjusted: { grade: Grade; score: number } | null;
  /** the station's last assessment year (期满) */
  termEnd: boolean;
}

/** The grade that stands: the staff adjustment when there is one, else the computed grade. */
export const finalGrade = (d: Pick<AssessedResult, 'computed' | 'adjusted'>): Grade => d.adjusted?.grade ?? d.computed.grade;
/** The score that stands, likewise. */
export const finalScore = (d: Pick<AssessedResult, 'computed' | 'adjusted'>): number => d.adjusted?.score ?? d.computed.score;
export const passed = (d: Pick<AssessedResult, 'computed' | 'adjusted'>): boolean => finalGrade(d) !== '不合格';

const round1 = (x: number) => Math.round(x * 10) / 10;

/** What staff ask for when adjusting: a score, optionally a grade, and the reason for a grade other than the score's. */
export interface AdjustmentRequest {
  score: number;
  grade?: Grade;
  gradeOverrideReason?: string;
}

/** A deliberate grade other than the one the score gives, with its own reason (kept and shown). */
export interface GradeOverride {
  /** the grade the adjusted score gives under the grade rule */
  derivedGrade: Grade;
  reason: string;
}

export type AdjustmentDecision =
  | { ok: true; score: number; grade: Grade; override: GradeOverride | null }
  | { ok: false; path: 'grade'; message: string };

/**
 * An adjustment's grade comes from the ONE grade rule the computed result used (`gradeOf`: score
 * thresholds and the failed-clause cap over the computed clauses), on the score as stored (one
 * decimal, as the computed score is), so a later change to the grade rule applies here too. A
 * different grade is a deliberate override: refused without its own reason, kept as such with it.
 */
export function adjustmentGrade(
  req: AdjustmentRequest,
  clauses: readonly Pick<ClauseResult, 'label' | 'status'>[],
  settings: AssessmentSettings,
): AdjustmentDecision {
  const score = round1(req.score);
  const derived = gradeOf(score, clauses, settings, true).grade;
  if (!req.grade || req.grade === derived) return { ok: true, score, grade: derived, override: null };
  const reason = req.gradeOverrideReason?.trim() ?? '';
  if (!reason)
    return {
      ok: false,
      path: 'grade',
      message: `按调整后的分数 ${score} 分应评为“${derived}”；如确需评为“${req.grade}”，请另行填写等次认定理由`,
    };
  return { ok: true, score, grade: req.grade, override: { derivedGrade: derived, reason } };
}

/**
 * The consequences of a result, in Chinese, one a line: passing → the funding line only; failing →
 * the programme's yearly penalty (通报批评, 责令限期整改 within the programme's months) and, in the
 * term-end year, its de-listing penalty (摘牌 …, or 摘牌 when the programme names none), then funding.
 * `programme` is undefined when the station's programme is unknown.
 */
export function consequencesOf(programme: Programme | undefined, d: AssessedResult, fundingReason: string): string[] {
  if (passed(d)) return [fundingReason];
  const yearly = programme?.penalties.find((p) => p.rectification);
  const termEnd = programme?.penalties.find((p) => p.removePlaque);
  const months = rectificationMonths(programme);
  const lines = yearly
    ? penaltyConsequences(yearly).map((l) => (l === '责令限期整改' && months !== null ? `责令限期整改（${months} 个月内）` : l))
    : [];
  if (d.termEnd) lines.push(...(termEnd ? penaltyConsequences(termEnd) : ['摘牌']), '服务站标记为待摘牌');
  lines.push(fundingReason);
  return [...new Set(lines)];
}

/** What publishing sets on the result: the rectification deadline of a failing result, and de-listing at term end. */
export interface PublishedOutcome {
  rectificationDeadline: ChinaDate | null;
  delisting: boolean;
}
export function publishOutcome(d: AssessedResult, today: ChinaDate, programme: Programme | undefined): PublishedOutcome {
  const ok = passed(d);
  return {
    rectificationDeadline: ok ? null : rectificationDeadline(programme, today),
    delisting: !ok && d.termEnd,
  };
}

export type StationStanding = Station['status'];

/**
 * The station's standing after a published result: failing → rectifying (待整改), or delisting
 * (待摘牌) at term end; passing ends a rectification (→ active) and leaves any other standing alone.
 */
export function standingAfter(current: StationStanding, result: { passed: boolean; termEnd: boolean }): StationStanding {
  if (!result.passed) return result.termEnd ? 'delisting' : 'rectifying';
  return current === 'rectifying' ? 'active' : current;
}

/** Why the standing changed, in Chinese (kept with the audit event). */
export function standingReason(
  yearIndex: number,
  result: { passed: boolean; termEnd: boolean },
  rectificationDeadline: ChinaDate | null,
): string {
  if (result.passed) return `第 ${yearIndex} 考核年度考核合格，整改结束`;
  return result.termEnd
    ? `期满（第 ${yearIndex} 考核年度）考核不合格，予以摘牌`
    : `第 ${yearIndex} 考核年度考核不合格，责令限期整改至 ${rectificationDeadline}`;
}
