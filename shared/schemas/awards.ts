import { z } from 'zod';
import { chinaDateSchema, fileRefSchema, idSchema } from './common';

/**
 * After the award (issue 14): the stored shapes every post-award part shares. Each collection has one
 * writer (cloudfunctions/_kernel/store/<repo>.ts); the others read.
 *   awards        (store/awards.ts)        one per awarded application: amount, task agreement, budget
 *   awardChecks   (store/checks.ts)        one per check due: materials, opinions, outcome, publicity
 *   ledger        (store/ledger.ts)        money recorded: payments made, expenses, refunds received (分)
 *   consequences  (store/consequences.ts)  decisions on proposed consequences: confirmed / dismissed / lifted
 * What is *due* (payments, refunds) and what is *proposed* (consequences) is computed from these by the
 * pure rules in shared/rules/post-award/, never stored twice.
 *
 * Money: integer 分 (fen) everywhere below.
 */

const instant = z.number().int('时间应为整数毫秒').min(0, '时间不能为负');
export const fenSchema = z.number().int('金额最小单位为分').min(0, '金额不能为负').max(10_000_000_000, '金额过大');
const note = (max = 2000) => z.string().max(max);

/** What a post-award record is about: an awarded application, or a station (stations are awarded by 授牌 too). */
export const subjectRefSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('award'), id: idSchema }),
  z.strictObject({ type: z.literal('station'), id: idSchema }),
]);
export type SubjectRef = z.infer<typeof subjectRefSchema>;

/** The award file's id for an application (one file per awarded application). */
export const awardIdOf = (applicationId: string): string => `aw_${applicationId}`;

// ───────────────────────── awards ─────────────────────────

export const decisionSchema = z.strictObject({
  by: idSchema,
  at: instant,
  /** reason / comment shown to the applicant (required when returning) */
  comment: note(1000),
});
export type Decision = z.infer<typeof decisionSchema>;

/** One answer per agreement section: text; a target per cycle year; dated milestones. */
export const agreementAnswerSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('text'), text: note(5000) }),
  z.strictObject({
    type: z.literal('yearlyTargets'),
    targets: z.array(z.strictObject({ year: z.number().int().min(1).max(10), target: note(1000) })).max(10),
  }),
  z.strictObject({
    type: z.literal('schedule'),
    milestones: z.array(z.strictObject({ date: chinaDateSchema, milestone: note(500) })).max(50),
  }),
]);
export type AgreementAnswer = z.infer<typeof agreementAnswerSchema>;

export const agreementStatuses = ['draft', 'submitted', 'returned', 'accepted'] as const;
export const agreementDocSchema = z.strictObject({
  status: z.enum(agreementStatuses),
  /** by section id of the programme's agreement rule */
  answers: z.record(z.string(), agreementAnswerSchema),
  submittedAt: instant.nullable(),
  decision: decisionSchema.nullable(),
});
export type AgreementDoc = z.infer<typeof agreementDocSchema>;

export const budgetLineSchema = z.strictObject({
  id: idSchema,
  /** an expense category id (shared/programmes/expense-categories.ts) */
  categoryId: z.string().min(1).max(60),
  amountFen: fenSchema,
  purpose: note(500),
  /** required for a category the programme neither allows nor forbids */
  justification: note(1000).nullable(),
});
export type BudgetLine = z.infer<typeof budgetLineSchema>;

export const budgetStatuses = ['draft', 'submitted', 'returned', 'approved'] as const;
export const budgetVersionSchema = z.strictObject({
  /** 1 = the first budget; each approved change adds one */
  version: z.number().int().min(1),
  status: z.enum(budgetStatuses),
  lines: z.array(budgetLineSchema).max(100),
  /** why the change (versions after the first) */
  changeReason: note(1000).nullable(),
  submittedAt: instant.nullable(),
  decision: decisionSchema.nullable(),
});
export type BudgetVersion = z.infer<typeof budgetVersionSchema>;

export const awardDocSchema = z.strictObject({
  id: idSchema,
  applicationId: idSchema,
  programmeId: idSchema,
  /** the definition version the round pinned (absent: the built-in) */
  programmeVersion: z.number().int().min(1).optional(),
  kindId: idSchema,
  castUnitId: idSchema,
  applicant: z.strictObject({ type: z.enum(['society', 'hostUnit']), societyId: idSchema.nullable(), hostUnitId: idSchema.nullable() }),
  title: note(200),
  awardedOn: chinaDateSchema,
  /** the first award amount staff set (核定金额), validated against the kind's funding rule; null until set */
  amountFen: fenSchema.nullable(),
  amountReason: note(500),
  agreement: agreementDocSchema.nullable(),
  /** every version, oldest first; the last approved one is in force */
  budgets: z.array(budgetVersionSchema).max(50),
  /** the unit's receipt vouchers (到账凭据) */
  receiptProofs: z.array(fileRefSchema).max(20),
  /** optimistic concurrency: bumped on every write */
  revision: z.number().int().min(1),
  createdAt: instant,
  updatedAt: instant,
});
export type AwardDoc = z.infer<typeof awardDocSchema>;

// ───────────────────────── checks ─────────────────────────

