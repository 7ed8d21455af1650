import { libraryCalendar, workingDaysBetween } from '../../shared/calendar';
import type { StationRecord } from '../../shared/schemas/records';
import { type Harness, makeDeps } from '../support/handlers';
import { agreement, day, research, simple, station, training, workingDaysFrom, write } from './reports-fixtures';

/**
 * The staff dashboard and station detail, through the real `reports` function with the local
 * adapters. Today is 2026-11-20 (China time): the demo city station st-agri-heshan (plaque
 * 2025-12-26) is in Q4 of its first year (2026-09-26 … 2026-12-25).
 */
let h: Harness;
beforeEach(async () => {
  h = await makeDeps({ now: '2026-11-20T10:00:00+08:00' });
});
afterEach(async () => {
  await h.close();
});

const Q = { q1: '2026-01-05', q2: '2026-04-01', q3: '2026-07-01', q4: '2026-10-09' };

/** A station that meets every clause of year 1 so far (green), or lags this quarter (amber). */
function fullYear(stationId: string, expertId: string, q4Days: number): StationRecord[] {
  return [
    ...workingDaysFrom(Q.q1, 10).map((d) => day(stationId, expertId, d)),
    ...workingDaysFrom(Q.q2, 10).map((d) => day(stationId, expertId, d)),
    ...workingDaysFrom(Q.q3, 10).map((d) => day(stationId, expertId, d)),
    ...workingDaysFrom(Q.q4, q4Days).map((d) => day(stationId, expertId, d)),
    research(stationId, expertId, '2026-03-10', '调研报告一'),
    research(stationId, expertId, '2026-06-10', '调研报告二'),
    training(stationId, expertId, '2026-04-15', 60),
    training(stationId, expertId, '2026-08-14', 80),
    simple('tackling', stationId, expertId, '2026-05-11'),
    simple('problem', stationId, expertId, '2026-05-12'),
    simple('problem', stationId, expertId, '2026-06-12'),
    simple('achievement', stationId, expertId, '2026-07-13'),
    simple('achievement', stationId, expertId, '2026-08-13'),
    agreement(stationId, 'p-sec-mech', '2026-09-01', 50),
  ];
}

async function seedCity() {
  const org = h.deps.store.org;
  await org.putStation(
    station({
      id: 'st-green',
      name: '甲·全部达标服务站',
      castUnitId: 'cast-heshan',
      level: 'provincial',
      industryField: '新材料',
      societyId: 'soc-agri',
      expertIds: ['x-green'],
    }),
  );
  await org.putStation(
    station({
      id: 'st-amber',
      name: '乙·本季度落后服务站',
      castUnitId: 'cast-taojiang',
      level: 'city',
      industryField: '新能源',
      societyId: 'soc-tea',
      expertIds: ['x-amber'],
    }),
  );
  await org.putStation(
    station({
      id: 'st-idle',
      name: '丙·无记录服务站',
      castUnitId: 'cast-yiyang',
      level: 'national',
      industryField: '数字经济',
      expertIds: ['x-idle'],
    }),
  );
  await org.putStation(
    station({ id: 'st-fixing', name: '丁·整改中服务站', castUnitId: 'cast-yiyang', status: 'rectifying', expertIds: ['x-fix'] }),
  );
  await org.putStation(station({ id: 'st-gone', name: '戊·已摘牌服务站', castUnitId: 'cast-yiyang', status: 'delisted', expertIds: [] }));
  await write(h, [...fullYear('st-green', 'x-green', 10), ...fullYear('st-amber', 'x-amber', 3), ...fullYear('st-fixing', 'x-fix', 10)]);
}

const ids = (rows: Array<{ stationId: string }>) => rows.map((r) => r.stationId).sort();

