import { societyQuotaId } from '../../cloudfunctions/_kernel/store/applications';
import { getProgramme } from '../../shared/programmes';
import { limitCounts } from '../../shared/rules/limits';
import type { StationRecord } from '../../shared/schemas/records';
import { type Harness, makeDeps } from '../support/handlers';
import { agreement, day, research, simple, training, workingDaysFrom, write } from './reports-fixtures';

/**
 * A city that already has history (issue 13, item 6) and issue 14's station-assessment decision, through the
 * real `org` and `reports` functions on the SQLite host: go-live dates, prior-year results, team membership
 * dates in the assessment, and awards imported at their stage. Today is 2026-11-29 (a Sunday).
 */
const TODAY = '2026-11-29';
let h: Harness;
let rid = 0;
const req = () => `req-history-${++rid}`;
beforeEach(async () => {
  h = await makeDeps({ now: `${TODAY}T10:00:00+08:00` });
});
afterEach(async () => {
  await h.close();
});

/** A station plaqued on 2023-03-01, entered today (go-live today unless `goLive` says otherwise), with a five-expert team. */
async function importedStation(goLive: string | null = TODAY): Promise<string> {
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
        plaqueDate: '2023-03-01',
        ...(goLive ? { goLiveDate: goLive } : {}),
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
      experts: [1, 2, 3, 4, 5].map((i) => ({ personId: `p-exp-agri-${i}`, from: '2023-03-01' })),
    },
    'p-city-staff',
  );
  expect(team.ok).toBe(true);
  return saved.data.id;
}

const dashboardRow = async (id: string) =>
  (await h.call('reports', 'dashboard', { limit: 200 }, 'p-city-staff')).data.rows.find((r: any) => r.stationId === id);

describe('go-live: a station imported today with a 2023 plaque date is not failed for 2023–2026', () => {
  it('dashboard: not red, nothing failed; the same station without a go-live date is red (the rule makes the difference)', async () => {
    // entered today with no go-live date: a past plaque date means it goes live today (coverage.ts defaultGoLiveDate)
    const id = await importedStation(null);
    expect((await h.deps.store.org.station(id))!.goLiveDate).toBe(TODAY);
    const row = await dashboardRow(id);
    // plaque mode: year 4 = 2026-03-01 … 2027-02-28; Q1–Q2 before go-live, Q3 (to 11-30) from today on
    expect(row.yearIndex).toBe(4);
    expect(row.risk).not.toBe('red');
    expect(row.clauses.every((c: any) => c.status !== 'failed')).toBe(true);
    expect(row.riskReasons.join('；')).not.toMatch(/未达到/);

    // clearing the go-live date (null) makes the same station assessed from its plaque date: failed quarters
    await h.call(
      'org',
      'saveStation',
      {
        requestId: req(),
        station: {
          id,
          name: '益阳市机械工程学会沅江服务站',
          programmeId: 'yiyang-station-2023',
          level: 'city',
          societyId: 'soc-mech',
          hostUnitId: 'hu-yuanjiang-machine',
          plaqueDate: '2023-03-01',
          goLiveDate: null,
        },
      },
      'p-city-staff',
    );
    const without = await dashboardRow(id);
    expect(without.risk).toBe('red');
    expect(without.riskReasons.join('；')).toMatch(/未达到：第十二条（二）/);
  });

  it('the yearly assessment skips the years before go-live as 上线前，未纳入考核, and the station page says so', async () => {
    const id = await importedStation();
    for (const k of [1, 2, 3]) {
      const r = await h.call('reports', 'runAssessment', { requestId: req(), yearIndex: k, stationIds: [id] }, 'p-city-staff');
      expect(r.data.computed).toBe(0);
      expect(r.data.skipped).toEqual([expect.objectContaining({ stationId: id, reason: expect.stringMatching(/上线前，未纳入考核/) })]);
    }
    const d = await h.call('reports', 'stationDetail', { stationId: id, yearIndex: 2 }, 'p-city-staff');
    expect(d.data.history).toMatchObject({ goLiveDate: TODAY, plaquedBefore: true, beforeGoLive: true, priorResult: null });
    expect(d.data.risk).toBe('green');
    expect(d.data.riskReasons).toEqual(['上线前，未纳入考核']);
    expect(d.data.funding).toMatchObject({ amountYuan: 0, reason: '上线前，未纳入考核' });
    const current = await h.call('reports', 'stationDetail', { stationId: id }, 'p-city-staff');
    expect(current.data.history.beforeGoLive).toBe(false);
    // Q1 and Q2 of year 4 are not assessed for anyone; Q3 from go-live (2 of 91 days → 1 day)
    const q = current.data.experts[0].quarters;
    expect(q.map((x: any) => x.required)).toEqual([0, 0, 1, 10]);
    expect(q.every((x: any) => x.status !== 'failed')).toBe(true);
  });
});

