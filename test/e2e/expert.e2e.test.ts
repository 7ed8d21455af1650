import { type E2E, startE2E, WAIT_MS } from '../support/e2e';

/**
 * The expert's day on the h5 build, in Debian chromium against the local host (real function entries,
 * SQLite, the demo data and its seeded records; the server clock starts on Friday 2026-11-20 09:00
 * China time). Screenshots land in test-artifacts/screenshots/expert-*.png.
 */
let e: E2E;
beforeAll(async () => {
  e = await startE2E({ startTime: '2026-11-20T09:00:00+08:00' });
}, 300_000);
afterAll(async () => {
  await e?.close();
});

const EXPERT = 'p-exp-agri-1';
const HOST = 'p-host-heshan';
const STATION = 'st-agri-heshan';

/** Wait until `read()` returns `want` (the page updates after the server answers); fails after WAIT_MS. */
async function until<T>(read: () => Promise<T>, want: T, timeoutMs = WAIT_MS): Promise<void> {
  const end = Date.now() + timeoutMs;
  let last: T = await read();
  while (last !== want && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 200));
    last = await read();
  }
  expect(last).toBe(want);
}

const quarterDays = async () => Number(((await e.page.locator('#quarter-days').textContent()) ?? '').trim());
const daysOn = async (date: string) => {
  const r = await e.api('stations', 'listEntries', { stationId: STATION, scope: 'mine', kind: 'serviceDay', limit: 100 }, EXPERT);
  return (r.data.entries as Array<{ record: { id: string; date: string; status: string } }>)
    .filter((x) => x.record.date === date)
    .map((x) => x.record);
};

