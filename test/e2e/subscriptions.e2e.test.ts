import { type E2E, startE2E, WAIT_MS } from '../support/e2e';

/**
 * Subscription messages on the h5 build (issue 12, finding 1). The local host has no WeChat, so the
 * browser's requestSubscribeMessage is simulated (platform/subscribe.h5.ts accepts and logs each ask):
 * the expert's log-a-day tap asks for the quarter reminder once a quarter, the 提醒设置 page (from the
 * name card on every home) shows what is left and adds one per tap, and the server counts the accepts.
 * Screenshots: test-artifacts/screenshots/subscriptions-*.png.
 */
let e: E2E;
beforeAll(async () => {
  e = await startE2E({ startTime: '2026-11-20T09:00:00+08:00' });
}, 300_000);
afterAll(async () => {
  await e?.close();
});

const EXPERT = 'p-exp-agri-1';
const left = async () => {
  const r = await e.api('identity', 'subscriptions', {}, EXPERT);
  return (r.data.templates as Array<{ key: string; left: number }>).find((t) => t.key === 'stationDaysShort')!.left;
};
const asks = () => e.page.evaluate(() => JSON.parse(sessionStorage.getItem('kexie.subscribe.simulated') ?? '[]').length as number);
async function until<T>(read: () => Promise<T>, want: T): Promise<void> {
  const end = Date.now() + WAIT_MS;
  let last = await read();
  while (last !== want && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 200));
    last = await read();
  }
  expect(last).toBe(want);
}

it('the expert opens 提醒设置, accepts one more, and the log-a-day tap asks once a quarter', async () => {
  const { page } = e;
  await e.signInAs(EXPERT);
  await page.locator('#quarter-days').waitFor();
  const seeded = await left(); // the demo expert accepted 4 (a year's quarters)
  expect(seeded).toBe(4);

  // 提醒设置 from the name card: the quarter reminder, how many are left, a button to add one
  await page.locator('#open-settings').click();
  await page.locator('#sub-left-stationDaysShort').getByText(`还能收到 ${seeded} 条`).waitFor();
  await e.screenshot('subscriptions-01-settings');
  await page.locator('#sub-add-stationDaysShort').click();
  await page
    .locator('#sub-left-stationDaysShort')
    .getByText(`还能收到 ${seeded + 1} 条`)
    .waitFor();
  await page.locator('#settings-notice').getByText('已开启').waitFor();
  expect(await asks()).toBe(1);
  expect(await left()).toBe(seeded + 1);
  await e.screenshot('subscriptions-02-one-more');

  // back home: logging today asks (the first log of the quarter), still in two taps
  await page.goBack();
  await page.locator('#log-today').click();
  await page.locator('#confirm-day').click();
  await page.locator('#day-result').getByText('已登记').waitFor();
  await until(asks, 2);
  await until(left, seeded + 2);

  // another day in the same quarter: no dialog
  await page.locator('#log-other-day').click();
  await page.locator('#day-2026-11-19').click();
  await page.locator('#confirm-day').click();
  await page.locator('#day-result').getByText('已登记').waitFor();
  await new Promise((r) => setTimeout(r, 1000));
  expect(await asks()).toBe(2);
  expect(await left()).toBe(seeded + 2);
  await e.screenshot('subscriptions-03-logged-no-second-ask');
});
