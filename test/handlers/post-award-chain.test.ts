import type { CheckRow } from '../../shared/api/awards-checks';
import { addDays, addMonthsClamped, chinaDateOf } from '../../shared/calendar';
import type { ApplicationKind, Programme } from '../../shared/programmes';
import { expenseCategories } from '../../shared/programmes/expense-categories';
import type { CheckRule, PaymentCondition, PaymentRule } from '../../shared/programmes/post-award';
import { registeredProgrammes } from '../fixtures/programmes';
import type { Harness } from '../support/handlers';
import { callsOf, draftReady, harness, ok, rid, roundIdOf, TEST_UNITS } from './applications-support';

/**
 * The whole post-award chain of every registered society programme with post-award data, through the
 * real functions on the SQLite host (issue 14 acceptance): award (imported as awarded by city staff) →
 * award file → amount → task agreement → budget (a forbidden line refused with that programme's clause,
 * then a valid budget approved) → every check of postAward.checks (materials, every opinion the data
 * names — the finance bureau for 市财政局意见 —, outcome, publicity where the data says) → money (each
 * payment rule due exactly when its conditions hold, recorded with a voucher; an expense with
 * receipts) → consequences. Every step is decided from the programme's data, never by programme id.
 * The failure branches: each check with onFail fails → its proposals → confirmed (ban refused by
 * eligibility in the next round with its last day; clawback 'all' demanded in full, refunded,
 * outstanding 0) or dismissed (no ban); misconduct; money unspent when the budget window ended.
 */
let h: Harness;
afterEach(async () => {
  await h?.close();
});
const DAY = 86_400_000;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n').toString('base64');
const today = () => chinaDateOf(h.clock.now());

/** Registered programmes (built-in and test-registered) whose data asks for an award file; stations have their own chain below. */
const societyProgrammes = registeredProgrammes.filter((p) => p.postAward && (p.postAward.agreement || p.postAward.budget));
const UNIT_INDEX = 3;
const UNIT = TEST_UNITS[UNIT_INDEX]!;
const STAFF: Record<string, string> = {
  cityStaff: 'p-city-staff',
  talentOffice: 'p-talent',
  countyStaff: 'p-heshan-staff',
  financeBureau: 'p-finance',
  reviewer: 'p-reviewer-1',
};

/** The first kind that pays (the chain follows money). */
const payingKind = (p: Programme): ApplicationKind => p.kinds.find((k) => k.funding.type !== 'none')!;
/** An award amount the kind's funding rule accepts: the cap itself for a capped kind, else 30,001 元. */
const awardYuan = (k: ApplicationKind): number => (k.funding.type === 'capPerYear' ? k.funding.capYuan : 30_001);
/** What one payment rule pays for an award of `yuan` (read from the funding rule; later years of a fraction rule rounded down to the 元, as its note says). */
function expectedPaymentFen(k: ApplicationKind, rule: PaymentRule, yuan: number): number {
  const f = k.funding;
  if (f.type === 'firstAwardThenFraction' && rule.yearIndex > 1) return Math.floor((yuan * f.laterNumerator) / f.laterDenominator) * 100;
  return yuan * 100;
}

type Reached = { agreementAccepted: boolean; budgetApproved: boolean; receiptProof: boolean; passed: Set<string> };
const holds = (c: PaymentCondition, r: Reached, rules: readonly CheckRule[]): boolean => {
  switch (c.type) {
    case 'award':
      return true;
    case 'agreementAccepted':
      return r.agreementAccepted;
    case 'budgetApproved':
      return r.budgetApproved;
    case 'receiptProof':
      return r.receiptProof;
    case 'checkPassed': {
      const rule = rules.find((x) => x.id === c.checkId)!;
      const years = c.year !== undefined ? [c.year] : rule.due.type === 'yearly' ? rule.due.years : [1];
      return years.every((y) => r.passed.has(`${c.checkId}:${y}`));
    }
    case 'assessmentPassed':
      return false;
  }
};

async function must(what: string, p: Promise<{ ok: boolean; data?: any; error?: any }>) {
  const r = await p;
  if (!r.ok) throw new Error(`${what}: ${JSON.stringify(r.error)}`);
  return r.data;
}

/** City staff import the award of UNIT's society as awarded today; the award file opens on `get`. */
async function importAwarded(p: Programme, kind: ApplicationKind) {
  const imported = await must(
    'importAward',
    h.call(
      'org',
      'importAward',
      {
        requestId: rid(),
        award: {
          programmeId: p.id,
          kindId: kind.id,
          societyId: UNIT.societyId,
          awardedOn: today(),
          title: `${p.title}链路项目`,
          source: '链路测试',
        },
      },
      'p-city-staff',
    ),
  );
  const view = await must('get', h.call('awards', 'get', { applicationId: imported.id }, UNIT.secretary));
  return view as { id: string; revision: number; status: string; categories: any; amountFen: number | null };
}

function agreementAnswers(p: Programme, awardedOn: string) {
  const out: Record<string, unknown> = {};
  const years = p.cycle.cycleYears ?? 1;
  for (const s of p.postAward!.agreement?.sections ?? []) {
    if (s.type === 'text') out[s.id] = { type: 'text', text: `${s.label}：按任务书执行。` };
    if (s.type === 'yearlyTargets')
      out[s.id] = {
        type: 'yearlyTargets',
        targets: Array.from({ length: years }, (_, i) => ({ year: i + 1, target: `第 ${i + 1} 年目标` })),
      };
    if (s.type === 'schedule') out[s.id] = { type: 'schedule', milestones: [{ date: addDays(awardedOn, 60), milestone: '完成主要活动' }] };
  }
  return out;
}

interface Running {
  awardId: string;
  yuan: number;
  kind: ApplicationKind;
  lines: { id: string; categoryId: string; amountFen: number }[];
  reached: Reached;
}

