import { localOpenidOf } from '../../local/demo/org';
import { programmes } from '../../shared/programmes';
import type { RoleBinding } from '../../shared/schemas/org';
import { type Harness, makeDeps } from '../support/handlers';

/**
 * The org function (issue 13): every save × every role, idempotency, isolation between two cities, and
 * the set-ups that were only possible by editing the demo seeder.
 */
let h: Harness;
let n = 0;
const rid = () => `org-test-${String(++n).padStart(6, '0')}`;
beforeEach(async () => {
  h = await makeDeps();
});
afterEach(async () => {
  await h.close();
});
const call = (action: string, data: unknown, who: string | { openid: string }) => h.call('org', action, data, who);
const ok = <T = any>(r: { ok: boolean; data?: T; error?: unknown }): T => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.data as T;
};
const TODAY = '2026-11-20';

// ───────────────────────── roles × entities ─────────────────────────

const roles = {
  city: 'p-city-staff',
  countyHere: 'p-heshan-staff',
  countyOther: 'p-taojiang-staff',
  talent: 'p-talent',
  secretary: 'p-sec-agri',
  expert: 'p-exp-agri-1',
  host: 'p-host-heshan',
  reviewer: 'p-reviewer-1',
} as const;
type RoleKey = keyof typeof roles;

/** Each action on a target in 赫山区 (or, for units, the unit itself), and the roles that may do it. */
const cases: Array<{ action: string; input: () => Record<string, unknown>; allow: RoleKey[] }> = [
  {
    action: 'saveCastUnit',
    input: () => ({ requestId: rid(), castUnit: { id: 'cast-heshan', name: '益阳市赫山区科协' } }),
    allow: ['city'],
  },
  { action: 'saveCastUnit', input: () => ({ requestId: rid(), castUnit: { name: '资阳区科协' } }), allow: ['city'] },
  {
    action: 'saveSociety',
    input: () => ({ requestId: rid(), society: { name: '赫山区蔬菜协会', level: 'county', castUnitId: 'cast-heshan' } }),
    allow: ['city', 'countyHere'],
  },
  {
    action: 'saveHostUnit',
    input: () => ({ requestId: rid(), hostUnit: { name: '赫山区某农业公司科协', kind: 'enterprise_cast', castUnitId: 'cast-heshan' } }),
    allow: ['city', 'countyHere'],
  },
  {
    action: 'saveStation',
    input: () => ({
      requestId: rid(),
      station: {
        name: '益阳市农学会赫山第二服务站',
        programmeId: 'yiyang-station-2023',
        level: 'city',
        societyId: 'soc-agri',
        hostUnitId: 'hu-heshan',
        plaqueDate: '2024-06-01',
      },
    }),
    allow: ['city'],
  },
  {
    action: 'setTeam',
    input: () => ({ requestId: rid(), stationId: 'st-agri-heshan', experts: [1, 2, 3, 4].map((i) => ({ personId: `p-exp-agri-${i}` })) }),
    allow: ['city', 'countyHere'],
  },
  {
    action: 'savePerson',
    input: () => ({
      requestId: rid(),
      person: { name: '新专家', mobile: '13900001111', societyId: 'soc-agri', castUnitId: 'cast-heshan' },
    }),
    allow: ['city', 'countyHere'],
  },
  {
    action: 'saveRound',
    input: () => ({
      requestId: rid(),
      round: { programmeId: 'yiyang-station-2023', year: 2027, opensOn: '2027-03-01', closesOn: '2027-04-30' },
    }),
    allow: ['city'],
  },
  {
    action: 'deactivate',
    input: () => ({ requestId: rid(), entity: 'society', id: 'soc-agri', reason: '学会已合并' }),
    allow: ['city', 'countyHere'],
  },
  { action: 'deactivate', input: () => ({ requestId: rid(), entity: 'station', id: 'st-agri-heshan', reason: '已摘牌' }), allow: ['city'] },
];

describe.each(cases.map((c) => [`${c.action} ${JSON.stringify(c.input()).slice(0, 70)}`, c] as const))('%s', (_name, c) => {
  it.each(Object.keys(roles) as RoleKey[])('as %s', async (role) => {
    const before = h.snapshot();
    const r = await call(c.action, c.input(), roles[role]);
    if (c.allow.includes(role)) {
      expect(r.error).toBeUndefined();
      expect(r.data).toMatchObject({ changed: true });
    } else {
      expect(r.error?.code).toBe('AUTH.FORBIDDEN');
      expect(h.snapshot()).toEqual(before);
    }
  });
});

