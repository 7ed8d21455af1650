import { type Harness, makeDeps } from '../support/handlers';

let h: Harness;
beforeEach(async () => {
  h = await makeDeps();
});
afterEach(async () => {
  await h.close();
});

const scope = (s: Partial<Record<'societyId' | 'stationId' | 'hostUnitId' | 'castUnitId', string>>) => ({
  societyId: null,
  stationId: null,
  hostUnitId: null,
  castUnitId: null,
  ...s,
});

describe('identity.me', () => {
  it('tells a bound expert who they are, their role and the station it binds them to', async () => {
    const r = await h.call('identity', 'me', {}, 'p-exp-agri-1');
    expect(r.ok).toBe(true);
    expect(r.data).toMatchObject({ bound: true, person: { id: 'p-exp-agri-1', name: '王建国' }, primaryRole: 'expert' });
    expect(r.data.bindings).toEqual([
      expect.objectContaining({ role: 'expert', roleLabel: '服务站专家', scopeLabel: '益阳市农学会赫山服务站' }),
    ]);
  });
  it('tells an unknown OPENID that it is not bound (the app then asks for an invite code)', async () => {
    const r = await h.call('identity', 'me', {}, { openid: 'o-stranger' });
    expect(r).toEqual({ ok: true, data: { bound: false, person: null, bindings: [], primaryRole: null } });
  });
  it('ignores identity claims in the data: openid, _openid, userInfo and role fields change nothing', async () => {
    const r = await h.call(
      'identity',
      'me',
      { openid: 'local-p-city-staff', _openid: 'local-p-city-staff', userInfo: { openId: 'local-p-city-staff' }, role: 'cityStaff' },
      { openid: 'o-stranger' },
    );
    expect(r.ok).toBe(true);
    expect(r.data.bound).toBe(false);
  });
});

describe('the router answers every action with the error envelope', () => {
  const actions: Array<[string, unknown]> = [
    ['me', {}],
    ['createInvite', { role: 'expert', personId: 'p-newcomer', scope: scope({ stationId: 'st-agri-heshan' }) }],
    ['redeemInvite', { code: 'ABCDEFGH' }],
    ['listBindings', {}],
    ['revokeBinding', { bindingId: 'bd-demo-12', reason: '测试' }],
  ];
  it.each(actions)('%s without identity → AUTH.UNAUTHENTICATED and nothing written', async (action, data) => {
    const before = h.snapshot();
    const r = await h.call('identity', action, data, null);
    expect(r).toMatchObject({ ok: false, error: { code: 'AUTH.UNAUTHENTICATED' } });
    expect(r.error?.message).toMatch(/身份/);
    expect(h.snapshot()).toEqual(before);
  });
  it.each(actions.filter(([a]) => !['me', 'redeemInvite'].includes(a)))(
    '%s by an expert (wrong role) → AUTH.FORBIDDEN and nothing written',
    async (action, data) => {
      const before = h.snapshot();
      const r = await h.call('identity', action, data, 'p-exp-agri-1');
      expect(r).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
      expect(h.snapshot()).toEqual(before);
    },
  );
  it('an unbound caller on a staff action → AUTH.FORBIDDEN telling them to ask for an invite code', async () => {
    const r = await h.call('identity', 'listBindings', {}, { openid: 'o-stranger' });
    expect(r).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN', message: expect.stringContaining('邀请码') } });
  });
  it('malformed data → INPUT.INVALID with field paths, nothing written', async () => {
    const before = h.snapshot();
    const r = await h.call('identity', 'createInvite', { role: 'king', personId: '', scope: 'x', validHours: 1.5 }, 'p-city-staff');
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('INPUT.INVALID');
    const paths = r.error!.issues!.map((i) => i.path).sort();
    expect(paths).toEqual(expect.arrayContaining(['role', 'personId', 'scope', 'validHours']));
    expect(h.snapshot()).toEqual(before);
  });
  it('an unknown action → ACTION.UNKNOWN; a prototype key is not an action', async () => {
    expect((await h.call('identity', 'dropEverything', {}, 'p-city-staff')).error?.code).toBe('ACTION.UNKNOWN');
    expect((await h.call('identity', '__proto__', {}, 'p-city-staff')).error?.code).toBe('ACTION.UNKNOWN');
    expect((await h.call('identity', 'constructor', {}, 'p-city-staff')).error?.code).toBe('ACTION.UNKNOWN');
  });
});

