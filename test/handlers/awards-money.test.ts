import ExcelJS from 'exceljs';
import { tables } from '../../cloudfunctions/_kernel/store/tables';
import { inTx } from '../../cloudfunctions/_kernel/store/tx';
import { getProgramme, listProgrammes, type Programme } from '../../shared/programmes';
import { parseYuan } from '../../shared/rules/post-award/award';
import type { AwardDoc, CheckDoc, ConsequenceDoc } from '../../shared/schemas/awards';
import type { Station } from '../../shared/schemas/org';
import { type Harness, makeDeps } from '../support/handlers';

/**
 * The money ledger through the real `awards` function on the SQLite host (issue 14 item 3): payments
 * with vouchers (refused above what is due), expense reports with receipts against approved budget lines
 * (a forbidden category refused with its clause, a line's approved amount never exceeded), refunds,
 * reversals, case-by-case amounts of national stations, idempotent retries, and the yearly summary.
 * The awards, checks and consequences other helpers' actions write are stored here directly as facts.
 */
let h: Harness;
afterEach(async () => {
  await h.close();
});
let rid = 0;
const req = () => `req-money-${++rid}`;
const T = Date.parse('2026-03-02T10:00:00+08:00');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n').toString('base64');

function award(programme: Programme, over: Partial<AwardDoc> = {}): AwardDoc {
  const kind = programme.kinds.find((k) => k.funding.type !== 'none' && k.applicantType === 'society') ?? programme.kinds[0]!;
  return {
    id: `aw_app-${programme.id}`,
    applicationId: `app-${programme.id}`,
    programmeId: programme.id,
    kindId: kind.id,
    castUnitId: 'cast-heshan',
    applicant: { type: 'society', societyId: 'soc-agri', hostUnitId: null },
    title: `${programme.title}示范项目`,
    awardedOn: '2026-02-01',
    amountFen: 1_500_000,
    amountReason: '',
    agreement: { status: 'accepted', answers: {}, submittedAt: T, decision: null },
    budgets: [
      {
        version: 1,
        status: 'approved',
        lines: [
          { id: 'l-meet', categoryId: 'meeting', amountFen: 1_000_000, purpose: '学术年会', justification: null },
          { id: 'l-train', categoryId: 'speaker-fees', amountFen: 500_000, purpose: '会员培训', justification: null },
        ],
        changeReason: null,
        submittedAt: T,
        decision: { by: 'p-city-staff', at: T, comment: '' },
      },
    ],
    receiptProofs: [],
    revision: 1,
    createdAt: T,
    updatedAt: T,
    ...over,
  };
}
const put = async (h: Harness, f: (tx: Parameters<Parameters<typeof inTx>[1]>[0]) => Promise<unknown>) => {
  await inTx(h.deps.db, async (tx) => {
    await f(tx);
  });
};
const insertAward = (a: AwardDoc) => put(h, (tx) => tables.awards.insert(tx, a));
const ledgerRows = async () => (await h.deps.store.ledger.ofSubject({ type: 'award', id: 'aw_app-yiyang-capacity-2018' })).length;

async function upload(who: string, subject: { type: 'award' | 'station'; id: string }, name = '凭证.pdf') {
  const r = await h.call('awards', 'uploadLedgerFile', { subject, name, mime: 'application/pdf', base64: PDF, requestId: req() }, who);
  expect(r.error).toBeUndefined();
  return r.data as { fileId: string; name: string; size: number; mime: string };
}

const Y18 = () => getProgramme('yiyang-capacity-2018')!;
const SUBJ = { type: 'award' as const, id: 'aw_app-yiyang-capacity-2018' };

