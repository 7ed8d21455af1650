import { getProgramme, listProgrammes, type Programme } from '../../../../shared/programmes';
import { expenseCategories } from '../../../../shared/programmes/expense-categories';
import type { PaymentCondition } from '../../../../shared/programmes/post-award';
import { fundingDue } from '../../../../shared/rules/funding';
import { parseYuan } from '../../../../shared/rules/post-award/award';
import {
  budgetWindow,
  categoryLabel,
  expenseRefusal,
  fenPlain,
  lineRemainingFen,
  type MoneyFacts,
  moneyView,
  paymentRefusal,
} from '../../../../shared/rules/post-award/money';
import type { BudgetVersion, CheckDoc, ConsequenceDoc, LedgerEntry } from '../../../../shared/schemas/awards';

/**
 * The money view (issue 14 item 3), generated over every programme's payment rules and funding types:
 * each condition of each payment rule withheld in turn keeps the payment waiting, all of them met make it
 * due with fundingDue's amount in 分; payments and refunds follow the ledger and confirmed consequences.
 */
const T0 = Date.parse('2026-03-01T10:00:00+08:00');
const approvedBudget = (lines: BudgetVersion['lines'] = [], at = T0): BudgetVersion => ({
  version: 1,
  status: 'approved',
  lines,
  changeReason: null,
  submittedAt: at,
  decision: { by: 'p-staff', at, comment: '' },
});
let seq = 0;
const entry = (e: Partial<LedgerEntry> & Pick<LedgerEntry, 'kind' | 'amountFen'>): LedgerEntry => ({
  id: `le-${++seq}`,
  subject: { type: 'award', id: 'aw_1' },
  castUnitId: 'cu-city',
  programmeId: 'x',
  settles: null,
  budgetLineId: null,
  categoryId: null,
  date: '2026-04-01',
  vouchers: [],
  note: '',
  recordedBy: 'p-staff',
  at: T0 + seq,
  reversedBy: null,
  reversal: null,
  ...e,
});
const check = (checkId: string, year: number, c: Partial<CheckDoc> = {}): MoneyFacts['checks'][number] => ({
  checkId,
  year,
  status: 'passed',
  publicity: { start: '2026-12-01', end: '2026-12-07', objectionUpheld: false },
  objections: [],
  ...c,
});
const consequence = (penaltyId: string, c: Partial<ConsequenceDoc> = {}): MoneyFacts['consequences'][number] => ({
  id: `cq_${penaltyId}`,
  penaltyId,
  status: 'confirmed',
  refundFen: null,
  effectiveOn: '2027-01-10',
  ...c,
});
const published = (yearIndex: number, grade: '优秀' | '合格' | '不合格'): MoneyFacts['assessments'][number] => ({
  yearIndex,
  state: 'published',
  computed: { asOf: '2026-10-25', score: grade === '不合格' ? 40 : 80, grade, gradeReason: '', scoreAll: 80, gradeAll: grade, clauses: [] },
  adjusted: null,
});

const isStationProgramme = (p: Programme) => p.kinds.some((k) => k.funding.type === 'byLevel');
const kindOf = (p: Programme) => (p.kinds.find((k) => k.funding.type === 'byLevel') ?? p.kinds.find((k) => k.funding.type !== 'none'))!;

/** Facts where nothing has happened yet (an award with its amount set, or a provincial station). */
function blank(p: Programme, awardFen = 3_000_000): MoneyFacts {
  const station = isStationProgramme(p);
  return {
    programme: p,
    subject: station ? { type: 'station', id: 'st-1' } : { type: 'award', id: 'aw_1' },
    kindId: kindOf(p).id,
    award: station ? null : { amountFen: awardFen, agreement: null, budgets: [], receiptProofs: [] },
    station: station ? { id: 'st-1', level: 'provincial', termYears: 2 } : null,
    checks: [],
    assessments: [],
    ledger: [],
    consequences: [],
    today: '2027-06-01',
  };
}

