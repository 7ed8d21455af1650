import type { FieldIssue } from '../errors';
import { isBlank } from '../forms/to-zod';
import { type FormDefinition, type FormField, fieldName, takesInput } from '../forms/types';
import { FORM_DATE_MAX, FORM_DATE_MIN } from '../schemas/common';

/**
 * The form navigation model every multi-step form uses (issue 15, findings 1, 3, 4, 5): which step a
 * field sits on, what each step's tab shows (done / has errors / has comments), the error summary
 * grouped by step with a target to jump to, character counters and what happens to an over-long
 * paste, and the range a date picker offers. Pure: the components in miniprogram/src/components/form
 * draw it; onboarding and post-award forms reuse it with their own steps.
 */

/** A step as the navigation sees it: form steps, plus any extra page steps (自查, 材料, 提交). */
export interface NavStep {
  id: string;
  title: string;
  /** the form fields on it (none for extra steps) */
  fields: readonly FormField[];
}

export interface StepState {
  id: string;
  /** every required field filled in and nothing wrong */
  done: boolean;
  errorCount: number;
  commentCount: number;
}

/** One located problem: the step and field to jump to, and the message (named, once). */
export interface LocatedIssue {
  stepId: string;
  /** field key, or null for a problem of the whole step (a material, an unanswered fact) */
  fieldKey: string | null;
  label: string;
  message: string;
}
export interface StepIssues {
  stepId: string;
  title: string;
  issues: LocatedIssue[];
}

/** The steps of a form definition with fields that take input, then the page's extra steps. */
export function navSteps(form: FormDefinition, extra: readonly { id: string; title: string }[] = []): NavStep[] {
  return [
    ...form.steps.filter((s) => s.fields.some((f) => f.type !== 'opinion')).map((s) => ({ id: s.id, title: s.title, fields: s.fields })),
    ...extra.map((s) => ({ ...s, fields: [] })),
  ];
}

/** The key of the field an issue path names: `values.<key>` (or `values.<key>.<n>`), or a bare key. */
export const issueFieldKey = (path: string): string => {
  const parts = path.split('.');
  return (parts[0] === 'values' ? parts[1] : parts[0]) ?? '';
};

/**
 * One message per field: the first one found (a field checked by the draft parse and again by the
 * submit check, or a date refused by both, is listed once — finding 5).
 */
export function fieldErrors(issues: readonly FieldIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) {
    const key = issueFieldKey(i.path);
    if (key && !(key in out)) out[key] = i.message;
  }
  return out;
}

/**
 * The error summary: field problems grouped by the step the field is on, in step and field order,
 * each field once; `stepIssues` adds problems that belong to a step as a whole (keyed by step id).
 */
export function issuesByStep(
  steps: readonly NavStep[],
  errors: Readonly<Record<string, string>>,
  stepIssues: Readonly<Record<string, readonly string[]>> = {},
): StepIssues[] {
  const out: StepIssues[] = [];
  for (const s of steps) {
    const issues: LocatedIssue[] = [];
    for (const f of s.fields) {
      const m = errors[f.key];
      if (m !== undefined) issues.push({ stepId: s.id, fieldKey: f.key, label: fieldName(f), message: m });
    }
    for (const m of new Set(stepIssues[s.id] ?? [])) issues.push({ stepId: s.id, fieldKey: null, label: s.title, message: m });
    if (issues.length) out.push({ stepId: s.id, title: s.title, issues });
  }
  return out;
}

/** What each step's tab shows. `stepErrors` counts step-level problems (materials, facts). */
export function stepStates(
  steps: readonly NavStep[],
  input: {
    values: Readonly<Record<string, unknown>>;
    errors: Readonly<Record<string, string>>;
    comments: Readonly<Record<string, string>>;
    stepErrors?: Readonly<Record<string, number>>;
    /** extra steps known to be complete (all facts answered, all materials uploaded) */
    stepDone?: Readonly<Record<string, boolean>>;
  },
): StepState[] {
  return steps.map((s) => {
    const inputs = s.fields.filter(takesInput);
    const errorCount = inputs.filter((f) => input.errors[f.key] !== undefined).length + (input.stepErrors?.[s.id] ?? 0);
    const commentCount = s.fields.filter((f) => input.comments[f.key]).length + (input.comments[`step:${s.id}`] ? 1 : 0);
    const filled = inputs.every((f) => !f.required || !isBlank(input.values[f.key]));
    const done =
      errorCount === 0 && (s.fields.length ? filled && inputs.some((f) => !isBlank(input.values[f.key])) : input.stepDone?.[s.id] === true);
    return { id: s.id, done, errorCount, commentCount };
  });
}

/** The step a field is on, or null. */
export const stepOfField = (steps: readonly NavStep[], key: string): string | null =>
  steps.find((s) => s.fields.some((f) => f.key === key || f.mirrorOf === key))?.id ?? null;

// ───────────────────────── counters and pastes (finding 4) ─────────────────────────

/** Draft values are refused above this many characters (shared/rules/drafts.ts). */
export const DRAFT_TEXT_CAP = 10_000;
/** The counter turns amber at this share of the limit. */
export const NEAR_LIMIT = 0.9;

export interface CounterState {
  count: number;
  max: number;
  level: 'ok' | 'near' | 'over';
  /** Chinese, for the counter line */
  text: string;
}

/** Characters as a person counts them (a surrogate pair is one character). */
export const charCount = (s: string): number => Array.from(s).length;

export function counterState(value: string, max: number): CounterState {
  const count = charCount(value);
  if (count > max) return { count, max, level: 'over', text: `${count}/${max} 字，超出 ${count - max} 字，请删减后再提交` };
  if (count >= Math.floor(max * NEAR_LIMIT)) return { count, max, level: 'near', text: `${count}/${max} 字，还可输入 ${max - count} 字` };
  return { count, max, level: 'ok', text: `${count}/${max} 字` };
}

