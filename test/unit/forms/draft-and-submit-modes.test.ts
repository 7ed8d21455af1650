import { emptyValues, formSchema, yiyangStationForm } from '../../../shared/forms';
import { field } from '../../../shared/forms/blocks';
import { filled, formWith } from './fill';

/**
 * A secretary fills the form over several sittings: a draft may be anything-but-wrong, a
 * submission must be complete. Both modes check the format of whatever is filled in.
 */
const twoFields = formWith(field('contactMobile', '联系人手机', 'mobile', true), field('contactEmail', '电子邮件', 'email', false));

describe('draft mode', () => {
  const draft = formSchema(yiyangStationForm, { mode: 'draft' });

  it('accepts an untouched form', () => {
    expect(draft.safeParse({}).success).toBe(true);
    expect(draft.safeParse(emptyValues(yiyangStationForm)).success).toBe(true);
  });

  it('gives back every key, blanks as their empty values', () => {
    expect(draft.parse({})).toEqual(emptyValues(yiyangStationForm));
  });

  it('still refuses a malformed value that is filled in', () => {
    const r = draft.safeParse({ contactMobile: '1390737123' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['contactMobile', '联系人手机：手机号应为 11 位数字，以 13-19 开头'],
    ]);
  });

  it('treats a blank (spaces only) required field as not filled in, not as an error', () => {
    expect(draft.safeParse({ stationName: '   ' }).success).toBe(true);
  });
});

describe('submit mode', () => {
  const submit = formSchema(yiyangStationForm, { mode: 'submit' });

  it('accepts a complete form', () => {
    expect(submit.safeParse(filled(yiyangStationForm)).success).toBe(true);
  });

  it('refuses an empty form, once per required field, asking in Chinese', () => {
    const r = submit.safeParse({});
    const messages = r.error?.issues.map((i) => i.message) ?? [];
    expect(messages).toContain('请填写学会服务站名称');
    expect(messages).toContain('请选择单位性质');
    expect(messages).toContain('请填写建站学会联系人手机');
    expect(messages.every((m) => /^请(填写|选择)/.test(m))).toBe(true);
  });

  it('lets optional fields stay blank', () => {
    const values = { ...filled(yiyangStationForm), contactFax: '', contactEmail: '', societyQq: '' };
    expect(submit.safeParse(values).success).toBe(true);
  });

  it.each([
    ['required and blank', { contactMobile: '' }, ['请填写联系人手机']],
    ['required and malformed', { contactMobile: '12345' }, ['联系人手机：手机号应为 11 位数字，以 13-19 开头']],
    ['optional and malformed', { contactMobile: '13907371234', contactEmail: 'kexie@' }, ['电子邮件：邮箱格式不正确']],
    ['both fine', { contactMobile: '13907371234' }, []],
  ])('a field %s', (_case, values, messages) => {
    const r = formSchema(twoFields, { mode: 'submit' }).safeParse(values);
    expect(r.success ? [] : r.error.issues.map((i) => i.message)).toEqual(messages);
  });
});

describe('in both modes', () => {
  it.each(['draft', 'submit'] as const)('%s refuses keys the form does not have, naming them', (mode) => {
    const r = formSchema(twoFields, { mode }).safeParse({ contactMobile: '13907371234', contactMobil: '13907371234' });
    expect(r.error?.issues.map((i) => i.message)).toEqual(['表单「测试表单」中没有这些项目：contactMobil']);
  });

  it.each(['draft', 'submit'] as const)('%s refuses a paper opinion or a mirrored cell sent from the phone', (mode) => {
    const r = formSchema(yiyangStationForm, { mode }).safeParse({
      ...filled(yiyangStationForm),
      cityCastOpinion: '同意',
      unitName: '某单位',
    });
    expect(r.error?.issues.map((i) => i.code)).toEqual(['unrecognized_keys']);
  });

  it.each([null, 'values', ['a'], 42])('refuses %j instead of an object of values', (input) => {
    const r = formSchema(twoFields, { mode: 'draft' }).safeParse(input);
    expect(r.error?.issues.map((i) => i.message)).toEqual(['申报内容格式不正确']);
  });
});
