import { budgetFields, chineseOptions, field, opinion, societyStep, yesNo } from './blocks';
import type { FormDefinition, FormField, FormStep } from './types';

/**
 * 益阳市科协学会服务能力提升计划 (seed 000, 2018). The seed prints NO application form: these
 * forms are derived from what it asks of an applicant — the details behind 六, the content of 四,
 * what 五.2 形式审查 checks (条件、填报要求、真实完整、材料齐全、预算合理), what the expert review
 * weighs (基础条件、持续发展能力、科学性、示范性、辐射性), and the spending rules of the 专项资金管理办法
 * 第六条/第七条 for the budget table.
 */

const seed = '000_8c7c8265737509fb';

/**
 * 六 申报资格 itself (年检、管理、秘书长、财务制度、不予受理的情形) is asked once, as the programme's
 * eligibility facts (shared/programmes/yiyang-capacity-2018.ts), never again here. The form keeps
 * what those yes/no facts do not say: who keeps the books, and (示范学会) the details that prove 六(二).
 */
const organisationStep = (extra: FormField[] = []): FormStep => ({
  id: 'organisation',
  title: '组织与财务情况',
  fields: [field('financeStaff', '财务管理人员', 'text', true, { maxLength: 40 }), ...extra],
});

const opinionsStep: FormStep = {
  id: 'opinions',
  title: '审核意见',
  fields: [opinion('applicantOpinion', '申报学会意见'), opinion('cityCastOpinion', '市科协意见')],
};

/** 专项资金管理办法 第六条: 资料费 / 活动费 / 其他费用; 第七条 lists what may not be paid. */
const budgetStep: FormStep = {
  id: 'budget',
  title: '项目预算',
  fields: [
    ...budgetFields([
      ['budgetMaterials', '项目资料费', '《论文集》、出版印刷费及相关资料印刷、购置等'],
      ['budgetActivities', '项目活动费', '会务费、调研经费、评审咨询费、特邀报告人授课费、差旅费、交通租赁费等'],
      ['budgetOther', '其他费用', '项目活动中所发生的其他费用'],
    ]),
    field('requestedAmount', '申请资助金额（元）', 'yuan', true),
    field('budgetNote', '预算说明', 'textarea', false, {
      maxLength: 1000,
      help: '不得用于：人员工资、福利和个人奖金；因公出国（境）、公务接待、公务用车；土建工程、办公设备设施维修改造；组织协调等管理性费用；罚款、还贷、捐赠、赞助、对外投资；与本计划无关的支出（第七条）',
    }),
  ],
};

/** 五.2: the expert review weighs these, so the applicant states them. */
const projectStep = (kindFields: FormField[]): FormStep => ({
  id: 'project',
  title: '项目情况',
  fields: [
    field('projectName', '项目名称', 'text', true, { maxLength: 100 }),
    ...kindFields,
    field('projectLeader', '项目负责人', 'text', true, { maxLength: 40 }),
    field('projectLeaderMobile', '项目负责人手机', 'mobile', true),
    field('startDate', '计划开始日期', 'date', true),
    field('endDate', '计划完成日期', 'date', true, {
      notBefore: 'startDate',
      help: '资金原则上自预算批复之日起一年内执行完成（第十四条）',
    }),
    field('projectContent', '项目主要内容', 'textarea', true, { maxLength: 3000 }),
    field('goals', '预期目标和考核指标', 'textarea', true, { maxLength: 2000 }),
    field('schedule', '实施进度安排', 'textarea', true, { maxLength: 2000 }),
    field('basis', '项目基础条件', 'textarea', true, {
      maxLength: 2000,
      help: '项目的基础条件、持续发展能力及其科学性、示范性、辐射性',
    }),
  ],
});

const projectForm = (kind: string, title: string, kindFields: FormField[]): FormDefinition => ({
  id: `yiyang-capacity-2018/${kind}`,
  title,
  source: { seed, origin: 'derived' },
  steps: [societyStep(), organisationStep(), projectStep(kindFields), budgetStep, opinionsStep],
});

