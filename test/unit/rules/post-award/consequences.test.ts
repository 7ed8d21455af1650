import { listProgrammes, type Programme } from '../../../../shared/programmes';
import { penaltyConsequences } from '../../../../shared/rules/penalty';
import {
  type CheckFact,
  consequenceId,
  decideRefund,
  liftingAssessment,
  mergeDecisions,
  misconductProposalId,
  openCount,
  paidFen,
  proposalFromFinding,
  proposalFromUnspent,
  proposalsFromAssessment,
  proposalsFromCheck,
  propose,
  rectificationDeadline,
  spentFen,
  subjectEffects,
} from '../../../../shared/rules/post-award/consequences';
import type { ConsequenceDoc, LedgerEntry } from '../../../../shared/schemas/awards';
import { programme } from '../fixtures';

/**
 * The consequences the product proposes (issue 14 item 4), over every programme's data: which penalty
 * each outcome proposes, what it does (in Chinese), how long its ban runs and what refund it proposes.
 * The table below states the seeds' numbers literally, so changing a ban length, a clawback or the
 * rectification period in a definition fails here; a generated test makes sure every penalty a
 * programme's post-award part names is in the table.
 */
const TODAY = '2027-03-15';
const PAID = 1_234_567; // fen: 12,345.67 元
const opts = { paidFen: PAID, today: TODAY };

type Source = 'check' | 'misconduct' | 'unspent' | 'assessment' | 'term-end';
/** [tag(s), programme, source, penalty, ban last day when confirmed on TODAY, proposed refund, staff enter an amount, effects] */
const table: [string, string, Source, string, string | null, number | null, boolean, string[]][] = [
  // seed 000 实施方案七(二): 验收不合格 → 收回 + 连续2年; 弄虚作假 → 收回 + 连续3年; 管理办法第十四条: 未执行完 → 部分或全部退还
  [
    '[yiyang-capacity-2018:post-award.check.yearly-acceptance] [yiyang-capacity-2018:penalty.acceptance-failed]',
    'yiyang-capacity-2018',
    'check',
    'acceptance-failed',
    '2029-03-14',
    PAID,
    false,
    ['收回已拨付的资金', '连续 2 年取消申报资格'],
  ],
  [
    '[yiyang-capacity-2018:post-award.misconduct] [yiyang-capacity-2018:penalty.fraud]',
    'yiyang-capacity-2018',
    'misconduct',
    'fraud',
    '2030-03-14',
    PAID,
    false,
    ['收回已拨付的资金', '连续 3 年取消申报资格'],
  ],
  [
    '[yiyang-capacity-2018:post-award.unspent] [yiyang-capacity-2018:penalty.unspent-after-year]',
    'yiyang-capacity-2018',
    'unspent',
    'unspent-after-year',
    null,
    300_050,
    true,
    ['视情况部分或全部退还所拨经费'],
  ],
  // seed 001 五(二): 弄虚作假 → 撤销 + 收回 + 3年; 一(三)3: 考核不合格 → 停止资金支持
  [
    '[wuhan-award:post-award.check.mid-term] [wuhan-award:penalty.assessment-failed]',
    'wuhan-award',
    'check',
    'assessment-failed',
    null,
    null,
    false,
    ['停止资金支持'],
  ],
  ['[wuhan-award:post-award.check.final]', 'wuhan-award', 'check', 'assessment-failed', null, null, false, ['停止资金支持']],
  [
    '[wuhan-award:post-award.misconduct] [wuhan-award:penalty.fraud]',
    'wuhan-award',
    'misconduct',
    'fraud',
    '2030-03-14',
    PAID,
    false,
    ['撤销资格（取消荣誉称号）', '收回已拨付的资金', '连续 3 年取消申报资格'],
  ],
  // seed 002 三(三): 年度考核不合格 → 取消称号 + 停止资助
  [
    '[pingdingshan-five-star:post-award.check.yearly-check] [pingdingshan-five-star:penalty.yearly-check-failed]',
    'pingdingshan-five-star',
    'check',
    'yearly-check-failed',
    null,
    null,
    false,
    ['撤销资格（取消荣誉称号）', '停止资金支持'],
  ],
  // seed 003 五(五): 11月底前未完成 → 下一年度不予支持
  [
    '[weihai-2025:post-award.check.completion] [weihai-2025:penalty.unfinished]',
    'weihai-2025',
    'check',
    'unfinished',
    '2028-03-14',
    null,
    false,
    ['1 年内取消申报资格', '追究相关人员责任'],
  ],
  // seed 004 第十二条: 不合格 → 通报批评 + 限期整改 (3 months, data); 期满不合格 → 摘牌 + 收回; 第十九条: 虚报截留挪用 → 收回
  [
    '[yiyang-station-2023:post-award.rectification] [yiyang-station-2023:penalty.assessment-failed]',
    'yiyang-station-2023',
    'assessment',
    'assessment-failed',
    null,
    null,
    false,
    ['通报批评', '责令限期整改（2027-06-15 前完成）'],
  ],
  [
    '[yiyang-station-2023:penalty.term-end-failed]',
    'yiyang-station-2023',
    'term-end',
    'term-end-failed',
    null,
    PAID,
    false,
    ['摘牌', '收回已拨付的资金'],
  ],
  [
    '[yiyang-station-2023:post-award.misconduct] [yiyang-station-2023:penalty.fund-misuse]',
    'yiyang-station-2023',
    'misconduct',
    'fund-misuse',
    null,
    PAID,
    false,
    ['收回已拨付的资金', '追究相关人员责任'],
  ],
];

