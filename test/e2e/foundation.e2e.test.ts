import { type E2E, startE2E } from '../support/e2e';

/** Foundation: sign in as a demo person of each role and land on that role's home; redeem an invite. */
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

describe('a signed-in person lands on the home of their role', () => {
  it.each([
    ['p-exp-agri-1', 'expert', '#home-expert', '王建国'],
    ['p-sec-agri', 'secretary', '#home-secretary', '刘芳'],
    ['p-city-staff', 'staff', '#home-staff', '周敏'],
  ])('%s → %s home', async (personId, role, selector, name) => {
    await e2e.signInAs(personId);
    await e2e.page.locator(selector).waitFor();
    await e2e.seeText('.who-am-i', name);
    expect(e2e.page.url()).toContain(`/packages/${role}/pages/home/index`);
    await e2e.screenshot(`foundation-home-${role}`);
  });
});

describe('an unbound person redeems an invite code', () => {
  it('sees the invite page, enters the code staff created, and lands on the expert home', async () => {
    const inv = await e2e.api(
      'identity',
      'createInvite',
      {
        role: 'expert',
        personId: 'p-newcomer',
        scope: { societyId: null, stationId: 'st-agri-heshan', hostUnitId: null, castUnitId: null },
      },
      'p-city-staff',
    );
    expect(inv.ok).toBe(true);
    await e2e.signInAs('p-newcomer');
    expect(e2e.page.url()).toContain('/pages/unbound/index');
    await e2e.seeText('body', '请向所在的科协');
    await e2e.screenshot('foundation-unbound');
    // a wrong code first: a clear Chinese error, still unbound
    await e2e.page.locator('#invite-code input, input#invite-code').fill('ZZZZZZZZ');
    await e2e.page.locator('#redeem').click();
    await e2e.seeText('.error', '邀请码不存在');
    await e2e.page.locator('#invite-code input, input#invite-code').fill(inv.data.code);
    await e2e.page.locator('#redeem').click();
    await e2e.page.locator('#home-expert').waitFor();
    await e2e.seeText('.who-am-i', '孙悦');
    await e2e.seeText('.who-am-i', '益阳市农学会赫山服务站');
    await e2e.screenshot('foundation-redeemed');
  });
});
