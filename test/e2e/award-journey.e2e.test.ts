import { pickDate } from '../support/date-wheel';
import { type E2E, startE2E } from '../support/e2e';

/**
 * One society programme walked through every post-award step on a phone (issue 14 acceptance: one browser
 * E2E for one society programme), on the demo's 湖南省茶叶学会 益阳 2018 学会能力提升 award
 * (local/demo/awards.ts), each step by the role that does it in real life at 390×844:
 * city staff set the amount → the secretary fills the 项目责任书 and a budget (人员工资 refused with
 * 管理办法第七条, fixed) and submits → city staff approve both → city staff record the payment with a
 * voucher → the secretary reports an expense with a receipt → a year later the acceptance is due; the
 * society submits its materials, 市财政局 (p-finance) gives its opinion, city staff decide 不合格 → the
 * product proposes 实施方案七(二) (clawback + 2-year ban) → city staff confirm it with the clause shown →
 * the ban is listed on 处理决定 and 奖惩记录, the society's application in the next round is refused with
 * the ban, and the refund due equals what was paid. Screenshots award-journey-NN-*.png.
 */
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E({ startTime: '2026-11-20T10:00:00+08:00' });
});
afterAll(async () => {
  await e2e?.close();
});

const DAY = 24 * 60 * 60 * 1000;
const text = (id: string) => e2e.page.locator(`#${id} textarea, textarea#${id}`);
const input = (id: string) => e2e.page.locator(`#${id} input, input#${id}`);
const pdf = (name: string) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% ${name}\n%%EOF\n`) });
const TITLE = '湖南省茶叶学会能力提升项目';
/** the award the journey walked, for the overseers' views after it */
let journeyAward = '';
const AMOUNT = '30,000.50 元';

it('award → agreement → budget → payment → expense → failed acceptance → confirmed ban and clawback', async () => {
  const { page } = e2e;
  const hub = (awardId: string) => page.goto(`${e2e.baseUrl}/#/pages/awards/hub/index?id=${encodeURIComponent(awardId)}`);
  const shot = (n: number, name: string) => e2e.screenshot(`award-journey-${String(n).padStart(2, '0')}-${name}`);

  // ── 1. city staff: 项目执行 → the award → 核定金额 ──
  await e2e.signInAs('p-city-staff');
  await page.locator('#nav-awards').click();
  await page.locator('#awards-list').waitFor();
  await page.locator('#awards-list .card', { hasText: TITLE }).click();
  await page.locator('#award-hub').waitFor();
  const awardId = new URL(page.url().replace('#/', '')).searchParams.get('id') ?? '';
  expect(awardId).not.toBe('');
  journeyAward = awardId;
  await input('amount-input').fill('30000.5');
  await page.locator('#save-amount').click();
  await e2e.seeText('#award-amount', AMOUNT);
  await e2e.seeText('#award-status', '待完成任务书');
  await shot(1, 'staff-amount');

  // ── 2. the secretary: home → 项目执行 → 项目责任书 ──
  await e2e.signInAs('p-sec-tea');
  await page.locator('#nav-awards').click();
  await page.locator('#awards-list .card', { hasText: TITLE }).click();
  await page.locator('#award-hub').waitFor();
  await e2e.seeText('#award-amount', AMOUNT);
  await shot(2, 'secretary-hub');
  await page.locator('#link-agreement').click();
  await page.locator('#agreement-form').waitFor();
  await text('text-plan').fill('举办学术年会 1 次、茶叶技术培训 3 期，编印《茶叶科技》2 期');
  await text('target-targets-1').fill('培训茶农 300 人次，服务茶企 10 家');
  await page.locator('#add-milestone-schedule').click();
  await pickDate(page, 'ms-schedule-0', '2026-12-15');
  await text('milestone-text-schedule-0').fill('完成首期茶叶技术培训');
  await page.locator('#submit-agreement').click();
  await e2e.seeText('#agreement-status', '待审核');
  await shot(3, 'agreement-submitted');

  // ── 3. the budget: 人员工资 refused with its clause, fixed, submitted ──
  await page.goBack();
  await page.locator('#award-hub').waitFor();
  await page.locator('#link-budget').click();
  await page.locator('#budget-editor').waitFor();
  await page.locator('#category-0').click();
  await page.locator('#option-wages').click();
  await input('amount-0').fill('20000');
  await input('purpose-0').fill('项目人员劳务');
  await page.locator('#save-budget').click();
  await e2e.seeText('#line-0', '第 1 行：专项资金不得用于人员工资（管理办法第七条）');
  await shot(4, 'budget-wages-refused');
  await page.locator('#category-0').click();
  await page.locator('#option-meeting').click();
  await input('purpose-0').fill('学术年会会务');
  await page.locator('#add-line').click();
  await page.locator('#category-1').click();
  await page.locator('#option-training').click();
  await input('amount-1').fill('10000.50');
  await input('purpose-1').fill('茶叶技术培训');
  await text('justification-1').fill('培训茶农是本项目的核心任务');
  await e2e.seeText('#budget-total', '合计 30,000.50 元');
  await page.locator('#submit-budget').click();
  await e2e.seeText('#budget-notice', '预算已提交');
  await shot(5, 'budget-submitted');

  // ── 4. city staff approve the agreement and the budget ──
  await e2e.signInAs('p-city-staff');
  await hub(awardId);
  await page.locator('#link-decide-agreement').click();
  await page.locator('#decide').waitFor();
  await page.locator('#approve').click();
  await e2e.seeText('#decide-notice', '已审核通过');
  await hub(awardId);
  await page.locator('#link-decide-budget').click();
  await page.locator('#decide[data-what="budget"]').waitFor();
  await e2e.seeText('#unlisted-note', '有 1 行未列入本项目开支范围');
  await page.locator('#approve').click();
  await e2e.seeText('#decide-notice', '已审核通过');
  await hub(awardId);
  await e2e.seeText('#award-status', '执行中');
  // the hub's rows say where the checks stand: the acceptance is now dated (one year from the budget's approval)
  await e2e.seeText('#link-checks', '年度项目验收 待提交 · 截止 2027-11-19');
  await e2e.seeText('#link-consequences', '暂无处理决定');
  await shot(6, 'staff-approved-running');

  // ── 5. city staff record the payment with its voucher ──
  await page.locator('#link-money').click();
  await page.locator('#money').waitFor();
  await e2e.seeText('[data-payment="grant"]', '30,000.50 元');
  await page.locator('#go-payment').click();
  await page.locator('#payment').waitFor();
  await input('payment-amount').fill('30000.50');
  const voucher = page.waitForEvent('filechooser');
  await page.locator('#payment-voucher').click();
  await (await voucher).setFiles(pdf('拨付凭证.pdf'));
  await e2e.seeText('#payment', '拨付凭证.pdf');
  await page.locator('#payment-save').click();
  await e2e.seeText('#payment-notice', '已登记拨付');
  await page.locator('#money').waitFor();
  await e2e.seeText('[data-payment="grant"]', '已拨付');
  await shot(7, 'staff-paid');

  // ── 6. the secretary reports an expense with a receipt ──
  await e2e.signInAs('p-sec-tea');
  await page.goto(`${e2e.baseUrl}/#/pages/awards/money/index?type=award&id=${encodeURIComponent(awardId)}`);
  await page.locator('#money').waitFor();
  await page.locator('#go-expense').click();
  await page.locator('#expense').waitFor();
  await page.locator('.mn-chip', { hasText: '会议费' }).click();
  await input('expense-amount').fill('1234.56');
  await text('expense-purpose').fill('学术年会会场租赁');
  const receipt = page.waitForEvent('filechooser');
  await page.locator('#expense-receipt').click();
  await (await receipt).setFiles(pdf('会场发票.pdf'));
  await e2e.seeText('#expense', '会场发票.pdf');
  await page.locator('#expense-save').click();
  await e2e.seeText('#expense-notice', '已登记支出');
  await page.locator('#money').waitFor();
  await e2e.seeText('[data-kind="expense"]', '1,234.56 元');
  await shot(8, 'secretary-expense');

  // ── 7. a year on, the acceptance is due: the society submits its materials ──
  const checks = (await e2e.api('awards', 'listChecks', { awardId }, 'p-sec-tea')).data.items as { id: string; dueDate: string }[];
  expect(checks).toHaveLength(1);
  const checkId = checks[0]!.id;
  const dueDate = checks[0]!.dueDate;
  expect(dueDate).toBe('2027-11-19'); // one year of execution from the budget's approval (2026-11-20)
  await e2e.advanceClock(355 * DAY); // 2027-11-10: nine days before it is due
  await e2e.signInAs('p-sec-tea');
  await page.goto(`${e2e.baseUrl}/#/pages/awards/checks/index?id=${encodeURIComponent(awardId)}`);
  await e2e.seeText(`[id="check-${checkId}"]`, `截止 ${dueDate}（即将到期）`);
  await shot(9, 'secretary-check-due');
  await page.locator(`[id="check-${checkId}"]`).click();
  await page.locator('#check-page').waitFor();
  const view = (await e2e.api('awards', 'getCheck', { checkId }, 'p-sec-tea')).data as {
    materials: { id: string; label: string; required: boolean }[];
  };
  for (const m of view.materials.filter((x) => x.required)) {
    const chooser = page.waitForEvent('filechooser');
    await page.locator(`#upload-${m.id}`).click();
    await (await chooser).setFiles(pdf(`${m.label}.pdf`));
    await e2e.seeText(`#material-${m.id}`, `${m.label}.pdf`);
  }
  await page.locator('#submit-check').click();
  await e2e.seeText('#check-status', '已提交');
  await shot(10, 'secretary-check-submitted');

  // ── 8. 市财政局 gives its opinion ──
  await e2e.signInAs('p-finance');
  await page.locator('#finance-home').waitFor();
  await page.locator(`[id="check-${checkId}"]`).click();
  await page.locator('#check-page').waitFor();
  await page.locator('#opinion-no-finance-bureau').click();
  await text('opinion-text-finance-bureau').fill('培训经费仅执行 30%，年度目标未完成，不同意通过验收。');
  await page.locator('#opinion-save-finance-bureau').click();
  await e2e.seeText('#opinion-given-finance-bureau', '不同意');
  await shot(11, 'finance-opinion');

  // ── 9. city staff decide: 不合格 ──
  await e2e.signInAs('p-city-staff');
  // loaded afresh at the page (under load, a hash change right after the sign-in's home could leave the page behind it)
  await page.goto(`${e2e.baseUrl}/#/pages/awards/check/index?id=${encodeURIComponent(checkId)}`);
  await page.reload();
  await page.locator('#decision-form').waitFor();
  await page.locator('#decision-fail').click();
  await text('decision-reasons').fill('年度目标任务未完成\n培训仅举办 1 期');
  await page.locator('#decision-save').click();
  await e2e.seeText('#check-notice', '结论已保存');
  await e2e.seeText('#check-status', '不合格');

  // the failed outcome says a consequence was proposed and leads to it (nobody has to remember)
  await e2e.seeText('#check-consequence', '已按项目规定提出处理建议');
  await shot(12, 'staff-check-failed');

  // ── 10. the consequence is proposed; city staff confirm it with the clause shown ──
  await page.locator('#check-consequence').click();
  await page.locator('#consequences').waitFor();
  const card = page.locator('.cq-card[data-status="proposed"]');
  await card.waitFor();
  await e2e.seeText('.cq-card', '项目考核验收不合格（依据：实施方案七(二)）');
  await e2e.seeText('.cq-card', '连续 2 年取消申报资格');
  await e2e.seeText('.cq-card', `建议退还（追回）：${AMOUNT}`);
  await shot(13, 'consequence-proposed');
  const cqId = ((await card.getAttribute('id')) ?? '').replace(/^cq-/, '');
  // the reason box spans the card (it was a 300 px box beside full-width buttons)
  const box = await page.locator(`#cq-reason-${cqId}`).boundingBox();
  const confirmBox = await page.locator(`#cq-confirm-${cqId}`).boundingBox();
  const dismissBox = await page.locator(`#cq-dismiss-${cqId}`).boundingBox();
  expect(box!.x + box!.width).toBeGreaterThanOrEqual(dismissBox!.x + dismissBox!.width - 2);
  expect(box!.x).toBeLessThanOrEqual(confirmBox!.x + 2);
  await text(`cq-reason-${cqId}`).fill('经市科协会同市财政局验收不合格，按实施方案七(二)处理');
  await page.locator(`#cq-confirm-${cqId}`).click();
  await e2e.seeText('#cq-notice', '已确认，处理决定已生效');
  await page.locator('#tab-decided').click();
  await e2e.seeText(`#cq-${cqId}`, '已确认');
  await e2e.seeText(`#cq-${cqId}`, '取消申报资格至 2029-11-09');
  await e2e.seeText(`#cq-${cqId}`, `应退还（追回）：${AMOUNT}`);
  await shot(14, 'consequence-confirmed');

  // ── 11. the refund due equals what was paid (from the decision to the project's ledger); the ban is on the sanctions list ──
  await page.locator(`#cq-money-${cqId}`).click();
  await page.locator('#money').waitFor();
  await e2e.seeText('#money-refund', `应退回 ${AMOUNT}，已退回 0.00 元，尚应退回 ${AMOUNT}`);
  await page.locator('#money-refund').scrollIntoViewIfNeeded();
  await shot(16, 'refund-due');
  const money = (await e2e.api('awards', 'moneyView', { subject: { type: 'award', id: awardId } }, 'p-city-staff')).data.view;
  expect(money.totals.paidFen).toBe(3_000_050);
  expect(money.refund.demandedFen).toBe(money.totals.paidFen);
  await page.goto(`${e2e.baseUrl}/#/packages/staff/pages/sanctions/index`);
  await page.locator('#sanctions').waitFor();
  const sanction = page.locator('#sanctions .card', { hasText: '至 2029-11-09 不得申报' });
  await e2e.seeText('#sanctions .card', '至 2029-11-09 不得申报');
  expect(await sanction.first().textContent()).toContain('湖南省茶叶学会');
  await sanction.first().scrollIntoViewIfNeeded();
  await shot(15, 'sanctions-listed');

  // ── 12. the next round: the society's new application is refused with the ban ──
  const opened = await e2e.api(
    'org',
    'saveRound',
    {
      requestId: 'e2e-journey-next-round',
      round: {
        programmeId: 'yiyang-capacity-2018',
        year: 2027,
        title: '2027年度申报',
        opensOn: '2027-11-01',
        closesOn: '2028-01-31',
        limits: { 'demonstration-quota': 5 },
      },
    },
    'p-city-staff',
  );
  expect(opened).toMatchObject({ ok: true });
  // the society reads the confirmed decision on its project
  await e2e.signInAs('p-sec-tea');
  await page.goto(`${e2e.baseUrl}/#/pages/awards/consequences/index?type=award&id=${encodeURIComponent(awardId)}`);
  await e2e.seeText(`#cq-${cqId}`, '取消申报资格至 2029-11-09');
  await shot(17, 'secretary-reads-decision');
  await page.goto(`${e2e.baseUrl}/#/packages/secretary/pages/home/index`);
  const start = page.locator('[id^="start-yiyang-capacity-2018-"]').first();
  await start.scrollIntoViewIfNeeded();
  await start.click();
  await page.locator('#apply').waitFor();
  await page.locator('#tab-__submit').click();
  await e2e.seeText('[data-criterion="not-banned"]', '因“项目考核验收不合格”于 2027-11-10 被取消申报资格，至 2029-11-09 止');
  expect(await page.locator('#precheck').getAttribute('data-can-submit')).toBe('no');
  await page.locator('[data-criterion="not-banned"]').scrollIntoViewIfNeeded();
  await shot(18, 'next-round-refused');
});