describe('prior-year results (org.savePriorResult)', () => {
  it('entered with its source, audited, idempotent; the yearly assessment uses it for a year before go-live', async () => {
    const id = await importedStation();
    const input = { stationId: id, result: { year: 2024, grade: '合格', score: 86, days: 52, source: '2024 年度考核通报' } };
    const first = await h.call('org', 'savePriorResult', { requestId: req(), ...input }, 'p-city-staff');
    // the assessment year that ends in 2024: year 1 (2023-03-01 … 2024-02-29)
    expect(first.data).toMatchObject({ id, changed: true, yearIndex: 1 });
    const again = await h.call('org', 'savePriorResult', { requestId: req(), ...input }, 'p-city-staff');
    expect(again.data).toMatchObject({ changed: false });
    const audit = (await h.deps.store.audit.forEntity('station', id)).filter((e) => e.action === 'station.priorResult');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: 'p-city-staff', reason: '2024 年度考核通报' });
    expect(audit[0]!.after).toMatchObject({
      priorResults: [{ yearIndex: 1, year: 2024, grade: '合格', score: 86, days: 52, enteredBy: 'p-city-staff' }],
    });

    const run = await h.call('reports', 'runAssessment', { requestId: req(), yearIndex: 1, stationIds: [id] }, 'p-city-staff');
    expect(run.data.computed).toBe(1);
    const a = (await h.call('reports', 'listAssessments', { yearIndex: 1 }, 'p-city-staff')).data.items.find(
      (x: any) => x.stationId === id,
    );
    expect(a).toMatchObject({ grade: '合格', score: 86, passed: true, funding: { amountYuan: 50_000 } });
    expect(a.computed.gradeReason).toMatch(/依据往年考核结果：2024 年度考核通报/);

    const page = await h.call('reports', 'stationDetail', { stationId: id, yearIndex: 1 }, 'p-city-staff');
    expect(page.data.history.priorResult).toMatchObject({ year: 2024, grade: '合格', source: '2024 年度考核通报', start: '2023-03-01' });
  });

  it('refused for a year from go-live on, and for a county or an expert', async () => {
    const id = await importedStation();
    const late = await h.call(
      'org',
      'savePriorResult',
      { requestId: req(), stationId: id, result: { year: 2027, grade: '优秀', source: '2027 年度考核通报' } },
      'p-city-staff',
    );
    expect(late.error?.code).toBe('INPUT.INVALID');
    expect(late.error?.issues?.[0]).toMatchObject({ path: 'result.year', message: expect.stringMatching(/按系统记录考核/) });
    for (const who of ['p-heshan-staff', 'p-exp-agri-1']) {
      const r = await h.call(
        'org',
        'savePriorResult',
        { requestId: req(), stationId: id, result: { year: 2024, grade: '合格', source: '通报' } },
        who,
      );
      expect(r.error?.code).toBe('AUTH.FORBIDDEN');
    }
  });
});

