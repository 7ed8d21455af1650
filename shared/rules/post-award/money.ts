import { addDays, addMonthsClamped, type ChinaDate, chinaDateOf } from '../../calendar/china-time';
import { expenseCategories, isExpenseCategoryId } from '../../programmes/expense-categories';
import { fenText, type PaymentCondition, type PaymentRule } from '../../programmes/post-award';
import type { Programme } from '../../programmes/schema';
import type { AwardDoc, BudgetVersion, CheckDoc, ConsequenceDoc, LedgerEntry, SubjectRef } from '../../schemas/awards';
import type { StationLevel } from '../../schemas/org';
import type { Assessment } from '../../schemas/reports';
import { passed as assessmentPassed } from '../assessment/consequences';
import { checkExpense } from '../expense';
import { fundingDue } from '../funding';
import { findPenalty } from '../penalty';
import { budgetInForce, budgetWindow } from './budget';

export { budgetWindow };

import { checkCounts, openObjection } from './checks';

/**
 * The money view of an award or a station (issue 14 item 3), in integer 分: what is due under each
 * payment rule of `postAward.payments` and whether its conditions hold, what was paid, what was spent
 * (by budget line and category), what must be refunded and why, and the totals. Everything is computed
 * from stored facts (the award, its checks, the station's published assessments, the ledger, confirmed
 * consequences) — nothing here is stored. Integer arithmetic only.
 */

export const dueStatuses = ['waiting', 'due', 'paid', 'stopped'] as const;
export type DueStatus = (typeof dueStatuses)[number];
export const dueStatusLabels: Record<DueStatus, string> = { waiting: '待满足条件', due: '应拨付', paid: '已拨付', stopped: '停止拨付' };

export interface MoneyFacts {
  programme: Programme;
  subject: SubjectRef;
  /** the kind whose funding rule applies (award: its kind; station: the programme's byLevel kind) */
  kindId: string;
  /** an award's stored facts; null for a station */
  award: Pick<AwardDoc, 'amountFen' | 'agreement' | 'budgets' | 'receiptProofs'> | null;
  /** a station's level and term; null for an award */
  station: { id: string; level: StationLevel; termYears: number } | null;
  /** the award's checks (awardChecks) */
  checks: readonly Pick<CheckDoc, 'checkId' | 'year' | 'status' | 'publicity' | 'objections'>[];
  /** the station's assessments (any state: only published ones count) */
  assessments: readonly Pick<Assessment, 'yearIndex' | 'state' | 'computed' | 'adjusted'>[];
  /** every ledger entry of the subject, reversed ones included */
  ledger: readonly LedgerEntry[];
  /** every consequence decision on the subject */
  consequences: readonly Pick<ConsequenceDoc, 'id' | 'penaltyId' | 'status' | 'refundFen' | 'effectiveOn'>[];
  today: ChinaDate;
}

export interface DueLine {
  paymentId: string;
  label: string;
  clause: string;
  yearIndex: number;
  /** null: not known yet (the award amount not set, or 一事一议 without an amount set) */
  amountFen: number | null;
  caseByCase: boolean;
  /** how the amount follows from the funding rule (Chinese) */
  amountReason: string;
  status: DueStatus;
  statusLabel: string;
  /** the conditions that do not hold yet (Chinese), and why a payment stopped */
  unmet: string[];
  paidFen: number;
  /** what may still be paid now: amount − paid when due, else 0 */
  payableFen: number;
}

export interface SpentLine {
  budgetLineId: string;
  categoryId: string;
  categoryLabel: string;
  purpose: string;
  /** the approved amount (0 for a line of an earlier budget version no longer in force) */
  approvedFen: number;
  spentFen: number;
  /** spent beyond the approved amount */
  over: boolean;
  inForce: boolean;
}

export interface RefundDemand {
  consequenceId: string;
  penaltyId: string;
  clause: string;
  trigger: string;
  /** null: the amount is still to be set by staff (refundFen) */
  amountFen: number | null;
  basis: string;
}

export interface MoneyView {
  due: DueLine[];
  paid: { entries: LedgerEntry[]; totalFen: number };
  spent: { lines: SpentLine[]; byCategory: { categoryId: string; categoryLabel: string; spentFen: number }[]; totalFen: number };
  refund: {
    demands: RefundDemand[];
    /** the budget window (cycle.budgetSpendWithinYears from the first budget approval); null when none applies */
    window: { start: ChinaDate; end: ChinaDate; ended: boolean; unspentFen: number; note: string } | null;
    demandedFen: number;
    receivedFen: number;
    outstandingFen: number;
  };
  totals: { dueFen: number; paidFen: number; spentFen: number; refundedFen: number; balanceFen: number; refundOutstandingFen: number };
  /** a confirmed consequence stopping further payments, in Chinese; null when none */
  stoppedBy: string | null;
}

