import type { AwardsApi } from '../../../shared/api/awards';
import type { ParsedInputOf } from '../../../shared/api/define';
import type { BudgetRule } from '../../../shared/programmes/post-award';
import type { Programme } from '../../../shared/programmes/schema';
import { type BudgetStep, budgetDecider, budgetIssues, budgetPending, budgetStepAllowed } from '../../../shared/rules/post-award/budget';
import type { AwardDoc, BudgetLine, BudgetVersion } from '../../../shared/schemas/awards';
import { requireSafeText } from '../../_kernel/content';
import type { Uses } from '../../_kernel/router';
import { invalid, refuse, requireApplicantSide, requireDecider, writeAward } from './award';

/**
 * The budget: lines by expense category (checkExpense decides each: forbidden refused with the
 * programme's clause, unlisted needs a justification), total within the award; submitted, approved or
 * returned; after approval a change is a new version (with its reason) approved the same way — the
 * approved version stays in force until then. Rules: shared/rules/post-award/budget.ts.
 */

type In<K extends keyof AwardsApi> = ParsedInputOf<AwardsApi[K]>;
type Ctx = Uses<'store' | 'caller' | 'clock' | 'fn' | 'action' | 'contentCheck' | 'log'>;
type LineInput = In<'saveBudget'>['lines'][number];

function ruleOf(programme: Programme): BudgetRule {
  const r = programme.postAward?.budget;
  if (!r) throw refuse('AWARD.STEP_NOT_ALLOWED', '本项目不需要编制预算');
  return r;
}
function allowed(rule: BudgetRule, doc: AwardDoc, step: BudgetStep) {
  const r = budgetStepAllowed(rule, doc.budgets, step);
  if (!r.ok) throw refuse('AWARD.STEP_NOT_ALLOWED', r.reason);
}
const linesOf = (version: number, lines: readonly LineInput[]): BudgetLine[] =>
  lines.map((l, i) => ({
    id: `ln${version}-${i + 1}`,
    categoryId: l.categoryId,
    amountFen: l.amount,
    purpose: l.purpose,
    justification: l.justification && l.justification.trim() !== '' ? l.justification : null,
  }));
function checked(programme: Programme, doc: AwardDoc, lines: readonly LineInput[], submit: boolean): void {
  const issues = budgetIssues(
    programme,
    ruleOf(programme),
    linesOf(1, lines).map(({ id: _id, ...l }) => l),
    doc.amountFen,
    { submit },
  );
  if (issues.length) throw invalid('AWARD.BUDGET_REFUSED', issues);
}
const textsOf = (lines: readonly LineInput[]) =>
  Object.fromEntries(
    lines.flatMap((l, i) => [
      [`lines.${i}.purpose`, l.purpose],
      [`lines.${i}.justification`, l.justification ?? ''],
    ]),
  );

/** The versions with the one being worked on replaced (or a first version started). */
function withPending(doc: AwardDoc, next: (v: BudgetVersion | null) => BudgetVersion): BudgetVersion[] {
  const pending = budgetPending(doc.budgets);
  if (!pending) return [...doc.budgets, next(null)];
  return doc.budgets.map((v) => (v === pending ? next(v) : v));
}

export async function saveBudget(ctx: Ctx, input: In<'saveBudget'>) {
  return writeAward(
    ctx,
    input,
    'award.saveBudget',
    (_d, _p, a) => {
      requireApplicantSide(a);
    },
    (doc, programme) => {
      allowed(ruleOf(programme), doc, 'save');
      checked(programme, doc, input.lines, false);
      return {
        ...doc,
        budgets: withPending(doc, (v) => {
          const version = v?.version ?? doc.budgets.length + 1;
          return {
            version,
            status: v?.status === 'returned' ? 'returned' : 'draft',
            lines: linesOf(version, input.lines),
            changeReason: v?.changeReason ?? null,
            submittedAt: v?.submittedAt ?? null,
            decision: v?.decision ?? null,
          };
        }),
      };
    },
  );
}

export async function submitBudget(ctx: Ctx, input: In<'submitBudget'>) {
  await requireSafeText(ctx, textsOf(input.lines));
  return writeAward(
    ctx,
    input,
    'award.submitBudget',
    (_d, _p, a) => {
      requireApplicantSide(a);
    },
    (doc, programme, now) => {
      allowed(ruleOf(programme), doc, 'submit');
      checked(programme, doc, input.lines, true);
      return {
        ...doc,
        budgets: withPending(doc, (v) => {
          const version = v?.version ?? doc.budgets.length + 1;
          return {
            version,
            status: 'submitted',
            lines: linesOf(version, input.lines),
            changeReason: v?.changeReason ?? null,
            submittedAt: now,
            decision: null,
          };
        }),
      };
    },
  );
}

export async function proposeBudgetChange(ctx: Ctx, input: In<'proposeBudgetChange'>) {
  await requireSafeText(ctx, { changeReason: input.changeReason, ...textsOf(input.lines) });
  return writeAward(
    ctx,
    input,
    'award.proposeBudgetChange',
    (_d, _p, a) => {
      requireApplicantSide(a);
    },
    (doc, programme, now) => {
      allowed(ruleOf(programme), doc, 'proposeChange');
      checked(programme, doc, input.lines, true);
      const version = doc.budgets.length + 1;
      return {
        ...doc,
        budgets: [
          ...doc.budgets,
          {
            version,
            status: 'submitted',
            lines: linesOf(version, input.lines),
            changeReason: input.changeReason,
            submittedAt: now,
            decision: null,
          },
        ],
      };
    },
    input.changeReason,
  );
}

export async function decideBudget(ctx: Ctx, input: In<'decideBudget'>) {
  if (input.decision === 'return' && input.comment.trim() === '')
    throw invalid('INPUT.INVALID', [{ path: 'comment', message: '退回时请填写修改意见' }]);
  if (input.comment) await requireSafeText(ctx, { comment: input.comment });
  return writeAward(
    ctx,
    input,
    input.decision === 'approve' ? 'award.approveBudget' : 'award.returnBudget',
    (doc, programme, a) => {
      const rule = ruleOf(programme);
      requireDecider(a, programme, budgetDecider(rule, budgetPending(doc.budgets), doc.budgets));
    },
    (doc, programme, now, actorId) => {
      allowed(ruleOf(programme), doc, input.decision);
      return {
        ...doc,
        budgets: withPending(doc, (v) => ({
          ...(v as BudgetVersion),
          status: input.decision === 'approve' ? 'approved' : 'returned',
          decision: { by: actorId, at: now, comment: input.comment },
        })),
      };
    },
    input.comment,
  );
}
