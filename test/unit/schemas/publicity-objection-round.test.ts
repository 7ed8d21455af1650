import { objectionSchema, publicitySchema, roundSchema } from '../../../shared/schemas/application';
import { T0 } from './fixtures';

const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.success ? [] : (r.error?.issues.map((i) => `${i.path.join('.')}|${i.message}`) ?? []);

describe('a publicity period (seed 004 第八条(三) ≥5 working days; seed 000 5 天; seed 001 十天)', () => {
  // as stored on its application (the view adds `over`)
  const publicity = (startDate: string, endDate: string, dayKind = 'working') => ({
    startDate,
    endDate,
    dayKind,
    days: 5,
    note: '',
    calendarNote: '',
  });
  it.each<[string, ReturnType<typeof publicity>, string[]]>([
    ['one week of working days', publicity('2023-10-09', '2023-10-13'), []],
    ['a single day', publicity('2023-10-09', '2023-10-09'), []],
    ['ending before it starts', publicity('2023-10-09', '2023-10-08'), ['endDate|公示结束日期不能早于开始日期']],
    ['ending on 2月30日', publicity('2024-02-26', '2024-02-30', 'calendar'), ['endDate|2024 年 2 月只有 29 天，没有 30 日']],
    [
      'an unknown kind of day',
      publicity('2023-10-09', '2023-10-13', 'lunar'),
      ['dayKind|Invalid option: expected one of "working"|"calendar"'],
    ],
  ])('%s', (_case, value, expected) => {
    expect(messages(publicitySchema.safeParse(value))).toEqual(expected);
  });
});

describe('an objection', () => {
  const open = {
    id: 'obj-1',
    applicationId: 'app-1',
    filedBy: 'p-7',
    filedAt: T0,
    content: '该单位未设专门服务机构',
    status: 'open',
    resolution: null,
    resolvedBy: null,
    resolvedAt: null,
  };
  const resolved = {
    ...open,
    status: 'resolved',
    resolution: '经核实已设立服务机构，异议不成立',
    resolvedBy: 'staff-1',
    resolvedAt: T0 + 86_400_000,
  };
  it.each<[string, object, string[]]>([
    ['open, unresolved', open, []],
    ['resolved with resolution, resolver and time', resolved, []],
    ['resolved without a resolution', { ...resolved, resolution: null }, ['resolution|已处理的异议必须有处理意见、处理人和处理时间']],
    ['resolved without a time', { ...resolved, resolvedAt: null }, ['resolution|已处理的异议必须有处理意见、处理人和处理时间']],
    ['open but carrying a resolution', { ...open, resolution: '已处理' }, ['status|未处理的异议不应有处理结果']],
    ['resolved before it was filed', { ...resolved, resolvedAt: T0 - 1 }, ['resolvedAt|处理时间早于提出时间']],
    ['with blank content', { ...open, content: '  ' }, ['content|异议内容不能为空']],
  ])('%s', (_case, value, expected) => {
    expect(messages(objectionSchema.safeParse(value))).toEqual(expected);
  });
});

describe('a round (seed 004 第八条: 每两年接受建站申请)', () => {
  const round = (opensOn: string, closesOn: string) => ({
    id: 'round-2023',
    programmeId: 'yiyang-station-2023',
    title: '2023年学会服务站认定',
    opensOn,
    closesOn,
    quotas: {},
    createdAt: T0,
  });
  it.each<[string, ReturnType<typeof round>, string[]]>([
    ['open for a month', round('2023-10-01', '2023-10-31'), []],
    ['open for one day', round('2023-10-01', '2023-10-01'), []],
    ['closing before it opens', round('2023-10-01', '2023-09-30'), ['closesOn|截止日期不能早于开始日期']],
    ['closing across the year end', round('2023-12-01', '2024-01-15'), []],
  ])('%s', (_case, value, expected) => {
    expect(messages(roundSchema.safeParse(value))).toEqual(expected);
  });
});
