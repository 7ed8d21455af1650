import type { FieldOption, FieldType, FormField, FormStep } from './types';

type FieldExtras = Omit<FormField, 'key' | 'label' | 'type' | 'required'>;

/** One field; the short form keeps the definitions readable as a table. */
export const field = (key: string, label: string, type: FieldType, required: boolean, extras: FieldExtras = {}): FormField => ({
  key,
  label,
  type,
  required,
  ...extras,
});

/** Options whose stored value is the Chinese text itself (lists printed in a seed). */
export const chineseOptions = (...labels: string[]): FieldOption[] => labels.map((label) => ({ value: label, label }));

export const yesNoOptions: readonly FieldOption[] = [
  { value: 'yes', label: '是' },
  { value: 'no', label: '否' },
];
export const yesNo = (key: string, label: string, required = true, extras: FieldExtras = {}): FormField =>
  field(key, label, 'select', required, { options: yesNoOptions, ...extras });

/** A paper-only opinion block: opinion text, seal and date line. */
export const opinion = (key: string, label: string): FormField => field(key, label, 'opinion', false);

/**
 * 学会基本情况 shared by the derived society forms (seeds 000-003 print no form): the facts every
 * seed's eligibility clause asks about (年检, 秘书长, 财务人员) plus how to reach the society.
 */
export const societyStep = (): FormStep => ({
  id: 'society',
  title: '学会基本情况',
  fields: [
    field('societyName', '学会名称', 'text', true, { maxLength: 100 }),
    field('supervisingUnit', '业务主管单位', 'text', false, { maxLength: 100 }),
    field('foundedOn', '成立时间', 'date', false),
    field('individualMembers', '个人会员数', 'integer', false, { min: 0, max: 1_000_000 }),
    field('unitMembers', '单位会员数', 'integer', false, { min: 0, max: 100_000 }),
    field('president', '理事长', 'text', true, { maxLength: 40 }),
    field('secretaryGeneral', '秘书长', 'text', true, { maxLength: 40 }),
    field('secretaryGeneralMobile', '秘书长手机', 'mobile', true),
    field('staffCount', '专（兼）职工作人员数', 'integer', false, { min: 0, max: 1000 }),
    field('address', '通讯地址', 'text', true, { maxLength: 200 }),
    field('postcode', '邮政编码', 'postcode', false),
    field('contactName', '联系人', 'text', true, { maxLength: 40 }),
    field('contactMobile', '联系人手机', 'mobile', true),
    field('contactPhone', '办公电话', 'phone', false),
    field('contactEmail', '电子邮箱', 'email', false),
  ],
});

/**
 * Budget table by expense category: one integer-yuan cell per category and a 合计 that must
 * equal their sum. `categories` are [key, label, help?] in the order the seed lists them.
 */
export const budgetFields = (categories: ReadonlyArray<readonly [string, string, string?]>, totalKey = 'budgetTotal'): FormField[] => [
  ...categories.map(([key, label, help]) =>
    field(key, label, 'yuan', false, help === undefined ? { group: '经费预算（元）' } : { group: '经费预算（元）', help }),
  ),
  field(totalKey, '预算合计', 'yuan', true, { group: '经费预算（元）', sumOf: categories.map(([key]) => key) }),
];
