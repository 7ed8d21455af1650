import { formSchema, yiyangAcademicForm } from '../../../shared/forms';
import { field } from '../../../shared/forms/blocks';
import { filled, formWith } from './fill';

/**
 * A budget table's 合计 is the sum of its expense categories (专项资金管理办法 第六条 for seed 000),
 * and a project may not end before it starts.
 */
const budget = formWith(
  field('budgetMaterials', '项目资料费', 'yuan', false),
  field('budgetActivities', '项目活动费', 'yuan', false),
  field('budgetTotal', '预算合计', 'yuan', true, { sumOf: ['budgetMaterials', 'budgetActivities'] }),
  field('contactMobile', '联系人手机', 'mobile', false),
);
const messages = (values: Record<string, unknown>, mode: 'draft' | 'submit' = 'draft') => {
  const r = formSchema(budget, { mode }).safeParse(values);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}|${i.message}`);
};

describe('a budget total', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['equal to the sum', { budgetMaterials: 3000, budgetActivities: 7000, budgetTotal: 10_000 }, []],
    [
      'one yuan short',
      { budgetMaterials: 3000, budgetActivities: 7000, budgetTotal: 9999 },
      ['budgetTotal|预算合计应等于各分项之和 10000 元'],
    ],
    [
      'one yuan over',
      { budgetMaterials: 3000, budgetActivities: 7000, budgetTotal: 10_001 },
      ['budgetTotal|预算合计应等于各分项之和 10000 元'],
    ],
    ['with an empty category counted as 0', { budgetMaterials: 3000, budgetActivities: null, budgetTotal: 3000 }, []],
    ['left blank in a draft', { budgetMaterials: 3000 }, []],
  ])('%s', (_case, values, expected) => {
    expect(messages(values)).toEqual(expected);
  });

  it('is required on submit even though it is computed', () => {
    expect(messages({ budgetMaterials: 3000 }, 'submit')).toEqual(['budgetTotal|请填写预算合计']);
  });

  it('is still checked when another field is wrong, so every problem shows at once', () => {
    expect(messages({ budgetMaterials: 3000, budgetTotal: 1, contactMobile: 'x' })).toEqual([
      'contactMobile|联系人手机：手机号应为 11 位数字，以 13-19 开头',
      'budgetTotal|预算合计应等于各分项之和 3000 元',
    ]);
  });

  it('is not compared when it or a category is itself malformed (one message, not two)', () => {
    expect(messages({ budgetMaterials: 30.5, budgetTotal: 30 })).toEqual(['budgetMaterials|项目资料费：金额必须是整数（元）']);
    expect(messages({ budgetMaterials: 30, budgetTotal: 30.5 })).toEqual(['budgetTotal|预算合计：金额必须是整数（元）']);
  });
});

describe('an end date', () => {
  const form = formSchema(yiyangAcademicForm, { mode: 'submit' });
  const withDates = (startDate: string, endDate: string) => ({ ...filled(yiyangAcademicForm), startDate, endDate });
  it.each<[string, string, string, boolean]>([
    ['the same day as the start', '2024-03-01', '2024-03-01', true],
    ['the day after the start', '2024-03-01', '2024-03-02', true],
    ['the day before the start', '2024-03-01', '2024-02-29', false],
    ['in the year before', '2024-01-01', '2023-12-31', false],
  ])('%s: accepted = %s', (_case, start, end, ok) => {
    const r = form.safeParse(withDates(start, end));
    expect(r.success).toBe(ok);
    if (!r.success) expect(r.error.issues.map((i) => i.message)).toEqual(['计划完成日期不能早于计划开始日期']);
  });

  it('is not compared with a start date that is itself wrong', () => {
    const r = form.safeParse(withDates('2024-02-30', '2024-01-01'));
    expect(r.error?.issues.map((i) => i.message)).toEqual(['计划开始日期：2024 年 2 月只有 29 天，没有 30 日']);
  });

  it('is not compared while the start date is blank (draft)', () => {
    const r = formSchema(yiyangAcademicForm, { mode: 'draft' }).safeParse({ endDate: '2024-01-01' });
    expect(r.success).toBe(true);
  });

  it('ignores a notBefore that points at no field (a broken definition is checkFormDefinition’s job)', () => {
    const broken = formWith(field('endDate', '完成日期', 'date', false, { notBefore: 'nowhere' }));
    expect(formSchema(broken, { mode: 'draft' }).safeParse({ endDate: '2024-01-01' }).success).toBe(true);
  });
});
