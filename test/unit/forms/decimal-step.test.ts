import { type FormField, formSchema } from '../../../shared/forms';
import { field } from '../../../shared/forms/blocks';
import { formFieldSchema } from '../../../shared/forms/schema';
import { formWith } from './fill';

/** Issue 16 item 2 (forms): a number field on a decimal step — schema, validation in Chinese, the input. */
const half = field('score', '自评分', 'number', false, { step: 0.5, min: 0, max: 10 }) as FormField;
const messagesFor = (f: FormField, value: unknown): string[] => {
  const r = formSchema(formWith(f), { mode: 'draft' }).safeParse({ [f.key]: value });
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe('a decimal number field', () => {
  it.each([
    [7.5, []],
    [0, []],
    [10, []],
    [7.3, ['自评分应为 0.5 的整数倍']],
    [10.5, ['自评分不能大于 10']],
    ['7.5', ['自评分：应填写数字']],
  ])('%j → %j', (value, messages) => {
    const got = messagesFor(half, value);
    if (messages.length === 0) expect(got).toEqual([]);
    else for (const m of messages) expect(got.join('；')).toContain(m.replace('自评分', ''));
  });
  it('defaults to a step of 0.01', () => {
    const plain = field('ratio', '比例', 'number', false) as FormField;
    expect(messagesFor(plain, 1.25)).toEqual([]);
    expect(messagesFor(plain, 1.255).join('')).toContain('应为 0.01 的整数倍');
  });
  it('the definition schema takes a step and refuses a step that is not positive', () => {
    expect(formFieldSchema.safeParse(half).success).toBe(true);
    expect(formFieldSchema.safeParse({ ...half, step: 0 }).success).toBe(false);
  });
});