describe('[yiyang-capacity-2018:post-award.payment.grant] an award’s ledger: payment, expenses, reversal', () => {
  beforeEach(async () => {
    h = await makeDeps({ now: '2026-04-01T10:00:00+08:00' });
    await insertAward(award(Y18()));
  });

  it('staff record the payment with a voucher; over-payment and a payment without voucher are refused and write nothing', async () => {
    const v0 = await h.call('awards', 'moneyView', { subject: SUBJ }, 'p-sec-agri');
    expect(v0.data.view.due[0]).toMatchObject({ paymentId: 'grant', status: 'due', amountFen: 1_500_000, payableFen: 1_500_000 });
    expect(v0.data.can).toMatchObject({ recordPayment: false, reportExpense: true });
    const voucher = await upload('p-heshan-staff', SUBJ);
    const before = h.snapshot();
    const over = await h.call(
      'awards',
      'recordPayment',
      { subject: SUBJ, paymentId: 'grant', amountFen: 1_500_001, date: '2026-03-20', vouchers: [voucher], requestId: req() },
      'p-heshan-staff',
    );
    expect(over.error).toMatchObject({ code: 'LEDGER.OVER_DUE', message: '拨付金额超过应拨付金额（下达项目资金尚可拨付 15000.00 元）' });
    const none = await h.call(
      'awards',
      'recordPayment',
      { subject: SUBJ, paymentId: 'grant', amountFen: 100, date: '2026-03-20', vouchers: [], requestId: req() },
      'p-heshan-staff',
    );
    expect(none.error!.code).toBe('INPUT.INVALID');
    expect(none.error!.issues).toEqual([expect.objectContaining({ path: 'vouchers', message: '请上传拨付凭证' })]);
    const bySecretary = await h.call(
      'awards',
      'recordPayment',
      { subject: SUBJ, paymentId: 'grant', amountFen: 100, date: '2026-03-20', vouchers: [voucher], requestId: req() },
      'p-sec-agri',
    );
    expect(bySecretary.error!.code).toBe('AUTH.FORBIDDEN');
    expect(h.snapshot()).toEqual(before);

    const requestId = req();
    const pay = {
      subject: SUBJ,
      paymentId: 'grant',
      amountFen: 1_500_000,
      date: '2026-03-20',
      vouchers: [voucher],
      note: '第一笔',
      requestId,
    };
    const ok = await h.call('awards', 'recordPayment', pay, 'p-heshan-staff');
    expect(ok.ok).toBe(true);
    // a retry (same request id) gets the first answer and writes nothing, though the line is now paid in full
    const again = await h.call('awards', 'recordPayment', pay, 'p-heshan-staff');
    expect(again.data).toEqual(ok.data);
    expect(await ledgerRows()).toBe(1);
    const v = await h.call('awards', 'moneyView', { subject: SUBJ }, 'p-city-staff');
    expect(v.data.view.due[0]).toMatchObject({ status: 'paid', statusLabel: '已拨付', paidFen: 1_500_000 });
    expect(v.data.entries[0]).toMatchObject({
      kind: 'payment',
      kindLabel: '拨付',
      about: '下达项目资金',
      vouchers: [voucher],
      recordedBy: 'p-heshan-staff',
    });
    const audit = await h.deps.store.audit.forEntity('ledger', ok.data.entryId, 'all');
    expect(audit).toEqual([expect.objectContaining({ action: 'ledger.payment', actorId: 'p-heshan-staff', before: null })]);
    const paidTwice = await h.call('awards', 'recordPayment', { ...pay, amountFen: 1, requestId: req() }, 'p-heshan-staff');
    expect(paidTwice.error).toMatchObject({ code: 'LEDGER.NOT_DUE', message: '下达项目资金已全额拨付' });
  });

  it('expenses with receipts in 元 with 角 and 分 add up exactly; a line’s approved amount is never exceeded; a mismatched category is refused', async () => {
    const receipt = await upload('p-sec-agri', SUBJ, '发票.pdf');
    for (const yuan of ['0.1', '0.2']) {
      const r = await h.call(
        'awards',
        'reportExpense',
        {
          subject: SUBJ,
          budgetLineId: 'l-meet',
          amountFen: parseYuan(yuan),
          date: '2026-03-25',
          purpose: '会场茶水',
          receipts: [receipt],
          requestId: req(),
        },
        'p-sec-agri',
      );
      expect(r.error).toBeUndefined();
    }
    let v = (await h.call('awards', 'moneyView', { subject: SUBJ }, 'p-sec-agri')).data;
    expect(v.view.spent.lines.find((l: { budgetLineId: string }) => l.budgetLineId === 'l-meet')).toMatchObject({
      spentFen: 30,
      over: false,
    });
    expect(v.view.totals.spentFen).toBe(30);
    expect(v.expenseTargets.find((t: { budgetLineId: string }) => t.budgetLineId === 'l-meet').remainingFen).toBe(999_970);

    const before = h.snapshot();
    const over = await h.call(
      'awards',
      'reportExpense',
      {
        subject: SUBJ,
        budgetLineId: 'l-train',
        amountFen: 500_001,
        date: '2026-03-25',
        purpose: '培训场地',
        receipts: [receipt],
        requestId: req(),
      },
      'p-sec-agri',
    );
    expect(over.error).toMatchObject({ code: 'LEDGER.OVER_BUDGET_LINE' });
    expect(over.error!.message).toContain('特邀报告人授课费尚余 5000.00 元');
    const mismatch = await h.call(
      'awards',
      'reportExpense',
      {
        subject: SUBJ,
        budgetLineId: 'l-train',
        categoryId: 'wages',
        amountFen: 100,
        date: '2026-03-25',
        purpose: '工资',
        receipts: [receipt],
        requestId: req(),
      },
      'p-sec-agri',
    );
    expect(mismatch.error!.issues).toEqual([{ path: 'categoryId', message: '支出类别应与预算科目一致（特邀报告人授课费）' }]);
    const noReceipt = await h.call(
      'awards',
      'reportExpense',
      { subject: SUBJ, budgetLineId: 'l-train', amountFen: 100, date: '2026-03-25', purpose: '培训', receipts: [], requestId: req() },
      'p-sec-agri',
    );
    expect(noReceipt.error!.issues).toEqual([expect.objectContaining({ path: 'receipts', message: '请上传票据' })]);
    const future = await h.call(
      'awards',
      'reportExpense',
      {
        subject: SUBJ,
        budgetLineId: 'l-train',
        amountFen: 100,
        date: '2026-04-02',
        purpose: '培训',
        receipts: [receipt],
        requestId: req(),
      },
      'p-sec-agri',
    );
    expect(future.error!.issues).toEqual([{ path: 'date', message: '日期不能晚于今天' }]);
    const byStaff = await h.call(
      'awards',
      'reportExpense',
      {
        subject: SUBJ,
        budgetLineId: 'l-train',
        amountFen: 100,
        date: '2026-03-25',
        purpose: '培训',
        receipts: [receipt],
        requestId: req(),
      },
      'p-heshan-staff',
    );
    expect(byStaff.error!.code).toBe('AUTH.FORBIDDEN');
    expect(h.snapshot()).toEqual(before);

    // reversal: the unit its own expense, with a reason; never deleted; a second reversal is refused
    const id = v.entries[0].id;
    const rev = await h.call('awards', 'reverseLedgerEntry', { entryId: id, reason: '重复报销', requestId: req() }, 'p-sec-agri');
    expect(rev.ok).toBe(true);
    const twice = await h.call('awards', 'reverseLedgerEntry', { entryId: id, reason: '重复报销', requestId: req() }, 'p-heshan-staff');
    expect(twice.error!.code).toBe('LEDGER.ALREADY_REVERSED');
    v = (await h.call('awards', 'moneyView', { subject: SUBJ }, 'p-sec-agri')).data;
    expect(v.view.totals.spentFen).toBe(10);
    expect(v.entries.find((e: { id: string }) => e.id === id)).toMatchObject({
      reversedBy: 'p-sec-agri',
      reversal: { reason: '重复报销' },
    });
    expect(await ledgerRows()).toBe(2);
  });

  it('another unit’s award is refused to its secretary and to another county’s staff; the talent office (a staff reader) reads', async () => {
    for (const who of ['p-sec-tea', 'p-taojiang-staff', 'p-host-tea']) {
      const r = await h.call('awards', 'moneyView', { subject: SUBJ }, who);
      expect(r.error!.code).toBe('AUTH.FORBIDDEN');
    }
    const receipt = await upload('p-sec-agri', SUBJ);
    const foreign = await h.call(
      'awards',
      'reportExpense',
      { subject: SUBJ, budgetLineId: 'l-meet', amountFen: 100, date: '2026-03-25', purpose: '会议', receipts: [receipt], requestId: req() },
      'p-sec-tea',
    );
    expect(foreign.error!.code).toBe('AUTH.FORBIDDEN');
    expect((await h.call('awards', 'moneyView', { subject: SUBJ }, 'p-talent')).data.side).toBe('staff');
    expect((await h.call('awards', 'moneyView', { subject: { type: 'award', id: 'aw_nope' } }, 'p-city-staff')).error!.code).toBe(
      'NOT_FOUND',
    );
  });

  it('[yiyang-capacity-2018:penalty.acceptance-failed] a confirmed clawback is refunded, never above what is owed', async () => {
    const voucher = await upload('p-heshan-staff', SUBJ);
    await h.call(
      'awards',
      'recordPayment',
      { subject: SUBJ, paymentId: 'grant', amountFen: 1_500_000, date: '2026-03-20', vouchers: [voucher], requestId: req() },
      'p-heshan-staff',
    );
    const cq: ConsequenceDoc = {
      id: 'cq_acc_acceptance-failed',
      subject: SUBJ,
      castUnitId: 'cast-heshan',
      programmeId: 'yiyang-capacity-2018',
      penaltyId: 'acceptance-failed',
      source: { type: 'misconduct', finding: '验收不合格' },
      status: 'confirmed',
      effectiveOn: '2026-03-30',
      deadline: null,
      refundFen: null,
      sanctionId: null,
      reason: '验收不合格',
      decidedBy: 'p-city-staff',
      at: T,
      liftedAt: null,
    };
    await put(h, (tx) => tables.consequences.insert(tx, cq));
    const over = await h.call(
      'awards',
      'recordRefund',
      { subject: SUBJ, settles: cq.id, amountFen: 1_500_001, date: '2026-03-31', vouchers: [voucher], requestId: req() },
      'p-heshan-staff',
    );
    expect(over.error).toMatchObject({ code: 'LEDGER.OVER_REFUND', message: '退回金额超过应退回金额（尚应退回 15000.00 元）' });
    const ok = await h.call(
      'awards',
      'recordRefund',
      { subject: SUBJ, settles: cq.id, amountFen: 1_000_055, date: '2026-03-31', vouchers: [voucher], requestId: req() },
      'p-heshan-staff',
    );
    expect(ok.ok).toBe(true);
    const v = (await h.call('awards', 'moneyView', { subject: SUBJ }, 'p-heshan-staff')).data;
    expect(v.view.refund).toMatchObject({ demandedFen: 1_500_000, receivedFen: 1_000_055, outstandingFen: 499_945 });
    expect(v.refundTargets[0]).toMatchObject({ settles: cq.id, label: '项目考核验收不合格（实施方案七(二)）' });
    const unknown = await h.call(
      'awards',
      'recordRefund',
      { subject: SUBJ, settles: 'cq_nothing', amountFen: 1, date: '2026-03-31', vouchers: [voucher], requestId: req() },
      'p-heshan-staff',
    );
    expect(unknown.error!.issues![0]!.path).toBe('settles');
  });
});

