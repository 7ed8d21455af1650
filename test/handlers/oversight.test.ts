import { seedApplicationRounds } from '../../local/demo/applications';
import { programmes } from '../../shared/programmes';
import { type Harness, makeDeps } from '../support/handlers';
import { draftReady, passStages, rid, roundIdOf, seedTestUnits } from './applications-support';

/**
 * Issue 11, findings 1 and 9, through the real handlers (demo organisation: 赫山区 = cast-heshan with
 * st-agri-heshan / soc-agri / hu-heshan; 桃江县 = cast-taojiang with soc-tea / hu-taojiang-tea).
 */

let h: Harness;
beforeEach(async () => {
  h = await makeDeps({ seeders: [seedApplicationRounds, seedTestUnits] });
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
const HESHAN = 'p-heshan-staff';
const TAOJIANG = 'p-taojiang-staff';
const CITY = 'p-city-staff';
const invite = (role: string, s: ReturnType<typeof scope>, who: string, personId?: string) =>
  h.call(
    'identity',
    'createInvite',
    { role, scope: s, validHours: 72, ...(personId ? { personId } : { newPerson: { name: '新秘书长', title: '' } }) },
    who,
  );

describe('finding 1: an invite carries one coherent scope, every unit of it overseen by the inviter', () => {
  it.each([
    ['their station + 桃江’s society soc-tea', { stationId: 'st-agri-heshan', societyId: 'soc-tea' }],
    [
      'their society and station + 桃江’s host unit hu-taojiang-tea',
      { societyId: 'soc-agri', stationId: 'st-agri-heshan', hostUnitId: 'hu-taojiang-tea' },
    ],
    ['their society + 桃江’s host unit', { societyId: 'soc-agri', hostUnitId: 'hu-taojiang-tea' }],
  ])('赫山 staff minting a secretary invite mixing %s → INPUT.INVALID, nothing written', async (_name, s) => {
    const before = h.snapshot();
    const r = await invite('secretary', scope(s), HESHAN);
    expect(r).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    expect(r.error?.issues?.length).toBeGreaterThan(0);
    expect(h.snapshot()).toEqual(before);
  });

  it('赫山 staff cannot invite a secretary of 桃江’s society (coherent, but not theirs) → AUTH.FORBIDDEN', async () => {
    const r = await invite('secretary', scope({ societyId: 'soc-tea' }), HESHAN);
    expect(r).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
  });

  it('self-invite: 赫山 staff naming themselves with a mixed scope or a scope outside their county is refused', async () => {
    const before = h.snapshot();
    const mixed = await invite('secretary', scope({ stationId: 'st-agri-heshan', societyId: 'soc-tea' }), HESHAN, HESHAN);
    expect(mixed).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    const outside = await invite('secretary', scope({ societyId: 'soc-tea' }), HESHAN, HESHAN);
    expect(outside).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN', message: '不能为自己绑定所辖范围以外的身份' } });
    const host = await invite('hostContact', scope({ hostUnitId: 'hu-taojiang-tea', stationId: 'st-agri-heshan' }), HESHAN, HESHAN);
    expect(host).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    expect(h.snapshot()).toEqual(before);
  });

  it('still invites within the county: a secretary of soc-agri, an expert of st-agri-heshan', async () => {
    expect((await invite('secretary', scope({ societyId: 'soc-agri' }), HESHAN)).ok).toBe(true);
    expect((await invite('expert', scope({ stationId: 'st-agri-heshan' }), HESHAN)).ok).toBe(true);
  });

  it('a station named in a scope brings its society’s and host unit’s counties: a 赫山 society’s station in 桃江 is neither county’s alone', async () => {
    await h.deps.store.org.putStation({
      ...(await h.deps.store.org.station('st-tea-taojiang'))!,
      id: 'st-cross',
      name: '益阳市农学会桃江服务站',
      societyId: 'soc-agri',
      expertIds: [],
      staffIds: [],
    });
    for (const who of [HESHAN, TAOJIANG]) {
      expect(await invite('expert', scope({ stationId: 'st-cross' }), who)).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
    }
    const made = await invite('expert', scope({ stationId: 'st-cross' }), CITY);
    expect(made.ok).toBe(true);
    expect((await h.call('identity', 'redeemInvite', { code: made.data.code }, { openid: 'o-cross-expert' })).ok).toBe(true);
    // both counties it touches list it and may revoke it
    for (const who of [HESHAN, TAOJIANG]) {
      const rows = (await h.call('identity', 'listBindings', {}, who)).data as {
        bindingId: string;
        openid?: string;
        scope: { stationId: string };
      }[];
      expect([who, rows.some((b) => b.scope.stationId === 'st-cross')]).toEqual([who, true]);
    }
    const id = ((await h.call('identity', 'listBindings', {}, HESHAN)).data as { bindingId: string; scope: { stationId: string } }[]).find(
      (b) => b.scope.stationId === 'st-cross',
    )!.bindingId;
    expect(await h.call('identity', 'revokeBinding', { bindingId: id, reason: '调整' }, HESHAN)).toMatchObject({ ok: true });
  });

  it('a mixed binding stored before the fix: the other county’s staff list it and revoke it', async () => {
    // what the old createInvite let 赫山 staff mint and redeem
    await h.deps.store.identity.seedBinding({
      id: 'bd-legacy-mixed',
      openid: 'o-legacy-mixed',
      personId: 'p-newcomer',
      role: 'secretary',
      scope: scope({ stationId: 'st-agri-heshan', societyId: 'soc-tea' }),
      createdAt: Date.UTC(2026, 9, 1),
      createdBy: HESHAN,
      revokedAt: null,
      revokedBy: null,
    });
    const rows = (await h.call('identity', 'listBindings', {}, TAOJIANG)).data as { bindingId: string }[];
    expect(rows.map((b) => b.bindingId)).toContain('bd-legacy-mixed');
    const r = await h.call('identity', 'revokeBinding', { bindingId: 'bd-legacy-mixed', reason: '越权发放，撤销' }, TAOJIANG);
    expect(r).toMatchObject({ ok: true, data: { bindingId: 'bd-legacy-mixed' } });
  });
});

describe('finding 9: the talent office oversees only the programmes that give it a stage', () => {
  const CAP = programmes['yiyang-capacity-2018'];
  const ST = programmes['yiyang-station-2023'];
  const submitted = async (p: typeof CAP, kindId: string) => {
    const { applicationId, personId } = await draftReady(h, p, p.kinds.find((k) => k.id === kindId)!, 0);
    const r = await h.call('applications', 'submit', { applicationId, requestId: rid() }, personId);
    expect(r.ok).toBe(true);
    return applicationId as string;
  };

  it('a capacity application (no talent-office stage): get / exportForm / exportRound → AUTH.FORBIDDEN, not in its queue', async () => {
    const id = await submitted(CAP, 'demonstration');
    for (const [action, input] of [
      ['get', { applicationId: id }],
      ['exportForm', { applicationId: id }],
      ['exportRound', { roundId: roundIdOf(h, CAP.id) }],
    ] as const) {
      expect([action, await h.call('applications', action, input, 'p-talent')]).toMatchObject([
        action,
        { ok: false, error: { code: 'AUTH.FORBIDDEN' } },
      ]);
    }
    const queue = (await h.call('applications', 'queue', {}, 'p-talent')).data as { id: string }[];
    expect(queue.map((r) => r.id)).not.toContain(id);
    // the city still reads it
    expect((await h.call('applications', 'get', { applicationId: id }, CITY)).ok).toBe(true);
  });

  it('a station application (the talent office approves and awards): get / exportForm / exportRound allowed', async () => {
    const id = await submitted(ST, 'station');
    const view = await passStages(h, id, { stopAt: (s) => s.role === 'talentOffice' });
    expect(view.stageId).toBe('talent-office-approval');
    for (const [action, input] of [
      ['get', { applicationId: id }],
      ['exportForm', { applicationId: id }],
      ['exportRound', { roundId: roundIdOf(h, ST.id) }],
    ] as const) {
      expect([action, (await h.call('applications', action, input, 'p-talent')).ok]).toEqual([action, true]);
    }
    const queue = (await h.call('applications', 'queue', {}, 'p-talent')).data as { id: string; actionable: boolean }[];
    expect(queue.find((r) => r.id === id)?.actionable).toBe(true);
  });
});
