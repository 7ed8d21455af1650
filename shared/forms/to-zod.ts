import { z } from 'zod';
import { fundingOverBudget } from '../rules/budget';
import {
  emailSchema,
  formDateSchema,
  isBlankText,
  landlineSchema,
  mobileSchema,
  percentSchema,
  phoneAnySchema,
  postcodeSchema,
  qqSchema,
  text,
  wechatIdSchema,
  yuanSchema,
} from '../schemas/common';
import { type FormDefinition, type FormField, fieldName, inputFields, numberTypes } from './types';

/**
 * draft: every field may be empty (a secretary saves half a form on the bus), but whatever is
 *        filled in must already have the right format, so errors surface while typing.
 * submit: in addition, every required field must be filled in.
 */
export type FormMode = 'draft' | 'submit';

/** The values of one form, as validated: every key present, blank fields as their empty value. */
export type FormValues = Record<string, unknown>;

const defaultMaxLength = { text: 100, textarea: 2000 } as const;

export type EmptyValue = '' | [] | null;

/** What a blank field holds: '' for text and choices, [] for multiple choice, null for numbers. */
export const emptyValueOf = (field: FormField): EmptyValue => (field.type === 'multiselect' ? [] : numberTypes.has(field.type) ? null : '');

/**
 * Empty string, blank string, null, undefined and [] all mean "not filled in". Blank text is what a
 * person cannot see (isBlankText: whitespace, zero-width characters, controls), so a required field
 * holding one zero-width space is missing.
 */
export const isBlank = (v: unknown): boolean =>
  v === undefined || v === null || (typeof v === 'string' && isBlankText(v)) || (Array.isArray(v) && v.length === 0);

const cjk = /[\u4e00-\u9fff]/;

/** zod's own messages are English; the person sees Chinese, naming the field. */
function fallbackMessage(issue: z.core.$ZodIssue, field: FormField): string {
  switch (issue.code) {
    case 'invalid_type':
      if (numberTypes.has(field.type)) return '应填写数字';
      return field.type === 'multiselect' ? '应为选项列表' : '应填写文字';
    case 'too_small':
      return `不能小于 ${String(issue.minimum)}`;
    case 'too_big':
      return `不能大于 ${String(issue.maximum)}`;
    default:
      return '格式不正确';
  }
}

/** The Chinese message a person reads for one zod issue about this field, naming the field. */
export function issueMessage(issue: z.core.$ZodIssue, field: FormField): string {
  const name = fieldName(field);
  const message = cjk.test(issue.message) ? issue.message : fallbackMessage(issue, field);
  return message.startsWith(name) ? message : `${name}：${message}`;
}

function bounded(schema: z.ZodNumber, field: FormField): z.ZodNumber {
  let s = schema;
  if (field.min !== undefined) s = s.min(field.min, `不能小于 ${field.min}`);
  if (field.max !== undefined) s = s.max(field.max, `不能大于 ${field.max}`);
  return s;
}

function optionValue(field: FormField): z.ZodType<string> {
  const allowed = new Set((field.options ?? []).map((o) => o.value));
  return z.string().refine((v) => allowed.has(v), '请从给出的选项中选择');
}

/** The validator for a value that is present (blank values never reach it). */
export function fieldValueSchema(field: FormField): z.ZodType {
  switch (field.type) {
    case 'text':
    case 'textarea':
      return text(field.maxLength ?? defaultMaxLength[field.type], fieldName(field));
    case 'mobile':
      return mobileSchema;
    case 'phone':
      return phoneAnySchema;
    case 'fax':
      return landlineSchema;
    case 'email':
      return emailSchema;
    case 'postcode':
      return postcodeSchema;
    case 'qq':
      return qqSchema;
    case 'wechat':
      return wechatIdSchema;
    case 'qqOrWechat':
      return z.union([qqSchema, wechatIdSchema], { error: '应为 QQ 号（5-12 位数字）或微信号' });
    case 'date':
      return formDateSchema;
    case 'select':
      return optionValue(field);
    case 'multiselect':
      return z
        .array(optionValue(field))
        .max((field.options ?? []).length)
        .refine((vs) => new Set(vs).size === vs.length, '选项不能重复');
    case 'integer':
      return bounded(z.number().int('应为整数'), field);
    case 'number': {
      const step = field.step ?? 0.01;
      return bounded(z.number(), field).refine((v) => Math.abs(v / step - Math.round(v / step)) < 1e-9, `应为 ${step} 的整数倍`);
    }
    case 'yuan':
      return bounded(yuanSchema, field);
    case 'percent':
      return percentSchema;
    case 'opinion':
      // Paper only (盖章 + 日期): a value sent for it is refused, whatever it is.
      return z.never({ error: '此栏在纸质申报书上填写并盖章，不在小程序中填写' });
  }
}

