import { getForm } from '../../../shared/forms';
import type { Fact } from '../../../shared/programmes';
import { declaredFactIssues, draftValueIssues, refusedDraftValues, valueIssues } from '../../../shared/rules/drafts';
import { factSources } from '../../../shared/rules/facts';
import { programme } from './fixtures';

const form = getForm('yiyang-station-2023/station')!;
const station = programme('yiyang-station-2023');
const org = { hasHostUnit: true, hasSociety: true };

describe('refusedDraftValues (what a draft cannot keep)', () => {
  it.each<[string, Record<string, unknown>, string | null]>([
    ['a half-typed mobile number is kept', { contactMobile: '1380' }, null],
    ['a list of choices is kept', { contactMobile: ['a', 'b'] }, null],
    ['null is kept', { contactMobile: null }, null],
    ['a field the form does not have', { nope: 'x' }, '表单「益阳市重点产业领域学会服务站申报书」中没有可填写的项目：nope'],
    [
      'a field that mirrors another (not filled in)',
      { unitName: 'x' },
      '表单「益阳市重点产业领域学会服务站申报书」中没有可填写的项目：unitName',
    ],
    ['an object', { address: { a: 1 } }, '填写的内容格式不正确'],
    ['a list of numbers', { address: [1] }, '填写的内容格式不正确'],
    ['10 000 characters', { address: 'x'.repeat(10_000) }, null],
    ['10 001 characters', { address: 'x'.repeat(10_001) }, '填写的内容过长'],
  ])('%s', (_name, values, message) => {
    const refused = refusedDraftValues(form, values);
    expect(refused[0]?.message ?? null).toBe(message);
    if (message) expect(refused[0]?.path).toBe(`values.${Object.keys(values)[0]}`);
  });
});

describe('draftValueIssues (format problems, kept and marked)', () => {
  it('marks a malformed mobile number under values.<key>, and nothing when well-formed', () => {
    expect(draftValueIssues(form, { contactMobile: '1380' }).map((i) => i.path)).toEqual(['values.contactMobile']);
    expect(draftValueIssues(form, { contactMobile: '13800138000' })).toEqual([]);
  });
  it('maps zod paths to values.<key>', () => {
    expect(valueIssues([{ path: ['budget', 0, 'amount'], message: 'm' }])).toEqual([{ path: 'values.budget.0.amount', message: 'm' }]);
  });
});

describe('declaredFactIssues (申报条件自查: only facts the applicant answers, in the fact’s type)', () => {
  const sources = factSources(station, 'station', org);
  const declared = (type: Fact['type'], withOptions = false) =>
    station.facts.find((f) => sources[f.id] === 'declared' && f.type === type && Boolean(f.options) === withOptions)!;
  const bool = declared('boolean');
  const num = declared('number');
  const fromOrg = station.facts.find((f) => sources[f.id] === 'org')!;

  it.each<[string, Record<string, unknown>, string | null]>([
    ['a yes/no answer', { [bool.id]: true }, null],
    ['“none” for any fact', { [bool.id]: null }, null],
    ['a number in range', { [num.id]: 1_000_000 }, null],
    ['a negative number', { [num.id]: -1 }, `“${num.label}”的回答格式不正确`],
    ['a number too large', { [num.id]: 1_000_001 }, `“${num.label}”的回答格式不正确`],
    ['a string for a yes/no fact', { [bool.id]: 'yes' }, `“${bool.label}”的回答格式不正确`],
    ['a fact the records answer', { [fromOrg.id]: 'x' }, `申报条件自查中没有此项：${fromOrg.id}`],
    ['an unknown fact', { nope: true }, '申报条件自查中没有此项：nope'],
  ])('%s', (_name, facts, message) => {
    expect(declaredFactIssues(station, 'station', facts, org)[0]?.message ?? null).toBe(message);
  });

  it('checks dates and options by the fact’s type', () => {
    const p = {
      ...station,
      facts: [
        { id: 'awardedOn', label: '表彰日期', type: 'date' as const },
        { id: 'tier', label: '级别', type: 'string' as const, options: [{ value: 'a', label: '甲' }] },
        { id: 'note', label: '说明', type: 'string' as const },
      ],
    };
    const issues = (facts: Record<string, unknown>) => declaredFactIssues(p, 'station', facts, org).map((i) => i.path);
    expect(issues({ awardedOn: '2025-01-01', tier: 'a', note: '任意' })).toEqual([]);
    expect(issues({ awardedOn: '2025/01/01', tier: 'b', note: 3 })).toEqual(['facts.awardedOn', 'facts.tier', 'facts.note']);
  });
});
