import type { ChinaDate } from '../calendar/china-time';
import {
  type Band,
  type Condition,
  type Facts,
  leafConditions,
  type PointsRule,
  type Programme,
  type Rubric,
  type RubricItem,
} from '../programmes/schema';
import type { ScoreItem } from '../schemas/application';
import { describeCondition, evaluateCondition, factOf } from './facts';

/**
 * Score sheets against the programme's rubric (any total, 100 by default). Each rubric item is either
 *   computed  — its `points` rule reads only the applicant's facts: the same suggestion on every sheet;
 *   judgement — no rule (the scorer types the points) or a rule reading staff-answered facts (an A/B/C
 *               rating, a discretionary deduction): each scorer's own, from the answers on their sheet.
 * A scorer may give other points than the suggestion only with a reason (shown and audited).
 */
export interface SheetIssue {
  itemId: string;
  /** Chinese */
  message: string;
}

export interface ScoredSheet {
  /** sum of the valid item scores, to 2 decimals */
  total: number;
  /** every item scored once, validly, and nothing else */
  complete: boolean;
  issues: SheetIssue[];
}

/** Points as a decimal without float noise (0.1 + 0.2 → 0.3). */
export const roundPoints = (n: number): number => Math.round(n * 100) / 100;

const isMultiple = (x: number, step: number) => Math.abs(x / step - Math.round(x / step)) < 1e-9;

// ───────────────────────── which rubric ─────────────────────────

/**
 * The rubric for an application: the first of `rubricsByType` whose kinds include the kind and whose
 * condition holds on the facts (an unknown fact does not match), else the programme's `rubric`.
 */
export function rubricFor(programme: Programme, kindId: string, facts: Facts, today: ChinaDate): Rubric {
  for (const r of programme.rubricsByType) {
    if (r.kinds && !r.kinds.includes(kindId)) continue;
    if (r.when && evaluateCondition(programme, r.when, facts, today).result !== true) continue;
    return r.rubric;
  }
  return programme.rubric;
}

/** The band a total reaches (bands are listed highest first), or null when the rubric has none or none is reached. */
export function bandOf(rubric: Rubric, total: number): Band | null {
  return rubric.bands?.find((b) => total >= b.min) ?? null;
}

/** What the score sheets of the scored stage decide, for a rubric with bands (shared/rules/workflow.ts reads it on pass). */
export interface ScoreOutcome {
  /** the stage the sheets were filled at (the rubric's) */
  stageId: string;
  /** the sheets' mean total, to 2 decimals */
  total: number;
  /** the band it reaches; null when below every band */
  band: Band | null;
  /** false: not awarded (a band with `passes: false`, or no band reached) */
  passes: boolean;
  /** Chinese, recorded on the application's history (the reason when not awarded) */
  note: string;
}

/**
 * The outcome of the score sheets' totals under a rubric's bands: the mean total, its band and whether
 * that band is recognised. Null when the rubric has no bands (the score does not decide the outcome)
 * or there is no sheet.
 */
export function scoreOutcome(rubric: Rubric, totals: readonly number[]): ScoreOutcome | null {
  if (!rubric.bands || totals.length === 0) return null;
  const total = Math.round((totals.reduce((s, x) => s + x, 0) / totals.length) * 100) / 100;
  const band = bandOf(rubric, total);
  const passes = band?.passes ?? false;
  const score = `${totals.length > 1 ? `${totals.length} 份评分表平均` : '评分'} ${total} 分`;
  const note = !band
    ? `${score}，未达到任何等级，不予认定`
    : passes
      ? `${score}，评定为“${band.label}”`
      : `${score}，评定为“${band.label}”，未达到认定等级，不予认定`;
  return { stageId: rubric.stageId, total, band, passes, note };
}

// ───────────────────────── suggested points ─────────────────────────

function ruleConditions(rule: PointsRule): Condition[] {
  return rule.type === 'tiers' ? rule.tiers.map((t) => t.when) : rule.changes.flatMap((c) => (c.when ? [c.when] : []));
}

/** Facts a points rule reads (conditions and per-occurrence counts). */
export function factsRead(rule: PointsRule): string[] {
  const ids = ruleConditions(rule)
    .flatMap(leafConditions)
    .map((c) => c.fact);
  if (rule.type === 'adjust') for (const c of rule.changes) if (c.per) ids.push(c.per);
  return [...new Set(ids)];
}

export type ItemKind = 'computed' | 'judgement';

/** computed: a rule on applicant facts only; judgement: typed by the scorer or read from staff answers. */
export function itemKind(programme: Programme, item: RubricItem): ItemKind {
  if (!item.points) return 'judgement';
  return factsRead(item.points).some((id) => factOf(programme, id)?.answeredBy === 'staff') ? 'judgement' : 'computed';
}

