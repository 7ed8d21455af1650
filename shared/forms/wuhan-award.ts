import { field, opinion, societyStep } from './blocks';
import type { FormDefinition } from './types';

/**
 * 武汉市科协学会能力提升专项 (seed 001), 以奖代补. The seed prints NO application form: this one
 * is derived from 三 申报资格 (conditions and the three not-accepted situations), 四(一) (the
 * council must approve the application: 学会申报须经理事会（常务理事会）研究同意) and 二 (the
 * four capacities the award is judged on).
 */
export const wuhanAwardForm: FormDefinition = {
  id: 'wuhan-award/award',
  title: '武汉市科协学会能力提升专项申报书',
  source: { seed: '001_a8ac956b49fa365b', origin: 'derived' },
  steps: [
    societyStep(),
    {
      // 三 申报资格 (年检、总结计划、管理、财务、不予受理的情形) is asked once, as the programme's
      // eligibility facts (shared/programmes/wuhan-award.ts); the form keeps the details behind them.
      id: 'organisation',
      title: '组织与财务情况',
      fields: [
        field('secretaryGeneralKind', '秘书长（或副秘书长）任职方式', 'select', true, {
          options: [
            { value: 'fullTime', label: '专职' },
            { value: 'partTime', label: '兼职' },
          ],
        }),
        field('bankName', '开户银行', 'text', true, { maxLength: 100 }),
        field('bankAccount', '银行账号', 'text', true, { maxLength: 40 }),
        field('financeStaff', '财务管理人员', 'text', true, { maxLength: 40 }),
        // 四(一): the council (or its standing committee) approves the application.
        field('councilBody', '审议机构', 'select', true, {
          options: [
            { value: 'council', label: '理事会' },
            { value: 'standingCouncil', label: '常务理事会' },
          ],
        }),
        field('councilApprovalDate', '理事会（常务理事会）审议同意日期', 'date', true),
      ],
    },
    {
      id: 'achievements',
      title: '能力提升情况',
      fields: [
        field('innovationCapacity', '服务创新方面', 'textarea', true, {
          maxLength: 3000,
          help: '学科发展、品牌学术交流活动、成果共享与推广、学术生态和学术诚信建设、在学术组织中发挥作用等',
        }),
        field('societyGovCapacity', '服务社会和政府方面', 'textarea', true, {
          maxLength: 3000,
          help: '承接政府委托、科技评价、科技奖励、政策咨询、技术服务、标准和规划编制、科普活动品牌等',
        }),
        field('workersCapacity', '服务科技工作者方面', 'textarea', true, {
          maxLength: 3000,
          help: '会员服务、成长成才、宣传表彰、举荐人才、工程教育专业认证和专业技术资格认证、后备队伍培养等',
        }),
        field('selfDevelopmentCapacity', '学会自我发展方面', 'textarea', true, {
          maxLength: 3000,
          help: '民主办会、体制机制改革、会员发展管理服务机制、专兼职工作队伍建设等',
        }),
        // 四(三) asks the awarded society for its fund-use direction; asking for it up front helps review.
        field('fundUseDirection', '资金使用方向', 'textarea', false, {
          maxLength: 2000,
          help: '不得用于人员、日常办公经费，不得用于捐款、赞助、罚款、还贷、对外投资、基建等支出（五(三)）',
        }),
      ],
    },
    { id: 'opinions', title: '审核意见', fields: [opinion('applicantOpinion', '申报学会意见')] },
  ],
};