/** amount → agreement → budget (forbidden line refused with the clause first) through the actions; asserts each payment's status on the way. */
async function toRunning(p: Programme, assertDue: (r: Running) => Promise<void> = async () => {}): Promise<Running> {
  const pa = p.postAward!;
  const kind = payingKind(p);
  const yuan = awardYuan(kind);
  const award = await importAwarded(p, kind);
  const awardId = award.id;
  expect(award.status).toBe('amount');
  const decider = STAFF[pa.budget?.decidedBy ?? pa.agreement!.decidedBy]!;
  let rev = award.revision;
  if (kind.funding.type === 'capPerYear') {
    // one 分 above the cap is refused with the funding clause
    const over = await h.call('awards', 'setAmount', { awardId, amount: `${yuan}.01`, revision: rev, requestId: rid() }, decider);
    expect(over.error?.issues?.[0]?.message ?? over.error?.message).toContain(`（${kind.funding.clause}）`);
  }
  rev = (
    await must('setAmount', h.call('awards', 'setAmount', { awardId, amount: String(yuan), revision: rev, requestId: rid() }, decider))
  ).revision;
  const run: Running = {
    awardId,
    yuan,
    kind,
    lines: [],
    reached: { agreementAccepted: false, budgetApproved: false, receiptProof: false, passed: new Set() },
  };
  await assertDue(run);

  if (pa.agreement) {
    const answers = agreementAnswers(p, today());
    rev = (
      await must(
        'submitAgreement',
        h.call('awards', 'submitAgreement', { awardId, answers, revision: rev, requestId: rid() }, UNIT.secretary),
      )
    ).revision;
    if (pa.agreement.filing === 'approve') {
      await assertDue(run); // submitted is not accepted
      rev = (
        await must(
          'decideAgreement',
          h.call(
            'awards',
            'decideAgreement',
            { awardId, decision: 'approve', comment: '同意', revision: rev, requestId: rid() },
            STAFF[pa.agreement.decidedBy]!,
          ),
        )
      ).revision;
    }
    const v = await must('get', h.call('awards', 'get', { awardId }, UNIT.secretary));
    expect(v.agreement.status).toBe('accepted');
    run.reached.agreementAccepted = true;
    await assertDue(run);
  }

  if (pa.budget) {
    const v = await must('get', h.call('awards', 'get', { awardId }, UNIT.secretary));
    const forbidden = p.expenses!.forbidden.ids[0]!;
    const allowed = p.expenses!.allowed.ids;
    expect(allowed.length).toBeGreaterThan(0);
    const before = h.snapshot();
    const refused = await h.call(
      'awards',
      'submitBudget',
      {
        awardId,
        lines: [{ categoryId: forbidden, amount: String(yuan), purpose: '人员支出', justification: null }],
        revision: v.revision,
        requestId: rid(),
      },
      UNIT.secretary,
    );
    expect(refused.error?.code).toBe('AWARD.BUDGET_REFUSED');
    expect(refused.error?.issues?.[0]?.message).toBe(
      `第 1 行：专项资金不得用于${expenseCategories[forbidden as keyof typeof expenseCategories]}（${p.expenses!.forbidden.clause}）`,
    );
    expect(h.snapshot()).toEqual(before);
    // a valid budget: the award split over the first two allowed categories (all of it on one when only one is allowed)
    const second = allowed.length > 1 ? 10_000 : 0;
    const lines = [
      { categoryId: allowed[0]!, amount: String(yuan - second), purpose: '项目活动支出', justification: null },
      ...(second ? [{ categoryId: allowed[1]!, amount: String(second), purpose: '资料印制', justification: null }] : []),
    ];
    rev = (
      await must(
        'submitBudget',
        h.call('awards', 'submitBudget', { awardId, lines, revision: v.revision, requestId: rid() }, UNIT.secretary),
      )
    ).revision;
    await assertDue(run);
    rev = (
      await must(
        'decideBudget',
        h.call(
          'awards',
          'decideBudget',
          { awardId, decision: 'approve', comment: '同意', revision: rev, requestId: rid() },
          STAFF[pa.budget.decidedBy]!,
        ),
      )
    ).revision;
    const after = await must('get', h.call('awards', 'get', { awardId }, UNIT.secretary));
    expect(after.status).toBe('running');
    run.lines = after.budgets[after.inForce].lines.map((l: any) => ({ id: l.id, categoryId: l.categoryId, amountFen: l.amountFen }));
    expect(run.lines.reduce((a, l) => a + l.amountFen, 0)).toBe(yuan * 100);
    run.reached.budgetApproved = true;
    await assertDue(run);
  }
  return run;
}

/** The clock moved to ten days before a check's due date (never back): each check is walked in its own season. */
function nearDue(dueDate: string) {
  const at = Date.parse(`${addDays(dueDate, -10)}T10:00:00+08:00`);
  if (at > h.clock.now()) h.clock.set(at);
}

const subjectOf = (awardId: string) => ({ type: 'award' as const, id: awardId });
const moneyOf = async (awardId: string, who = 'p-city-staff') =>
  await must('moneyView', h.call('awards', 'moneyView', { subject: subjectOf(awardId) }, who));

/** Every payment rule's status is 'due' exactly when all its conditions hold (else waiting), at the data's amount. */
function dueAsserter(p: Programme) {
  return async (run: Running) => {
    const m = await moneyOf(run.awardId);
    for (const rule of p.postAward!.payments) {
      const line = m.view.due.find((d: { paymentId: string }) => d.paymentId === rule.id);
      const expected = rule.after.every((c) => holds(c, run.reached, p.postAward!.checks)) ? 'due' : 'waiting';
      expect({ payment: rule.id, status: line?.status, amountFen: line?.amountFen }).toEqual({
        payment: rule.id,
        status: line?.paidFen > 0 ? 'paid' : expected,
        amountFen: expectedPaymentFen(run.kind, rule, run.yuan),
      });
    }
  };
}

async function ledgerFile(awardId: string, who: string, name: string) {
  return await must(
    'uploadLedgerFile',
    h.call(
      'awards',
      'uploadLedgerFile',
      { subject: subjectOf(awardId), name, mime: 'application/pdf', base64: PDF, requestId: rid() },
      who,
    ),
  );
}

