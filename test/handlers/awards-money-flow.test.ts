import { parseYuan } from '../../shared/rules/post-award/award';
import { type Harness, makeDeps } from '../support/handlers';
import { awardReadyForMoney } from './awards-money-support';

/**
 * Award → task agreement → budget → money through the real `awards` actions (awards-money-support.ts
 * prepares the award; no stored shortcuts).
 */
let h: Harness;
afterEach(async () => {
  await h.close();
});
let n = 0;
const rid = () => `req-flow-${++n}`;
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64');

it('[yiyang-capacity-2018:post-award.payment.grant] award → agreement → budget → payment with voucher → expenses with receipts, through the actions', async () => {
  h = await makeDeps({ now: '2026-04-10T10:00:00+08:00' });
  const { awardId } = await awardReadyForMoney(h.call, rid);
  const subject = { type: 'award', id: awardId };
  const view = (await h.call('awards', 'moneyView', { subject }, 'p-sec-agri')).data;
  expect(view.view.due).toEqual([expect.objectContaining({ paymentId: 'grant', status: 'due', amountFen: 3_000_000 })]);
  const lineIds = view.expenseTargets.map((t: { budgetLineId: string }) => t.budgetLineId);
  expect(view.expenseTargets.map((t: { categoryLabel: string }) => t.categoryLabel)).toEqual([
    '会议费（会务费）',
    '资料费（论文集、出版印刷、资料印刷购置）',
  ]);
  const voucher = (
    await h.call(
      'awards',
      'uploadLedgerFile',
      { subject, name: '拨付凭证.pdf', mime: 'application/pdf', base64: PDF, requestId: rid() },
      'p-heshan-staff',
    )
  ).data;
  const paid = await h.call(
    'awards',
    'recordPayment',
    { subject, paymentId: 'grant', amountFen: 3_000_000, date: '2026-04-09', vouchers: [voucher], requestId: rid() },
    'p-heshan-staff',
  );
  expect(paid.ok).toBe(true);
  const receipt = (
    await h.call(
      'awards',
      'uploadLedgerFile',
      { subject, name: '发票.pdf', mime: 'application/pdf', base64: PDF, requestId: rid() },
      'p-sec-agri',
    )
  ).data;
  for (const [line, yuan] of [
    [lineIds[0], '1234.56'],
    [lineIds[0], '0.44'],
    [lineIds[1], '9999.99'],
  ] as const) {
    const r = await h.call(
      'awards',
      'reportExpense',
      {
        subject,
        budgetLineId: line,
        amountFen: parseYuan(yuan),
        date: '2026-04-09',
        purpose: '会务支出',
        receipts: [receipt],
        requestId: rid(),
      },
      'p-sec-agri',
    );
    expect(r.error).toBeUndefined();
  }
  const after = (await h.call('awards', 'moneyView', { subject }, 'p-heshan-staff')).data;
  expect(after.view.totals).toMatchObject({
    dueFen: 3_000_000,
    paidFen: 3_000_000,
    spentFen: 123_500 + 999_999,
    balanceFen: 3_000_000 - 1_123_499,
  });
  expect(after.view.spent.lines.map((l: { spentFen: number }) => l.spentFen)).toEqual([123_500, 999_999]);
  // one more 分 on the printing line is over its approved 10,000.00 元
  const over = await h.call(
    'awards',
    'reportExpense',
    { subject, budgetLineId: lineIds[1], amountFen: 2, date: '2026-04-09', purpose: '印刷', receipts: [receipt], requestId: rid() },
    'p-sec-agri',
  );
  expect(over.error!.code).toBe('LEDGER.OVER_BUDGET_LINE');
});
