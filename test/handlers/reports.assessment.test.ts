import ExcelJS from 'exceljs';
import type { StationRecord } from '../../shared/schemas/records';
import { type Harness, makeDeps } from '../support/handlers';
import { agreement, day, research, simple, training, workingDaysFrom, write } from './reports-fixtures';

/**
 * Year-end assessment (第十二条) through the real `reports` function: run → review → adjust (with a
 * written reason, audited) → publish; failing gives a rectification deadline, failing the term-end
 * year marks the station for de-listing; the funding due (第十六条) is listed and exported.
 * st-tea-taojiang (provincial, plaque 2025-10-15, term 2 years): year 1 = 2025-10-15 … 2026-10-14,
 * closed for the assessment after the 10-day backfill window, i.e. from 2026-10-25.
 */
const TEA = 'st-tea-taojiang';
const experts = [1, 2, 3, 4, 5].map((i) => `p-exp-tea-${i}`);
let h: Harness;
afterEach(async () => {
  await h.close();
});
let rid = 0;
const req = () => `req-assess-${++rid}`;

/** Year 1 of the tea station: every clause met (or `lazy`: experts serve only 4 days a quarter). */
function teaYear1(opts: { lazy?: boolean; pending?: boolean } = {}): StationRecord[] {
  const quarters = ['2025-10-20', '2026-01-19', '2026-04-20', '2026-07-20'];
  const n = opts.lazy ? 4 : 11;
  return [
    ...experts.flatMap((e, i) =>
      quarters.flatMap((q) =>
        workingDaysFrom(q, n).map((d, k) => day(TEA, e, d, opts.pending && i === 0 && k < 2 ? 'pending' : 'confirmed')),
      ),
    ),
    research(TEA, experts[0]!, '2026-01-10', '调研报告'),
    research(TEA, experts[1]!, '2026-05-10', '调研报告二'),
    training(TEA, experts[2]!, '2026-03-10', 60),
    training(TEA, experts[3]!, '2026-06-10', 55),
    simple('tackling', TEA, experts[0]!, '2026-02-10'),
    simple('problem', TEA, experts[1]!, '2026-03-11'),
    simple('problem', TEA, experts[2]!, '2026-04-11'),
    simple('achievement', TEA, experts[3]!, '2026-05-11'),
    simple('achievement', TEA, experts[4]!, '2026-06-11'),
    agreement(TEA, 'p-sec-tea', '2026-09-30', 60),
  ];
}