const failedCheck = (_p: Programme, checkId: string): CheckFact => ({
  id: `ck_aw_app-1_${checkId}_1`,
  awardId: 'aw_app-1',
  castUnitId: 'cast-yiyang',
  checkId,
  year: 1,
  status: 'failed',
  outcome: { passed: false, reasons: ['未完成'], by: 'p-city-staff', at: 1, decidedOn: '2027-03-15' },
  publicity: null,
  objections: [],
});
const finding = (p: Programme, key: string): ConsequenceDoc => {
  const t = misconductProposalId(p, key)!;
  return {
    id: t.id,
    subject: { type: 'award', id: 'aw_app-1' },
    castUnitId: 'cast-yiyang',
    programmeId: p.id,
    penaltyId: t.penaltyId,
    source: { type: 'misconduct', finding: '申报材料虚报业绩，经核实' },
    status: 'reported',
    effectiveOn: '2027-03-10',
    deadline: null,
    refundFen: null,
    sanctionId: null,
    reason: '申报材料虚报业绩，经核实',
    decidedBy: 'p-city-staff',
    at: 1,
    liftedAt: null,
  };
};

function proposalsFor(p: Programme, source: Source, penaltyId: string) {
  switch (source) {
    case 'check':
      return p
        .postAward!.checks.filter((c) => c.onFail.includes(penaltyId))
        .flatMap((c) => proposalsFromCheck(p, failedCheck(p, c.id), opts));
    case 'misconduct':
      return [proposalFromFinding(p, finding(p, 'mc_1'), opts)!];
    case 'unspent':
      return [
        proposalFromUnspent(
          p,
          { awardId: 'aw_app-1', castUnitId: 'cast-yiyang', windowEnd: '2027-01-31', approvedFen: 1_500_000, spentFen: 1_199_950 },
          opts,
        )!,
      ];
    case 'assessment':
    case 'term-end':
      return proposalsFromAssessment(
        p,
        {
          id: 'st-1:2',
          stationId: 'st-1',
          castUnitId: 'cast-yiyang',
          yearIndex: 2,
          passed: false,
          termEnd: source === 'term-end',
          publishedOn: '2027-03-15',
        },
        opts,
      ).filter((x) => x.penaltyId === penaltyId);
  }
}

