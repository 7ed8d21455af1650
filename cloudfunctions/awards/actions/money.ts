import type { AwardsApi } from '../../../shared/api/awards';
import type { LedgerEntryView, LedgerWriteResult, MoneyPage } from '../../../shared/api/awards-money';
import { ledgerFileTypes } from '../../../shared/api/awards-money';
import type { ParsedInputOf } from '../../../shared/api/define';
import { AppError } from '../../../shared/errors';
import { uploadFolderOf } from '../../../shared/rules/files';
import { budgetInForce } from '../../../shared/rules/post-award/budget';
import {
  allocationOf,
  categoryLabel,
  moneyView as computeView,
  expenseRefusal,
  fenPlain,
  lineRemainingFen,
  type MoneyView,
  paymentRefusal,
} from '../../../shared/rules/post-award/money';
import { receiptProofRefusal, receiptProofRules } from '../../../shared/rules/post-award/receipt-proof';
import type { LedgerEntry, SubjectRef } from '../../../shared/schemas/awards';
import type { FileRef } from '../../../shared/schemas/common';
import { storeUpload, usableFile } from '../../_kernel/files';
import type { Uses } from '../../_kernel/router';
import { requestKey } from '../../_kernel/store/idempotency';
import {
  isApplicantSide,
  loadSubject,
  type MoneySubject,
  moneyFacts,
  moneyWritersOf,
  oversees,
  requireApplicantSide,
  requireReader,
  requireWriter,
  todayOf,
} from './money-access';

/**
 * The money ledger's actions (issue 14 item 3): read → decide (shared/rules/post-award/money.ts) →
 * write one entry in one transaction (store/ledger.ts), audited, once per request id. Amounts in 分.
 */
type In<K extends keyof AwardsApi> = ParsedInputOf<AwardsApi[K]>;
type WriteCtx = Uses<'store' | 'clock' | 'files' | 'caller' | 'fn' | 'action'>;

const invalid = (path: string, message: string) => new AppError('INPUT.INVALID', undefined, { issues: [{ path, message }] });
const kindLabels: Record<LedgerEntry['kind'], string> = { payment: '拨付', expense: '支出', refund: '退回', allocation: '核定金额' };

/** Where a subject's vouchers and receipts are filed: the award's application folder, or the station's. */
function fileTarget(s: MoneySubject) {
  return s.award
    ? {
        kind: 'attachment' as const,
        targetId: s.award.applicationId,
        unitId: s.award.applicant.societyId ?? s.award.applicant.hostUnitId ?? s.award.applicationId,
      }
    : { kind: 'evidence' as const, targetId: s.ref.id, unitId: s.ref.id };
}

async function files(ctx: WriteCtx, s: MoneySubject, refs: readonly FileRef[], path: string): Promise<FileRef[]> {
  const out: FileRef[] = [];
  for (const [i, ref] of refs.entries())
    out.push(await usableFile(ctx, ref, { ...fileTarget(s), mimeTypes: ledgerFileTypes }, `${path}.${i}`));
  return out;
}

function notFuture(ctx: Uses<'clock'>, date: string): void {
  if (date > todayOf(ctx)) throw invalid('date', '日期不能晚于今天');
}

/**
 * An entry decided on the subject's ledger as it stands inside the write's transaction: `seen` are its
 * entries read before, `decide` gets them with those written since (store.ledger.append re-reads them by
 * id) and returns the entry or throws the refusal — so two requests fired together never both pass a limit.
 */
interface Append {
  subject: SubjectRef;
  seen: readonly LedgerEntry[];
  decide: (all: readonly LedgerEntry[]) => { entry: NewEntry; reason?: string };
}
type NewEntry = Omit<LedgerEntry, 'id'>;

/** A write applied once: a retry gets the first result back, before any check could refuse it. */
async function once(
  ctx: WriteCtx,
  requestId: string,
  write: () => Promise<Append | { reverse: LedgerEntry; reason: string }>,
): Promise<LedgerWriteResult> {
  const key = requestKey(ctx, requestId);
  const again = await ctx.store.replay<LedgerWriteResult>(key);
  if (again) return again;
  const w = await write();
  const personId = ctx.caller.personId as string;
  return ctx.store.once(
    key,
    ctx.clock.now(),
    async (tx) => {
      if ('decide' in w) {
        const e = await ctx.store.ledger.append(tx, w.subject, w.seen, w.decide);
        return { entryId: e.id };
      }
      const current = await ctx.store.ledger.getTx(tx, w.reverse.id);
      if (!current || current.reversedBy !== null) throw new AppError('LEDGER.ALREADY_REVERSED');
      await ctx.store.ledger.reverse(tx, current, { by: personId, at: ctx.clock.now(), reason: w.reason });
      return { entryId: current.id };
    },
    { replayed: true },
  );
}