/** 四(一) 综合示范学会: 六(二) adds three conditions; the four capacities are what it is judged on. */
export const yiyangDemonstrationForm: FormDefinition = {
  id: 'yiyang-capacity-2018/demonstration',
  title: '益阳市科协学会服务能力提升计划“综合示范学会”申报书',
  source: { seed, origin: 'derived' },
  steps: [
    societyStep(),
    organisationStep([
      // 六(二)1: which commendation (the programme's fact holds its date)
      field('commendation', '近3年内获得的市级学会工作先进表彰', 'text', true, { maxLength: 300, help: '表彰名称、授予单位、时间' }),
      // 六(二)2
      field('bankName', '开户银行', 'text', true, { maxLength: 100 }),
      field('bankAccount', '银行账号', 'text', true, { maxLength: 40 }),
      // 六(二)3 …并创造条件建立学会党支部 (the working group itself is a programme fact)
      yesNo('partyBranch', '是否已建立学会党支部', false),
    ]),
    {
      id: 'capacity',
      title: '能力建设情况',
      fields: [
        field('innovationCapacity', '服务科技创新能力', 'textarea', true, {
          maxLength: 3000,
          help: '品牌学术活动、产学研结合、科技成果转化、学科繁荣和知识创新、技术创新等方面的成绩',
        }),
        field('societyGovCapacity', '服务社会和政府能力', 'textarea', true, {
          maxLength: 3000,
          help: '承接政府转移职能、学术研讨和专题调研、建言献策、科学技术普及与传播等方面的成效',
        }),
        field('workersCapacity', '服务科技工作者能力', 'textarea', true, {
          maxLength: 3000,
          help: '会员服务机构和制度建设、科技工作者成长成才、宣传表彰举荐优秀科技人才等方面的成绩',
        }),
        field('selfDevelopmentCapacity', '学会自我发展能力', 'textarea', true, {
          maxLength: 3000,
          help: '民主办会、体制机制改革、会员发展管理服务机制、学会凝聚力和会员归属感',
        }),
        field('website', '学会网站', 'text', false, { maxLength: 200 }),
        yesNo('hasDatabases', '是否建有会员、专家数据库'),
        field('fundUsePlan', '奖励资金使用计划', 'textarea', false, { maxLength: 2000 }),
      ],
    },
    opinionsStep,
  ],
};

/** 四(二)1 学术交流项目: 专项资金管理办法 第五条(二)1 names the fields and the kinds of meeting. */
export const yiyangAcademicForm = projectForm('academic', '益阳市科协学会服务能力提升计划学术交流项目申报书', [
  field('academicField', '学术领域', 'select', true, {
    options: chineseOptions(
      '现代农业',
      '食品加工',
      '装备制造',
      '电子信息',
      '资源环境',
      '人口健康',
      '综合交叉',
      '高新技术产业',
      '能源',
      '材料',
      '制造与工程',
    ),
  }),
  field('meetingKind', '会议类型', 'select', true, {
    options: chineseOptions('高端、前沿学术研讨会', '综合、交叉性学术会议', '区域性学术会议', '国际学术会议'),
  }),
  field('attendees', '预计参会人数', 'integer', true, { min: 1, max: 100_000 }),
  field('venue', '举办地点', 'text', true, { maxLength: 100 }),
]);

/** 四(二)2 社会化服务项目 (and 管理办法 第五条(二)2, which adds 科技奖励). */
export const yiyangSocialServiceForm = projectForm('social-service', '益阳市科协学会服务能力提升计划社会化服务项目申报书', [
  field('serviceTypes', '服务类型', 'multiselect', true, {
    options: chineseOptions(
      '科技奖励',
      '科技评价',
      '人才评价',
      '专业技术资格认证',
      '科研项目论证',
      '技术标准（规范）制定',
      '决策咨询',
      '产学研用技术创新平台',
      '科普工作',
    ),
  }),
]);

/** 四(二)3 学会自身建设项目. */
export const yiyangSocietyBuildingForm = projectForm('society-building', '益阳市科协学会服务能力提升计划学会建设项目申报书', [
  field('buildingItems', '建设内容', 'multiselect', true, {
    options: chineseOptions(
      '民主办会与内部治理结构',
      '会员发展、管理、服务体系',
      '会员管理服务信息化',
      '办事机构用人机制和职业化建设',
      '承担社会化服务职能',
      '办公自动化、信息化',
      '学会、高校科协、企业科协联合体建设',
      '学会服务站建设',
    ),
  }),
]);
