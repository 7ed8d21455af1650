import { z } from 'zod';
import { checkFormDefinition } from './check';
import { type FormDefinition, fieldTypes } from './types';

/**
 * A form definition as stored data (issue 16, item 6): the shape `FormDefinition` describes, checked
 * strictly, so a form read from a definition file or the database is the same plain data as a
 * compiled one. The hand-written slips (duplicate keys, a total pointing nowhere) are then listed by
 * `checkFormDefinition`, whose Chinese sentences are reported as issues of the whole form.
 */
const label = z.string().min(1).max(200);
const key = z.string().min(1).max(60);

export const fieldOptionSchema = z.strictObject({ value: z.string().min(1).max(100), label: label });

export const formFieldSchema = z.strictObject({
  key,
  label,
  type: z.enum(fieldTypes),
  required: z.boolean(),
  name: label.optional(),
  maxLength: z.number().int().min(1).max(20_000).optional(),
  options: z.array(fieldOptionSchema).max(200).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  /** number fields: the decimal step */
  step: z.number().positive().max(1_000_000).optional(),
  help: z.string().max(500).optional(),
  group: label.optional(),
  mirrorOf: key.optional(),
  sumOf: z.array(key).max(50).optional(),
  notBefore: key.optional(),
});

export const formStepSchema = z.strictObject({ id: key, title: label, fields: z.array(formFieldSchema).max(200) });

export const formDefinitionSchema = z
  .strictObject({
    id: z.string().min(3).max(120),
    title: label,
    source: z.strictObject({ seed: z.string().min(1).max(200), origin: z.enum(['seed-form', 'derived']) }),
    steps: z.array(formStepSchema).min(1).max(50),
  })
  .superRefine((def, ctx) => {
    for (const message of checkFormDefinition(def)) ctx.addIssue({ code: 'custom', message });
  });

/** Parses a form read as data; the result is a `FormDefinition` (same object shape, no functions). */
export function parseFormDefinition(json: unknown): { ok: true; form: FormDefinition } | { ok: false; errors: string[] } {
  const parsed = formDefinitionSchema.safeParse(json);
  if (parsed.success) return { ok: true, form: parsed.data };
  return { ok: false, errors: parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(表单)'}：${i.message}`) };
}
