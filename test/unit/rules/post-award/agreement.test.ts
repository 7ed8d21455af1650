import { type Programme, programmeIds, programmes } from '../../../../shared/programmes';
import type { AgreementRule } from '../../../../shared/programmes/post-award';
import {
  agreementShapeIssues,
  agreementStatusLabel,
  agreementStepAllowed,
  agreementSubmitIssues,
  cycleEnd,
  cycleYearsOf,
  emptyAnswer,
  statusAfterSubmit,
} from '../../../../shared/rules/post-award/agreement';
import type { AgreementAnswer, AgreementDoc } from '../../../../shared/schemas/awards';

/** The task agreement (任务书) of every programme that asks for one: sections, cycle, filing. */

const rows: [string, string][] = [
  ['[yiyang-capacity-2018:post-award.agreement]', 'yiyang-capacity-2018'],
  ['[wuhan-award:post-award.agreement]', 'wuhan-award'],
  ['[pingdingshan-five-star:post-award.agreement]', 'pingdingshan-five-star'],
  ['[weihai-2025:post-award.agreement]', 'weihai-2025'],
];
const withAgreement = programmeIds.map((id) => programmes[id] as Programme).filter((p) => p.postAward?.agreement);

const doc = (status: AgreementDoc['status']): AgreementDoc => ({ status, answers: {}, submittedAt: null, decision: null });

function full(rule: AgreementRule, years: number, awardedOn: string): Record<string, AgreementAnswer> {
  return Object.fromEntries(
    rule.sections.map((s): [string, AgreementAnswer] => [
      s.id,
      s.type === 'text'
        ? { type: 'text', text: '内容' }
        : s.type === 'yearlyTargets'
          ? { type: 'yearlyTargets', targets: Array.from({ length: years }, (_, i) => ({ year: i + 1, target: '目标' })) }
          : { type: 'schedule', milestones: [{ date: awardedOn, milestone: '启动' }] },
    ]),
  );
}

describe.each(rows)('%s', (_tag, id) => {
  const p = programmes[id as keyof typeof programmes] as Programme;
  const rule = p.postAward!.agreement!;
  const years = cycleYearsOf(p.cycle.cycleYears);
  const w = { awardedOn: '2026-06-01', cycleYears: years };

  it('a full answer submits; each required section missing is named in its own message', () => {
    expect(agreementSubmitIssues(rule, full(rule, years, w.awardedOn), w)).toEqual([]);
    const issues = agreementSubmitIssues(rule, {}, w);
    for (const s of rule.sections.filter((x) => x.required)) {
      const mine = issues.filter((i) => i.path.startsWith(`answers.${s.id}`));
      expect(mine.length).toBe(s.type === 'yearlyTargets' ? years : 1);
      for (const i of mine) expect(i.message).toContain(`“${s.label}”`);
    }
  });

  it('yearly targets: one per cycle year; a year beyond the cycle is refused even in a draft', () => {
    const yt = rule.sections.find((s) => s.type === 'yearlyTargets');
    if (!yt) return;
    expect(emptyAnswer(yt, w)).toEqual({
      type: 'yearlyTargets',
      targets: Array.from({ length: years }, (_, i) => ({ year: i + 1, target: '' })),
    });
    const beyond = agreementShapeIssues(rule, { [yt.id]: { type: 'yearlyTargets', targets: [{ year: years + 1, target: 'x' }] } }, w);
    expect(beyond[0]!.message).toBe(`“${yt.label}”：第 ${years + 1} 年超出项目周期 ${years} 年`);
    const missingLast = full(rule, years, w.awardedOn);
    missingLast[yt.id] = { type: 'yearlyTargets', targets: Array.from({ length: years - 1 }, (_, i) => ({ year: i + 1, target: '目标' })) };
    expect(agreementSubmitIssues(rule, missingLast, w).map((i) => i.message)).toEqual([`请填写“${yt.label}”的第 ${years} 年目标`]);
  });

  it('milestones fall within the cycle (award date to the day before its anniversary)', () => {
    const sc = rule.sections.find((s) => s.type === 'schedule');
    if (!sc) return;
    const end = cycleEnd(w);
    expect(agreementShapeIssues(rule, { [sc.id]: { type: 'schedule', milestones: [{ date: end, milestone: '结项' }] } }, w)).toEqual([]);
    const late = agreementShapeIssues(rule, { [sc.id]: { type: 'schedule', milestones: [{ date: '2099-01-01', milestone: '结项' }] } }, w);
    expect(late[0]!.message).toBe(`“${sc.label}”：日期须在项目周期内（2026-06-01 至 ${end}）`);
    const early = agreementShapeIssues(rule, { [sc.id]: { type: 'schedule', milestones: [{ date: '2026-05-31', milestone: '早' }] } }, w);
    expect(early).toHaveLength(1);
  });

  it('an answer for a section the programme does not have, or of another type, is refused', () => {
    expect(agreementShapeIssues(rule, { 'no-such': { type: 'text', text: 'x' } }, w)[0]!.message).toContain('没有这一部分');
    const s = rule.sections[0]!;
    const wrong: AgreementAnswer = s.type === 'text' ? { type: 'schedule', milestones: [] } : { type: 'text', text: 'x' };
    expect(agreementShapeIssues(rule, { [s.id]: wrong }, w)[0]!.message).toBe(`“${s.label}”的填写方式不正确`);
  });

  it(`filing '${rule.filing}': the steps from each status`, () => {
    expect(agreementStepAllowed(rule, null, 'save').ok).toBe(true);
    expect(agreementStepAllowed(rule, doc('returned'), 'submit').ok).toBe(true);
    expect(agreementStepAllowed(rule, doc('submitted'), 'save')).toEqual({ ok: false, reason: `${rule.label}已提交，等待审核，不能修改` });
    expect(agreementStepAllowed(rule, doc('accepted'), 'save').ok).toBe(false);
    if (rule.filing === 'approve') {
      expect(statusAfterSubmit(rule)).toBe('submitted');
      expect(agreementStepAllowed(rule, doc('submitted'), 'approve').ok).toBe(true);
      expect(agreementStepAllowed(rule, doc('accepted'), 'return').ok).toBe(false);
      expect(agreementStatusLabel(rule, doc('accepted'))).toBe('已通过');
    } else {
      // 备案: accepted on receipt; no approval; staff may still return it
      expect(statusAfterSubmit(rule)).toBe('accepted');
      expect(agreementStepAllowed(rule, doc('submitted'), 'approve')).toEqual({
        ok: false,
        reason: `${rule.label}报备案即可，无须审核（${rule.clause}）`,
      });
      expect(agreementStepAllowed(rule, doc('accepted'), 'return').ok).toBe(true);
      expect(agreementStatusLabel(rule, doc('accepted'))).toBe('已备案');
    }
  });
});

