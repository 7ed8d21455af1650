import { createHash } from 'node:crypto';
import { type Harness, makeDeps } from '../support/handlers';

/**
 * The first administrator (issue 13): a bootstrap code from the identity function's environment
 * (the `bootstrap` port), redeemed through identity.redeemInvite, makes its first redeemer city staff
 * of the city it names; then it is dead until a new code is set.
 */
let h: Harness;
let code: string | null = null;
let city = '';
beforeEach(async () => {
  h = await makeDeps();
  code = null;
  city = '';
  h.deps.bootstrap = { current: () => (code ? { code, city } : null) };
});
afterEach(async () => {
  await h.close();
});

const redeem = (c: string, openid: string) => h.call('identity', 'redeemInvite', { code: c }, { openid });
const hashOf = (c: string) => createHash('sha256').update(`bootstrap:${c}`).digest('hex');
const auditOf = (c: string) => h.deps.store.audit.forEntity('bootstrap', hashOf(c), 'all');

describe('identity.redeemInvite with the bootstrap code', () => {
  it('makes the first redeemer city staff of a new city, created with the given name; they can then act as city staff', async () => {
    code = 'BOOT2345';
    city = '常德市科协';
    const r = await redeem('boot2345', 'o-first-admin');
    expect(r.error).toBeUndefined();
    expect(r.data).toMatchObject({ bound: true, primaryRole: 'cityStaff', person: { name: '管理员（请修改姓名）' } });
    const unitId = r.data.bindings[0].scope.castUnitId as string;
    expect(await h.deps.store.org.castUnit(unitId)).toMatchObject({ name: '常德市科协', kind: 'city', parentId: null });
    // the new admin works: adds a society to their city, sees it, and none of 益阳's
    const saved = await h.call(
      'org',
      'saveSociety',
      { requestId: 'req-boot-soc-1', society: { name: '常德市农学会', level: 'city' } },
      { openid: 'o-first-admin' },
    );
    expect(saved.error).toBeUndefined();
    const list = await h.call('org', 'listUnits', { kind: 'society' }, { openid: 'o-first-admin' });
    expect(list.data.items.map((s: { name: string }) => s.name)).toEqual(['常德市农学会']);
  });

  it('binds to the existing city of that name (spaces aside) and, without a name, to a placeholder city', async () => {
    code = 'BOOTAAAA';
    city = '益阳市 科协';
    const r = await redeem('BOOTAAAA', 'o-admin-2');
    expect(r.data.bindings[0].scope.castUnitId).toBe('cast-yiyang');
    code = 'BOOTBBBB';
    city = '';
    const p = await redeem('BOOTBBBB', 'o-admin-3');
    expect(await h.deps.store.org.castUnit(p.data.bindings[0].scope.castUnitId)).toMatchObject({ name: '本市科协（请修改名称）' });
  });

  it('is dead after one use (INVITE.USED, audited once, the code never stored); a new code opens it once more', async () => {
    code = 'BOOTCCCC';
    city = '益阳市科协';
    const t0 = h.clock.now();
    const first = await redeem('BOOTCCCC', 'o-admin-a');
    expect(first.ok).toBe(true);
    const before = h.snapshot();
    const again = await redeem('BOOTCCCC', 'o-admin-b');
    expect(again.error?.code).toBe('INVITE.USED');
    expect(h.snapshot()).toEqual(before);
    // the winner retrying gets their own answer, and nothing is written
    expect((await redeem('BOOTCCCC', 'o-admin-a')).data).toMatchObject({ primaryRole: 'cityStaff' });
    expect(h.snapshot()).toEqual(before);
    const events = await auditOf('BOOTCCCC');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'bootstrap.redeem', actorId: first.data.person.id });
    expect(events[0]!.at).toBeGreaterThanOrEqual(t0);
    expect(JSON.stringify(before)).not.toContain('BOOTCCCC');
    // recovery: a new code, one more redemption
    code = 'BOOTDDDD';
    expect((await redeem('BOOTDDDD', 'o-admin-b')).data).toMatchObject({ primaryRole: 'cityStaff' });
    expect((await redeem('BOOTDDDD', 'o-admin-c')).error?.code).toBe('INVITE.USED');
    expect(await auditOf('BOOTDDDD')).toHaveLength(1);
  });

  it('a wrong code gets exactly the refusal of a wrong invite code (no oracle)', async () => {
    code = 'BOOTEEEE';
    const wrong = await redeem('BOOTEEEF', 'o-guess');
    const noBootstrap = (() => {
      code = null;
      return redeem('BOOTEEEF', 'o-guess');
    })();
    expect(wrong).toEqual(await noBootstrap);
    expect(wrong.error?.code).toBe('INVITE.NOT_FOUND');
  });

  it('two people redeeming at once: exactly one wins', async () => {
    code = 'BOOTFFFF';
    city = '岳阳市科协';
    const answers = await Promise.all(['o-race-1', 'o-race-2', 'o-race-3'].map((o) => redeem('BOOTFFFF', o)));
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.filter((a) => a.error?.code === 'INVITE.USED')).toHaveLength(2);
    const staff = (await h.deps.store.identity.allBindings()).filter((b) => b.role === 'cityStaff' && b.openid.startsWith('o-race'));
    expect(staff).toHaveLength(1);
    expect((await h.deps.store.org.castUnits()).filter((u) => u.name === '岳阳市科协')).toHaveLength(1);
  });

  it('an OPENID already bound to a person becomes that person’s city staff binding (no second person)', async () => {
    code = 'BOOTGGGG';
    city = '益阳市科协';
    const r = await h.call('identity', 'redeemInvite', { code: 'BOOTGGGG' }, 'p-heshan-staff');
    expect(r.data.person.id).toBe('p-heshan-staff');
    expect(r.data.bindings.map((b: { role: string }) => b.role).sort()).toEqual(['cityStaff', 'countyStaff']);
  });
});
