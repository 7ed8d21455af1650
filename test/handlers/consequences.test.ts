import { tables } from '../../cloudfunctions/_kernel/store/tables';
import { inTx } from '../../cloudfunctions/_kernel/store/tx';
import { addDays, addMonthsClamped, chinaDateOf } from '../../shared/calendar';
import { programmes } from '../../shared/programmes';
import type { AwardDoc, CheckDoc, LedgerEntry } from '../../shared/schemas/awards';
import type { Harness } from '../support/handlers';
import { callsOf, draftReady, harness, ok, rid, TEST_UNITS } from './applications-support';

/**
 * Consequences through the real `awards` function on the SQLite host (issue 14 item 4): a failed
 * check proposes its rule's onFail penalty (never left for staff to remember: listed and counted);
 * city staff confirm it with the clause shown — the ban is a sanction eligibility reads, so the
 * society is refused in the next round of that programme, and the clawback demands all that was paid
 * — or dismiss it with a reason (no ban). Misconduct findings propose the programme's misconduct
 * penalty. The award, its check and its payment (other helpers' collections) are stored as facts.
 */
const p = programmes['yiyang-capacity-2018'];
const kind = p.kinds[0]!;
const UNIT = TEST_UNITS[4]!; // soc-t5, a city-level society of 益阳市
const AWARD = 'aw_app-y18-t5';
const CHECK = `ck_${AWARD}_yearly-acceptance_1`;
const PAID = 1_500_037; // 15,000.37 元
let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => h.close());
const today = () => chinaDateOf(h.clock.now());
const T = () => h.clock.now();

function awardDoc(): AwardDoc {
  return {
    id: AWARD,
    applicationId: 'app-y18-t5',
    programmeId: p.id,
    kindId: kind.id,
    castUnitId: 'cast-yiyang',
    applicant: { type: 'society', societyId: UNIT.societyId, hostUnitId: null },
    title: '学会能力提升示范项目',
    awardedOn: '2026-01-10',
    amountFen: PAID,
    amountReason: '',
    agreement: null,
    budgets: [],
    receiptProofs: [],
    revision: 1,
    createdAt: T(),
    updatedAt: T(),
  };
}
function failedCheck(): CheckDoc {
  return {
    id: CHECK,
    awardId: AWARD,
    programmeId: p.id,
    castUnitId: 'cast-yiyang',
    checkId: 'yearly-acceptance',
    year: 1,
    dueDate: '2026-11-01',
    status: 'failed',
    materials: {},
    submittedAt: T(),
    opinions: [],
    outcome: { passed: false, reasons: ['年度目标任务未完成'], by: 'p-city-staff', at: T(), decidedOn: today() },
    publicity: null,
    objections: [],
    returns: [],
    remindersSent: [],
    revision: 1,
    createdAt: T(),
    updatedAt: T(),
  };
}
const payment = (amountFen: number, id = 'lg-pay-1'): LedgerEntry => ({
  id,
  subject: { type: 'award', id: AWARD },
  castUnitId: 'cast-yiyang',
  programmeId: p.id,
  kind: 'payment',
  amountFen,
  settles: 'grant',
  budgetLineId: null,
  categoryId: null,
  date: '2026-02-01',
  vouchers: [],
  note: '',
  recordedBy: 'p-city-staff',
  at: T(),
  reversedBy: null,
  reversal: null,
});
async function facts(opts: { check?: boolean } = {}) {
  await inTx(h.deps.db, async (tx) => {
    await tables.awards.insert(tx, awardDoc());
    if (opts.check !== false) await tables.awardChecks.insert(tx, failedCheck());
    await tables.ledger.insert(tx, payment(PAID));
  });
}
const SUBJECT = { type: 'award' as const, id: AWARD };
const list = (who: string, data: Record<string, unknown> = {}) => h.call('awards', 'listConsequences', data, who);
const decide = (consequenceId: string, decision: 'confirm' | 'dismiss', who = 'p-city-staff', extra: Record<string, unknown> = {}) =>
  h.call(
    'awards',
    'decideConsequence',
    { requestId: rid(), subject: SUBJECT, consequenceId, decision, reason: '经市科协审议', ...extra },
    who,
  );

async function bannedIn(unit: number): Promise<{ status: string; reason: string }> {
  const { applicationId, personId } = await draftReady(h, p, kind, unit);
  const pre = ok(await callsOf(h)('precheck', { applicationId }, personId));
  return pre.eligibility.criteria.find((c: { id: string }) => c.id === 'not-banned');
}