export interface Suggestion {
  itemId: string;
  kind: ItemKind;
  /** null: no rule, or a fact it needs is not answered */
  points: number | null;
  /** Chinese: how the points were reached, or what is missing */
  reason: string;
}

/**
 * The points the rule gives for one item on these facts — the one function that turns answers into
 * points. tiers: the first tier whose condition holds (an undecided tier before it leaves the points
 * undecided), else `otherwise`. adjust: base + every change that holds (× the count of its `per` fact),
 * kept within min–max. Always kept within 0 and the item's maximum.
 */
export function suggestedPoints(programme: Programme, item: RubricItem, facts: Facts, today: ChinaDate): Suggestion {
  const kind = itemKind(programme, item);
  const rule = item.points;
  if (!rule) return { itemId: item.id, kind, points: null, reason: '由评分人判断' };
  const clamp = (n: number) => roundPoints(Math.min(item.maxPoints, Math.max(0, n)));
  if (rule.type === 'tiers') {
    for (const tier of rule.tiers) {
      const outcome = evaluateCondition(programme, tier.when, facts, today);
      if (outcome.result === 'unknown') return { itemId: item.id, kind, points: null, reason: outcome.reason };
      if (outcome.result) {
        return {
          itemId: item.id,
          kind,
          points: clamp(tier.points),
          reason: `${tier.label ?? describeCondition(programme, tier.when)}：${tier.points} 分`,
        };
      }
    }
    return { itemId: item.id, kind, points: clamp(rule.otherwise), reason: `不满足以上各档：${rule.otherwise} 分` };
  }
  let sum = rule.base;
  const parts: string[] = [`基础分 ${rule.base}`];
  for (const change of rule.changes) {
    if (change.when) {
      const outcome = evaluateCondition(programme, change.when, facts, today);
      if (outcome.result === 'unknown') return { itemId: item.id, kind, points: null, reason: outcome.reason };
      if (!outcome.result) continue;
    }
    let times = 1;
    if (change.per) {
      const value = facts[change.per];
      const fact = factOf(programme, change.per);
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
        return { itemId: item.id, kind, points: null, reason: `尚未填写“${fact?.label ?? change.per}”` };
      times = value;
      if (times === 0) continue;
    }
    const delta = roundPoints(change.points * times);
    sum += delta;
    const unit = change.per ? (factOf(programme, change.per)?.unit ?? '次') : '';
    parts.push(`${change.label}${change.per ? ` ${times} ${unit}` : ''} ${delta > 0 ? '+' : ''}${delta}`);
  }
  let capped = sum;
  if (rule.max !== undefined && capped > rule.max) capped = rule.max;
  if (rule.min !== undefined && capped < rule.min) capped = rule.min;
  const points = clamp(capped);
  const note = points !== roundPoints(sum) ? `（合计 ${roundPoints(sum)}，按上下限计 ${points}）` : '';
  return { itemId: item.id, kind, points, reason: `${parts.join('，')}${note}：${points} 分` };
}

/** Every item's suggestion for a rubric. */
export function suggestedSheet(programme: Programme, rubric: Rubric, facts: Facts, today: ChinaDate): Suggestion[] {
  return rubric.items.map((item) => suggestedPoints(programme, item, facts, today));
}

// ───────────────────────── staff answers ─────────────────────────

/** Staff-answered facts the rubric reads (asked on each scorer's sheet). */
export function staffFactsOf(programme: Programme, rubric: Rubric): string[] {
  const ids = rubric.items.flatMap((i) => (i.points ? factsRead(i.points) : []));
  return [...new Set(ids)].filter((id) => factOf(programme, id)?.answeredBy === 'staff');
}

