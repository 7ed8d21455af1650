import { addDays, addMonthsClamped, type ChinaDate, chinaDateOf } from '../../calendar/china-time';
import type { FieldIssue } from '../../errors';
import { expenseCategories, isExpenseCategoryId } from '../../programmes/expense-categories';
import { type BudgetRule, fenText } from '../../programmes/post-award';
import type { Programme } from '../../programmes/schema';
import type { BudgetLine, BudgetVersion } from '../../schemas/awards';
import { isBlankText } from '../../schemas/common';
import { checkExpense } from '../expense';

/**
 * The budget of an award: each line's category decided by `checkExpense` (forbidden → refused with the
 * programme's clause; unlisted → needs a justification and is flagged for the decider), the total
 * against the award, and the versions (the approved one stays in force until a change is approved). Pure.
 */

export type LineKind = 'allowed' | 'forbidden' | 'unlisted' | 'unknown';

/** The programme's categories in three groups, for the picker: allowed, forbidden, the others. */
export function categoryGroups(programme: Pick<Programme, 'expenses'>): { allowed: string[]; forbidden: string[]; others: string[] } {
  const forbidden = (programme.expenses?.forbidden.ids ?? []) as string[];
  const allowed = ((programme.expenses?.allowed.ids ?? []) as string[]).filter((id) => !forbidden.includes(id));
  const others = Object.keys(expenseCategories).filter((id) => !allowed.includes(id) && !forbidden.includes(id));
  return { allowed, forbidden, others };
}

export function lineKind(programme: Programme, categoryId: string): LineKind {
  if (!isExpenseCategoryId(categoryId)) return 'unknown';
  const c = checkExpense(programme, categoryId);
  if (c.allowed) return 'allowed';
  return (programme.expenses?.forbidden.ids as string[] | undefined)?.includes(categoryId) ? 'forbidden' : 'unlisted';
}

export const totalFen = (lines: readonly Pick<BudgetLine, 'amountFen'>[]): number => lines.reduce((s, l) => s + l.amountFen, 0);

/**
 * Problems that refuse a budget (saved or submitted), on the line they belong to: a forbidden category
 * (its clause), an unknown one, an unlisted one without a justification, an amount of 0, and — when
 * the award amount is set and the programme caps the budget to it — a total above the award (both sums).
 */
export function budgetIssues(
  programme: Programme,
  rule: BudgetRule,
  lines: readonly Omit<BudgetLine, 'id'>[],
  awardFen: number | null,
  opts: { submit: boolean },
): FieldIssue[] {
  const out: FieldIssue[] = [];
  lines.forEach((l, i) => {
    const at = (f: string) => `lines.${i}.${f}`;
    const kind = lineKind(programme, l.categoryId);
    if (kind === 'unknown') out.push({ path: at('categoryId'), message: `第 ${i + 1} 行：未知的开支类别` });
    else if (kind === 'forbidden')
      out.push({ path: at('categoryId'), message: `第 ${i + 1} 行：${checkExpense(programme, l.categoryId).reason}` });
    else if (kind === 'unlisted' && rule.unlistedNeedsJustification && isBlankText(l.justification ?? ''))
      out.push({
        path: at('justification'),
        message: `第 ${i + 1} 行：${expenseCategories[l.categoryId as keyof typeof expenseCategories]}未列入本项目开支范围（${programme.expenses?.allowed.clause ?? rule.clause}），请说明与项目直接相关的理由`,
      });
    if (l.amountFen <= 0) out.push({ path: at('amount'), message: `第 ${i + 1} 行：金额须大于 0 元` });
    if (opts.submit && isBlankText(l.purpose)) out.push({ path: at('purpose'), message: `第 ${i + 1} 行：请填写用途` });
  });
  if (rule.capToAward && awardFen !== null) {
    const total = totalFen(lines);
    if (total > awardFen)
      out.push({ path: 'lines', message: `预算合计 ${fenText(total)} 超过核定金额 ${fenText(awardFen)}（${rule.clause}）` });
  }
  if (opts.submit && lines.length === 0) out.push({ path: 'lines', message: '请至少填写一行预算' });
  if (opts.submit && awardFen === null) out.push({ path: 'lines', message: '核定金额尚未确定，暂不能提交预算' });
  return out;
}

