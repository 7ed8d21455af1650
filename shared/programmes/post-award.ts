import { z } from 'zod';

/**
 * After the award (issue 14): what a programme asks of an awarded project, as data — the task
 * agreement, the budget, the checks with their due dates, who gives an opinion and what a failure
 * proposes, and when each payment falls due. One language with the rest of the definition (issue 16):
 * the same ids, clauses and condition style; the rules in shared/rules/post-award/ read it and never
 * branch on a programme id.
 *
 * Money is counted in 分 (integer fen) from here on: receipts carry 角 and 分. The funding rules of
 * a kind (schema.ts `fundingRuleSchema`) still state whole-yuan amounts as the seeds do; a ledger
 * converts with `yuanToFen`.
 */

const ruleId = z
  .string()
  .min(1)
  .max(60)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, '规则编号只能包含小写字母、数字和连字符');
const clause = z.string().trim().min(1, '条款不能为空').max(60);
const label = (max = 200) => z.string().trim().min(1, '名称不能为空').max(max);

/** Who acts after the award: the staff roles of the stages, plus the finance bureau (市财政局), which reads and gives opinions. */
export const postAwardRoles = ['countyStaff', 'cityStaff', 'talentOffice', 'reviewer', 'financeBureau'] as const;
export const postAwardRoleSchema = z.enum(postAwardRoles);
export type PostAwardRole = z.infer<typeof postAwardRoleSchema>;
/** Roles that decide (approve, record an outcome, confirm a consequence): the finance bureau never decides alone. */
export const deciderRoleSchema = z.enum(['countyStaff', 'cityStaff', 'talentOffice']);
export type DeciderRole = z.infer<typeof deciderRoleSchema>;

// ───────────────────────── the task agreement (任务书) ─────────────────────────

export const agreementSectionTypes = ['text', 'yearlyTargets', 'schedule'] as const;
export const agreementSectionSchema = z.object({
  id: ruleId,
  label: label(60),
  /** text: free text; yearlyTargets: one target a year of the cycle; schedule: dated milestones */
  type: z.enum(agreementSectionTypes),
  required: z.boolean().default(true),
  note: z.string().max(300).optional(),
});
export type AgreementSection = z.output<typeof agreementSectionSchema>;

export const agreementRuleSchema = z.object({
  /** what the seed calls it: 项目任务书 / 资金管理办法 / 项目责任书 / 服务协议 */
  label: label(30),
  clause,
  sections: z.array(agreementSectionSchema).min(1),
  /** approve: the decider approves it (it can be returned); record: filed for the record (备案), accepted on receipt */
  filing: z.enum(['approve', 'record']),
  decidedBy: deciderRoleSchema,
  note: z.string().max(500).optional(),
});
export type AgreementRule = z.output<typeof agreementRuleSchema>;

// ───────────────────────── the budget ─────────────────────────

export const budgetRuleSchema = z.object({
  clause,
  /** the budget total may not exceed the amount awarded */
  capToAward: z.boolean().default(true),
  /** a line whose category the programme neither allows nor forbids needs a justification (and staff approval) */
  unlistedNeedsJustification: z.boolean().default(true),
  /** approving the budget: who, under which clause */
  decidedBy: deciderRoleSchema,
  /** a change after approval goes through approval again (seed 000 第十二条); absent: budgets cannot change after approval */
  changes: z.object({ clause, decidedBy: deciderRoleSchema }).optional(),
  note: z.string().max(500).optional(),
});
export type BudgetRule = z.output<typeof budgetRuleSchema>;

// ───────────────────────── checks (检查、验收、年度考核) ─────────────────────────

/** When a check is due, counted from the award date (China dates). */
export const checkDueSchema = z.discriminatedUnion('type', [
  /** n months after the award (e.g. a mid-term check) */
  z.object({ type: z.literal('monthsAfterAward'), months: z.number().int().min(1).max(120) }),
  /** a fixed day in the award year + yearOffset (Weihai: 11-30 of the award year) */
  z.object({
    type: z.literal('dayOfYear'),
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(31),
    yearOffset: z.number().int().min(0).max(10).default(0),
  }),
  /** once a cycle year for the listed years (year 1 = the award year): each is due on month/day of that year */
  z.object({
    type: z.literal('yearly'),
    years: z.array(z.number().int().min(1).max(10)).min(1),
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(31),
  }),
  /** the last day of the budget's execution window (cycle.budgetSpendWithinYears from the budget approval) */
  z.object({ type: z.literal('budgetWindowEnd') }),
]);
export type CheckDue = z.infer<typeof checkDueSchema>;

