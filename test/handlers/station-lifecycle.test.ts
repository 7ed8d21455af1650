import { tables } from '../../cloudfunctions/_kernel/store/tables';
import { inTx } from '../../cloudfunctions/_kernel/store/tx';
import { addMonthsClamped, chinaDateOf } from '../../shared/calendar';
import { programmes } from '../../shared/programmes';
import type { LedgerEntry } from '../../shared/schemas/awards';
import type { Harness } from '../support/handlers';
import { draftReady, enableAndOpenRound, harness, ok, rid } from './applications-support';

/**
 * A station's lifecycle through the real functions (seed 004, issue 14 item 5): a published 不合格
 * year proposes rectification (3 months: the programme's data), city staff confirm it with the
 * deadline, the host unit sees it, and a re-check or the next passing published year lifts it; a
 * term-end failure proposes 摘牌 with the clawback of all that was paid, and confirming it de-lists
 * the station; a station whose term passed with a passing term-end result may apply again (第十三条,
 * the same form pre-filled); merge / close on a written request decided by city staff (第十四条).
 * 桃江茶业 (st-tea-taojiang): plaque 2025-10-15, term 2 years; year 1 closes for assessment 2026-10-25.
 */
const station = programmes['yiyang-station-2023'];
const TEA = 'st-tea-taojiang';
const AGRI = 'st-agri-heshan';
const SUBJECT = { type: 'station' as const, id: TEA };
let h: Harness;
afterEach(async () => h.close());
const today = () => chinaDateOf(h.clock.now());
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n').toString('base64');

/** Run and publish year k for every station due (no records: every year fails), optionally adjusting TEA to 合格 first. */
async function publishYear(k: number, opts: { passTea?: boolean } = {}) {
  ok(await h.call('reports', 'runAssessment', { requestId: rid(), yearIndex: k }, 'p-city-staff'));
  if (opts.passTea)
    ok(
      await h.call(
        'reports',
        'adjustAssessment',
        {
          requestId: rid(),
          assessmentId: `${TEA}:${k}`,
          score: 80,
          grade: '合格',
          gradeOverrideReason: '整改后复核达标',
          reason: '整改后复核，考核达标',
        },
        'p-city-staff',
      ),
    );
  ok(await h.call('reports', 'publishAssessments', { requestId: rid(), assessmentIds: [`${TEA}:${k}`] }, 'p-city-staff'));
}
const list = (who = 'p-city-staff') => h.call('awards', 'listConsequences', { subject: SUBJECT }, who);
const decide = (consequenceId: string, decision: 'confirm' | 'dismiss', who = 'p-city-staff') =>
  h.call('awards', 'decideConsequence', { requestId: rid(), subject: SUBJECT, consequenceId, decision, reason: '经市科协研究' }, who);
const lifecycle = (who: string, stationId = TEA) => h.call('awards', 'stationLifecycle', { stationId }, who);
const stationStatus = async (id = TEA) => (await h.deps.store.org.station(id))!.status;