describe('who sees which stations', () => {
  beforeEach(seedCity);
  it('city staff and the talent office see every station of the city and its counties (de-listed hidden by default)', async () => {
    for (const who of ['p-city-staff', 'p-talent']) {
      const r = await h.call('reports', 'dashboard', { limit: 200 }, who);
      expect(r.ok).toBe(true);
      expect(ids(r.data.rows)).toEqual(['st-agri-heshan', 'st-amber', 'st-fixing', 'st-green', 'st-idle', 'st-tea-taojiang']);
      expect(r.data.counts.all).toBe(6);
    }
    const withGone = await h.call('reports', 'dashboard', { filters: { includeDelisted: true }, limit: 200 }, 'p-city-staff');
    expect(ids(withGone.data.rows)).toContain('st-gone');
  });
  it('a county sees only its own stations, even when it filters by another county', async () => {
    const heshan = await h.call('reports', 'dashboard', {}, 'p-heshan-staff');
    expect(ids(heshan.data.rows)).toEqual(['st-agri-heshan', 'st-green']);
    const taojiang = await h.call('reports', 'dashboard', {}, 'p-taojiang-staff');
    expect(ids(taojiang.data.rows)).toEqual(['st-amber', 'st-tea-taojiang']);
    const peek = await h.call('reports', 'dashboard', { filters: { castUnitId: 'cast-taojiang' } }, 'p-heshan-staff');
    expect(peek.data.rows).toEqual([]);
    expect(peek.data.facets.counties.map((c: { id: string }) => c.id)).toEqual(['cast-heshan']);
  });
  it("a county cannot open another county's station, and the refusal writes nothing", async () => {
    const before = h.snapshot();
    const r = await h.call('reports', 'stationDetail', { stationId: 'st-tea-taojiang' }, 'p-heshan-staff');
    expect(r).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
    expect(h.snapshot()).toEqual(before);
    expect((await h.call('reports', 'stationDetail', { stationId: 'st-agri-heshan' }, 'p-heshan-staff')).ok).toBe(true);
  });
  it.each(['p-exp-agri-1', 'p-host-heshan', 'p-sec-agri', 'p-reviewer-1'])('%s (not CAST staff) is refused the dashboard', async (who) => {
    const r = await h.call('reports', 'dashboard', {}, who);
    expect(r).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
  });
  it('no identity → AUTH.UNAUTHENTICATED; a station that does not exist → NOT_FOUND', async () => {
    expect((await h.call('reports', 'dashboard', {}, null)).error!.code).toBe('AUTH.UNAUTHENTICATED');
    expect((await h.call('reports', 'stationDetail', { stationId: 'st-none' }, 'p-city-staff')).error!.code).toBe('NOT_FOUND');
  });
  it('bad input is refused with field paths', async () => {
    const r = await h.call('reports', 'dashboard', { filters: { level: 'galactic' }, sort: { by: 'mood' }, limit: 0 }, 'p-city-staff');
    expect(r.ok).toBe(false);
    expect(r.error!.code).toBe('INPUT.INVALID');
    expect(r.error!.issues!.map((i) => i.path).sort()).toEqual(['filters.level', 'limit', 'sort.by']);
  });
});