/** Staff pay every payment now due, with a voucher; answers what was paid. */
async function payDue(run: Running): Promise<number> {
  const m = await moneyOf(run.awardId);
  let total = 0;
  for (const d of m.view.due as { paymentId: string; status: string; payableFen: number }[]) {
    if (d.status !== 'due') continue;
    const voucher = await ledgerFile(run.awardId, 'p-city-staff', '拨付凭证.pdf');
    await must(
      `recordPayment ${d.paymentId}`,
      h.call(
        'awards',
        'recordPayment',
        {
          subject: subjectOf(run.awardId),
          paymentId: d.paymentId,
          amountFen: d.payableFen,
          date: today(),
          vouchers: [voucher],
          requestId: rid(),
        },
        'p-city-staff',
      ),
    );
    total += d.payableFen;
  }
  return total;
}

async function uploadCheck(checkId: string, name: string) {
  return await must(
    'uploadCheckFile',
    h.call('awards', 'uploadCheckFile', { checkId, name, mime: 'application/pdf', base64: PDF }, UNIT.secretary),
  );
}
/** Materials (every item the data lists) → submit → every opinion the data names (by its role) → the decider's outcome. */
async function walkCheck(p: Programme, docId: string, decision: 'pass' | 'fail') {
  const view = await must('getCheck', h.call('awards', 'getCheck', { checkId: docId }, UNIT.secretary));
  const rule = p.postAward!.checks.find((c) => c.id === view.checkId)!;
  expect(view.materials.map((m: { id: string }) => m.id)).toEqual(rule.materials.map((m) => m.id));
  const materials: Record<string, unknown[]> = {};
  for (const m of rule.materials) materials[m.id] = [await uploadCheck(docId, `${m.label}.pdf`)];
  const saved = await must(
    'saveCheckMaterials',
    h.call('awards', 'saveCheckMaterials', { requestId: rid(), checkId: docId, revision: view.revision, materials }, UNIT.secretary),
  );
  let rev = (
    await must(
      'submitCheck',
      h.call('awards', 'submitCheck', { requestId: rid(), checkId: docId, revision: saved.revision }, UNIT.secretary),
    )
  ).revision;
  for (const o of rule.opinions) {
    // the decision waits for each opinion the data names
    const early = await h.call(
      'awards',
      'decideCheck',
      { requestId: rid(), checkId: docId, revision: rev, decision, reasons: ['提前'] },
      STAFF[rule.decidedBy]!,
    );
    expect(early.ok).toBe(false);
    rev = (
      await must(
        `giveOpinion ${o.id}`,
        h.call(
          'awards',
          'giveOpinion',
          { requestId: rid(), checkId: docId, opinionId: o.id, passed: decision === 'pass', text: `${o.label}：已审阅` },
          STAFF[o.role]!,
        ),
      )
    ).revision;
  }
  const reasons = decision === 'pass' ? ['材料齐全，目标完成'] : ['年度目标任务未完成'];
  await must(
    'decideCheck',
    h.call('awards', 'decideCheck', { requestId: rid(), checkId: docId, revision: rev, decision, reasons }, STAFF[rule.decidedBy]!),
  );
  return rule;
}

const checkRows = async (awardId: string) =>
  (await must('listChecks', h.call('awards', 'listChecks', { awardId }, 'p-city-staff'))).items as CheckRow[];
const consequencesOf = async (awardId: string, who = 'p-city-staff') =>
  await must('listConsequences', h.call('awards', 'listConsequences', { subject: subjectOf(awardId) }, who));
const decideConsequence = (awardId: string, item: { id: string; refundNeedsAmount: boolean }, decision: 'confirm' | 'dismiss') =>
  h.call(
    'awards',
    'decideConsequence',
    {
      requestId: rid(),
      subject: subjectOf(awardId),
      consequenceId: item.id,
      decision,
      reason: '经市科协研究',
      ...(decision === 'confirm' && item.refundNeedsAmount ? { refundYuan: '100.00' } : {}),
    },
    'p-city-staff',
  );

/** The not-banned criterion of the same society's precheck in this programme's open round. */
async function notBanned(p: Programme) {
  // the next round: the demo opened this year's; a later year's is opened by city staff as each year
  if ((await h.deps.store.applications.round(roundIdOf(h, p.id))) === null) {
    const year = Number(today().slice(0, 4));
    // the numbers the programme leaves to each round (奖励名额…) set as the city would
    await must(
      'setProgrammeEnabled',
      h.call(
        'org',
        'setProgrammeEnabled',
        { castUnitId: 'cast-yiyang', programmeId: p.id, enabled: true, requestId: rid() },
        'p-city-staff',
      ),
    );
    const limits = Object.fromEntries(p.limits.filter((l) => l.type === 'perRound' && l.max === null).map((l) => [l.id, 10]));
    await must(
      'saveRound',
      h.call(
        'org',
        'saveRound',
        { requestId: rid(), round: { programmeId: p.id, year, opensOn: today(), closesOn: `${year}-12-31`, limits } },
        'p-city-staff',
      ),
    );
  }
  const { applicationId, personId } = await draftReady(h, p, payingKind(p), UNIT_INDEX);
  const pre = ok(await callsOf(h)('precheck', { applicationId }, personId));
  // a programme without any ban has no not-banned criterion: read as met
  const criterion = pre.eligibility.criteria.find((c: { id: string }) => c.id === 'not-banned') ?? { status: 'met', reason: '' };
  return { criterion, applicationId, personId };
}
const banLastDay = (from: string, years: number) => addDays(addMonthsClamped(from, 12 * years), -1);

// ───────────────────────── the passing chain, per programme ─────────────────────────

it('the generated chains cover every registered programme with post-award data (none left out by the filters)', () => {
  const withPostAward = registeredProgrammes.filter((p) => p.postAward).map((p) => p.id);
  const walked = [
    ...societyProgrammes,
    ...registeredProgrammes.filter((p) => p.postAward && !(p.postAward.agreement || p.postAward.budget)),
  ];
  expect(walked.map((p) => p.id).sort()).toEqual([...withPostAward].sort());
  expect(withPostAward.length).toBeGreaterThanOrEqual(5);
  // every check with onFail has a failure branch; every misconduct / unspent penalty a branch
  const onFail = societyProgrammes.flatMap((p) => p.postAward!.checks.filter((c) => c.onFail.length).map((c) => `${p.id}:${c.id}`));
  expect(onFail.length).toBeGreaterThan(0);
});

