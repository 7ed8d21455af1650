import { type ApplicationKind, type Programme, programmeIds, programmes } from '../../../../shared/programmes';
import { checkDefinition } from '../../../../shared/programmes/check-definition';
import {
  describeCheckDue,
  describePaymentCondition,
  fenText,
  type PostAward,
  postAwardIssues,
} from '../../../../shared/programmes/post-award';
import { awardedOnOf, checkAwardAmount } from '../../../../shared/rules/post-award/award';
import { MAX_RECEIPT_PROOFS, receiptProofRefusal, receiptProofRules } from '../../../../shared/rules/post-award/receipt-proof';

/** The post-award language's Chinese texts and its cross-reference check, branch by branch. */
const all: Programme[] = programmeIds.map((id) => programmes[id]);

describe('describeCheckDue / describePaymentCondition: every kind in Chinese', () => {
  it('names each due date kind', () => {
    expect(describeCheckDue({ type: 'monthsAfterAward', months: 18 })).toBe('立项后 18 个月内');
    expect(describeCheckDue({ type: 'dayOfYear', month: 11, day: 30, yearOffset: 0 })).toBe('立项当年 11 月 30 日前');
    expect(describeCheckDue({ type: 'dayOfYear', month: 3, day: 1, yearOffset: 2 })).toBe('立项后第 2 年 3 月 1 日前');
    expect(describeCheckDue({ type: 'yearly', years: [1, 2], month: 12, day: 31 })).toBe('第 1、2 年每年 12 月 31 日前');
    expect(describeCheckDue({ type: 'budgetWindowEnd' })).toBe('预算执行期满时');
  });
  it('names each payment condition; a check by its label (or its id when no label is given), with the year when one is set', () => {
    const label = (id: string) => (id === 'mid' ? '中期检查' : id);
    expect(describePaymentCondition({ type: 'award' })).toBe('立项（公示无异议）');
    expect(describePaymentCondition({ type: 'agreementAccepted' })).toBe('任务书签订');
    expect(describePaymentCondition({ type: 'budgetApproved' })).toBe('预算批复');
    expect(describePaymentCondition({ type: 'checkPassed', checkId: 'mid' }, label)).toBe('中期检查合格');
    expect(describePaymentCondition({ type: 'checkPassed', checkId: 'mid', year: 2 }, label)).toBe('第 2 年中期检查合格');
    expect(describePaymentCondition({ type: 'checkPassed', checkId: 'final' })).toBe('final合格');
    expect(describePaymentCondition({ type: 'assessmentPassed' })).toBe('当年绩效考核合格');
    expect(describePaymentCondition({ type: 'receiptProof' })).toBe('提供资金到账凭据');
  });
  it('fenText: integer fen to yuan with two decimals, negative amounts signed', () => {
    expect(fenText(1_234_560)).toBe('12,345.60 元');
    expect(fenText(5)).toBe('0.05 元');
    expect(fenText(-250)).toBe('-2.50 元');
  });
});