describe('[yiyang-capacity-2018:post-award.check.yearly-acceptance] [yiyang-capacity-2018:penalty.acceptance-failed] failed acceptance → proposal → confirmed ban → refused next round', () => {
  it('walks the whole chain: proposed with the clause, confirmed in one transaction, read by eligibility and by the applicant', async () => {
    await facts();
    const staffList = ok(await list('p-city-staff'));
    expect(staffList.openCount).toBe(1);
    const [item] = staffList.items;
    expect(item).toMatchObject({
      subject: SUBJECT,
      status: 'proposed',
      statusLabel: '待确认',
      penaltyId: 'acceptance-failed',
      clause: '实施方案七(二)',
      trigger: '项目考核验收不合格',
      effects: ['收回已拨付的资金', '连续 2 年取消申报资格'],
      banYears: 2,
      banLastDay: addDays(addMonthsClamped(today(), 24), -1),
      refundFen: PAID,
      refundNeedsAmount: false,
      unitName: '益阳市测试学会5',
      canDecide: true,
    });
    expect(item.sourceText).toBe(`${p.postAward!.checks.find((c) => c.id === 'yearly-acceptance')!.label}不合格，${today()} 作出结论`);
    // the applicant does not see proposals; the society is not banned yet
    expect(ok(await list(UNIT.secretary)).items).toEqual([]);
    expect((await bannedIn(4)).status).toBe('met');

    const confirmed = ok(await decide(item.id, 'confirm'));
    expect(confirmed).toMatchObject({ status: 'confirmed', refundFen: PAID, effectiveOn: today(), canDecide: false });
    const stored = await h.deps.store.consequences.get(item.id);
    expect(stored).toMatchObject({ status: 'confirmed', refundFen: PAID, sanctionId: expect.stringMatching(/^sn/) });
    const sanctions = await h.deps.store.applications.sanctionsOf(UNIT.societyId);
    expect(sanctions).toEqual([
      expect.objectContaining({ id: stored!.sanctionId, penaltyId: 'acceptance-failed', programmeId: p.id, imposedOn: today() }),
    ]);
    // eligibility refuses the society in the next round of this programme, with the ban's last day
    const ban = await bannedIn(4);
    expect(ban.status).toBe('not_met');
    expect(ban.reason).toContain(`至 ${addDays(addMonthsClamped(today(), 24), -1)} 止`);
    // another society is not affected
    expect((await bannedIn(5)).status).toBe('met');
    // the applicant sees what was confirmed about it; staff see no open proposal any more
    expect(ok(await list(UNIT.secretary)).items).toEqual([expect.objectContaining({ id: item.id, status: 'confirmed', refundFen: PAID })]);
    expect(ok(await list('p-city-staff')).openCount).toBe(0);
    // audited: the decision and the sanction
    expect((await h.deps.store.audit.forEntity('consequence', item.id)).map((e) => e.action)).toEqual(['consequence.confirm']);
    expect((await h.deps.store.audit.forEntity('society', UNIT.societyId)).map((e) => e.action)).toContain('sanction.impose');
  });

  it('dismissed with a reason: no ban, the society may apply', async () => {
    await facts();
    const [item] = ok(await list('p-city-staff')).items;
    expect((await decide(item.id, 'dismiss', 'p-city-staff', { reason: ' ' })).error?.issues?.[0]?.path).toBe('reason');
    const d = ok(await decide(item.id, 'dismiss'));
    expect(d).toMatchObject({ status: 'dismissed', statusLabel: '不予处理', reason: '经市科协审议' });
    expect(await h.deps.store.applications.sanctionsOf(UNIT.societyId)).toEqual([]);
    expect((await bannedIn(4)).status).toBe('met');
    expect(ok(await list(UNIT.secretary)).items).toEqual([]);
  });

  it('a retried confirmation answers the first result and writes once; a second decision is refused', async () => {
    await facts();
    const [item] = ok(await list('p-city-staff')).items;
    const requestId = rid();
    const body = { requestId, subject: SUBJECT, consequenceId: item.id, decision: 'confirm', reason: '经审议' };
    const [a, b] = await Promise.all([
      h.call('awards', 'decideConsequence', body, 'p-city-staff'),
      h.call('awards', 'decideConsequence', body, 'p-city-staff'),
    ]);
    expect(ok(a).status).toBe('confirmed');
    expect(ok(b).status).toBe('confirmed');
    expect(ok(await h.call('awards', 'decideConsequence', body, 'p-city-staff')).id).toBe(item.id);
    expect(await h.deps.store.applications.sanctionsOf(UNIT.societyId)).toHaveLength(1);
    const again = await decide(item.id, 'dismiss');
    expect(again.error?.code).toBe('CONFLICT.STATE');
  });

  it('only city staff overseeing the unit decide; the county, the talent office, the finance bureau and the applicant are refused and nothing is written', async () => {
    await facts();
    const [item] = ok(await list('p-city-staff')).items;
    for (const who of ['p-heshan-staff', 'p-taojiang-staff', 'p-talent', UNIT.secretary]) {
      const before = h.snapshot();
      expect((await decide(item.id, 'confirm', who)).error?.code).toBe('AUTH.FORBIDDEN');
      expect(h.snapshot()).toEqual(before);
    }
    // another city's staff cannot read it either
    expect((await list('p-yueyang-staff', { subject: SUBJECT })).error?.code).toBe('AUTH.FORBIDDEN');
    // a county oversees only its own units: the city-level society's award is not in its list
    const county = ok(await list('p-heshan-staff'));
    expect(county.items.map((i: { id: string }) => i.id)).not.toContain(item.id);
  });

  it('refuses an unknown proposal and a refund amount on a dismissal, naming the field', async () => {
    await facts();
    const [item] = ok(await list('p-city-staff')).items;
    expect((await decide('cq_nope_acceptance-failed', 'confirm')).error?.code).toBe('NOT_FOUND');
    expect((await decide(item.id, 'dismiss', 'p-city-staff', { refundYuan: '10.00' })).error?.issues?.[0]?.path).toBe('refundYuan');
    expect((await decide(item.id, 'confirm', 'p-city-staff', { refundYuan: '1.234' })).error?.issues?.[0]?.path).toBe('refundYuan');
  });
});