/** The rules one passing chain proves: the agreement, the budget, every check, every payment it makes due. */
const chainTags = (p: Programme): string => {
  const pa = p.postAward!;
  const ids = [
    ...(pa.agreement ? ['post-award.agreement'] : []),
    ...(pa.budget ? ['post-award.budget'] : []),
    ...pa.checks.map((c) => `post-award.check.${c.id}`),
    ...pa.payments.map((r) => `post-award.payment.${r.id}`),
  ];
  return ids.map((id) => `[${p.id}:${id}]`).join(' ');
};

describe('post-award chain: every society programme walks award → agreement → budget → checks → money → no consequence', () => {
  it.each(societyProgrammes.map((p) => [chainTags(p), p] as const))('%s the whole chain from the data', async (_t, p) => {
    h = await harness();
    h.clock.set(Date.parse('2026-03-02T10:00:00+08:00'));
    const pa = p.postAward!;
    const assertDue = dueAsserter(p);
    const run = await toRunning(p, assertDue);
    let paid = await payDue(run);

    // checks: every check the data owes, in due order; yearly checks once per listed year
    const expectedIds = pa.checks.flatMap((c) => (c.due.type === 'yearly' ? c.due.years : [1]).map((y) => `${c.id}:${y}`)).sort();
    const rows = await checkRows(run.awardId);
    expect(rows.map((r) => `${r.checkId}:${r.year}`).sort()).toEqual(expectedIds);
    for (const row of [...rows].sort((a, b) => a.dueDate.localeCompare(b.dueDate))) {
      nearDue(row.dueDate);
      const rule = await walkCheck(p, row.id, 'pass');
      const after = (await checkRows(run.awardId)).find((r) => r.id === row.id)!;
      if (rule.publicity) {
        // counted only once its publicity ended without an upheld objection
        expect(after.counts).toBe('open');
        await assertDue(run);
        h.clock.set(Date.parse(`${addDays(after.publicityEnd!, 1)}T10:00:00+08:00`));
        const later = (await checkRows(run.awardId)).find((r) => r.id === row.id)!;
        expect(later.counts).toBe('passed');
      } else expect(after.counts).toBe('passed');
      run.reached.passed.add(`${row.checkId}:${row.year}`);
      await assertDue(run);
      paid += await payDue(run);
    }
    // every payment rule whose conditions hold is paid in full. A rule waiting for the unit's receipt
    // voucher (receiptProof, Weihai 五(三)) waits until the unit files one (awards.submitReceiptProof),
    // then is due and paid.
    const proofRules = pa.payments.filter((r) => r.after.some((c) => c.type === 'receiptProof'));
    for (const rule of proofRules) {
      const line = (await moneyOf(run.awardId)).view.due.find((d: { paymentId: string }) => d.paymentId === rule.id);
      expect(line).toMatchObject({ status: 'waiting', unmet: ['尚未上传资金到账凭据'] });
    }
    if (proofRules.length) {
      const proof = await ledgerFile(run.awardId, UNIT.secretary, '资金到账凭据.pdf');
      const v = await must('get', h.call('awards', 'get', { awardId: run.awardId }, UNIT.secretary));
      await must(
        'submitReceiptProof',
        h.call(
          'awards',
          'submitReceiptProof',
          { awardId: run.awardId, proofs: [proof], revision: v.revision, requestId: rid() },
          UNIT.secretary,
        ),
      );
      run.reached.receiptProof = true;
      await assertDue(run);
      paid += await payDue(run);
    }
    const m = await moneyOf(run.awardId, UNIT.secretary);
    const payable = pa.payments.filter((r) => r.after.every((c) => holds(c, run.reached, pa.checks)));
    expect(m.view.totals.paidFen).toBe(payable.reduce((a, r) => a + expectedPaymentFen(run.kind, r, run.yuan), 0));
    expect(paid).toBe(m.view.totals.paidFen);

    // an expense with receipts against the first budget line, to the 分
    if (run.lines.length) {
      const receipt = await ledgerFile(run.awardId, UNIT.secretary, '发票.pdf');
      await must(
        'reportExpense',
        h.call(
          'awards',
          'reportExpense',
          {
            subject: subjectOf(run.awardId),
            budgetLineId: run.lines[0]!.id,
            amountFen: 123_456,
            date: today(),
            purpose: '会务支出',
            receipts: [receipt],
            requestId: rid(),
          },
          UNIT.secretary,
        ),
      );
      const after = await moneyOf(run.awardId);
      expect(after.view.totals).toMatchObject({ spentFen: 123_456, balanceFen: paid - 123_456 });
    }
    // a passing chain proposes nothing
    const c = await consequencesOf(run.awardId);
    expect({ open: c.openCount, items: c.items }).toEqual({ open: 0, items: [] });
  });
});

// ───────────────────────── failure branches: every check with onFail ─────────────────────────

const failing: [string, Programme, CheckRule, number][] = societyProgrammes.flatMap((p) =>
  p
    .postAward!.checks.filter((c) => c.onFail.length > 0)
    .map(
      (c) =>
        [`${p.id}:post-award.check.${c.id}`, p, c, c.due.type === 'yearly' ? c.due.years[0]! : 1] as [string, Programme, CheckRule, number],
    ),
);

