import { budgetFields, field, opinion, societyStep, yesNo } from './blocks';
import type { FormDefinition } from './types';

/**
 * 平顶山市创建五星学会提升服务能力计划 (seed 002). The seed prints NO application form: this one is
 * derived from 四 (the five stars and what each means), 三(三) (申报创建五星学会，要制订近三年发展规划
 * 和每个年度目标任务，纳入申报材料评审内容) and 五(三) (工作思路、发展重点、工作进度安排、发展规划及
 * 目标以及资金使用方向; money for 会议费、培训费、差旅费 under the city's rules).
 */
export const pingdingshanFiveStarForm: FormDefinition = {
  id: 'pingdingshan-five-star/five-star',
  title: '平顶山市创建五星学会申报书',
  source: { seed: '002_a064c2e39dcfe79b', origin: 'derived' },
  steps: [
    societyStep(),
    {
      id: 'stars',
      title: '五星创建情况',
      fields: [
        // 四(一) 学会党建之星: 在理事会建有党工组，在秘书处建有党支部.
        yesNo('partyWorkingGroup', '理事会是否建有党工组'),
        yesNo('partyBranch', '秘书处是否建有党支部'),
        field('partyBuildingStar', '学会党建之星', 'textarea', true, {
          maxLength: 3000,
          help: '党组织健全情况、工作制度、发挥政治核心作用和战斗堡垒作用情况',
        }),
        field('innovationStar', '服务科技创新之星', 'textarea', true, {
          maxLength: 3000,
          help: '学术交流基地、一会一品牌、成果共享推广、学术诚信建设、期刊质量、学会与企业合作等',
        }),
        field('societyGovStar', '服务社会和政府之星', 'textarea', true, {
          maxLength: 3000,
          help: '承接政府委托、科技评价与奖励、人才评价、标准和规划编制、政策咨询、技术服务、科普等',
        }),
        field('workersStar', '服务科技工作者之星', 'textarea', true, {
          maxLength: 3000,
          help: '会员服务、成长成才、宣传表彰、举荐人才、认证、推荐专家任职、后备队伍培养等',
        }),
        field('selfDevelopmentStar', '学会自我发展之星', 'textarea', true, {
          maxLength: 3000,
          help: '体制机制改革、民主办会、会员机制、专兼职工作队伍、社会服务和问责监督机制等',
        }),
      ],
    },
    {
      id: 'plan',
      title: '三年发展规划',
      fields: [
        field('threeYearPlan', '近三年发展规划', 'textarea', true, { maxLength: 5000 }),
        field('year1Targets', '第一年度目标任务', 'textarea', true, { maxLength: 2000 }),
        field('year2Targets', '第二年度目标任务', 'textarea', true, { maxLength: 2000 }),
        field('year3Targets', '第三年度目标任务', 'textarea', true, { maxLength: 2000 }),
        field('workApproach', '工作思路', 'textarea', true, { maxLength: 2000 }),
        field('priorities', '发展重点', 'textarea', true, { maxLength: 2000 }),
        field('schedule', '工作进度安排', 'textarea', true, { maxLength: 2000 }),
      ],
    },
    {
      id: 'budget',
      title: '资金使用方向',
      fields: [
        ...budgetFields([
          ['budgetMeetings', '会议费'],
          ['budgetTraining', '培训费'],
          ['budgetTravel', '差旅费'],
          ['budgetOther', '其他业务费用'],
        ]),
        field('fundUseDirection', '资金使用方向说明', 'textarea', false, {
          maxLength: 2000,
          help: '不得用于人员基本工资、日常办公经费，不得用于捐款、赞助、罚款、还贷、对外投资、对外借款、基建等支出（五(三)）',
        }),
      ],
    },
    {
      id: 'opinions',
      title: '审核意见',
      fields: [opinion('applicantOpinion', '申报学会意见'), opinion('cityCastOpinion', '市科协意见')],
    },
  ],
};