/** Make one condition of a payment rule hold. */
function satisfy(f: MoneyFacts, c: PaymentCondition, yearIndex: number): MoneyFacts {
  switch (c.type) {
    case 'award':
      return f;
    case 'agreementAccepted':
      return { ...f, award: { ...f.award!, agreement: { status: 'accepted', answers: {}, submittedAt: T0, decision: null } } };
    case 'budgetApproved':
      return { ...f, award: { ...f.award!, budgets: [approvedBudget()] } };
    case 'receiptProof':
      return {
        ...f,
        award: { ...f.award!, receiptProofs: [{ fileId: 'local://x/a.pdf', name: '到账凭据.pdf', size: 10, mime: 'application/pdf' }] },
      };
    case 'checkPassed':
      return { ...f, checks: [...f.checks, check(c.checkId, c.year ?? 1)] };
    case 'assessmentPassed':
      return { ...f, assessments: [...f.assessments, published(yearIndex, '合格')] };
  }
}

const paying = listProgrammes().filter((p) => (p.postAward?.payments.length ?? 0) > 0);
const rows = paying.flatMap((p) => p.postAward!.payments.map((rule) => ({ p, rule, tag: `[${p.id}:post-award.payment.${rule.id}]` })));

describe('[yiyang-capacity-2018:post-award.payment.grant] [wuhan-award:post-award.payment.award-grant] [pingdingshan-five-star:post-award.payment.first-award] [pingdingshan-five-star:post-award.payment.year-2] [pingdingshan-five-star:post-award.payment.year-3] [weihai-2025:post-award.payment.grant] [yiyang-station-2023:post-award.payment.year-one] [yiyang-station-2023:post-award.payment.term-end] every payment rule of every programme', () => {
  it('covers all five programmes', () => {
    expect(paying.map((p) => p.id).sort()).toEqual(
      ['pingdingshan-five-star', 'weihai-2025', 'wuhan-award', 'yiyang-capacity-2018', 'yiyang-station-2023'].sort(),
    );
  });

  it.each(rows)('$tag $rule.label: waits for each condition, then is due with fundingDue’s amount in 分', ({ p, rule }) => {
    const all = rule.after.reduce((f, c) => satisfy(f, c, rule.yearIndex), blank(p));
    const line = moneyView(all).due.find((d) => d.paymentId === rule.id)!;
    const kind = kindOf(p);
    const expected = fundingDue(p, kind.id, {
      yearIndex: rule.yearIndex,
      passed: true,
      level: 'provincial',
      termYears: 2,
      firstAwardYuan: 30_000,
      requestedYuan: 30_000,
      roundAmountYuan: 30_000,
    }).amountYuan!;
    expect(expected).toBeGreaterThan(0);
    expect(line).toMatchObject({ status: 'due', statusLabel: '应拨付', amountFen: expected * 100, unmet: [], payableFen: expected * 100 });
    // withholding any one condition (other than the award itself) keeps it waiting and says why
    for (const withheld of rule.after.filter((c) => c.type !== 'award')) {
      const f = rule.after.filter((c) => c !== withheld).reduce((x, c) => satisfy(x, c, rule.yearIndex), blank(p));
      const l = moneyView(f).due.find((d) => d.paymentId === rule.id)!;
      expect(l.status).toBe('waiting');
      expect(l.unmet.length).toBe(1);
      expect(l.payableFen).toBe(0);
    }
  });

  it.each(rows)('$tag $rule.label: paid in full is 已拨付; a reversed payment does not count', ({ p, rule }) => {
    const f = rule.after.reduce((x, c) => satisfy(x, c, rule.yearIndex), blank(p));
    const amount = moneyView(f).due.find((d) => d.paymentId === rule.id)!.amountFen!;
    const paid = { ...f, ledger: [entry({ kind: 'payment', amountFen: amount, settles: rule.id })] };
    const v = moneyView(paid);
    expect(v.due.find((d) => d.paymentId === rule.id)).toMatchObject({ status: 'paid', paidFen: amount, payableFen: 0 });
    expect(v.totals.paidFen).toBe(amount);
    expect(paymentRefusal(v, rule.id, 1)).toMatch(/已全额拨付/);
    const reversed = {
      ...f,
      ledger: [
        entry({ kind: 'payment', amountFen: amount, settles: rule.id, reversedBy: 'p-staff', reversal: { at: T0, reason: '录错' } }),
      ],
    };
    expect(moneyView(reversed).due.find((d) => d.paymentId === rule.id)!.status).toBe('due');
    expect(moneyView(reversed).totals.paidFen).toBe(0);
  });
});