describe('year 1 of the tea station, assessed on 2026-11-20', () => {
  beforeEach(async () => {
    h = await makeDeps({ now: '2026-11-20T10:00:00+08:00' });
  });

  it('computes the closed year on confirmed records and skips a station whose year is still open', async () => {
    await write(h, teaYear1({ pending: true }));
    const r = await h.call('reports', 'runAssessment', { requestId: req(), yearIndex: 1 }, 'p-city-staff');
    expect(r.ok).toBe(true);
    expect(r.data.computed).toBe(1);
    expect(r.data.skipped).toEqual([
      expect.objectContaining({ stationId: 'st-agri-heshan', reason: expect.stringMatching(/2026-12-25 结束，补登期至 2027-01-04/) }),
    ]);
    const list = await h.call('reports', 'listAssessments', { yearIndex: 1 }, 'p-city-staff');
    const a = list.data.items[0];
    // two pending days a quarter for one expert: on confirmed records he has 9 of 10 → 第十二条(二) missed.
    // Issue 14: a missed minimum makes the year 不合格 (it used to cap the grade at 合格), the reason names each
    // quarter, the expert and the days short, and funding follows the grade (第十六条).
    expect(a).toMatchObject({ id: `${TEA}:1`, state: 'computed', stateLabel: '已计算', termEnd: false, grade: '不合格', passed: false });
    const name = (await h.deps.store.org.person(experts[0]!))!.name;
    for (const q of ['第一季度', '第二季度', '第三季度', '第四季度']) expect(a.computed.gradeReason).toContain(`${q} ${name} 差 1 天`);
    expect(a.computed.score).toBeLessThan(a.computed.scoreAll);
    expect(a.computed.scoreAll).toBe(100);
    expect(a.computed.gradeAll).toBe('优秀');
    expect(a.funding).toMatchObject({ amountYuan: 0 });
    expect(list.data.fundingTotalYuan).toBe(0);
  });

  it('only city staff run, adjust and publish; a county reads its own results', async () => {
    await write(h, teaYear1());
    for (const who of ['p-taojiang-staff', 'p-talent', 'p-sec-tea']) {
      const r = await h.call('reports', 'runAssessment', { requestId: req(), yearIndex: 1 }, who);
      expect(r.error!.code).toBe('AUTH.FORBIDDEN');
    }
    await h.call('reports', 'runAssessment', { requestId: req(), yearIndex: 1 }, 'p-city-staff');
    expect((await h.call('reports', 'listAssessments', { yearIndex: 1 }, 'p-taojiang-staff')).data.total).toBe(1);
    expect((await h.call('reports', 'listAssessments', { yearIndex: 1 }, 'p-heshan-staff')).data.total).toBe(0);
    const adj = await h.call(
      'reports',
      'adjustAssessment',
      { requestId: req(), assessmentId: `${TEA}:1`, score: 80, grade: '合格', reason: '县里认为应当调整' },
      'p-taojiang-staff',
    );
    expect(adj.error!.code).toBe('AUTH.FORBIDDEN');
    const pub = await h.call('reports', 'publishAssessments', { requestId: req(), assessmentIds: [`${TEA}:1`] }, 'p-taojiang-staff');
    expect(pub.error!.code).toBe('AUTH.FORBIDDEN');
  });

  it('an adjustment needs a written reason; it is kept in the audit log with before and after', async () => {
    await write(h, teaYear1());
    await h.call('reports', 'runAssessment', { requestId: req(), yearIndex: 1 }, 'p-city-staff');
    const before = h.snapshot();
    const bad = await h.call(
      'reports',
      'adjustAssessment',
      { requestId: req(), assessmentId: `${TEA}:1`, score: 120, grade: '很好', reason: '改' },
      'p-city-staff',
    );
    expect(bad.error!.code).toBe('INPUT.INVALID');
    expect(bad.error!.issues!.map((i) => i.path).sort()).toEqual(['grade', 'reason', 'score']);
    expect(h.snapshot()).toEqual(before);

    const id = req();
    const input = {
      requestId: id,
      assessmentId: `${TEA}:1`,
      score: 58.26,
      grade: '不合格',
      reason: '实地核查发现专家到站记录与签到表不符',
    };
    const r = await h.call('reports', 'adjustAssessment', input, 'p-city-staff');
    expect(r.data).toMatchObject({
      state: 'adjusted',
      score: 58.3,
      grade: '不合格',
      passed: false,
      adjusted: { score: 58.3, grade: '不合格', reason: '实地核查发现专家到站记录与签到表不符', byId: 'p-city-staff', byName: '周敏' },
      funding: { amountYuan: 0 },
    });
    expect(r.data.computed.grade).toBe('优秀'); // the computed result is kept beside the adjustment
    // the same request again changes nothing and answers the same
    const again = await h.call('reports', 'adjustAssessment', input, 'p-city-staff');
    expect(again.data).toEqual(r.data);
    const history = await h.call('reports', 'assessmentHistory', { assessmentId: `${TEA}:1` }, 'p-taojiang-staff');
    expect(history.data.map((e: any) => e.action)).toEqual(['assessment.compute', 'assessment.adjust']);
    expect(history.data[1]).toMatchObject({ actorName: '周敏', reason: '实地核查发现专家到站记录与签到表不符' });
    expect(history.data[1].before).toMatchObject({ state: 'computed', adjusted: null });
    expect(history.data[1].after).toMatchObject({ state: 'adjusted', adjusted: { score: 58.3 } });
    // running again does not overwrite an adjusted result
    const rerun = await h.call('reports', 'runAssessment', { requestId: req(), yearIndex: 1 }, 'p-city-staff');
    expect(rerun.data.computed).toBe(0);
    expect(rerun.data.skipped.find((s: any) => s.stationId === TEA).reason).toMatch(/已调整/);
  });

  it('an adjustment’s grade follows its score through the assessment’s grade rule; another grade is an override with its own reason, shown as such (issue 11 finding 10)', async () => {
    await write(h, teaYear1());
    await h.call('reports', 'runAssessment', { requestId: req(), yearIndex: 1 }, 'p-city-staff');
    const adjust = (extra: Record<string, unknown>) =>
      h.call(
        'reports',
        'adjustAssessment',
        { requestId: req(), assessmentId: `${TEA}:1`, reason: '实地核查后调整分数', ...extra },
        'p-city-staff',
      );
    // the red team's case: 59.96 with 优秀 — stored as 60 / 优秀 and funded before
    const before = h.snapshot();
    const bad = await adjust({ score: 59.96, grade: '优秀' });
    expect(bad.error).toMatchObject({
      code: 'INPUT.INVALID',
      issues: [{ path: 'grade', message: expect.stringContaining('应评为“合格”') }],
    });
    expect(h.snapshot()).toEqual(before);
    // no grade: derived from the score as stored (one decimal, like the computed score) by the same rule
    const derived = await adjust({ score: 59.94 });
    expect(derived.data).toMatchObject({ score: 59.9, grade: '不合格', passed: false, funding: { amountYuan: 0 } });
    expect(derived.data.adjusted).toMatchObject({ grade: '不合格', override: null });
    // a deliberate override: its own reason, kept and shown
    const over = await adjust({ score: 59.9, grade: '合格', gradeOverrideReason: '专家因公外派，经市科协研究按合格认定' });
    expect(over.data).toMatchObject({ score: 59.9, grade: '合格', passed: true });
    expect(over.data.adjusted.override).toEqual({ derivedGrade: '不合格', reason: '专家因公外派，经市科协研究按合格认定' });
    const x = await h.call('reports', 'exportAssessments', { yearIndex: 1 }, 'p-city-staff');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.data.base64, 'base64') as any);
    const row = (wb.getWorksheet('考核结果')!.getRow(3).values as unknown[]).join('|');
    expect(row).toContain('等次人工认定：按分数应为“不合格”，认定为“合格”；认定理由：专家因公外派，经市科协研究按合格认定');
  });

  // issue 14: a failed clause now makes the year 不合格 (was: capped at 合格)
  it('an adjusted score keeps the failed-clause rule of the grade: 95 with a failed clause is 不合格 unless overridden', async () => {
    await write(h, teaYear1({ lazy: true }));
    await h.call('reports', 'runAssessment', { requestId: req(), yearIndex: 1 }, 'p-city-staff');
    const r = await h.call(
      'reports',
      'adjustAssessment',
      { requestId: req(), assessmentId: `${TEA}:1`, score: 95, reason: '培训记录补正后调整分数' },
      'p-city-staff',
    );
    expect(r.data).toMatchObject({ score: 95, grade: '不合格', adjusted: { override: null } });
  });

  it('publishing a failed year 1 sets a rectification deadline three months on and puts the station in rectification', async () => {
    await write(h, teaYear1({ lazy: true }));
    await h.call('reports', 'runAssessment', { requestId: req(), yearIndex: 1 }, 'p-city-staff');
    const listed = (await h.call('reports', 'listAssessments', { yearIndex: 1 }, 'p-city-staff')).data.items[0];
    // 4 of 10 days a quarter scores ≥ 60 with full marks elsewhere, but misses a 第十二条 minimum: 不合格 (issue 14; was 合格)
    expect(listed.grade).toBe('不合格');
    expect(listed.computed.gradeReason).toMatch(/每个季度在服务站工作不少于10天：第一季度 .+ 差 6 天/);
    await h.call(
      'reports',
      'adjustAssessment',
      { requestId: req(), assessmentId: `${TEA}:1`, score: 55, grade: '不合格', reason: '专家在站天数严重不足，评为不合格' },
      'p-city-staff',
    );
    const id = req();
    const r = await h.call('reports', 'publishAssessments', { requestId: id, assessmentIds: [`${TEA}:1`] }, 'p-city-staff');
    expect(r.ok).toBe(true);
    expect(r.data[0]).toMatchObject({
      state: 'published',
      publishedBy: 'p-city-staff',
      rectificationDeadline: '2027-02-20',
      delisting: false,
      grade: '不合格',
    });
    expect(r.data[0].consequences).toEqual(expect.arrayContaining(['通报批评', '责令限期整改（3 个月内）']));
    expect((await h.deps.store.org.station(TEA))!.status).toBe('rectifying');
    const audit = await h.deps.store.audit.forEntity('station', TEA);
    expect(audit.at(-1)).toMatchObject({ action: 'station.status', before: { status: 'active' }, after: { status: 'rectifying' } });
    expect(audit.at(-1)!.reason).toMatch(/2027-02-20/);
    // published is final: no more adjustment; publishing again changes nothing
    const late = await h.call(
      'reports',
      'adjustAssessment',
      { requestId: req(), assessmentId: `${TEA}:1`, score: 70, grade: '合格', reason: '复核后改为合格等次' },
      'p-city-staff',
    );
    expect(late.error!.code).toBe('CONFLICT.STATE');
    const twice = await h.call('reports', 'publishAssessments', { requestId: req(), assessmentIds: [`${TEA}:1`] }, 'p-city-staff');
    expect(twice.data[0].publishedAt).toBe(r.data[0].publishedAt);
    expect((await h.deps.store.audit.forEntity('assessment', `${TEA}:1`)).filter((e) => e.action === 'assessment.publish')).toHaveLength(1);
    // the dashboard now shows the station red: it is rectifying
    const dash = await h.call('reports', 'dashboard', {}, 'p-city-staff');
    expect(dash.data.rows.find((x: any) => x.stationId === TEA)).toMatchObject({ risk: 'red', statusLabel: '整改中' });
  });

  it('exports the year as the talent office summary table', async () => {
    await write(h, teaYear1());
    await h.call('reports', 'runAssessment', { requestId: req(), yearIndex: 1 }, 'p-city-staff');
    await h.call('reports', 'publishAssessments', { requestId: req(), assessmentIds: [`${TEA}:1`] }, 'p-city-staff');
    const r = await h.call('reports', 'exportAssessments', { yearIndex: 1 }, 'p-talent');
    expect(r.ok).toBe(true);
    expect(r.data.rows).toBe(1);
    expect(await h.deps.files.exists(r.data.file.fileId)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(r.data.base64, 'base64') as any);
    const ws = wb.getWorksheet('考核结果')!;
    expect(ws.getCell('A1').value).toBe('学会服务站第1考核年度绩效考核结果汇总表');
    const header = (ws.getRow(2).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['服务站名称', '考核得分', '考核等次', '应拨资助经费（元）', '整改期限']));
    const row = ws.getRow(3).values as unknown[];
    expect(row).toEqual(expect.arrayContaining(['湖南省茶叶学会桃江服务站', '省级', '桃江县科协', '优秀', 100_000, '已发布']));
    expect(ws.getRow(4).values as unknown[]).toEqual(expect.arrayContaining(['合计', 100_000]));
  });
});

