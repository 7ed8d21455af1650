import type { FieldIssue } from '../errors';
import { type FormDefinition, formSchema, inputFields, takesInput } from '../forms';
import type { Programme } from '../programmes/schema';
import { factSources } from './facts';

/**
 * What a draft application may hold. Draft values are kept as typed — a half-typed phone number is
 * saved, never lost — but the keys must be fields of the form that take input, and the values plain;
 * format problems are issues for the page to mark (submit refuses until they are fixed). Declared
 * facts (申报条件自查) must be facts the applicant answers, with the fact's type.
 */

/** Issues of a zod parse of form values, as `values.<key>` paths. */
export const valueIssues = (issues: readonly { path: PropertyKey[]; message: string }[]): FieldIssue[] =>
  issues.map((i) => ({ path: ['values', ...i.path.map(String)].join('.'), message: i.message }));

const isPlainValue = (v: unknown) =>
  v === null ||
  typeof v === 'string' ||
  typeof v === 'number' ||
  typeof v === 'boolean' ||
  (Array.isArray(v) && v.every((x) => typeof x === 'string'));

/** Draft values that cannot be kept at all (refused): unknown or non-input keys, non-plain or over-long values. */
export function refusedDraftValues(form: FormDefinition, values: Readonly<Record<string, unknown>>): FieldIssue[] {
  const byKey = new Map(inputFields(form).map((p) => [p.field.key, p.field] as const));
  const refused: FieldIssue[] = [];
  for (const [key, v] of Object.entries(values)) {
    const field = byKey.get(key);
    if (!field || !takesInput(field)) refused.push({ path: `values.${key}`, message: `表单「${form.title}」中没有可填写的项目：${key}` });
    else if (!isPlainValue(v)) refused.push({ path: `values.${key}`, message: '填写的内容格式不正确' });
    else if (typeof v === 'string' && v.length > 10_000) refused.push({ path: `values.${key}`, message: '填写的内容过长' });
  }
  return refused;
}

/** Format problems of kept draft values (the form's draft schema), for the page to mark. */
export function draftValueIssues(form: FormDefinition, values: Readonly<Record<string, unknown>>): FieldIssue[] {
  const parsed = formSchema(form, { mode: 'draft' }).safeParse(values);
  return parsed.success ? [] : valueIssues(parsed.error.issues);
}

/** Declared answers that are not facts the applicant answers, or not of the fact's type. */
export function declaredFactIssues(
  programme: Programme,
  kindId: string,
  facts: Readonly<Record<string, unknown>>,
  org: { hasHostUnit: boolean; hasSociety: boolean },
): FieldIssue[] {
  const sources = factSources(programme, kindId, org);
  const issues: FieldIssue[] = [];
  for (const [id, v] of Object.entries(facts)) {
    const fact = programme.facts.find((f) => f.id === id);
    if (!fact || sources[id] !== 'declared') {
      issues.push({ path: `facts.${id}`, message: `申报条件自查中没有此项：${id}` });
      continue;
    }
    const ok =
      v === null ||
      (fact.type === 'boolean' && typeof v === 'boolean') ||
      (fact.type === 'number' && typeof v === 'number' && v >= 0 && v <= 1_000_000) ||
      (fact.type === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) ||
      (fact.type === 'string' && typeof v === 'string' && (!fact.options || fact.options.some((o) => o.value === v)));
    if (!ok) issues.push({ path: `facts.${id}`, message: `“${fact.label}”的回答格式不正确` });
  }
  return issues;
}
