import type { Page } from 'playwright-core';
import { appliesToKind, programmes, stagesOf } from '../../shared/programmes';
import { PDF, passingFacts, passingValues } from '../handlers/applications-support';
import { type E2E, startE2E } from '../support/e2e';

/**
 * Issue 15, findings 9, 10 and 13 in the browser (h5 build, local host, Debian chromium): the reviewer's
 * workspace. County staff see their pending count on the home and find the application by search in a
 * queue whose filters fit one row; city staff comment next to a field and on a material, refresh and
 * find the draft kept, return after a confirmation that says it cannot be undone; a stage that asks for
 * a score refuses 审核通过 without one; 待公示 shows no pass/return; staff of another county get a page
 * that explains and leads back. The applications are filed through the API (the secretary's form has
 * its own journey in applications.e2e.test.ts).
 */
const station = programmes['yiyang-station-2023'];
const kind = station.kinds[0]!;
const START = '2026-11-20T09:00:00+08:00';
jest.setTimeout(300_000);

let e: E2E;
let page: Page;
beforeAll(async () => {
  e = await startE2E({ startTime: START });
  page = e.page;
});
afterAll(async () => {
  await e?.close();
});

let n = 0;
const rid = () => `e2e-review-${n++}-${Date.now().toString(36)}`;
async function ok<T = any>(p: Promise<unknown>): Promise<T> {
  const r = (await p) as { ok: boolean; data?: T; error?: unknown };
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.data as T;
}
/** A station application of 益阳市机械工程学会 at the demo's 沅江 host unit, submitted. */
async function filed(stationName: string): Promise<string> {
  const now = Date.parse(START);
  const saved = await ok<{ applicationId: string }>(
    e.api(
      'applications',
      'saveDraft',
      {
        programmeId: station.id,
        kindId: kind.id,
        roundId: `round-${station.id}-2026`,
        values: { ...passingValues(station, kind), stationName },
        facts: passingFacts({ clock: { now: () => now } }, station, kind.id),
        baseVersion: 0,
        requestId: rid(),
        hostUnitId: 'hu-yuanjiang-machine',
      },
      'p-sec-mech',
    ),
  );
  const id = saved.applicationId;
  for (const m of station.materials.filter((x) => x.required && appliesToKind(x, kind.id)))
    await ok(
      e.api(
        'applications',
        'uploadAttachment',
        { applicationId: id, materialId: m.id, name: `${m.id}.pdf`, mime: 'application/pdf', base64: PDF, requestId: rid() },
        'p-sec-mech',
      ),
    );
  await ok(e.api('applications', 'submit', { applicationId: id, requestId: rid() }, 'p-sec-mech'));
  return id;
}
const pass = (id: string, who: string, checklist: unknown[] = []) =>
  ok(
    e.api(
      'applications',
      'review',
      { applicationId: id, decision: 'pass', comment: '', fieldComments: {}, checklist, requestId: rid() },
      who,
    ),
  );
const checklistOf = async (id: string, who: string) =>
  (await ok<{ checklist: { itemId: string; label: string }[] }>(e.api('applications', 'get', { applicationId: id }, who))).checklist.map(
    (i) => ({ ...i, checked: true }),
  );
const open = async (id: string) => {
  await page.goto(`${e.baseUrl}/#/packages/staff/pages/application/index?id=${id}`);
  await page.locator('#staff-application').waitFor();
};
const confirmModal = async (says: string) => {
  await page.locator('.taro-modal__content').getByText(says).waitFor();
  await page.locator('.taro-model__confirm').click();
};

let appId = '';
let countyName = '';

it('county staff: the home counts the pending work; the queue filters fit one row and search finds by name', async () => {
  appId = await filed('益阳市机械工程学会沅江船舶服务站');
  const view = await ok<{ stageId: string; castUnitId: string }>(e.api('applications', 'get', { applicationId: appId }, 'p-city-staff'));
  // the county that oversees the 建站单位
  const county = view.castUnitId === 'cast-taojiang' ? 'p-taojiang-staff' : 'p-heshan-staff';
  countyName = county;
  expect(view.stageId).toBe('county-first-review');
  await e.signInAs(county);
  await page.locator('#pending-review[data-count="1"]').waitFor();
  await e.screenshot('review-01-home-counts');
  await page.locator('#pending-review').click();
  await page.locator(`#row-${appId}`).getByText('待我审核').waitFor();
  // the filters are one compact row: the first application is on the first screen
  const first = await page.locator(`#row-${appId}`).boundingBox();
  expect(first!.y + first!.height).toBeLessThan(844);
  await page.locator('#queue-search input').fill('机械工程');
  await page.locator(`#row-${appId}`).waitFor();
  await page.locator('#queue-search input').fill('沅江');
  await page.locator(`#row-${appId}`).waitFor();
  await page.locator('#queue-search input').fill('没有这个学会');
  await page.locator('#queue-empty').waitFor();
  expect(await page.locator(`#row-${appId}`).count()).toBe(0);
  await e.screenshot('review-02-queue-search');
  await page.locator('#queue-search input').fill('');
  await page.locator(`#row-${appId}`).click();
  await page.locator('#staff-application').waitFor();
  // 审核通过 asks first, saying it cannot be undone
  await page.locator('#bar-pass').click();
  await page.locator('.taro-modal__content').getByText('不能撤销').waitFor();
  await e.screenshot('review-03-confirm-pass');
  await page.locator('.taro-model__confirm').click();
  await page.locator('#notice').getByText('审核通过').waitFor();
  await page.locator('#status[data-stage="city-review"]').waitFor();
});

