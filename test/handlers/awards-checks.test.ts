import JSZip from 'jszip';
import { tables } from '../../cloudfunctions/_kernel/store/tables';
import { inTx } from '../../cloudfunctions/_kernel/store/tx';
import { remindChecks } from '../../cloudfunctions/awards/actions/checks-reminders';
import { localOpenidOf } from '../../local/demo/org';
import { seedSecondCity } from '../../local/demo/second-city';
import { getProgramme, listProgrammes, type Programme } from '../../shared/programmes';
import { checkCounts, checkDocIdOf } from '../../shared/rules/post-award/checks';
import { proposalsFromCheck } from '../../shared/rules/post-award/consequences';
import type { AwardDoc } from '../../shared/schemas/awards';
import { subscriptionQuotaId } from '../../shared/schemas/subscriptions';
import { type Harness, makeDeps } from '../support/handlers';

/**
 * The checks of an award through the real `awards` function on the SQLite host (issue 14 item 2):
 * materialised from each programme's `postAward.checks`; materials → opinions (the finance bureau for
 * Yiyang 2018, three opinions for Weihai) → outcome; the failure branches; the finance bureau refused on
 * every write but its own opinions; a Pingdingshan yearly check with publicity and an upheld objection;
 * reminders sent once. Award files (helper AWARD's) are stored here directly as facts.
 */
let h: Harness;
afterEach(async () => {
  await h.close();
});
let rid = 0;
const req = () => `req-check-${++rid}`;
const T = Date.parse('2026-03-02T10:00:00+08:00');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n').toString('base64');
const P = (id: string): Programme => getProgramme(id)!;

function award(programme: Programme, over: Partial<AwardDoc> = {}): AwardDoc {
  const kind = programme.kinds[0]!;
  return {
    id: `aw_app-${programme.id}`,
    applicationId: `app-${programme.id}`,
    programmeId: programme.id,
    kindId: kind.id,
    castUnitId: 'cast-heshan',
    applicant: { type: 'society', societyId: 'soc-agri', hostUnitId: null },
    title: `${programme.title}示范项目`,
    awardedOn: '2026-02-01',
    amountFen: 1_500_000,
    amountReason: '',
    agreement: { status: 'accepted', answers: {}, submittedAt: T, decision: null },
    budgets: [
      {
        version: 1,
        status: 'approved',
        lines: [],
        changeReason: null,
        submittedAt: T,
        decision: { by: 'p-city-staff', at: T, comment: '' },
      },
    ],
    receiptProofs: [],
    revision: 1,
    createdAt: T,
    updatedAt: T,
    ...over,
  };
}
const insertAward = (a: AwardDoc) =>
  inTx(h.deps.db, async (tx) => {
    await tables.awards.insert(tx, a);
  });
const checkOf = (id: string) => h.deps.store.checks.get(id);

async function upload(checkId: string, who = 'p-sec-agri', name = '总结.pdf') {
  const r = await h.call('awards', 'uploadCheckFile', { checkId, name, mime: 'application/pdf', base64: PDF }, who);
  expect(r.error).toBeUndefined();
  return r.data as { fileId: string; name: string; size: number; mime: string };
}
/** The applicant attaches one file to every required material and submits. */
async function submitAll(checkId: string, who = 'p-sec-agri') {
  const view = (await h.call('awards', 'getCheck', { checkId }, who)).data;
  const materials: Record<string, unknown[]> = {};
  for (const m of view.materials) if (m.required) materials[m.id] = [await upload(checkId, who, `${m.label}.pdf`)];
  const saved = await h.call('awards', 'saveCheckMaterials', { requestId: req(), checkId, revision: view.revision, materials }, who);
  expect(saved.error).toBeUndefined();
  const sub = await h.call('awards', 'submitCheck', { requestId: req(), checkId, revision: saved.data.revision }, who);
  expect(sub.error).toBeUndefined();
  expect(sub.data.status).toBe('submitted');
  return sub.data.revision as number;
}
const decide = (
  checkId: string,
  revision: number,
  decision: 'pass' | 'fail' | 'return',
  who = 'p-city-staff',
  reasons = ['材料齐全，目标完成'],
) => h.call('awards', 'decideCheck', { requestId: req(), checkId, revision, decision, reasons }, who);

