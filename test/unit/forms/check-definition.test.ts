import { checkFormDefinition, type FormDefinition, type FormField } from '../../../shared/forms';
import { field } from '../../../shared/forms/blocks';
import { formWith } from './fill';

/** Definitions are hand-written data: the slips a maintainer can make are caught before a person meets them. */
const text = (key: string, label = key === 'a' ? '甲' : key === 'b' ? '乙' : `栏${key}`) => field(key, label, 'text', false);
const yuan = (key: string, extras: Partial<FormField> = {}) => field(key, `金额${key}`, 'yuan', false, extras);
const date = (key: string, extras: Partial<FormField> = {}) => field(key, `日期${key}`, 'date', false, extras);

describe('checkFormDefinition', () => {
  it('finds nothing wrong with a sound form', () => {
    expect(checkFormDefinition(formWith(text('a'), yuan('x'), yuan('total', { sumOf: ['x'] })))).toEqual([]);
  });

  it.each<[string, FormDefinition, string]>([
    ['an id that is not programme/kind', { ...formWith(text('a')), id: 'no-slash' }, '表单编号「no-slash」应为 programmeId/kindId'],
    ['a blank title', { ...formWith(text('a')), title: ' ' }, '表单缺少标题'],
    ['no steps', { ...formWith(text('a')), steps: [] }, '表单没有任何步骤'],
    [
      'a duplicate step id',
      {
        ...formWith(text('a')),
        steps: [
          { id: 's', title: '一', fields: [text('a')] },
          { id: 's', title: '二', fields: [text('b')] },
        ],
      },
      '步骤编号「s」重复',
    ],
    [
      'a step id that is not camelCase',
      { ...formWith(text('a')), steps: [{ id: 'Step-1', title: '一', fields: [text('a')] }] },
      '步骤编号「Step-1」格式不正确',
    ],
    ['an empty step', { ...formWith(text('a')), steps: [{ id: 's', title: '空步骤', fields: [] }] }, '步骤「空步骤」没有字段'],
    ['a key that is not camelCase', formWith(text('Contact_mobile')), '字段键「Contact_mobile」应为英文 camelCase'],
    ['a duplicate key', formWith(text('a'), field('a', '另一个', 'text', false)), '字段键「a」重复'],
    [
      'two fields with the same name',
      formWith(field('a', '手机', 'mobile', false), field('b', '手机', 'mobile', false)),
      '字段名称「手机」重复，请用 name 区分',
    ],
    ['a label with spaces', formWith(field('a', '邮    编', 'postcode', false)), '字段「a」的标签为空或含空白'],
    ['a select without options', formWith(field('a', '甲', 'select', false)), '字段「a」是选择题但没有选项'],
    [
      'duplicate option values',
      formWith(
        field('a', '甲', 'multiselect', false, {
          options: [
            { value: 'x', label: '一' },
            { value: 'x', label: '二' },
          ],
        }),
      ),
      '字段「a」的选项值重复',
    ],
    [
      'options on a text field',
      formWith(field('a', '甲', 'text', false, { options: [{ value: 'x', label: '一' }] })),
      '字段「a」不是选择题，不应有选项',
    ],
    ['maxLength on a date', formWith(date('a', { maxLength: 10 })), '字段「a」只有文字字段可设 maxLength'],
    ['a zero maxLength', formWith(field('a', '甲', 'text', false, { maxLength: 0 })), '字段「a」的 maxLength 应为正整数'],
    ['bounds on a text field', formWith(field('a', '甲', 'text', false, { max: 3 })), '字段「a」只有整数或金额字段可设上下限'],
    ['min above max', formWith(yuan('a', { min: 10, max: 5 })), '字段「a」的下限大于上限'],
    ['a required opinion', formWith(field('a', '市科协意见', 'opinion', true)), '字段「a」是纸质意见栏，不能设为必填'],
    ['a mirror of nothing', formWith(field('a', '甲', 'text', false, { mirrorOf: 'zz' })), '字段「a」引用的字段「zz」不存在或不可填写'],
    [
      'a mirror of an opinion',
      formWith(field('o', '意见', 'opinion', false), field('a', '甲', 'text', false, { mirrorOf: 'o' })),
      '字段「a」引用的字段「o」不存在或不可填写',
    ],
    ['a mirror of another type', formWith(date('d'), field('a', '甲', 'text', false, { mirrorOf: 'd' })), '字段「a」与其引用字段类型不同'],
    ['a required mirror', formWith(text('b'), field('a', '甲', 'text', true, { mirrorOf: 'b' })), '字段「a」是引用字段，不能设为必填'],
    ['a total on a text field', formWith(yuan('x'), field('a', '甲', 'text', false, { sumOf: ['x'] })), '字段「a」只有金额字段可作合计'],
    ['a total of nothing', formWith(yuan('a', { sumOf: [] })), '字段「a」的合计项为空'],
    ['a total of itself', formWith(yuan('a', { sumOf: ['a'] })), '字段「a」的合计项「a」不是可填写的金额字段'],
    ['a total of a date', formWith(date('d'), yuan('a', { sumOf: ['d'] })), '字段「a」的合计项「d」不是可填写的金额字段'],
    ['a total of a missing field', formWith(yuan('a', { sumOf: ['zz'] })), '字段「a」的合计项「zz」不是可填写的金额字段'],
    [
      'notBefore on a text field',
      formWith(date('d'), field('a', '甲', 'text', false, { notBefore: 'd' })),
      '字段「a」的 notBefore 应指向另一个日期字段',
    ],
    ['notBefore to a missing field', formWith(date('a', { notBefore: 'zz' })), '字段「a」的 notBefore 应指向另一个日期字段'],
    ['notBefore to a text field', formWith(text('b'), date('a', { notBefore: 'b' })), '字段「a」的 notBefore 应指向另一个日期字段'],
    ['notBefore to itself', formWith(date('a', { notBefore: 'a' })), '字段「a」的 notBefore 应指向另一个日期字段'],
    ['an empty help text', formWith(field('a', '甲', 'text', false, { help: ' ' })), '字段「a」的说明为空'],
  ])('reports %s', (_case, def, problem) => {
    expect(checkFormDefinition(def)).toContain(problem);
  });
});
