import JSZip from 'jszip';
import { demoAwards, seedDemoAwards } from '../../local/demo/awards';
import { type Programme, programmeIds, programmes } from '../../shared/programmes';
import { expenseCategories } from '../../shared/programmes/expense-categories';
import { fenText, postAwardRoleLabels, yuanToFen } from '../../shared/programmes/post-award';
import { categoryGroups } from '../../shared/rules/post-award/budget';
import { awardIdOf } from '../../shared/schemas/awards';
import { type Harness, makeDeps } from '../support/handlers';

/**
 * Award → task agreement → budget through the awards function on the SQLite host, generated over
 * every programme whose definition has `postAward.agreement` / `postAward.budget` (no programme is
 * special): the file is created on first open, the amount checked against the kind's funding rule,
 * the agreement filed as the data says (approve / record), every forbidden category refused with the
 * programme's own clause, an unlisted one without a justification refused, the total capped to the
 * award, return and approval, a change approved (or refused where the data allows none), retries
 * idempotent, other people's awards refused, refusals writing nothing.
 */

let h: Harness;
let n = 0;
const rid = () => `req-award-${++n}-${Date.now() % 100000}`;
beforeEach(async () => {
  h = await makeDeps({ now: '2026-11-20T10:00:00+08:00' });
});
afterEach(async () => {
  await h.close();
});

const SEC = 'p-sec-agri'; // 益阳市农学会 (赫山区科协)
const CITY = 'p-city-staff';
const COUNTY = 'p-heshan-staff';
const OTHER_COUNTY = 'p-taojiang-staff';
const OTHER_SEC = 'p-sec-mech';

const withFile = programmeIds.map((id) => programmes[id] as Programme).filter((p) => p.postAward?.agreement && p.postAward?.budget);
const cases = withFile.map((p) => [p.id, p] as const);

function ok<T = any>(r: { ok: boolean; data?: T; error?: unknown }): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.data as T;
}
const call = (action: string, data: Record<string, unknown>, who: string) => h.call('awards', action, data, who);

/** An award made before go-live, imported (org.importAward): an awarded application of 益阳市农学会. */
async function importAward(p: Programme, awardedOn = '2026-06-01'): Promise<string> {
  const kind = p.kinds.find((k) => k.applicantType === 'society')!;
  const r = ok(
    await h.call(
      'org',
      'importAward',
      {
        requestId: rid(),
        award: {
          programmeId: p.id,
          kindId: kind.id,
          societyId: 'soc-agri',
          stage: 1,
          awardedOn,
          title: `农学会${kind.label}项目`,
          source: '测试导入',
        },
      },
      CITY,
    ),
  );
  return r.id as string;
}

/** A full answer to every section of the agreement (one target per cycle year, one milestone). */
function fullAnswers(p: Programme, awardedOn: string) {
  const years = p.cycle.cycleYears ?? 1;
  return Object.fromEntries(
    p.postAward!.agreement!.sections.map((s) => [
      s.id,
      s.type === 'text'
        ? { type: 'text', text: `${s.label}：按计划推进` }
        : s.type === 'yearlyTargets'
          ? { type: 'yearlyTargets', targets: Array.from({ length: years }, (_, i) => ({ year: i + 1, target: `第${i + 1}年目标` })) }
          : { type: 'schedule', milestones: [{ date: awardedOn, milestone: '启动' }] },
    ]),
  );
}

const allowedLine = (p: Programme, amount: string) => ({
  categoryId: categoryGroups(p).allowed[0]!,
  amount,
  purpose: '开展项目活动',
  justification: null,
});
/** A category this programme neither allows nor forbids. */
const unlistedOf = (p: Programme) => categoryGroups(p).others[0]!;

