import { awardReadyForMoney } from '../handlers/awards-money-support';
import { type E2E, startE2E } from '../support/e2e';

/**
 * The money of an award on a phone (issue 14 item 3): city-side staff record the payment with a voucher,
 * the society's secretary reports an expense with a receipt against an approved budget line (and, for
 * the society's station, a forbidden category is refused with its clause), and both see the money view.
 * The award is prepared through the real actions (award → agreement → budget), as in
 * test/handlers/awards-money-flow.test.ts.
 */
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E({ startTime: '2026-04-10T10:00:00+08:00' });
});
afterAll(async () => {
  await e2e?.close();
});
let n = 0;
const rid = () => `e2e-money-${++n}-request`;
const pdf = (name: string) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% ${name}\n%%EOF\n`) });

it('staff pay with a voucher, the secretary reports an expense with a receipt (a forbidden one refused), both read the ledger', async () => {
  const { page } = e2e;
  const { awardId } = await awardReadyForMoney((fn, action, data, who) => e2e.api(fn, action, data, who), rid);
  const q = `type=award&id=${encodeURIComponent(awardId)}`;

  // ── 赫山区科协 staff: from the award hub to the ledger, then 登记拨付 ──
  await e2e.signInAs('p-heshan-staff');
  await page.goto(`${e2e.baseUrl}/#/pages/awards/hub/index?id=${encodeURIComponent(awardId)}`);
  await page.locator('#link-money').click();
  await page.locator('#money').waitFor();
  await e2e.seeText('[data-payment="grant"]', '应拨付');
  await e2e.seeText('[data-payment="grant"]', '30,000.00 元');
  await page.locator('#go-payment').click();
  await page.locator('#payment').waitFor();
  // saving with nothing filled: Chinese marks on each field, nothing recorded
  await page.locator('#payment-save').click();
  await e2e.seeText('.error', '金额格式不正确');
  await e2e.seeText('.error', '请上传拨付凭证');
  await e2e.screenshot('award-money-01-payment-errors');
  // over what is due: refused by the action with what may still be paid; the typed amount stays
  await page.locator('#payment-amount input, input#payment-amount').fill('30000.01');
  const chooser = page.waitForEvent('filechooser');
  await page.locator('#payment-voucher').click();
  await (await chooser).setFiles(pdf('拨付凭证.pdf'));
  await e2e.seeText('#payment', '拨付凭证.pdf');
  const refused = await e2e.calling('awards', 'recordPayment', () => page.locator('#payment-save').click());
  expect(refused.error).toMatchObject({ code: 'LEDGER.OVER_DUE' });
  await e2e.seeText('#payment-notice', '尚可拨付 30000.00 元');
  expect(await page.locator('#payment-amount input, input#payment-amount').inputValue()).toBe('30000.01');
  await page.locator('#payment-amount input, input#payment-amount').fill('30000');
  await page.locator('#payment-save').click();
  await e2e.seeText('#payment-notice', '已登记拨付');
  await page.locator('#money').waitFor();
  await e2e.seeText('[data-payment="grant"]', '已拨付');
  await e2e.screenshot('award-money-02-staff-ledger');

  // ── 益阳市农学会 secretary: 报销支出 with a receipt ──
  await e2e.signInAs('p-sec-agri');
  await page.goto(`${e2e.baseUrl}/#/pages/awards/money/index?${q}`);
  await page.locator('#money').waitFor();
  await page.locator('#go-expense').click();
  await page.locator('#expense').waitFor();
  await page.locator('.mn-chip', { hasText: '会议费' }).click();
  await e2e.seeText('#expense-category', '开支类别：会议费（会务费）');
  await page.locator('#expense-amount input, input#expense-amount').fill('1234.56');
  await page.locator('#expense-purpose textarea, textarea#expense-purpose').fill('学术交流会会场租赁');
  const receipt = page.waitForEvent('filechooser');
  await page.locator('#expense-receipt').click();
  await (await receipt).setFiles(pdf('会场发票.pdf'));
  await e2e.seeText('#expense', '会场发票.pdf');
  await e2e.screenshot('award-money-03-expense-form');
  await page.locator('#expense-save').click();
  await e2e.seeText('#expense-notice', '已登记支出');
  await page.locator('#money').waitFor();
  await e2e.seeText('[data-kind="expense"]', '1,234.56 元');
  await e2e.screenshot('award-money-04-secretary-ledger');

  // the society's station: a forbidden category (人员经费 / 工资…) is refused with 第十七条's clause, what was typed stays
  await page.goto(`${e2e.baseUrl}/#/pages/awards/expense/index?type=station&id=st-agri-heshan`);
  await page.locator('#expense').waitFor();
  const forbidden = page.locator('.mn-chip', { hasText: '不得列支' }).first();
  await forbidden.click();
  await page.locator('#expense-amount input, input#expense-amount').fill('0.3');
  await page.locator('#expense-purpose textarea, textarea#expense-purpose').fill('专家劳务');
  const r2 = page.waitForEvent('filechooser');
  await page.locator('#expense-receipt').click();
  await (await r2).setFiles(pdf('票据.pdf'));
  await e2e.seeText('#expense', '票据.pdf');
  await page.locator('#expense-save').click();
  await e2e.seeText('.error', '专项资金不得用于');
  await e2e.seeText('.error', '第十七条');
  expect(await page.locator('#expense-amount input, input#expense-amount').inputValue()).toBe('0.3');
  await e2e.screenshot('award-money-05-forbidden-refused');

  // ── the station's ledger from the staff station detail; the yearly summary from the staff home ──
  await e2e.signInAs('p-heshan-staff');
  await page.locator('#nav-money-summary').click();
  await page.locator('#money-summary').waitFor();
  await e2e.screenshot('award-money-06-summary');
  await page.goto(`${e2e.baseUrl}/#/packages/staff/pages/station/index?id=st-agri-heshan`);
  await page.locator('#station-money').click();
  await page.locator('#money').waitFor();
  await e2e.seeText('[data-payment="year-one"]', '第 1 年绩效考核结果尚未发布');
  await e2e.screenshot('award-money-07-station-ledger');

  // ── both read the same money: paid 30,000.00, spent 1,234.56 ──
  const staffView = await e2e.api('awards', 'moneyView', { subject: { type: 'award', id: awardId } }, 'p-heshan-staff');
  expect(staffView.data.view.totals).toMatchObject({ paidFen: 3_000_000, spentFen: 123_456, balanceFen: 3_000_000 - 123_456 });
  const stationView = await e2e.api('awards', 'moneyView', { subject: { type: 'station', id: 'st-agri-heshan' } }, 'p-sec-agri');
  expect(stationView.data.view.totals.spentFen).toBe(0);
});