describe('what each outcome proposes, from the programme data', () => {
  it.each(table)('%s', (_tags, pid, source, penaltyId, banLast, refund, needsAmount, effects) => {
    const p = programme(pid);
    const got = proposalsFor(p, source, penaltyId);
    expect(got.length).toBeGreaterThan(0);
    for (const x of got) {
      expect(x).toMatchObject({
        penaltyId,
        programmeId: pid,
        banLastDay: banLast,
        proposedRefundFen: refund,
        refundNeedsAmount: needsAmount,
        effects,
      });
      const penalty = p.penalties.find((q) => q.id === penaltyId)!;
      expect(x.clause).toBe(penalty.clause);
      expect(x.id).toMatch(/^cq_/);
      expect(x.id.length).toBeLessThanOrEqual(64);
    }
  });

  it('covers every penalty a programme’s post-award part names (a new programme adds its rows)', () => {
    const named = new Set(table.map(([, pid, , pen]) => `${pid}:${pen}`));
    for (const p of listProgrammes()) {
      const pa = p.postAward;
      if (!pa) continue;
      const ids = [
        ...pa.checks.flatMap((c) => c.onFail),
        pa.misconduct,
        pa.unspent,
        ...(pa.rectification ? p.penalties.filter((x) => x.rectification || x.removePlaque).map((x) => x.id) : []),
      ].filter((x): x is string => !!x);
      for (const id of ids) expect(named).toContain(`${p.id}:${id}`);
    }
  });

  it('the effects are the penalty’s own lines (penaltyConsequences), the deadline written in', () => {
    for (const [, pid, source, penaltyId] of table) {
      const p = programme(pid);
      const plain = penaltyConsequences(p.penalties.find((q) => q.id === penaltyId)!);
      for (const x of proposalsFor(p, source, penaltyId)) expect(x.effects.map((l) => l.replace(/（.* 前完成）$/, ''))).toEqual(plain);
    }
  });
});

describe('when nothing is proposed', () => {
  const y18 = programme('yiyang-capacity-2018');
  const station = programme('yiyang-station-2023');
  it('a passed, pending or undecided check proposes nothing', () => {
    for (const c of [
      {
        ...failedCheck(y18, 'yearly-acceptance'),
        status: 'passed' as const,
        outcome: { ...failedCheck(y18, 'yearly-acceptance').outcome!, passed: true },
      },
      { ...failedCheck(y18, 'yearly-acceptance'), status: 'pending' as const, outcome: null },
      { ...failedCheck(y18, 'yearly-acceptance'), checkId: 'no-such-check' },
    ])
      expect(proposalsFromCheck(y18, c, opts)).toEqual([]);
  });
  it('a passing or unpublished assessment proposes nothing; a failing year proposes rectification only, term end adds 摘牌', () => {
    const a = { id: 'st-1:1', stationId: 'st-1', castUnitId: 'c', yearIndex: 1, passed: true, termEnd: false, publishedOn: TODAY };
    expect(proposalsFromAssessment(station, a, opts)).toEqual([]);
    expect(proposalsFromAssessment(station, { ...a, passed: false, publishedOn: null }, opts)).toEqual([]);
    expect(proposalsFromAssessment(station, { ...a, passed: false }, opts).map((x) => x.penaltyId)).toEqual(['assessment-failed']);
    expect(proposalsFromAssessment(station, { ...a, passed: false, termEnd: true }, opts).map((x) => x.penaltyId)).toEqual([
      'assessment-failed',
      'term-end-failed',
    ]);
  });
  it('[yiyang-capacity-2018:cycle.budget-year] unspent money proposes only after the window ended and only when something is left', () => {
    const u = { awardId: 'aw_1', castUnitId: 'c', windowEnd: '2027-03-15', approvedFen: 100, spentFen: 40 };
    expect(proposalFromUnspent(y18, u, opts)).toBeUndefined(); // the last day of the window is still inside it
    expect(proposalFromUnspent(y18, { ...u, windowEnd: '2027-03-14' }, opts)?.proposedRefundFen).toBe(60);
    expect(proposalFromUnspent(y18, { ...u, windowEnd: '2027-03-14', spentFen: 100 }, opts)).toBeUndefined();
    expect(proposalFromUnspent(y18, { ...u, windowEnd: null }, opts)).toBeUndefined();
    // a programme without an unspent rule (Wuhan) proposes nothing
    expect(proposalFromUnspent(programme('wuhan-award'), { ...u, windowEnd: '2027-03-14' }, opts)).toBeUndefined();
  });
  it('a programme without a misconduct rule has no finding id; an unknown penalty proposes nothing', () => {
    expect(misconductProposalId(programme('pingdingshan-five-star'), 'mc_1')).toBeUndefined();
    expect(
      propose(
        y18,
        { subject: { type: 'award', id: 'a' }, castUnitId: 'c', source: { type: 'unspent', windowEnd: TODAY }, outcomeOn: TODAY, key: 'k' },
        'nope',
        opts,
      ),
    ).toBeUndefined();
  });
});