describe('listUnits: every staff role reads what it oversees; no one else reads', () => {
  it.each(Object.keys(roles) as RoleKey[])('as %s', async (role) => {
    const r = await call('listUnits', { kind: 'station' }, roles[role]);
    const names = (r.data?.items ?? []).map((s: { id: string }) => s.id).sort();
    if (role === 'city' || role === 'talent') expect(names).toEqual(['st-agri-heshan', 'st-tea-taojiang']);
    else if (role === 'countyHere') expect(names).toEqual(['st-agri-heshan']);
    else if (role === 'countyOther') expect(names).toEqual(['st-tea-taojiang']);
    else expect(r.error?.code).toBe('AUTH.FORBIDDEN');
  });
  it('persons: masked mobiles, paged by name with every match counted', async () => {
    ok(
      await call('savePerson', { requestId: rid(), person: { name: '甲专家', mobile: '13912345678', societyId: 'soc-agri' } }, roles.city),
    );
    const all = ok(await call('listUnits', { kind: 'person', limit: 200 }, roles.city));
    const p = all.items.find((x: { name: string }) => x.name === '甲专家');
    expect(p.mobile).toBe('139****5678');
    expect(JSON.stringify(all)).not.toContain('13912345678');
    const pages: string[] = [];
    for (let offset: number | null = 0; offset !== null; ) {
      const page: { items: { id: string }[]; nextOffset: number | null; total: number } = ok(
        await call('listUnits', { kind: 'person', limit: 7, offset }, roles.city),
      );
      expect(page.total).toBe(all.total);
      pages.push(...page.items.map((x) => x.id));
      offset = page.nextOffset;
    }
    expect(pages).toEqual(all.items.map((x: { id: string }) => x.id));
    expect(new Set(pages).size).toBe(all.total);
  });
});

// ───────────────────────── idempotency, audit, validation ─────────────────────────

describe('saves', () => {
  it('the same request id twice: one write, one audit event, the same answer', async () => {
    const input = { requestId: rid(), society: { name: '益阳市园艺学会', level: 'city' } };
    const a = ok(await call('saveSociety', input, roles.city));
    const after = h.snapshot();
    const b = ok(await call('saveSociety', input, roles.city));
    expect(b).toEqual(a);
    expect(h.snapshot()).toEqual(after);
    const events = await h.deps.store.audit.forEntity('society', a.id, 'all');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'society.create', actorId: 'p-city-staff', before: null, after: { name: '益阳市园艺学会' } });
    // only name and level given: the cast unit is the caller's city
    expect(await h.deps.store.org.society(a.id)).toMatchObject({ castUnitId: 'cast-yiyang', level: 'city' });
  });

  it('an update is audited with before and after; saving it unchanged writes nothing', async () => {
    const r = ok(
      await call(
        'saveSociety',
        { requestId: rid(), society: { id: 'soc-agri', name: '益阳市农学会', level: 'city', creditCode: '51430900MJ0000001X' } },
        roles.city,
      ),
    );
    expect(r).toEqual({ id: 'soc-agri', created: false, changed: true });
    const ev = (await h.deps.store.audit.forEntity('society', 'soc-agri', 'all')).at(-1)!;
    expect(ev).toMatchObject({ action: 'society.update', before: { name: '益阳市农学会' }, after: { creditCode: '51430900MJ0000001X' } });
    expect((ev.before as Record<string, unknown>).creditCode).toBeUndefined();
    const snap = h.snapshot();
    expect(
      ok(await call('saveSociety', { requestId: rid(), society: { id: 'soc-agri', name: '益阳市农学会', level: 'city' } }, roles.city)),
    ).toEqual({
      id: 'soc-agri',
      created: false,
      changed: false,
    });
    expect(h.snapshot()).toEqual(snap);
  });

  it('refuses a duplicate by name (spaces and full-width aside) or by credit code, a missing reference and a bad code', async () => {
    const dup = await call(
      'saveSociety',
      { requestId: rid(), society: { name: '益阳市 农学会', level: 'city', castUnitId: 'cast-heshan' } },
      roles.city,
    );
    expect(dup.error).toMatchObject({ code: 'INPUT.INVALID', issues: [{ path: 'society.name' }] });
    ok(
      await call(
        'saveHostUnit',
        { requestId: rid(), hostUnit: { name: '甲公司科协', kind: 'enterprise_cast', creditCode: '91430900MA4L000001' } },
        roles.city,
      ),
    );
    const byCode = await call(
      'saveHostUnit',
      { requestId: rid(), hostUnit: { name: '乙公司科协', kind: 'enterprise_cast', creditCode: '91430900ma4l000001' } },
      roles.city,
    );
    expect(byCode.error).toMatchObject({ code: 'INPUT.INVALID', issues: [{ path: 'hostUnit.creditCode' }] });
    const bad = await call('saveSociety', { requestId: rid(), society: { name: '丙学会', level: 'city', creditCode: '123' } }, roles.city);
    expect(bad.error?.issues?.[0]?.path).toBe('society.creditCode');
    const noSoc = await call(
      'saveStation',
      {
        requestId: rid(),
        station: {
          name: '某站',
          programmeId: 'yiyang-station-2023',
          level: 'city',
          societyId: 'soc-none',
          hostUnitId: 'hu-heshan',
          plaqueDate: '2024-01-01',
        },
      },
      roles.city,
    );
    expect(noSoc.error).toMatchObject({ code: 'INPUT.INVALID', issues: [{ path: 'station.societyId' }] });
  });

  it('deactivate keeps the record (marked), hides it from lists, and restore brings it back', async () => {
    ok(await call('deactivate', { requestId: rid(), entity: 'hostUnit', id: 'hu-yuanjiang-machine', reason: '企业注销' }, roles.city));
    expect((await h.deps.store.org.hostUnit('hu-yuanjiang-machine'))?.deactivatedAt).toEqual(expect.any(Number));
    const ids = async (includeInactive: boolean) =>
      ok(await call('listUnits', { kind: 'hostUnit', includeInactive }, roles.city)).items.map((x: { id: string }) => x.id);
    expect(await ids(false)).not.toContain('hu-yuanjiang-machine');
    expect(await ids(true)).toContain('hu-yuanjiang-machine');
    ok(
      await call(
        'deactivate',
        { requestId: rid(), entity: 'hostUnit', id: 'hu-yuanjiang-machine', reason: '恢复', restore: true },
        roles.city,
      ),
    );
    expect(await ids(false)).toContain('hu-yuanjiang-machine');
  });
});

