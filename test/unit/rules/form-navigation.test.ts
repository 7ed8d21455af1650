import { formSchema, forms } from '../../../shared/forms';
import { programmes } from '../../../shared/programmes';
import { applicantProgress, applicationTitle } from '../../../shared/rules/applicant-progress';
import { fundingOverBudget } from '../../../shared/rules/budget';
import { valueIssues } from '../../../shared/rules/drafts';
import {
  acceptText,
  commentsByStep,
  counterState,
  DRAFT_TEXT_CAP,
  dateRange,
  fieldErrors,
  issuesByStep,
  navSteps,
  prefillValues,
  stepOfField,
  stepStates,
} from '../../../shared/rules/form-navigation';
import { cityUnitOf, programmeOffered } from '../../../shared/rules/offer';
import { submissionBlockers } from '../../../shared/rules/submission';

/** The form navigation model (issue 15, findings 1, 3, 4, 5, 6). */
const capacity = forms['yiyang-capacity-2018/academic']!;
const steps = navSteps(capacity, [
  { id: '__attachments', title: '申报材料' },
  { id: '__submit', title: '检查并提交' },
]);

describe('dates on forms', () => {
  it('a society founded on 1985-06-12 is valid on every form with a founding date (finding 1)', () => {
    for (const f of Object.values(forms)) {
      if (!f.steps.some((s) => s.fields.some((x) => x.key === 'foundedOn'))) continue;
      const r = formSchema(f, { mode: 'draft' }).safeParse({ foundedOn: '1985-06-12' });
      expect([f.id, r.success]).toEqual([f.id, true]);
    }
  });
  it('a founding date picker goes back to 1900-01-01 and ends today; plan dates lie around the round', () => {
    const field = (k: string) => capacity.steps.flatMap((s) => s.fields).find((f) => f.key === k)!;
    expect(dateRange(field('foundedOn'), capacity, { today: '2026-11-28' })).toEqual({
      start: '1900-01-01',
      end: '2026-11-28',
      initial: '2026-11-28',
    });
    expect(dateRange(field('startDate'), capacity, { today: '2026-11-28', roundOpensOn: '2026-11-01' })).toEqual({
      start: '2025-11-01',
      end: '2031-11-01',
      initial: '2026-11-28',
    });
    expect(dateRange(field('endDate'), capacity, { today: '2026-11-28', roundOpensOn: '2026-11-01' }).start).toBe('2025-11-01');
  });
});

describe('errors located by step (finding 5)', () => {
  const values = { foundedOn: '1987-02-29', startDate: '2026-02-30', requestedAmount: 9000, budgetMaterials: 1000, budgetTotal: 1000 };
  const parsed = formSchema(capacity, { mode: 'draft' }).safeParse(values);
  const issues = parsed.success ? [] : valueIssues(parsed.error.issues);
  const errors = fieldErrors([...issues, ...issues]); // reached twice: listed once

  it('groups problems by the step of their field, each field once, with its name', () => {
    const grouped = issuesByStep(steps, errors, { __attachments: ['请上传：盖章版申报书', '请上传：盖章版申报书'] });
    expect(grouped.map((g) => [g.stepId, g.issues.map((i) => i.fieldKey)])).toEqual([
      [stepOfField(steps, 'foundedOn'), ['foundedOn']],
      [stepOfField(steps, 'startDate'), ['startDate']],
      ['budget', ['requestedAmount']],
      ['__attachments', [null]],
    ]);
    expect(grouped[0]!.issues[0]!.message).toBe('成立时间：1987 年 2 月只有 28 天，没有 29 日');
  });

  it('step tabs say which steps have errors, comments, and which are done', () => {
    const st = stepStates(steps, { values, errors, comments: { projectName: '请写明项目名称', 'step:__attachments': '请上传盖章版' } });
    const byId = Object.fromEntries(st.map((s) => [s.id, s]));
    expect(byId.budget!.errorCount).toBe(1);
    expect(byId[stepOfField(steps, 'projectName')!]!.commentCount).toBe(1);
    expect(byId.__attachments!.commentCount).toBe(1);
    const clean = stepStates(steps, {
      values: { requestedAmount: 1000, budgetMaterials: 1000, budgetTotal: 1000 },
      errors: {},
      comments: {},
    });
    expect(clean.find((s) => s.id === 'budget')!.done).toBe(true);
    expect(clean.find((s) => s.id === stepOfField(steps, 'foundedOn'))!.done).toBe(false);
  });

  it('the same message reached twice is one blocker line', () => {
    const blockers = submissionBlockers(
      { eligible: true, blocking: [], criteria: [], vetoes: [], unknown: [] },
      { complete: true, missing: [], wrongType: [], unexpected: [] },
      [],
      [
        { path: 'values.foundedOn', message: '成立时间：日期不能早于 1900-01-01' },
        { path: 'values.foundedOn', message: '成立时间：日期不能早于 1900-01-01' },
      ],
    );
    expect(blockers).toEqual(['成立时间：日期不能早于 1900-01-01']);
  });
});

describe('counters and pastes (finding 4)', () => {
  it('warns before the limit and says by how much it is over', () => {
    expect(counterState('字'.repeat(100), 3000)).toMatchObject({ level: 'ok', text: '100/3000 字' });
    expect(counterState('字'.repeat(2800), 3000)).toMatchObject({ level: 'near', text: '2800/3000 字，还可输入 200 字' });
    expect(counterState('字'.repeat(5000), 3000)).toMatchObject({ level: 'over', text: '5000/3000 字，超出 2000 字，请删减后再提交' });
  });
  it('an over-long paste is kept whole and visible, with a message; only beyond the draft cap is text cut, and it says how much', () => {
    const pasted = '字'.repeat(5000);
    expect(acceptText(pasted, 3000)).toEqual({
      value: pasted,
      cut: 0,
      message: '已粘贴 5000 字，超过上限 3000 字，超出的 2000 字仍保留在框内，请删减',
    });
    const huge = `${'字'.repeat(DRAFT_TEXT_CAP)}尾巴`;
    const r = acceptText(huge, 3000);
    expect(r.cut).toBe(2);
    expect(r.value).toHaveLength(DRAFT_TEXT_CAP);
    expect(r.message).toContain('末尾的 2 字（从“尾巴…”起）没有保存');
  });
});

