import type { PrecheckView } from '../../../shared/api/applications';
import { AppError } from '../../../shared/errors';
import { formSchema, missingRequired } from '../../../shared/forms';
import { valueIssues } from '../../../shared/rules/drafts';
import { checkEligibility } from '../../../shared/rules/eligibility';
import { factSources } from '../../../shared/rules/facts';
import { checkMaterials } from '../../../shared/rules/materials';
import { submissionBlockers, submissionRefusal } from '../../../shared/rules/submission';
import type { Uses } from '../../_kernel/router';
import type { ApplicationDoc } from '../../_kernel/store/applications';
import { factsOf, formOf, kindOf, orgOf, programmeOf, readLimitContext } from './application-access';

/**
 * Everything that stands between a draft and submission, each with its reason in Chinese:
 * eligibility and veto items (shared/rules/eligibility.ts over facts from the org records, the form
 * and the declared answers), round limits, required materials, required and malformed fields.
 */
export async function computePrecheck(ctx: Uses<'store' | 'clock'>, app: ApplicationDoc): Promise<PrecheckView> {
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

  const blockers = submissionBlockers(eligibility, materials, missingFields, invalidFields);
  return { eligibility, materials, missingFields, invalidFields, unansweredFacts, canSubmit: blockers.length === 0, blockers };
}

/** The refusal a precheck implies (shared/rules/submission.ts), as the error a submit answers with. */
export function refusalOf(programme: ReturnType<typeof programmeOf>, pre: PrecheckView): AppError | null {
  const r = submissionRefusal(programme, pre);
  return r ? new AppError(r.code, r.message, { ...(r.issues ? { issues: r.issues } : {}), details: r.details }) : null;
}