describe('[yiyang-station-2023:post-award.rectification] [yiyang-station-2023:penalty.assessment-failed] 不合格 → rectification → lifted', () => {
  beforeEach(async () => {
    h = await harness();
    h.clock.set(Date.parse('2026-11-20T10:00:00+08:00'));
    await publishYear(1);
  });

  it('proposed from the published year with the data’s 3 months; confirmed with the deadline; the host unit sees it; a re-check lifts it', async () => {
    expect(await stationStatus()).toBe('rectifying');
    const deadline = addMonthsClamped(today(), station.postAward!.rectification!.months);
    const [item] = ok(await list()).items;
    expect(item).toMatchObject({
      status: 'proposed',
      penaltyId: 'assessment-failed',
      clause: '第十二条',
      deadline,
      effects: ['通报批评', `责令限期整改（${deadline} 前完成）`],
      sourceText: `第 1 考核年度考核不合格，${today()} 发布`,
    });
    // the applicant side does not see the proposal
    expect(ok(await list('p-host-tea')).items).toEqual([]);
    // another county cannot decide (桃江 is not 赫山's)
    expect((await decide(item.id, 'confirm', 'p-heshan-staff')).error?.code).toBe('AUTH.FORBIDDEN');
    ok(await decide(item.id, 'confirm'));
    expect(await stationStatus()).toBe('rectifying');
    const host = ok(await lifecycle('p-host-tea'));
    expect(host).toMatchObject({ side: 'applicant', rectificationDeadline: deadline, station: { statusLabel: '整改中' } });
    expect(host.consequences).toEqual([expect.objectContaining({ id: item.id, status: 'confirmed', deadline, canLift: false })]);
    // nothing published since: lifting needs a re-check
    const lift = await h.call('awards', 'liftConsequence', { requestId: rid(), consequenceId: item.id, reason: '已整改' }, 'p-city-staff');
    expect(lift.error?.code).toBe('CONFLICT.STATE');
    // a re-check that did not pass keeps it (recorded); one that passed lifts it and the station is 正常 again
    const fail = ok(
      await h.call(
        'awards',
        'recheckRectification',
        { requestId: rid(), consequenceId: item.id, passed: false, reason: '整改未到位' },
        'p-city-staff',
      ),
    );
    expect(fail.status).toBe('confirmed');
    const requestId = rid();
    const body = { requestId, consequenceId: item.id, passed: true, reason: '复查合格' };
    expect(ok(await h.call('awards', 'recheckRectification', body, 'p-city-staff')).status).toBe('lifted');
    expect(ok(await h.call('awards', 'recheckRectification', body, 'p-city-staff')).status).toBe('lifted'); // a retry
    expect(await stationStatus()).toBe('active');
    const audit = (await h.deps.store.audit.forEntity('consequence', item.id)).map((e) => e.action);
    expect(audit.sort()).toEqual(['consequence.confirm', 'consequence.recheck.fail', 'consequence.recheck.pass']);
    expect(ok(await lifecycle('p-host-tea')).rectificationDeadline).toBeNull();
  });

  it('dismissed: no rectification, the station back to 正常', async () => {
    const [item] = ok(await list()).items;
    ok(await decide(item.id, 'dismiss'));
    expect(await stationStatus()).toBe('active');
  });

  it('[yiyang-station-2023:post-award.renewal] the next passing published year lifts it; with the term passed and passed, the host applies again pre-filled', async () => {
    const [item] = ok(await list()).items;
    ok(await decide(item.id, 'confirm'));
    // the station's original application (the same form): its values pre-fill the renewal
    const kind = station.kinds.find((k) => k.id === station.postAward!.renewal!.kindId)!;
    const original = await draftReady(h, station, kind, 0);
    const originalValues = (await h.deps.store.applications.get(original.applicationId))!.values;
    await h.deps.store.org.putStation({ ...(await h.deps.store.org.station(TEA))!, applicationId: original.applicationId });
    // before the term ends: refused with the date
    const early = await h.call('awards', 'startRenewal', { requestId: rid(), stationId: TEA }, 'p-host-tea');
    expect(early.error?.code).toBe('CONFLICT.STATE');
    expect(early.error?.message).toContain('2027-10-14');

    h.clock.set(Date.parse('2027-11-20T10:00:00+08:00'));
    await publishYear(2, { passTea: true });
    const v = ok(await list()).items.find((i: { id: string }) => i.id === item.id);
    expect(v.liftableBy).toBe(`第 2 考核年度考核合格（${today()} 发布）`);
    ok(await h.call('awards', 'liftConsequence', { requestId: rid(), consequenceId: item.id, reason: '整改到位' }, 'p-city-staff'));
    expect((await h.deps.store.consequences.get(item.id))!.status).toBe('lifted');
    expect(await stationStatus()).toBe('active');

    // no open round yet: refused; the city opens this year's round: the host unit starts the renewal
    const noRound = ok(await lifecycle('p-host-tea'));
    expect(noRound.renewal).toMatchObject({ allowed: false, reason: expect.stringContaining('没有正在受理的申报批次') });
    await enableAndOpenRound(h, station.id);
    expect(ok(await lifecycle('p-host-tea')).renewal).toMatchObject({ allowed: true, clause: '第十三条' });
    const requestId = rid();
    const started = ok(await h.call('awards', 'startRenewal', { requestId, stationId: TEA }, 'p-host-tea'));
    expect(ok(await h.call('awards', 'startRenewal', { requestId, stationId: TEA }, 'p-host-tea'))).toEqual(started);
    const app = (await h.deps.store.applications.get(started.applicationId))!;
    expect(app).toMatchObject({
      status: 'draft',
      kindId: kind.id,
      formId: kind.formId,
      applicant: { type: 'hostUnit', hostUnitId: 'hu-taojiang-tea', societyId: 'soc-tea' },
    });
    expect(app.values).toEqual(originalValues);
    // the host unit opens it through the applications function as its own draft
    expect(ok(await h.call('applications', 'get', { applicationId: app.id }, 'p-host-tea')).status).toBe('draft');
    expect(ok(await lifecycle('p-host-tea')).renewal).toMatchObject({ allowed: false, applicationId: app.id });
    // another station's contact cannot start it
    expect((await h.call('awards', 'startRenewal', { requestId: rid(), stationId: TEA }, 'p-host-heshan')).error?.code).toBe(
      'AUTH.FORBIDDEN',
    );
  });
});