export const checkTypes = ['midTerm', 'final', 'yearly', 'completion'] as const;
export const checkRuleSchema = z.object({
  id: ruleId,
  /** 中期检查 / 总结验收 / 年度工作考核 / 结项验收 */
  label: label(30),
  type: z.enum(checkTypes),
  clause,
  due: checkDueSchema,
  /** 'seed': the seed states the date; 'chosen': the seed is silent and the definition chose (say why in notes) */
  dueSource: z.enum(['seed', 'chosen']),
  /** what the awarded unit submits */
  materials: z.array(z.object({ id: ruleId, label: label(60), required: z.boolean().default(true) })).min(1),
  /** opinions recorded before the outcome (e.g. 党建 / 业务 / 财务, or the finance bureau) */
  opinions: z.array(z.object({ id: ruleId, role: postAwardRoleSchema, label: label(30) })).default([]),
  decidedBy: deciderRoleSchema,
  /** a passed check is publicised before it counts (Pingdingshan 三(三): 考核合格并公示无异议) */
  publicity: z.boolean().default(false),
  /** penalties (by id) the product proposes when the check fails; staff confirm each */
  onFail: z.array(ruleId).default([]),
  /** reminders this many days before the due date */
  remindDaysBefore: z.array(z.number().int().min(1).max(90)).default([30, 7]),
  note: z.string().max(500).optional(),
});
export type CheckRule = z.output<typeof checkRuleSchema>;

// ───────────────────────── payments ─────────────────────────

/** A condition a payment waits for. */
export const paymentConditionSchema = z.discriminatedUnion('type', [
  /** the award itself (公示无异议 is already behind it) */
  z.object({ type: z.literal('award') }),
  z.object({ type: z.literal('agreementAccepted') }),
  z.object({ type: z.literal('budgetApproved') }),
  /** a check passed (and, when that check has publicity, its publicity ended without an upheld objection) */
  z.object({ type: z.literal('checkPassed'), checkId: ruleId, year: z.number().int().min(1).max(10).optional() }),
  /** the station's assessment of that year passed (stations: yearIndex of the funding instalment) */
  z.object({ type: z.literal('assessmentPassed') }),
  /** the awarded unit uploaded its receipt voucher (Weihai 五(三): 提供资金到账凭据) */
  z.object({ type: z.literal('receiptProof') }),
]);
export type PaymentCondition = z.infer<typeof paymentConditionSchema>;

export const paymentRuleSchema = z.object({
  id: ruleId,
  label: label(60),
  clause,
  /** the funding year it pays (fundingDue's yearIndex: 1 = the award year / first assessment year) */
  yearIndex: z.number().int().min(1).max(10),
  /** all must hold before the payment is due */
  after: z.array(paymentConditionSchema).min(1),
  note: z.string().max(300).optional(),
});
export type PaymentRule = z.output<typeof paymentRuleSchema>;

// ───────────────────────── the whole post-award part ─────────────────────────

export const postAwardSchema = z.object({
  agreement: agreementRuleSchema.optional(),
  /** absent: the programme pays nothing, or pays without a budget (stations: 第十七条 spending list only) */
  budget: budgetRuleSchema.optional(),
  checks: z.array(checkRuleSchema).default([]),
  payments: z.array(paymentRuleSchema).default([]),
  /** the penalty proposed when misconduct (弄虚作假) is found at any time */
  misconduct: ruleId.optional(),
  /** the penalty proposed when the budget window ends with money unspent (seed 000 管理办法第十四条) */
  unspent: ruleId.optional(),
  /** the station programme: how long a rectification (限期整改) runs and which check lifts it */
  rectification: z.object({ months: z.number().int().min(1).max(24), clause, source: z.enum(['seed', 'chosen']) }).optional(),
  /** the station programme: a renewal application after a passed term (第十三条) and merge/close on request (第十四条) */
  renewal: z.object({ clause, kindId: ruleId }).optional(),
  changes: z.object({ clause, decidedBy: deciderRoleSchema }).optional(),
  note: z.string().max(800).optional(),
});
export type PostAward = z.output<typeof postAwardSchema>;
export type PostAwardInput = z.input<typeof postAwardSchema>;