const standing = (e: LedgerEntry) => e.reversedBy === null;
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** the budget version in force (budget.ts), re-exported for the readers of the money view */
export { budgetInForce };
export const categoryLabel = (id: string): string => (isExpenseCategoryId(id) ? expenseCategories[id] : id);

/** The latest standing case-by-case amount staff set for a payment rule (ledger kind 'allocation'). */
export function allocationOf(ledger: readonly LedgerEntry[], paymentId: string): LedgerEntry | null {
  let out: LedgerEntry | null = null;
  for (const e of ledger) if (e.kind === 'allocation' && standing(e) && e.settles === paymentId && (!out || e.at >= out.at)) out = e;
  return out;
}

/**
 * The amount of one payment rule, in 分, from `fundingDue` (its rounding kept: a later-year fraction of
 * the first award is rounded down to the whole 元 as fundingDue does). An award's amount in 分 with
 * 角/分 is passed as whole 元; where the rule pays the first award itself, its 角/分 are paid too.
 */
function amountOf(f: MoneyFacts, rule: PaymentRule): { amountFen: number | null; caseByCase: boolean; reason: string } {
  if (f.station) {
    const d = fundingDue(f.programme, f.kindId, {
      level: f.station.level,
      yearIndex: rule.yearIndex,
      passed: true,
      termYears: f.station.termYears,
    });
    if (d.caseByCase) {
      const a = allocationOf(f.ledger, rule.id);
      return a
        ? { amountFen: a.amountFen, caseByCase: true, reason: `一事一议，核定金额（${a.note}）` }
        : { amountFen: null, caseByCase: true, reason: `${d.reason}：一事一议，金额尚未核定` };
    }
    return { amountFen: d.amountYuan === null ? null : d.amountYuan * 100, caseByCase: false, reason: d.reason };
  }
  const awardFen = f.award?.amountFen ?? null;
  if (awardFen === null) return { amountFen: null, caseByCase: false, reason: '核定金额尚未设置' };
  const whole = Math.floor(awardFen / 100);
  const d = fundingDue(f.programme, f.kindId, {
    yearIndex: rule.yearIndex,
    passed: true,
    firstAwardYuan: whole,
    requestedYuan: whole,
    roundAmountYuan: whole,
  });
  if (d.amountYuan === null) return { amountFen: null, caseByCase: d.caseByCase, reason: d.reason };
  // the rule pays the award itself (uncapped): with its 角 and 分
  const paysAward = d.amountYuan === whole && !d.capped;
  const amountFen = paysAward ? awardFen : d.amountYuan * 100;
  // the reason names the amount paid, to the 分 (fundingDue speaks in whole 元)
  const reason =
    paysAward && awardFen % 100 !== 0 ? d.reason.split(`${whole.toLocaleString('en-US')} 元`).join(fenText(awardFen)) : d.reason;
  return { amountFen, caseByCase: false, reason };
}

/** Whether one condition holds: null when it does, else why not (Chinese); `stop` when it can never hold. */
function conditionUnmet(f: MoneyFacts, rule: PaymentRule, c: PaymentCondition): { text: string; stop?: boolean } | null {
  switch (c.type) {
    case 'award':
      return f.award || f.station ? null : { text: '尚未立项' };
    case 'agreementAccepted': {
      const label = f.programme.postAward?.agreement?.label ?? '任务书';
      return f.award?.agreement?.status === 'accepted' ? null : { text: `${label}尚未通过` };
    }
    case 'budgetApproved':
      return f.award && budgetInForce(f.award.budgets) ? null : { text: '预算尚未批复' };
    case 'receiptProof':
      return f.award && f.award.receiptProofs.length > 0 ? null : { text: '尚未上传资金到账凭据' };
    case 'checkPassed': {
      const year = c.year ?? 1;
      const checkRule = f.programme.postAward?.checks.find((x) => x.id === c.checkId);
      const label = `${checkRule?.label ?? c.checkId}${c.year ? `（第 ${year} 年）` : ''}`;
      const doc = f.checks.find((x) => x.checkId === c.checkId && x.year === year);
      if (!doc || !checkRule) return { text: `${label}尚未通过` };
      // CHECKS' reading of a check (passed, and its publicity over without an upheld objection)
      const counts = checkCounts(doc, checkRule, f.today);
      if (counts === 'passed') return null;
      if (counts === 'failed') return { text: doc.status === 'failed' ? `${label}未通过` : `${label}公示期间异议成立`, stop: true };
      if (doc.status !== 'passed') return { text: `${label}尚未通过` };
      if (!doc.publicity) return { text: `${label}已通过，尚待公示` };
      if (openObjection(doc)) return { text: `${label}公示期间收到异议，尚待处理` };
      return { text: `${label}公示期至 ${doc.publicity.end}，公示无异议后拨付` };
    }
    case 'assessmentPassed': {
      const a = f.assessments.find((x) => x.yearIndex === rule.yearIndex && x.state === 'published');
      if (!a) return { text: `第 ${rule.yearIndex} 年绩效考核结果尚未发布` };
      return assessmentPassed(a) ? null : { text: `第 ${rule.yearIndex} 年绩效考核不合格，不予资助（${rule.clause}）`, stop: true };
    }
  }
}

