import { type E2E, startE2E } from '../support/e2e';

/** City staff record a penalty decision from a phone; it is listed with the end of the ban. */
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

it('city staff record a 3-year ban against a society and see it listed', async () => {
  await e2e.signInAs('p-city-staff');
  await e2e.page.locator('#nav-sanctions').click();
  await e2e.page.locator('#sanctions').waitFor();
  await e2e.page.locator('.rp-chip', { hasText: '益阳市科协学会服务能力提升计划' }).click();
  // submitting without choosing: clear Chinese errors, nothing recorded
  await e2e.page.locator('#impose').click();
  await e2e.seeText('.error', '请选择被处理的学会或建站单位');
  await e2e.page.locator('[data-subject="soc-mech"]').click();
  await e2e.page.locator('[data-penalty="fraud"]').click();
  await e2e.page.locator('#sanction-reason textarea, textarea#sanction-reason').fill('2025 年度项目验收材料弄虚作假，经核实');
  await e2e.page.locator('#impose').click();
  await e2e.seeText('.banner', '已记录：益阳市机械工程学会');
  await e2e.seeText('.card', '不得申报');
  await e2e.screenshot('sanctions-recorded');
  const list = await e2e.api('applications', 'listSanctions', { subjectId: 'soc-mech' }, 'p-talent');
  expect(list.data.sanctions).toEqual([
    expect.objectContaining({ penaltyId: 'fraud', consequences: expect.arrayContaining(['连续 3 年取消申报资格']) }),
  ]);
});