describe('invites', () => {
  it('city staff invite a newcomer as an expert of a station; the newcomer redeems it and is bound', async () => {
    const inv = await h.call(
      'identity',
      'createInvite',
      { role: 'expert', personId: 'p-newcomer', scope: scope({ stationId: 'st-agri-heshan' }) },
      'p-city-staff',
    );
    expect(inv.ok).toBe(true);
    expect(inv.data.code).toMatch(/^[A-Z2-9]{8}$/);
    const r = await h.call('identity', 'redeemInvite', { code: inv.data.code.toLowerCase() }, { openid: 'o-newcomer' });
    expect(r.ok).toBe(true);
    expect(r.data).toMatchObject({ bound: true, person: { id: 'p-newcomer' }, primaryRole: 'expert' });
    const me = await h.call('identity', 'me', {}, { openid: 'o-newcomer' });
    expect(me.data.bindings[0]).toMatchObject({ role: 'expert', scope: { stationId: 'st-agri-heshan' } });
  });
  it('an invite is single-use: a second redemption, even by the same person, is refused', async () => {
    const inv = await h.call(
      'identity',
      'createInvite',
      { role: 'secretary', personId: 'p-newcomer', scope: scope({ societyId: 'soc-mech' }) },
      'p-city-staff',
    );
    expect((await h.call('identity', 'redeemInvite', { code: inv.data.code }, { openid: 'o-a' })).ok).toBe(true);
    const again = await h.call('identity', 'redeemInvite', { code: inv.data.code }, { openid: 'o-b' });
    expect(again.error?.code).toBe('INVITE.USED');
    expect((await h.call('identity', 'me', {}, { openid: 'o-b' })).data.bound).toBe(false);
  });
  it('concurrent redemptions of one code bind exactly one caller', async () => {
    const inv = await h.call(
      'identity',
      'createInvite',
      { role: 'secretary', personId: 'p-newcomer', scope: scope({ societyId: 'soc-mech' }) },
      'p-city-staff',
    );
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => h.call('identity', 'redeemInvite', { code: inv.data.code }, { openid: `o-${i}` })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => r.error?.code === 'INVITE.USED')).toHaveLength(9);
  });
  it.each([
    ['one second before expiry', 72 * 3600_000 - 1000, true],
    ['exactly at expiry', 72 * 3600_000, false],
  ])('redeeming %s', async (_label, advance, ok) => {
    const inv = await h.call(
      'identity',
      'createInvite',
      { role: 'secretary', personId: 'p-newcomer', scope: scope({ societyId: 'soc-mech' }), validHours: 72 },
      'p-city-staff',
    );
    h.clock.set(inv.data.expiresAt - 72 * 3600_000 + (advance as number));
    const r = await h.call('identity', 'redeemInvite', { code: inv.data.code }, { openid: 'o-late' });
    if (ok) expect(r.ok).toBe(true);
    else expect(r.error?.code).toBe('INVITE.EXPIRED');
  });
  it('an unknown code → INVITE.NOT_FOUND; a malformed one → INPUT.INVALID', async () => {
    expect((await h.call('identity', 'redeemInvite', { code: 'ZZZZZZZZ' }, { openid: 'o-x' })).error?.code).toBe('INVITE.NOT_FOUND');
    const bad = await h.call('identity', 'redeemInvite', { code: '12' }, { openid: 'o-x' });
    expect(bad.error).toMatchObject({ code: 'INPUT.INVALID', issues: [{ path: 'code', message: '邀请码为 8 位字母或数字' }] });
  });
  it('county staff may invite within their county only', async () => {
    const own = await h.call(
      'identity',
      'createInvite',
      { role: 'expert', personId: 'p-newcomer', scope: scope({ stationId: 'st-agri-heshan' }) },
      'p-heshan-staff',
    );
    expect(own.ok).toBe(true);
    const other = await h.call(
      'identity',
      'createInvite',
      { role: 'expert', personId: 'p-newcomer', scope: scope({ stationId: 'st-tea-taojiang' }) },
      'p-heshan-staff',
    );
    expect(other.error?.code).toBe('AUTH.FORBIDDEN');
  });
  it('county staff cannot create staff bindings', async () => {
    const r = await h.call(
      'identity',
      'createInvite',
      { role: 'cityStaff', personId: 'p-newcomer', scope: scope({ castUnitId: 'cast-yiyang' }) },
      'p-heshan-staff',
    );
    expect(r.error?.code).toBe('AUTH.FORBIDDEN');
  });
  it('an invite must name what the role is attached to', async () => {
    const r = await h.call('identity', 'createInvite', { role: 'expert', personId: 'p-newcomer', scope: scope({}) }, 'p-city-staff');
    expect(r.error).toMatchObject({ code: 'INPUT.INVALID', issues: [{ path: 'scope.stationId' }] });
  });
});