describe('[pingdingshan-five-star:post-award.payment.year-2] [pingdingshan-five-star:post-award.payment.year-3] Pingdingshan years 2–3', () => {
  const p = getProgramme('pingdingshan-five-star')!;
  const ready = (f: MoneyFacts): MoneyFacts => ({
    ...f,
    award: { ...f.award!, agreement: { status: 'accepted', answers: {}, submittedAt: T0, decision: null } },
  });
  it('half of the first award, rounded down to the whole 元 as fundingDue does (150,001.00 元 → 75,000.00 元)', () => {
    const f = { ...ready(blank(p, 15_000_100)), checks: [check('yearly-check', 2)] };
    const v = moneyView(f);
    expect(v.due.find((d) => d.paymentId === 'first-award')!.amountFen).toBe(15_000_100);
    expect(v.due.find((d) => d.paymentId === 'year-2')).toMatchObject({ status: 'due', amountFen: 7_500_000 });
    expect(v.due.find((d) => d.paymentId === 'year-3')).toMatchObject({ status: 'waiting', amountFen: 7_500_000 });
  });
  it('a first award with 角 and 分 is paid to the 分 in year one; later years follow fundingDue on its whole 元', () => {
    const v = moneyView(ready(blank(p, 10_000_055)));
    expect(v.due.find((d) => d.paymentId === 'first-award')!.amountFen).toBe(10_000_055);
    expect(v.due.find((d) => d.paymentId === 'year-2')!.amountFen).toBe(5_000_000);
  });
  it('only after the yearly check passed AND its publicity ended without an upheld objection', () => {
    const at = (c: MoneyFacts['checks'][number], today = '2027-06-01') => moneyView({ ...ready(blank(p)), checks: [c], today }).due[1]!;
    expect(at(check('yearly-check', 2, { status: 'submitted', publicity: null }))).toMatchObject({
      status: 'waiting',
      unmet: ['年度工作考核（第 2 年）尚未通过'],
    });
    expect(at(check('yearly-check', 2, { publicity: null })).unmet).toEqual(['年度工作考核（第 2 年）已通过，尚待公示']);
    expect(at(check('yearly-check', 2), '2026-12-07')).toMatchObject({
      status: 'waiting',
      unmet: ['年度工作考核（第 2 年）公示期至 2026-12-07，公示无异议后拨付'],
    });
    expect(at(check('yearly-check', 2), '2026-12-08').status).toBe('due');
    expect(at(check('yearly-check', 2, { publicity: { start: '2026-12-01', end: '2026-12-07', objectionUpheld: true } }))).toMatchObject({
      status: 'stopped',
    });
    expect(at(check('yearly-check', 2, { status: 'failed', publicity: null }))).toMatchObject({
      status: 'stopped',
      unmet: ['年度工作考核（第 2 年）未通过'],
    });
    // the year-3 check does not pay year 2
    expect(at(check('yearly-check', 3)).status).toBe('waiting');
  });
  it('[pingdingshan-five-star:penalty.yearly-check-failed] a confirmed failed-check consequence stops the later payments, not the paid ones', () => {
    const f = {
      ...ready(blank(p)),
      checks: [check('yearly-check', 2), check('yearly-check', 3)],
      ledger: [entry({ kind: 'payment', amountFen: 3_000_000, settles: 'first-award' })],
      consequences: [consequence('yearly-check-failed')],
    };
    const v = moneyView(f);
    expect(v.due.map((d) => d.status)).toEqual(['paid', 'stopped', 'stopped']);
    expect(v.due[1]!.unmet[0]).toMatch(/年度工作考核不合格（三\(三\)）：自 2027-01-10 起撤销资格，停止拨付/);
    expect(paymentRefusal(v, 'year-2', 100)).toMatch(/已停止拨付/);
    // a dismissed one stops nothing
    expect(moneyView({ ...f, consequences: [consequence('yearly-check-failed', { status: 'dismissed' })] }).due[1]!.status).toBe('due');
  });
});

describe('[weihai-2025:post-award.payment.grant] Weihai pays once, after the receipt proof', () => {
  const p = getProgramme('weihai-2025')!;
  it('waits for the proof; the class cap (五) bounds the amount', () => {
    const f = blank(p, 6_000_000);
    const v = moneyView({ ...f, kindId: 'class-b' });
    expect(v.due[0]).toMatchObject({ status: 'waiting', unmet: ['尚未上传资金到账凭据'] });
    const proven = satisfy({ ...f, kindId: 'class-b' }, { type: 'receiptProof' }, 1);
    expect(moneyView(proven).due[0]).toMatchObject({ status: 'due', amountFen: 2_000_000 });
    expect(paymentRefusal(moneyView(proven), 'grant', 2_000_001)).toBe('拨付金额超过应拨付金额（一次性拨付扶持经费尚可拨付 20000.00 元）');
    expect(paymentRefusal(moneyView(proven), 'grant', 2_000_000)).toBeNull();
  });
});