describe.each(cases)('%s: award file → agreement → budget', (_id, p) => {
  const pa = p.postAward!;
  const agreement = pa.agreement!;
  const budget = pa.budget!;
  const kind = p.kinds.find((k) => k.applicantType === 'society')!;

  it('creates the file on first open (once, audited), sets the amount against the funding rule, files the agreement as the data says', async () => {
    const applicationId = await importAward(p);
    const awardId = awardIdOf(applicationId);
    let v = ok(await call('get', { applicationId }, SEC));
    expect(v).toMatchObject({
      id: awardId,
      awardedOn: '2026-06-01',
      status: 'amount',
      amountFen: null,
      side: 'applicant',
      applicantName: '益阳市农学会',
    });
    ok(await call('get', { awardId }, CITY));
    expect((await h.deps.store.awards.auditOf(awardId)).map((a) => a.action)).toEqual(['award.create']);

    // the amount: staff who decide the budget; the secretary and a county reader may not
    expect((await call('setAmount', { awardId, amount: '100', requestId: rid(), revision: v.revision }, SEC)).error?.code).toBe(
      'AUTH.FORBIDDEN',
    );
    expect((await call('setAmount', { awardId, amount: '100', requestId: rid(), revision: v.revision }, COUNTY)).error?.code).toBe(
      'AUTH.FORBIDDEN',
    );
    if (kind.funding.type === 'capPerYear') {
      const over = `${kind.funding.capYuan}.01`;
      const before = await h.snapshot();
      const r = await call('setAmount', { awardId, amount: over, requestId: rid(), revision: v.revision }, CITY);
      expect(r.error?.code).toBe('AWARD.AMOUNT_REFUSED');
      expect(r.error?.issues?.[0]?.message).toContain(fenText(yuanToFen(kind.funding.capYuan)));
      expect(r.error?.issues?.[0]?.message).toContain(kind.funding.clause);
      expect(await h.snapshot()).toEqual(before);
    }
    const bad = await call('setAmount', { awardId, amount: '12.345', requestId: rid(), revision: v.revision }, CITY);
    expect(bad.error?.code).toBe('INPUT.INVALID');
    ok(await call('setAmount', { awardId, amount: '12345.67', reason: '按年度额度核定', requestId: rid(), revision: v.revision }, CITY));
    v = ok(await call('get', { awardId }, SEC));
    expect(v.amountFen).toBe(1_234_567);
    expect(v.status).toBe('agreement');

    // agreement: a draft is kept; a submission missing sections says which, per section
    const first = agreement.sections[0]!;
    const partial = first.type === 'text' ? { [first.id]: { type: 'text', text: '草稿' } } : {};
    ok(await call('saveAgreement', { awardId, answers: partial, requestId: rid(), revision: v.revision }, SEC));
    v = ok(await call('get', { awardId }, SEC));
    expect(v.agreement.statusLabel).toBe('填写中');
    const incomplete = await call('submitAgreement', { awardId, answers: {}, requestId: rid(), revision: v.revision }, SEC);
    expect(incomplete.error?.code).toBe('AWARD.AGREEMENT_INCOMPLETE');
    for (const s of agreement.sections.filter((x) => x.required))
      expect(incomplete.error?.issues?.some((i: { message: string }) => i.message.includes(s.label))).toBe(true);
    // a milestone outside the cycle is refused even in a draft
    const sched = agreement.sections.find((s) => s.type === 'schedule');
    if (sched) {
      const late = await call(
        'saveAgreement',
        {
          awardId,
          answers: { [sched.id]: { type: 'schedule', milestones: [{ date: '2035-01-01', milestone: '太晚' }] } },
          requestId: rid(),
          revision: v.revision,
        },
        SEC,
      );
      expect(late.error?.code).toBe('INPUT.INVALID');
      expect(late.error?.issues?.[0]?.message).toContain('项目周期内');
    }
    const answers = fullAnswers(p, '2026-06-01');
    ok(await call('submitAgreement', { awardId, answers, requestId: rid(), revision: v.revision }, SEC));
    v = ok(await call('get', { awardId }, CITY));
    if (agreement.filing === 'record') {
      expect(v.agreement).toMatchObject({ status: 'accepted', statusLabel: '已备案' });
      // 备案: no approval, but staff may still return it
      expect(
        (await call('decideAgreement', { awardId, decision: 'approve', comment: '', requestId: rid(), revision: v.revision }, CITY)).error
          ?.code,
      ).toBe('AWARD.STEP_NOT_ALLOWED');
    } else expect(v.agreement).toMatchObject({ status: 'submitted', statusLabel: '待审核' });
    expect(v.can.decideAgreement).toBe(true);
    // returning needs a comment; county staff read but do not decide
    expect(
      (await call('decideAgreement', { awardId, decision: 'return', comment: ' ', requestId: rid(), revision: v.revision }, CITY)).error
        ?.code,
    ).toBe('INPUT.INVALID');
    expect(
      (await call('decideAgreement', { awardId, decision: 'return', comment: '请补充', requestId: rid(), revision: v.revision }, COUNTY))
        .error?.code,
    ).toBe('AUTH.FORBIDDEN');
    ok(
      await call(
        'decideAgreement',
        { awardId, decision: 'return', comment: '请细化年度目标', requestId: rid(), revision: v.revision },
        CITY,
      ),
    );
    v = ok(await call('get', { awardId }, SEC));
    // the applicant reads who decided as the role (市科协), staff the colleague's name
    expect(v.agreement).toMatchObject({
      status: 'returned',
      decision: { comment: '请细化年度目标', byName: postAwardRoleLabels[agreement.decidedBy] },
    });
    expect(ok(await call('get', { awardId }, COUNTY)).agreement.decision.byName).toBe((await h.deps.store.org.person(CITY))!.name);
    expect(v.can.editAgreement).toBe(true);
    ok(await call('submitAgreement', { awardId, answers, requestId: rid(), revision: v.revision }, SEC));
    v = ok(await call('get', { awardId }, CITY));
    if (agreement.filing === 'approve') {
      ok(await call('decideAgreement', { awardId, decision: 'approve', comment: '', requestId: rid(), revision: v.revision }, CITY));
      v = ok(await call('get', { awardId }, SEC));
    }
    expect(v.agreement.status).toBe('accepted');
    expect(v.can.editAgreement).toBe(false);
    expect(v.status).toBe('budget');

    // the .docx for stamping: title, unit, sections, clause
    const file = ok(await call('exportAgreement', { awardId }, SEC));
    expect(file.file.name).toMatch(/\.docx$/);
    const text = await docxText(Buffer.from(file.base64, 'base64'));
    expect(text).toContain('益阳市农学会');
    expect(text).toContain(agreement.label);
    for (const s of agreement.sections) expect(text).toContain(s.label);
    expect(text).toContain('（盖章）');
  });

  it(`every forbidden category is refused with the programme's clause; unlisted needs a justification; the total is capped to the award`, async () => {
    const awardId = awardIdOf(await importAward(p));
    let v = ok(await call('get', { awardId }, SEC));
    ok(await call('setAmount', { awardId, amount: '10000', requestId: rid(), revision: v.revision }, CITY));
    v = ok(await call('get', { awardId }, SEC));
    const { forbidden } = categoryGroups(p);
    expect(forbidden.length).toBeGreaterThan(0);
    const before = await h.snapshot();
    const refused = await call(
      'saveBudget',
      {
        awardId,
        lines: forbidden.map((c) => ({ categoryId: c, amount: '1', purpose: 'x', justification: '确有需要' })),
        requestId: rid(),
        revision: v.revision,
      },
      SEC,
    );
    expect(refused.error?.code).toBe('AWARD.BUDGET_REFUSED');
    forbidden.forEach((c, i) => {
      const issue = refused.error!.issues!.find((x) => x.path === `lines.${i}.categoryId`);
      expect(issue?.message).toBe(
        `第 ${i + 1} 行：专项资金不得用于${expenseCategories[c as keyof typeof expenseCategories]}（${p.expenses!.forbidden.clause}）`,
      );
    });
    expect(await h.snapshot()).toEqual(before);

    const unlisted = unlistedOf(p);
    const noWhy = await call(
      'saveBudget',
      {
        awardId,
        lines: [allowedLine(p, '100'), { categoryId: unlisted, amount: '50', purpose: '其他', justification: '' }],
        requestId: rid(),
        revision: v.revision,
      },
      SEC,
    );
    expect(noWhy.error?.issues?.map((x) => x.path)).toEqual(['lines.1.justification']);
    expect(noWhy.error?.issues?.[0]?.message).toContain('请说明');

    const tooMuch = await call(
      'saveBudget',
      { awardId, lines: [allowedLine(p, '9000.00'), allowedLine(p, '1000.01')], requestId: rid(), revision: v.revision },
      SEC,
    );
    expect(tooMuch.error?.code).toBe('AWARD.BUDGET_REFUSED');
    expect(tooMuch.error?.issues?.[0]?.message).toContain(
      `预算合计 ${fenText(1_000_001)} 超过核定金额 ${fenText(1_000_000)}（${budget.clause}）`,
    );

    // fixed: the allowed line and the unlisted one with its reason are saved and flagged for the decider
    ok(
      await call(
        'saveBudget',
        {
          awardId,
          lines: [allowedLine(p, '9000.50'), { categoryId: unlisted, amount: '999.50', purpose: '其他', justification: '与项目直接相关' }],
          requestId: rid(),
          revision: v.revision,
        },
        SEC,
      ),
    );
    v = ok(await call('get', { awardId }, CITY));
    expect(v.budgets[0]).toMatchObject({ version: 1, status: 'draft', totalFen: 1_000_000 });
    expect(v.budgets[0].lines.map((l: { kind: string }) => l.kind)).toEqual(['allowed', 'unlisted']);
  });

  it('submit → return → submit → approve; a change is a new version approved the same way (or refused where the data allows none); retries are idempotent', async () => {
    const awardId = awardIdOf(await importAward(p));
    let v = ok(await call('get', { awardId }, SEC));
    const lines = [allowedLine(p, '6000'), allowedLine(p, '4000')];
    // no amount yet: a submission waits for it
    const early = await call('submitBudget', { awardId, lines, requestId: rid(), revision: v.revision }, SEC);
    expect(early.error?.issues?.map((x) => x.message)).toContain('核定金额尚未确定，暂不能提交预算');
    ok(await call('setAmount', { awardId, amount: '10000', requestId: rid(), revision: v.revision }, CITY));
    v = ok(await call('get', { awardId }, SEC));
    const retryId = rid();
    const a1 = ok(await call('submitBudget', { awardId, lines, requestId: retryId, revision: v.revision }, SEC));
    const a2 = ok(await call('submitBudget', { awardId, lines, requestId: retryId, revision: v.revision }, SEC));
    expect(a2).toEqual(a1);
    expect((await h.deps.store.awards.auditOf(awardId)).filter((e) => e.action === 'award.submitBudget')).toHaveLength(1);
    // stale revision refused
    expect((await call('saveBudget', { awardId, lines, requestId: rid(), revision: v.revision }, SEC)).error?.code).toBe(
      'CONFLICT.VERSION',
    );
    v = ok(await call('get', { awardId }, CITY));
    expect(v.can.decideBudget).toBe(true);
    expect(
      (await call('decideBudget', { awardId, decision: 'approve', comment: '', requestId: rid(), revision: v.revision }, COUNTY)).error
        ?.code,
    ).toBe('AUTH.FORBIDDEN');
    ok(await call('decideBudget', { awardId, decision: 'return', comment: '请细化用途', requestId: rid(), revision: v.revision }, CITY));
    v = ok(await call('get', { awardId }, SEC));
    expect(v.budgets[0]).toMatchObject({ status: 'returned', decision: { comment: '请细化用途' } });
    ok(await call('submitBudget', { awardId, lines, requestId: rid(), revision: v.revision }, SEC));
    v = ok(await call('get', { awardId }, CITY));
    ok(await call('decideBudget', { awardId, decision: 'approve', comment: '同意', requestId: rid(), revision: v.revision }, CITY));
    v = ok(await call('get', { awardId }, SEC));
    expect(v).toMatchObject({ inForce: 0, pending: -1 });
    expect(v.can.editBudget).toBe(false);
    expect(v.can.setAmount).toBe(false);
    // after approval the amount is fixed
    const fixed = await call('setAmount', { awardId, amount: '9000', requestId: rid(), revision: v.revision }, CITY);
    expect(fixed.error?.code).toBe('AWARD.STEP_NOT_ALLOWED');
    // editing the approved budget directly is refused
    expect((await call('saveBudget', { awardId, lines, requestId: rid(), revision: v.revision }, SEC)).error?.code).toBe(
      'AWARD.STEP_NOT_ALLOWED',
    );

    const changed = [allowedLine(p, '7000'), allowedLine(p, '3000')];
    changed[1]!.categoryId = categoryGroups(p).allowed[1] ?? changed[1]!.categoryId;
    const change = await call(
      'proposeBudgetChange',
      { awardId, changeReason: '活动调整', lines: changed, requestId: rid(), revision: v.revision },
      SEC,
    );
    if (!budget.changes) {
      expect(v.can.proposeChange).toBe(false);
      expect(v.changeRefusal).toBe(`本项目预算批复后不得调整（${budget.clause}）`);
      expect(change.error?.code).toBe('AWARD.STEP_NOT_ALLOWED');
      expect(change.error?.message).toBe(`本项目预算批复后不得调整（${budget.clause}）`);
      return;
    }
    expect(v.can.proposeChange).toBe(true);
    ok(change);
    v = ok(await call('get', { awardId }, CITY));
    // the approved version stays in force until the change is approved
    expect(v).toMatchObject({ inForce: 0, pending: 1 });
    expect(v.budgets[1]).toMatchObject({ version: 2, status: 'submitted', changeReason: '活动调整' });
    expect(v.budgets[1].diff.length).toBeGreaterThan(0);
    ok(await call('decideBudget', { awardId, decision: 'approve', comment: '同意调整', requestId: rid(), revision: v.revision }, CITY));
    v = ok(await call('get', { awardId }, SEC));
    expect(v).toMatchObject({ inForce: 1, pending: -1 });
    expect(v.budgets.map((b: { status: string }) => b.status)).toEqual(['approved', 'approved']);
  });
});

