import type { RoundView } from '../../shared/api/applications';
import type { CityProgrammes, ImportAnswer } from '../../shared/api/org';
import { answerModal, pickDate } from '../support/date-wheel';
import { type E2E, startE2E } from '../support/e2e';
import { BAD, cityBook, excelRow, xlsx } from '../support/org-workbook';

/**
 * City staff keep the organisation from a phone (issue 13, item 4), on the demo database at 390×844:
 * a society whose credit code is wrong is refused with the error under the field and the typed input
 * kept, then saved and listed; a host unit with its location, radius and funded workstation; a round
 * opened with its dates and the number it sets; a workbook with errors shows each bad cell as
 * 第 N 行 · 列名 · 说明; a clean one commits in steps with a progress bar and resumes after a failure.
 */
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

const CITY = 'p-city-staff';
const HOME = '/#/packages/staff/pages/home/index';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const input = (key: string) => e2e.page.locator(`#in-${key} input`);

async function goHome() {
  await e2e.page.goto(`${e2e.baseUrl}${HOME}`);
  await e2e.page.locator('#home-staff').waitFor();
}
async function listed<T = any>(kind: string, q: string): Promise<T[]> {
  const r = await e2e.api('org', 'listUnits', { kind, q, includeInactive: true, limit: 200 }, CITY);
  expect(r.ok).toBe(true);
  return (r.data as { items: T[] }).items;
}

