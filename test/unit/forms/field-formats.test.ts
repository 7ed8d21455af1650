import type { z } from 'zod';
import { type FieldType, type FormField, fieldValueSchema, formSchema, issueMessage } from '../../../shared/forms';
import { field } from '../../../shared/forms/blocks';
import { formWith } from './fill';

/** Parse one value of one field in draft mode (format only); returns the messages, [] when accepted. */
function messagesFor(f: FormField, value: unknown): string[] {
  const r = formSchema(formWith(f), { mode: 'draft' }).safeParse({ [f.key]: value });
  return r.success ? [] : r.error.issues.map((i) => i.message);
}
function parsed(f: FormField, value: unknown): unknown {
  return formSchema(formWith(f), { mode: 'draft' }).parse({ [f.key]: value })[f.key];
}
const cell = (type: FieldType, extras: Partial<FormField> = {}) => field('cell', `测试${type}栏`, type, false, extras);

type Row = [string, unknown, boolean];

describe.each<[FieldType, Partial<FormField>, Row[]]>([
  [
    'mobile',
    {},
    [
      ['an 11-digit 139 number', '13907371234', true],
      ['a 199 number', '19912345678', true],
      ['surrounded by spaces (trimmed)', ' 13907371234 ', true],
      ['starting 12', '12907371234', false],
      ['10 digits', '1390737123', false],
      ['12 digits', '139073712345', false],
      ['with +86', '+8613907371234', false],
      ['with dashes', '139-0737-1234', false],
    ],
  ],
  [
    'fax',
    {},
    [
      ['area code and dash', '0737-4221234', true],
      ['area code without dash', '07374221234', true],
      ['area code and extension', '0737-4221234-801', true],
      ['Beijing 3-digit code, 8 digits', '010-12345678', true],
      ['no area code', '4221234', true],
      ['5-digit number', '0737-42212', false],
      ['dangling extension dash', '0737-4221234-', false],
      ['7-digit extension', '0737-4221234-1234567', false],
      ['area code without leading 0', '737-4221234', false],
    ],
  ],
  [
    'phone',
    {},
    [
      ['a mobile', '13907371234', true],
      ['a landline with extension', '0737-4221234-801', true],
      ['letters', '电话号码', false],
    ],
  ],
  [
    'postcode',
    {},
    [
      ['Yiyang 413000', '413000', true],
      ['starting 0', '013000', false],
      ['5 digits', '41300', false],
      ['7 digits', '4130000', false],
      ['with a letter', '41300a', false],
    ],
  ],
  [
    'email',
    {},
    [
      ['a gov.cn address', 'kexie@yiyang.gov.cn', true],
      ['no top-level domain', 'kexie@yiyang', false],
      ['no @', 'kexie.yiyang.cn', false],
      ['a space inside', 'ke xie@yiyang.cn', false],
      ['over 100 characters', `${'a'.repeat(95)}@yiyang.cn`, false],
    ],
  ],
  [
    'date',
    {},
    [
      ['29 Feb of a leap year', '2024-02-29', true],
      ['29 Feb of a common year', '2023-02-29', false],
      ['2月30日', '2023-02-30', false],
      ['31 April', '2023-04-31', false],
      ['unpadded month and day', '2023-2-3', false],
      ['slashes', '2023/02/03', false],
      // issue 15 finding 1: a society founded in 1985 is a real date; form dates run from 1900
      ['before 2000 (a founding date)', '1985-06-12', true],
      ['the first day of 1900', '1900-01-01', true],
      ['before 1900', '1899-12-31', false],
    ],
  ],
  [
    'yuan',
    {},
    [
      ['zero', 0, true],
      ['whole yuan', 50_000, true],
      ['a float (fen)', 12.5, false],
      ['negative', -1, false],
      ['a numeric string', '100', false],
      ['NaN', Number.NaN, false],
      ['Infinity', Number.POSITIVE_INFINITY, false],
      ['over 100 million', 100_000_001, false],
    ],
  ],
  [
    'yuan',
    { max: 50_000 },
    [
      ['exactly at the cap', 50_000, true],
      ['one above the cap', 50_001, false],
      ['one below the cap', 49_999, true],
    ],
  ],
  [
    'integer',
    { min: 1, max: 10 },
    [
      ['at the lower bound', 1, true],
      ['below the lower bound', 0, false],
      ['at the upper bound', 10, true],
      ['above the upper bound', 11, false],
      ['a float', 3.5, false],
    ],
  ],
  [
    'percent',
    {},
    [
      ['0', 0, true],
      ['100', 100, true],
      ['101', 101, false],
      ['-1', -1, false],
      ['50.5', 50.5, false],
    ],
  ],
  [
    'qq',
    {},
    [
      ['5 digits', '12345', true],
      ['12 digits', '123456789012', true],
      ['4 digits', '1234', false],
      ['leading 0', '012345', false],
    ],
  ],
  [
    'wechat',
    {},
    [
      ['letters, digits, underscore', 'yiyang_kx2023', true],
      ['a mobile number', '13907371234', true],
      ['starting with a digit', '1abcdef', false],
      ['too short', 'abc', false],
    ],
  ],
  [
    'qqOrWechat',
    {},
    [
      ['a QQ number', '123456789', true],
      ['a WeChat id', 'yiyang_kx2023', true],
      ['neither', '12', false],
    ],
  ],
  [
    'text',
    { maxLength: 10 },
    [
      ['exactly 10 characters', '益阳市科学技术协会会', true],
      ['10 characters padded with spaces (trimmed before capping)', '  益阳市科学技术协会会  ', true],
      ['11 characters', '益阳市科学技术协会会员', false],
      ['a number', 12, false],
    ],
  ],
  [
    'textarea',
    {},
    [
      ['2000 characters (default cap)', '字'.repeat(2000), true],
      ['2001 characters', '字'.repeat(2001), false],
    ],
  ],
  [
    'select',
    { options: [{ value: 'city_county_cast', label: '市县级科协' }] },
    [
      ['an option value', 'city_county_cast', true],
      ['the label instead of the value', '市县级科协', false],
      ['not an option', 'other', false],
    ],
  ],
  [
    'multiselect',
    {
      options: [
        { value: 'a', label: '甲' },
        { value: 'b', label: '乙' },
      ],
    },
    [
      ['two options', ['a', 'b'], true],
      ['one option twice', ['a', 'a'], false],
      ['an unknown option', ['z'], false],
      ['a string, not a list', 'a', false],
    ],
  ],
])('a %s field %j', (type, extras, rows) => {
  it.each(rows)('when given %s: accepted = %s', (_case, value, ok) => {
    const messages = messagesFor(cell(type, extras), value);
    expect(messages.length === 0).toBe(ok);
    // Every refusal is in Chinese and names the field.
    for (const m of messages) expect(m).toMatch(new RegExp(`^测试${type}栏`));
  });
});