/**
 * What is kept of typed or pasted text. Decision: nothing is cut at the field's limit — the whole
 * text stays visible and saved as a draft, the counter says by how much it is over, and submitting
 * waits until it is shortened (the person chooses what to drop, not the input box). Only beyond the
 * draft cap (10,000 characters, which the server refuses to store) is text cut, and then the message
 * says exactly how many characters were cut and where the cut text ends.
 */
export function acceptText(raw: string, max: number): { value: string; cut: number; message: string | null } {
  const chars = Array.from(raw);
  if (chars.length <= DRAFT_TEXT_CAP) {
    return {
      value: raw,
      cut: 0,
      message:
        chars.length > max ? `已粘贴 ${chars.length} 字，超过上限 ${max} 字，超出的 ${chars.length - max} 字仍保留在框内，请删减` : null,
    };
  }
  const kept = chars.slice(0, DRAFT_TEXT_CAP).join('');
  const cut = chars.length - DRAFT_TEXT_CAP;
  return {
    value: kept,
    cut,
    message: `粘贴的内容有 ${chars.length} 字，手机上最多保存 ${DRAFT_TEXT_CAP} 字：末尾的 ${cut} 字（从“${chars.slice(DRAFT_TEXT_CAP, DRAFT_TEXT_CAP + 8).join('')}…”起）没有保存；本栏上限 ${max} 字，请删减`,
  };
}

// ───────────────────────── date pickers (findings 1, 6) ─────────────────────────

export interface DateRange {
  start: string;
  end: string;
  /** where the wheel opens when the field is empty */
  initial: string;
}

const addYears = (date: string, years: number) => `${String(Number(date.slice(0, 4)) + years).padStart(4, '0')}${date.slice(4)}`;

/**
 * The range a date picker offers. Dates of a project's plan (a field with `notBefore`, or the
 * field another one is `notBefore`) lie around the round: from a year before it opens to five
 * years after. Every other date on an application is something that happened (成立时间, 换届时间,
 * 审议日期, 申报日期): from 1900-01-01 to today.
 */
export function dateRange(field: FormField, form: FormDefinition, ctx: { today: string; roundOpensOn?: string | undefined }): DateRange {
  const planned = field.notBefore !== undefined || form.steps.some((s) => s.fields.some((f) => f.notBefore === field.key));
  if (planned) {
    const anchor = ctx.roundOpensOn ?? ctx.today;
    const start = addYears(anchor, -1);
    // YYYY-MM-DD strings sort as dates: the earlier of two, and today clamped into [start, end]
    const end = [addYears(anchor, 5), FORM_DATE_MAX].sort()[0]!;
    return { start, end, initial: [start, ctx.today, end].sort()[1]! };
  }
  return { start: FORM_DATE_MIN, end: ctx.today, initial: ctx.today };
}

// ───────────────────────── prefill from the chosen unit (finding 6) ─────────────────────────

/** Fields named after the applicant's units, filled in from what is already known about them. */
const prefillKeys = { hostUnitName: ['applicantName'], societyName: ['societyName'] } as const;

/**
 * Values to fill in on a form from the units already chosen (the host unit picked on the home page,
 * the secretary's society): only fields that take text and are still blank — never over what was typed.
 */
export function prefillValues(
  form: FormDefinition,
  known: { hostUnitName?: string | undefined; societyName?: string | undefined },
  values: Readonly<Record<string, unknown>>,
): Record<string, string> {
  const fields = new Map(form.steps.flatMap((s) => s.fields).map((f) => [f.key, f] as const));
  const out: Record<string, string> = {};
  for (const [source, keys] of Object.entries(prefillKeys) as [keyof typeof prefillKeys, readonly string[]][]) {
    const name = known[source]?.trim();
    if (!name) continue;
    for (const k of keys) {
      const f = fields.get(k);
      if (f && takesInput(f) && f.type === 'text' && isBlank(values[k])) out[k] = name;
    }
  }
  return out;
}

// ───────────────────────── comments by step (finding 3) ─────────────────────────

export interface CommentGroup {
  stepId: string;
  title: string;
  items: { key: string; name: string; text: string }[];
}

/**
 * Field comments (by field key) and material comments (`material:<id>`) grouped by the step they
 * belong to, in form order, each with the field's or material's name; a key the form does not know
 * is kept under 其他意见 (never dropped).
 */
export function commentsByStep(
  form: FormDefinition,
  materials: readonly { id: string; label: string }[],
  comments: Readonly<Record<string, string>>,
): CommentGroup[] {
  const seen = new Set<string>();
  const groups: CommentGroup[] = [];
  for (const s of form.steps) {
    const items = s.fields.filter((f) => comments[f.key]).map((f) => ({ key: f.key, name: fieldName(f), text: comments[f.key]! }));
    for (const i of items) seen.add(i.key);
    if (items.length) groups.push({ stepId: s.id, title: s.title, items });
  }
  const mats = materials
    .filter((m) => comments[`material:${m.id}`])
    .map((m) => ({ key: `material:${m.id}`, name: m.label, text: comments[`material:${m.id}`]! }));
  for (const i of mats) seen.add(i.key);
  if (mats.length) groups.push({ stepId: '__attachments', title: '申报材料', items: mats });
  const rest = Object.entries(comments)
    .filter(([k, v]) => v && !seen.has(k))
    .map(([k, v]) => ({ key: k, name: k.startsWith('step:') ? '本步骤' : '其他', text: v }));
  if (rest.length) groups.push({ stepId: '__other', title: '其他意见', items: rest });
  return groups;
}