// ───────────────────────── teams ─────────────────────────

describe('setTeam: membership history, expertIds derived', () => {
  it('a leaver’s period is closed (not deleted), a newcomer’s opened; expertIds follow; the leaver can no longer log', async () => {
    ok(
      await call(
        'savePerson',
        { requestId: rid(), person: { id: 'p-newcomer', name: '孙悦', societyId: 'soc-mech', castUnitId: 'cast-heshan' } },
        roles.city,
      ),
    );
    const r = ok(
      await call(
        'setTeam',
        {
          requestId: rid(),
          stationId: 'st-agri-heshan',
          experts: [...[1, 2, 3, 4].map((i) => ({ personId: `p-exp-agri-${i}` })), { personId: 'p-newcomer', from: '2026-11-01' }],
          leftOn: '2026-11-15',
        },
        roles.countyHere,
      ),
    );
    expect(r.expertIds).toEqual(['p-exp-agri-1', 'p-exp-agri-2', 'p-exp-agri-3', 'p-exp-agri-4', 'p-newcomer']);
    const st = (await h.deps.store.org.station('st-agri-heshan'))!;
    expect(st.expertIds).toEqual(r.expertIds);
    expect(st.team).toEqual(
      expect.arrayContaining([
        { personId: 'p-exp-agri-5', from: '2025-12-26', to: '2026-11-15' },
        { personId: 'p-newcomer', from: '2026-11-01', to: null },
      ]),
    );
    const logged = await h.call(
      'stations',
      'logServiceDay',
      { requestId: rid(), stationId: 'st-agri-heshan', date: TODAY, note: '' },
      'p-exp-agri-5',
    );
    expect(logged.error?.code).toBe('STATION.NOT_MEMBER');
    // the same team again changes nothing; a return later opens a second period
    const snap = h.snapshot();
    const same = ok(
      await call(
        'setTeam',
        {
          requestId: rid(),
          stationId: 'st-agri-heshan',
          experts: st.team!.filter((m) => m.to === null).map(({ personId, from }) => ({ personId, from })),
        },
        roles.city,
      ),
    );
    expect(same.changed).toBe(false);
    expect(h.snapshot()).toEqual(snap);
    h.clock.advance(3 * 86_400_000);
    ok(
      await call(
        'setTeam',
        {
          requestId: rid(),
          stationId: 'st-agri-heshan',
          experts: [...r.expertIds.map((personId: string) => ({ personId })), { personId: 'p-exp-agri-5' }],
        },
        roles.city,
      ),
    );
    const periods = (await h.deps.store.org.station('st-agri-heshan'))!.team!.filter((m) => m.personId === 'p-exp-agri-5');
    expect(periods).toEqual([
      { personId: 'p-exp-agri-5', from: '2025-12-26', to: '2026-11-15' },
      { personId: 'p-exp-agri-5', from: '2026-11-23', to: null },
    ]);
  });

  it('after setTeam, an expert joining by invite opens a period and a revoked one closes it (expertIds still derived)', async () => {
    ok(
      await call(
        'setTeam',
        { requestId: rid(), stationId: 'st-agri-heshan', experts: [1, 2, 3, 4, 5].map((i) => ({ personId: `p-exp-agri-${i}` })) },
        roles.city,
      ),
    );
    const scope = { societyId: null, stationId: 'st-agri-heshan', hostUnitId: null, castUnitId: null };
    const inv = ok(
      await h.call('identity', 'createInvite', { role: 'expert', newPerson: { name: '新专家', title: '' }, scope }, roles.city),
    );
    ok(await h.call('identity', 'redeemInvite', { code: inv.code }, { openid: 'o-new-expert' }));
    let st = (await h.deps.store.org.station('st-agri-heshan'))!;
    expect(st.team).toContainEqual({ personId: inv.personId, from: TODAY, to: null });
    expect(st.expertIds).toContain(inv.personId);
    const binding = (await h.deps.store.identity.allBindings()).find((b) => b.personId === 'p-exp-agri-2')!;
    ok(await h.call('identity', 'revokeBinding', { bindingId: binding.id, reason: '调离' }, roles.city));
    st = (await h.deps.store.org.station('st-agri-heshan'))!;
    expect(st.team).toContainEqual({ personId: 'p-exp-agri-2', from: '2025-12-26', to: TODAY });
    expect(st.expertIds).not.toContain('p-exp-agri-2');
  });

  it('refuses future dates, an end before a start, overlapping periods and persons outside the caller’s units', async () => {
    const bad = await call(
      'setTeam',
      {
        requestId: rid(),
        stationId: 'st-agri-heshan',
        experts: [
          { personId: 'p-exp-agri-1', from: '2027-01-01' },
          { personId: 'p-exp-agri-2', from: '2026-01-10', to: '2026-01-01' },
        ],
      },
      roles.city,
    );
    expect(bad.error?.issues?.map((i) => i.path)).toEqual(['experts.0.from', 'experts.1.to']);
    const foreign = await call(
      'setTeam',
      { requestId: rid(), stationId: 'st-agri-heshan', experts: [{ personId: 'p-exp-tea-1' }] },
      roles.countyHere,
    );
    expect(foreign.error).toMatchObject({
      code: 'INPUT.INVALID',
      issues: [{ path: 'experts.0.personId', message: '该人员不在您的管辖范围内' }],
    });
  });
});