describe('what a valid value becomes', () => {
  it('text and numbers are trimmed', () => {
    expect(parsed(cell('text'), '  益阳市农学会 ')).toBe('益阳市农学会');
    expect(parsed(cell('mobile'), ' 13907371234 ')).toBe('13907371234');
  });
  it('a blank value becomes the field’s empty value', () => {
    expect(parsed(cell('text'), '   ')).toBe('');
    expect(parsed(cell('yuan'), null)).toBeNull();
    expect(parsed(cell('multiselect', { options: [{ value: 'a', label: '甲' }] }), [])).toEqual([]);
  });
});

describe('messages a person reads', () => {
  it.each<[string, FormField, unknown, string]>([
    ['a number field given text', cell('yuan'), '100', '测试yuan栏：应填写数字'],
    [
      'a multiple choice given a string',
      cell('multiselect', { options: [{ value: 'a', label: '甲' }] }),
      'a',
      '测试multiselect栏：应为选项列表',
    ],
    ['a text field given a number', cell('text'), 12, '测试text栏：应填写文字'],
    ['a percent above 100', cell('percent'), 101, '测试percent栏：不能大于 100'],
    ['a percent below 0', cell('percent'), -1, '测试percent栏：不能小于 0'],
    ['a float for yuan', cell('yuan'), 12.5, '测试yuan栏：金额必须是整数（元）'],
    ['an over-long text (the cap names the field already)', cell('text', { maxLength: 2 }), '益阳市', '测试text栏不能超过 2 个字'],
  ])('%s', (_case, f, value, message) => {
    expect(messagesFor(f, value)).toEqual([message]);
  });

  it('falls back to Chinese for any English zod message', () => {
    const issue = {
      code: 'invalid_format',
      format: 'regex',
      message: 'Invalid string',
      path: [],
      input: 'x',
    } as unknown as z.core.$ZodIssue;
    expect(issueMessage(issue, cell('text'))).toBe('测试text栏：格式不正确');
  });

  it('uses the field’s unambiguous name where its label repeats', () => {
    const f = field('societyContactMobile', '手机', 'mobile', false, { name: '建站学会联系人手机' });
    expect(messagesFor(f, '123')).toEqual(['建站学会联系人手机：手机号应为 11 位数字，以 13-19 开头']);
  });
});

describe('a choice field whose definition lost its options', () => {
  it.each(['select', 'multiselect'] as const)('a %s accepts nothing rather than anything', (type) => {
    expect(messagesFor(cell(type), type === 'select' ? 'a' : ['a'])).not.toEqual([]);
  });
});

describe('an opinion block (paper only)', () => {
  it('refuses any value sent for it, even directly', () => {
    const schema = fieldValueSchema(field('cityCastOpinion', '市科协意见', 'opinion', false));
    expect(schema.safeParse('同意').success).toBe(false);
    expect(schema.safeParse('').success).toBe(false);
  });
});