function entry(
  ctx: WriteCtx,
  s: MoneySubject,
  e: Pick<LedgerEntry, 'kind' | 'amountFen' | 'settles' | 'budgetLineId' | 'categoryId' | 'date' | 'vouchers' | 'note'>,
): NewEntry {
  return {
    subject: s.ref,
    castUnitId: s.castUnitId,
    programmeId: s.programme.id,
    ...e,
    recordedBy: ctx.caller.personId as string,
    at: ctx.clock.now(),
    reversedBy: null,
    reversal: null,
  };
}

function about(view: MoneyView, e: LedgerEntry): string {
  if (e.kind === 'payment' || e.kind === 'allocation') return view.due.find((d) => d.paymentId === e.settles)?.label ?? e.settles ?? '';
  if (e.kind === 'expense') {
    const line = view.spent.lines.find((l) => l.budgetLineId === e.budgetLineId);
    return line ? `${line.categoryLabel}：${line.purpose}` : categoryLabel(e.categoryId ?? '');
  }
  if (e.settles === 'unspent') return '未执行完毕的资金';
  const d = view.refund.demands.find((x) => x.consequenceId === e.settles);
  return d ? `${d.trigger}（${d.clause}）` : (e.settles ?? '');
}

// ───────────────────────── reads ─────────────────────────

export async function moneyView(ctx: Uses<'store' | 'clock' | 'caller'>, input: In<'moneyView'>): Promise<MoneyPage> {
  const s = await loadSubject(ctx, input.subject);
  const side = await requireReader(ctx, s);
  const facts = await moneyFacts(ctx, s);
  const view = computeView(facts);
  const writer = side === 'staff' && (await oversees(ctx, s, moneyWritersOf(s)));
  const applicant = side === 'applicant' || (await isApplicantSide(ctx, s));
  const entries: LedgerEntryView[] = [...facts.ledger]
    .sort((a, b) => b.at - a.at)
    .map((e) => ({ ...e, kindLabel: kindLabels[e.kind], about: about(view, e) }));
  const inForce = s.award ? budgetInForce(s.award.budgets) : null;
  const expenses = s.programme.expenses;
  const expenseTargets: MoneyPage['expenseTargets'] = s.award
    ? (inForce?.lines ?? []).map((l) => ({
        budgetLineId: l.id,
        categoryId: l.categoryId,
        categoryLabel: categoryLabel(l.categoryId),
        purpose: l.purpose,
        remainingFen: lineRemainingFen(view, l.id),
        forbidden: false,
      }))
    : [
        // a station spends by category (第十七条): the allowed ones, then the forbidden ones marked — the action refuses them with the clause
        ...(expenses?.allowed.ids ?? []).map((id) => ({ id, forbidden: false })),
        ...(expenses?.forbidden.ids ?? []).map((id) => ({ id, forbidden: true })),
      ].map(({ id, forbidden }) => ({
        budgetLineId: null,
        categoryId: id,
        categoryLabel: categoryLabel(id),
        purpose: '',
        remainingFen: null,
        forbidden,
      }));
  const refundTargets: MoneyPage['refundTargets'] = view.refund.demands.map((d) => ({
    settles: d.consequenceId,
    label: `${d.trigger}（${d.clause}）`,
    amountFen: d.amountFen,
  }));
  if (view.refund.window) refundTargets.push({ settles: 'unspent', label: '未执行完毕的资金', amountFen: view.refund.window.unspentFen });
  return {
    subject: s.ref,
    title: s.title,
    programmeId: s.programme.id,
    programmeTitle: s.programme.title,
    unitName: s.unitName,
    castUnitId: s.castUnitId,
    view,
    entries,
    expenseTargets,
    forbiddenClause: expenses?.forbidden.clause ?? '',
    refundTargets,
    payable: view.due.filter((d) => d.payableFen > 0).map((d) => ({ paymentId: d.paymentId, label: d.label, payableFen: d.payableFen })),
    caseByCase: view.due.filter((d) => d.caseByCase).map((d) => ({ paymentId: d.paymentId, label: d.label, amountFen: d.amountFen })),
    today: facts.today,
    uploadFolder: uploadFolderOf(fileTarget(s).kind, fileTarget(s).targetId),
    can: {
      recordPayment: writer,
      reportExpense: applicant,
      recordRefund: writer,
      reverse: writer || applicant,
      setCaseByCase: writer && view.due.some((d) => d.caseByCase),
    },
    side,
    // the unit's receipt proofs (helper RECEIPT): shown to both sides, filed by the unit (awards.submitReceiptProof)
    receiptProof:
      s.award && receiptProofRules(s.programme).length > 0
        ? {
            clause: receiptProofRules(s.programme)[0]!.clause,
            proofs: s.award.receiptProofs,
            revision: s.award.revision,
            canSubmit: side === 'applicant' && receiptProofRefusal(s.programme, s.award.receiptProofs.length, 1) === null,
          }
        : null,
  };
}