/** The approved version in force (the newest approved), or null. */
export const budgetInForce = (versions: readonly BudgetVersion[]): BudgetVersion | null =>
  [...versions].reverse().find((v) => v.status === 'approved') ?? null;
/** The version being worked on (draft / submitted / returned after the one in force), or null. */
export function budgetPending(versions: readonly BudgetVersion[]): BudgetVersion | null {
  const last = versions[versions.length - 1];
  return last && last.status !== 'approved' ? last : null;
}

export type BudgetStep = 'save' | 'submit' | 'approve' | 'return' | 'proposeChange';
/** Who decides a step: the budget's decider, or for a change (a version after an approved one) the change decider. */
export function budgetDecider(rule: BudgetRule, version: Pick<BudgetVersion, 'version'> | null, versions: readonly BudgetVersion[]) {
  const isChange = version !== null && versions.some((v) => v.status === 'approved' && v.version < version.version);
  return isChange && rule.changes ? rule.changes.decidedBy : rule.decidedBy;
}

/** May this step happen now? The save/submit of a first budget, or of a change already proposed. */
export function budgetStepAllowed(
  rule: BudgetRule,
  versions: readonly BudgetVersion[],
  step: BudgetStep,
): { ok: true } | { ok: false; reason: string } {
  const pending = budgetPending(versions);
  const inForce = budgetInForce(versions);
  const no = (reason: string) => ({ ok: false as const, reason });
  switch (step) {
    case 'save':
    case 'submit':
      if (pending === null && inForce !== null) return no('预算已批复；如需调整，请提出预算调整');
      if (pending?.status === 'submitted') return no('预算已提交，等待审核，不能修改');
      return { ok: true };
    case 'proposeChange':
      if (!inForce) return no('预算尚未批复，直接修改预算即可');
      if (!rule.changes) return no(`本项目预算批复后不得调整（${rule.clause}）`);
      if (pending) return no('已有一份预算调整在办理中');
      return { ok: true };
    case 'approve':
    case 'return':
      return pending?.status === 'submitted' ? { ok: true } : no('没有待审核的预算');
  }
}

export interface CategoryDiff {
  categoryId: string;
  label: string;
  beforeFen: number;
  afterFen: number;
}
/** By category: what the version in force gives and what the change asks (only categories that differ). */
export function budgetDiff(before: readonly BudgetLine[], after: readonly BudgetLine[]): CategoryDiff[] {
  const sum = (ls: readonly BudgetLine[]) => {
    const m = new Map<string, number>();
    for (const l of ls) m.set(l.categoryId, (m.get(l.categoryId) ?? 0) + l.amountFen);
    return m;
  };
  const a = sum(before);
  const b = sum(after);
  const ids = [...new Set([...a.keys(), ...b.keys()])];
  return ids
    .map((id) => ({
      categoryId: id,
      label: isExpenseCategoryId(id) ? expenseCategories[id] : id,
      beforeFen: a.get(id) ?? 0,
      afterFen: b.get(id) ?? 0,
    }))
    .filter((d) => d.beforeFen !== d.afterFen);
}

export const budgetStatusLabels: Record<BudgetVersion['status'], string> = {
  draft: '编制中',
  submitted: '待审核',
  returned: '已退回修改',
  approved: '已批复',
};

/** The budget window: from the first approval, cycle.budgetSpendWithinYears years (管理办法第十四条). */
export function budgetWindow(programme: Programme, budgets: readonly BudgetVersion[]): { start: ChinaDate; end: ChinaDate } | null {
  const years = programme.cycle.budgetSpendWithinYears;
  const first = budgets.find((b) => b.status === 'approved' && b.decision);
  if (!years || !first?.decision) return null;
  const start = chinaDateOf(first.decision.at);
  return { start, end: addDays(addMonthsClamped(start, 12 * years), -1) };
}
