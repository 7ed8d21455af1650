import type { AwardsApi } from '../../../shared/api/awards';
import type { ParsedInputOf } from '../../../shared/api/define';
import { AppError } from '../../../shared/errors';
import type { AgreementRule } from '../../../shared/programmes/post-award';
import type { Programme } from '../../../shared/programmes/schema';
import {
  type AgreementWindow,
  agreementShapeIssues,
  agreementStepAllowed,
  agreementSubmitIssues,
  cycleYearsOf,
  statusAfterSubmit,
} from '../../../shared/rules/post-award/agreement';
import type { AgreementAnswer, AwardDoc } from '../../../shared/schemas/awards';
import { requireSafeText } from '../../_kernel/content';
import type { Uses } from '../../_kernel/router';
import { requestKey } from '../../_kernel/store/idempotency';
import { invalid, openAward, refuse, requireApplicantSide, requireDecider, writeAward } from './award';

/**
 * The task agreement (任务书): the applicant saves drafts and submits; filed for approval → the decider
 * approves or returns it with a comment; filed for the record (备案) → accepted on receipt, staff may
 * still return it. Which sections, required or not, and who decides: the programme's `postAward.agreement`.
 */

type In<K extends keyof AwardsApi> = ParsedInputOf<AwardsApi[K]>;
type Ctx = Uses<'store' | 'caller' | 'clock' | 'fn' | 'action'>;

function ruleOf(programme: Programme): AgreementRule {
  const r = programme.postAward?.agreement;
  if (!r) throw refuse('AWARD.STEP_NOT_ALLOWED', '本项目不需要填写任务书');
  return r;
}
const windowOf = (doc: AwardDoc, programme: Programme): AgreementWindow => ({
  awardedOn: doc.awardedOn,
  cycleYears: cycleYearsOf(programme.cycle.cycleYears),
});

function allowed(rule: AgreementRule, doc: AwardDoc, step: Parameters<typeof agreementStepAllowed>[2]) {
  const r = agreementStepAllowed(rule, doc.agreement, step);
  if (!r.ok) throw refuse('AWARD.STEP_NOT_ALLOWED', r.reason);
}

/** The texts a submission publishes to staff (content-checked before anything is written). */
function textsOf(answers: Record<string, AgreementAnswer>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [id, a] of Object.entries(answers)) {
    if (a.type === 'text') out[`answers.${id}`] = a.text;
    if (a.type === 'yearlyTargets') for (const [i, t] of a.targets.entries()) out[`answers.${id}.targets.${i}.target`] = t.target;
    if (a.type === 'schedule') for (const [i, m] of a.milestones.entries()) out[`answers.${id}.milestones.${i}.milestone`] = m.milestone;
  }
  return out;
}

export async function saveAgreement(ctx: Ctx, input: In<'saveAgreement'>) {
  return writeAward(
    ctx,
    input,
    'award.saveAgreement',
    (_doc, _p, a) => {
      requireApplicantSide(a);
    },
    (doc, programme) => {
      const rule = ruleOf(programme);
      allowed(rule, doc, 'save');
      const issues = agreementShapeIssues(rule, input.answers, windowOf(doc, programme));
      if (issues.length) throw invalid('INPUT.INVALID', issues);
      return {
        ...doc,
        agreement: {
          status: doc.agreement?.status === 'returned' ? 'returned' : 'draft',
          answers: input.answers,
          submittedAt: doc.agreement?.submittedAt ?? null,
          decision: doc.agreement?.decision ?? null,
        },
      };
    },
  );
}

export async function submitAgreement(ctx: Ctx & Uses<'contentCheck' | 'log'>, input: In<'submitAgreement'>) {
  // checked before the content check: a refusal for the caller or the step says so first
  const { doc, programme, access } = await openAward(ctx, { awardId: input.awardId });
  requireApplicantSide(access);
  const rule = ruleOf(programme);
  const replay = await ctx.store.replay<{ id: string; revision: number }>(requestKey(ctx, input.requestId));
  if (replay) return replay;
  allowed(rule, doc, 'submit');
  const issues = agreementSubmitIssues(rule, input.answers, windowOf(doc, programme));
  if (issues.length) throw invalid('AWARD.AGREEMENT_INCOMPLETE', issues);
  await requireSafeText(ctx, textsOf(input.answers));
  return writeAward(
    ctx,
    input,
    'award.submitAgreement',
    (_doc, _p, a) => {
      requireApplicantSide(a);
    },
    (cur, p, now) => {
      allowed(rule, cur, 'submit');
      return {
        ...cur,
        agreement: { status: statusAfterSubmit(ruleOf(p)), answers: input.answers, submittedAt: now, decision: null },
      };
    },
  );
}

export async function decideAgreement(ctx: Ctx & Uses<'contentCheck' | 'log'>, input: In<'decideAgreement'>) {
  if (input.decision === 'return' && input.comment.trim() === '')
    throw invalid('INPUT.INVALID', [{ path: 'comment', message: '退回时请填写修改意见' }]);
  if (input.comment) await requireSafeText(ctx, { comment: input.comment });
  return writeAward(
    ctx,
    input,
    input.decision === 'approve' ? 'award.approveAgreement' : 'award.returnAgreement',
    (_doc, programme, a) => {
      requireDecider(a, programme, ruleOf(programme).decidedBy);
    },
    (doc, programme, now, actorId) => {
      const rule = ruleOf(programme);
      allowed(rule, doc, input.decision);
      if (!doc.agreement) throw new AppError('AWARD.STEP_NOT_ALLOWED');
      return {
        ...doc,
        agreement: {
          ...doc.agreement,
          status: input.decision === 'approve' ? 'accepted' : 'returned',
          decision: { by: actorId, at: now, comment: input.comment },
        },
      };
    },
    input.comment,
  );
}