it('an optional section may stay empty; a cycle from 29 February ends on 28 February', () => {
  const rule: AgreementRule = {
    label: '任务书',
    clause: '第一条',
    filing: 'approve',
    decidedBy: 'cityStaff',
    sections: [
      { id: 'plan', label: '工作计划', type: 'text', required: true },
      { id: 'extra', label: '其他', type: 'yearlyTargets', required: false },
    ],
  };
  const w = { awardedOn: '2024-02-29', cycleYears: 1 };
  expect(agreementSubmitIssues(rule, { plan: { type: 'text', text: '计划' } }, w)).toEqual([]);
  expect(cycleEnd(w)).toBe('2025-02-28');
  expect(cycleYearsOf(null)).toBe(1);
});

it('the rows are every programme with an agreement', () => {
  expect(rows.map(([, id]) => id).sort()).toEqual(withAgreement.map((p) => p.id).sort());
});

it('empty answers per section type; a year given twice and a milestone without content are named', () => {
  const rule: AgreementRule = {
    label: '任务书',
    clause: '第一条',
    filing: 'approve',
    decidedBy: 'cityStaff',
    sections: [
      { id: 'plan', label: '工作计划', type: 'text', required: true },
      { id: 'targets', label: '年度目标', type: 'yearlyTargets', required: true },
      { id: 'steps', label: '进度', type: 'schedule', required: true },
    ],
  };
  const w = { awardedOn: '2026-06-01', cycleYears: 2 };
  expect(rule.sections.map((s) => emptyAnswer(s, w))).toEqual([
    { type: 'text', text: '' },
    {
      type: 'yearlyTargets',
      targets: [
        { year: 1, target: '' },
        { year: 2, target: '' },
      ],
    },
    { type: 'schedule', milestones: [] },
  ]);
  const twice = agreementShapeIssues(
    rule,
    {
      targets: {
        type: 'yearlyTargets',
        targets: [
          { year: 1, target: 'a' },
          { year: 1, target: 'b' },
        ],
      },
    },
    w,
  );
  expect(twice).toEqual([{ path: 'answers.targets.targets', message: '“年度目标”：同一年份只能填写一个目标' }]);
  const blank = agreementSubmitIssues(
    rule,
    {
      plan: { type: 'text', text: '计划' },
      targets: {
        type: 'yearlyTargets',
        targets: [
          { year: 1, target: 'a' },
          { year: 2, target: 'b' },
        ],
      },
      steps: { type: 'schedule', milestones: [{ date: '2026-07-01', milestone: ' ' }] },
    },
    w,
  );
  expect(blank).toEqual([{ path: 'answers.steps.milestones.0.milestone', message: '“进度”第 1 项请填写内容' }]);
});
