import { addDays, addMonthsClamped, chinaDateOf, daysInMonth, yearOf } from '../../../../shared/calendar/china-time';
import { libraryCalendar } from '../../../../shared/calendar/holidays';
import { getProgramme, listProgrammes, type Programme } from '../../../../shared/programmes';
import type { CheckRule } from '../../../../shared/programmes/post-award';
import {
  budgetApprovedOn,
  checkCounts,
  checkDocIdOf,
  checkDueDate,
  checkPublicity,
  checkStepRefusal,
  checksOwed,
  checkUrgency,
  checkWaitsFor,
  clampedDate,
  missingMaterials,
  missingOpinions,
  opinionSlotsFor,
  remindersDue,
} from '../../../../shared/rules/post-award/checks';
import type { BudgetVersion, CheckDoc } from '../../../../shared/schemas/awards';

/**
 * The checks an award owes (issue 14 item 2), generated over every programme's `postAward.checks`:
 * each due type computed from the award facts (China dates, a day clamped to its month, leap years),
 * an unknown date explained; what a check waits for, which step it allows, when it counts, reminders.
 */
const programme = (id: string): Programme => getProgramme(id)!;
const withChecks = listProgrammes().filter((p) => (p.postAward?.checks.length ?? 0) > 0);
const approvedAt = (date: string): BudgetVersion => ({
  version: 1,
  status: 'approved',
  lines: [],
  changeReason: null,
  submittedAt: Date.parse(`${date}T09:00:00+08:00`),
  decision: { by: 'p-staff', at: Date.parse(`${date}T10:00:00+08:00`), comment: '' },
});
const doc = (over: Partial<CheckDoc> = {}): CheckDoc => ({
  id: 'ck_aw_x_c_1',
  awardId: 'aw_x',
  programmeId: 'p',
  castUnitId: 'cast-yiyang',
  checkId: 'c',
  year: 1,
  dueDate: '2027-06-30',
  status: 'pending',
  materials: {},
  submittedAt: null,
  opinions: [],
  outcome: null,
  publicity: null,
  objections: [],
  returns: [],
  remindersSent: [],
  revision: 1,
  createdAt: 0,
  updatedAt: 0,
  ...over,
});

