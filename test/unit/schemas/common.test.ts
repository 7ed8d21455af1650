import {
  chinaDateSchema,
  emailSchema,
  formDateSchema,
  idSchema,
  landlineSchema,
  mobileSchema,
  optionalText,
  percentSchema,
  postcodeSchema,
  qqSchema,
  requestIdSchema,
  text,
  wechatIdSchema,
  yuanSchema,
} from '../../../shared/schemas/common';
import { recordKindLabels, recordKinds, stationRecordSchema } from '../../../shared/schemas/records';

const ok = (s: { safeParse(v: unknown): { success: boolean } }, v: unknown) => s.safeParse(v).success;
const firstMessage = (s: { safeParse(v: unknown): { success: boolean; error?: { issues: { message: string }[] } } }, v: unknown) =>
  s.safeParse(v).error?.issues[0]?.message;

describe('China dates (YYYY-MM-DD that really exist)', () => {
  it.each([
    ['2024-02-29', true], // leap day
    ['2023-02-29', false], // not a leap year
    ['2026-02-30', false],
    ['2026-04-31', false],
    ['2026-12-31', true],
    ['2026-13-01', false],
    ['1999-12-31', false], // outside the supported range
    ['2100-12-31', true],
    ['2101-01-01', false],
    ['2026-1-5', false],
    ['2026/01/05', false],
  ])('%s → %s', (v, expected) => {
    expect(ok(chinaDateSchema, v)).toBe(expected);
  });
  it('says in Chinese what is wrong', () => {
    expect(firstMessage(chinaDateSchema, '2026/01/05')).toBe('日期格式应为 YYYY-MM-DD，例如 1985-06-12');
    expect(firstMessage(chinaDateSchema, '2026-02-30')).toBe('2026 年 2 月只有 28 天，没有 30 日');
    expect(firstMessage(chinaDateSchema, '2026-13-01')).toBe('月份应为 01 至 12，不能是 13');
    expect(firstMessage(chinaDateSchema, '1999-12-31')).toBe('日期不能早于 2000-01-01');
  });
});

describe('dates written on forms (issue 15, finding 1)', () => {
  it.each([
    ['1985-06-12', true], // a society founded in 1985
    ['1900-01-01', true],
    ['1899-12-31', false],
    ['1988-02-29', true],
    ['1987-02-29', false],
    ['2100-12-31', true],
  ])('%s → %s', (v, expected) => {
    expect(ok(formDateSchema, v)).toBe(expected);
  });
  it('never calls a real date "日期不存在": the message names what is wrong', () => {
    expect(firstMessage(formDateSchema, '1899-12-31')).toBe('日期不能早于 1900-01-01');
    expect(firstMessage(formDateSchema, '1987-02-29')).toBe('1987 年 2 月只有 28 天，没有 29 日');
  });
});

describe('contact formats', () => {
  it.each([
    [mobileSchema, '13812345678', true],
    [mobileSchema, '12812345678', false],
    [mobileSchema, '1381234567', false],
    [mobileSchema, ' 13812345678 ', true],
    [landlineSchema, '0737-4221234', true],
    [landlineSchema, '07374221234', true],
    [landlineSchema, '0737-4221234-801', true],
    [landlineSchema, '4221234', true],
    [landlineSchema, '0737-42212', false],
    [postcodeSchema, '413000', true],
    [postcodeSchema, '013000', false],
    [postcodeSchema, '41300', false],
    [emailSchema, 'kx@yiyang.gov.cn', true],
    [emailSchema, 'kx@', false],
    [qqSchema, '12345', true],
    [qqSchema, '01234', false],
    [wechatIdSchema, 'yiyang_kx', true],
    [wechatIdSchema, '13812345678', true],
    [wechatIdSchema, '1abc', false],
  ] as const)('%#: %s', (schema, v, expected) => {
    expect(ok(schema, v)).toBe(expected);
  });
});

describe('free text is trimmed and capped; money is integer yuan', () => {
  it('trims and refuses empty or over-long text with the field label', () => {
    expect(text(5, '题目').parse('  你好  ')).toBe('你好');
    expect(firstMessage(text(5, '题目'), '   ')).toBe('题目不能为空');
    expect(firstMessage(text(5, '题目'), '一二三四五六')).toBe('题目不能超过 5 个字');
    expect(optionalText(5).parse(undefined)).toBe('');
  });
  it.each([
    [50000, true],
    [0, true],
    [-1, false],
    [1000.5, false],
    [Number.NaN, false],
    [Number.POSITIVE_INFINITY, false],
    ['50000', false],
  ])('yuan %p → %s', (v, expected) => {
    expect(ok(yuanSchema, v)).toBe(expected);
  });
  it.each([
    [0, true],
    [100, true],
    [101, false],
    [50.5, false],
  ])('percent %p → %s', (v, expected) => {
    expect(ok(percentSchema, v)).toBe(expected);
  });
  it('ids and request ids refuse odd characters', () => {
    expect(ok(idSchema, 'st-agri_1:b')).toBe(true);
    expect(ok(idSchema, 'p.1')).toBe(false); // would read as a path inside a cloud document
    expect(ok(idSchema, 'a b')).toBe(false);
    expect(ok(idSchema, '__proto__')).toBe(true); // a plain string id; never used as an object key
    expect(ok(requestIdSchema, 'abcDEF12')).toBe(true);
    expect(ok(requestIdSchema, 'short')).toBe(false);
  });
});

describe('station records', () => {
  const base = { id: 'r1', stationId: 'st-1', authorId: 'p-1', date: '2026-03-02', status: 'pending', createdAt: 1, updatedAt: 1 };
  it('every record kind has a Chinese label', () => {
    for (const k of recordKinds) expect(recordKindLabels[k]).toMatch(/\p{Script=Han}/u);
  });
  it('a training needs a whole, positive trainee count', () => {
    const t = { ...base, kind: 'training', topic: '水稻病虫害防治', place: '赫山区农技站' };
    expect(ok(stationRecordSchema, { ...t, trainees: 45 })).toBe(true);
    expect(ok(stationRecordSchema, { ...t, trainees: 45.5 })).toBe(false);
    expect(ok(stationRecordSchema, { ...t, trainees: 0 })).toBe(false);
    expect(ok(stationRecordSchema, { ...t, trainees: 100_001 })).toBe(false);
  });
  it('a service day defaults to no check-in and no evidence', () => {
    const d = stationRecordSchema.parse({ ...base, kind: 'serviceDay', expertId: 'p-1', backfilled: false });
    expect(d).toMatchObject({ checkIn: null, evidence: [], note: '' });
  });
  it('an unknown kind is refused', () => {
    expect(ok(stationRecordSchema, { ...base, kind: 'party' })).toBe(false);
  });
});