// ───────────────────────── the cases the issue names ─────────────────────────

describe('set-ups that needed the demo seeder', () => {
  it('a national society’s station, entered as it is (plaque date, term, go-live date, team)', async () => {
    const soc = ok(await call('saveSociety', { requestId: rid(), society: { name: '中国茶叶学会', level: 'national' } }, roles.city));
    const hu = ok(
      await call(
        'saveHostUnit',
        { requestId: rid(), hostUnit: { name: '安化黑茶集团科协', kind: 'enterprise_cast', castUnitId: 'cast-taojiang' } },
        roles.city,
      ),
    );
    const st = ok(
      await call(
        'saveStation',
        {
          requestId: rid(),
          station: {
            name: '中国茶叶学会安化服务站',
            programmeId: 'yiyang-station-2023',
            level: 'national',
            societyId: soc.id,
            hostUnitId: hu.id,
            industryField: '生态绿色食品',
            plaqueDate: '2024-05-20',
            termYears: 2,
            goLiveDate: '2026-12-01',
          },
        },
        roles.city,
      ),
    );
    expect(await h.deps.store.org.station(st.id)).toMatchObject({
      level: 'national',
      castUnitId: 'cast-taojiang',
      plaqueDate: '2024-05-20',
      goLiveDate: '2026-12-01',
      status: 'active',
      expertIds: [],
      team: [],
    });
    expect(await h.deps.store.org.society(soc.id)).toMatchObject({ level: 'national', castUnitId: 'cast-yiyang' });
    // the county it lies in sees it; a go-live date before the plaque is refused
    expect(ok(await call('listUnits', { kind: 'station' }, roles.countyOther)).items.map((s: { id: string }) => s.id)).toContain(st.id);
    const early = await call(
      'saveStation',
      {
        requestId: rid(),
        station: {
          id: st.id,
          name: '中国茶叶学会安化服务站',
          programmeId: 'yiyang-station-2023',
          level: 'national',
          societyId: soc.id,
          hostUnitId: hu.id,
          plaqueDate: '2024-05-20',
          goLiveDate: '2024-01-01',
        },
      },
      roles.city,
    );
    expect(early.error?.issues?.[0]?.path).toBe('station.goLiveDate');
  });

  it('a host unit with a funded expert workstation, its map location and check-in radius', async () => {
    const hu = ok(
      await call(
        'saveHostUnit',
        {
          requestId: rid(),
          hostUnit: {
            name: '益阳橡胶塑料机械集团科协',
            kind: 'enterprise_cast',
            castUnitId: 'cast-heshan',
            address: '益阳市赫山区龙岭工业园',
            location: { lat: 28.55, lng: 112.36, radiusM: 800 },
            hasFundedExpertWorkstation: true,
          },
        },
        roles.countyHere,
      ),
    );
    expect(await h.deps.store.org.hostUnit(hu.id)).toMatchObject({
      hasFundedExpertWorkstation: true,
      location: { lat: 28.55, lng: 112.36, radiusM: 800 },
      castUnitId: 'cast-heshan',
    });
  });

  it('a round opened through saveRound: one per programme and year; the limits the policy leaves to a round must be set, the fixed ones cannot', async () => {
    const p = programmes['yiyang-capacity-2018'];
    const open = p.limits.filter((l) => l.type === 'perRound' && l.max === null).map((l) => l.id);
    const round = { programmeId: p.id, year: 2027, opensOn: '2027-03-01', closesOn: '2027-04-30', limits: {} as Record<string, number> };
    if (open.length > 0) {
      const missing = await call('saveRound', { requestId: rid(), round }, roles.city);
      expect(missing.error?.issues?.map((i) => i.path)).toEqual(open.map((id) => `round.limits.${id}`));
    }
    const saved = ok(
      await call('saveRound', { requestId: rid(), round: { ...round, limits: Object.fromEntries(open.map((id) => [id, 8])) } }, roles.city),
    );
    expect(saved).toEqual({ id: `round-${p.id}-2027`, created: true, changed: true });
    expect(await h.deps.store.applications.round(saved.id)).toMatchObject({
      castUnitId: 'cast-yiyang',
      year: 2027,
      quotas: Object.fromEntries(open.map((id) => [id, 8])),
    });
    const fixed = await call(
      'saveRound',
      {
        requestId: rid(),
        round: {
          programmeId: 'yiyang-station-2023',
          year: 2027,
          opensOn: '2027-03-01',
          closesOn: '2027-04-30',
          limits: { 'city-per-round': 6 },
        },
      },
      roles.city,
    );
    expect(fixed.error).toMatchObject({
      code: 'INPUT.INVALID',
      issues: [{ path: 'round.limits.city-per-round', message: '该上限由政策规定，不能按批次修改' }],
    });
    // applicants see it
    const rounds = ok(await h.call('applications', 'rounds', {}, 'p-sec-agri'));
    expect(JSON.stringify(rounds)).toContain(saved.id);
    // …with its year and the numbers it set, which the staff rounds page edits (never retyped from blank)
    expect(rounds.find((r: { id: string }) => r.id === saved.id)).toMatchObject({
      year: 2027,
      quotas: Object.fromEntries(open.map((id) => [id, 8])),
    });
  });
});

