import { factSources, type PrecheckView } from '../../../shared/api/applications';
import { AppError } from '../../../shared/errors';
import { formSchema, missingRequired } from '../../../shared/forms';
import { checkEligibility, type EligibilityResult } from '../../../shared/rules/eligibility';
import { checkMaterials, type MaterialsCheck } from '../../../shared/rules/materials';
import type { Ctx } from '../../_kernel/router';
import type { ApplicationDoc } from '../../_kernel/store/applications';
import { factsOf, formOf, kindOf, orgOf, programmeOf, readLimitContext, valueIssues } from './common';

/**
 * Everything that stands between a draft and submission, each with its reason in Chinese:
 * eligibility and veto items (shared/rules/eligibility.ts over facts from the org records, the form
 * and the declared answers), round limits, required materials, required and malformed fields.
 */
export async function computePrecheck(ctx: Ctx, app: ApplicationDoc): Promise<PrecheckView> {
  const programme = programmeOf(app.programmeId);
  const kind = kindOf(programme, app.kindId);
  const form = formOf(kind);
  const org = await orgOf(ctx, app.applicant);
  const facts = factsOf(programme, app, org);
  const { context } = await readLimitContext(ctx, app);
  const eligibility = checkEligibility(programme, app.kindId, facts, { ...context, now: ctx.clock.now() });
  const materials = checkMaterials(
    programme,
    app.kindId,
    app.attachments.map((a) => ({ materialId: a.materialId, mime: a.file.mime })),
  );
  const missingFields = missingRequired(form, app.values);
  const missingKeys = new Set(missingFields.map((m) => m.key));
  const parsed = formSchema(form, { mode: 'draft' }).safeParse(app.values);
  const invalidFields = parsed.success ? [] : valueIssues(parsed.error.issues).filter((i) => !missingKeys.has(i.path.split('.')[1] ?? ''));
  const sources = factSources(programme, app.kindId, { hasHostUnit: org.hostUnit !== null, hasSociety: org.society !== null });
  const unansweredFacts = programme.facts
    .filter((f) => sources[f.id] === 'declared' && facts[f.id] === undefined)
    .map((f) => ({ id: f.id, label: f.label }));

  const blockers = blockerLines(eligibility, materials);
  for (const m of missingFields) blockers.push(`请填写：${m.label}`);
  for (const i of invalidFields) blockers.push(i.message);
  return { eligibility, materials, missingFields, invalidFields, unansweredFacts, canSubmit: blockers.length === 0, blockers };
}

export function blockerLines(eligibility: EligibilityResult, materials: MaterialsCheck): string[] {
  const lines: string[] = [];
  for (const b of eligibility.blocking) {
    lines.push(b.type === 'veto' ? `一票否决：${b.label}（${b.clause}）` : `不符合申报条件：${b.reason}（${b.clause}）`);
  }
  for (const m of [...materials.missing, ...materials.wrongType]) lines.push(m.message);
  return lines;
}

/**
 * The refusal a precheck implies, with the most specific code: a veto (with its clause), a round or
 * society limit, another criterion, a missing material, a missing or malformed field.
 */
export function refusalOf(programme: ReturnType<typeof programmeOf>, pre: PrecheckView): AppError | null {
  const details = { blockers: pre.blockers };
  const veto = pre.eligibility.blocking.find((b) => b.type === 'veto');
  if (veto) return new AppError('APPLICATION.VETO', `存在一票否决情形：${veto.label}（${veto.clause}），不能提交`, { details });
  const limitIds = new Set(programme.limits.map((l) => l.id));
  const limit = pre.eligibility.blocking.find((b) => limitIds.has(b.id));
  if (limit) return new AppError('APPLICATION.ROUND_LIMIT', `${limit.label}：${limit.reason}（${limit.clause}）`, { details });
  const criterion = pre.eligibility.blocking[0];
  if (criterion) return new AppError('APPLICATION.INELIGIBLE', `不符合申报条件：${criterion.reason}（${criterion.clause}）`, { details });
  if (pre.missingFields.length > 0 || pre.invalidFields.length > 0) {
    return new AppError('INPUT.INVALID', undefined, {
      issues: [...pre.missingFields.map((m) => ({ path: `values.${m.key}`, message: `请填写${m.label}` })), ...pre.invalidFields],
      details,
    });
  }
  const material = pre.materials.missing[0] ?? pre.materials.wrongType[0];
  if (material) return new AppError('APPLICATION.MISSING_MATERIAL', material.message, { details });
  return null;
}