/** Problems with a scorer's answers to staff facts: unknown, wrong type, out of range or off step. */
export function answerIssues(programme: Programme, rubric: Rubric, answers: Facts): SheetIssue[] {
  const issues: SheetIssue[] = [];
  const wanted = new Set(staffFactsOf(programme, rubric));
  for (const [id, value] of Object.entries(answers)) {
    const fact = factOf(programme, id);
    if (!fact || !wanted.has(id)) {
      issues.push({ itemId: id, message: `评分表中没有此项评定：${id}` });
      continue;
    }
    if (value === undefined || value === null) continue;
    if (fact.type === 'number') {
      if (typeof value !== 'number' || !Number.isFinite(value)) issues.push({ itemId: id, message: `“${fact.label}”应为数字` });
      else if ((fact.min !== undefined && value < fact.min) || (fact.max !== undefined && value > fact.max))
        issues.push({ itemId: id, message: `“${fact.label}”应在 ${fact.min ?? '—'} 到 ${fact.max ?? '—'} 之间` });
      else if (fact.step !== undefined && !isMultiple(value - (fact.min ?? 0), fact.step))
        issues.push({ itemId: id, message: `“${fact.label}”应为 ${fact.step} 的整数倍` });
    } else if (fact.type === 'string') {
      if (typeof value !== 'string' || (fact.options && !fact.options.some((o) => o.value === value)))
        issues.push({ itemId: id, message: `“${fact.label}”应为以下之一：${(fact.options ?? []).map((o) => o.label).join('、')}` });
    } else if (fact.type === 'boolean' && typeof value !== 'boolean') {
      issues.push({ itemId: id, message: `“${fact.label}”应为“是”或“否”` });
    }
  }
  for (const id of wanted) {
    if (answers[id] === undefined || answers[id] === null) issues.push({ itemId: id, message: `请评定“${factOf(programme, id)!.label}”` });
  }
  return issues;
}

// ───────────────────────── the sheet ─────────────────────────

export interface SheetContext {
  rubric: Rubric;
  /** the applicant's facts merged with this scorer's staff answers; absent: suggestions are not checked */
  facts?: Facts;
  today?: ChinaDate;
}

/** "0 到 4 之间的整数" / "0 到 4 之间、0.5 的整数倍" */
function rangeText(item: RubricItem): string {
  return item.step === 1 ? `0 到 ${item.maxPoints} 之间的整数` : `0 到 ${item.maxPoints} 之间、${item.step} 的整数倍`;
}

/**
 * Checks a sheet against the rubric: every item scored once, within 0–max and on the item's step;
 * with a context, an item whose rule gives a suggestion may differ from it only with a reason.
 * Without a context the programme's default rubric is used and no suggestion is checked.
 */