/** Running award, payments made, the earlier checks passed, then `rule` (year) failed. */
async function failCheck(p: Programme, rule: CheckRule, year: number) {
  h = await harness();
  h.clock.set(Date.parse('2026-03-02T10:00:00+08:00'));
  const run = await toRunning(p);
  let paid = await payDue(run);
  const rows = (await checkRows(run.awardId)).sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  const target = rows.find((r) => r.checkId === rule.id && r.year === year)!;
  for (const row of rows.filter((r) => r.dueDate < target.dueDate && r.id !== target.id)) {
    nearDue(row.dueDate);
    await walkCheck(p, row.id, 'pass');
    const after = (await checkRows(run.awardId)).find((r) => r.id === row.id)!;
    if (after.publicityEnd) h.clock.set(Date.parse(`${addDays(after.publicityEnd, 1)}T10:00:00+08:00`));
    paid += await payDue(run);
  }
  nearDue(target.dueDate);
  await walkCheck(p, target.id, 'fail');
  const after = (await checkRows(run.awardId)).find((r) => r.id === target.id)!;
  expect(after.counts).toBe('failed');
  return { run, paid, outcomeOn: today() };
}

describe('failure branches: a failed check → its proposals → confirmed (ban / clawback / stop) or dismissed', () => {
  it.each(failing)(
    '[%s] failed → proposals of onFail → confirmed: ban read by eligibility, clawback refunded',
    async (_t, p, rule, year) => {
      const { run, paid, outcomeOn } = await failCheck(p, rule, year);
      const list = await consequencesOf(run.awardId);
      expect(list.items.map((i: { penaltyId: string }) => i.penaltyId).sort()).toEqual([...rule.onFail].sort());
      expect(list.openCount).toBe(rule.onFail.length);
      // the applicant sees nothing proposed; the society may still apply
      expect((await consequencesOf(run.awardId, UNIT.secretary)).items).toEqual([]);
      for (const item of list.items) {
        const penalty = p.penalties.find((x) => x.id === item.penaltyId)!;
        expect(item).toMatchObject({ status: 'proposed', clause: penalty.clause, trigger: penalty.trigger, banYears: penalty.banYears });
        const done = await must('decideConsequence', decideConsequence(run.awardId, item, 'confirm'));
        expect(done.status).toBe('confirmed');
        if (penalty.clawBack === 'all') expect(done.refundFen).toBe(paid);
      }
      const bans = list.items
        .map((i: { penaltyId: string }) => p.penalties.find((x) => x.id === i.penaltyId)!)
        .filter((x: any) => x.banYears > 0);
      const { criterion, applicationId, personId } = await notBanned(p);
      if (bans.length) {
        const longest = Math.max(...bans.map((b: { banYears: number }) => b.banYears));
        expect(criterion.status).toBe('not_met');
        expect(criterion.reason).toContain(`至 ${banLastDay(outcomeOn, longest)} 止`);
        // submitting is refused too
        const sub = await callsOf(h)('submit', { applicationId, requestId: rid() }, personId);
        expect(sub.ok).toBe(false);
        expect(JSON.stringify(sub.error)).toContain(`至 ${banLastDay(outcomeOn, longest)} 止`);
      } else expect(criterion.status).toBe('met');

      const clawAll = list.items.some((i: { penaltyId: string }) => p.penalties.find((x) => x.id === i.penaltyId)!.clawBack === 'all');
      const m = await moneyOf(run.awardId);
      if (clawAll) {
        expect(m.view.refund.demandedFen).toBe(paid);
        const voucher = await ledgerFile(run.awardId, 'p-city-staff', '退回凭证.pdf');
        const target = m.refundTargets.find((t: { amountFen: number | null }) => t.amountFen === paid) ?? m.refundTargets[0];
        await must(
          'recordRefund',
          h.call(
            'awards',
            'recordRefund',
            {
              subject: subjectOf(run.awardId),
              settles: target.settles,
              amountFen: paid,
              date: today(),
              vouchers: [voucher],
              requestId: rid(),
            },
            'p-city-staff',
          ),
        );
        const after = await moneyOf(run.awardId);
        expect(after.view.refund).toMatchObject({ demandedFen: paid, receivedFen: paid, outstandingFen: 0 });
      }
      const stops = list.items.some((i: { penaltyId: string }) => p.penalties.find((x) => x.id === i.penaltyId)!.stopFunding);
      if (stops) {
        // every payment not yet paid is stopped
        for (const d of m.view.due as { status: string; paidFen: number }[]) if (d.paidFen === 0) expect(d.status).toBe('stopped');
      }
    },
  );

  it.each(failing)('[%s] failed → proposals dismissed with a reason: no ban, nothing demanded', async (_t, p, rule, year) => {
    const { run } = await failCheck(p, rule, year);
    for (const item of (await consequencesOf(run.awardId)).items)
      expect((await must('dismiss', decideConsequence(run.awardId, item, 'dismiss'))).status).toBe('dismissed');
    expect(await h.deps.store.applications.sanctionsOf(UNIT.societyId)).toEqual([]);
    expect((await notBanned(p)).criterion.status).toBe('met');
    expect((await moneyOf(run.awardId)).view.refund.demandedFen).toBe(0);
  });
});

// ───────────────────────── publicity: an upheld objection (公示有异议) ─────────────────────────

const publicised: [string, Programme, CheckRule][] = societyProgrammes.flatMap((p) =>
  p.postAward!.checks.filter((c) => c.publicity).map((c) => [`${p.id}:post-award.check.${c.id}`, p, c] as [string, Programme, CheckRule]),
);
describe('publicity: a passed check with an upheld objection counts as failed — its payment never falls due, its onFail is proposed', () => {
  it.each(publicised)('[%s] passed → objection during publicity upheld → failed', async (_t, p, rule) => {
    h = await harness();
    h.clock.set(Date.parse('2026-03-02T10:00:00+08:00'));
    const run = await toRunning(p);
    await payDue(run);
    const row = (await checkRows(run.awardId)).filter((r) => r.checkId === rule.id).sort((a, b) => a.dueDate.localeCompare(b.dueDate))[0]!;
    nearDue(row.dueDate);
    await walkCheck(p, row.id, 'pass');
    const waiting = p.postAward!.payments.filter((r) =>
      r.after.some((c) => c.type === 'checkPassed' && c.checkId === rule.id && (c.year ?? row.year) === row.year),
    );
    h.clock.advance(DAY);
    await must(
      'recordObjection',
      h.call(
        'awards',
        'recordObjection',
        { requestId: rid(), checkId: row.id, text: '年度目标完成情况与实际不符', receivedOn: today() },
        'p-city-staff',
      ),
    );
    await must(
      'decideObjection',
      h.call(
        'awards',
        'decideObjection',
        { requestId: rid(), checkId: row.id, index: 0, upheld: true, reason: '经核查，异议成立' },
        'p-city-staff',
      ),
    );
    const after = (await checkRows(run.awardId)).find((r) => r.id === row.id)!;
    h.clock.set(Date.parse(`${addDays(after.publicityEnd!, 1)}T10:00:00+08:00`));
    const later = (await checkRows(run.awardId)).find((r) => r.id === row.id)!;
    expect(later.counts).toBe('failed');
    const m = await moneyOf(run.awardId);
    for (const r of waiting) expect(m.view.due.find((d: { paymentId: string }) => d.paymentId === r.id).status).not.toBe('due');
    expect((await consequencesOf(run.awardId)).items.map((i: { penaltyId: string }) => i.penaltyId).sort()).toEqual(
      [...rule.onFail].sort(),
    );
  });
});

