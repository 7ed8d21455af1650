import { z } from 'zod';
import type { AgreementRule, BudgetRule } from '../programmes/post-award';
import { parseYuan } from '../rules/post-award/award';
import type { CategoryDiff, LineKind } from '../rules/post-award/budget';
import { type AgreementAnswer, type AwardDoc, agreementAnswerSchema, type BudgetVersion } from '../schemas/awards';
import { type ChinaDate, cleanString, fileRefSchema, idSchema, requestIdSchema } from '../schemas/common';
import type { ExportResult } from './applications';
import { checksApi } from './awards-checks';
import { moneyApi } from './awards-money';
import { consequencesApi } from './consequences';
import { action } from './define';
import { type FileUrl, fileUrlInput } from './files';

/**
 * awards: after the award (issue 14) — the award file (amount, task agreement, budget), checks
 * (检查、验收、年度考核) with materials, opinions and outcomes, the money ledger (due / paid / spent /
 * refund, in 分), and consequences the product proposes and staff confirm. Stored shapes:
 * shared/schemas/awards.ts; programme data: shared/programmes/post-award.ts.
 */
// ───────────────────────── the award file, agreement, budget (helper AWARD) ─────────────────────────

/** An amount typed in 元 with up to two decimals ("12345.60"), read exactly into 分. */
export const yuanTextSchema = z
  .string()
  .max(20, '金额过长')
  .refine((s) => parseYuan(s) !== null, '金额格式不正确：请填写元，最多两位小数')
  .transform((s) => parseYuan(s) as number);

export const awardStatuses = ['amount', 'agreement', 'budget', 'running'] as const;
export type AwardStatus = (typeof awardStatuses)[number];
export const awardStatusLabels: Record<AwardStatus, string> = {
  amount: '待核定金额',
  agreement: '待完成任务书',
  budget: '待批复预算',
  running: '执行中',
};

export interface AwardRow {
  id: string;
  applicationId: string;
  programmeId: string;
  programmeTitle: string;
  kindLabel: string;
  title: string;
  applicantName: string;
  awardedOn: ChinaDate;
  year: number;
  amountFen: number | null;
  status: AwardStatus;
  statusLabel: string;
  /** the caller has a step to take now (fill, submit, decide) */
  actionable: boolean;
}
export interface AwardList {
  items: AwardRow[];
  /** programmes seen in the list, for the filter */
  programmes: { id: string; title: string }[];
  /** applicant side (own awards) or staff side (overseen) */
  side: 'applicant' | 'staff';
}

export interface BudgetLineView {
  id: string;
  categoryId: string;
  categoryLabel: string;
  kind: LineKind;
  amountFen: number;
  purpose: string;
  justification: string | null;
}
export interface BudgetVersionView extends Omit<BudgetVersion, 'lines' | 'decision'> {
  lines: BudgetLineView[];
  totalFen: number;
  statusLabel: string;
  decision: { byName: string; at: number; comment: string } | null;
  /** a change: by category, what differs from the version in force before it */
  diff: CategoryDiff[];
}
export interface AwardView {
  id: string;
  applicationId: string;
  programmeId: string;
  programmeTitle: string;
  kindLabel: string;
  title: string;
  applicantName: string;
  castUnitId: string;
  awardedOn: ChinaDate;
  cycleYears: number;
  cycleEnd: ChinaDate;
  /** the execution period in words (budget window where the programme counts from the budget approval) */
  executionText: string;
  amountFen: number | null;
  amountReason: string;
  /** the funding rule in words, with its clause (what the amount is checked against) */
  amountRule: string;
  status: AwardStatus;
  statusLabel: string;
  agreementRule: AgreementRule | null;
  agreement: {
    status: string;
    statusLabel: string;
    answers: Record<string, AgreementAnswer>;
    submittedAt: number | null;
    decision: { byName: string; at: number; comment: string } | null;
  } | null;
  budgetRule: BudgetRule | null;
  budgets: BudgetVersionView[];
  /** the version in force and the one being worked on (indexes into budgets), -1 when none */
  inForce: number;
  pending: number;
  categories: {
    allowed: { id: string; label: string }[];
    forbidden: { id: string; label: string }[];
    others: { id: string; label: string }[];
  };
  forbiddenClause: string;
  allowedClause: string;
  /** what the caller may do now */
  can: {
    setAmount: boolean;
    editAgreement: boolean;
    decideAgreement: boolean;
    editBudget: boolean;
    decideBudget: boolean;
    proposeChange: boolean;
    export: boolean;
  };
  /** why a budget change cannot be proposed (e.g. the programme allows no change after approval), null when it can or none applies */
  changeRefusal: string | null;
  side: 'applicant' | 'staff';
  revision: number;
}
export type AwardDocOut = Pick<AwardDoc, 'id' | 'revision'>;

