import { chinaDateOf } from '../../shared/calendar';
import { heshanSocietyStars, heshanSocietyStarsForm } from '../fixtures/programmes/heshan-society-stars';
import { pickDate } from '../support/date-wheel';
import { type E2E, startE2E } from '../support/e2e';

/**
 * A programme issued by a district's association (issue 16 item 4) on the demo database at 390×844: the
 * city installs the sixth programme (赫山区科协, scope district); 赫山's county staff enable it and open its
 * round on 申报批次 (the link is theirs now); a 赫山 society's secretary is offered it, a 桃江 one is not;
 * the city's staff see the county's programme on their page, not theirs to switch.
 */
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

const PID = heshanSocietyStars.id;

it('赫山 county staff enable and open their district programme; only 赫山 societies are offered it', async () => {
  const { page } = e2e;
  const definition = JSON.parse(JSON.stringify({ programme: heshanSocietyStars, forms: [heshanSocietyStarsForm] }));
  const installed = await e2e.api(
    'org',
    'installProgramme',
    { requestId: 'e2e-install-heshan', definition, fileName: 'heshan-society-stars.json', mode: 'commit' },
    'p-city-staff',
  );
  expect(installed.ok).toBe(true);
  const today = chinaDateOf(await e2e.advanceClock(0));
  const year = today.slice(0, 4);

  // ── 赫山区科协: 申报批次 → enable the district's programme → open this year's round ──
  await e2e.signInAs('p-heshan-staff');
  await page.locator('#nav-rounds').click();
  await page.locator('[data-city-programmes="cast-heshan"]').waitFor();
  await e2e.seeText('[data-city-programmes="cast-heshan"] .subtitle', '本区县发布的项目 · 赫山区科协');
  await e2e.seeText('#rounds-none-enabled', '本区县尚未启用发布的项目');
  await e2e.screenshot('district-rounds-county-before');
  const enabled = await e2e.calling('org', 'setProgrammeEnabled', () =>
    page.locator(`[data-city-programmes="cast-heshan"] [data-enable="${PID}"] taro-switch-core`).click(),
  );
  expect(enabled.ok).toBe(true);
  await page.locator('#round-add').waitFor();
  await page.locator('#round-add').click();
  await page.locator('#round-form').waitFor();
  // only the county's own programme is offered for a round (the city's are the city's to open)
  expect(
    await page.locator('[data-programme-choice]').evaluateAll((els) => els.map((e) => e.getAttribute('data-programme-choice'))),
  ).toEqual([PID]);
  await page.locator(`[data-programme-choice="${PID}"]`).click();
  await page.locator(`[data-year="${year}"]`).click();
  await pickDate(page, 'opensOn', `${year}-01-02`);
  await pickDate(page, 'closesOn', `${year}-12-30`);
  await e2e.screenshot('district-round-form');
  const saved = await e2e.calling('org', 'saveRound', () => page.locator('#round-save').click());
  expect(saved.ok).toBe(true);
  await page.locator(`[data-programme-rounds="${PID}"] [data-round]`).waitFor();
  await e2e.screenshot('district-rounds-county-after');

  // ── a 赫山 society (益阳市农学会, registered with 赫山区科协) is offered it; a 桃江 one is not ──
  await e2e.signInAs('p-sec-agri');
  await page.locator(`#call-${PID}`).waitFor();
  await e2e.seeText(`#call-${PID}`, '申报：');
  await page.locator(`#call-${PID}`).scrollIntoViewIfNeeded();
  await e2e.screenshot('district-offered-heshan-secretary');
  await e2e.signInAs('p-sec-tea');
  await page.locator('#call-yiyang-station-2023, .card').first().waitFor();
  expect(await page.locator(`#call-${PID}`).count()).toBe(0);
  await e2e.screenshot('district-not-offered-taojiang-secretary');

  // ── the city's staff see the county's programme, not theirs to switch ──
  await e2e.signInAs('p-city-staff');
  await page.locator('#nav-rounds').click();
  await page.locator('[data-city-programmes="cast-heshan"]').waitFor();
  await e2e.seeText('[data-city-programmes="cast-heshan"] .muted', '由赫山区科协工作人员启用或停用');
  expect(await page.locator(`[data-city-programmes="cast-yiyang"] [data-enable="${PID}"]`).count()).toBe(0);
  await page.locator('[data-city-programmes="cast-heshan"]').scrollIntoViewIfNeeded();
  await e2e.screenshot('district-rounds-city');
});