describe('[yiyang-capacity-2018:post-award.misconduct] [yiyang-capacity-2018:penalty.fraud] a misconduct finding proposes 3 years + clawback', () => {
  it('staff record a finding; it is proposed, confirmed, and bans for 3 years', async () => {
    await facts({ check: false });
    const bad = await h.call(
      'awards',
      'reportMisconduct',
      { requestId: rid(), subject: SUBJECT, finding: '虚报业绩', foundOn: addDays(today(), 1) },
      'p-city-staff',
    );
    expect(bad.error?.issues?.[0]?.path).toBe('foundOn');
    const requestId = rid();
    const body = { requestId, subject: SUBJECT, finding: '经核查，项目总结虚报业绩', foundOn: today() };
    const f = ok(await h.call('awards', 'reportMisconduct', body, 'p-city-staff'));
    expect(ok(await h.call('awards', 'reportMisconduct', body, 'p-city-staff')).id).toBe(f.id);
    expect(f).toMatchObject({
      status: 'proposed',
      penaltyId: 'fraud',
      banYears: 3,
      refundFen: PAID,
      sourceText: '查实：经核查，项目总结虚报业绩',
    });
    expect(ok(await list('p-city-staff')).openCount).toBe(1);
    const c = ok(await decide(f.id, 'confirm'));
    expect(c).toMatchObject({ status: 'confirmed', banLastDay: addDays(addMonthsClamped(today(), 36), -1) });
    expect((await bannedIn(4)).status).toBe('not_met');
  });
  it('a programme without a misconduct rule refuses with a Chinese reason', async () => {
    const pds = programmes['pingdingshan-five-star'];
    await inTx(h.deps.db, async (tx) => {
      await tables.awards.insert(tx, { ...awardDoc(), id: 'aw_pds', programmeId: pds.id, kindId: pds.kinds[0]!.id });
    });
    const r = await h.call(
      'awards',
      'reportMisconduct',
      { requestId: rid(), subject: { type: 'award', id: 'aw_pds' }, finding: '虚报', foundOn: today() },
      'p-city-staff',
    );
    expect(r.error?.code).toBe('CONFLICT.STATE');
    expect(r.error?.message).toContain('没有规定');
    // and the misconduct form does not offer it: only awards and stations whose programme names a penalty for it
    await facts({ check: false });
    const reportable = ok(await list('p-city-staff')).reportable.map((x: { subject: { id: string } }) => x.subject.id);
    expect(reportable).toContain(AWARD);
    expect(reportable).not.toContain('aw_pds');
  });
});

describe('[yiyang-capacity-2018:post-award.unspent] [yiyang-capacity-2018:penalty.unspent-after-year] money unspent after the budget window', () => {
  it('proposes the unspent amount; staff confirm with the amount they enter (元 → 分 exactly)', async () => {
    const approvedAt = Date.parse('2025-10-01T10:00:00+08:00');
    await inTx(h.deps.db, async (tx) => {
      await tables.awards.insert(tx, {
        ...awardDoc(),
        budgets: [
          {
            version: 1,
            status: 'approved',
            lines: [{ id: 'l1', categoryId: 'meeting', amountFen: PAID, purpose: '年会', justification: null }],
            changeReason: null,
            submittedAt: approvedAt,
            decision: { by: 'p-city-staff', at: approvedAt, comment: '' },
          },
        ],
      });
      await tables.ledger.insert(tx, payment(PAID));
      await tables.ledger.insert(tx, { ...payment(1_000_000, 'lg-exp-1'), kind: 'expense', budgetLineId: 'l1', categoryId: 'meeting' });
    });
    const [item] = ok(await list('p-city-staff')).items;
    expect(item).toMatchObject({ penaltyId: 'unspent-after-year', refundFen: PAID - 1_000_000, refundNeedsAmount: true });
    expect(item.sourceText).toContain('2026-09-30');
    expect((await decide(item.id, 'confirm')).error?.issues?.[0]?.path).toBe('refundYuan');
    expect((await decide(item.id, 'confirm', 'p-city-staff', { refundYuan: '15000.38' })).error?.issues?.[0]?.path).toBe('refundYuan');
    const c = ok(await decide(item.id, 'confirm', 'p-city-staff', { refundYuan: '5000.37' }));
    expect(c).toMatchObject({ status: 'confirmed', refundFen: 500_037 });
    expect(await h.deps.store.applications.sanctionsOf(UNIT.societyId)).toEqual([]);
  });
});