describe('[yiyang-capacity-2018:post-award.payment.grant] Yiyang 2018 pays after the budget is approved', () => {
  const p = getProgramme('yiyang-capacity-2018')!;
  it('waits for the budget approval', () => {
    expect(moneyView(blank(p)).due[0]!.unmet).toEqual(['预算尚未批复']);
    expect(moneyView(satisfy(blank(p), { type: 'budgetApproved' }, 1)).due[0]!.status).toBe('due');
  });
  it('an award with 角 and 分 is due to the 分, and its reason names that amount (not the whole 元)', () => {
    const line = moneyView(satisfy(blank(p, 3_000_050), { type: 'budgetApproved' }, 1)).due[0]!;
    expect(line.amountFen).toBe(3_000_050);
    expect(line.amountReason).toContain('30,000.50 元');
    expect(line.amountReason).not.toContain('30,000 元');
  });
  it('[yiyang-capacity-2018:penalty.acceptance-failed] clawback “all” demands everything paid so far; refunds received are subtracted', () => {
    const f: MoneyFacts = {
      ...satisfy(blank(p), { type: 'budgetApproved' }, 1),
      ledger: [
        entry({ kind: 'payment', amountFen: 2_000_000, settles: 'grant' }),
        entry({ kind: 'payment', amountFen: 1_000_033, settles: 'grant' }),
        entry({ kind: 'refund', amountFen: 500_011, settles: 'cq_acceptance-failed' }),
      ],
      consequences: [consequence('acceptance-failed')],
    };
    const v = moneyView(f);
    expect(v.refund.demands).toEqual([expect.objectContaining({ amountFen: 3_000_033, clause: '实施方案七(二)' })]);
    expect(v.refund).toMatchObject({ demandedFen: 3_000_033, receivedFen: 500_011, outstandingFen: 2_500_022 });
    expect(v.totals).toMatchObject({ paidFen: 3_000_033, refundedFen: 500_011, refundOutstandingFen: 2_500_022, balanceFen: 2_500_022 });
  });
  it('[yiyang-capacity-2018:penalty.unspent-after-year] partial refunds take the amount staff set; the window shows money unspent after a year', () => {
    const pen = p.penalties.find((x) => x.id === 'unspent-after-year')!;
    expect(pen.clawBack).toBe('partialOrAll');
    const base: MoneyFacts = {
      ...blank(p),
      award: {
        ...blank(p).award!,
        budgets: [approvedBudget([{ id: 'l1', categoryId: 'meeting', amountFen: 3_000_000, purpose: '会议', justification: null }])],
      },
      ledger: [
        entry({ kind: 'payment', amountFen: 3_000_000, settles: 'grant' }),
        entry({ kind: 'expense', amountFen: 1_000_000, budgetLineId: 'l1', categoryId: 'meeting' }),
      ],
    };
    expect(budgetWindow(p, base.award!.budgets)).toEqual({ start: '2026-03-01', end: '2027-02-28' });
    const open = moneyView({ ...base, today: '2027-02-28' });
    expect(open.refund.window).toMatchObject({ ended: false, unspentFen: 2_000_000, note: '预算执行期至 2027-02-28' });
    const ended = moneyView({ ...base, today: '2027-03-01' });
    expect(ended.refund.window!.note).toBe(`预算执行期已于 2027-02-28 结束，尚有 20000.00 元未执行完毕（${p.cycle.clause}）`);
    expect(ended.refund.demandedFen).toBe(0);
    const pending = moneyView({ ...base, consequences: [consequence('unspent-after-year')] });
    expect(pending.refund.demands[0]).toMatchObject({ amountFen: null, basis: '退回金额待核定' });
    const set = moneyView({ ...base, consequences: [consequence('unspent-after-year', { refundFen: 1_500_050 })] });
    expect(set.refund).toMatchObject({ demandedFen: 1_500_050, outstandingFen: 1_500_050 });
  });
});

