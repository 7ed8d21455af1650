import type { Fact, FactTest } from '../../../shared/programmes';
import { describeTest, describeValue, evaluateTest, skipApplies } from '../../../shared/rules/facts';
import { programme } from './fixtures';

const bool: Fact = { id: 'b', label: '有党组织', type: 'boolean' };
const num: Fact = { id: 'n', label: '专家人数', type: 'number', unit: '人' };
const date: Fact = { id: 'd', label: '最近表彰日期', type: 'date' };
const str: Fact = { id: 's', label: '级别', type: 'string', options: [{ value: 'city', label: '市级' }] };
const today = '2025-06-01';

describe('each test on each value', () => {
  it.each([
    [bool, { op: 'isTrue' }, true, true],
    [bool, { op: 'isTrue' }, false, false],
    [bool, { op: 'isFalse' }, false, true],
    [num, { op: 'atLeast', n: 5 }, 5, true],
    [num, { op: 'atLeast', n: 5 }, 4, false],
    [num, { op: 'atMost', n: 5 }, 5, true],
    [num, { op: 'atMost', n: 5 }, 6, false],
    [num, { op: 'equals', value: 2 }, 2, true],
    [bool, { op: 'equals', value: true }, false, false],
    [str, { op: 'equals', value: 'city' }, 'city', true],
    [str, { op: 'oneOf', values: ['city'] }, 'county', false],
    [date, { op: 'withinYears', n: 1 }, '2024-06-01', true],
    [date, { op: 'withinYears', n: 1 }, '2024-05-31', false],
    [date, { op: 'withinYears', n: 1 }, null, false],
    [num, { op: 'atLeast', n: 1 }, null, 'unknown'],
    [num, { op: 'atLeast', n: 1 }, undefined, 'unknown'],
    [num, { op: 'atLeast', n: 1 }, Number.NaN, 'unknown'],
    [date, { op: 'withinYears', n: 1 }, '2025-13-01', 'unknown'],
    [date, { op: 'withinYears', n: 1 }, '2025-06-02', 'unknown'],
    [undefined, { op: 'isTrue' }, true, 'unknown'],
  ] as [Fact | undefined, FactTest, boolean | number | string | null | undefined, boolean | 'unknown'][])(
    '%o %o on %p → %p',
    (fact, test, value, expected) => {
      expect(evaluateTest(fact, test, value, today).result).toBe(expected);
    },
  );
});

describe('Chinese wording', () => {
  it.each([
    [bool, { op: 'isTrue' }, '为“是”'],
    [bool, { op: 'isFalse' }, '为“否”'],
    [num, { op: 'atLeast', n: 5 }, '不少于 5 人'],
    [num, { op: 'atMost', n: 3 }, '不多于 3 人'],
    [num, { op: 'equals', value: 2 }, '为 2 人'],
    [bool, { op: 'equals', value: false }, '为“否”'],
    [str, { op: 'equals', value: 'city' }, '为“市级”'],
    [str, { op: 'oneOf', values: ['city', 'x'] }, '为以下之一：市级、x'],
    [date, { op: 'withinYears', n: 3 }, '在近 3 年内'],
    [undefined, { op: 'atLeast', n: 2 }, '不少于 2'],
  ] as [Fact | undefined, FactTest, string][])('%o %o reads %s', (fact, test, text) => {
    expect(describeTest(fact, test)).toBe(text);
  });
  it('describes values', () => {
    expect(describeValue(bool, true)).toBe('是');
    expect(describeValue(num, 4)).toBe('4 人');
    expect(describeValue({ ...num, unit: undefined }, 4)).toBe('4');
    expect(describeValue(str, 'city')).toBe('市级');
    expect(describeValue(date, null)).toBe('无');
  });
  it('gives the value and the requirement in a not-met reason', () => {
    expect(evaluateTest(num, { op: 'atLeast', n: 5 }, 4, today).reason).toBe(
      '专家人数：4 人（要求不少于 5 人），不满足“专家人数应不少于 5 人”',
    );
    expect(evaluateTest(num, { op: 'atLeast', n: 5 }, undefined, today).reason).toBe('尚未填写“专家人数”');
    expect(evaluateTest(undefined, { op: 'isTrue' }, null, today).reason).toBe('尚未填写“该项”');
  });
});

describe('skip rules', () => {
  const station = programme('yiyang-station-2023');
  const rule = station.stages[0]!.skipWhen!;
  it('need every "all" condition and one "any" condition', () => {
    expect(skipApplies(station, rule, { applyDirectToCity: true, hasOwnCast: true }, today)).toBe(true);
    expect(skipApplies(station, rule, { applyDirectToCity: true, isCitySociety: true }, today)).toBe(true);
    expect(skipApplies(station, rule, { applyDirectToCity: false, hasOwnCast: true }, today)).toBe(false);
    expect(skipApplies(station, rule, { applyDirectToCity: true }, today)).toBe(false);
  });
  it('with only "all" or only "any" conditions', () => {
    expect(skipApplies(station, { ...rule, any: undefined }, { applyDirectToCity: true }, today)).toBe(true);
    expect(skipApplies(station, { ...rule, all: undefined }, { isCitySociety: true }, today)).toBe(true);
  });
});