// ───────────────────────── generated over every programme with checks ─────────────────────────

const withChecks = listProgrammes().filter((p) => (p.postAward?.checks.length ?? 0) > 0);

describe('every programme with checks: listed checks are the data’s, materials → opinions → outcome', () => {
  it.each(withChecks.map((p) => [p.id, p] as const))('[%s] walks each owed check to a pass', async (_id, programme) => {
    h = await makeDeps({ now: '2026-04-01T10:00:00+08:00' });
    const a = award(programme);
    await insertAward(a);
    const list = await h.call('awards', 'listChecks', { awardId: a.id }, 'p-sec-agri');
    expect(list.error).toBeUndefined();
    const expected = programme.postAward!.checks.flatMap((c) =>
      (c.due.type === 'yearly' ? c.due.years : [1]).map((y) => checkDocIdOf(a.id, c.id, y)),
    );
    expect(list.data.items.map((i: { id: string }) => i.id).sort()).toEqual(expected.sort());
    expect(list.data.side).toBe('applicant');
    // listing again materialises nothing new (idempotent)
    const before = h.deps.changes();
    await h.call('awards', 'listChecks', { awardId: a.id }, 'p-city-staff');
    expect(h.deps.changes()).toBe(before);
    for (const item of list.data.items as { id: string; checkId: string }[]) {
      const rule = programme.postAward!.checks.find((c) => c.id === item.checkId)!;
      const rev = await submitAll(item.id);
      let last = rev;
      for (const o of rule.opinions) {
        const who = o.role === 'financeBureau' ? 'p-finance' : 'p-city-staff';
        const r = await h.call(
          'awards',
          'giveOpinion',
          { requestId: req(), checkId: item.id, opinionId: o.id, passed: true, text: `${o.label}：同意` },
          who,
        );
        expect(r.error).toBeUndefined();
        last = r.data.revision;
      }
      const d = await decide(item.id, last, 'pass', rule.decidedBy === 'cityStaff' ? 'p-city-staff' : 'p-heshan-staff');
      expect(d.error).toBeUndefined();
      const doc = (await checkOf(item.id))!;
      expect(doc.status).toBe('passed');
      expect(doc.outcome).toMatchObject({ passed: true, decidedOn: '2026-04-01' });
      expect(doc.publicity !== null).toBe(rule.publicity);
      expect(checkCounts(doc, rule, '2026-04-01')).toBe(rule.publicity ? 'open' : 'passed');
    }
  });
});

// ───────────────────────── Yiyang 2018: the finance bureau ─────────────────────────