it('city staff add a society (a bad credit code is marked, the input kept), a host unit and a round, and import a workbook', async () => {
  const { page } = e2e;
  await e2e.signInAs(CITY);
  await page.locator('#nav-org').click();
  await page.locator('#org-units').waitFor();
  await page.locator('[data-unit-row]').first().waitFor();
  await e2e.screenshot('org-units-list');

  // ── a society: a wrong credit code is marked under its field, nothing typed is lost ──
  await page.locator('#org-add-society').click();
  await page.locator('#org-form[data-kind="society"]').waitFor();
  await input('name').fill('益阳市茶叶学会');
  await input('creditCode').fill('12345');
  await input('contactName').fill('李秘书');
  const refused = await e2e.calling('org', 'saveSociety', () => page.locator('#org-save').click());
  expect(refused.ok).toBe(false);
  await e2e.seeText('#f-creditCode .error', '统一社会信用代码应为 18 位数字或大写字母');
  await e2e.seeText('#error-summary', '统一社会信用代码');
  await expect(input('name').inputValue()).resolves.toBe('益阳市茶叶学会');
  await expect(input('creditCode').inputValue()).resolves.toBe('12345');
  await expect(input('contactName').inputValue()).resolves.toBe('李秘书');
  await e2e.screenshot('org-society-error');
  // going back to the list and opening the new form again keeps the draft while the page is open
  await page.locator('#org-cancel').click();
  await page.locator('#org-add-society').click();
  await expect(input('name').inputValue()).resolves.toBe('益阳市茶叶学会');
  await input('creditCode').fill('51430900MJ2000001K');
  const saved = await e2e.calling('org', 'saveSociety', () => page.locator('#org-save').click());
  expect(saved.ok).toBe(true);
  await e2e.seeText('#org-list-notice', '已保存：益阳市茶叶学会');
  await page.locator('[data-unit-row="益阳市茶叶学会"]').waitFor();
  const [tea] = await listed('society', '益阳市茶叶学会');
  // the CAST unit defaulted to the caller's city; no id was typed
  expect(tea).toMatchObject({ creditCode: '51430900MJ2000001K', castUnitId: 'cast-yiyang', contact: { name: '李秘书' } });
  await e2e.screenshot('org-society-listed');
  // 停用 asks first; the society is kept (shown with 显示已停用的), no longer offered
  await page.locator('[data-unit-row="益阳市茶叶学会"]').click();
  await page.locator('#org-deactivate').click();
  await answerModal(page, '确定');
  await e2e.seeText('#org-list-notice', '已停用：益阳市茶叶学会');
  await page.locator('[data-unit-row="益阳市茶叶学会"]').waitFor({ state: 'detached' });
  expect((await listed('society', '益阳市茶叶学会'))[0]).toMatchObject({ active: false });

  // ── a host unit: kind, CAST unit chosen by name, location and radius, funded workstation ──
  await page.locator('#tab-hostUnit').click();
  await page.locator('#org-add-hostUnit').click();
  await page.locator('#org-form[data-kind="hostUnit"]').waitFor();
  await input('name').fill('益阳高新区企业科协');
  await page.locator('#pick-castUnit').click();
  await page.locator('#pick-castUnit-search input').fill('赫山');
  await page.locator('#pick-castUnit-sheet [data-pick-name="赫山区科协"]').click();
  await e2e.seeText('#pick-castUnit', '赫山区科协');
  await input('address').fill('益阳市赫山区龙岭工业园');
  await input('location-lat').fill('28.56');
  await input('location-lng').fill('112.35');
  await input('location-radiusM').fill('600');
  await page.locator('#in-funded').click();
  await e2e.seeText('#f-hasFundedExpertWorkstation', '只能申报国家级');
  await e2e.screenshot('org-host-unit-form');
  expect((await e2e.calling('org', 'saveHostUnit', () => page.locator('#org-save').click())).ok).toBe(true);
  await page.locator('[data-unit-row="益阳高新区企业科协"]', { hasText: '已有专家工作站' }).waitFor();
  const [hu] = await listed('hostUnit', '益阳高新区企业科协');
  expect(hu).toMatchObject({
    castUnitId: 'cast-heshan',
    location: { lat: 28.56, lng: 112.35, radiusM: 600 },
    hasFundedExpertWorkstation: true,
  });
  await e2e.screenshot('org-host-unit-listed');

  // ── a round: the programme enabled for the city, the year, the dates on the wheel, the number it sets ──
  await goHome();
  await page.locator('#nav-rounds').click();
  await page.locator('#rounds [data-city-programmes]').waitFor();
  const capacity = 'yiyang-capacity-2018';
  const enabled = await e2e.api('org', 'cityProgrammes', {}, CITY);
  const enabledNow: CityProgrammes = enabled.data;
  const on = enabledNow.cities[0]?.programmes.find((p) => p.id === capacity)?.enabled;
  if (!on) {
    expect(
      (await e2e.calling('org', 'setProgrammeEnabled', () => page.locator(`[data-enable="${capacity}"] taro-switch-core`).click())).ok,
    ).toBe(true);
  }
  await page.locator('#round-add').click();
  await page.locator('#round-form').waitFor();
  await page.locator(`[data-programme-choice="${capacity}"]`).click();
  await page.locator('[data-year="2027"]').click();
  await pickDate(page, 'opensOn', '2027-03-01');
  await pickDate(page, 'closesOn', '2027-04-30');
  // the number the programme leaves to each round must be given
  await page.locator('#round-save').click();
  await e2e.seeText('#f-limits-demonstration-quota .error', '请填写本批次的名额');
  await input('limits-demonstration-quota').fill('3');
  await e2e.screenshot('rounds-form');
  expect((await e2e.calling('org', 'saveRound', () => page.locator('#round-save').click())).ok).toBe(true);
  await e2e.seeText('#rounds-notice', '已开启 2027 年度批次');
  await page.locator(`[data-round="round-${capacity}-2027"]`, { hasText: '2027-03-01 至 2027-04-30' }).waitFor();
  const rounds: RoundView[] = (await e2e.api('applications', 'rounds', { programmeId: capacity }, CITY)).data;
  expect(rounds.find((r) => r.id === `round-${capacity}-2027`)).toMatchObject({ year: 2027, quotas: { 'demonstration-quota': 3 } });
  await e2e.screenshot('rounds-list');

  // ── a workbook with errors: every bad cell listed as 第 N 行 · 列名 · 说明, nothing written ──
  await goHome();
  await page.locator('#nav-workbook').click();
  await page.locator('#workbook').waitFor();
  const upload = async (name: string, bytes: Uint8Array) => {
    const chooser = page.waitForEvent('filechooser');
    const previewed = e2e.calling('org', 'importWorkbook', () => page.locator('#upload-workbook').click());
    await (await chooser).setFiles({ name, mimeType: XLSX, buffer: Buffer.from(bytes) });
    return previewed;
  };
  const before = (await listed('society', '益阳市第')).length;
  const bad = await upload('有错误.xlsx', await xlsx(cityBook(BAD)));
  expect(bad.ok).toBe(true);
  await page.locator('#import-errors').waitFor();
  for (const [sheet, i, column] of BAD)
    await e2e.seeText(`[data-error-sheet="${sheet}"] .org-issue`, `第 ${excelRow(i)} 行 · ${column} · `);
  const badAnswer: ImportAnswer = bad.data;
  expect(await page.locator('#import-errors .org-issue').count()).toBe(badAnswer.errors.length);
  await expect(page.locator('#import-commit').count()).resolves.toBe(0);
  // idle buttons carry no `disabled` (a Taro h5 button given one, even false, greyed its label)
  for (const id of ['#upload-workbook', '#download-template', '#export-org'])
    await expect(page.locator(id).getAttribute('disabled')).resolves.toBeNull();
  await e2e.screenshot('workbook-preview-errors');
  expect((await listed('society', '益阳市第')).length).toBe(before);

  // ── the fixed workbook: preview clean, 确认导入 in steps with a progress bar; a failed step resumes ──
  const clean = await upload('已改正.xlsx', await xlsx(cityBook()));
  const cleanAnswer: ImportAnswer = clean.data;
  expect(cleanAnswer.errors).toEqual([]);
  await page.locator('[data-sheet="学会"] [data-count="create"]', { hasText: '22' }).waitFor();
  await e2e.screenshot('workbook-preview-clean');
  // the second step's call fails once on the way (as a dropped connection would)
  let dropped = false;
  await page.route('**/api/org', async (route) => {
    const body = JSON.parse(route.request().postData() ?? '{}');
    if (!dropped && body.action === 'importWorkbook' && body.data?.mode === 'commit' && body.data?.from > 0) {
      dropped = true;
      await e2e.screenshot('workbook-progress');
      return route.abort('connectionreset');
    }
    return route.continue();
  });
  await page.locator('#import-commit').click();
  await page.locator('#import-resume').waitFor();
  expect(dropped).toBe(true);
  await e2e.seeText('#import-resume', '未完成');
  await e2e.screenshot('workbook-resume');
  await page.unroute('**/api/org');
  await page.locator('#import-continue').click();
  await page.locator('#import-finished').waitFor();
  await e2e.seeText('#workbook-notice', '导入完成');
  await e2e.screenshot('workbook-finished');
  // every row once: the interrupted step was applied once, nothing duplicated
  const societies = await listed<{ name: string }>('society', '益阳市第');
  expect(societies.filter((s) => /^益阳市第[\d０-９]+学会$/.test(s.name))).toHaveLength(22);
  const stations = await listed<{ name: string; team: unknown[] }>('station', '服务站');
  expect(stations.find((s) => s.name === '第1服务站')?.team).toHaveLength(5);
  // the same file again: every row unchanged
  const again = await upload('再次导入.xlsx', await xlsx(cityBook()));
  const { sheets }: ImportAnswer = again.data;
  expect(sheets.every((s) => s.create.length === 0 && s.update.length === 0)).toBe(true);
});