describe('every programme with checks owes each check on its due date', () => {
  it('the programmes with checks are the four society programmes', () => {
    expect(withChecks.map((p) => p.id).sort()).toEqual(['pingdingshan-five-star', 'weihai-2025', 'wuhan-award', 'yiyang-capacity-2018']);
  });
  const rows = withChecks.flatMap((p) => p.postAward!.checks.map((c) => [`${p.id}:post-award.check.${c.id}`, p, c] as const));
  it.each(rows)('[%s] due date from the data, for awards on ordinary, month-end and leap days', (_tag, p, rule: CheckRule) => {
    for (const awardedOn of ['2026-03-15', '2027-01-31', '2028-02-29', '2025-12-31']) {
      const owed = checksOwed(p, { awardedOn, budgets: [approvedAt(awardedOn)] }).filter((o) => o.rule.id === rule.id);
      const y0 = yearOf(awardedOn);
      switch (rule.due.type) {
        case 'monthsAfterAward':
          expect(owed.map((o) => [o.year, o.dueDate])).toEqual([[1, addMonthsClamped(awardedOn, rule.due.months)]]);
          break;
        case 'dayOfYear': {
          const y = y0 + rule.due.yearOffset;
          const day = Math.min(rule.due.day, daysInMonth(y, rule.due.month));
          expect(owed.map((o) => [o.year, o.dueDate])).toEqual([
            [1, `${y}-${String(rule.due.month).padStart(2, '0')}-${String(day).padStart(2, '0')}`],
          ]);
          break;
        }
        case 'yearly': {
          const { years, month, day } = rule.due;
          expect(owed.map((o) => o.year)).toEqual([...years].sort());
          for (const o of owed) expect(o.dueDate).toBe(clampedDate(y0 + o.year - 1, month, day));
          break;
        }
        case 'budgetWindowEnd': {
          const years = p.cycle.budgetSpendWithinYears!;
          expect(owed.map((o) => [o.year, o.dueDate])).toEqual([[1, addDays(addMonthsClamped(awardedOn, 12 * years), -1)]]);
          break;
        }
      }
      for (const o of owed) expect(o.pendingReason).toBeNull();
    }
  });

  it('[pingdingshan-five-star:post-award.check.yearly-check] years 2 and 3 of an award, none in the award year', () => {
    const p = programme('pingdingshan-five-star');
    const owed = checksOwed(p, { awardedOn: '2026-05-20', budgets: [] });
    expect(owed.map((o) => [o.rule.id, o.year, o.dueDate])).toEqual([
      ['yearly-check', 2, '2027-12-15'],
      ['yearly-check', 3, '2028-12-15'],
    ]);
    expect(owed.map((o) => checkDocIdOf('aw_a1', o.rule.id, o.year))).toEqual(['ck_aw_a1_yearly-check_2', 'ck_aw_a1_yearly-check_3']);
  });

  it('[weihai-2025:post-award.check.completion] due 11-30 of the award year (五(五): 11月底前)', () => {
    const p = programme('weihai-2025');
    expect(checksOwed(p, { awardedOn: '2025-04-10', budgets: [] }).map((o) => o.dueDate)).toEqual(['2025-11-30']);
  });

  it('[wuhan-award:post-award.check.mid-term] mid-term 6 and final 12 months after the award, clamped at a month end', () => {
    const p = programme('wuhan-award');
    expect(checksOwed(p, { awardedOn: '2025-08-31', budgets: [] }).map((o) => [o.rule.id, o.dueDate])).toEqual([
      ['mid-term', '2026-02-28'],
      ['final', '2026-08-31'],
    ]);
    expect(checksOwed(p, { awardedOn: '2027-08-31', budgets: [] })[0]!.dueDate).toBe('2028-02-29');
  });

  it('[yiyang-capacity-2018:post-award.check.yearly-acceptance] one year from the budget approval, not from the award; unknown until approved', () => {
    const p = programme('yiyang-capacity-2018');
    const pending = checksOwed(p, {
      awardedOn: '2026-03-01',
      budgets: [{ ...approvedAt('2026-04-10'), status: 'submitted', decision: null }],
    });
    expect(pending).toEqual([
      expect.objectContaining({ year: 1, dueDate: null, pendingReason: expect.stringMatching(/预算尚未批复.*1 年/) }),
    ]);
    expect(checksOwed(p, { awardedOn: '2026-03-01', budgets: [approvedAt('2026-04-10')] })[0]!.dueDate).toBe('2027-04-09');
    // a leap day approval: the window ends the day before 2029-02-28
    expect(checksOwed(p, { awardedOn: '2028-01-05', budgets: [approvedAt('2028-02-29')] })[0]!.dueDate).toBe('2029-02-27');
    // a later approved change does not restart the window (自预算批复之日起)
    const change = { ...approvedAt('2026-09-01'), version: 2 };
    expect(budgetApprovedOn([approvedAt('2026-04-10'), change])).toBe('2026-04-10');
  });

  it('a budget window check under a programme without an execution period says so instead of a date', () => {
    const p = programme('yiyang-capacity-2018');
    const silent: Programme = { ...p, cycle: { ...p.cycle, budgetSpendWithinYears: undefined } };
    expect(checkDueDate(silent, { type: 'budgetWindowEnd' }, 1, { awardedOn: '2026-03-01', budgets: [approvedAt('2026-04-10')] })).toEqual({
      dueDate: null,
      pendingReason: expect.stringMatching(/未规定预算执行期限/),
    });
  });

  it('a day past the month end is clamped, in leap and common years', () => {
    expect(clampedDate(2028, 2, 31)).toBe('2028-02-29');
    expect(clampedDate(2027, 2, 30)).toBe('2027-02-28');
    expect(clampedDate(2027, 4, 31)).toBe('2027-04-30');
    expect(
      checkDueDate(programme('wuhan-award'), { type: 'dayOfYear', month: 2, day: 31, yearOffset: 2 }, 1, {
        awardedOn: '2026-01-01',
        budgets: [],
      }).dueDate,
    ).toBe('2028-02-29');
  });
});