const awardIdInput = z.object({ awardId: idSchema });
const write = { requestId: requestIdSchema, revision: z.number().int().min(1) };
const comment = cleanString().max(1000, '意见不能超过 1000 字');
export const budgetLineInputSchema = z.object({
  categoryId: z.string().min(1, '请选择开支类别').max(60),
  amount: yuanTextSchema,
  purpose: cleanString().max(500, '用途不能超过 500 字'),
  justification: cleanString().max(1000, '理由不能超过 1000 字').nullable().default(null),
});

export const awardsApi = {
  /** The awards the caller may see: an applicant its own, staff and the finance bureau those they oversee. */
  list: action<AwardList>()(
    z.object({
      programmeId: idSchema.optional(),
      year: z.number().int().min(2000).max(2100).optional(),
      status: z.enum(awardStatuses).optional(),
    }),
  ),
  /** The award hub: created on first open of an awarded application (by application id or award id). */
  get: action<AwardView>()(
    z
      .object({ awardId: idSchema.optional(), applicationId: idSchema.optional() })
      .refine((x) => Boolean(x.awardId || x.applicationId), '缺少项目编号'),
  ),
  setAmount: action<AwardDocOut>()(
    z.object({ awardId: idSchema, amount: yuanTextSchema, reason: cleanString().max(500, '说明不能超过 500 字').default(''), ...write }),
  ),
  saveAgreement: action<AwardDocOut>()(
    z.object({ awardId: idSchema, answers: z.record(z.string().max(60), agreementAnswerSchema), ...write }),
  ),
  submitAgreement: action<AwardDocOut>()(
    z.object({ awardId: idSchema, answers: z.record(z.string().max(60), agreementAnswerSchema), ...write }),
  ),
  decideAgreement: action<AwardDocOut>()(z.object({ awardId: idSchema, decision: z.enum(['approve', 'return']), comment, ...write })),
  saveBudget: action<AwardDocOut>()(
    z.object({ awardId: idSchema, lines: z.array(budgetLineInputSchema).max(100, '预算不能超过 100 行'), ...write }),
  ),
  submitBudget: action<AwardDocOut>()(
    z.object({ awardId: idSchema, lines: z.array(budgetLineInputSchema).max(100, '预算不能超过 100 行'), ...write }),
  ),
  decideBudget: action<AwardDocOut>()(z.object({ awardId: idSchema, decision: z.enum(['approve', 'return']), comment, ...write })),
  proposeBudgetChange: action<AwardDocOut>()(
    z.object({
      awardId: idSchema,
      changeReason: cleanString().min(1, '请填写调整原因').max(1000, '调整原因不能超过 1000 字'),
      lines: z.array(budgetLineInputSchema).max(100, '预算不能超过 100 行'),
      ...write,
    }),
  ),
  exportAgreement: action<ExportResult>()(awardIdInput),
  /**
   * A short-lived URL to a post-award file (helper FILES14): a check material, a ledger voucher or receipt,
   * the unit's receipt proof, a station change request's attachment — for its uploader and whoever reads the
   * award or station whose records list it (the awarded unit's side, overseeing staff, the finance bureau).
   */
  fileUrl: action<FileUrl>()(fileUrlInput),
  /**
   * The awarded unit's receipt proof (资金到账凭据, e.g. Weihai 五(三)): appended to the award (≤ 20 in all) by its
   * secretary / host-unit contact; a payment rule waiting for `receiptProof` becomes due. Refused
   * (AWARD.STEP_NOT_ALLOWED) when no payment rule of the programme waits for one. Files: uploadLedgerFile first.
   */
  submitReceiptProof: action<AwardDocOut>()(
    z.object({
      awardId: idSchema,
      proofs: z.array(fileRefSchema).min(1, '请上传资金到账凭据').max(20, '资金到账凭据最多 20 份'),
      ...write,
    }),
  ),
  // ───── money (helper MONEY): shared/api/awards-money.ts ─────
  ...moneyApi,
  ...checksApi,
  // consequences and the station lifecycle (helper CONSEQ): shared/api/consequences.ts
  ...consequencesApi,
} satisfies Record<string, ReturnType<ReturnType<typeof action>>>;
export type AwardsApi = typeof awardsApi;