describe('[yiyang-station-2023:penalty.term-end-failed] term-end failure → 摘牌 confirmed → delisted + all paid clawed back', () => {
  it('proposes rectification and 摘牌; confirming 摘牌 de-lists the station and demands what was paid', async () => {
    h = await harness();
    h.clock.set(Date.parse('2027-11-20T10:00:00+08:00'));
    const paid: LedgerEntry = {
      id: 'lg-st-1',
      subject: SUBJECT,
      castUnitId: 'cast-taojiang',
      programmeId: station.id,
      kind: 'payment',
      amountFen: 5_000_000,
      settles: 'year-one',
      budgetLineId: null,
      categoryId: null,
      date: '2026-12-01',
      vouchers: [],
      note: '',
      recordedBy: 'p-city-staff',
      at: h.clock.now(),
      reversedBy: null,
      reversal: null,
    };
    await inTx(h.deps.db, (tx) => tables.ledger.insert(tx, paid));
    await publishYear(2);
    expect(await stationStatus()).toBe('delisting');
    const items = ok(await list()).items;
    expect(items.map((i: { penaltyId: string }) => i.penaltyId).sort()).toEqual(['assessment-failed', 'term-end-failed']);
    const plaque = items.find((i: { penaltyId: string }) => i.penaltyId === 'term-end-failed');
    expect(plaque).toMatchObject({ effects: ['摘牌', '收回已拨付的资金'], refundFen: 5_000_000, removePlaque: true });
    ok(await decide(plaque.id, 'confirm'));
    expect(await stationStatus()).toBe('delisted');
    expect((await h.deps.store.consequences.get(plaque.id))!.refundFen).toBe(5_000_000);
    const view = ok(await lifecycle('p-host-tea'));
    expect(view.station.statusLabel).toBe('已摘牌');
    expect(view.renewal.allowed).toBe(false);
    expect(view.termEnd).toMatchObject({ passed: false, text: '期满考核不合格，予以摘牌' });
    // no entries on a de-listed station
    const log = await h.call('stations', 'logServiceDay', { requestId: rid(), stationId: TEA, date: today() }, 'p-exp-tea-1');
    expect(log.ok).toBe(false);
  });
});