describe('team membership dates in the assessment (st-tea-taojiang, year 1 = 2025-10-15 … 2026-10-14)', () => {
  const TEA = 'st-tea-taojiang';
  const experts = [1, 2, 3, 4, 5].map((i) => `p-exp-tea-${i}`);
  const quarters = ['2025-10-20', '2026-01-19', '2026-04-20', '2026-07-20'];
  const others = (): StationRecord[] => [
    research(TEA, experts[0]!, '2026-01-10', '调研报告'),
    research(TEA, experts[1]!, '2026-05-10', '调研报告二'),
    training(TEA, experts[2]!, '2026-03-10', 60),
    training(TEA, experts[3]!, '2026-03-12', 55),
    simple('tackling', TEA, experts[0]!, '2026-02-10'),
    simple('problem', TEA, experts[1]!, '2026-03-11'),
    simple('problem', TEA, experts[2]!, '2026-04-11'),
    simple('achievement', TEA, experts[3]!, '2026-03-13'),
    simple('achievement', TEA, experts[0]!, '2026-06-11'),
    agreement(TEA, 'p-sec-tea', '2026-09-30', 60),
  ];
  /** experts 1–3 all year; 4 leaves on 2026-05-14 (4 days in Q3); 5 joins on 2026-06-01 (5 days in Q3, 10 in Q4). */
  const records = (): StationRecord[] => [
    ...experts.slice(0, 3).flatMap((e) => quarters.flatMap((q) => workingDaysFrom(q, 10).map((d) => day(TEA, e, d)))),
    ...quarters.slice(0, 2).flatMap((q) => workingDaysFrom(q, 10).map((d) => day(TEA, experts[3]!, d))),
    ...workingDaysFrom('2026-04-20', 4).map((d) => day(TEA, experts[3]!, d)),
    ...workingDaysFrom('2026-06-02', 5).map((d) => day(TEA, experts[4]!, d)),
    ...workingDaysFrom('2026-07-20', 10).map((d) => day(TEA, experts[4]!, d)),
    ...others(),
  ];

  it('an expert who joins mid-quarter owes a share of that quarter; one who leaves, a share of theirs; the year passes', async () => {
    const team = await h.call(
      'org',
      'setTeam',
      {
        requestId: req(),
        stationId: TEA,
        experts: [
          ...experts.slice(0, 3).map((personId) => ({ personId, from: '2025-10-15' })),
          { personId: experts[3], from: '2025-10-15', to: '2026-05-14' },
          { personId: experts[4], from: '2026-06-01' },
        ],
      },
      'p-city-staff',
    );
    expect(team.ok).toBe(true);
    await write(h, records());
    const d = await h.call('reports', 'stationDetail', { stationId: TEA, yearIndex: 1 }, 'p-city-staff');
    const of = (id: string) => d.data.experts.find((x: any) => x.expertId === id);
    // joins 2026-06-01: Q3 (04-15 … 07-14) 44 of 91 days → ⌈4.8⌉ = 5; Q1–Q2 not assessed
    expect(of(experts[4]!).quarters.map((q: any) => q.required)).toEqual([0, 0, 5, 10]);
    // leaves 2026-05-14: Q3 30 of 91 days → ⌈3.3⌉ = 4; Q4 not assessed
    expect(of(experts[3]!).quarters.map((q: any) => q.required)).toEqual([10, 10, 4, 0]);
    expect(of(experts[3]!).name).toBeTruthy();
    const run = await h.call('reports', 'runAssessment', { requestId: req(), yearIndex: 1, stationIds: [TEA] }, 'p-city-staff');
    expect(run.data.computed).toBe(1);
    const a = (await h.call('reports', 'listAssessments', { yearIndex: 1 }, 'p-city-staff')).data.items.find(
      (x: any) => x.stationId === TEA,
    );
    expect(a.grade).not.toBe('不合格');
    expect(a.computed.clauses.find((c: any) => c.clause === 'serviceDays').status).toBe('met');
  });

  it('without the membership dates the same records fail 第十二条(二) and the year is 不合格, naming who is short', async () => {
    await write(h, records());
    await h.call('reports', 'runAssessment', { requestId: req(), yearIndex: 1, stationIds: [TEA] }, 'p-city-staff');
    const a = (await h.call('reports', 'listAssessments', { yearIndex: 1 }, 'p-city-staff')).data.items.find(
      (x: any) => x.stationId === TEA,
    );
    expect(a.grade).toBe('不合格');
    const name5 = (await h.deps.store.org.person(experts[4]!))!.name;
    expect(a.computed.gradeReason).toContain(`第一季度 ${name5} 差 10 天`);
  });
});