function fieldSchema(field: FormField, mode: FormMode): z.ZodType {
  const inner = fieldValueSchema(field);
  const name = fieldName(field);
  const ask = field.type === 'select' || field.type === 'multiselect' ? '请选择' : '请填写';
  // optional-in (an absent key is allowed to reach the transform) but not optional-out: the
  // transform decides — required in submit mode, else the field's empty value.
  return z
    .unknown()
    .optional()
    .transform((raw, ctx) => {
      if (isBlank(raw)) {
        if (mode === 'submit' && field.required) {
          ctx.issues.push({ code: 'custom', message: `${ask}${name}`, input: raw });
          return z.NEVER;
        }
        return emptyValueOf(field);
      }
      const parsed = inner.safeParse(raw);
      if (parsed.success) return parsed.data;
      for (const issue of parsed.error.issues) {
        ctx.issues.push({ code: 'custom', message: issueMessage(issue, field), input: raw, path: issue.path });
      }
      return z.NEVER;
    });
}

/**
 * The zod object schema of a form's values, built from the definition. Keys not in the form
 * (including paper-only opinion blocks and mirrored cells) are refused, so a typo in a client
 * never silently loses what a person typed.
 */
export function formSchema(def: FormDefinition, opts: { mode: FormMode }) {
  const fields = inputFields(def).map((p) => p.field);
  const shape: Record<string, z.ZodType> = {};
  for (const field of fields) shape[field.key] = fieldSchema(field, opts.mode);
  const byKey = new Map(fields.map((f) => [f.key, f] as const));

  return z
    .strictObject(shape, {
      error: (issue) =>
        issue.code === 'unrecognized_keys' ? `表单「${def.title}」中没有这些项目：${issue.keys.join('、')}` : '申报内容格式不正确',
    })
    .superRefine(
      (values, ctx) => {
        // A field that already failed has no trustworthy value: compare only sound ones.
        const failed = new Set(ctx.issues.map((i) => i.path?.[0]));
        for (const field of fields) {
          const own = values[field.key];
          if (isBlank(own) || failed.has(field.key)) continue;
          // 合计 must be the sum of its parts (a part left empty counts as 0).
          if (field.sumOf !== undefined && !field.sumOf.some((k) => failed.has(k))) {
            const sum = field.sumOf.reduce((acc, k) => acc + (typeof values[k] === 'number' ? (values[k] as number) : 0), 0);
            if (own !== sum) {
              ctx.addIssue({ code: 'custom', path: [field.key], message: `${fieldName(field)}应等于各分项之和 ${sum} 元` });
            }
          }
          if (field.notBefore !== undefined) {
            const other = values[field.notBefore];
            const otherField = byKey.get(field.notBefore);
            if (typeof other === 'string' && !failed.has(field.notBefore) && otherField !== undefined && (own as string) < other) {
              ctx.addIssue({ code: 'custom', path: [field.key], message: `${fieldName(field)}不能早于${fieldName(otherField)}` });
            }
          }
        }
        // requested funding above the budget total (shared/rules/budget.ts), when both are sound
        const over = fundingOverBudget(def, values);
        const overKey = over?.path.split('.')[1];
        if (over && overKey && !failed.has(overKey) && !fields.some((f) => f.sumOf && failed.has(f.key))) {
          ctx.addIssue({ code: 'custom', path: [overKey], message: over.message });
        }
      },
      // Run the cross-field checks even when a single field failed, so the person sees every
      // problem at once; skip them only when the input is not an object at all.
      { when: (payload) => typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value) },
    );
}
export type FormSchema = ReturnType<typeof formSchema>;

/** A fresh form: '' for text and choices, [] for multiple choice, null for numbers. */
export function emptyValues(def: FormDefinition): Record<string, EmptyValue> {
  const out: Record<string, EmptyValue> = {};
  for (const { field } of inputFields(def)) out[field.key] = emptyValueOf(field);
  return out;
}

export interface MissingField {
  key: string;
  /** the field's unambiguous Chinese name (its label, or `name` where the label repeats) */
  label: string;
  stepId: string;
}

/** Required fields still blank, in printed order, with the step to jump back to. */
export function missingRequired(def: FormDefinition, values: Readonly<Record<string, unknown>>): MissingField[] {
  return inputFields(def)
    .filter(({ field }) => field.required && isBlank(values[field.key]))
    .map(({ field, stepId }) => ({ key: field.key, label: fieldName(field), stepId }));
}