describe('[yiyang-station-2023:post-award.payment.year-one] [yiyang-station-2023:post-award.payment.term-end] station instalments from published assessments', () => {
  const p = getProgramme('yiyang-station-2023')!;
  const st = (level: 'national' | 'provincial' | 'city'): MoneyFacts => ({ ...blank(p), station: { id: 'st-1', level, termYears: 2 } });
  it.each([
    ['provincial', 10_000_000],
    ['city', 5_000_000],
  ] as const)('%s: year one and term end each after that year’s published pass', (level, fen) => {
    expect(moneyView(st(level)).due.map((d) => d.unmet)).toEqual([['第 1 年绩效考核结果尚未发布'], ['第 2 年绩效考核结果尚未发布']]);
    const computedOnly = { ...st(level), assessments: [{ ...published(1, '合格'), state: 'computed' as const }] };
    expect(moneyView(computedOnly).due[0]!.status).toBe('waiting');
    const v = moneyView({ ...st(level), assessments: [published(1, '优秀'), published(2, '不合格')] });
    expect(v.due[0]).toMatchObject({ status: 'due', amountFen: fen });
    expect(v.due[1]).toMatchObject({ status: 'stopped', unmet: ['第 2 年绩效考核不合格，不予资助（第十六条）'] });
  });
  it('a national station is 一事一议 until staff set an amount (allocation), then due', () => {
    const f = { ...st('national'), assessments: [published(1, '合格')] };
    expect(moneyView(f).due[0]).toMatchObject({ status: 'waiting', amountFen: null, caseByCase: true, unmet: ['一事一议：金额尚未核定'] });
    const set = { ...f, ledger: [entry({ kind: 'allocation', amountFen: 12_345_678, settles: 'year-one', note: '市科协会议纪要' })] };
    expect(moneyView(set).due[0]).toMatchObject({ status: 'due', amountFen: 12_345_678, caseByCase: true });
    const reset = {
      ...f,
      ledger: [
        entry({ kind: 'allocation', amountFen: 100, settles: 'year-one', reversedBy: 'p', reversal: { at: T0, reason: '错' } }),
        entry({ kind: 'allocation', amountFen: 200, settles: 'year-one' }),
      ],
    };
    expect(moneyView(reset).due[0]!.amountFen).toBe(200);
  });
  it('[yiyang-station-2023:penalty.term-end-failed] a term-end failure with clawback demands all paid', () => {
    const pen = p.penalties.find((x) => x.clawBack === 'all')!;
    const v = moneyView({
      ...st('city'),
      assessments: [published(1, '合格')],
      ledger: [entry({ kind: 'payment', amountFen: 5_000_000, settles: 'year-one', subject: { type: 'station', id: 'st-1' } })],
      consequences: [consequence(pen.id)],
    });
    expect(v.refund.outstandingFen).toBe(5_000_000);
  });
});

describe('spending', () => {
  const p = getProgramme('yiyang-capacity-2018')!;
  it('expenses by line and category, over-spend flagged, reversed expenses excluded, 角/分 add up exactly', () => {
    const lines = [
      { id: 'l1', categoryId: 'meeting', amountFen: 30, purpose: '会议', justification: null },
      { id: 'l2', categoryId: 'training', amountFen: 1000, purpose: '培训', justification: null },
    ];
    const v = moneyView({
      ...blank(p),
      award: { ...blank(p).award!, budgets: [approvedBudget(lines)] },
      ledger: [
        entry({ kind: 'expense', amountFen: 10, budgetLineId: 'l1', categoryId: 'meeting' }),
        entry({ kind: 'expense', amountFen: 20, budgetLineId: 'l1', categoryId: 'meeting' }),
        entry({ kind: 'expense', amountFen: 1001, budgetLineId: 'l2', categoryId: 'training' }),
        entry({
          kind: 'expense',
          amountFen: 999,
          budgetLineId: 'l2',
          categoryId: 'training',
          reversedBy: 'p',
          reversal: { at: T0, reason: '重复' },
        }),
      ],
    });
    expect(v.spent.lines.map((l) => [l.budgetLineId, l.spentFen, l.over])).toEqual([
      ['l1', 30, false],
      ['l2', 1001, true],
    ]);
    expect(fenPlain(v.spent.lines[0]!.spentFen)).toBe('0.30');
    expect(v.spent.byCategory).toEqual([
      { categoryId: 'meeting', categoryLabel: '会议费（会务费）', spentFen: 30 },
      { categoryId: 'training', categoryLabel: '培训费', spentFen: 1001 },
    ]);
    expect(v.spent.totalFen).toBe(1031);
  });
  it('[yiyang-capacity-2018:expense.forbidden] a forbidden category is refused with its clause; an unlisted one only on a justified line', () => {
    expect(expenseRefusal(p, 'wages', null)).toEqual({
      message: expect.stringContaining('人员工资'),
      clause: p.expenses!.forbidden.clause,
    });
    expect(expenseRefusal(p, 'wages', { justification: '理由' })).not.toBeNull();
    expect(expenseRefusal(p, 'meeting', null)).toBeNull();
    const unlisted = Object.keys(expenseCategories).find(
      (id) => !(p.expenses!.allowed.ids as string[]).includes(id) && !(p.expenses!.forbidden.ids as string[]).includes(id),
    )!;
    expect(expenseRefusal(p, unlisted, null)).not.toBeNull();
    expect(expenseRefusal(p, unlisted, { justification: '与项目直接相关' })).toBeNull();
  });
});