describe('awards already running (org.importAward)', () => {
  const fiveStar = {
    programmeId: 'pingdingshan-five-star',
    kindId: 'five-star',
    societyId: 'soc-agri',
    stage: 2,
    awardedOn: '2025-06-01',
    title: '益阳市农学会五星学会',
    source: '2025 年五星学会授予通知',
  };

  it('a five-star society in year 2: recorded as an awarded application at its stage, audited, idempotent', async () => {
    const r = await h.call('org', 'importAward', { requestId: req(), award: fiveStar }, 'p-city-staff');
    expect(r.data).toMatchObject({ created: true, changed: true });
    const app = (await h.deps.store.applications.get(r.data.id))!;
    expect(app).toMatchObject({
      status: 'awarded',
      applicant: { type: 'society', societyId: 'soc-agri' },
      imported: { stage: 2, awardYear: 2025, source: '2025 年五星学会授予通知' },
    });
    const again = await h.call('org', 'importAward', { requestId: req(), award: fiveStar }, 'p-city-staff');
    expect(again.data).toMatchObject({ id: r.data.id, created: false, changed: false });
    expect((await h.deps.store.audit.forEntity('application', r.data.id)).map((e) => e.action)).toEqual(['application.import']);
    const mine = await h.call('applications', 'mine', {}, 'p-sec-agri');
    expect(JSON.stringify(mine.data)).toContain(r.data.id);
  });

  it('refuses a stage beyond the programme cycle or the years since the award; only city staff import', async () => {
    const beyond = await h.call('org', 'importAward', { requestId: req(), award: { ...fiveStar, stage: 4 } }, 'p-city-staff');
    expect(beyond.error?.issues?.map((i: any) => i.path)).toContain('award.stage');
    const county = await h.call('org', 'importAward', { requestId: req(), award: fiveStar }, 'p-heshan-staff');
    expect(county.error?.code).toBe('AUTH.FORBIDDEN');
  });

  it('a station plaqued in 2024: its award counts once against the one-station-per-society limit (第七条(七))', async () => {
    const id = await importedStation('2024-06-01');
    const r = await h.call(
      'org',
      'importAward',
      {
        requestId: req(),
        award: {
          programmeId: 'yiyang-station-2023',
          kindId: 'station',
          societyId: 'soc-mech',
          hostUnitId: 'hu-yuanjiang-machine',
          level: 'city',
          stage: 1,
          awardedOn: '2023-03-01',
          title: '益阳市机械工程学会沅江服务站',
          source: '2023 年学会服务站授牌通知',
          stationId: id,
        },
      },
      'p-city-staff',
    );
    expect(r.ok).toBe(true);
    expect((await h.deps.store.org.station(id))!.applicationId).toBe(r.data.id);
    const quota = await h.deps.store.applications.quota(societyQuotaId('soc-mech'));
    expect(quota.entries.map((e) => e.applicationId)).toEqual([r.data.id]);
    const stations = (await h.deps.store.applications.stationsOfSociety('soc-mech'))
      .filter((s) => s.status === 'active')
      .map((s) => ({ id: s.id, applicationId: s.applicationId ?? null }));
    const counts = limitCounts('another-application', null, { entries: [] }, quota, stations, []);
    expect(counts.societyActiveStations).toBe(1);
    expect(getProgramme('yiyang-station-2023')!.limits.some((l) => l.type === 'perSocietyInCity')).toBe(true);
  });
});