describe('red / amber / green, sorting and filtering', () => {
  beforeEach(seedCity);
  const row = (rows: any[], id: string) => rows.find((r) => r.stationId === id);
  it("green when on track, amber when an expert will miss this quarter at today's pace, red when failing or rectifying", async () => {
    const { data } = await h.call('reports', 'dashboard', { limit: 200 }, 'p-city-staff');
    expect(row(data.rows, 'st-green')).toMatchObject({ risk: 'green', riskReasons: [], grade: '优秀', projectedGrade: '优秀' });
    expect(row(data.rows, 'st-green').score).toBeGreaterThanOrEqual(90);
    const amber = row(data.rows, 'st-amber');
    expect(amber).toMatchObject({ risk: 'amber', willMissQuarter: 1, quarterShort: { experts: 1, days: 7 } });
    expect(amber.riskReasons[0]).toMatch(/1 位专家本季度进度落后（每人 10 天）/);
    expect(amber.behindExperts).toEqual([
      expect.objectContaining({ expertId: 'x-amber', status: 'behind', daysShort: 7, confirmedDays: 3, pendingDays: 0 }),
    ]);
    expect(row(data.rows, 'st-idle')).toMatchObject({ risk: 'red', projectedGrade: '不合格', score: 0 });
    expect(row(data.rows, 'st-fixing').risk).toBe('red');
    expect(row(data.rows, 'st-fixing').riskReasons[0]).toBe('服务站整改中');
    // 桃江 (year 2 began 2026-10-15, nothing logged yet) is behind the quarter's pace, not red: nothing is missed yet
    expect(data.counts).toEqual({ red: 3, amber: 2, green: 1, all: 6 });
  });
  it('shows the funding the year would earn at the projected grade (第十六条)', async () => {
    const { data } = await h.call('reports', 'dashboard', { limit: 200 }, 'p-city-staff');
    expect(row(data.rows, 'st-green').funding).toMatchObject({ amountYuan: 100_000, caseByCase: false }); // provincial, year 1
    // issue 14: at today's pace st-amber misses this quarter's 10 days, a 第十二条 minimum, so it is projected
    // 不合格 and funding follows the grade (第十六条: only 合格 years are funded); it used to be projected 合格 (50,000)
    expect(row(data.rows, 'st-amber')).toMatchObject({ projectedGrade: '不合格', funding: { amountYuan: 0 } });
    expect(row(data.rows, 'st-idle').funding).toMatchObject({ amountYuan: null, caseByCase: true }); // national: 一事一议
  });
  it('sorts by risk (red first, lowest projected score first), by score, and by name, and pages stably', async () => {
    const byRisk = await h.call('reports', 'dashboard', { sort: { by: 'risk' }, limit: 200 }, 'p-city-staff');
    const risks = byRisk.data.rows.map((r: any) => r.risk);
    expect(risks).toEqual(
      [...risks].sort((a: string, b: string) => ['red', 'amber', 'green'].indexOf(a) - ['red', 'amber', 'green'].indexOf(b)),
    );
    expect(byRisk.data.rows.at(-1).stationId).toBe('st-green');
    const reds = byRisk.data.rows.filter((r: any) => r.risk === 'red').map((r: any) => r.projectedScore);
    expect(reds).toEqual([...reds].sort((a: number, b: number) => a - b));
    const byScoreDesc = await h.call('reports', 'dashboard', { sort: { by: 'score', desc: true }, limit: 200 }, 'p-city-staff');
    // the same records give the same score; ties are broken by name
    expect(byScoreDesc.data.rows.slice(0, 2).map((r: any) => r.stationId)).toEqual(['st-fixing', 'st-green']);
    expect(byScoreDesc.data.rows.at(-1).score).toBe(0);
    const page1 = await h.call('reports', 'dashboard', { sort: { by: 'name' }, limit: 2 }, 'p-city-staff');
    const page2 = await h.call('reports', 'dashboard', { sort: { by: 'name' }, limit: 2, skip: 2 }, 'p-city-staff');
    expect(page1.data.total).toBe(6);
    // names sort in pinyin order (丙 bing, 丁 ding, 湖 hu, 甲 jia, 乙 yi, 益 yi)
    expect([...page1.data.rows, ...page2.data.rows].map((r: any) => r.name)).toEqual([
      '丙·无记录服务站',
      '丁·整改中服务站',
      '湖南省茶叶学会桃江服务站',
      '甲·全部达标服务站',
    ]);
  });
  it.each([
    [{ level: 'national' }, ['st-idle']],
    [{ castUnitId: 'cast-heshan' }, ['st-agri-heshan', 'st-green']],
    [{ industryField: '新能源' }, ['st-amber']],
    [{ societyId: 'soc-tea' }, ['st-amber', 'st-tea-taojiang']],
    [{ grade: '优秀' }, ['st-fixing', 'st-green']],
    [{ risk: 'amber' }, ['st-amber', 'st-tea-taojiang']],
    [{ atRisk: true }, ['st-agri-heshan', 'st-amber', 'st-fixing', 'st-idle', 'st-tea-taojiang']],
  ])('filter %j', async (filters, expected) => {
    const r = await h.call('reports', 'dashboard', { filters, limit: 200 }, 'p-city-staff');
    expect(ids(r.data.rows)).toEqual(expected);
    expect(r.data.total).toBe(expected.length);
    expect(r.data.counts.all).toBe(6); // the header counts ignore filters
  });
});