describe('a budget change after spending', () => {
  const p = getProgramme('yiyang-capacity-2018')!;
  it('keeps expenses on a line of the earlier version (flagged), and a line’s remaining amount follows the version in force', () => {
    const v1 = approvedBudget([{ id: 'l-old', categoryId: 'meeting', amountFen: 500, purpose: '旧会议', justification: null }]);
    const v2: BudgetVersion = {
      ...approvedBudget([{ id: 'l-new', categoryId: 'travel', amountFen: 800, purpose: '差旅', justification: null }], T0 + 1000),
      version: 2,
      changeReason: '调整',
    };
    const v = moneyView({
      ...blank(p),
      award: { ...blank(p).award!, budgets: [v1, v2] },
      ledger: [
        entry({ kind: 'expense', amountFen: 300, budgetLineId: 'l-old', categoryId: 'meeting' }),
        entry({ kind: 'expense', amountFen: 50, budgetLineId: 'l-gone', categoryId: 'travel' }),
        entry({ kind: 'expense', amountFen: 200, budgetLineId: 'l-new', categoryId: 'travel' }),
      ],
    });
    expect(v.spent.lines.map((l) => [l.budgetLineId, l.approvedFen, l.spentFen, l.inForce, l.over, l.categoryLabel])).toEqual([
      ['l-new', 800, 200, true, false, '差旅费'],
      ['l-old', 0, 300, false, true, '会议费（会务费）'],
      ['l-gone', 0, 50, false, true, '差旅费'],
    ]);
    expect(lineRemainingFen(v, 'l-new')).toBe(600);
    expect(lineRemainingFen(v, 'l-old')).toBeNull();
    // the window runs from the FIRST approval
    expect(budgetWindow(p, [v1, v2])!.start).toBe('2026-03-01');
    expect(budgetWindow(getProgramme('wuhan-award')!, [v1])).toBeNull();
  });
  it('an open objection during the publicity keeps the payment waiting', () => {
    const pd = getProgramme('pingdingshan-five-star')!;
    const f: MoneyFacts = {
      ...blank(pd),
      award: { ...blank(pd).award!, agreement: { status: 'accepted', answers: {}, submittedAt: T0, decision: null } },
      checks: [
        check('yearly-check', 2, {
          objections: [{ text: '异议', receivedOn: '2026-12-02', recordedBy: 'p', at: T0, decision: null }],
        }),
      ],
      today: '2026-12-20',
    };
    expect(moneyView(f).due[1]).toMatchObject({ status: 'waiting', unmet: ['年度工作考核（第 2 年）公示期间收到异议，尚待处理'] });
  });
  it('labels and plain amounts', () => {
    expect(categoryLabel('meeting')).toBe('会议费（会务费）');
    expect(categoryLabel('no-such')).toBe('no-such');
    expect(fenPlain(-1234)).toBe('-12.34');
    expect(fenPlain(5)).toBe('0.05');
  });
});

describe('amounts typed in 元', () => {
  it.each([
    ['0.1', 10],
    ['0.2', 20],
    ['12', 1200],
    ['12.3', 1230],
    ['12.34', 1234],
    [' 100000.01 ', 10_000_001],
  ])('%s 元 → %d 分', (t, fen) => expect(parseYuan(t)).toBe(fen));
  it.each(['', '1.234', '-1', '1e3', 'abc', '0.1.2'])('%p is refused', (t) => expect(parseYuan(t)).toBeNull());
  it('0.1 + 0.2 元 add up to exactly 0.30 元', () => expect(fenPlain(parseYuan('0.1')! + parseYuan('0.2')!)).toBe('0.30'));
});
