import { type Programme, programmeIds, programmes } from '../../../../shared/programmes';
import { expenseCategories } from '../../../../shared/programmes/expense-categories';
import { type BudgetRule, fenText } from '../../../../shared/programmes/post-award';
import {
  budgetDecider,
  budgetDiff,
  budgetInForce,
  budgetIssues,
  budgetPending,
  budgetStepAllowed,
  categoryGroups,
  lineKind,
} from '../../../../shared/rules/post-award/budget';
import type { BudgetLine, BudgetVersion } from '../../../../shared/schemas/awards';

/**
 * The budget of every programme with one, generated over its own data: every forbidden category is
 * refused with that programme's clause, every allowed one passes, an unlisted one needs a justification,
 * the total is capped to the award; versions and who decides a change.
 */

const rows: [string, string][] = [
  [
    '[yiyang-capacity-2018:post-award.budget] [yiyang-capacity-2018:expense.forbidden] [yiyang-capacity-2018:expense.allowed]',
    'yiyang-capacity-2018',
  ],
  ['[wuhan-award:post-award.budget] [wuhan-award:expense.forbidden] [wuhan-award:expense.allowed]', 'wuhan-award'],
  [
    '[pingdingshan-five-star:post-award.budget] [pingdingshan-five-star:expense.forbidden] [pingdingshan-five-star:expense.allowed]',
    'pingdingshan-five-star',
  ],
  ['[weihai-2025:post-award.budget] [weihai-2025:expense.forbidden] [weihai-2025:expense.allowed]', 'weihai-2025'],
];
const withBudget = programmeIds.map((id) => programmes[id] as Programme).filter((p) => p.postAward?.budget);

const line = (categoryId: string, amountFen: number, justification: string | null = null) => ({
  categoryId,
  amountFen,
  purpose: '用途',
  justification,
});
const label = (id: string) => expenseCategories[id as keyof typeof expenseCategories];

describe.each(rows)('%s', (_tag, id) => {
  const p = programmes[id as keyof typeof programmes] as Programme;
  const rule = p.postAward!.budget!;
  const groups = categoryGroups(p);

  it('every forbidden category is refused on save with the programme’s own clause', () => {
    expect(groups.forbidden).toEqual(p.expenses!.forbidden.ids);
    groups.forbidden.forEach((c) => {
      expect(lineKind(p, c)).toBe('forbidden');
      expect(budgetIssues(p, rule, [line(c, 100, '确有需要')], null, { submit: false })).toEqual([
        { path: 'lines.0.categoryId', message: `第 1 行：专项资金不得用于${label(c)}（${p.expenses!.forbidden.clause}）` },
      ]);
    });
  });

  it('every allowed category passes', () => {
    expect(groups.allowed.length).toBeGreaterThan(0);
    for (const c of groups.allowed) {
      expect(lineKind(p, c)).toBe('allowed');
      expect(budgetIssues(p, rule, [line(c, 100)], 100, { submit: true })).toEqual([]);
    }
  });

  it('an unlisted category needs a justification (on that line) and is flagged', () => {
    expect(rule.unlistedNeedsJustification).toBe(true);
    expect(groups.others.length).toBeGreaterThan(0);
    for (const c of groups.others) {
      expect(lineKind(p, c)).toBe('unlisted');
      const [issue] = budgetIssues(p, rule, [line(groups.allowed[0]!, 100), line(c, 100, '  ')], null, { submit: false });
      expect(issue).toEqual({
        path: 'lines.1.justification',
        message: `第 2 行：${label(c)}未列入本项目开支范围（${p.expenses!.allowed.clause}），请说明与项目直接相关的理由`,
      });
      expect(budgetIssues(p, rule, [line(c, 100, '与项目直接相关')], null, { submit: false })).toEqual([]);
    }
  });

  it('the total may not exceed the award (both sums in the message); to the 分', () => {
    const c = groups.allowed[0]!;
    expect(rule.capToAward).toBe(true);
    expect(budgetIssues(p, rule, [line(c, 500_000), line(c, 500_000)], 1_000_000, { submit: true })).toEqual([]);
    expect(budgetIssues(p, rule, [line(c, 500_000), line(c, 500_001)], 1_000_000, { submit: true })).toEqual([
      { path: 'lines', message: `预算合计 ${fenText(1_000_001)} 超过核定金额 ${fenText(1_000_000)}（${rule.clause}）` },
    ]);
  });

  it(
    rule.changes ? `a change after approval is approved by ${rule.changes.decidedBy} (${rule.changes.clause})` : 'no change after approval',
    () => {
      const approved: BudgetVersion = { version: 1, status: 'approved', lines: [], changeReason: null, submittedAt: 1, decision: null };
      const r = budgetStepAllowed(rule, [approved], 'proposeChange');
      if (rule.changes) {
        expect(r.ok).toBe(true);
        const change: BudgetVersion = { ...approved, version: 2, status: 'submitted', changeReason: '调整' };
        expect(budgetDecider(rule, change, [approved, change])).toBe(rule.changes.decidedBy);
      } else expect(r).toEqual({ ok: false, reason: `本项目预算批复后不得调整（${rule.clause}）` });
      expect(budgetDecider(rule, approved, [approved])).toBe(rule.decidedBy);
    },
  );
});