describe('[yiyang-capacity-2018:post-award.check.yearly-acceptance] acceptance with the finance bureau (市科协会同市财政局)', () => {
  const y18 = () => P('yiyang-capacity-2018');
  const CK = checkDocIdOf('aw_app-yiyang-capacity-2018', 'yearly-acceptance', 1);
  beforeEach(async () => {
    h = await makeDeps({ now: '2026-04-01T10:00:00+08:00', seeders: [seedSecondCity] });
  });

  it('no due date before the budget is approved; then one year from the approval', async () => {
    const a = award(y18(), { budgets: [] });
    await insertAward(a);
    const r = await h.call('awards', 'listChecks', { awardId: a.id }, 'p-sec-agri');
    expect(r.data.items).toEqual([]);
    expect(r.data.notYet).toEqual([
      expect.objectContaining({ checkId: 'yearly-acceptance', reason: expect.stringMatching(/预算尚未批复/) }),
    ]);
    await inTx(h.deps.db, async (tx) => {
      await tables.awards.put(tx, award(y18()));
    });
    const r2 = await h.call('awards', 'listChecks', { awardId: a.id }, 'p-sec-agri');
    expect(r2.data.items).toEqual([expect.objectContaining({ id: CK, dueDate: '2027-03-01', status: 'pending' })]);
  });

  it('the decision waits for the finance bureau; the finance bureau gives only its opinion and is refused every other write', async () => {
    await insertAward(award(y18()));
    await h.call('awards', 'listChecks', { awardId: 'aw_app-yiyang-capacity-2018' }, 'p-sec-agri');
    // the finance bureau cannot submit materials, nor give an opinion before they are submitted
    const early = await h.call(
      'awards',
      'giveOpinion',
      { requestId: req(), checkId: CK, opinionId: 'finance-bureau', passed: true, text: '同意' },
      'p-finance',
    );
    expect(early.error?.code).toBe('CHECK.STEP_NOT_ALLOWED');
    const rev = await submitAll(CK);
    const snap = h.snapshot();
    // city staff decide — refused while the finance bureau's opinion is missing, nothing written
    const tooSoon = await decide(CK, rev, 'pass');
    expect(tooSoon.error).toMatchObject({ code: 'CHECK.OPINION_MISSING', message: '尚缺：市财政局意见' });
    expect(h.snapshot()).toEqual(snap);
    // city staff may not write the finance bureau's opinion
    const notMine = await h.call(
      'awards',
      'giveOpinion',
      { requestId: req(), checkId: CK, opinionId: 'finance-bureau', passed: true, text: '同意' },
      'p-city-staff',
    );
    expect(notMine.error?.code).toBe('AUTH.FORBIDDEN');
    // the finance bureau: every write but its opinion refused, nothing written
    const fin = 'p-finance';
    const refused = [
      ['decideCheck', { requestId: req(), checkId: CK, revision: rev, decision: 'pass', reasons: ['同意'] }],
      ['decideCheck', { requestId: req(), checkId: CK, revision: rev, decision: 'return', reasons: ['补充'] }],
      ['saveCheckMaterials', { requestId: req(), checkId: CK, revision: rev, materials: {} }],
      ['submitCheck', { requestId: req(), checkId: CK, revision: rev }],
      ['uploadCheckFile', { checkId: CK, name: 'a.pdf', mime: 'application/pdf', base64: PDF }],
      ['recordObjection', { requestId: req(), checkId: CK, text: '异议', receivedOn: '2026-04-01' }],
      ['decideObjection', { requestId: req(), checkId: CK, index: 0, upheld: true, reason: '成立' }],
      ['setAmount', { requestId: req(), awardId: 'aw_app-yiyang-capacity-2018', amountYuan: '1', reason: 'x', revision: 1 }],
      ['recordPayment', { requestId: req() }],
      ['decideConsequence', { requestId: req() }],
    ] as const;
    for (const [action, data] of refused) {
      const r = await h.call('awards', action, data, fin);
      expect([action, r.error?.code]).toEqual([action, 'AUTH.FORBIDDEN']);
    }
    expect(h.snapshot()).toEqual(snap);
    // its own opinion: allowed, audited
    const op = await h.call(
      'awards',
      'giveOpinion',
      { requestId: req(), checkId: CK, opinionId: 'finance-bureau', passed: true, text: '资金使用符合规定' },
      fin,
    );
    expect(op.error).toBeUndefined();
    const view = (await h.call('awards', 'getCheck', { checkId: CK }, fin)).data;
    expect(view.side).toBe('finance');
    expect(view.opinions).toEqual([
      expect.objectContaining({
        id: 'finance-bureau',
        roleLabel: '市财政局',
        given: expect.objectContaining({ passed: true, byName: '钱雯' }),
      }),
    ]);
    expect(view.can).toMatchObject({ decide: false, saveMaterials: false, submit: false });
    // now city staff decide
    const staffView = (await h.call('awards', 'getCheck', { checkId: CK }, 'p-city-staff')).data;
    expect(staffView.can.decide).toBe(true);
    const ok = await decide(CK, staffView.revision, 'pass');
    expect(ok.error).toBeUndefined();
    const audit = await h.deps.store.checks.auditOf(CK);
    expect(audit.map((e) => [e.action, e.actorId])).toEqual([
      ['check.create', 'p-sec-agri'],
      ['check.saveMaterials', 'p-sec-agri'],
      ['check.submit', 'p-sec-agri'],
      ['check.opinion', 'p-finance'],
      ['check.pass', 'p-city-staff'],
    ]);
  });

  it('the finance bureau signs in to its own home (identity.me names it as its primary role)', async () => {
    const me = await h.call('identity', 'me', {}, 'p-finance');
    expect(me.data).toMatchObject({
      bound: true,
      primaryRole: 'financeBureau',
      bindings: [expect.objectContaining({ roleLabel: '市财政局', scopeLabel: '益阳市科协' })],
    });
  });

  it('the finance bureau reads its city’s checks (queue: waiting for its opinion), never another city’s', async () => {
    await insertAward(award(y18()));
    await insertAward(
      award(y18(), {
        id: 'aw_app-yy',
        applicationId: 'app-yy',
        castUnitId: 'cast-pingjiang',
        applicant: { type: 'society', societyId: 'soc-yy-agri', hostUnitId: null },
      }),
    );
    await h.call('awards', 'listChecks', { awardId: 'aw_app-yiyang-capacity-2018' }, 'p-sec-agri');
    await submitAll(CK);
    const q = await h.call('awards', 'checkQueue', { filter: 'opinion' }, 'p-finance');
    expect(q.error).toBeUndefined();
    expect(q.data.items.map((i: { id: string; mine: boolean }) => [i.id, i.mine])).toEqual([[CK, true]]);
    expect(q.data.counts.all).toBe(1);
    const other = await h.call('awards', 'listChecks', { awardId: 'aw_app-yy' }, 'p-finance');
    expect(other.error?.code).toBe('AUTH.FORBIDDEN');
    // city staff see it waiting for an opinion too, not for their decision
    const staff = await h.call('awards', 'checkQueue', { filter: 'decision' }, 'p-city-staff');
    expect(staff.data.items).toEqual([]);
    // the other city's secretary sees nothing of this award
    const foreign = await h.call('awards', 'getCheck', { checkId: CK }, { openid: localOpenidOf('p-sec-mech') });
    expect(foreign.error?.code).toBe('AUTH.FORBIDDEN');
  });

  it('the acceptance report (.docx) lists the materials, the opinion, the outcome and the signature blocks', async () => {
    await insertAward(award(y18()));
    await h.call('awards', 'listChecks', { awardId: 'aw_app-yiyang-capacity-2018' }, 'p-sec-agri');
    await submitAll(CK);
    await h.call(
      'awards',
      'giveOpinion',
      { requestId: req(), checkId: CK, opinionId: 'finance-bureau', passed: true, text: '资金使用规范' },
      'p-finance',
    );
    const v = (await h.call('awards', 'getCheck', { checkId: CK }, 'p-city-staff')).data;
    await decide(CK, v.revision, 'pass', 'p-city-staff', ['项目目标全部完成', '资金使用规范']);
    const r = await h.call('awards', 'exportAcceptanceReport', { checkId: CK }, 'p-finance');
    expect(r.error).toBeUndefined();
    expect(r.data.file.name).toMatch(/年度项目验收\.docx$/);
    const zip = await JSZip.loadAsync(Buffer.from(r.data.base64, 'base64'));
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const s of [
      '年度项目验收报告',
      '实施方案五.6',
      '项目执行情况总结.pdf',
      '市财政局意见',
      '同意通过：资金使用规范',
      '合格',
      '1. 项目目标全部完成',
      '（盖章）',
      '承担单位（益阳市农学会）',
    ]) {
      expect(text).toContain(s);
    }
  });
});