describe('when 王建国 has 7 of the 10 days of Q4 and the other four experts have 10', () => {
  beforeEach(async () => {
    const agri = 'st-agri-heshan';
    const records = [
      ...[2, 3, 4, 5].flatMap((i) => workingDaysFrom('2026-10-09', 10).map((d) => day(agri, `p-exp-agri-${i}`, d))),
      ...workingDaysFrom('2026-10-09', 5).map((d) => day(agri, 'p-exp-agri-1', d, 'confirmed')),
      ...workingDaysFrom('2026-11-02', 2).map((d) => day(agri, 'p-exp-agri-1', d, 'pending')),
      training(agri, 'p-exp-agri-2', '2026-10-20', 66),
      training(agri, 'p-exp-agri-2', '2026-10-21', 30),
    ];
    await write(h, records);
  });
  it('the dashboard counts one expert short by 3 days this quarter', async () => {
    const { data } = await h.call('reports', 'dashboard', { filters: { castUnitId: 'cast-heshan' } }, 'p-heshan-staff');
    const agri = data.rows.find((r: any) => r.stationId === 'st-agri-heshan');
    expect(agri.quarterShort).toEqual({ experts: 1, days: 3 });
    expect(agri.quarter).toEqual({
      quarter: 4,
      start: '2026-09-26',
      end: '2026-12-25',
      workingDaysLeft: workingDaysBetween('2026-11-20', '2026-12-25', libraryCalendar).count,
    });
    expect(agri.clauses.map((c: any) => c.clause)).toEqual(['agreement', 'serviceDays', 'research', 'training', 'outcomes']);
  });
  it('the station detail names him, splits verified from unverified days, and gives the working days left', async () => {
    const r = await h.call('reports', 'stationDetail', { stationId: 'st-agri-heshan' }, 'p-city-staff');
    expect(r.ok).toBe(true);
    const d = r.data;
    expect(d.yearIndex).toBe(1);
    const wang = d.experts.find((e: any) => e.expertId === 'p-exp-agri-1');
    expect(wang.name).toBe('王建国');
    expect(wang.quarters[3]).toMatchObject({
      quarter: 4,
      days: 7,
      verifiedDays: 5,
      unverifiedDays: 2,
      required: 10,
      shortfall: 3,
      status: 'inProgress',
    });
    expect(wang.current).toMatchObject({ quarter: 4, days: 7, required: 10, short: 3, canStillMeet: true });
    expect(wang.current.workingDaysLeft).toBe(workingDaysBetween('2026-11-20', '2026-12-25', libraryCalendar).count);
    const li = d.experts.find((e: any) => e.expertId === 'p-exp-agri-2');
    expect(li.current.short).toBe(0);
    // trainings with their evidence; the one under 50 人次 is listed but does not count (第十二条(四))
    const trainings = d.activities.find((a: any) => a.kind === 'training').items;
    expect(trainings.map((t: any) => [t.date, t.counts])).toEqual([
      ['2026-10-21', false],
      ['2026-10-20', true],
    ]);
    expect(trainings[1].evidence[0].name).toBe('签到表.jpg');
    expect(d.chart.at(-1)).toMatchObject({ label: '第1年Q4', all: 47, verified: 45, required: 50 });
    expect(d.evaluation.score).toBeGreaterThan(d.evaluation.scoreVerified - 0.001);
  });
  it('asking for a year that has not started is refused on the field', async () => {
    const r = await h.call('reports', 'stationDetail', { stationId: 'st-agri-heshan', yearIndex: 2 }, 'p-city-staff');
    expect(r.error).toMatchObject({ code: 'INPUT.INVALID', issues: [{ path: 'yearIndex' }] });
  });
});

describe('a station in a new assessment year with nothing logged yet', () => {
  it('carries its agreement progress (第十二条(一), cumulative) over from the year before', async () => {
    // st-tea-taojiang is in year 2 (from 2026-10-15); 60 % was reported in year 1, nothing since.
    await write(h, [agreement('st-tea-taojiang', 'p-sec-tea', '2026-09-30', 60)]);
    expect(await h.deps.store.stations.tally('st-tea-taojiang', 2)).toBeNull();
    const { data } = await h.call('reports', 'dashboard', {}, 'p-city-staff');
    const tea = data.rows.find((r: any) => r.stationId === 'st-tea-taojiang');
    expect(tea.yearIndex).toBe(2);
    // year 2 (term end) asks 100 %: 60 % earns 60 % of the clause's 20 points
    expect(tea.clauses.find((c: any) => c.clause === 'agreement').earned).toBe(12);
    const detail = await h.call('reports', 'stationDetail', { stationId: 'st-tea-taojiang' }, 'p-city-staff');
    expect(detail.data.agreement).toEqual({ percent: 60, percentVerified: 60, target: 100 });
  });
});