export const checkStatuses = ['pending', 'submitted', 'returned', 'passed', 'failed'] as const;
export const checkDocSchema = z.strictObject({
  /** `ck_<awardId>_<checkRuleId>_<year>` */
  id: idSchema,
  awardId: idSchema,
  programmeId: idSchema,
  castUnitId: idSchema,
  checkId: z.string().min(1).max(60),
  /** the cycle year (1 for one-off checks) */
  year: z.number().int().min(1).max(10),
  dueDate: chinaDateSchema,
  status: z.enum(checkStatuses),
  /** by material id */
  materials: z.record(z.string(), z.array(fileRefSchema).max(20)),
  submittedAt: instant.nullable(),
  opinions: z.array(
    z.strictObject({ opinionId: z.string().min(1).max(60), by: idSchema, at: instant, passed: z.boolean(), text: note(2000) }),
  ),
  outcome: z
    .strictObject({ passed: z.boolean(), reasons: z.array(note(500)).min(1), by: idSchema, at: instant, decidedOn: chinaDateSchema })
    .nullable(),
  /** when the programme publicises a passed check: its period, and whether an objection was upheld */
  publicity: z.strictObject({ start: chinaDateSchema, end: chinaDateSchema, objectionUpheld: z.boolean() }).nullable(),
  /** objections received during the publicity, as staff recorded them, and staff's decision on each (null: open) */
  objections: z
    .array(
      z.strictObject({
        text: note(2000),
        receivedOn: chinaDateSchema,
        recordedBy: idSchema,
        at: instant,
        decision: z.strictObject({ upheld: z.boolean(), reason: note(1000), by: idSchema, at: instant }).nullable(),
      }),
    )
    .max(20),
  /** each time the decider returned the check for more materials, with the comment the applicant reads */
  returns: z.array(decisionSchema).max(20),
  /** reminders sent (days-before values already sent), so a reminder is sent once */
  remindersSent: z.array(z.number().int()),
  revision: z.number().int().min(1),
  createdAt: instant,
  updatedAt: instant,
});
export type CheckDoc = z.infer<typeof checkDocSchema>;

// ───────────────────────── the ledger ─────────────────────────

/**
 * allocation: the amount staff set for a payment a programme decides case by case (national stations,
 * 一事一议 — `settles` names the payment rule); the latest one not reversed counts.
 */
export const ledgerKinds = ['payment', 'expense', 'refund', 'allocation'] as const;
export const ledgerEntrySchema = z.strictObject({
  id: idSchema,
  subject: subjectRefSchema,
  castUnitId: idSchema,
  programmeId: idSchema,
  /** payment: money paid to the unit (staff, with the voucher); expense: spent by the unit (with receipts); refund: money returned */
  kind: z.enum(ledgerKinds),
  amountFen: fenSchema,
  /** payment: the payment rule id it settles; refund: the consequence id or 'unspent' it settles */
  settles: z.string().max(120).nullable(),
  /** expense: the budget line and its category */
  budgetLineId: idSchema.nullable(),
  categoryId: z.string().max(60).nullable(),
  /** the day it happened (voucher / receipt date) */
  date: chinaDateSchema,
  vouchers: z.array(fileRefSchema).max(20),
  note: note(1000),
  recordedBy: idSchema,
  at: instant,
  /** a mistaken entry is reversed, never deleted: who reversed it … */
  reversedBy: idSchema.nullable(),
  /** … when and why (null while it stands) */
  reversal: z.strictObject({ at: instant, reason: note(500) }).nullable(),
});
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

// ───────────────────────── consequences ─────────────────────────

/**
 * A staff decision on a consequence the product proposed (shared/rules/post-award/consequences.ts):
 * the id is deterministic from its source, so the same outcome never proposes twice.
 */
/** reported: a misconduct finding staff recorded (it proposes the programme's `postAward.misconduct`; a decision replaces it) */
export const consequenceStatuses = ['reported', 'confirmed', 'dismissed', 'lifted'] as const;
export const consequenceDocSchema = z.strictObject({
  /** `cq_<source key>_<penaltyId>` */
  id: idSchema,
  subject: subjectRefSchema,
  castUnitId: idSchema,
  programmeId: idSchema,
  penaltyId: z.string().min(1).max(60),
  /** what produced the proposal: a failed check, a published assessment, misconduct found, money unspent */
  source: z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('check'), checkDocId: idSchema }),
    z.strictObject({ type: z.literal('assessment'), assessmentId: idSchema, termEnd: z.boolean() }),
    z.strictObject({ type: z.literal('misconduct'), finding: note(2000) }),
    z.strictObject({ type: z.literal('unspent'), windowEnd: chinaDateSchema }),
  ]),
  status: z.enum(consequenceStatuses),
  /** the date it takes effect (bans run from here) */
  effectiveOn: chinaDateSchema,
  /** rectification: the deadline; lifted by a passed re-check */
  deadline: chinaDateSchema.nullable(),
  /** clawback / refund demanded, in fen (null: none) */
  refundFen: fenSchema.nullable(),
  /** the sanction written for a ban (sanctions collection, read by eligibility) */
  sanctionId: idSchema.nullable(),
  reason: note(2000),
  decidedBy: idSchema,
  at: instant,
  liftedAt: instant.nullable(),
});
export type ConsequenceDoc = z.infer<typeof consequenceDocSchema>;