// ───────────────────────── writes ─────────────────────────

export async function recordPayment(ctx: WriteCtx, input: In<'recordPayment'>): Promise<LedgerWriteResult> {
  return once(ctx, input.requestId, async () => {
    const s = await loadSubject(ctx, input.subject);
    await requireWriter(ctx, s);
    notFuture(ctx, input.date);
    const facts = await moneyFacts(ctx, s);
    if (!computeView(facts).due.some((d) => d.paymentId === input.paymentId)) throw invalid('paymentId', '没有这一拨付项');
    const vouchers = await files(ctx, s, input.vouchers, 'vouchers');
    return {
      subject: s.ref,
      seen: facts.ledger,
      // "not above what is due", on the ledger as it stands in the transaction
      decide: (ledger) => {
        const view = computeView({ ...facts, ledger });
        const line = view.due.find((d) => d.paymentId === input.paymentId);
        const refusal = paymentRefusal(view, input.paymentId, input.amountFen);
        if (refusal) throw new AppError(line?.status === 'due' ? 'LEDGER.OVER_DUE' : 'LEDGER.NOT_DUE', refusal);
        return {
          entry: entry(ctx, s, {
            kind: 'payment',
            amountFen: input.amountFen,
            settles: input.paymentId,
            budgetLineId: null,
            categoryId: null,
            date: input.date,
            vouchers,
            note: input.note,
          }),
        };
      },
    };
  });
}

export async function reportExpense(ctx: WriteCtx, input: In<'reportExpense'>): Promise<LedgerWriteResult> {
  return once(ctx, input.requestId, async () => {
    const s = await loadSubject(ctx, input.subject);
    await requireApplicantSide(ctx, s);
    notFuture(ctx, input.date);
    const facts = await moneyFacts(ctx, s);
    let categoryId: string;
    let budgetLineId: string | null = null;
    let line: { justification: string | null } | null = null;
    if (s.award) {
      const inForce = budgetInForce(s.award.budgets);
      if (!inForce) throw new AppError('LEDGER.NO_BUDGET');
      const l = inForce.lines.find((x) => x.id === input.budgetLineId);
      if (!l) throw invalid('budgetLineId', '请选择批复预算中的科目');
      if (input.categoryId !== undefined && input.categoryId !== l.categoryId) {
        throw invalid('categoryId', `支出类别应与预算科目一致（${categoryLabel(l.categoryId)}）`);
      }
      categoryId = l.categoryId;
      budgetLineId = l.id;
      line = l;
    } else {
      if (!input.categoryId) throw invalid('categoryId', '请选择开支类别');
      categoryId = input.categoryId;
    }
    // 开支范围: a forbidden category is refused with its clause (checkExpense)
    const refused = expenseRefusal(s.programme, categoryId, line);
    if (refused)
      throw new AppError('LEDGER.CATEGORY_REFUSED', refused.message, { issues: [{ path: 'categoryId', message: refused.message }] });
    const receipts = await files(ctx, s, input.receipts, 'receipts');
    return {
      subject: s.ref,
      seen: facts.ledger,
      decide: (ledger) => {
        // decided: spending beyond a line's approved amount is refused (a budget change goes through approval
        // first) — on the ledger as it stands in the transaction
        if (budgetLineId) {
          const remaining = lineRemainingFen(computeView({ ...facts, ledger }), budgetLineId) ?? 0;
          if (input.amountFen > remaining) {
            throw new AppError(
              'LEDGER.OVER_BUDGET_LINE',
              `支出金额超过该预算科目的批复金额：${categoryLabel(categoryId)}尚余 ${fenPlain(Math.max(0, remaining))} 元；如需超支，请先申请调整预算`,
              { issues: [{ path: 'amountFen', message: `该科目尚余 ${fenPlain(Math.max(0, remaining))} 元` }] },
            );
          }
        }
        return {
          entry: entry(ctx, s, {
            kind: 'expense',
            amountFen: input.amountFen,
            settles: null,
            budgetLineId,
            categoryId,
            date: input.date,
            vouchers: receipts,
            note: input.purpose,
          }),
        };
      },
    };
  });
}

