import type { Programme } from '../programmes/schema';
import type { ScoreItem } from '../schemas/application';

/**
 * Expert-review score sheets against the programme's rubric (items summing to 100). A reviewer gives
 * every rubric item an integer score from 0 to its max (score items as in shared/schemas/application.ts).
 */
export interface SheetIssue {
  itemId: string;
  /** Chinese */
  message: string;
}

export interface ScoredSheet {
  /** sum of the valid item scores */
  total: number;
  /** every item scored once, validly, and nothing else */
  complete: boolean;
  issues: SheetIssue[];
}

export function scoreSheet(programme: Programme, items: readonly ScoreItem[]): ScoredSheet {
  const issues: SheetIssue[] = [];
  let total = 0;
  for (const item of programme.rubric.items) {
    const given = items.filter((i) => i.itemId === item.id);
    const s = given[0]?.points;
    if (s === undefined) {
      issues.push({ itemId: item.id, message: `“${item.label}”尚未评分` });
    } else if (given.length > 1) {
      issues.push({ itemId: item.id, message: `“${item.label}”重复评分` });
    } else if (!Number.isInteger(s) || s < 0 || s > item.maxPoints) {
      issues.push({ itemId: item.id, message: `“${item.label}”的得分应为 0 到 ${item.maxPoints} 之间的整数` });
    } else {
      total += s;
    }
  }
  const known = new Set(programme.rubric.items.map((i) => i.id));
  for (const i of items) if (!known.has(i.itemId)) issues.push({ itemId: i.itemId, message: `评分细则中没有此项：${i.itemId}` });
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
export function panelScore(programme: Programme, sheets: readonly (readonly ScoreItem[])[]): PanelScore {
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