/** Every programme that lists forbidden spending: an approved line whose category the programme forbids (the definition changed after approval) is refused with that clause. */
const forbidding = listProgrammes().filter(
  (p) => p.postAward && p.expenses && p.expenses.forbidden.ids.length > 0 && !p.kinds.some((k) => k.funding.type === 'byLevel'),
);
describe('[yiyang-capacity-2018:expense.forbidden] [wuhan-award:expense.forbidden] [pingdingshan-five-star:expense.forbidden] [weihai-2025:expense.forbidden] a forbidden category is refused with its clause', () => {
  beforeEach(async () => {
    h = await makeDeps({ now: '2026-04-01T10:00:00+08:00' });
  });
  it.each(forbidding.map((p) => ({ p, tag: `[${p.id}:expense.forbidden]` })))('$tag $p.id', async ({ p }) => {
    const cat = p.expenses!.forbidden.ids[0]!;
    const a = award(p);
    a.budgets[0]!.lines.push({ id: 'l-bad', categoryId: cat, amountFen: 100, purpose: '（批复后项目定义调整）', justification: null });
    await insertAward(a);
    const subject = { type: 'award' as const, id: a.id };
    const receipt = await upload('p-sec-agri', subject);
    const before = h.snapshot();
    const r = await h.call(
      'awards',
      'reportExpense',
      { subject, budgetLineId: 'l-bad', amountFen: 50, date: '2026-03-25', purpose: '支出', receipts: [receipt], requestId: req() },
      'p-sec-agri',
    );
    expect(r.error!.code).toBe('LEDGER.CATEGORY_REFUSED');
    expect(r.error!.message).toContain(`（${p.expenses!.forbidden.clause}）`);
    expect(r.error!.issues).toEqual([{ path: 'categoryId', message: r.error!.message }]);
    expect(h.snapshot()).toEqual(before);
  });
});