/** Who each post-award role is, in Chinese. */
export const postAwardRoleLabels: Record<PostAwardRole, string> = {
  countyStaff: '县市区科协',
  cityStaff: '市科协',
  talentOffice: '市委人才办',
  reviewer: '评审专家',
  financeBureau: '市财政局',
};

/** When a check is due, in Chinese. */
export function describeCheckDue(due: CheckDue): string {
  switch (due.type) {
    case 'monthsAfterAward':
      return `立项后 ${due.months} 个月内`;
    case 'dayOfYear':
      return `${due.yearOffset === 0 ? '立项当年' : `立项后第 ${due.yearOffset} 年`} ${due.month} 月 ${due.day} 日前`;
    case 'yearly':
      return `第 ${due.years.join('、')} 年每年 ${due.month} 月 ${due.day} 日前`;
    case 'budgetWindowEnd':
      return '预算执行期满时';
  }
}

/** A payment condition, in Chinese. */
export function describePaymentCondition(c: PaymentCondition, checkLabel: (checkId: string) => string = (id) => id): string {
  switch (c.type) {
    case 'award':
      return '立项（公示无异议）';
    case 'agreementAccepted':
      return '任务书签订';
    case 'budgetApproved':
      return '预算批复';
    case 'checkPassed':
      return `${c.year ? `第 ${c.year} 年` : ''}${checkLabel(c.checkId)}合格`;
    case 'assessmentPassed':
      return '当年绩效考核合格';
    case 'receiptProof':
      return '提供资金到账凭据';
  }
}

/** Integer fen from integer yuan. */
export const yuanToFen = (yuan: number): number => yuan * 100;
/** "12,345.60 元" from fen; integer arithmetic only. */
export function fenText(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  const yuan = Math.floor(a / 100);
  const rest = a % 100;
  return `${sign}${yuan.toLocaleString('en-US')}.${String(rest).padStart(2, '0')} 元`;
}

/**
 * Cross-references inside the post-award part and to the rest of the definition: penalties named by
 * id exist, checks named by payments exist, the renewal kind exists, and yearly checks fall inside the cycle.
 */
export function postAwardIssues(
  pa: PostAward,
  ctx: { penaltyIds: ReadonlySet<string>; kindIds: ReadonlySet<string>; cycleYears: number | null; pays: boolean },
): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  const add = (path: (string | number)[], message: string) => out.push({ path: ['postAward', ...path], message });
  const checkIds = new Set<string>();
  pa.checks.forEach((c, i) => {
    if (checkIds.has(c.id)) add(['checks', i, 'id'], `编号重复：${c.id}`);
    checkIds.add(c.id);
    c.onFail.forEach((p, j) => {
      if (!ctx.penaltyIds.has(p)) add(['checks', i, 'onFail', j], `引用了未定义的处理：${p}`);
    });
    if (c.due.type === 'yearly' && ctx.cycleYears !== null) {
      for (const y of c.due.years)
        if (y > ctx.cycleYears) add(['checks', i, 'due', 'years'], `第 ${y} 年超出项目周期 ${ctx.cycleYears} 年`);
    }
    const materialIds = c.materials.map((m) => m.id);
    if (new Set(materialIds).size !== materialIds.length) add(['checks', i, 'materials'], '材料编号重复');
  });
  const paymentIds = new Set<string>();
  pa.payments.forEach((p, i) => {
    if (paymentIds.has(p.id)) add(['payments', i, 'id'], `编号重复：${p.id}`);
    paymentIds.add(p.id);
    p.after.forEach((c, j) => {
      if (c.type === 'checkPassed' && !checkIds.has(c.checkId)) add(['payments', i, 'after', j], `引用了未定义的检查：${c.checkId}`);
    });
  });
  if (pa.payments.length > 0 && !ctx.pays) add(['payments'], '本项目不设资助资金，不能安排拨付');
  if (pa.budget && !ctx.pays) add(['budget'], '本项目不设资助资金，不需要预算');
  for (const [key, id] of [
    ['misconduct', pa.misconduct],
    ['unspent', pa.unspent],
  ] as const) {
    if (id && !ctx.penaltyIds.has(id)) add([key], `引用了未定义的处理：${id}`);
  }
  if (pa.renewal && !ctx.kindIds.has(pa.renewal.kindId)) add(['renewal', 'kindId'], `引用了未定义的申报类别：${pa.renewal.kindId}`);
  return out;
}