describe('honest risk (issue 15, finding 11)', () => {
  it('a station awarded two days ago is 新建 and green, and its page and its card give the same working days left', async () => {
    await h.deps.store.org.putStation(
      station({ id: 'st-new', name: '己·新建服务站', castUnitId: 'cast-heshan', plaqueDate: '2026-11-18', expertIds: [] }),
    );
    const { data } = await h.call('reports', 'dashboard', { limit: 200 }, 'p-city-staff');
    const card = data.rows.find((r: any) => r.stationId === 'st-new');
    expect(card).toMatchObject({ isNew: true, risk: 'green', behindExperts: [] });
    expect(card.riskReasons).toEqual(['新建服务站，授牌不足 4 周，尚不评估进度']);
    const detail = (await h.call('reports', 'stationDetail', { stationId: 'st-new' }, 'p-city-staff')).data;
    expect(detail.isNew).toBe(true);
    expect(card.quarter.workingDaysLeft).toBeGreaterThan(40);
    expect(detail.projection.workingDaysLeft).toBe(card.quarter.workingDaysLeft);
  });
  it('"只看有风险" leaves out the green stations; the experts behind are named with confirmed and pending days', async () => {
    await seedCity();
    const all = await h.call('reports', 'dashboard', { limit: 200 }, 'p-city-staff');
    const risky = await h.call('reports', 'dashboard', { filters: { atRisk: true }, limit: 200 }, 'p-city-staff');
    expect(risky.data.total).toBeLessThan(all.data.total);
    expect(risky.data.rows.every((r: any) => r.risk !== 'green')).toBe(true);
    const taojiang = all.data.rows.find((r: any) => r.stationId === 'st-tea-taojiang');
    expect(taojiang.behindExperts.map((x: any) => x.name).sort()).toEqual(['黄丽', '吴敏', '徐峰', '赵磊', '周强'].sort());
    for (const r of all.data.rows) for (const x of r.behindExperts) expect(x).not.toHaveProperty('mobile'); // a person's mobile is returned by no action
  });
});

describe('search (issue 15, finding 13: search stations)', () => {
  beforeEach(seedCity);
  const search = (q: string, who = 'p-city-staff', more: Record<string, unknown> = {}) =>
    h.call('reports', 'dashboard', { filters: { q }, limit: 200, ...more }, who);
  it('finds a station by part of its name, full-width and spaces aside', async () => {
    expect(ids((await search('全部达标')).data.rows)).toEqual(['st-green']);
    expect(ids((await search(' 全部 达标 ')).data.rows)).toEqual(['st-green']);
    expect(ids((await search('茶叶学会桃江')).data.rows)).toEqual(['st-tea-taojiang']);
  });
  it("finds stations by their society's name and by their county's name", async () => {
    // st-green is 甲·全部达标服务站: found through its society 益阳市农学会
    expect(ids((await search('农学会')).data.rows)).toEqual(['st-agri-heshan', 'st-green']);
    expect(ids((await search('机械工程')).data.rows)).toEqual(['st-fixing', 'st-idle']);
    expect(ids((await search('桃江县')).data.rows)).toEqual(['st-amber', 'st-tea-taojiang']);
  });
  it('total counts the matches before paging; the header counts stay over every station; other filters still apply', async () => {
    const p1 = await search('茶叶', 'p-city-staff', { limit: 1, sort: { by: 'name' } });
    expect(p1.data.total).toBe(2);
    expect(p1.data.rows).toHaveLength(1);
    const p2 = await search('茶叶', 'p-city-staff', { limit: 1, skip: 1, sort: { by: 'name' } });
    expect(ids([...p1.data.rows, ...p2.data.rows])).toEqual(['st-amber', 'st-tea-taojiang']);
    expect(p1.data.counts.all).toBe(6);
    const none = await search('没有这个名字');
    expect(none.data).toMatchObject({ total: 0, rows: [] });
    const both = await h.call('reports', 'dashboard', { filters: { q: '茶叶', risk: 'amber', level: 'city' } }, 'p-city-staff');
    expect(ids(both.data.rows)).toEqual(['st-amber']);
    // a blank search keeps everything
    expect((await search('   ')).data.total).toBe(6);
  });
  it('county staff still see only their own county', async () => {
    expect((await search('茶叶', 'p-heshan-staff')).data).toMatchObject({ total: 0, rows: [] });
    expect(ids((await search('服务站', 'p-heshan-staff')).data.rows)).toEqual(['st-agri-heshan', 'st-green']);
    expect(ids((await search('茶叶', 'p-taojiang-staff')).data.rows)).toEqual(['st-amber', 'st-tea-taojiang']);
  });
  it('a search longer than 40 characters is refused on the field', async () => {
    const r = await search('服'.repeat(41));
    expect(r).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    expect(r.error!.issues!.map((i: { path: string }) => i.path)).toEqual(['filters.q']);
  });
});