describe('versions', () => {
  const rule: BudgetRule = {
    clause: '第十二条',
    capToAward: true,
    unlistedNeedsJustification: true,
    decidedBy: 'cityStaff',
    changes: { clause: '第十二条', decidedBy: 'cityStaff' },
  };
  const v = (version: number, status: BudgetVersion['status'], lines: BudgetLine[] = []): BudgetVersion => ({
    version,
    status,
    lines,
    changeReason: version > 1 ? '调整' : null,
    submittedAt: null,
    decision: null,
  });
  const l = (id: string, categoryId: string, amountFen: number): BudgetLine => ({
    id,
    categoryId,
    amountFen,
    purpose: '',
    justification: null,
  });

  it('the approved version stays in force until the change is approved', () => {
    const versions = [v(1, 'approved'), v(2, 'submitted')];
    expect(budgetInForce(versions)?.version).toBe(1);
    expect(budgetPending(versions)?.version).toBe(2);
    expect(budgetStepAllowed(rule, versions, 'proposeChange')).toEqual({ ok: false, reason: '已有一份预算调整在办理中' });
    expect(budgetStepAllowed(rule, versions, 'save')).toEqual({ ok: false, reason: '预算已提交，等待审核，不能修改' });
    expect(budgetStepAllowed(rule, [v(1, 'approved')], 'save')).toEqual({ ok: false, reason: '预算已批复；如需调整，请提出预算调整' });
    expect(budgetStepAllowed(rule, [v(1, 'draft')], 'approve').ok).toBe(false);
    expect(budgetStepAllowed(rule, [], 'proposeChange').ok).toBe(false);
    const after = [v(1, 'approved'), v(2, 'approved')];
    expect(budgetInForce(after)?.version).toBe(2);
    expect(budgetPending(after)).toBeNull();
  });

  it('the diff of a change, by category', () => {
    const before = [l('a', 'meeting', 3000), l('b', 'travel', 2000)];
    const after = [l('c', 'meeting', 2000), l('d', 'meeting', 1000), l('e', 'training', 2000)];
    expect(budgetDiff(before, after)).toEqual([
      { categoryId: 'travel', label: '差旅费', beforeFen: 2000, afterFen: 0 },
      { categoryId: 'training', label: '培训费', beforeFen: 0, afterFen: 2000 },
    ]);
  });

  it('a submission needs lines, purposes, amounts above 0, and the award amount set; unknown categories are refused', () => {
    const p = programmes['weihai-2025'] as Programme;
    const messages = budgetIssues(p, rule, [{ categoryId: 'nope', amountFen: 0, purpose: ' ', justification: null }], null, {
      submit: true,
    }).map((i) => i.message);
    expect(messages).toEqual([
      '第 1 行：未知的开支类别',
      '第 1 行：金额须大于 0 元',
      '第 1 行：请填写用途',
      '核定金额尚未确定，暂不能提交预算',
    ]);
    expect(budgetIssues(p, rule, [], 100, { submit: true }).map((i) => i.message)).toEqual(['请至少填写一行预算']);
  });
});

it('the rows are every programme with a budget', () => {
  expect(rows.map(([, id]) => id).sort()).toEqual(withBudget.map((p) => p.id).sort());
});