describe('[yiyang-station-2023:post-award.changes] merge / close on a written request (第十四条)', () => {
  const SECOND = 'st-agri-heshan-2';
  beforeEach(async () => {
    h = await harness();
    const agri = (await h.deps.store.org.station(AGRI))!;
    await h.deps.store.org.putStation({
      ...agri,
      id: SECOND,
      name: '赫山区第二农业服务站',
      expertIds: [],
      team: undefined,
      staffIds: [],
      applicationId: null,
    });
  });
  const upload = async (who: string, stationId = AGRI) =>
    ok(
      await h.call(
        'awards',
        'uploadLedgerFile',
        { subject: { type: 'station', id: stationId }, name: '书面申请.pdf', mime: 'application/pdf', base64: PDF, requestId: rid() },
        who,
      ),
    );
  const request = async (who: string, data: Record<string, unknown>) =>
    h.call('awards', 'requestStationChange', { requestId: rid(), stationId: AGRI, reason: '两站服务领域相同，合并运行', ...data }, who);

  it('a merge request by the host unit, approved by city staff: the team moves, the station closes, history kept', async () => {
    const file = await upload('p-host-heshan');
    expect((await request('p-host-heshan', { type: 'merge', attachments: [] })).error?.issues?.[0]?.path).toBe('attachments');
    expect((await request('p-host-heshan', { type: 'merge', attachments: [file] })).error?.issues?.[0]?.path).toBe('mergeIntoStationId');
    expect((await request('p-host-heshan', { type: 'merge', mergeIntoStationId: TEA, attachments: [file] })).error?.issues?.[0]?.path).toBe(
      'mergeIntoStationId',
    ); // another county's station
    expect((await request('p-host-tea', { type: 'close', attachments: [file] })).error?.code).toBe('AUTH.FORBIDDEN');
    const req = ok(await request('p-host-heshan', { type: 'merge', mergeIntoStationId: SECOND, attachments: [file] }));
    expect(req).toMatchObject({ status: 'pending', typeLabel: '合并', mergeIntoName: '赫山区第二农业服务站' });
    // one pending request at a time
    expect((await request('p-sec-agri', { type: 'close', attachments: [file] })).error?.issues?.[0]?.path).toBe('type');
    const experts = (await h.deps.store.org.station(AGRI))!.expertIds;
    expect(experts.length).toBeGreaterThan(0);
    const staffView = ok(await lifecycle('p-city-staff', AGRI));
    expect(staffView).toMatchObject({ canDecideChange: true, changeClause: '第十四条' });
    expect(staffView.mergeTargets).toEqual([{ id: SECOND, name: '赫山区第二农业服务站' }]);
    // the county cannot decide; the city can
    const d = { requestId: rid(), stationId: AGRI, changeId: req.id, approve: true, comment: '同意合并' };
    expect((await h.call('awards', 'decideStationChange', d, 'p-heshan-staff')).error?.code).toBe('AUTH.FORBIDDEN');
    const decided = ok(await h.call('awards', 'decideStationChange', d, 'p-city-staff'));
    expect(ok(await h.call('awards', 'decideStationChange', d, 'p-city-staff'))).toEqual(decided); // a retry
    expect(decided).toMatchObject({ status: 'approved', decision: { comment: '同意合并' } });
    expect(await stationStatus(AGRI)).toBe('closed');
    expect((await h.deps.store.org.station(AGRI))!.expertIds).toEqual([]);
    expect((await h.deps.store.org.station(SECOND))!.expertIds.sort()).toEqual([...experts].sort());
    const audit = (await h.deps.store.audit.forEntity('station', AGRI, 'all')).map((e) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['station.change.request', 'station.change.approve', 'station.status']));
    expect(ok(await lifecycle('p-host-heshan', AGRI)).station.statusLabel).toBe('已撤销');
    // a closed station takes no new request
    expect((await request('p-host-heshan', { type: 'close', attachments: [file] })).error?.issues?.[0]?.path).toBe('stationId');
  });

  it('a close request rejected leaves the station running; a close approved closes it', async () => {
    const file = await upload('p-sec-agri');
    const r1 = ok(await request('p-sec-agri', { type: 'close', attachments: [file] }));
    ok(
      await h.call(
        'awards',
        'decideStationChange',
        { requestId: rid(), stationId: AGRI, changeId: r1.id, approve: false, comment: '暂不撤销' },
        'p-city-staff',
      ),
    );
    expect(await stationStatus(AGRI)).toBe('active');
    const r2 = ok(await request('p-sec-agri', { type: 'close', attachments: [file] }));
    ok(
      await h.call(
        'awards',
        'decideStationChange',
        { requestId: rid(), stationId: AGRI, changeId: r2.id, approve: true, comment: '同意撤销' },
        'p-city-staff',
      ),
    );
    expect(await stationStatus(AGRI)).toBe('closed');
    expect(ok(await lifecycle('p-sec-agri', AGRI)).changes.map((c: { statusLabel: string }) => c.statusLabel)).toEqual([
      '已同意',
      '不同意',
    ]);
  });
});