describe('[pingdingshan-five-star:post-award.check.yearly-check] a passed yearly check whose publicity upheld an objection counts as failed', () => {
  const pds = programme('pingdingshan-five-star');
  const passedCheck = {
    ...failedCheck(pds, 'yearly-check'),
    status: 'passed' as const,
    outcome: { passed: true, reasons: ['合格'], by: 'p', at: 1, decidedOn: '2027-01-10' },
    publicity: { start: '2027-01-11', end: '2027-01-17', objectionUpheld: false },
  };
  it('no objection upheld: nothing; upheld: the rule’s onFail, dated at the end of the publicity', () => {
    expect(proposalsFromCheck(pds, passedCheck, opts)).toEqual([]);
    const upheld = proposalsFromCheck(pds, { ...passedCheck, publicity: { ...passedCheck.publicity, objectionUpheld: true } }, opts);
    expect(upheld.map((x) => [x.penaltyId, x.outcomeOn])).toEqual([['yearly-check-failed', '2027-01-17']]);
  });
});

describe('the rectification period is data', () => {
  const station = programme('yiyang-station-2023');
  it('[yiyang-station-2023:post-award.rectification] 3 months from the outcome; changing the data changes the deadline', () => {
    expect(rectificationDeadline(station, '2027-11-30')).toBe('2028-02-29');
    const six = { ...station, postAward: { ...station.postAward!, rectification: { ...station.postAward!.rectification!, months: 6 } } };
    expect(rectificationDeadline(six, '2027-03-15')).toBe('2027-09-15');
    expect(rectificationDeadline({ ...station, postAward: { ...station.postAward!, rectification: undefined } }, '2027-03-15')).toBeNull();
    expect(rectificationDeadline(undefined, '2027-03-15')).toBeNull();
  });
});

describe('deterministic ids', () => {
  it('the same outcome gives the same id; a long source key is shortened, still deterministic and distinct', () => {
    expect(consequenceId('ck_aw_1_final_1', 'fraud')).toBe('cq_ck_aw_1_final_1_fraud');
    const long = `ck_aw_${'x'.repeat(60)}_yearly-acceptance_1`;
    const a = consequenceId(long, 'acceptance-failed');
    expect(a).toBe(consequenceId(long, 'acceptance-failed'));
    expect(a.length).toBeLessThanOrEqual(64);
    expect(a).not.toBe(consequenceId(`${long}2`, 'acceptance-failed'));
    expect(consequenceId('k', 'p'.repeat(70)).length).toBeLessThanOrEqual(64);
  });
});

describe('decisions replace proposals', () => {
  const y18 = programme('yiyang-capacity-2018');
  const [p] = proposalsFromCheck(y18, failedCheck(y18, 'yearly-acceptance'), opts);
  const decided = (status: ConsequenceDoc['status'], over: Partial<ConsequenceDoc> = {}): ConsequenceDoc => ({
    id: p!.id,
    subject: p!.subject,
    castUnitId: p!.castUnitId,
    programmeId: p!.programmeId,
    penaltyId: p!.penaltyId,
    source: p!.source,
    status,
    effectiveOn: '2027-04-01',
    deadline: null,
    refundFen: 500,
    sanctionId: null,
    reason: '经审议',
    decidedBy: 'p-city-staff',
    at: 2,
    liftedAt: null,
    ...over,
  });
  it('an open proposal is counted; a confirmed one carries the stored date, its ban from that date and the refund decided', () => {
    expect(openCount(mergeDecisions([p!], [], () => undefined))).toBe(1);
    const [item] = mergeDecisions([p!], [decided('confirmed')], () => undefined);
    expect(item).toMatchObject({ status: 'confirmed', effectiveOn: '2027-04-01', banLastDay: '2029-03-31', proposedRefundFen: 500 });
    expect(openCount([item!])).toBe(0);
  });
  it('a decision whose source no longer proposes is still listed (from the programme and the stored source)', () => {
    const items = mergeDecisions([], [decided('dismissed')], (d) =>
      propose(
        y18,
        { subject: d.subject, castUnitId: d.castUnitId, source: d.source, outcomeOn: d.effectiveOn, key: d.id, id: d.id },
        d.penaltyId,
        opts,
      ),
    );
    expect(items.map((i) => [i.id, i.status])).toEqual([[p!.id, 'dismissed']]);
  });
  it('a reported finding stays proposed until decided', () => {
    const f = finding(y18, 'mc_9');
    const fp = proposalFromFinding(y18, f, opts)!;
    expect(fp.id).toBe(f.id);
    expect(mergeDecisions([fp], [f], () => undefined)[0]!.status).toBe('proposed');
  });
  it('what confirmed consequences do to the subject', () => {
    const wuhan = programme('wuhan-award');
    const [w] = proposalsFromCheck(wuhan, failedCheck(wuhan, 'final'), opts);
    const items = mergeDecisions(
      [w!, p!],
      [decided('confirmed', { id: w!.id, penaltyId: w!.penaltyId, refundFen: null }), decided('confirmed')],
      () => undefined,
    );
    expect(subjectEffects(items)).toEqual({
      fundingStopped: true,
      revoked: false,
      delisted: false,
      rectificationDeadlines: [],
      refundDemandedFen: 500,
    });
    expect(subjectEffects(mergeDecisions([w!], [decided('dismissed', { id: w!.id })], () => undefined)).fundingStopped).toBe(false);
  });
});