describe('bindings', () => {
  it('city staff list every binding; county staff only those in their county', async () => {
    const city = await h.call('identity', 'listBindings', {}, 'p-city-staff');
    const county = await h.call('identity', 'listBindings', {}, 'p-heshan-staff');
    expect(city.data.length).toBeGreaterThan(county.data.length);
    expect(county.data.map((b: { scopeLabel: string }) => b.scopeLabel)).not.toContain('湖南省茶叶学会桃江服务站');
    expect(county.data.map((b: { personId: string }) => b.personId)).toContain('p-exp-agri-1');
  });
  it('a revoked binding stops working at once, is audited, and cannot be revoked twice', async () => {
    const before = await h.call('identity', 'me', {}, 'p-exp-agri-1');
    const id = before.data.bindings[0].bindingId;
    const r = await h.call('identity', 'revokeBinding', { bindingId: id, reason: '专家调离' }, 'p-heshan-staff');
    expect(r.ok).toBe(true);
    expect((await h.call('identity', 'me', {}, 'p-exp-agri-1')).data.bound).toBe(false);
    expect((await h.call('identity', 'revokeBinding', { bindingId: id, reason: '再次' }, 'p-city-staff')).error?.code).toBe(
      'BINDING.ALREADY_REVOKED',
    );
    const audit = await h.deps.store.audit.forEntity('binding', id);
    expect(audit).toEqual([expect.objectContaining({ action: 'binding.revoke', actorId: 'p-heshan-staff', reason: '专家调离' })]);
  });
  it('county staff cannot revoke a binding in another county', async () => {
    const r = await h.call('identity', 'revokeBinding', { bindingId: 'bd-demo-17', reason: '越权' }, 'p-heshan-staff');
    expect(r.error?.code).toBe('AUTH.FORBIDDEN');
  });
});