// ───────────────────────── Weihai: three opinions, a failure ─────────────────────────

describe('[weihai-2025:post-award.check.completion] completion by 11-30 with party-building, business and finance opinions', () => {
  const weihai = () => P('weihai-2025');
  const CK = checkDocIdOf('aw_app-weihai-2025', 'completion', 1);
  it('refused until all three opinions are given; a fail is read by the consequence rule with its onFail', async () => {
    h = await makeDeps({ now: '2026-11-20T10:00:00+08:00' });
    await insertAward(award(weihai(), { awardedOn: '2026-04-10' }));
    const list = await h.call('awards', 'listChecks', { awardId: 'aw_app-weihai-2025' }, 'p-city-staff');
    expect(list.data.items).toEqual([expect.objectContaining({ id: CK, dueDate: '2026-11-30', urgency: 'dueSoon' })]);
    let rev = await submitAll(CK);
    for (const [i, id] of ['party-building', 'business', 'finance'].entries()) {
      const blocked = await decide(CK, rev, 'fail');
      expect(blocked.error?.code).toBe('CHECK.OPINION_MISSING');
      const r = await h.call(
        'awards',
        'giveOpinion',
        { requestId: req(), checkId: CK, opinionId: id, passed: i < 2, text: i < 2 ? '同意' : '资金未按期使用完毕' },
        'p-city-staff',
      );
      expect(r.error).toBeUndefined();
      rev = r.data.revision;
    }
    // county staff are not the decider (decidedBy cityStaff)
    expect((await decide(CK, rev, 'fail', 'p-heshan-staff')).error?.code).toBe('AUTH.FORBIDDEN');
    const failed = await decide(CK, rev, 'fail', 'p-city-staff', ['11月底前未完成项目工作']);
    expect(failed.error).toBeUndefined();
    const doc = (await checkOf(CK))!;
    expect(doc).toMatchObject({
      status: 'failed',
      outcome: { passed: false, reasons: ['11月底前未完成项目工作'], decidedOn: '2026-11-20' },
    });
    const proposals = proposalsFromCheck(weihai(), doc, { today: '2026-11-20', paidFen: 0 });
    expect(proposals.map((p) => p.penaltyId)).toEqual(weihai().postAward!.checks[0]!.onFail);
    // a decided check takes no more materials, opinions or decisions
    expect((await decide(CK, doc.revision, 'pass')).error?.code).toBe('CHECK.STEP_NOT_ALLOWED');
    const late = await h.call(
      'awards',
      'saveCheckMaterials',
      { requestId: req(), checkId: CK, revision: doc.revision, materials: {} },
      'p-sec-agri',
    );
    expect(late.error?.code).toBe('CHECK.STEP_NOT_ALLOWED');
  });
});

