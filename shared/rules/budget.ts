import type { FieldIssue } from '../errors';
import { type FormDefinition, fieldName, inputFields } from '../forms/types';

/**
 * Requested funding may not exceed the budget it comes from (issue 15, finding 6): on a form with a
 * budget total (a yuan field that is the `sumOf` its parts) the requested amount (`requestedAmount`)
 * larger than that total is flagged at the requested amount. Used by the form schema (to-zod), so the
 * page marks it while typing and the precheck lists it before submitting.
 */
export const REQUESTED_KEY = 'requestedAmount';

export function fundingOverBudget(form: FormDefinition, values: Readonly<Record<string, unknown>>): FieldIssue | null {
  const fields = inputFields(form).map((p) => p.field);
  const requested = fields.find((f) => f.key === REQUESTED_KEY && f.type === 'yuan');
  const total = fields.find((f) => f.sumOf !== undefined && f.type === 'yuan');
  if (!requested || !total) return null;
  const r = values[requested.key];
  const t = values[total.key];
  if (typeof r !== 'number' || typeof t !== 'number' || r <= t) return null;
  return {
    path: `values.${requested.key}`,
    message: `${fieldName(requested).replace(/（元）$/, '')}（${r.toLocaleString('en-US')} 元）不能大于${fieldName(total)}（${t.toLocaleString('en-US')} 元）`,
  };
}