describe('an expert invited to a station joins its team, and leaves it when revoked', () => {
  const invite = async () =>
    (
      await h.call(
        'identity',
        'createInvite',
        { role: 'expert', personId: 'p-newcomer', scope: scope({ stationId: 'st-agri-heshan' }) },
        'p-heshan-staff',
      )
    ).data.code as string;
  const log = (date: string) =>
    h.call('stations', 'logServiceDay', { requestId: `req-${date}-newcomer`, stationId: 'st-agri-heshan', date }, { openid: 'o-newcomer' });

  it('after redeeming, the newcomer is on the team and can log a day', async () => {
    expect((await h.deps.store.org.station('st-agri-heshan'))!.expertIds).not.toContain('p-newcomer');
    expect((await h.call('identity', 'redeemInvite', { code: await invite() }, { openid: 'o-newcomer' })).ok).toBe(true);
    expect((await h.deps.store.org.station('st-agri-heshan'))!.expertIds).toContain('p-newcomer');
    expect((await log('2026-11-18')).ok).toBe(true);
    const audit = await h.deps.store.audit.forEntity('station', 'st-agri-heshan');
    expect(audit.map((a) => a.action)).toContain('station.team.join');
  });
  it('revoking the only binding takes them off the team; a second phone keeps them on it', async () => {
    await h.call('identity', 'redeemInvite', { code: await invite() }, { openid: 'o-newcomer' });
    await h.call('identity', 'redeemInvite', { code: await invite() }, { openid: 'o-newcomer-phone2' });
    const bindings = (await h.call('identity', 'me', {}, { openid: 'o-newcomer' })).data.bindings;
    await h.call('identity', 'revokeBinding', { bindingId: bindings[0].bindingId, reason: '旧手机' }, 'p-heshan-staff');
    expect((await h.deps.store.org.station('st-agri-heshan'))!.expertIds).toContain('p-newcomer');
    const second = (await h.call('identity', 'me', {}, { openid: 'o-newcomer-phone2' })).data.bindings[0].bindingId;
    await h.call('identity', 'revokeBinding', { bindingId: second, reason: '专家调离' }, 'p-heshan-staff');
    expect((await h.deps.store.org.station('st-agri-heshan'))!.expertIds).not.toContain('p-newcomer');
    expect((await log('2026-11-17')).error?.code).toBe('AUTH.FORBIDDEN');
  });
});

describe('inviting a new person, and who may be invited', () => {
  it('staff invite someone new by name and mobile; the person is recorded with the invite and bound on redemption', async () => {
    const inv = await h.call(
      'identity',
      'createInvite',
      {
        role: 'secretary',
        newPerson: { name: '邓敏', mobile: '13907371234', title: '专职工作人员' },
        scope: scope({ societyId: 'soc-agri' }),
      },
      'p-heshan-staff',
    );
    expect(inv.ok).toBe(true);
    const person = await h.deps.store.org.person(inv.data.personId);
    expect(person).toMatchObject({ name: '邓敏', mobile: '13907371234', societyId: 'soc-agri' });
    const me = await h.call('identity', 'redeemInvite', { code: inv.data.code }, { openid: 'o-deng' });
    expect(me.data).toMatchObject({ bound: true, person: { name: '邓敏' }, primaryRole: 'secretary' });
  });
  it('names exactly one of an existing person or a new one', async () => {
    const both = await h.call(
      'identity',
      'createInvite',
      { role: 'reviewer', personId: 'p-newcomer', newPerson: { name: '甲' }, scope: scope({}) },
      'p-city-staff',
    );
    const neither = await h.call('identity', 'createInvite', { role: 'reviewer', scope: scope({}) }, 'p-city-staff');
    for (const r of [both, neither]) expect(r.error).toMatchObject({ code: 'INPUT.INVALID', issues: [{ path: 'personId' }] });
    const badMobile = await h.call(
      'identity',
      'createInvite',
      { role: 'reviewer', newPerson: { name: '甲', mobile: '123' }, scope: scope({}) },
      'p-city-staff',
    );
    expect(badMobile.error?.issues?.[0]?.path).toBe('newPerson.mobile');
  });
  it('county staff cannot hand out an identity held elsewhere (e.g. city staff or another county’s expert)', async () => {
    const before = h.snapshot();
    for (const personId of ['p-city-staff', 'p-exp-tea-1']) {
      const r = await h.call(
        'identity',
        'createInvite',
        { role: 'expert', personId, scope: scope({ stationId: 'st-agri-heshan' }) },
        'p-heshan-staff',
      );
      expect(r.error).toMatchObject({ code: 'AUTH.FORBIDDEN', message: expect.stringContaining('其他单位') });
    }
    expect(h.snapshot()).toEqual(before);
    // their own expert switching phones: allowed
    expect(
      (
        await h.call(
          'identity',
          'createInvite',
          { role: 'expert', personId: 'p-exp-agri-1', scope: scope({ stationId: 'st-agri-heshan' }) },
          'p-heshan-staff',
        )
      ).ok,
    ).toBe(true);
  });
});