describe('[yiyang-station-2023:expense.forbidden] [yiyang-station-2023:post-award.payment.year-one] stations: expenses by category, instalments from published assessments, national case by case', () => {
  const ST = { type: 'station' as const, id: 'st-tea-taojiang' };
  beforeEach(async () => {
    h = await makeDeps({ now: '2026-11-20T10:00:00+08:00' });
  });
  const publish = (grade: '合格' | '不合格') =>
    put(h, (tx) =>
      tables.assessments.insert(tx, {
        id: 'st-tea-taojiang:1',
        stationId: 'st-tea-taojiang',
        castUnitId: 'cast-taojiang',
        yearIndex: 1,
        state: 'published',
        computed: { asOf: '2026-10-25', score: 80, grade, gradeReason: '', scoreAll: 80, gradeAll: grade, clauses: [] },
        adjusted: null,
        termEnd: false,
        year: { start: '2025-10-15', end: '2026-10-14' },
        funding: { amountYuan: null, caseByCase: false, reason: '', clause: '' },
        publishedAt: T,
        publishedBy: 'p-city-staff',
        rectificationDeadline: null,
        delisting: false,
        createdAt: T,
        updatedAt: T,
      }),
    );

  it('the host contact reports an expense by category; a forbidden one is refused with 第十七条’s forbidden clause', async () => {
    const p = getProgramme('yiyang-station-2023')!;
    const receipt = await upload('p-host-tea', ST, '票据.pdf');
    const bad = await h.call(
      'awards',
      'reportExpense',
      { subject: ST, categoryId: 'wages', amountFen: 100, date: '2026-11-01', purpose: '人员工资', receipts: [receipt], requestId: req() },
      'p-host-tea',
    );
    expect(bad.error!.code).toBe('LEDGER.CATEGORY_REFUSED');
    expect(bad.error!.message).toContain(p.expenses!.forbidden.clause);
    const ok = await h.call(
      'awards',
      'reportExpense',
      {
        subject: ST,
        categoryId: 'expert-travel',
        amountFen: 12_345,
        date: '2026-11-01',
        purpose: '专家下乡',
        receipts: [receipt],
        requestId: req(),
      },
      'p-host-tea',
    );
    expect(ok.ok).toBe(true);
    const v = (await h.call('awards', 'moneyView', { subject: ST }, 'p-sec-tea')).data;
    expect(v.view.spent.byCategory).toEqual([{ categoryId: 'expert-travel', categoryLabel: '专家差旅费', spentFen: 12_345 }]);
  });

  it('year one is payable only after its published pass (provincial: 100,000.00 元)', async () => {
    const voucher = await upload('p-taojiang-staff', ST);
    const pay = { subject: ST, paymentId: 'year-one', amountFen: 10_000_000, date: '2026-11-10', vouchers: [voucher] };
    const early = await h.call('awards', 'recordPayment', { ...pay, requestId: req() }, 'p-taojiang-staff');
    expect(early.error).toMatchObject({ code: 'LEDGER.NOT_DUE', message: '第一年绩效考核合格资助尚不能拨付：第 1 年绩效考核结果尚未发布' });
    await publish('合格');
    expect((await h.call('awards', 'recordPayment', { ...pay, requestId: req() }, 'p-taojiang-staff')).ok).toBe(true);
    const v = (await h.call('awards', 'moneyView', { subject: ST }, 'p-host-tea')).data;
    expect(v.view.due[0]).toMatchObject({ status: 'paid', amountFen: 10_000_000 });
    expect(v.view.due[1]).toMatchObject({ status: 'waiting', unmet: ['第 2 年绩效考核结果尚未发布'] });
  });

  it('a national station: 一事一议 until city staff set the amount with a reason; then payable up to it', async () => {
    const st = (await h.deps.store.org.station('st-tea-taojiang'))!;
    await put(h, (tx) => tables.stations.put(tx, { ...st, level: 'national' } as Station));
    await publish('合格');
    let v = (await h.call('awards', 'moneyView', { subject: ST }, 'p-city-staff')).data;
    expect(v.view.due[0]).toMatchObject({ status: 'waiting', amountFen: null, caseByCase: true, unmet: ['一事一议：金额尚未核定'] });
    expect(v.can.setCaseByCase).toBe(true);
    const bySecretary = await h.call(
      'awards',
      'setCaseByCaseAmount',
      { stationId: 'st-tea-taojiang', paymentId: 'year-one', amountFen: 100, reason: '纪要', requestId: req() },
      'p-sec-tea',
    );
    expect(bySecretary.error!.code).toBe('AUTH.FORBIDDEN');
    const set = await h.call(
      'awards',
      'setCaseByCaseAmount',
      { stationId: 'st-tea-taojiang', paymentId: 'year-one', amountFen: 20_000_050, reason: '市科协2026年第3次会议纪要', requestId: req() },
      'p-city-staff',
    );
    expect(set.ok).toBe(true);
    v = (await h.call('awards', 'moneyView', { subject: ST }, 'p-city-staff')).data;
    expect(v.view.due[0]).toMatchObject({ status: 'due', amountFen: 20_000_050, payableFen: 20_000_050 });
    const voucher = await upload('p-city-staff', ST);
    const over = await h.call(
      'awards',
      'recordPayment',
      { subject: ST, paymentId: 'year-one', amountFen: 20_000_051, date: '2026-11-10', vouchers: [voucher], requestId: req() },
      'p-city-staff',
    );
    expect(over.error!.code).toBe('LEDGER.OVER_DUE');
  });
});