/** The confirmed consequence that stops further payments (stopFunding or revokeQualification), in Chinese. */
function stopping(f: MoneyFacts): string | null {
  for (const c of f.consequences) {
    if (c.status !== 'confirmed') continue;
    const p = findPenalty(f.programme, c.penaltyId);
    if (p && (p.stopFunding || p.revokeQualification)) {
      return `${p.trigger}（${p.clause}）：自 ${c.effectiveOn} 起${p.revokeQualification ? '撤销资格，' : ''}停止拨付`;
    }
  }
  return null;
}

function dueLines(f: MoneyFacts, stoppedBy: string | null): DueLine[] {
  const payments = f.programme.postAward?.payments ?? [];
  return payments.map((rule) => {
    const { amountFen, caseByCase, reason } = amountOf(f, rule);
    const paidFen = sum(f.ledger.filter((e) => e.kind === 'payment' && standing(e) && e.settles === rule.id).map((e) => e.amountFen));
    const unmetAll = rule.after.map((c) => conditionUnmet(f, rule, c)).filter((x): x is { text: string; stop?: boolean } => x !== null);
    const unmet = unmetAll.map((u) => u.text);
    if (amountFen === null) unmet.push(caseByCase ? '一事一议：金额尚未核定' : reason);
    let status: DueStatus;
    if (amountFen !== null && amountFen > 0 && paidFen >= amountFen) status = 'paid';
    else if (stoppedBy) {
      status = 'stopped';
      unmet.unshift(stoppedBy);
    } else if (unmetAll.some((u) => u.stop) || amountFen === 0) status = 'stopped';
    else status = unmet.length === 0 ? 'due' : 'waiting';
    if (amountFen === 0 && !unmet.includes(reason)) unmet.push(reason);
    const payableFen = status === 'due' && amountFen !== null ? Math.max(0, amountFen - paidFen) : 0;
    return {
      paymentId: rule.id,
      label: rule.label,
      clause: rule.clause,
      yearIndex: rule.yearIndex,
      amountFen,
      caseByCase,
      amountReason: reason,
      status,
      statusLabel: dueStatusLabels[status],
      unmet,
      paidFen,
      payableFen,
    };
  });
}

function spentView(f: MoneyFacts): MoneyView['spent'] {
  const expenses = f.ledger.filter((e) => e.kind === 'expense' && standing(e));
  const byLine = new Map<string, number>();
  for (const e of expenses) if (e.budgetLineId) byLine.set(e.budgetLineId, (byLine.get(e.budgetLineId) ?? 0) + e.amountFen);
  const lines: SpentLine[] = [];
  const inForce = f.award ? budgetInForce(f.award.budgets) : null;
  for (const l of inForce?.lines ?? []) {
    const spentFen = byLine.get(l.id) ?? 0;
    lines.push({
      budgetLineId: l.id,
      categoryId: l.categoryId,
      categoryLabel: categoryLabel(l.categoryId),
      purpose: l.purpose,
      approvedFen: l.amountFen,
      spentFen,
      over: spentFen > l.amountFen,
      inForce: true,
    });
  }
  // expenses booked against a line of an earlier version no longer in force
  for (const [id, spentFen] of byLine) {
    if (lines.some((l) => l.budgetLineId === id)) continue;
    const old = f.award?.budgets.flatMap((b) => b.lines).find((l) => l.id === id);
    const categoryId = old?.categoryId ?? expenses.find((e) => e.budgetLineId === id)?.categoryId ?? '';
    lines.push({
      budgetLineId: id,
      categoryId,
      categoryLabel: categoryLabel(categoryId),
      purpose: old?.purpose ?? '',
      approvedFen: 0,
      spentFen,
      over: spentFen > 0,
      inForce: false,
    });
  }
  const cats = new Map<string, number>();
  for (const e of expenses) {
    const c = e.categoryId ?? '';
    cats.set(c, (cats.get(c) ?? 0) + e.amountFen);
  }
  return {
    lines,
    byCategory: [...cats].map(([categoryId, spentFen]) => ({ categoryId, categoryLabel: categoryLabel(categoryId), spentFen })),
    totalFen: sum(expenses.map((e) => e.amountFen)),
  };
}