export async function recordRefund(ctx: WriteCtx, input: In<'recordRefund'>): Promise<LedgerWriteResult> {
  return once(ctx, input.requestId, async () => {
    const s = await loadSubject(ctx, input.subject);
    await requireWriter(ctx, s);
    notFuture(ctx, input.date);
    const facts = await moneyFacts(ctx, s);
    const known = computeView(facts).refund.demands.some((d) => d.consequenceId === input.settles);
    if (!known && input.settles !== 'unspent') throw invalid('settles', '请选择退回事由（已确认的处理决定或未执行完毕的资金）');
    const vouchers = await files(ctx, s, input.vouchers, 'vouchers');
    return {
      subject: s.ref,
      seen: facts.ledger,
      decide: (ledger) => {
        const view = computeView({ ...facts, ledger });
        const demand = view.refund.demands.find((d) => d.consequenceId === input.settles);
        // what may still be received: the demand outstanding; unspent money: what the unit holds — as it stands in the transaction
        const cap = demand ? view.refund.outstandingFen : Math.max(0, view.totals.balanceFen);
        if (input.amountFen > cap) {
          throw new AppError('LEDGER.OVER_REFUND', `退回金额超过应退回金额（尚应退回 ${fenPlain(cap)} 元）`, {
            issues: [{ path: 'amountFen', message: `尚应退回 ${fenPlain(cap)} 元` }],
          });
        }
        return {
          entry: entry(ctx, s, {
            kind: 'refund',
            amountFen: input.amountFen,
            settles: input.settles,
            budgetLineId: null,
            categoryId: null,
            date: input.date,
            vouchers,
            note: input.note,
          }),
        };
      },
    };
  });
}

export async function reverseLedgerEntry(ctx: WriteCtx, input: In<'reverseLedgerEntry'>): Promise<LedgerWriteResult> {
  return once(ctx, input.requestId, async () => {
    const e = await ctx.store.ledger.get(input.entryId);
    if (!e) throw new AppError('NOT_FOUND', '找不到该笔记录');
    const s = await loadSubject(ctx, e.subject);
    // staff reverse any entry; the unit only its own expense
    const staff = await oversees(ctx, s, moneyWritersOf(s));
    if (!staff) {
      await requireApplicantSide(ctx, s);
      if (e.kind !== 'expense' || e.recordedBy !== ctx.caller.personId) throw new AppError('AUTH.FORBIDDEN');
    }
    if (e.reversedBy !== null) throw new AppError('LEDGER.ALREADY_REVERSED');
    return { reverse: e, reason: input.reason };
  });
}

export async function setCaseByCaseAmount(ctx: WriteCtx, input: In<'setCaseByCaseAmount'>): Promise<LedgerWriteResult> {
  return once(ctx, input.requestId, async () => {
    const s = await loadSubject(ctx, { type: 'station', id: input.stationId });
    await requireWriter(ctx, s);
    const facts = await moneyFacts(ctx, s);
    return {
      subject: s.ref,
      seen: facts.ledger,
      decide: (ledger) => {
        const line = computeView({ ...facts, ledger }).due.find((d) => d.paymentId === input.paymentId);
        if (!line) throw invalid('paymentId', '没有这一拨付项');
        if (!line.caseByCase) throw invalid('paymentId', '该拨付项按标准计算，不是一事一议');
        if (line.paidFen > input.amountFen) throw invalid('amountFen', `核定金额不能低于已拨付的 ${fenPlain(line.paidFen)} 元`);
        const current = allocationOf(ledger, input.paymentId);
        return {
          entry: entry(ctx, s, {
            kind: 'allocation',
            amountFen: input.amountFen,
            settles: input.paymentId,
            budgetLineId: null,
            categoryId: null,
            date: todayOf(ctx),
            vouchers: [],
            note: input.reason,
          }),
          reason: current ? `原核定金额 ${fenPlain(current.amountFen)} 元` : '',
        };
      },
    };
  });
}

export async function uploadLedgerFile(ctx: WriteCtx, input: In<'uploadLedgerFile'>): Promise<FileRef> {
  const s = await loadSubject(ctx, input.subject);
  const staff = await oversees(ctx, s, moneyWritersOf(s));
  if (!staff) await requireApplicantSide(ctx, s);
  const bytes = new Uint8Array(Buffer.from(input.base64, 'base64'));
  if (bytes.byteLength === 0) throw invalid('base64', '文件为空');
  return storeUpload(ctx, { ...fileTarget(s), name: input.name, mime: input.mime, bytes, bytesPath: 'base64' });
}
