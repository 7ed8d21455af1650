import { budgetFields, field, opinion, societyStep } from './blocks';
import type { FormDefinition, FormField, FormStep } from './types';

/**
 * 威海市学会创新和服务能力提升工程 (seed 003, revised 2025-02). 五(一) names a 《威海市学会创新和
 * 服务能力提升工程项目申报书》 but the seed does not print it: these forms are derived from 四(二)
 * 申报条件 1-4 (the details behind them), 五 (A/B/推广 caps, 1-year cycle, work done by the end of
 * November) and 五(四) (what the money may be spent on) for the budget table.
 */

const seed = '003_efbddeaf9ac82dbc';

/**
 * 四(二)1-4 申报条件 and the 一票否决项 of 四(二)5 are yes/no questions asked once, as the programme's
 * eligibility facts (shared/programmes/weihai-2025.ts), never again here. This step keeps the
 * details those facts do not carry and the review reads: the party organisation's form and
 * activity count, the last renewal, the office, the media, the services given.
 */
const conditionsStep: FormStep = {
  id: 'conditions',
  title: '组织建设与服务情况',
  fields: [
    // 1. 组织领导健全
    field('partyOrgForm', '党组织形式', 'select', true, {
      options: [
        { value: 'branch', label: '党支部' },
        { value: 'jointBranch', label: '联合党支部' },
        { value: 'workingGroup', label: '党的工作小组' },
      ],
    }),
    field('partyActivitiesLastYear', '上一年度开展党的活动次数', 'integer', true, {
      min: 0,
      max: 1000,
      help: '每季度至少开展一次党的活动',
    }),
    field('lastElectionDate', '最近一次换届时间', 'date', true),
    // 2. 秘书处常态化运行
    field('officeAddress', '固定办公场所地址', 'text', true, { maxLength: 200 }),
    field('newMedia', '公众号、网站等新媒体名称', 'text', false, { maxLength: 200 }),
    // 3. 主动服务科技创新
    field('innovationServices', '主动服务科技创新情况', 'textarea', true, {
      maxLength: 3000,
      help: '主办或承办学术、技术交流、科技竞赛等活动；签订合作协议、建立协同创新工作站、科技服务站；承接政府委托、科技评价、科技奖励、标准制定、资格认证认定、规划编制等',
    }),
    // 4. 其他
    field('otherWork', '落实市科协部署工作及推动会员单位企业科协建设情况', 'textarea', false, { maxLength: 2000 }),
  ],
};

/** 五(四): 党建、学术、科普、技术服务、咨询服务、承接政府委托项目、双创活动和保证项目运行. */
const budgetStep = (cap: number): FormStep => ({
  id: 'budget',
  title: '经费预算',
  fields: [
    ...budgetFields([
      ['budgetPartyBuilding', '学会党建'],
      ['budgetAcademic', '学术交流'],
      ['budgetScience', '科学普及'],
      ['budgetTechService', '技术服务'],
      ['budgetConsulting', '咨询服务'],
      ['budgetGovProject', '承接政府委托项目'],
      ['budgetInnovation', '双创活动'],
      ['budgetOperation', '项目运行保障'],
    ]),
    field('requestedAmount', '申请扶持金额（元）', 'yuan', true, {
      max: cap,
      help: `原则上不超过 ${cap} 元，经费一次性拨付；不得用于对外投资、罚款、还贷、捐款、赞助、人员工资福利奖金等（五(四)）`,
    }),
  ],
});

const opinionsStep: FormStep = {
  id: 'opinions',
  title: '审核意见',
  fields: [opinion('applicantOpinion', '申报学会意见'), opinion('cityCastOpinion', '市科协意见')],
};

const projectHead: FormField[] = [
  field('projectName', '项目名称', 'text', true, { maxLength: 100 }),
  field('projectLeader', '项目负责人', 'text', true, { maxLength: 40 }),
  field('projectLeaderMobile', '项目负责人手机', 'mobile', true),
];
const projectTail: FormField[] = [
  field('goals', '目标任务', 'textarea', true, { maxLength: 2000 }),
  field('schedule', '实施计划', 'textarea', true, {
    maxLength: 2000,
    help: '项目周期 1 年，11 月底前完成相关工作并提交验收材料（五(五)）',
  }),
  field('expectedResults', '预期成效', 'textarea', true, { maxLength: 2000 }),
];

/** 五: A 类 侧重于服务实体经济 (so the industry served is required), ≤50,000; B 类 ≤20,000. */
const classForm = (kind: 'class-a' | 'class-b'): FormDefinition => {
  const a = kind === 'class-a';
  return {
    id: `weihai-2025/${kind}`,
    title: `威海市学会创新和服务能力提升工程项目申报书（${a ? 'A' : 'B'}类）`,
    source: { seed, origin: 'derived' },
    steps: [
      societyStep(),
      conditionsStep,
      {
        id: 'project',
        title: '项目情况',
        fields: [
          ...projectHead,
          field('servedIndustry', '服务的产业集群或产业链', 'text', a, {
            maxLength: 200,
            help: '我市八大产业集群和10条优势产业链',
          }),
          field('projectContent', '项目内容', 'textarea', true, { maxLength: 3000 }),
          ...projectTail,
        ],
      },
      budgetStep(a ? 50_000 : 20_000),
      opinionsStep,
    ],
  };
};

export const weihaiClassAForm = classForm('class-a');
export const weihaiClassBForm = classForm('class-b');

/** 五: 中国科协科技信息企业应用推广项目, ≤20,000. */
export const weihaiPromotionForm: FormDefinition = {
  id: 'weihai-2025/promotion',
  title: '威海市学会创新和服务能力提升工程项目申报书（中国科协科技信息企业应用推广项目）',
  source: { seed, origin: 'derived' },
  steps: [
    societyStep(),
    conditionsStep,
    {
      id: 'project',
      title: '推广项目情况',
      fields: [
        ...projectHead,
        field('enterpriseCount', '推广应用企业数', 'integer', true, { min: 1, max: 10_000 }),
        field('enterpriseList', '推广应用企业名单', 'textarea', true, { maxLength: 3000 }),
        field('promotionApproach', '推广方式', 'textarea', true, { maxLength: 2000 }),
        ...projectTail,
      ],
    },
    budgetStep(20_000),
    opinionsStep,
  ],
};