it('an expert logs today in three taps, logs a 45-trainee training that does not count, logs a day offline that is sent once, and the host unit confirms it', async () => {
  const { page } = e;

  // Tap 1: opening the app lands on the expert's home with today and the station preselected.
  await e.signInAs(EXPERT);
  await page.locator('#quarter-days').waitFor();
  await page.locator('#today').getByText('2026-11-20').waitFor();
  await page.locator('#station-name').getByText('益阳市农学会赫山服务站').waitFor();
  const before = await quarterDays();
  expect(before).toBeLessThan(10);
  await e.screenshot('expert-01-home');

  // Tap 2: 登记今天服务; tap 3: 确认登记.
  await page.locator('#log-today').click();
  await e.screenshot('expert-02-confirm-sheet');
  await page.locator('#confirm-day').click();
  await page.locator('#day-result').getByText('已登记').waitFor();
  await until(quarterDays, before + 1);
  await page.locator('#log-today').getByText('今天已登记').waitFor();
  expect(await daysOn('2026-11-20')).toHaveLength(1);
  await e.screenshot('expert-03-day-logged');

  // A training with 45 trainees is recorded but does not count toward "≥ 2 sessions of ≥ 50".
  await page.locator('#go-log-training').click();
  await page.locator('#field-topic input').fill('稻虾综合种养技术培训');
  await page.locator('#field-place input').fill('泥江口镇农技站');
  await page.locator('#field-trainees input').fill('45');
  await page.locator('#submit-entry').click();
  const result = page.locator('#log-result');
  await result.getByText('不计入').waitFor();
  expect(await result.textContent()).toContain('培训人次 45 不足 50');
  await e.screenshot('expert-04-training-45-not-counted');
  const trainings = await e.api('stations', 'listEntries', { stationId: STATION, scope: 'mine', kind: 'training', limit: 100 }, EXPERT);
  expect(
    trainings.data.entries.filter(
      (x: { record: { trainees: number; date: string } }) => x.record.trainees === 45 && x.record.date === '2026-11-20',
    ),
  ).toHaveLength(1);
  await page.goBack();
  await page.locator('#quarter-days').waitFor();

  // Offline: the test cuts the network; a backfilled day is kept on the phone, visibly waiting.
  await e.context.setOffline(true);
  await page.locator('#log-other-day').click();
  await page.locator('#day-2026-11-19').click();
  await page.locator('#confirm-day').click();
  await page.locator('#day-result').getByText('待发送').waitFor();
  await page.locator('#outbox-status').getByText('待发送 1 条').waitFor();
  expect(await daysOn('2026-11-19')).toHaveLength(0); // the server has not seen it
  const queued = await page.evaluate(() => localStorage.getItem('stations.outbox.v1'));
  expect(queued).toContain('2026-11-19');
  await e.screenshot('expert-05-offline-waiting');

  // Back online: it is sent by itself, exactly once, and the bar moves.
  await e.context.setOffline(false);
  await page.locator('#outbox-status').waitFor({ state: 'detached' });
  await until(quarterDays, before + 2);
  await page.locator('#day-result').getByText('已发送').waitFor();
  const sent = await daysOn('2026-11-19');
  expect(sent).toHaveLength(1);
  expect(sent[0]).toMatchObject({ status: 'pending' });
  await e.screenshot('expert-06-back-online-sent');
  // Sending the queue again (a page show, the timer) changes nothing.
  await page.reload();
  await page.locator('#quarter-days').waitFor();
  // give a duplicate send every chance to happen: wait until the page has gone quiet on the network
  await page.waitForLoadState('networkidle');
  expect(await daysOn('2026-11-19')).toHaveLength(1);
  expect(await quarterDays()).toBe(before + 2);

  // The host-unit contact confirms the day that was sent after reconnecting.
  await e.signInAs(HOST);
  await page.locator('#pending-count').getByText('待确认').waitFor();
  await page.locator('#go-confirm').click();
  const id = sent[0]!.id;
  await page.locator(`#entry-${id}`).waitFor();
  await e.screenshot('expert-07-host-pending');
  await page.locator(`#confirm-${id}`).click();
  await page.locator('#records-done').getByText('已确认').waitFor();
  await page.locator(`#entry-${id}`).waitFor({ state: 'detached' });
  expect((await daysOn('2026-11-19'))[0]).toMatchObject({ id, status: 'confirmed' });
  await e.screenshot('expert-08-host-confirmed');

  // Issue 15, finding 12 — 全部确认 by group (by week / by expert), with a confirmation, progress, and an undo
  // while the quarter is open. More pending days by a teammate, logged through the API as the app does
  // (a date the demo data already has for them is refused and skipped).
  for (const d of ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-20'])
    await e.api('stations', 'logServiceDay', { requestId: `e2e-h3-day-${d}`, stationId: STATION, date: d, location: null }, 'p-exp-agri-2');
  await page.reload();
  await page.locator('#group-by').waitFor();
  await page.locator('#group-week').waitFor();
  await e.screenshot('h3-after-host-by-week');
  await page.locator('#group-expert').click();
  const groups = await page
    .locator('.group')
    .evaluateAll((els) => els.map((el) => ({ id: el.id, n: Number(el.getAttribute('data-count')) })));
  const biggest = groups.sort((a, b) => b.n - a.n)[0]!;
  expect(biggest.n).toBeGreaterThanOrEqual(2);
  const key = biggest.id.replace(/^group-/, '');
  // the entries of this group that can still be confirmed (a closed period's pending entries are frozen: no button)
  const ids = await page
    .locator(`[id="${biggest.id}"] [id^="confirm-"]:not([id^="confirm-group-"])`)
    .evaluateAll((els) => els.map((el) => el.id.replace(/^confirm-/, '')));
  expect(ids.length).toBeGreaterThanOrEqual(2);
  const bulk = page.locator(`[id="confirm-group-${key}"]`);
  const box = (await bulk.boundingBox())!;
  expect(box.height).toBeGreaterThanOrEqual(44);
  expect(box.width).toBeGreaterThanOrEqual(44);
  await e.screenshot('h3-after-host-by-expert');
  await bulk.click();
  await page.locator('.taro-model__confirm').click(); // the confirmation dialog: "确认「…」的 N 条记录（附照片 M 张）？"
  await page.locator('#records-done').getByText(`条记录`).waitFor();
  for (const i of ids) await page.locator(`[id="entry-${i}"]`).waitFor({ state: 'detached' });
  const all = await e.api('stations', 'listEntries', { stationId: STATION, scope: 'all', limit: 100 }, HOST);
  const byId = new Map((all.data.entries as Array<{ record: { id: string; status: string } }>).map((x) => [x.record.id, x.record.status]));
  for (const i of ids) expect(byId.get(i)).toBe('confirmed');
  await e.screenshot('h3-after-host-bulk-confirmed');
  // undo one confirmation: it goes back to the pending list
  const undone = ids[0]!;
  await page.locator(`[id="undo-${undone}"]`).click();
  await page.locator('#records-done').getByText('已撤销确认').waitFor();
  await page.locator(`[id="entry-${undone}"]`).waitFor();
  await page.locator(`[id="undo-row-${undone}"]`).waitFor({ state: 'detached' });
  await e.screenshot('h3-after-host-undone');

  // The expert sees it verified: in 我的记录 (confirmed entries can no longer be edited) and in the station's progress.
  const p = await e.api('stations', 'myProgress', {}, EXPERT);
  expect(p.data.mine.quarter.days).toBe(before + 2);
  expect(p.data.recentDays.find((d: { date: string }) => d.date === '2026-11-19')).toMatchObject({ status: 'confirmed' });
  await e.signInAs(EXPERT);
  await page.locator('#quarter-days').waitFor();
  await page.locator('#go-records').click();
  const card = page.locator(`#entry-${id}`);
  await card.getByText('已确认').first().waitFor();
  expect(await page.locator(`#edit-${id}`).count()).toBe(0);
  await e.screenshot('expert-09-my-records');
  await page.goBack();
  await page.locator('#go-progress').click();
  for (const clause of ['agreement', 'serviceDays', 'research', 'training', 'outcomes']) await page.locator(`#clause-${clause}`).waitFor();
  expect(await page.locator('#clause-training').textContent()).toContain('另有');
  await e.screenshot('expert-10-station-progress');
}, 300_000);