// ───────────────────────── Wuhan: missing material, return, resubmit ─────────────────────────

describe('[wuhan-award:post-award.check.mid-term] materials required on submit; returned for more; overdue', () => {
  const wuhan = () => P('wuhan-award');
  const CK = checkDocIdOf('aw_app-wuhan-award', 'mid-term', 1);
  it('submit without the written report is refused and writes nothing; a returned check is resubmitted', async () => {
    h = await makeDeps({ now: '2026-08-05T10:00:00+08:00' });
    await insertAward(award(wuhan()));
    const list = await h.call('awards', 'listChecks', { awardId: 'aw_app-wuhan-award' }, 'p-sec-agri');
    expect(list.data.items.map((i: { id: string; dueDate: string; urgency: string }) => [i.id, i.dueDate, i.urgency])).toEqual([
      [CK, '2026-08-01', 'overdue'],
      [checkDocIdOf('aw_app-wuhan-award', 'final', 1), '2027-02-01', null],
    ]);
    const snap = h.snapshot();
    const bare = await h.call('awards', 'submitCheck', { requestId: req(), checkId: CK, revision: 1 }, 'p-sec-agri');
    expect(bare.error).toMatchObject({ code: 'CHECK.MISSING_MATERIAL', message: '请上传：中期检查书面材料' });
    expect(h.snapshot()).toEqual(snap);
    // an unknown material id and a stale revision are refused
    const f = await upload(CK);
    const unknown = await h.call(
      'awards',
      'saveCheckMaterials',
      { requestId: req(), checkId: CK, revision: 1, materials: { bogus: [f] } },
      'p-sec-agri',
    );
    expect(unknown.error).toMatchObject({ code: 'INPUT.INVALID', issues: [{ path: 'materials.bogus', message: '该检查没有这项材料' }] });
    const stale = await h.call(
      'awards',
      'saveCheckMaterials',
      { requestId: req(), checkId: CK, revision: 7, materials: { 'written-report': [f] } },
      'p-sec-agri',
    );
    expect(stale.error?.code).toBe('CONFLICT.VERSION');
    // another society's secretary cannot attach, nor use this file
    const other = await h.call('awards', 'saveCheckMaterials', { requestId: req(), checkId: CK, revision: 1, materials: {} }, 'p-sec-tea');
    expect(other.error?.code).toBe('AUTH.FORBIDDEN');
    const rev = await submitAll(CK);
    // a retried request replays its first answer
    const id = req();
    const ret = await h.call(
      'awards',
      'decideCheck',
      { requestId: id, checkId: CK, revision: rev, decision: 'return', reasons: ['请补充活动照片'] },
      'p-city-staff',
    );
    const again = await h.call(
      'awards',
      'decideCheck',
      { requestId: id, checkId: CK, revision: rev, decision: 'return', reasons: ['请补充活动照片'] },
      'p-city-staff',
    );
    expect(again.data).toEqual(ret.data);
    const doc = (await checkOf(CK))!;
    expect(doc).toMatchObject({
      status: 'returned',
      returns: [expect.objectContaining({ comment: '请补充活动照片', by: 'p-city-staff' })],
    });
    const view = (await h.call('awards', 'getCheck', { checkId: CK }, 'p-sec-agri')).data;
    expect(view.returns).toEqual([expect.objectContaining({ comment: '请补充活动照片', byName: '周敏' })]);
    expect(view.can).toMatchObject({ saveMaterials: true, submit: true });
    const re = await h.call('awards', 'submitCheck', { requestId: req(), checkId: CK, revision: doc.revision }, 'p-sec-agri');
    expect(re.data.status).toBe('submitted');
    const bad = await h.call(
      'awards',
      'decideCheck',
      { requestId: req(), checkId: CK, revision: re.data.revision, decision: 'pass', reasons: [] },
      'p-city-staff',
    );
    expect(bad.error).toMatchObject({ code: 'INPUT.INVALID', issues: [{ path: 'reasons', message: '请填写理由' }] });
  });
});