describe('[pingdingshan-five-star:post-award.payment.year-2] Pingdingshan year 2 through the action', () => {
  it('is refused until the yearly check passed and its publicity ended without an upheld objection', async () => {
    h = await makeDeps({ now: '2027-03-05T10:00:00+08:00' });
    const p = getProgramme('pingdingshan-five-star')!;
    const a = award(p, { amountFen: 10_000_001 });
    await insertAward(a);
    const subject = { type: 'award' as const, id: a.id };
    const voucher = await upload('p-heshan-staff', subject);
    const pay = (amountFen: number) =>
      h.call(
        'awards',
        'recordPayment',
        { subject, paymentId: 'year-2', amountFen, date: '2027-03-04', vouchers: [voucher], requestId: req() },
        'p-heshan-staff',
      );
    expect((await pay(5_000_000)).error).toMatchObject({
      code: 'LEDGER.NOT_DUE',
      message: '第二年连续资助尚不能拨付：年度工作考核（第 2 年）尚未通过',
    });
    const check: CheckDoc = {
      id: `ck_${a.id}_yearly-check_2`,
      awardId: a.id,
      programmeId: p.id,
      castUnitId: 'cast-heshan',
      checkId: 'yearly-check',
      year: 2,
      dueDate: '2027-01-31',
      status: 'passed',
      materials: {},
      submittedAt: T,
      opinions: [],
      outcome: { passed: true, reasons: ['合格'], by: 'p-city-staff', at: T, decidedOn: '2027-02-20' },
      publicity: { start: '2027-02-25', end: '2027-03-05', objectionUpheld: false },
      objections: [],
      returns: [],
      remindersSent: [],
      revision: 1,
      createdAt: T,
      updatedAt: T,
    };
    await put(h, (tx) => tables.awardChecks.insert(tx, check));
    expect((await pay(5_000_000)).error!.message).toContain('公示期至 2027-03-05');
    h.clock.set(Date.parse('2027-03-06T09:00:00+08:00'));
    // half of the first award (100,000.01 元), rounded down to the whole 元 as fundingDue does
    expect((await pay(5_000_001)).error!.code).toBe('LEDGER.OVER_DUE');
    expect((await pay(5_000_000)).ok).toBe(true);
  });
});

