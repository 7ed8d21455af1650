import type { ErrorCode, FieldIssue } from '../errors';
import type { MissingField } from '../forms';
import type { Programme } from '../programmes/schema';
import type { EligibilityResult } from './eligibility';
import type { MaterialsCheck } from './materials';

/**
 * What stands between a draft and submission, from the precheck's parts (eligibility and vetoes,
 * limits, materials, required and malformed fields): the blockers in Chinese, and the one refusal
 * a submit answers with — the most specific code first.
 */

/** The precheck as the submission rule reads it. */
export interface PrecheckOutcome {
  eligibility: EligibilityResult;
  materials: MaterialsCheck;
  missingFields: readonly Pick<MissingField, 'key' | 'label'>[];
  invalidFields: readonly FieldIssue[];
  blockers: string[];
}

/** Every blocker, one a line: vetoes and unmet criteria (with their clause), materials, then fields. */
export function submissionBlockers(
  eligibility: EligibilityResult,
  materials: MaterialsCheck,
  missingFields: readonly Pick<MissingField, 'label'>[],
  invalidFields: readonly FieldIssue[],
): string[] {
  const lines: string[] = [];
  for (const b of eligibility.blocking) {
    lines.push(b.type === 'veto' ? `一票否决：${b.label}（${b.clause}）` : `不符合申报条件：${b.reason}（${b.clause}）`);
  }
  for (const m of [...materials.missing, ...materials.wrongType]) lines.push(m.message);
  for (const m of missingFields) lines.push(`请填写：${m.label}`);
  for (const i of invalidFields) lines.push(i.message);
  // one line per problem: the same message reached from two checks is listed once (issue 15, finding 5)
  return [...new Set(lines)];
}

export interface SubmissionRefusal {
  code: Extract<
    ErrorCode,
    'APPLICATION.VETO' | 'APPLICATION.ROUND_LIMIT' | 'APPLICATION.INELIGIBLE' | 'INPUT.INVALID' | 'APPLICATION.MISSING_MATERIAL'
  >;
  /** absent: the code's own message */
  message?: string;
  issues?: FieldIssue[];
  details: { blockers: string[] };
}

/**
 * The refusal a precheck implies, with the most specific code: a veto (with its clause), a round or
 * society limit, another criterion, a missing or malformed field, a missing material; null when it may be submitted.
 */
export function submissionRefusal(programme: Pick<Programme, 'limits'>, pre: PrecheckOutcome): SubmissionRefusal | null {
  const details = { blockers: pre.blockers };
  const veto = pre.eligibility.blocking.find((b) => b.type === 'veto');
  if (veto) return { code: 'APPLICATION.VETO', message: `存在一票否决情形：${veto.label}（${veto.clause}），不能提交`, details };
  const limitIds = new Set(programme.limits.map((l) => l.id));
  const limit = pre.eligibility.blocking.find((b) => limitIds.has(b.id));
  if (limit) return { code: 'APPLICATION.ROUND_LIMIT', message: `${limit.label}：${limit.reason}（${limit.clause}）`, details };
  const criterion = pre.eligibility.blocking[0];
  if (criterion) return { code: 'APPLICATION.INELIGIBLE', message: `不符合申报条件：${criterion.reason}（${criterion.clause}）`, details };
  if (pre.missingFields.length > 0 || pre.invalidFields.length > 0) {
    return {
      code: 'INPUT.INVALID',
      issues: [...pre.missingFields.map((m) => ({ path: `values.${m.key}`, message: `请填写${m.label}` })), ...pre.invalidFields],
      details,
    };
  }
  const material = pre.materials.missing[0] ?? pre.materials.wrongType[0];
  if (material) return { code: 'APPLICATION.MISSING_MATERIAL', message: material.message, details };
  return null;
}
