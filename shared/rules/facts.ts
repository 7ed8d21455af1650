import { addMonthsClamped, type ChinaDate, isValidChinaDate } from '../calendar/china-time';
import type { Fact, FactCondition, Facts, FactTest, Programme, SkipRule } from '../programmes/schema';

/**
 * Evaluates one test of a programme definition on one applicant fact. Pure; `today` is the China
 * calendar date the caller derived from `now`.
 *
 * Value conventions (Facts): undefined / absent = unknown; null = "none" — for a date fact it means the
 * event never happened (so "within n years" is false), for any other fact it is unknown.
 */
export type TestResult = true | false | 'unknown';
export interface TestOutcome {
  result: TestResult;
  /** Chinese: what the value is against what is required */
  reason: string;
}

const yesNo = (b: boolean) => (b ? '是' : '否');

function optionLabel(fact: Fact | undefined, value: string): string {
  return fact?.options?.find((o) => o.value === value)?.label ?? value;
}

/** The requirement in Chinese, e.g. "不少于 5 人", "近 3 年内". */
export function describeTest(fact: Fact | undefined, test: FactTest): string {
  const unit = fact?.unit ? ` ${fact.unit}` : '';
  switch (test.op) {
    case 'isTrue':
      return '为“是”';
    case 'isFalse':
      return '为“否”';
    case 'atLeast':
      return `不少于 ${test.n}${unit}`;
    case 'atMost':
      return `不多于 ${test.n}${unit}`;
    case 'equals':
      return typeof test.value === 'boolean'
        ? `为“${yesNo(test.value)}”`
        : typeof test.value === 'string'
          ? `为“${optionLabel(fact, test.value)}”`
          : `为 ${test.value}${unit}`;
    case 'oneOf':
      return `为以下之一：${test.values.map((v) => optionLabel(fact, v)).join('、')}`;
    case 'withinYears':
      return `在近 ${test.n} 年内`;
  }
}

/** The value in Chinese. */
export function describeValue(fact: Fact | undefined, value: boolean | number | string | null): string {
  if (value === null) return '无';
  if (typeof value === 'boolean') return yesNo(value);
  if (typeof value === 'number') return `${value}${fact?.unit ? ` ${fact.unit}` : ''}`;
  return optionLabel(fact, value);
}

const typeOk: Record<Fact['type'], (v: unknown) => boolean> = {
  boolean: (v) => typeof v === 'boolean',
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  string: (v) => typeof v === 'string',
  date: (v) => isValidChinaDate(v),
};

/** Runs `test` on `value` of `fact`. */
export function evaluateTest(fact: Fact | undefined, test: FactTest, value: Facts[string], today: ChinaDate): TestOutcome {
  const name = fact?.label ?? '该项';
  const requirement = `${name}应${describeTest(fact, test)}`;
  if (value === undefined) return { result: 'unknown', reason: `尚未填写“${name}”` };
  if (value === null && test.op === 'withinYears') {
    return { result: false, reason: `${name}：无记录（要求${describeTest(fact, test)}）` };
  }
  if (value === null) return { result: 'unknown', reason: `尚未填写“${name}”` };
  if (!fact || !typeOk[fact.type](value)) return { result: 'unknown', reason: `“${name}”的数据类型不正确，无法判断` };

  let ok: boolean;
  switch (test.op) {
    case 'isTrue':
      ok = value === true;
      break;
    case 'isFalse':
      ok = value === false;
      break;
    case 'atLeast':
      ok = (value as number) >= test.n;
      break;
    case 'atMost':
      ok = (value as number) <= test.n;
      break;
    case 'equals':
      ok = value === test.value;
      break;
    case 'oneOf':
      ok = test.values.includes(value as string);
      break;
    case 'withinYears': {
      const date = value as ChinaDate;
      if (date > today) return { result: 'unknown', reason: `${name}（${date}）晚于今天，请核对` };
      // "近n年内": on or after the same calendar day n years ago (29 Feb clamps to 28 Feb).
      ok = date >= addMonthsClamped(today, -12 * test.n);
      break;
    }
  }
  return {
    result: ok,
    reason: `${name}：${describeValue(fact, value)}（要求${describeTest(fact, test)}）${ok ? '' : `，不满足“${requirement}”`}`,
  };
}

export function factOf(programme: Programme, id: string): Fact | undefined {
  return programme.facts.find((f) => f.id === id);
}

export function evaluateCondition(programme: Programme, condition: FactCondition, facts: Facts, today: ChinaDate): TestOutcome {
  return evaluateTest(factOf(programme, condition.fact), condition.test, facts[condition.fact], today);
}

/**
 * A skip rule applies when every `all` condition is true and, if `any` is given, at least one `any`
 * condition is true. An unknown fact never skips a stage (the application takes the full route).
 */
export function skipApplies(programme: Programme, rule: SkipRule, facts: Facts, today: ChinaDate): boolean {
  const holds = (c: FactCondition) => evaluateCondition(programme, c, facts, today).result === true;
  const all = rule.all ?? [];
  const any = rule.any ?? [];
  return all.every(holds) && (any.length === 0 || any.some(holds));
}
