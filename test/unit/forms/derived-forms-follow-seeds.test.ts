import {
  allFields,
  type FormDefinition,
  formSchema,
  forms,
  pingdingshanFiveStarForm,
  weihaiClassAForm,
  weihaiClassBForm,
  weihaiPromotionForm,
  wuhanAwardForm,
  yiyangAcademicForm,
  yiyangDemonstrationForm,
  yiyangSocialServiceForm,
  yiyangSocietyBuildingForm,
  yiyangStationForm,
} from '../../../shared/forms';
import { filled } from './fill';

/** Seeds 000-003 print no form: what each derived form asks must still trace to its seed. */
const keysOf = (def: FormDefinition) => allFields(def).map((p) => p.field.key);
const fieldOf = (def: FormDefinition, key: string) => allFields(def).find((p) => p.field.key === key)?.field;

describe('origin', () => {
  it('only the station form is printed in its seed; the others are derived', () => {
    const printed = Object.values(forms)
      .filter((f) => f.source.origin === 'seed-form')
      .map((f) => f.id);
    expect(printed).toEqual([yiyangStationForm.id]);
  });

  it.each(
    Object.values(forms)
      .filter((f) => f.source.origin === 'derived')
      .map((f) => [f.id, f] as const),
  )('%s asks who the society is and how to reach it', (_id, def) => {
    for (const key of ['societyName', 'secretaryGeneral', 'contactName', 'contactMobile']) expect(fieldOf(def, key)?.required).toBe(true);
  });
});

describe('益阳 2018 (seed 000)', () => {
  it('综合示范学会 asks the details behind 六(二): which commendation, which bank account', () => {
    for (const key of ['commendation', 'bankName', 'bankAccount']) expect(fieldOf(yiyangDemonstrationForm, key)?.required).toBe(true);
  });

  it.each([yiyangAcademicForm, yiyangSocialServiceForm, yiyangSocietyBuildingForm].map((f) => [f.id, f] as const))(
    '%s (a key project) does not ask them, and budgets by 第六条’s three categories',
    (_id, def) => {
      expect(keysOf(def)).not.toContain('commendation');
      expect(fieldOf(def, 'budgetTotal')?.sumOf).toEqual(['budgetMaterials', 'budgetActivities', 'budgetOther']);
      expect(
        allFields(def)
          .filter((p) => p.field.sumOf === undefined && p.field.group === '经费预算（元）')
          .map((p) => p.field.label),
      ).toEqual(['项目资料费', '项目活动费', '其他费用']);
    },
  );
});

describe('武汉 (seed 001)', () => {
  it('asks for the council’s approval (四(一) 学会申报须经理事会（常务理事会）研究同意)', () => {
    expect(fieldOf(wuhanAwardForm, 'councilApprovalDate')).toMatchObject({ type: 'date', required: true });
    expect(fieldOf(wuhanAwardForm, 'councilBody')?.options?.map((o) => o.label)).toEqual(['理事会', '常务理事会']);
  });
});

describe('平顶山 five-star (seed 002)', () => {
  it('asks for the three-year plan and each year’s targets (三(三))', () => {
    for (const key of ['threeYearPlan', 'year1Targets', 'year2Targets', 'year3Targets']) {
      expect(fieldOf(pingdingshanFiveStarForm, key)?.required).toBe(true);
    }
  });
  it('asks about each of the five stars (四(一)-(五))', () => {
    const labels = allFields(pingdingshanFiveStarForm).map((p) => p.field.label);
    for (const star of ['学会党建之星', '服务科技创新之星', '服务社会和政府之星', '服务科技工作者之星', '学会自我发展之星'])
      expect(labels).toContain(star);
  });
});

describe('威海 2025 (seed 003)', () => {
  // 五: 每年每个A类项目不超过5万元，B类项目不超过2万元，中国科协科技信息企业应用推广项目不超过2万元
  describe.each<[string, FormDefinition, number]>([
    ['class A', weihaiClassAForm, 50_000],
    ['class B', weihaiClassBForm, 20_000],
    ['promotion', weihaiPromotionForm, 20_000],
  ])('a %s request', (_kind, def, cap) => {
    const submit = formSchema(def, { mode: 'submit' });
    it.each<[string, number, boolean]>([
      ['exactly at the cap', cap, true],
      ['one yuan below', cap - 1, true],
      ['one yuan above', cap + 1, false],
    ])('%s: accepted = %s', (_case, amount, ok) => {
      expect(submit.safeParse({ ...filled(def), requestedAmount: amount }).success).toBe(ok);
    });
  });

  it('class A must name the industry it serves (侧重于服务实体经济); class B need not', () => {
    expect(fieldOf(weihaiClassAForm, 'servedIndustry')?.required).toBe(true);
    expect(fieldOf(weihaiClassBForm, 'servedIndustry')?.required).toBe(false);
  });

  it('asks the details behind 四(二)1-3 that a yes/no fact cannot hold', () => {
    for (const def of [weihaiClassAForm, weihaiClassBForm, weihaiPromotionForm]) {
      for (const key of ['partyOrgForm', 'partyActivitiesLastYear', 'lastElectionDate', 'officeAddress', 'innovationServices']) {
        expect(fieldOf(def, key)?.required).toBe(true);
      }
    }
  });
});