function refundView(f: MoneyFacts, paidFen: number, spentFen: number): MoneyView['refund'] {
  const demands: RefundDemand[] = [];
  let all = false;
  for (const c of f.consequences) {
    if (c.status !== 'confirmed') continue;
    const p = findPenalty(f.programme, c.penaltyId);
    if (!p || p.clawBack === 'none') continue;
    if (p.clawBack === 'all') {
      all = true;
      demands.push({
        consequenceId: c.id,
        penaltyId: p.id,
        clause: p.clause,
        trigger: p.trigger,
        amountFen: paidFen,
        basis: '收回已拨付的全部资金',
      });
    } else {
      demands.push({
        consequenceId: c.id,
        penaltyId: p.id,
        clause: p.clause,
        trigger: p.trigger,
        amountFen: c.refundFen,
        basis: c.refundFen === null ? '退回金额待核定' : p.clawBack === 'corresponding' ? '追回相应的专项资金' : '部分或全部退还所拨经费',
      });
    }
  }
  const demandedFen = Math.min(paidFen, all ? paidFen : sum(demands.map((d) => d.amountFen ?? 0)));
  const receivedFen = sum(f.ledger.filter((e) => e.kind === 'refund' && standing(e)).map((e) => e.amountFen));
  const w = f.award ? budgetWindow(f.programme, f.award.budgets) : null;
  const unspentFen = Math.max(0, paidFen - spentFen);
  const window = w
    ? {
        ...w,
        ended: f.today > w.end,
        unspentFen,
        note:
          f.today > w.end && unspentFen > 0
            ? `预算执行期已于 ${w.end} 结束，尚有 ${fenPlain(unspentFen)} 元未执行完毕（${f.programme.cycle.clause}）`
            : f.today > w.end
              ? `预算执行期已于 ${w.end} 结束，资金已执行完毕`
              : `预算执行期至 ${w.end}`,
      }
    : null;
  return { demands, window, demandedFen, receivedFen, outstandingFen: Math.max(0, demandedFen - receivedFen) };
}

export function moneyView(f: MoneyFacts): MoneyView {
  const stoppedBy = stopping(f);
  const due = dueLines(f, stoppedBy);
  const paidEntries = f.ledger.filter((e) => e.kind === 'payment' && standing(e));
  const paidFen = sum(paidEntries.map((e) => e.amountFen));
  const spent = spentView(f);
  const refund = refundView(f, paidFen, spent.totalFen);
  const dueFen = sum(due.filter((d) => d.status === 'due' || d.status === 'paid').map((d) => d.amountFen ?? 0));
  return {
    due,
    paid: { entries: paidEntries, totalFen: paidFen },
    spent,
    refund,
    totals: {
      dueFen,
      paidFen,
      spentFen: spent.totalFen,
      refundedFen: refund.receivedFen,
      balanceFen: paidFen - spent.totalFen - refund.receivedFen,
      refundOutstandingFen: refund.outstandingFen,
    },
    stoppedBy,
  };
}

// ───────────────────────── decisions on a write ─────────────────────────

/** Why a payment of `amountFen` under `paymentId` may not be recorded (Chinese), or null. */
export function paymentRefusal(view: MoneyView, paymentId: string, amountFen: number): string | null {
  const line = view.due.find((d) => d.paymentId === paymentId);
  if (!line) return '没有这一拨付项';
  if (line.status === 'paid') return `${line.label}已全额拨付`;
  if (line.status === 'stopped') return `${line.label}已停止拨付：${line.unmet.join('；')}`;
  if (line.status === 'waiting') return `${line.label}尚不能拨付：${line.unmet.join('；')}`;
  if (amountFen > line.payableFen) return `拨付金额超过应拨付金额（${line.label}尚可拨付 ${fenPlain(line.payableFen)} 元）`;
  return null;
}

/** An expense's category decision: forbidden categories are refused with their clause; an unlisted one only on an approved line with a justification. */
export function expenseRefusal(
  programme: Programme,
  categoryId: string,
  line: { justification: string | null } | null,
): { message: string; clause: string } | null {
  const c = checkExpense(programme, categoryId);
  if (c.allowed) return null;
  const forbidden = programme.expenses?.forbidden.ids.some((id) => id === categoryId) ?? false;
  if (!forbidden && line?.justification) return null; // approved with the budget, with its justification
  return { message: c.reason, clause: c.clause };
}

/** How much more may be spent on a budget line (approved − spent), in 分. */
export function lineRemainingFen(view: MoneyView, budgetLineId: string): number | null {
  const l = view.spent.lines.find((x) => x.budgetLineId === budgetLineId && x.inForce);
  return l ? l.approvedFen - l.spentFen : null;
}

/** "1234.50" from 分 (no thousands separators; for messages and inputs). */
export function fenPlain(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}
