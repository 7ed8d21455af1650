import { pickDate } from '../support/date-wheel';
import { type E2E, startE2E } from '../support/e2e';

/**
 * City staff enter a year's official holidays on the 节假日 page (issue 13 item 7), at 390×844: the
 * years the library knows are listed with its data; 2027 (not known) carries the warning
 * “2027 年节假日尚未录入”; a 调休上班日 on a weekday is refused under its field with the typed rows kept;
 * fixed, the year is saved and listed as 已录入 with its 春节 range.
 */
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

const CITY = 'p-city-staff';

it('city staff see which years are known, enter 2027 (a weekday 调休 refused, then fixed) and see it listed', async () => {
  const { page } = e2e;
  await e2e.signInAs(CITY);
  await page.locator('#nav-holidays').click();
  await page.locator('#holidays').waitFor();
  await page.locator('[data-year="2026"]').waitFor();
  await e2e.seeText('[data-year="2026"]', '日历库');
  await e2e.seeText('[data-year="2026"]', '春节');
  await e2e.seeText('[data-warning="2027"]', '2027 年节假日尚未录入');
  await e2e.screenshot('holidays-list');

  await page.locator('#holiday-edit-2027').click();
  await page.locator('#holiday-form').waitFor();
  // the first row starts as 元旦 on 1 January; add 春节 and a 调休上班日 typed wrongly on a Wednesday
  await page.locator('#holiday-add').click();
  await page.locator('#in-holidays-1-name input').fill('春节');
  await pickDate(page, 'holidays-1-from', '2027-02-06');
  await pickDate(page, 'holidays-1-to', '2027-02-12');
  await page.locator('#workday-add').click();
  await pickDate(page, 'workdays-0', '2027-02-17');
  const refused = await e2e.calling('org', 'saveHolidays', () => page.locator('#holiday-save').click());
  expect(refused.ok).toBe(false);
  await e2e.seeText('#f-workdays-0 .error', '不是周末');
  await e2e.seeText('#error-summary', '调休上班日');
  await expect(page.locator('#in-holidays-1-name input').inputValue()).resolves.toBe('春节');
  await e2e.screenshot('holidays-error');

  await pickDate(page, 'workdays-0', '2027-02-20');
  const saved = await e2e.calling('org', 'saveHolidays', () => page.locator('#holiday-save').click());
  expect(saved.ok).toBe(true);
  await e2e.seeText('#holidays-notice', '2027 年节假日已保存');
  await e2e.seeText('[data-year="2027"]', '已录入');
  await e2e.seeText('[data-year="2027"]', '春节：2027-02-06 至 2027-02-12');
  await e2e.seeText('[data-year="2027"]', '调休上班：2027-02-20');
  expect(await page.locator('[data-warning="2027"]').count()).toBe(0);
  await e2e.screenshot('holidays-saved');

  const r = await e2e.api('org', 'listHolidays', { fromYear: 2027, toYear: 2027 }, CITY);
  expect(r.data).toMatchObject([{ year: 2027, source: 'stored', warning: '' }]);
});