// ───────────────────────── misconduct and unspent money ─────────────────────────

const withMisconduct = societyProgrammes.filter((p) => p.postAward!.misconduct);
describe('misconduct: a finding proposes postAward.misconduct; confirmed, its ban and clawback take effect', () => {
  it.each(withMisconduct.map((p) => [`${p.id}:post-award.misconduct`, p] as const))(
    '[%s] finding → proposal → confirmed',
    async (_t, p) => {
      h = await harness();
      h.clock.set(Date.parse('2026-03-02T10:00:00+08:00'));
      const run = await toRunning(p);
      const paid = await payDue(run);
      h.clock.advance(20 * DAY);
      const found = await must(
        'reportMisconduct',
        h.call(
          'awards',
          'reportMisconduct',
          { requestId: rid(), subject: subjectOf(run.awardId), finding: '经查虚报业绩材料', foundOn: today() },
          'p-city-staff',
        ),
      );
      const penalty = p.penalties.find((x) => x.id === p.postAward!.misconduct)!;
      expect(found).toMatchObject({ status: 'proposed', penaltyId: penalty.id, clause: penalty.clause, banYears: penalty.banYears });
      const done = await must('confirm', decideConsequence(run.awardId, found, 'confirm'));
      expect(done.status).toBe('confirmed');
      const { criterion } = await notBanned(p);
      if (penalty.banYears > 0) {
        expect(criterion.status).toBe('not_met');
        expect(criterion.reason).toContain(`至 ${banLastDay(today(), penalty.banYears)} 止`);
      } else expect(criterion.status).toBe('met');
      if (penalty.clawBack === 'all') expect((await moneyOf(run.awardId)).view.refund.demandedFen).toBe(paid);
    },
  );
});

const withUnspent = societyProgrammes.filter((p) => p.postAward!.unspent && p.cycle.budgetSpendWithinYears);
describe('unspent: the budget window passes with money unspent → a proposal with the unspent amount', () => {
  it.each(withUnspent.map((p) => [`${p.id}:post-award.unspent`, p] as const))('[%s] window ends with money unspent', async (_t, p) => {
    h = await harness();
    h.clock.set(Date.parse('2026-03-02T10:00:00+08:00'));
    const run = await toRunning(p);
    const approvedOn = today();
    await payDue(run);
    const receipt = await ledgerFile(run.awardId, UNIT.secretary, '发票.pdf');
    const spent = 1_000_050;
    await must(
      'reportExpense',
      h.call(
        'awards',
        'reportExpense',
        {
          subject: subjectOf(run.awardId),
          budgetLineId: run.lines[0]!.id,
          amountFen: spent,
          date: today(),
          purpose: '会务支出',
          receipts: [receipt],
          requestId: rid(),
        },
        UNIT.secretary,
      ),
    );
    const windowEnd = addDays(addMonthsClamped(approvedOn, 12 * p.cycle.budgetSpendWithinYears!), -1);
    // on the window's last day nothing is proposed yet
    h.clock.set(Date.parse(`${windowEnd}T10:00:00+08:00`));
    expect((await consequencesOf(run.awardId)).items).toEqual([]);
    h.clock.set(Date.parse(`${addDays(windowEnd, 1)}T10:00:00+08:00`));
    const [item] = (await consequencesOf(run.awardId)).items;
    expect(item).toMatchObject({ status: 'proposed', penaltyId: p.postAward!.unspent, refundFen: run.yuan * 100 - spent });
  });
});

// ───────────────────────── stations (yiyang-station-2023) ─────────────────────────

const stationProgrammes = registeredProgrammes.filter(
  (p) => p.postAward && !(p.postAward.agreement || p.postAward.budget) && p.postAward.payments.length,
);
const TEA = 'st-tea-taojiang';
const ST = { type: 'station' as const, id: TEA };

/** Run and publish year k (no service records: every station fails), TEA first adjusted to 合格 when `pass`. */
async function publishYear(k: number, pass: boolean) {
  await must('runAssessment', h.call('reports', 'runAssessment', { requestId: rid(), yearIndex: k }, 'p-city-staff'));
  if (pass)
    await must(
      'adjustAssessment',
      h.call(
        'reports',
        'adjustAssessment',
        {
          requestId: rid(),
          assessmentId: `${TEA}:${k}`,
          score: 80,
          grade: '合格',
          gradeOverrideReason: '整改后复核达标',
          reason: '复核，考核达标',
        },
        'p-city-staff',
      ),
    );
  await must(
    'publishAssessments',
    h.call('reports', 'publishAssessments', { requestId: rid(), assessmentIds: [`${TEA}:${k}`] }, 'p-city-staff'),
  );
}
const stationMoney = async () => await must('moneyView', h.call('awards', 'moneyView', { subject: ST }, 'p-city-staff'));
const stationConsequences = async () =>
  (await must('listConsequences', h.call('awards', 'listConsequences', { subject: ST }, 'p-city-staff'))).items as any[];