export function scoreSheet(programme: Programme, items: readonly ScoreItem[], context?: SheetContext): ScoredSheet {
  const rubric = context?.rubric ?? programme.rubric;
  const issues: SheetIssue[] = [];
  let total = 0;
  for (const item of rubric.items) {
    const given = items.filter((i) => i.itemId === item.id);
    const s = given[0]?.points;
    if (s === undefined) {
      issues.push({ itemId: item.id, message: `“${item.label}”尚未评分` });
    } else if (given.length > 1) {
      issues.push({ itemId: item.id, message: `“${item.label}”重复评分` });
    } else if (!Number.isFinite(s) || s < 0 || s > item.maxPoints || !isMultiple(s, item.step)) {
      issues.push({ itemId: item.id, message: `“${item.label}”的得分应为 ${rangeText(item)}` });
    } else {
      const suggestion = context?.facts && context.today ? suggestedPoints(programme, item, context.facts, context.today) : null;
      if (suggestion && suggestion.points !== null && suggestion.points !== s && !given[0]?.reason?.trim()) {
        issues.push({ itemId: item.id, message: `“${item.label}”按规则应得 ${suggestion.points} 分，改为 ${s} 分须填写理由` });
      } else {
        total += s;
      }
    }
  }
  const known = new Set(rubric.items.map((i) => i.id));
  for (const i of items) if (!known.has(i.itemId)) issues.push({ itemId: i.itemId, message: `评分细则中没有此项：${i.itemId}` });
  return { total: roundPoints(total), complete: issues.length === 0, issues };
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
export function panelScore(programme: Programme, sheets: readonly (readonly ScoreItem[])[], rubric?: Rubric): PanelScore {
  const totals: number[] = [];
  const excluded: number[] = [];
  sheets.forEach((sheet, i) => {
    const scored = scoreSheet(programme, sheet, rubric ? { rubric } : undefined);
    if (scored.complete) totals.push(scored.total);
    else excluded.push(i);
  });
  const average = totals.length === 0 ? null : Math.round((totals.reduce((a, b) => a + b, 0) / totals.length) * 100) / 100;
  return { average, counted: totals.length, excluded };
}

// ───────────────────────── the rules as staff read them ─────────────────────────

/** One rubric item's points rule in Chinese, e.g. "会员人数不少于 500 人 → 4 分；…；否则 0 分". */
export function describePoints(programme: Programme, item: RubricItem): string {
  const rule = item.points;
  const step = item.step !== 1 ? `（最小计分单位 ${item.step} 分）` : '';
  if (!rule) return `由评分人在 0–${item.maxPoints} 分内评定${step}`;
  if (rule.type === 'tiers') {
    const tiers = rule.tiers.map((t) => `${t.label ?? describeCondition(programme, t.when)} → ${t.points} 分`);
    return `${tiers.join('；')}；否则 ${rule.otherwise} 分${step}`;
  }
  const changes = rule.changes.map((c) => {
    const fact = c.per ? factOf(programme, c.per) : undefined;
    const when = c.when ? `${describeCondition(programme, c.when)}时` : '';
    const per = c.per ? `每${fact?.unit ?? '次'}（${fact?.label ?? c.per}）` : '';
    return `${when}${c.label}：${per}${c.points > 0 ? '加' : '扣'} ${Math.abs(c.points)} 分`;
  });
  const limits = [rule.min !== undefined ? `最低 ${rule.min} 分` : '', rule.max !== undefined ? `最高 ${rule.max} 分` : '']
    .filter(Boolean)
    .join('，');
  return `基础分 ${rule.base} 分；${changes.join('；')}${limits ? `；${limits}` : ''}${step}`;
}

/** A staff fact as the scorer reads it: its label and what may be given. */
export function describeStaffFact(programme: Programme, id: string): string {
  const fact = factOf(programme, id);
  if (!fact) return id;
  if (fact.options) return `${fact.label}（${fact.options.map((o) => o.label).join(' / ')}）`;
  if (fact.type === 'number')
    return `${fact.label}（${fact.min ?? 0}–${fact.max ?? '∞'}${fact.unit ?? ''}${fact.step ? `，步长 ${fact.step}` : ''}）`;
  return `${fact.label}${fact.type === 'boolean' ? '（是 / 否）' : ''}`;
}

// ───────────────────────── as staff see it ─────────────────────────

export interface RubricItemView {
  id: string;
  label: string;
  maxPoints: number;
  basis: string;
  /** 1 = whole points, 0.5 = half points */
  step: number;
  kind: ItemKind;
  /** the rule in Chinese */
  rule: string;
  /** computed items: the points the rule gives on the applicant's facts (null when a fact is missing) */
  suggested: number | null;
  /** how the suggestion was reached, or what is missing */
  suggestedReason: string;
}
export interface StaffFactView {
  id: string;
  label: string;
  type: 'boolean' | 'number' | 'date' | 'string';
  options?: { value: string; label: string }[];
  min?: number;
  max?: number;
  step?: number;
  unit?: string;
}
export interface RubricView {
  stageId: string;
  /** which rubric applies (by applicant type), '' for the programme's default */
  label: string;
  total: number;
  items: RubricItemView[];
  /** judgements each scorer answers on their own sheet */
  staffFacts: StaffFactView[];
  bands: { min: number; label: string; passes: boolean }[];
  /** the applicant's facts the rubric reads (the scorer's judgement items are computed from them and the answers) */
  facts: Record<string, boolean | number | string | null>;
  note: string;
}

/** The rubric of an application as the score sheet shows it, with each computed item's suggestion. */
export function rubricView(programme: Programme, kindId: string, facts: Facts, today: ChinaDate): RubricView {
  const rubric = rubricFor(programme, kindId, facts, today);
  const typed = programme.rubricsByType.find((r) => r.rubric === rubric);
  return {
    stageId: rubric.stageId,
    label: typed?.label ?? '',
    total: rubric.total,
    items: rubric.items.map((item) => {
      const s = suggestedPoints(programme, item, facts, today);
      return {
        id: item.id,
        label: item.label,
        maxPoints: item.maxPoints,
        basis: item.basis,
        step: item.step,
        kind: s.kind,
        rule: describePoints(programme, item),
        suggested: s.kind === 'computed' ? s.points : null,
        suggestedReason: s.kind === 'computed' ? s.reason : '',
      };
    }),
    staffFacts: staffFactsOf(programme, rubric).map((id) => {
      const f = factOf(programme, id)!;
      return {
        id: f.id,
        label: f.label,
        type: f.type,
        ...(f.options ? { options: f.options } : {}),
        ...(f.min !== undefined ? { min: f.min } : {}),
        ...(f.max !== undefined ? { max: f.max } : {}),
        ...(f.step !== undefined ? { step: f.step } : {}),
        ...(f.unit !== undefined ? { unit: f.unit } : {}),
      };
    }),
    bands: (rubric.bands ?? []).map((b) => ({ min: b.min, label: b.label, passes: b.passes })),
    facts: Object.fromEntries(
      [...new Set(rubric.items.flatMap((i) => (i.points ? factsRead(i.points) : [])))]
        .filter((id) => factOf(programme, id)?.answeredBy !== 'staff' && facts[id] !== undefined)
        .map((id) => [id, facts[id] ?? null]),
    ),
    note: rubric.note,
  };
}