it('city staff comment next to a field and on a material; a refresh keeps the draft; return after a confirmation', async () => {
  await e.signInAs('p-city-staff');
  await open(appId);
  const material = station.materials.find((m) => appliesToKind(m, kind.id))!;
  const mid = `material-${material.id}`;
  // a tap on the field opens a multi-line comment box right there
  await page.locator('#comment-open-purposeAndPlan').click();
  await page.locator('#comment-purposeAndPlan textarea').fill('请补充第一年的协议完成目标');
  // the navigator jumps to the materials; a material takes a comment too, and its file opens
  await page.locator('[data-nav="review-materials"]').click();
  await page.locator(`#material-${material.id} [data-file-link]`).first().waitFor();
  await page.locator(`#comment-open-${mid}`).click();
  await page.locator(`#comment-${mid} textarea`).fill('请上传盖章版');
  await page.locator('#review-comment textarea').fill('请按逐项意见修改工作计划');
  await page.locator('#bar-return').getByText('2 条意见').waitFor();
  // a refresh keeps what was typed (kept on the device, per application + stage + reviewer)
  await page.reload();
  await page.locator('#staff-application').waitFor();
  await page.locator('#bar-return').getByText('2 条意见').waitFor();
  expect(await page.locator('#comment-purposeAndPlan textarea').inputValue()).toBe('请补充第一年的协议完成目标');
  expect(await page.locator(`#comment-${mid} textarea`).inputValue()).toBe('请上传盖章版');
  expect(await page.locator('#review-comment textarea').inputValue()).toBe('请按逐项意见修改工作计划');
  await page.locator('#comment-purposeAndPlan').scrollIntoViewIfNeeded();
  await e.screenshot('review-after-comment-view');
  // cancelling the confirmation sends nothing
  await page.locator('#bar-return').click();
  await page.locator('.taro-modal__content').getByText('2 条逐项意见').waitFor();
  await page.locator('.taro-model__cancel').click();
  await page.locator('#status[data-stage="city-review"]').waitFor();
  await page.locator('#bar-return').click();
  await confirmModal('不能撤销');
  await page.locator('#status[data-status="returned"]').waitFor();
  // sent: the draft is gone from the device, and the server holds both comments
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('reviewdraft:')))).toEqual([]);
  const sent = await ok<{ fieldComments: Record<string, string> }>(e.api('applications', 'get', { applicationId: appId }, 'p-city-staff'));
  expect(sent.fieldComments).toEqual({ purposeAndPlan: '请补充第一年的协议完成目标', [`material:${material.id}`]: '请上传盖章版' });
});

it('a stage that asks for a 100-point score refuses 审核通过 without one; 待公示 shows no pass/return', async () => {
  const id = await filed('益阳市机械工程学会评分测试服务站');
  const stages = stagesOf(station, kind.id);
  // through the API up to the stage its staff score (市科协研究审定)
  for (const s of stages) {
    if (s.id === station.rubric.stageId) break;
    const who = s.role === 'countyStaff' ? countyName : s.role === 'cityStaff' ? 'p-city-staff' : 'p-talent';
    await pass(id, who, await checklistOf(id, who));
  }
  await open(id);
  await page.locator(`#status[data-stage="${station.rubric.stageId}"]`).waitFor();
  await page.locator('#score-required').getByText('尚未评分').waitFor();
  await page.locator('#pass-blocked').waitFor();
  await page.locator('#bar-pass').click();
  await page.locator('#notice').getByText('须先评分').waitFor();
  await e.screenshot('review-04-score-required');
  await page.locator(`#status[data-stage="${station.rubric.stageId}"]`).waitFor();
  // scored: the pass goes through (with its confirmation)
  for (const item of station.rubric.items) await page.locator(`#score-${item.id} input`).fill(String(item.maxPoints - 1));
  await page.locator('#submit-score').click();
  await page.locator('#score-sheets').waitFor();
  await page.locator('#bar-pass').click();
  await confirmModal('不能撤销');
  await page.locator('#status[data-stage="talent-office-approval"]').waitFor();
  await pass(id, 'p-talent');
  // 待公示: no pass/return panel; publicity starts after a confirmation
  await open(id);
  await page.locator('#status[data-status="in_review"][data-stage=""]').waitFor();
  await page.locator('#publicity-panel').waitFor();
  expect(await page.locator('#bar-pass').count()).toBe(0);
  expect(await page.locator('#bar-return').count()).toBe(0);
  await page.locator('#start-publicity').click();
  await confirmModal('不能撤销');
  await page.locator('#publicity-info').waitFor();
  expect(await page.locator('#bar-pass').count()).toBe(0);
  expect(await page.locator('#bar-return').count()).toBe(0);
});

it('staff of another county get a page that explains and leads back', async () => {
  const other = countyName === 'p-heshan-staff' ? 'p-taojiang-staff' : 'p-heshan-staff';
  await e.signInAs(other);
  await page.goto(`${e.baseUrl}/#/packages/staff/pages/application/index?id=${appId}`);
  await page.locator('#permission-denied').waitFor();
  await page.locator('#denied-reason').getByText('没有权限').waitFor();
  await e.screenshot('review-05-permission-denied');
  await page.locator('#denied-home').click();
  await page.locator('#home-staff').waitFor();
});