const decideStation = (id: string, decision: 'confirm' | 'dismiss') =>
  must(
    'decideConsequence',
    h.call(
      'awards',
      'decideConsequence',
      { requestId: rid(), subject: ST, consequenceId: id, decision, reason: '经市科协研究' },
      'p-city-staff',
    ),
  );
/** The instalment of a payment rule for the station's level, from the byLevel funding data. */
function instalmentFen(p: Programme, level: string, paymentId: string): number {
  const kind = p.kinds.find((k) => k.funding.type === 'byLevel')!;
  const f = kind.funding as Extract<ApplicationKind['funding'], { type: 'byLevel' }>;
  const lv = (f.levels as Record<string, any>)[level];
  return lv.instalments.find((i: { id: string }) => i.id === paymentId).amountYuan * 100;
}

describe('station chain: published assessment → instalment due → paid; 不合格 → rectification → lifted; term end failed → 摘牌 + clawback', () => {
  it.each(stationProgrammes.map((p) => [`${p.id}:post-award.payment.year-one`, p] as const))(
    '[%s] [yiyang-station-2023:post-award.payment.term-end] year one passed → paid with a voucher; term end failed → 摘牌 confirmed, all paid refunded',
    async (_t, p) => {
      h = await harness();
      h.clock.set(Date.parse('2026-11-20T10:00:00+08:00'));
      const level = (await h.deps.store.org.station(TEA))!.level;
      const [first, termEnd] = p.postAward!.payments;
      expect((await stationMoney()).view.due.find((d: any) => d.paymentId === first!.id).status).toBe('waiting');
      await publishYear(1, true);
      const m = await stationMoney();
      const line = m.view.due.find((d: any) => d.paymentId === first!.id);
      expect(line).toMatchObject({ status: 'due', amountFen: instalmentFen(p, level, first!.id) });
      expect(m.view.due.find((d: any) => d.paymentId === termEnd!.id).status).toBe('waiting');
      const voucher = await must(
        'upload',
        h.call(
          'awards',
          'uploadLedgerFile',
          { subject: ST, name: '拨付凭证.pdf', mime: 'application/pdf', base64: PDF, requestId: rid() },
          'p-city-staff',
        ),
      );
      await must(
        'recordPayment',
        h.call(
          'awards',
          'recordPayment',
          { subject: ST, paymentId: first!.id, amountFen: line.amountFen, date: today(), vouchers: [voucher], requestId: rid() },
          'p-city-staff',
        ),
      );
      const receipt = await must(
        'upload',
        h.call(
          'awards',
          'uploadLedgerFile',
          { subject: ST, name: '票据.pdf', mime: 'application/pdf', base64: PDF, requestId: rid() },
          'p-host-tea',
        ),
      );
      const allowed = p.expenses!.allowed.ids[0]!;
      await must(
        'reportExpense',
        h.call(
          'awards',
          'reportExpense',
          {
            subject: ST,
            categoryId: allowed,
            amountFen: 12_345,
            date: today(),
            purpose: '专家下乡服务',
            receipts: [receipt],
            requestId: rid(),
          },
          'p-host-tea',
        ),
      );
      expect((await stationMoney()).view.totals).toMatchObject({ paidFen: line.amountFen, spentFen: 12_345 });
      expect(await stationConsequences()).toEqual([]);

      // the term-end year fails: rectification and 摘牌 proposed; 摘牌 confirmed de-lists and claws back all paid
      h.clock.set(Date.parse('2027-11-20T10:00:00+08:00'));
      await publishYear(2, false);
      const items = await stationConsequences();
      const plaquePenalty = p.penalties.find((x) => x.removePlaque)!;
      const plaque = items.find((i) => i.penaltyId === plaquePenalty.id);
      expect(plaque).toMatchObject({ status: 'proposed', removePlaque: true, clause: plaquePenalty.clause, refundFen: line.amountFen });
      expect((await stationMoney()).view.due.find((d: any) => d.paymentId === termEnd!.id).status).not.toBe('due');
      await decideStation(plaque.id, 'confirm');
      expect((await h.deps.store.org.station(TEA))!.status).toBe('delisted');
      const after = await stationMoney();
      expect(after.view.refund.demandedFen).toBe(line.amountFen);
      const rv = await must(
        'upload',
        h.call(
          'awards',
          'uploadLedgerFile',
          { subject: ST, name: '退回凭证.pdf', mime: 'application/pdf', base64: PDF, requestId: rid() },
          'p-city-staff',
        ),
      );
      const target = after.refundTargets.find((t: any) => t.settles.includes(plaque.id)) ?? after.refundTargets[0];
      await must(
        'recordRefund',
        h.call(
          'awards',
          'recordRefund',
          { subject: ST, settles: target.settles, amountFen: line.amountFen, date: today(), vouchers: [rv], requestId: rid() },
          'p-city-staff',
        ),
      );
      expect((await stationMoney()).view.refund).toMatchObject({
        demandedFen: line.amountFen,
        receivedFen: line.amountFen,
        outstandingFen: 0,
      });
    },
  );

  it.each(stationProgrammes.map((p) => [`${p.id}:post-award.rectification`, p] as const))(
    '[%s] year one failed → no instalment, rectification proposed with the data’s months → confirmed → a passed re-check lifts it',
    async (_t, p) => {
      h = await harness();
      h.clock.set(Date.parse('2026-11-20T10:00:00+08:00'));
      await publishYear(1, false);
      const first = p.postAward!.payments[0]!;
      expect((await stationMoney()).view.due.find((d: any) => d.paymentId === first.id).status).not.toBe('due');
      const [item] = await stationConsequences();
      const penalty = p.penalties.find((x) => x.rectification)!;
      expect(item).toMatchObject({
        status: 'proposed',
        penaltyId: penalty.id,
        deadline: addMonthsClamped(today(), p.postAward!.rectification!.months),
      });
      await decideStation(item.id, 'confirm');
      expect((await h.deps.store.org.station(TEA))!.status).toBe('rectifying');
      const lifted = await must(
        'recheck',
        h.call(
          'awards',
          'recheckRectification',
          { requestId: rid(), consequenceId: item.id, passed: true, reason: '复查合格' },
          'p-city-staff',
        ),
      );
      expect(lifted.status).toBe('lifted');
      expect((await h.deps.store.org.station(TEA))!.status).toBe('active');
    },
  );
});