describe('the term-end year (year 2 of 2), assessed on 2027-10-30', () => {
  beforeEach(async () => {
    h = await makeDeps({ now: '2027-10-30T10:00:00+08:00' });
  });
  it('failing it marks the station for de-listing (摘牌) and earns nothing', async () => {
    await write(h, teaYear1());
    // year 2: a few days only
    await write(
      h,
      experts.flatMap((e) => workingDaysFrom('2026-11-02', 3).map((d) => day(TEA, e, d))),
    );
    const run = await h.call('reports', 'runAssessment', { requestId: req(), yearIndex: 2 }, 'p-city-staff');
    expect(run.data.computed).toBe(1);
    const pub = await h.call('reports', 'publishAssessments', { requestId: req(), assessmentIds: [`${TEA}:2`] }, 'p-city-staff');
    expect(pub.data[0]).toMatchObject({ termEnd: true, grade: '不合格', delisting: true, funding: { amountYuan: 0 } });
    expect(pub.data[0].consequences).toEqual(expect.arrayContaining(['摘牌', '服务站标记为待摘牌']));
    expect((await h.deps.store.org.station(TEA))!.status).toBe('delisting');
    const y1 = await h.call('reports', 'runAssessment', { requestId: req(), yearIndex: 1 }, 'p-city-staff');
    expect(y1.data.computed).toBe(2); // both stations' first years are closed by now
  });
});