describe('what a check waits for and which step it allows', () => {
  const yiyang = programme('yiyang-capacity-2018').postAward!.checks[0]!;
  const weihai = programme('weihai-2025').postAward!.checks[0]!;
  const ping = programme('pingdingshan-five-star').postAward!.checks[0]!;
  const wuhanFinal = programme('wuhan-award').postAward!.checks.find((c) => c.id === 'final')!;
  const file = { fileId: 'f1', name: 'a.pdf', size: 10, mime: 'application/pdf' };

  it('[wuhan-award:post-award.check.final] submit needs every required material; an optional one may be missing', () => {
    expect(missingMaterials(wuhanFinal, {})).toEqual(['总结验收书面材料']);
    expect(checkStepRefusal(doc(), wuhanFinal, 'submit', '2026-01-01')).toBe('请上传：总结验收书面材料');
    expect(checkStepRefusal(doc({ materials: { 'written-report': [file] } }), wuhanFinal, 'submit', '2026-01-01')).toBeNull();
    expect(
      checkStepRefusal(doc({ status: 'returned', materials: { 'written-report': [file] } }), wuhanFinal, 'submit', '2026-01-01'),
    ).toBeNull();
    expect(checkStepRefusal(doc({ status: 'submitted' }), wuhanFinal, 'saveMaterials', '2026-01-01')).toMatch(/已提交/);
    expect(checkStepRefusal(doc({ status: 'passed' }), wuhanFinal, 'saveMaterials', '2026-01-01')).toMatch(/已有结论/);
    expect(checkStepRefusal(doc(), wuhanFinal, 'opinion', '2026-01-01')).toBe('该检查不需要出具意见');
  });

  it('[yiyang-capacity-2018:post-award.check.yearly-acceptance] the decision waits for the finance bureau; only it may give that opinion', () => {
    expect(opinionSlotsFor(yiyang, ['cityStaff']).map((o) => o.id)).toEqual([]);
    expect(opinionSlotsFor(yiyang, ['financeBureau']).map((o) => o.id)).toEqual(['finance-bureau']);
    const submitted = doc({ status: 'submitted' });
    expect(checkWaitsFor(submitted, yiyang, '2026-01-01')).toBe('opinions');
    expect(checkStepRefusal(submitted, yiyang, 'decide', '2026-01-01')).toBe('尚缺：市财政局意见');
    const opinioned = doc({
      status: 'submitted',
      opinions: [{ opinionId: 'finance-bureau', by: 'p-fin', at: 1, passed: true, text: '同意' }],
    });
    expect(checkStepRefusal(opinioned, yiyang, 'decide', '2026-01-01')).toBeNull();
    expect(checkWaitsFor(opinioned, yiyang, '2026-01-01')).toBe('decision');
    expect(checkStepRefusal(doc(), yiyang, 'opinion', '2026-01-01')).toBe('申报单位尚未提交材料');
    expect(checkStepRefusal(doc(), yiyang, 'decide', '2026-01-01')).toBe('申报单位尚未提交材料');
    expect(checkStepRefusal(doc({ status: 'failed' }), yiyang, 'return', '2026-01-01')).toMatch(/不能退回/);
  });

  it('[weihai-2025:post-award.check.completion] three opinions (党建、业务、财务) before the decision', () => {
    const given = (ids: string[]) => ids.map((opinionId) => ({ opinionId, by: 'p-city-staff', at: 1, passed: true, text: '' }));
    expect(missingOpinions(weihai, given(['party-building'])).map((o) => o.label)).toEqual(['业务负责人员意见', '财务负责人员意见']);
    expect(
      checkStepRefusal(doc({ status: 'submitted', opinions: given(['party-building', 'business']) }), weihai, 'decide', '2025-12-01'),
    ).toBe('尚缺：财务负责人员意见');
    expect(
      checkStepRefusal(
        doc({ status: 'submitted', opinions: given(['party-building', 'business', 'finance']) }),
        weihai,
        'decide',
        '2025-12-01',
      ),
    ).toBeNull();
  });

  it('[pingdingshan-five-star:post-award.check.yearly-check] a passed check counts only after its publicity ends with no objection upheld or open', () => {
    const p = programme('pingdingshan-five-star');
    const period = checkPublicity(p, '2027-12-20', libraryCalendar);
    expect(period.start).toBe('2027-12-20');
    // 5 working days from Monday 2027-12-20: Friday 2027-12-24
    expect(period.end).toBe('2027-12-24');
    const passed = doc({ status: 'passed', publicity: { start: period.start, end: period.end, objectionUpheld: false } });
    expect(checkCounts(doc({ status: 'passed' }), ping, '2027-12-30')).toBe('open');
    expect(checkCounts(passed, ping, '2027-12-24')).toBe('open');
    expect(checkCounts(passed, ping, '2027-12-25')).toBe('passed');
    expect(checkWaitsFor(passed, ping, '2027-12-22')).toBe('publicity');
    expect(checkWaitsFor(passed, ping, '2027-12-25')).toBe('done');
    const objection = { text: '材料不实', receivedOn: '2027-12-22', recordedBy: 'p-city-staff', at: 1, decision: null };
    expect(checkCounts({ ...passed, objections: [objection] }, ping, '2028-01-10')).toBe('open');
    const dismissed = { ...objection, decision: { upheld: false, reason: '经核实不成立', by: 'p-city-staff', at: 2 } };
    expect(checkCounts({ ...passed, objections: [dismissed] }, ping, '2028-01-10')).toBe('passed');
    expect(checkCounts({ ...passed, publicity: { ...passed.publicity!, objectionUpheld: true } }, ping, '2028-01-10')).toBe('failed');
    expect(checkCounts(doc({ status: 'failed' }), ping, '2028-01-10')).toBe('failed');
    // without publicity in the rule, a pass counts at once
    expect(checkCounts(doc({ status: 'passed' }), wuhanFinal, '2026-01-01')).toBe('passed');
    expect(checkCounts(doc({ status: 'submitted' }), wuhanFinal, '2026-01-01')).toBe('open');
    // objections: only during the publicity, only while no objection is upheld
    expect(checkStepRefusal(passed, ping, 'recordObjection', '2027-12-19')).toMatch(/开始/);
    expect(checkStepRefusal(passed, ping, 'recordObjection', '2027-12-22')).toBeNull();
    expect(checkStepRefusal(passed, ping, 'recordObjection', '2027-12-25')).toMatch(/已于 2027-12-24 结束/);
    expect(checkStepRefusal(passed, wuhanFinal, 'recordObjection', '2027-12-22')).toBe('该检查没有公示');
    expect(checkStepRefusal(passed, ping, 'decideObjection', '2027-12-22')).toBe('没有待处理的异议');
    expect(checkStepRefusal({ ...passed, objections: [objection] }, ping, 'decideObjection', '2027-12-22')).toBeNull();
    expect(checkStepRefusal({ ...passed, status: 'failed' }, ping, 'recordObjection', '2027-12-22')).toMatch(/不合格/);
  });

  it('each step names why it is closed in every state', () => {
    const today = '2026-01-01';
    const states = ['pending', 'returned', 'submitted', 'passed', 'failed'] as const;
    const refusal = (status: (typeof states)[number], step: Parameters<typeof checkStepRefusal>[2]) =>
      checkStepRefusal(doc({ status, materials: { summary: [file], spending: [file] } }), yiyang, step, today);
    expect(states.map((s) => refusal(s, 'saveMaterials'))).toEqual([
      null,
      null,
      '材料已提交，等待审核；如需补充请等待退回',
      '检查已有结论，不能再修改材料',
      '检查已有结论，不能再修改材料',
    ]);
    expect(states.map((s) => refusal(s, 'submit'))).toEqual([null, null, '材料已提交', '检查已有结论', '检查已有结论']);
    expect(states.map((s) => refusal(s, 'opinion'))).toEqual([
      '申报单位尚未提交材料',
      '申报单位尚未提交材料',
      null,
      '检查已有结论，不能再出具意见',
      '检查已有结论，不能再出具意见',
    ]);
    expect(states.map((s) => refusal(s, 'decide'))).toEqual([
      '申报单位尚未提交材料',
      '申报单位尚未提交材料',
      '尚缺：市财政局意见',
      '检查已有结论',
      '检查已有结论',
    ]);
    expect(states.map((s) => refusal(s, 'return'))).toEqual([
      '申报单位尚未提交材料',
      '申报单位尚未提交材料',
      null,
      '检查已有结论，不能退回',
      '检查已有结论，不能退回',
    ]);
    expect(states.map((s) => refusal(s, 'decideObjection'))).toEqual(states.map(() => '该检查没有公示中的结论'));
    expect(checkWaitsFor(doc({ status: 'returned' }), yiyang, today)).toBe('materials');
    expect(checkWaitsFor(doc({ status: 'failed' }), yiyang, today)).toBe('done');
  });

  it('owed checks are ordered by due date, those without one last', () => {
    const p = programme('wuhan-award');
    const mixed: Programme = {
      ...p,
      cycle: { ...p.cycle, budgetSpendWithinYears: 1 },
      postAward: {
        ...p.postAward!,
        checks: [{ ...p.postAward!.checks[1]!, id: 'window', due: { type: 'budgetWindowEnd' } }, ...p.postAward!.checks],
      },
    };
    expect(checksOwed(mixed, { awardedOn: '2026-03-01', budgets: [] }).map((o) => [o.rule.id, o.dueDate])).toEqual([
      ['mid-term', '2026-09-01'],
      ['final', '2027-03-01'],
      ['window', null],
    ]);
  });

  it('overdue and due soon apply to checks still owing materials', () => {
    expect(checkUrgency(doc({ dueDate: '2026-06-30' }), '2026-07-01')).toBe('overdue');
    expect(checkUrgency(doc({ dueDate: '2026-06-30' }), '2026-06-30')).toBe('dueSoon');
    expect(checkUrgency(doc({ dueDate: '2026-06-30' }), '2026-05-31')).toBe('dueSoon');
    expect(checkUrgency(doc({ dueDate: '2026-06-30' }), '2026-05-30')).toBeNull();
    expect(checkUrgency(doc({ dueDate: '2026-06-30', status: 'returned' }), '2026-07-01')).toBe('overdue');
    expect(checkUrgency(doc({ dueDate: '2026-06-30', status: 'submitted' }), '2026-07-01')).toBeNull();
  });
});