// ───────────────────────── the mutation proof: numbers read from the seeds' words ─────────────────────────

/**
 * Each row's expected value is written here from the seed's own words (not read from the programme
 * definition), and its actual value comes from the actions. Changing the number in a definition (a ban
 * length, an instalment, a cap, the budget window) makes its row fail. All chains start 2026-03-02.
 */
const P = (id: string) => registeredProgrammes.find((p) => p.id === id)!;
const start = async () => {
  h = await harness();
  h.clock.set(Date.parse('2026-03-02T10:00:00+08:00'));
};
const mutationTable: [string, string, unknown, () => Promise<unknown>][] = [
  [
    '[yiyang-capacity-2018:penalty.acceptance-failed]',
    '实施方案七(二)：项目考核验收不合格的……连续2年取消其申报资格 → 2027-02-19 验收不合格，禁止申报至 2029-02-18',
    { banLastDay: '2029-02-18', refused: true },
    async () => {
      const p = P('yiyang-capacity-2018');
      const { run } = await failCheck(p, p.postAward!.checks[0]!, 1);
      const [item] = (await consequencesOf(run.awardId)).items;
      await must('confirm', decideConsequence(run.awardId, item, 'confirm'));
      const { criterion } = await notBanned(p);
      return {
        banLastDay: item.banLastDay,
        refused: criterion.status === 'not_met' && criterion.reason.includes(`至 ${item.banLastDay} 止`),
      };
    },
  ],
  [
    '[wuhan-award:penalty.fraud]',
    '五(二)：对弄虚作假、虚报业绩等违规行为……收回已拨付的专项资金，同时连续3年取消其申报资格 → 2026-03-02 查实，禁止申报至 2029-03-01',
    { banLastDay: '2029-03-01', refused: true },
    async () => {
      await start();
      const p = P('wuhan-award');
      const run = await toRunning(p);
      const found = await must(
        'reportMisconduct',
        h.call(
          'awards',
          'reportMisconduct',
          { requestId: rid(), subject: subjectOf(run.awardId), finding: '经查虚报业绩', foundOn: today() },
          'p-city-staff',
        ),
      );
      await must('confirm', decideConsequence(run.awardId, found, 'confirm'));
      const { criterion } = await notBanned(p);
      return {
        banLastDay: found.banLastDay,
        refused: criterion.status === 'not_met' && criterion.reason.includes(`至 ${found.banLastDay} 止`),
      };
    },
  ],
  [
    '[pingdingshan-five-star:post-award.payment.year-2] [pingdingshan-five-star:post-award.payment.year-3]',
    '五(三)：第二年、第三年……每年再按首次奖建资金标准的一半给予连续资助 → 首次 30,000 元，第二、三年各 15,000.00 元',
    { 'first-award': 3_000_000, 'year-2': 1_500_000, 'year-3': 1_500_000 },
    async () => {
      await start();
      const award = await importAwarded(P('pingdingshan-five-star'), P('pingdingshan-five-star').kinds[0]!);
      await must(
        'setAmount',
        h.call('awards', 'setAmount', { awardId: award.id, amount: '30000', revision: award.revision, requestId: rid() }, 'p-city-staff'),
      );
      const m = await moneyOf(award.id);
      return Object.fromEntries(m.view.due.map((d: { paymentId: string; amountFen: number }) => [d.paymentId, d.amountFen]));
    },
  ],
  [
    '[weihai-2025:funding.class-b]',
    '五：B类项目不超过2万元 → 20,000.00 元可核定，20,000.01 元被拒绝',
    { '20000.00': true, '20000.01': false },
    async () => {
      await start();
      const p = P('weihai-2025');
      const award = await importAwarded(p, p.kinds.find((k) => k.id === 'class-b')!);
      const over = await h.call(
        'awards',
        'setAmount',
        { awardId: award.id, amount: '20000.01', revision: award.revision, requestId: rid() },
        'p-city-staff',
      );
      const fresh = await must('get', h.call('awards', 'get', { awardId: award.id }, 'p-city-staff'));
      const at = await h.call(
        'awards',
        'setAmount',
        { awardId: award.id, amount: '20000.00', revision: fresh.revision, requestId: rid() },
        'p-city-staff',
      );
      return { '20000.00': at.ok, '20000.01': over.ok };
    },
  ],
  [
    '[yiyang-capacity-2018:cycle.budget-year]',
    '管理办法第十四条：自预算批复之日起一年内执行完成 → 2026-03-02 批复，2027-03-01 仍在期内，2027-03-02 起提出未执行完毕的处理',
    { '2027-03-01': 0, '2027-03-02': 1 },
    async () => {
      await start();
      const run = await toRunning(P('yiyang-capacity-2018'));
      await payDue(run);
      const out: Record<string, number> = {};
      for (const d of ['2027-03-01', '2027-03-02']) {
        h.clock.set(Date.parse(`${d}T10:00:00+08:00`));
        out[d] = (await consequencesOf(run.awardId)).items.length;
      }
      return out;
    },
  ],
  [
    '[yiyang-station-2023:funding.station]',
    '第十六条：省级学会服务站第一年绩效考核合格给予10万元 → 桃江茶业服务站（省级）第一年 100,000.00 元',
    10_000_000,
    async () => {
      h = await harness();
      h.clock.set(Date.parse('2026-11-20T10:00:00+08:00'));
      await publishYear(1, true);
      return (await stationMoney()).view.due.find((d: { paymentId: string }) => d.paymentId === 'year-one').amountFen;
    },
  ],
];

describe('the mutation proof: expected numbers from the seeds’ words, actual numbers from the actions', () => {
  it.each(mutationTable)('%s %s', async (_tag, _seed, expected, actual) => {
    expect(await actual()).toEqual(expected);
  });
});