// ───────────────────────── Pingdingshan: yearly checks with publicity ─────────────────────────

describe('[pingdingshan-five-star:post-award.check.yearly-check] years 2 and 3, each publicised; an upheld objection fails it', () => {
  const pds = () => P('pingdingshan-five-star');
  const Y2 = checkDocIdOf('aw_app-pingdingshan-five-star', 'yearly-check', 2);
  const Y3 = checkDocIdOf('aw_app-pingdingshan-five-star', 'yearly-check', 3);
  const rule = () => pds().postAward!.checks[0]!;
  it('year 2: passed, publicised over 5 working days, an objection recorded and upheld → failed; year 3 passes after its publicity', async () => {
    h = await makeDeps({ now: '2027-12-10T10:00:00+08:00' });
    await insertAward(award(pds(), { awardedOn: '2026-05-20' }));
    const list = await h.call('awards', 'listChecks', { awardId: 'aw_app-pingdingshan-five-star' }, 'p-sec-agri');
    expect(list.data.items.map((i: { id: string; dueDate: string }) => [i.id, i.dueDate])).toEqual([
      [Y2, '2027-12-15'],
      [Y3, '2028-12-15'],
    ]);
    const rev = await submitAll(Y2);
    // Friday 2027-12-10: publicity 12-10 … 12-16 (5 working days)
    expect((await decide(Y2, rev, 'pass')).error).toBeUndefined();
    let doc = (await checkOf(Y2))!;
    expect(doc.publicity).toEqual({ start: '2027-12-10', end: '2027-12-16', objectionUpheld: false });
    expect(checkCounts(doc, rule(), '2027-12-17')).toBe('passed');
    // an objection on 12-13, recorded by city staff (not by the finance bureau, not by the applicant)
    h.clock.set(Date.parse('2027-12-13T10:00:00+08:00'));
    const objection = { requestId: req(), checkId: Y2, text: '年度目标完成情况与实际不符', receivedOn: '2027-12-13' };
    expect((await h.call('awards', 'recordObjection', objection, 'p-sec-agri')).error?.code).toBe('AUTH.FORBIDDEN');
    expect((await h.call('awards', 'recordObjection', { ...objection, receivedOn: '2027-12-01' }, 'p-city-staff')).error?.code).toBe(
      'INPUT.INVALID',
    );
    expect((await h.call('awards', 'recordObjection', objection, 'p-city-staff')).error).toBeUndefined();
    doc = (await checkOf(Y2))!;
    // an open objection keeps it from counting after the publicity ends
    expect(checkCounts(doc, rule(), '2027-12-20')).toBe('open');
    const upheld = await h.call(
      'awards',
      'decideObjection',
      { requestId: req(), checkId: Y2, index: 0, upheld: true, reason: '经核查，年度目标未完成' },
      'p-city-staff',
    );
    expect(upheld.error).toBeUndefined();
    doc = (await checkOf(Y2))!;
    expect(doc).toMatchObject({ status: 'failed', publicity: { objectionUpheld: true }, outcome: { passed: false } });
    expect(checkCounts(doc, rule(), '2027-12-20')).toBe('failed');
    expect(proposalsFromCheck(pds(), doc, { today: '2027-12-13', paidFen: 0 }).map((p) => p.penaltyId)).toEqual(['yearly-check-failed']);
    const view = (await h.call('awards', 'getCheck', { checkId: Y2 }, 'p-sec-agri')).data;
    expect(view.objections).toEqual([
      expect.objectContaining({ text: '年度目标完成情况与实际不符', decision: expect.objectContaining({ upheld: true, byName: '周敏' }) }),
    ]);
    expect(view.counts).toBe('failed');

    // year 3: passes; counts only after its publicity ends
    h.clock.set(Date.parse('2028-12-01T10:00:00+08:00'));
    const rev3 = await submitAll(Y3);
    expect((await decide(Y3, rev3, 'pass')).error).toBeUndefined();
    const d3 = (await checkOf(Y3))!;
    expect(d3.publicity).toEqual({ start: '2028-12-01', end: '2028-12-07', objectionUpheld: false });
    const q = await h.call('awards', 'checkQueue', { filter: 'publicity' }, 'p-city-staff');
    expect(q.data.items.map((i: { id: string }) => i.id)).toEqual([Y3]);
    h.clock.set(Date.parse('2028-12-08T10:00:00+08:00'));
    const after = (await h.call('awards', 'getCheck', { checkId: Y3 }, 'p-city-staff')).data;
    expect(after).toMatchObject({ counts: 'passed', wait: 'done' });
    expect(
      (await h.call('awards', 'recordObjection', { ...objection, requestId: req(), checkId: Y3, receivedOn: '2028-12-08' }, 'p-city-staff'))
        .error?.code,
    ).toBe('CHECK.STEP_NOT_ALLOWED');
  });
});

