import { z } from 'zod';
import type { DueLine, MoneyView, RefundDemand } from '../rules/post-award/money';
import { fenSchema, type LedgerEntry, subjectRefSchema } from '../schemas/awards';
import { chinaDateSchema, cleanString, type FileRef, fileRefSchema, idSchema, requestIdSchema } from '../schemas/common';
import type { ExportResult } from './applications';
import { action } from './define';

/**
 * The money part of the awards function (issue 14 item 3, helper MONEY): the money view of an award or
 * a station, payments (staff, with vouchers), expense reports (the unit, with receipts), refunds,
 * reversals, case-by-case amounts (national stations) and the city's yearly funding summary. Amounts
 * are integer 分 here; pages take 元 with up to two decimals and convert exactly (rules/post-award/award
 * `parseYuan`).
 */

const positiveFen = fenSchema.refine((n) => n > 0, '金额必须大于 0');
const files = (label: string) => z.array(fileRefSchema).min(1, `请上传${label}`).max(20, `${label}不能超过 20 个文件`);
const noteText = (label: string, max: number) => cleanString().max(max, `${label}不能超过 ${max} 字`);

/** Base64 of a voucher / receipt uploaded through the function (≤ 70 KB of bytes, as application materials). */
export const MAX_LEDGER_UPLOAD_BYTES = 70 * 1024;
/** Vouchers and receipts: photos or PDF. */
export const ledgerFileTypes = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;

export interface LedgerEntryView extends LedgerEntry {
  kindLabel: string;
  /** the payment rule, budget line / category, or refund ground it concerns, in words */
  about: string;
}

export interface MoneyPage {
  subject: { type: 'award' | 'station'; id: string };
  title: string;
  programmeId: string;
  programmeTitle: string;
  unitName: string;
  castUnitId: string;
  view: MoneyView;
  /** every entry, reversed ones included (shown struck through), newest first */
  entries: LedgerEntryView[];
  /** what an expense may be booked against: the budget lines in force (awards) or the categories (stations) */
  expenseTargets: {
    budgetLineId: string | null;
    categoryId: string;
    categoryLabel: string;
    purpose: string;
    /** approved − spent; null for a station category (no budget) */
    remainingFen: number | null;
    /** a category the programme forbids (stations list them too: choosing one is refused with its clause) */
    forbidden: boolean;
  }[];
  /** the clause of the programme's forbidden list, for the expense form */
  forbiddenClause: string;
  /** what a refund may settle: confirmed consequences with a demand, and unspent money */
  refundTargets: { settles: string; label: string; amountFen: number | null }[];
  /** payments staff may record now */
  payable: Pick<DueLine, 'paymentId' | 'label' | 'payableFen'>[];
  /** national stations: payment rules whose amount is set case by case */
  caseByCase: Pick<DueLine, 'paymentId' | 'label' | 'amountFen'>[];
  /** the server's today (China date): the latest date a payment, expense or refund may carry */
  today: string;
  /** where the app puts a voucher or receipt before naming it in a write (the storage folder the action claims files from) */
  uploadFolder: string;
  can: { recordPayment: boolean; reportExpense: boolean; recordRefund: boolean; reverse: boolean; setCaseByCase: boolean };
  side: 'applicant' | 'staff';
  /**
   * The unit's receipt proofs (资金到账凭据) when a payment rule of the award's programme waits for one (e.g. Weihai
   * 五(三)), else null: the proofs filed, the award's revision (for awards.submitReceiptProof), whether the caller may add.
   */
  receiptProof: { clause: string; proofs: FileRef[]; revision: number; canSubmit: boolean } | null;
}
export type { DueLine, MoneyView, RefundDemand };

export interface LedgerWriteResult {
  entryId: string;
}

export const moneyApi = {
  /** The money view: an applicant its own award / station, staff and the finance bureau those they oversee. */
  moneyView: action<MoneyPage>()(z.object({ subject: subjectRefSchema })),
  /** Staff: a payment made under one payment rule, with its voucher; refused above what is due. */
  recordPayment: action<LedgerWriteResult>()(
    z.object({
      subject: subjectRefSchema,
      paymentId: z.string().trim().min(1, '请选择拨付项').max(60),
      amountFen: positiveFen,
      date: chinaDateSchema,
      vouchers: files('拨付凭证'),
      note: noteText('备注', 500).default(''),
      requestId: requestIdSchema,
    }),
  ),
  /** The unit: an expense against a budget line (awards) or a category (stations), with receipts. */
  reportExpense: action<LedgerWriteResult>()(
    z.object({
      subject: subjectRefSchema,
      budgetLineId: idSchema.nullable().default(null),
      categoryId: z.string().trim().min(1, '请选择开支类别').max(60).optional(),
      amountFen: positiveFen,
      date: chinaDateSchema,
      purpose: cleanString().min(2, '请填写支出用途').max(500, '用途不能超过 500 字'),
      receipts: files('票据'),
      requestId: requestIdSchema,
    }),
  ),
  /** Staff: money returned by the unit, against a confirmed consequence or unspent money. */
  recordRefund: action<LedgerWriteResult>()(
    z.object({
      subject: subjectRefSchema,
      settles: z.string().trim().min(1, '请选择退回事由').max(120),
      amountFen: positiveFen,
      date: chinaDateSchema,
      vouchers: files('退回凭证'),
      note: noteText('备注', 500).default(''),
      requestId: requestIdSchema,
    }),
  ),
  /** A mistaken entry is reversed with a reason, never deleted (staff; the unit its own expense). */
  reverseLedgerEntry: action<LedgerWriteResult>()(
    z.object({
      entryId: idSchema,
      reason: cleanString().min(2, '请写明冲销原因').max(500, '原因不能超过 500 字'),
      requestId: requestIdSchema,
    }),
  ),
  /** Staff: the amount of a case-by-case payment (national stations, 一事一议), with the reason. */
  setCaseByCaseAmount: action<LedgerWriteResult>()(
    z.object({
      stationId: idSchema,
      paymentId: z.string().trim().min(1, '请选择拨付项').max(60),
      amountFen: positiveFen,
      reason: cleanString().min(2, '请写明核定依据').max(500, '依据不能超过 500 字'),
      requestId: requestIdSchema,
    }),
  ),
  /** A voucher or receipt (photo or PDF) uploaded through the function; used by the writes above. */
  uploadLedgerFile: action<z.infer<typeof fileRefSchema>>()(
    z.object({
      subject: subjectRefSchema,
      name: cleanString().min(1, '请提供文件名').max(200, '文件名过长'),
      mime: z.enum(ledgerFileTypes, { error: '只能上传图片（JPG、PNG、WEBP）或 PDF 文件' }),
      base64: z
        .string()
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, '文件内容编码不正确')
        .refine((s) => Math.floor((s.length * 3) / 4) <= MAX_LEDGER_UPLOAD_BYTES + 2, '文件超过 70 KB，请压缩后上传'),
      requestId: requestIdSchema,
    }),
  ),
  /** The city's yearly funding summary (.xlsx): by programme, unit and category — due / paid / spent / refund. */
  exportFundingSummary: action<ExportResult>()(z.object({ year: z.number().int().min(2000, '年份不正确').max(2100, '年份不正确') })),
};