// ───────────────────────── a second city ─────────────────────────

/** A tiny second city (this test only): a city, a county, a society, a host unit, a station, its staff. */
async function seedSecondCity() {
  const org = h.deps.store.org;
  await org.putCastUnit({ id: 'cast-cd', name: '常德市科协', kind: 'city', parentId: null });
  await org.putCastUnit({ id: 'cast-cd-wl', name: '武陵区科协', kind: 'county', parentId: 'cast-cd' });
  await org.putSociety({ id: 'soc-cd', name: '常德市农学会', level: 'city', castUnitId: 'cast-cd' });
  await org.putHostUnit({
    id: 'hu-cd',
    name: '武陵区科协',
    kind: 'city_county_cast',
    castUnitId: 'cast-cd-wl',
    address: '',
    location: null,
    hasFundedExpertWorkstation: false,
  });
  await org.putPerson({ id: 'p-cd-staff', name: '常德工作人员', title: '', societyId: null, hostUnitId: null, castUnitId: 'cast-cd' });
  await org.putPerson({ id: 'p-cd-exp', name: '常德专家', title: '', societyId: 'soc-cd', hostUnitId: null });
  await org.putStation({
    id: 'st-cd',
    name: '常德市农学会武陵服务站',
    programmeId: 'yiyang-station-2023',
    level: 'city',
    societyId: 'soc-cd',
    hostUnitId: 'hu-cd',
    castUnitId: 'cast-cd-wl',
    industryField: '现代农业',
    plaqueDate: '2025-06-01',
    termYears: 2,
    agreementItems: [],
    expertIds: ['p-cd-exp'],
    staffIds: [],
    status: 'active',
    applicationId: null,
  });
  const b: RoleBinding = {
    id: 'bd-cd-staff',
    openid: localOpenidOf('p-cd-staff'),
    personId: 'p-cd-staff',
    role: 'cityStaff',
    scope: { societyId: null, stationId: null, hostUnitId: null, castUnitId: 'cast-cd' },
    createdAt: 0,
    createdBy: 'p-cd-staff',
    revokedAt: null,
    revokedBy: null,
  };
  await h.deps.store.identity.seedBinding(b);
}

