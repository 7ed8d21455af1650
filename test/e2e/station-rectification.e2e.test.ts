import { type E2E, startE2E } from '../support/e2e';

/**
 * A station's rectification on a phone (issue 14 items 4 and 5): city staff run and publish a 不合格
 * year for the tea station (no work logged), the staff home counts the proposal the product made, staff
 * open it (clause, effects, deadline), a confirmation without a reason is refused on the field (the
 * typed text kept), then confirmed; the host unit's contact sees the deadline on the station page; a
 * re-check that passed lifts it and the station is 正常 again.
 */
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E({ startTime: '2026-11-20T10:00:00+08:00' });
});
afterAll(async () => {
  await e2e?.close();
});
const TEA = 'st-tea-taojiang';

it('staff publish a failing year, confirm the proposed rectification, the host unit sees the deadline, a re-check lifts it', async () => {
  const { page } = e2e;
  // ── 市科协: publish year 1 of the tea station (nothing logged: 不合格) ──
  await e2e.signInAs('p-city-staff');
  await page.goto(`${e2e.baseUrl}/#/packages/staff/pages/assessment/index`);
  await page.locator('#run-assessment').click();
  await page.locator(`[id="assessment-${TEA}"]`).waitFor();
  await page.locator(`#select-${TEA}`).click();
  await page.locator('#publish-selected').click();
  await page.locator('.taro-model__confirm').click();
  await page.waitForFunction((id) => document.querySelector(`[id="assessment-${id}"]`)?.getAttribute('data-state') === 'published', TEA);

  // ── the staff home counts the open proposal; the list shows the clause, what it does and the deadline ──
  await page.goto(`${e2e.baseUrl}/#/packages/staff/pages/home/index`);
  await e2e.seeText('#nav-consequences', '1 条待确认');
  await page.locator('#nav-consequences').scrollIntoViewIfNeeded();
  await e2e.screenshot('station-rectification-00-staff-home-count');
  await page.locator('#nav-consequences').click();
  await page.locator('#consequences').waitFor();
  const card = page.locator('.cq-card', { hasText: '湖南省茶叶学会桃江服务站' });
  await e2e.seeText('.cq-card', '年度考核不合格（依据：第十二条）');
  await e2e.seeText('.cq-card', '责令限期整改（2027-02-20 前完成）');
  await e2e.seeText('.cq-card', '通报批评');
  await e2e.screenshot('station-rectification-01-proposal');
  // confirming without a reason: marked on the field, nothing decided
  const id = await card.first().getAttribute('id');
  const cq = id!.replace(/^cq-/, '');
  await page.locator(`[id="cq-confirm-${cq}"]`).click();
  await e2e.seeText('.cq-card .error', '请填写确认理由');
  await e2e.screenshot('station-rectification-02-reason-required');
  await page.locator(`[id="cq-reason-${cq}"] textarea, textarea[id="cq-reason-${cq}"]`).fill('第 1 考核年度考核不合格，责令限期整改');
  const confirmed = await e2e.calling('awards', 'decideConsequence', () => page.locator(`[id="cq-confirm-${cq}"]`).click());
  expect(confirmed.ok).toBe(true);
  await e2e.seeText('#cq-notice', '已确认');
  await page.locator('#tab-decided').click();
  await e2e.seeText('.cq-card', '已确认');
  await e2e.screenshot('station-rectification-03-confirmed');

  // ── the host unit's contact: the deadline on the station page ──
  await e2e.signInAs('p-host-tea');
  await page.locator('#go-lifecycle').click();
  await page.locator('#station-lifecycle').waitFor();
  await e2e.seeText('#lc-status', '整改中');
  await e2e.seeText('#lc-deadline', '请于 2027-02-20 前完成整改');
  await e2e.seeText('#lc-consequences', '已确认');
  await e2e.screenshot('station-rectification-04-host-deadline');

  // ── 市科协: the re-check passed lifts it ──
  await e2e.signInAs('p-city-staff');
  await page.goto(`${e2e.baseUrl}/#/pages/awards/station/index?id=${TEA}`);
  await e2e.seeText('#lc-to-consequences', '处理与整改复查');
  await e2e.screenshot('station-rectification-04b-staff-station');
  await page.locator('#lc-to-consequences').click();
  await page.locator('#consequences').waitFor();
  await page.locator('#tab-decided').click();
  await page.locator(`[id="cq-reason-${cq}"] textarea, textarea[id="cq-reason-${cq}"]`).fill('经复查，整改措施已落实');
  await page.locator(`[id="cq-pass-${cq}"]`).click();
  await e2e.seeText('#cq-notice', '整改已解除');
  await e2e.seeText('.cq-card', '已解除');
  await e2e.screenshot('station-rectification-05-lifted');
  const st = await e2e.api('awards', 'stationLifecycle', { stationId: TEA }, 'p-host-tea');
  expect(st.data).toMatchObject({ station: { status: 'active' }, rectificationDeadline: null });
  await e2e.signInAs('p-host-tea');
  await page.locator('#go-lifecycle').click();
  await e2e.seeText('#lc-status', '正常');
  await e2e.screenshot('station-rectification-06-host-active');
});