describe('reminders before the due date', () => {
  const rule = { remindDaysBefore: [30, 7] };
  it('each days-before value once, from its day to the due date; a late check gets one reminder for both', () => {
    const d = doc({ dueDate: '2026-06-30' });
    expect(remindersDue(d, rule, '2026-05-30')).toEqual([]);
    expect(remindersDue(d, rule, '2026-05-31')).toEqual([30]);
    expect(remindersDue({ ...d, remindersSent: [30] }, rule, '2026-06-20')).toEqual([]);
    expect(remindersDue({ ...d, remindersSent: [30] }, rule, '2026-06-23')).toEqual([7]);
    expect(remindersDue({ ...d, remindersSent: [30, 7] }, rule, '2026-06-29')).toEqual([]);
    expect(remindersDue(d, rule, '2026-06-25')).toEqual([30, 7]);
    expect(remindersDue(d, rule, '2026-07-01')).toEqual([]);
    expect(remindersDue({ ...d, status: 'submitted' }, rule, '2026-06-25')).toEqual([]);
  });
  it('every programme check reminds by its own data', () => {
    for (const p of withChecks) {
      for (const c of p.postAward!.checks) {
        const due = '2027-12-15';
        const first = Math.max(...c.remindDaysBefore);
        expect(remindersDue(doc({ dueDate: due }), c, addDays(due, -first))).toEqual([first]);
        expect(remindersDue(doc({ dueDate: due }), c, addDays(due, -first - 1))).toEqual([]);
      }
    }
  });
  it('the budget approval day is the China date of the decision', () => {
    // 2026-04-10 23:30 in Beijing is still 04-10 there (15:30 UTC)
    const late: BudgetVersion = {
      ...approvedAt('2026-04-10'),
      decision: { by: 'x', at: Date.parse('2026-04-10T23:30:00+08:00'), comment: '' },
    };
    expect(budgetApprovedOn([late])).toBe(chinaDateOf(Date.parse('2026-04-10T23:30:00+08:00')));
    expect(budgetApprovedOn([late])).toBe('2026-04-10');
  });
});
