import { pickDate } from '../support/date-wheel';
import { type E2E, startE2E } from '../support/e2e';

/**
 * The award journey on a phone (issue 14 item 1), on the demo's 湖南省茶叶学会 益阳 2018 学会能力提升 award
 * (local/demo/awards.ts): city staff set the amount; the secretary finds 项目执行 on her home page, fills
 * the 项目责任书 (a submission with nothing filled is refused section by section), then a budget whose
 * 人员工资 line is refused with 管理办法第七条 and fixed, with an unlisted line and its reason; city staff
 * approve the agreement, see the unlisted line highlighted and approve the budget. 390×844 screenshots.
 */
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E({ startTime: '2026-11-20T10:00:00+08:00' });
});
afterAll(async () => {
  await e2e?.close();
});

const text = (id: string) => e2e.page.locator(`#${id} textarea, textarea#${id}`);
const input = (id: string) => e2e.page.locator(`#${id} input, input#${id}`);

it('amount → agreement (refused, then filled) → budget (人员工资 refused with its clause, fixed) → city approves both', async () => {
  const { page } = e2e;

  // ── city staff: 项目执行 list → the award → 核定金额 ──
  await e2e.signInAs('p-city-staff');
  await page.goto(`${e2e.baseUrl}/#/packages/staff/pages/home/index`);
  await page.locator('#nav-awards').click();
  await page.locator('#awards-list').waitFor();
  const card = page.locator('#awards-list .card', { hasText: '湖南省茶叶学会能力提升项目' });
  await e2e.seeText('#awards-list', '待核定金额');
  await e2e.screenshot('award-01-staff-list');
  await card.click();
  await page.locator('#award-hub').waitFor();
  await input('amount-input').fill('30000.5');
  await page.locator('#save-amount').click();
  await e2e.seeText('#award-amount', '30,000.50 元');
  await e2e.seeText('#award-status', '待完成任务书');
  await e2e.screenshot('award-02-staff-amount');

  // ── the secretary: home → 项目执行 → the hub → 项目责任书 ──
  await e2e.signInAs('p-sec-tea');
  await page.goto(`${e2e.baseUrl}/#/packages/secretary/pages/home/index`);
  await page.locator('#nav-awards').click();
  await page.locator('#awards-list').waitFor();
  await page.locator('#awards-list .card', { hasText: '湖南省茶叶学会能力提升项目' }).click();
  await page.locator('#award-hub').waitFor();
  await e2e.seeText('#award-amount', '30,000.50 元');
  await e2e.screenshot('award-03-secretary-hub');
  await page.locator('#link-agreement').click();
  await page.locator('#agreement-form').waitFor();
  // nothing filled: refused, each section named, nothing lost
  await page.locator('#submit-agreement').click();
  await e2e.seeText('#error-summary', '请填写“项目实施计划”');
  await e2e.seeText('#error-summary', '请填写“年度目标任务”的第 1 年目标');
  await e2e.seeText('#section-schedule', '至少填写一项进度安排');
  await e2e.screenshot('award-04-agreement-refused');
  await text('text-plan').fill('举办学术年会 1 次、茶叶技术培训 3 期，编印《茶叶科技》2 期');
  await text('target-targets-1').fill('培训茶农 300 人次，服务茶企 10 家');
  await page.locator('#add-milestone-schedule').click();
  await pickDate(page, 'ms-schedule-0', '2026-12-15');
  await text('milestone-text-schedule-0').fill('完成首期茶叶技术培训');
  await page.locator('#save-agreement').click();
  await e2e.seeText('#agreement-notice', '草稿已保存');
  await page.locator('#submit-agreement').click();
  await e2e.seeText('#agreement-status', '待审核');
  await e2e.screenshot('award-05-agreement-submitted');

  // ── the budget: 人员工资 refused with the programme's clause, then fixed ──
  await page.goBack();
  await page.locator('#award-hub').waitFor();
  await page.locator('#link-budget').click();
  await page.locator('#budget-editor').waitFor();
  await page.locator('#category-0').click();
  await page.locator('#category-sheet').waitFor();
  await e2e.seeText('#group-forbidden', '不得列支（管理办法第七条）');
  await e2e.screenshot('award-06-category-picker');
  await page.locator('#option-wages').click();
  await input('amount-0').fill('20000');
  await input('purpose-0').fill('项目人员劳务');
  await page.locator('#save-budget').click();
  await e2e.seeText('#line-0', '第 1 行：专项资金不得用于人员工资（管理办法第七条）');
  // the typed line stays
  expect(await input('amount-0').inputValue()).toBe('20000');
  await e2e.screenshot('award-07-budget-refused');
  await page.locator('#category-0').click();
  await page.locator('#option-meeting').click();
  await input('purpose-0').fill('学术年会会务');
  await page.locator('#add-line').click();
  await page.locator('#category-1').click();
  await page.locator('#option-training').click();
  await input('amount-1').fill('10000.50');
  await input('purpose-1').fill('茶叶技术培训');
  // an unlisted category without a reason: refused on its line
  await page.locator('#save-budget').click();
  await e2e.seeText('#line-1', '请说明与项目直接相关的理由');
  await text('justification-1').fill('培训茶农是本项目的核心任务');
  await e2e.seeText('#budget-total', '合计 30,000.50 元');
  await page.locator('#submit-budget').click();
  await e2e.seeText('#budget-notice', '预算已提交');
  await e2e.seeText('#budget-v1', '待审核');
  await e2e.screenshot('award-08-budget-submitted');

  // ── city staff approve the agreement, then the budget (the unlisted line highlighted) ──
  await e2e.signInAs('p-city-staff');
  await page.goto(`${e2e.baseUrl}/#/pages/awards/index/index`);
  await page.locator('#awards-list .card', { hasText: '湖南省茶叶学会能力提升项目' }).click();
  await page.locator('#award-hub').waitFor();
  await page.locator('#link-decide-agreement').click();
  await page.locator('#decide').waitFor();
  await e2e.seeText('#answer-plan', '举办学术年会');
  await page.locator('#approve').click();
  await e2e.seeText('#decide-notice', '已审核通过');
  await page.goBack();
  await page.locator('#award-hub').waitFor();
  await page.reload();
  await page.locator('#link-decide-budget').click();
  await page.locator('#decide[data-what="budget"]').waitFor();
  await e2e.seeText('#unlisted-note', '有 1 行未列入本项目开支范围');
  await page.locator('[data-kind="unlisted"]').first().waitFor();
  await e2e.screenshot('award-09-decide-budget');
  await page.locator('#approve').click();
  await e2e.seeText('#decide-notice', '已审核通过');
  await page.goBack();
  await page.reload();
  await e2e.seeText('#award-status', '执行中');
  await e2e.screenshot('award-10-running');
});
