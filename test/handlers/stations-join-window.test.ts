import { type Harness, makeDeps } from '../support/handlers';

/**
 * The onboarding walk (2026-11-20): a station plaqued 2019-03-05 that went live in this system on 2026-11-01 (its
 * quarter runs 2026-09-05 … 2026-12-04), and an expert who joined its team today through an invite. What the
 * expert's home reads (stations.myProgress): the backfill window must not reach before go-live nor before the
 * day they joined, and their quarter's requirement is the pro-rata share of their membership (coverage.ts),
 * the same figure the staff dashboard and the station detail use.
 */
const TODAY = '2026-11-20';
let h: Harness;
let rid = 0;
const req = () => `req-join-window-${++rid}`;
beforeEach(async () => {
  h = await makeDeps({ now: `${TODAY}T10:00:00+08:00` });
});
afterEach(async () => {
  await h.close();
});

/** A station plaqued 2019-03-05, live since `goLive`, with five experts on its team since the plaque date. */
async function liveStation(goLive: string): Promise<string> {
  const saved = await h.call(
    'org',
    'saveStation',
    {
      requestId: req(),
      station: {
        name: '益阳市机械工程学会沅江服务站',
        programmeId: 'yiyang-station-2023',
        level: 'city',
        societyId: 'soc-mech',
        hostUnitId: 'hu-yuanjiang-machine',
        plaqueDate: '2019-03-05',
        goLiveDate: goLive,
      },
    },
    'p-city-staff',
  );
  expect(saved.ok).toBe(true);
  const team = await h.call(
    'org',
    'setTeam',
    {
      requestId: req(),
      stationId: saved.data.id,
      experts: [1, 2, 3, 4, 5].map((i) => ({ personId: `p-exp-agri-${i}`, from: '2019-03-05' })),
    },
    'p-city-staff',
  );
  expect(team.ok).toBe(true);
  return saved.data.id;
}

/** A newcomer invited to the station today redeems the code: they join the team today. */
async function joinToday(stationId: string, openid: string): Promise<void> {
  const inv = await h.call(
    'identity',
    'createInvite',
    { role: 'expert', newPerson: { name: '钱新来' }, scope: { stationId } },
    'p-city-staff',
  );
  expect(inv.ok).toBe(true);
  const r = await h.call('identity', 'redeemInvite', { code: inv.data.code }, { openid });
  expect(r.ok).toBe(true);
}

describe('an expert who joined today, on a station live since 2026-11-01', () => {
  it('the backfill window starts on the day they joined (not the quarter start 09-05, not go-live)', async () => {
    const id = await liveStation('2026-11-01');
    await joinToday(id, 'o-qian');
    const p = await h.call('stations', 'myProgress', { stationId: id }, { openid: 'o-qian' });
    expect(p.ok).toBe(true);
    expect(p.data.window).toMatchObject({ earliest: TODAY, latest: TODAY });
  });

  it('a team member since before go-live may backfill from go-live (2026-11-01), not from the quarter start 09-05', async () => {
    const id = await liveStation('2026-11-01');
    // p-exp-agri-1 is on the team since the plaque date (setTeam); an invite binds their WeChat to the station
    const inv = await h.call(
      'identity',
      'createInvite',
      { role: 'expert', personId: 'p-exp-agri-1', scope: { stationId: id } },
      'p-city-staff',
    );
    expect(inv.ok).toBe(true);
    expect((await h.call('identity', 'redeemInvite', { code: inv.data.code }, { openid: 'o-agri-1-new' })).ok).toBe(true);
    const p = await h.call('stations', 'myProgress', { stationId: id }, { openid: 'o-agri-1-new' });
    expect(p.ok).toBe(true);
    expect(p.data.window.earliest).toBe('2026-11-01');
  });

  it('their quarter asks the pro-rata share of the days they are a member: ⌈10 × 15 / 91⌉ = 2, as the station detail says', async () => {
    const id = await liveStation('2026-11-01');
    await joinToday(id, 'o-qian');
    const p = await h.call('stations', 'myProgress', { stationId: id }, { openid: 'o-qian' });
    expect(p.ok).toBe(true);
    // quarter 2026-09-05 … 2026-12-04 (91 days); member 2026-11-20 … 12-04 (15 days)
    expect(p.data.mine.quarter).toMatchObject({ start: '2026-09-05', end: '2026-12-04', required: 2 });
    const me = await h.call('identity', 'me', {}, { openid: 'o-qian' });
    const d = await h.call('reports', 'stationDetail', { stationId: id }, 'p-city-staff');
    expect(d.ok).toBe(true);
    const row = d.data.experts.find((x: any) => x.expertId === me.data.person.id);
    expect(row.quarters.find((q: any) => q.start === '2026-09-05').required).toBe(2);
  });
});
