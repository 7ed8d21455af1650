import type { Programme } from '../programmes/schema';

/**
 * Expert-review score sheets against the programme's rubric (items out of 100). A reviewer gives each
 * item a score from 0 to its max; halves are allowed (0.5 steps), nothing finer.
 */
export interface SheetIssue {
  itemId: string;
  /** Chinese */
  message: string;
}

export interface ScoredSheet {
  /** sum of the valid item scores */
  total: number;
  /** every item scored, and validly */
  complete: boolean;
  issues: SheetIssue[];
}

export function scoreSheet(programme: Programme, scores: Readonly<Record<string, number | undefined>>): ScoredSheet {
  const issues: SheetIssue[] = [];
  let total = 0;
  const known = new Set(programme.rubric.items.map((i) => i.id));
  for (const item of programme.rubric.items) {
    const s = scores[item.id];
    if (s === undefined) {
      issues.push({ itemId: item.id, message: `“${item.label}”尚未评分` });
    } else if (!Number.isFinite(s) || s < 0 || s > item.maxPoints) {
      issues.push({ itemId: item.id, message: `“${item.label}”的得分应在 0 到 ${item.maxPoints} 之间` });
    } else if (!Number.isInteger(s * 2)) {
      issues.push({ itemId: item.id, message: `“${item.label}”的得分最小单位为 0.5 分` });
    } else {
      total += s;
    }
  }
  for (const id of Object.keys(scores)) if (!known.has(id)) issues.push({ itemId: id, message: `评分细则中没有此项：${id}` });
  return { total, complete: issues.length === 0, issues };
}

export interface PanelScore {
  /** mean of the complete sheets' totals, rounded to 2 decimals; null when no sheet is complete */
  average: number | null;
  /** number of complete sheets averaged */
  counted: number;
  /** indexes of the sheets left out because they were incomplete or invalid */
  excluded: number[];
}

/** The panel's score: the mean of its complete sheets. */
export function panelScore(programme: Programme, sheets: readonly Readonly<Record<string, number | undefined>>[]): PanelScore {
  const totals: number[] = [];
  const excluded: number[] = [];
  sheets.forEach((sheet, i) => {
    const scored = scoreSheet(programme, sheet);
    if (scored.complete) totals.push(scored.total);
    else excluded.push(i);
  });
  const average = totals.length === 0 ? null : Math.round((totals.reduce((a, b) => a + b, 0) / totals.length) * 100) / 100;
  return { average, counted: totals.length, excluded };
}
