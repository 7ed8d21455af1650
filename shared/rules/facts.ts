import { addMonthsClamped, type ChinaDate, isValidChinaDate } from '../calendar/china-time';
import { getForm, inputFields, numberTypes } from '../forms';
import { type Condition, type Fact, type Facts, type FactTest, type Programme, type SkipRule, skipCondition } from '../programmes/schema';
import type { FactValue } from '../schemas/application';
import type { HostUnit, HostUnitKind, Society } from '../schemas/org';

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

/**
 * Evaluates a condition (shared/programmes/schema.ts Condition), three-valued: `all` is false as soon
 * as one part is false, true when all are true, else unknown; `any` the dual; `atLeast n of` is true
 * when n parts are true, false when n can no longer be reached, else unknown; `not` swaps true/false.
 * The reason lists the parts that decided it, in Chinese.
 */
export function evaluateCondition(programme: Programme, condition: Condition, facts: Facts, today: ChinaDate): TestOutcome {
  if ('fact' in condition) return evaluateTest(factOf(programme, condition.fact), condition.test, facts[condition.fact], today);
  if ('not' in condition) {
    const inner = evaluateCondition(programme, condition.not, facts, today);
    return { result: inner.result === 'unknown' ? 'unknown' : !inner.result, reason: `并非（${inner.reason}）` };
  }
  const parts = ('all' in condition ? condition.all : 'any' in condition ? condition.any : condition.of).map((c) =>
    evaluateCondition(programme, c, facts, today),
  );
  const need = 'all' in condition ? parts.length : 'any' in condition ? 1 : condition.atLeast;
  const yes = parts.filter((p) => p.result === true).length;
  const unknown = parts.filter((p) => p.result === 'unknown').length;
  const result: TestResult = yes >= need ? true : yes + unknown < need ? false : 'unknown';
  const name = 'all' in condition ? '全部满足' : 'any' in condition ? '满足任一' : `${parts.length} 项中至少满足 ${need} 项`;
  return { result, reason: `${name}（满足 ${yes} 项）：${parts.map((p) => p.reason).join('；')}` };
}

/** A condition in Chinese as staff read it, e.g. "会员人数不少于 500 人，或 …". */
export function describeCondition(programme: Programme, condition: Condition): string {
  if ('fact' in condition) {
    const fact = factOf(programme, condition.fact);
    return `${fact?.label ?? condition.fact}${describeTest(fact, condition.test)}`;
  }
  if ('not' in condition) return `并非“${describeCondition(programme, condition.not)}”`;
  const parts = ('all' in condition ? condition.all : 'any' in condition ? condition.any : condition.of).map((c) =>
    describeCondition(programme, c),
  );
  if (parts.length === 1 && !('atLeast' in condition)) return parts[0]!;
  if ('all' in condition) return `同时满足：${parts.join('；')}`;
  if ('any' in condition) return `满足任一：${parts.join('；')}`;
  return `以下 ${parts.length} 项中至少满足 ${condition.atLeast} 项：${parts.join('；')}`;
}

/**
 * A skip rule applies when every `all` condition is true and, if `any` is given, at least one `any`
 * condition is true, and its `when` holds (skipCondition). An unknown fact never skips a stage (the
 * application takes the full route).
 */
export function skipApplies(programme: Programme, rule: SkipRule, facts: Facts, today: ChinaDate): boolean {
  return evaluateCondition(programme, skipCondition(rule), facts, today).result === true;
}

// ───────────────────────── where each fact comes from ─────────────────────────

/** A fact value as stored (shared/schemas/application.ts): undefined = not answered, null = "none" (dates) or not answered. */
export type { FactValue };

/**
 * Facts the engine takes from the organisation's records instead of asking the applicant (the
 * records are authoritative). Only used when a programme declares a fact with this id and type.
 */
export const ORG_FACTS = {
  hostUnitKind: 'string',
  societyLevel: 'string',
  hasFundedExpertWorkstation: 'boolean',
} as const;
export type OrgFacts = Partial<{ hostUnitKind: HostUnitKind; societyLevel: Society['level']; hasFundedExpertWorkstation: boolean }>;

export type FactSource = 'org' | 'form' | 'declared' | 'staff';