describe('who sees an award', () => {
  const p = withFile[0]!;

  it("someone else's award is refused; another county's staff are refused; the award's county reads but does not decide; list shows names", async () => {
    const applicationId = await importAward(p);
    const awardId = awardIdOf(applicationId);
    expect((await call('get', { applicationId }, OTHER_SEC)).error?.code).toBe('AUTH.FORBIDDEN');
    expect((await call('get', { applicationId }, OTHER_COUNTY)).error?.code).toBe('AUTH.FORBIDDEN');
    // nothing was created by refused opens
    expect(await h.deps.store.awards.get(awardId)).toBeNull();
    const county = ok(await call('get', { applicationId }, COUNTY));
    expect(county.side).toBe('staff');
    expect(county.can).toMatchObject({ setAmount: false, decideAgreement: false, decideBudget: false, editAgreement: false });
    const v = ok(await call('get', { awardId }, SEC));
    expect((await call('saveAgreement', { awardId, answers: {}, requestId: rid(), revision: v.revision }, OTHER_SEC)).error?.code).toBe(
      'AUTH.FORBIDDEN',
    );

    const mine = ok(await call('list', {}, SEC));
    expect(mine.side).toBe('applicant');
    expect(mine.items.map((x: { id: string }) => x.id)).toEqual([awardId]);
    expect(mine.items[0]).toMatchObject({ applicantName: '益阳市农学会', programmeTitle: p.title, statusLabel: '待核定金额' });
    expect(ok(await call('list', {}, OTHER_SEC)).items).toEqual([]);
    expect(ok(await call('list', {}, OTHER_COUNTY)).items).toEqual([]);
    const city = ok(await call('list', {}, CITY));
    expect(city.items.map((x: { id: string }) => x.id)).toContain(awardId);
    expect(city.items.find((x: { id: string }) => x.id === awardId).actionable).toBe(true);
    expect(ok(await call('list', { status: 'running' }, CITY)).items.map((x: { id: string }) => x.id)).not.toContain(awardId);
    expect(ok(await call('list', { year: 2025 }, CITY)).items.map((x: { id: string }) => x.id)).not.toContain(awardId);
    expect(ok(await call('list', { programmeId: p.id, year: 2026 }, COUNTY)).items.map((x: { id: string }) => x.id)).toEqual([awardId]);
  });

  it('an application not awarded has no award file', async () => {
    const station = programmes['yiyang-station-2023'];
    const r = ok(
      await h.call(
        'org',
        'importAward',
        {
          requestId: rid(),
          award: {
            programmeId: station.id,
            kindId: 'station',
            societyId: 'soc-agri',
            hostUnitId: 'hu-yuanjiang-machine',
            level: 'city',
            stage: 1,
            awardedOn: '2026-03-01',
            title: '农学会服务站',
            source: '测试导入',
          },
        },
        CITY,
      ),
    );
    const res = await call('get', { applicationId: r.id }, CITY);
    expect(res.error?.code).toBe('AWARD.NOT_AWARDED');
    expect(res.error?.message).toContain('服务站');
  });
});

/** The text of a .docx (every w:t run of word/document.xml). */
async function docxText(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

describe('the local demo', () => {
  it('holds awarded society applications of two programmes for 湖南省茶叶学会, listed in 项目执行 for its secretary and the city', async () => {
    const d = await makeDeps({ now: '2026-11-20T10:00:00+08:00', seeders: [seedDemoAwards] });
    try {
      const mine = (await d.call('awards', 'list', {}, 'p-sec-tea')).data;
      expect(mine.items.map((x: { programmeId: string }) => x.programmeId).sort()).toEqual(demoAwards.map((a) => a.programmeId).sort());
      expect(
        mine.items.every(
          (x: { applicantName: string; awardedOn: string }) => x.applicantName === '湖南省茶叶学会' && x.awardedOn === '2026-10-06',
        ),
      ).toBe(true);
      const city = (await d.call('awards', 'list', {}, CITY)).data;
      expect(city.items).toHaveLength(demoAwards.length);
    } finally {
      await d.close();
    }
  });
});
