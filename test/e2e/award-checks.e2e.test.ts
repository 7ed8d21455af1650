import { awardReadyForMoney } from '../handlers/awards-money-support';
import { type E2E, startE2E } from '../support/e2e';

/**
 * A Yiyang 2018 acceptance on a phone (issue 14 item 2: 市科协会同市财政局验收): the society has
 * submitted its materials (through the actions); city staff cannot decide while the finance bureau's
 * opinion is missing; the finance bureau (市财政局) lands on its home with the check waiting for it,
 * is told what its opinion form still needs, records its opinion and sees no decision form; then city
 * staff pass the check with reasons, and the queue shows it done. The award is prepared through the real
 * actions (award → agreement → budget), as for the money journey.
 */
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E({ startTime: '2026-04-10T10:00:00+08:00' });
});
afterAll(async () => {
  await e2e?.close();
});
let n = 0;
const rid = () => `e2e-checks-${++n}-request`;
const PDF = Buffer.from('%PDF-1.4\n% 验收材料\n%%EOF\n').toString('base64');

it('the finance bureau gives its opinion, city staff then decide the acceptance', async () => {
  const { page } = e2e;
  const call = (fn: string, action: string, data: unknown, who: string) => e2e.api(fn, action, data, who);
  const { awardId } = await awardReadyForMoney(call, rid);
  const list = await call('awards', 'listChecks', { awardId }, 'p-sec-agri');
  expect(list.data.items).toHaveLength(1);
  const checkId = list.data.items[0].id as string;
  expect(list.data.items[0].dueDate).toBe('2027-04-09');

  // the society: its checks list, then materials submitted through the actions
  await e2e.signInAs('p-sec-agri');
  await page.goto(`${e2e.baseUrl}/#/pages/awards/checks/index?id=${encodeURIComponent(awardId)}`);
  await e2e.seeText(`[id="check-${checkId}"]`, '年度项目验收');
  await e2e.seeText(`[id="check-${checkId}"]`, '截止 2027-04-09');
  await e2e.screenshot('award-checks-01-secretary-list');
  // its check page: upload per item; submitting with nothing attached marks each required item
  await page.locator(`[id="check-${checkId}"]`).click();
  await page.locator('#check-page').waitFor();
  await page.locator('#submit-check').click();
  await e2e.seeText('#error-summary', '请上传「项目执行情况总结」');
  await e2e.seeText('#material-spending .error', '请上传「资金使用情况报告」');
  await e2e.screenshot('award-checks-01b-secretary-missing-materials');
  let view = (await call('awards', 'getCheck', { checkId }, 'p-sec-agri')).data;
  const materials: Record<string, unknown[]> = {};
  for (const m of view.materials) {
    const up = await call(
      'awards',
      'uploadCheckFile',
      { checkId, name: `${m.label}.pdf`, mime: 'application/pdf', base64: PDF },
      'p-sec-agri',
    );
    materials[m.id] = [up.data];
  }
  const saved = await call('awards', 'saveCheckMaterials', { checkId, materials, revision: view.revision, requestId: rid() }, 'p-sec-agri');
  expect(await call('awards', 'submitCheck', { checkId, revision: saved.data.revision, requestId: rid() }, 'p-sec-agri')).toMatchObject({
    ok: true,
  });

  // ── city staff: the decision waits for the finance bureau ──
  await e2e.signInAs('p-city-staff');
  await page.goto(`${e2e.baseUrl}/#/pages/awards/check/index?id=${encodeURIComponent(checkId)}`);
  await e2e.seeText('#decide-blocked', '尚缺：市财政局意见');
  await e2e.seeText('#check-materials', '项目执行情况总结.pdf');
  expect(await page.locator('#decision-save').count()).toBe(0);
  await e2e.screenshot('award-checks-02-staff-waits-for-finance');

  // ── the finance bureau: its home lists the check waiting for its opinion ──
  await e2e.signInAs('p-finance');
  await page.locator('#finance-home').waitFor();
  await e2e.seeText('#finance-waiting', '1');
  await e2e.seeText(`[id="check-${checkId}"]`, '待您办理');
  await e2e.screenshot('award-checks-03-finance-home');
  await page.locator(`[id="check-${checkId}"]`).click();
  await page.locator('#check-page').waitFor();
  // it decides nothing and edits no materials
  expect(await page.locator('#decision-form').count()).toBe(0);
  expect(await page.locator('#submit-check').count()).toBe(0);
  // an empty opinion: inline Chinese marks, nothing sent
  await page.locator('#opinion-save-finance-bureau').click();
  await e2e.seeText('#opinion-finance-bureau .error', '请选择是否同意通过');
  await e2e.seeText('#opinion-finance-bureau .error', '请填写意见');
  await e2e.screenshot('award-checks-04-finance-opinion-errors');
  await page.locator('#opinion-yes-finance-bureau').click();
  await page
    .locator('#opinion-text-finance-bureau textarea, textarea#opinion-text-finance-bureau')
    .fill('资金使用符合专项资金管理办法，同意通过验收。');
  const given = await e2e.calling('awards', 'giveOpinion', () => page.locator('#opinion-save-finance-bureau').click());
  expect(given.ok).toBe(true);
  await e2e.seeText('#check-notice', '意见已保存');
  await e2e.seeText('#opinion-given-finance-bureau', '同意通过');
  await e2e.screenshot('award-checks-05-finance-opinion-saved');
  // the finance bureau is refused a decision by the server too
  view = (await call('awards', 'getCheck', { checkId }, 'p-city-staff')).data;
  const refused = await call(
    'awards',
    'decideCheck',
    { checkId, decision: 'pass', reasons: ['同意'], revision: view.revision, requestId: rid() },
    'p-finance',
  );
  expect(refused.error?.code).toBe('AUTH.FORBIDDEN');

  // ── city staff: pass with reasons ──
  await e2e.signInAs('p-city-staff');
  await page.goto(`${e2e.baseUrl}/#/pages/awards/check/index?id=${encodeURIComponent(checkId)}`);
  await page.locator('#decision-form').waitFor();
  await page.locator('#decision-save').click();
  await e2e.seeText('#decision-form .error', '请选择结论');
  await page.locator('#decision-pass').click();
  await page.locator('#decision-reasons textarea, textarea#decision-reasons').fill('年度目标全部完成\n资金使用规范');
  await e2e.screenshot('award-checks-06-staff-decision-form');
  const decided = await e2e.calling('awards', 'decideCheck', () => page.locator('#decision-save').click());
  expect(decided.ok).toBe(true);
  await e2e.seeText('#check-notice', '结论已保存');
  await e2e.seeText('#check-status', '合格');
  await e2e.seeText('#check-outcome', '1. 年度目标全部完成');
  await e2e.screenshot('award-checks-07-staff-passed');

  // the staff queue: nothing waits for a decision any more; the check is listed as done
  await page.goto(`${e2e.baseUrl}/#/pages/awards/check-queue/index?filter=all`);
  await e2e.seeText(`[id="check-${checkId}"]`, '已办结');
  await page.locator('#filter-decision').click();
  await e2e.seeText('#check-queue', '没有符合条件的检查');
  await page.locator('#filter-all').click();
  await e2e.seeText(`[id="check-${checkId}"]`, '合格');
  await e2e.screenshot('award-checks-08-staff-queue');
});