describe('two cities: neither city’s staff reads or writes the other’s units', () => {
  const first = { castUnit: 'cast-heshan', society: 'soc-agri', hostUnit: 'hu-heshan', station: 'st-agri-heshan', person: 'p-exp-agri-1' };
  const second = { castUnit: 'cast-cd-wl', society: 'soc-cd', hostUnit: 'hu-cd', station: 'st-cd', person: 'p-cd-exp' };
  const kinds = ['castUnit', 'society', 'hostUnit', 'station', 'person'] as const;

  it.each([
    ['p-cd-staff', first, second],
    ['p-city-staff', second, first],
  ] as const)('%s lists its own city only, for every kind', async (who, other, own) => {
    await seedSecondCity();
    for (const kind of kinds) {
      const items = ok(await call('listUnits', { kind, limit: 200, includeInactive: true }, who)).items.map((x: { id: string }) => x.id);
      expect([kind, items.includes(other[kind])]).toEqual([kind, false]);
      expect([kind, items.includes(own[kind])]).toEqual([kind, true]);
    }
    expect((await call('listUnits', { kind: 'society', castUnitId: other.castUnit }, who)).error?.code).toBe('AUTH.FORBIDDEN');
  });

  it.each([
    ['p-cd-staff', first, 'cast-yiyang'],
    ['p-city-staff', second, 'cast-cd'],
  ] as const)('%s cannot write any of the other city’s units (nothing written)', async (who, other, otherCity) => {
    await seedSecondCity();
    const attempts: Array<[string, Record<string, unknown>]> = [
      ['saveCastUnit', { castUnit: { id: other.castUnit, name: '改名' } }],
      ['saveCastUnit', { castUnit: { name: '新区科协', parentId: otherCity } }],
      ['saveSociety', { society: { id: other.society, name: '改名学会', level: 'city' } }],
      ['saveSociety', { society: { name: '新学会', level: 'city', castUnitId: other.castUnit } }],
      ['saveHostUnit', { hostUnit: { id: other.hostUnit, name: '改名单位', kind: 'enterprise_cast' } }],
      [
        'saveStation',
        {
          station: {
            id: other.station,
            name: '改名站',
            programmeId: 'yiyang-station-2023',
            level: 'city',
            societyId: other.society,
            hostUnitId: other.hostUnit,
            plaqueDate: '2025-06-01',
          },
        },
      ],
      ['setTeam', { stationId: other.station, experts: [] }],
      ['savePerson', { person: { id: other.person, name: '改名' } }],
      ['deactivate', { entity: 'station', id: other.station, reason: '试图停用' }],
      ['deactivate', { entity: 'person', id: other.person, reason: '试图停用' }],
    ];
    for (const [action, data] of attempts) {
      const before = h.snapshot();
      const r = await call(action, { requestId: rid(), ...data }, who);
      expect([action, r.error?.code]).toEqual([action, 'AUTH.FORBIDDEN']);
      expect(h.snapshot()).toEqual(before);
    }
  });
});