it('the finance bureau and 桃江县科协 read the same award: checks, ledger with the refund due, the decision', async () => {
  const { page } = e2e;
  expect(journeyAward).not.toBe('');
  const q = encodeURIComponent(journeyAward);
  // ── 市财政局: its home lists the project; its ledger shows what must come back; it decides nothing ──
  await e2e.signInAs('p-finance');
  await page.locator('#finance-home').waitFor();
  await e2e.seeText(`[id="finance-award-${journeyAward}"]`, TITLE);
  await e2e.seeText('#finance-waiting', '0');
  await e2e.screenshot('award-journey-91-finance-home');
  await page.locator(`[id="finance-award-${journeyAward}"] .aw-step`, { hasText: '资金台账' }).click();
  await page.locator('#money').waitFor();
  await e2e.seeText('#money-refund', `尚应退回 ${AMOUNT}`);
  expect(await page.locator('#go-payment, #go-expense, #go-refund').count()).toBe(0);
  await e2e.screenshot('award-journey-92-finance-money');
  await page.goto(`${e2e.baseUrl}/#/pages/awards/hub/index?id=${q}`);
  await page.locator('#award-hub').waitFor();
  await e2e.seeText('#award-amount', AMOUNT);
  expect(await page.locator('#set-amount, #link-decide-agreement, #link-decide-budget').count()).toBe(0);
  // the failed acceptance and the confirmed decision are on the project's file, not hidden behind 执行中
  await e2e.seeText('#link-checks', '年度项目验收不合格');
  await e2e.seeText('#link-consequences', '已确认 1 项');
  await e2e.screenshot('award-journey-93-finance-hub');

  // ── 桃江县科协 (the society's county): 项目执行 → the project → its decision, read only ──
  await e2e.signInAs('p-taojiang-staff');
  await page.locator('#nav-awards').click();
  await page.locator('#awards-list .card', { hasText: TITLE }).click();
  await page.locator('#award-hub').waitFor();
  await e2e.seeText('#link-checks', '年度项目验收不合格');
  await e2e.screenshot('award-journey-94-county-hub');
  await page.locator('#link-consequences').click();
  await page.locator('#consequences').waitFor();
  await page.locator('#tab-decided').click();
  await e2e.seeText('.cq-card[data-status="confirmed"]', '取消申报资格至 2029-11-09');
  expect(await page.locator('[id^="cq-confirm-"], [id^="cq-dismiss-"]').count()).toBe(0);
  await e2e.screenshot('award-journey-95-county-decision');
});