// ───────────────────────── reminders ─────────────────────────

describe('reminders before the due date, once per check and days-before value', () => {
  it('[wuhan-award:post-award.check.mid-term] 30 and 7 days before: one message each, never twice', async () => {
    h = await makeDeps({ now: '2026-07-01T09:00:00+08:00' });
    await insertAward(award(P('wuhan-award')));
    const openid = localOpenidOf('p-sec-agri');
    await h.deps.store.subscriptions.seed({
      id: subscriptionQuotaId(openid, 'postAwardCheckDue'),
      openid,
      personId: 'p-sec-agri',
      templateKey: 'postAwardCheckDue',
      accepted: 10,
      spent: 0,
      updatedAt: T,
    });
    const deliveries = async () => (await h.deps.db.find('outbox', { templateKey: 'postAwardCheckDue' }, { limit: 100 })).length;
    // 07-01: mid-term due 08-01 is 31 days away → nothing
    expect(await remindChecks(h.deps)).toMatchObject({ checksDue: 0, sent: 0 });
    h.clock.set(Date.parse('2026-07-02T09:00:00+08:00'));
    expect(await remindChecks(h.deps)).toMatchObject({ checksDue: 1, sent: 1 });
    expect(await remindChecks(h.deps)).toMatchObject({ checksDue: 0, sent: 0 });
    expect(await deliveries()).toBe(1);
    expect((await checkOf(checkDocIdOf('aw_app-wuhan-award', 'mid-term', 1)))!.remindersSent).toEqual([30]);
    h.clock.set(Date.parse('2026-07-25T09:00:00+08:00'));
    expect(await remindChecks(h.deps)).toMatchObject({ checksDue: 1, sent: 1 });
    expect(await remindChecks(h.deps)).toMatchObject({ sent: 0 });
    expect(await deliveries()).toBe(2);
    const msg = (
      await h.deps.db.find<{ _id: string; data: Record<string, string>; page: string }>(
        'outbox',
        { templateKey: 'postAwardCheckDue' },
        { limit: 100 },
      )
    )[1]!;
    expect(msg.page).toBe(`/pages/awards/check/index?id=${encodeURIComponent(checkDocIdOf('aw_app-wuhan-award', 'mid-term', 1))}`);
    expect(Object.values(msg.data)).toContain('2026-08-01');
    // submitted: no more reminders
    h.clock.set(Date.parse('2026-07-26T09:00:00+08:00'));
    await submitAll(checkDocIdOf('aw_app-wuhan-award', 'mid-term', 1));
    expect(await remindChecks(h.deps)).toMatchObject({ checksDue: 0 });
  });
});