/**
 * Where each programme fact comes from, for one kind — generic over every definition:
 *   'org'      a fact named in ORG_FACTS (建站单位性质 from the host unit record …),
 *   'form'     a fact whose id is also an input field of the kind's form with a compatible type
 *              (the station form's 申报级别 `level`; a yes/no select answers a boolean fact),
 *   'declared' every other fact: the applicant answers it in the generated 申报条件自查 step,
 *              with the label the programme gives it,
 *   'staff'    a fact with answeredBy 'staff': a judgement the scorer gives on the score sheet, never
 *              asked of the applicant.
 */
export function factSources(
  programme: Programme,
  kindId: string,
  org: { hasHostUnit: boolean; hasSociety: boolean },
): Record<string, FactSource> {
  const kind = programme.kinds.find((k) => k.id === kindId);
  const form = kind ? getForm(kind.formId) : undefined;
  const fields = new Map((form ? inputFields(form) : []).map((p) => [p.field.key, p.field] as const));
  const out: Record<string, FactSource> = {};
  for (const fact of programme.facts) {
    if (fact.answeredBy === 'staff') {
      out[fact.id] = 'staff';
      continue;
    }
    const orgType = (ORG_FACTS as Record<string, string>)[fact.id];
    const orgAvailable = fact.id === 'societyLevel' ? org.hasSociety : org.hasHostUnit;
    if (orgType === fact.type && orgAvailable) {
      out[fact.id] = 'org';
      continue;
    }
    const field = fields.get(fact.id);
    if (
      field &&
      fieldAnswersFact(
        field.type,
        field.options?.map((o) => o.value),
        fact.type,
      )
    ) {
      out[fact.id] = 'form';
      continue;
    }
    out[fact.id] = 'declared';
  }
  return out;
}

const isYesNo = (values: readonly string[] | undefined) =>
  values !== undefined && values.length === 2 && values.includes('yes') && values.includes('no');

function fieldAnswersFact(fieldType: string, optionValues: readonly string[] | undefined, factType: string): boolean {
  switch (factType) {
    case 'boolean':
      return fieldType === 'select' && isYesNo(optionValues);
    case 'number':
      return (numberTypes as ReadonlySet<string>).has(fieldType);
    case 'date':
      return fieldType === 'date';
    case 'string':
      return fieldType === 'select' || fieldType === 'text';
    default:
      return false;
  }
}

function formValueAsFact(value: unknown, factType: string): FactValue | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (factType === 'boolean') return value === 'yes' ? true : value === 'no' ? false : undefined;
  if (factType === 'number') return typeof value === 'number' ? value : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** The facts eligibility reads, gathered from the org records, the form values and the declared answers. */
export function gatherFacts(
  programme: Programme,
  kindId: string,
  input: {
    values: Readonly<Record<string, unknown>>;
    declared: Readonly<Record<string, FactValue>>;
    org: OrgFacts;
    hasHostUnit: boolean;
    hasSociety: boolean;
  },
): Facts {
  const sources = factSources(programme, kindId, { hasHostUnit: input.hasHostUnit, hasSociety: input.hasSociety });
  const facts: Record<string, FactValue | undefined> = {};
  for (const fact of programme.facts) {
    const source = sources[fact.id];
    if (source === 'org') facts[fact.id] = (input.org as Record<string, FactValue | undefined>)[fact.id];
    else if (source === 'form') facts[fact.id] = formValueAsFact(input.values[fact.id], fact.type);
    else if (source === 'declared' && Object.hasOwn(input.declared, fact.id)) facts[fact.id] = input.declared[fact.id];
  }
  return facts;
}

/** The org facts the records give: the host unit's kind and funded workstation, the society's level. */
export function orgFactsOf(org: {
  hostUnit: Pick<HostUnit, 'kind' | 'hasFundedExpertWorkstation'> | null;
  society: Pick<Society, 'level'> | null;
}): OrgFacts {
  const out: OrgFacts = {};
  if (org.hostUnit) {
    out.hostUnitKind = org.hostUnit.kind;
    out.hasFundedExpertWorkstation = org.hostUnit.hasFundedExpertWorkstation;
  }
  if (org.society) out.societyLevel = org.society.level;
  return out;
}