describe('the refund demanded on confirmation', () => {
  const y18 = programme('yiyang-capacity-2018');
  const [all] = proposalsFromCheck(y18, failedCheck(y18, 'yearly-acceptance'), opts);
  const unspent = proposalFromUnspent(
    y18,
    { awardId: 'a', castUnitId: 'c', windowEnd: '2027-01-01', approvedFen: 1000, spentFen: 400 },
    opts,
  )!;
  const [none] = proposalsFromCheck(programme('wuhan-award'), failedCheck(programme('wuhan-award'), 'final'), opts);
  it.each<[string, ReturnType<typeof decideRefund>, ReturnType<typeof decideRefund>]>([
    ['clawback all: the amount paid, whatever is typed', decideRefund(all!, 1, PAID), { ok: true, refundFen: PAID }],
    ['no clawback: nothing', decideRefund(none!, undefined, PAID), { ok: true, refundFen: null }],
    ['partial or all: staff must enter it', decideRefund(unspent, undefined, PAID), { ok: false, message: '请填写应退还（追回）的金额' }],
    ['partial or all: the amount entered', decideRefund(unspent, 600, PAID), { ok: true, refundFen: 600 }],
    [
      'partial or all: never above what was paid',
      decideRefund(unspent, PAID + 1, PAID),
      { ok: false, message: '退还金额不能超过已拨付金额 12345.67 元' },
    ],
  ])('%s', (_n, got, want) => {
    expect(got).toEqual(want);
  });
});

describe('the ledger sums and lifting', () => {
  const e = (kind: LedgerEntry['kind'], amountFen: number, reversedBy: string | null = null) =>
    ({ kind, amountFen, reversedBy }) as LedgerEntry;
  it('paid and spent count entries not reversed', () => {
    const entries = [e('payment', 100), e('payment', 50, 'x'), e('expense', 30), e('expense', 7, 'y'), e('refund', 9)];
    expect(paidFen(entries)).toBe(100);
    expect(spentFen(entries)).toBe(30);
  });
  it('a confirmed rectification is lifted by the station’s next passing assessment published after the decision', () => {
    const doc = { subject: { type: 'station' as const, id: 's1' }, status: 'confirmed' as const, at: 100, deadline: '2027-06-01' };
    const a = (yearIndex: number, passed: boolean, publishedAt: number | null, stationId = 's1') => ({
      stationId,
      yearIndex,
      passed,
      publishedAt,
    });
    expect(liftingAssessment(doc, [a(1, true, 50), a(2, false, 150), a(2, true, 200, 's2')])).toBeNull();
    expect(liftingAssessment(doc, [a(3, true, 300), a(2, true, 200)])?.yearIndex).toBe(2);
    expect(liftingAssessment({ ...doc, status: 'lifted' }, [a(2, true, 200)])).toBeNull();
    expect(liftingAssessment({ ...doc, deadline: null }, [a(2, true, 200)])).toBeNull();
  });
});