describe('the yearly funding summary', () => {
  it('reads back with sums that add up, by programme, unit and category, in 元 with #,##0.00', async () => {
    h = await makeDeps({ now: '2026-04-01T10:00:00+08:00' });
    await insertAward(award(Y18()));
    const voucher = await upload('p-heshan-staff', SUBJ);
    await h.call(
      'awards',
      'recordPayment',
      { subject: SUBJ, paymentId: 'grant', amountFen: 1_500_000, date: '2026-03-20', vouchers: [voucher], requestId: req() },
      'p-heshan-staff',
    );
    const receipt = await upload('p-sec-agri', SUBJ);
    for (const [line, fen] of [
      ['l-meet', 10],
      ['l-meet', 20],
      ['l-train', 123_456],
    ] as const) {
      await h.call(
        'awards',
        'reportExpense',
        { subject: SUBJ, budgetLineId: line, amountFen: fen, date: '2026-03-25', purpose: '支出', receipts: [receipt], requestId: req() },
        'p-sec-agri',
      );
    }
    const ST = { type: 'station' as const, id: 'st-tea-taojiang' };
    const r2 = await upload('p-host-tea', ST);
    await h.call(
      'awards',
      'reportExpense',
      { subject: ST, categoryId: 'meeting', amountFen: 99, date: '2026-02-01', purpose: '会议', receipts: [r2], requestId: req() },
      'p-host-tea',
    );
    expect((await h.call('awards', 'exportFundingSummary', { year: 2026 }, 'p-sec-agri')).error!.code).toBe('AUTH.FORBIDDEN');
    const r = await h.call('awards', 'exportFundingSummary', { year: 2026 }, 'p-city-staff');
    expect(r.error).toBeUndefined();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Uint8Array.from(Buffer.from(r.data.base64, 'base64')).buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['按项目', '按单位', '按开支类别']);
    const rows = (name: string) => {
      const ws = wb.getWorksheet(name)!;
      const out: unknown[][] = [];
      ws.eachRow((row, i) => {
        if (i > 2) out.push((row.values as unknown[]).slice(1));
      });
      return out;
    };
    const byUnit = rows('按单位');
    const total = byUnit.at(-1)!;
    expect(total[0]).toBe('合计');
    const award2018 = byUnit.find((x) => x[3] === award(Y18()).title)!;
    expect(award2018.slice(4)).toEqual([15000, 15000, 1234.86, 0, 0]);
    for (let c = 4; c < 9; c++) {
      const fen = byUnit.slice(0, -1).reduce((s, x) => s + Math.round(Number(x[c] ?? 0) * 100), 0);
      expect(Math.round(Number(total[c]) * 100)).toBe(fen);
    }
    expect(Math.round(Number(total[6]) * 100)).toBe(30 + 123_456 + 99);
    const byProgramme = rows('按项目');
    expect(byProgramme.at(-1)!.slice(2)).toEqual(total.slice(4));
    const byCategory = rows('按开支类别');
    const catFen = byCategory.slice(0, -1).reduce((s, x) => s + Math.round(Number(x[2]) * 100), 0);
    expect(catFen).toBe(Math.round(Number(total[6]) * 100));
    expect(Math.round(Number(byCategory.at(-1)![2]) * 100)).toBe(catFen);
    expect(wb.getWorksheet('按单位')!.getColumn(5).numFmt).toBe('#,##0.00');
    // a county reads only its own units: Taojiang's station, not Heshan's award
    const county = await h.call('awards', 'exportFundingSummary', { year: 2026 }, 'p-taojiang-staff');
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(Uint8Array.from(Buffer.from(county.data.base64, 'base64')).buffer);
    const titles: unknown[] = [];
    wb2.getWorksheet('按单位')!.eachRow((row, i) => {
      if (i > 2) titles.push((row.values as unknown[])[4]);
    });
    expect(titles).not.toContain(award(Y18()).title);
  });
});