describe('funding vs budget (finding 6)', () => {
  it('flags requested funding above the budget total, at the requested amount', () => {
    expect(fundingOverBudget(capacity, { requestedAmount: 5000, budgetTotal: 3000 })).toEqual({
      path: 'values.requestedAmount',
      message: '申请资助金额（5,000 元）不能大于预算合计（3,000 元）',
    });
    expect(fundingOverBudget(capacity, { requestedAmount: 3000, budgetTotal: 3000 })).toBeNull();
    const r = formSchema(capacity, { mode: 'draft' }).safeParse({ budgetMaterials: 3000, budgetTotal: 3000, requestedAmount: 5000 });
    expect(r.success ? [] : r.error.issues.map((i) => i.path.join('.'))).toEqual(['requestedAmount']);
  });
});

describe('programmes offered by city (finding 6; issue 13 item 5: what the city enables)', () => {
  const castUnits = new Map(
    [
      {
        id: 'cast-yiyang',
        name: '益阳市科协',
        kind: 'city' as const,
        parentId: null,
        programmeIds: ['yiyang-station-2023', 'yiyang-capacity-2018'],
      },
      { id: 'cast-heshan', name: '赫山区科协', kind: 'county' as const, parentId: 'cast-yiyang' },
      { id: 'cast-wuhan', name: '武汉市科学技术协会', kind: 'city' as const, parentId: null, programmeIds: ['wuhan-award'] },
    ].map((u) => [u.id, u] as const),
  );
  it('a Yiyang secretary is offered what Yiyang enables only; a county unit belongs to its city', () => {
    const offered = Object.values(programmes)
      .filter((p) => programmeOffered(p, ['cast-heshan'], castUnits))
      .map((p) => p.id)
      .sort();
    expect(offered).toEqual(['yiyang-capacity-2018', 'yiyang-station-2023']);
    expect(programmeOffered(programmes['wuhan-award'], ['cast-wuhan'], castUnits)).toBe(true);
    expect(cityUnitOf('nowhere', castUnits)).toBeNull();
  });
  it('a programme the city has not enabled is not offered, whatever its name says', () => {
    const off = new Map([...castUnits].map(([id, u]) => [id, id === 'cast-yiyang' ? { ...u, programmeIds: [] } : u] as const));
    expect(programmeOffered(programmes['yiyang-station-2023'], ['cast-heshan'], off)).toBe(false);
  });
});

describe('what the applicant reads about progress and titles (finding 6)', () => {
  it('the stage list includes 公示 and the award, where the programme places them', () => {
    const p = programmes['yiyang-station-2023'];
    const stages = p.stages.map((s) => ({
      id: s.id,
      label: s.label,
      role: s.role,
      roleLabel: '',
      phase: s.phase,
      state: 'done' as const,
      note: '',
    }));
    const list = applicantProgress(p, stages, 'publicity');
    expect(list.map((s) => s.label)).toContain('公示');
    expect(list[list.length - 1]!.label).toBe(p.award.label);
    expect(list.find((s) => s.id === '__publicity')!.state).toBe('current');
    const before = stages.filter((s) => s.phase !== 'afterPublicity').length;
    expect(list[before]!.id).toBe('__publicity');
    expect(applicantProgress(p, stages, 'awarded').find((s) => s.id === '__award')!.state).toBe('done');
  });
  it('capacity projects are titled by the project, not the society', () => {
    expect(applicationTitle(capacity, { societyName: '益阳市农学会', projectName: '水稻新品种推广' })).toBe('水稻新品种推广');
    expect(applicationTitle(capacity, { societyName: '益阳市农学会' })).toBe('益阳市农学会');
  });
});

describe('prefill from the chosen unit (finding 6)', () => {
  const station = forms['yiyang-station-2023/station']!;
  it('fills 申报单位名称 from the chosen host unit and the society name, only where blank', () => {
    expect(prefillValues(station, { hostUnitName: '沅江市船舶制造企业科协', societyName: '益阳市机械工程学会' }, {})).toEqual({
      applicantName: '沅江市船舶制造企业科协',
      societyName: '益阳市机械工程学会',
    });
    expect(prefillValues(station, { hostUnitName: '沅江市船舶制造企业科协' }, { applicantName: '已填写的名称' })).toEqual({});
  });
});

describe('comments grouped by step with names (finding 3)', () => {
  it('puts each comment under its step, named, materials under 申报材料', () => {
    const station = forms['yiyang-station-2023/station']!;
    const groups = commentsByStep(station, programmes['yiyang-station-2023'].materials, {
      purposeAndPlan: '请补充第一年的协议完成目标',
      address: '请写到门牌号',
      [`material:${programmes['yiyang-station-2023'].materials[0]!.id}`]: '请上传盖章版',
    });
    expect(groups.map((g) => [g.title, g.items.map((i) => i.name)])).toEqual([
      ['申报单位', ['申报单位通讯地址']],
      [expect.any(String), [expect.any(String)]],
      ['申报材料', [programmes['yiyang-station-2023'].materials[0]!.label]],
    ]);
  });
});