describe('postAwardIssues: cross-references of the post-award part', () => {
  const base = all.find((p) => p.postAward && p.postAward.checks.length > 0 && p.postAward.payments.length > 0)!;
  const pa = base.postAward!;
  const ctx: Parameters<typeof postAwardIssues>[1] = {
    penaltyIds: new Set(base.penalties.map((p) => p.id)),
    kindIds: new Set(base.kinds.map((k) => k.id)),
    cycleYears: 3,
    pays: true,
  };
  const messages = (x: PostAward, c: Partial<typeof ctx> = {}) =>
    postAwardIssues(x, { ...ctx, ...c }).map((i) => `${i.path.join('.')}|${i.message}`);

  it('every built-in programme’s post-award part is consistent', () => {
    for (const p of all) {
      if (!p.postAward) continue;
      const issues = postAwardIssues(p.postAward, {
        penaltyIds: new Set(p.penalties.map((x) => x.id)),
        kindIds: new Set(p.kinds.map((k) => k.id)),
        cycleYears: null,
        pays: true,
      });
      expect([p.id, issues]).toEqual([p.id, []]);
    }
  });

  it('names a repeated check, an unknown penalty, a year past the cycle and repeated materials', () => {
    const [c0] = pa.checks;
    const yearly = {
      ...c0!,
      id: 'yearly-x',
      due: { type: 'yearly' as const, years: [1, 5], month: 12, day: 31 },
      onFail: ['no-such-penalty'],
    };
    const twice = { ...c0!, materials: [...c0!.materials, c0!.materials[0]!] };
    const out = messages({ ...pa, checks: [...pa.checks, twice, yearly] });
    const i = pa.checks.length;
    expect(out).toEqual(
      expect.arrayContaining([
        `postAward.checks.${i}.id|编号重复：${c0!.id}`,
        `postAward.checks.${i}.materials|材料编号重复`,
        `postAward.checks.${i + 1}.onFail.0|引用了未定义的处理：no-such-penalty`,
        `postAward.checks.${i + 1}.due.years|第 5 年超出项目周期 3 年`,
      ]),
    );
    expect(out).toHaveLength(4);
    // without a cycle length, the years are not bounded
    expect(messages({ ...pa, checks: [...pa.checks, yearly] }, { cycleYears: null })).toEqual([
      `postAward.checks.${i}.onFail.0|引用了未定义的处理：no-such-penalty`,
    ]);
  });

  it('names a repeated payment, a payment after an unknown check, money where the programme pays none, unknown penalties and renewal kind', () => {
    const [p0] = pa.payments;
    const stray = { ...p0!, id: 'stray', after: [{ type: 'checkPassed' as const, checkId: 'nowhere' }] };
    expect(messages({ ...pa, payments: [...pa.payments, p0!, stray] })).toEqual([
      `postAward.payments.${pa.payments.length}.id|编号重复：${p0!.id}`,
      `postAward.payments.${pa.payments.length + 1}.after.0|引用了未定义的检查：nowhere`,
    ]);
    const budget = pa.budget ?? all.find((p) => p.postAward?.budget)!.postAward!.budget!;
    expect(messages({ ...pa, budget }, { pays: false })).toEqual([
      'postAward.payments|本项目不设资助资金，不能安排拨付',
      'postAward.budget|本项目不设资助资金，不需要预算',
    ]);
    expect(
      messages({
        ...pa,
        misconduct: 'gone',
        unspent: 'lost',
        renewal: { ...(pa.renewal ?? { kindId: 'x' }), kindId: 'nope' },
      } as PostAward),
    ).toEqual([
      'postAward.misconduct|引用了未定义的处理：gone',
      'postAward.unspent|引用了未定义的处理：lost',
      'postAward.renewal.kindId|引用了未定义的申报类别：nope',
    ]);
  });
});

describe('receipt proofs (资金到账凭据)', () => {
  const withProof = all.find((p) => receiptProofRules(p).length > 0)!;
  const without = all.find((p) => p.postAward && receiptProofRules(p).length === 0)!;
  it('only a programme whose payment waits for one takes them, up to the limit', () => {
    expect(receiptProofRules({ postAward: undefined })).toEqual([]);
    expect(receiptProofRefusal(without, 0, 1)).toBe('本项目的拨付不需要提供资金到账凭据');
    expect(receiptProofRefusal(withProof, 0, 1)).toBeNull();
    expect(receiptProofRefusal(withProof, MAX_RECEIPT_PROOFS - 1, 1)).toBeNull();
    expect(receiptProofRefusal(withProof, MAX_RECEIPT_PROOFS, 1)).toBe(`资金到账凭据最多 ${MAX_RECEIPT_PROOFS} 份`);
  });
});

describe('the award amount and date: the remaining branches', () => {
  it('an award status without an awarded step has no date; a kind without funding and without a clause is refused plainly', () => {
    expect(awardedOnOf({ status: 'awarded', history: [{ at: 0, toStatus: 'in_review' }] })).toBeNull();
    const none = { label: '荣誉类', funding: { type: 'none' as const } } as Pick<ApplicationKind, 'funding' | 'label'>;
    expect(checkAwardAmount(none, 0)).toEqual({ ok: false, reason: '核定金额须大于 0 元', clause: '' });
    expect(checkAwardAmount(none, 100)).toEqual({ ok: false, reason: '荣誉类不设资助资金，不能核定金额', clause: '' });
    const clauseNone = { label: '荣誉类', funding: { type: 'none' as const, clause: '第五条' } } as Pick<
      ApplicationKind,
      'funding' | 'label'
    >;
    expect(checkAwardAmount(clauseNone, 100)).toEqual({
      ok: false,
      reason: '荣誉类不设资助资金，不能核定金额（第五条）',
      clause: '第五条',
    });
  });
  it('a definition that is not an object is refused at the root', () => {
    const r = checkDefinition('不是定义');
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.errors.map((e) => e.path)).toEqual(['(根)']);
  });
});
