import { defaultAssessmentSettings } from '../rules/assessment/settings';
import { hostUnitKindLabels, hostUnitKinds, societyLevelLabels } from '../schemas/org';
import { count, DOCUMENT_MIME_TYPES, yesNo } from './common';
import type { ProgrammeInput } from './schema';

/**
 * Seed 004: 益阳市重点产业领域学会服务站建设管理办法（试行）, 中共益阳市委人才工作领导小组办公室 and
 * 益阳市科协, 2023-09-21. Clause numbers are the seed's own (it mixes 第5条 and 第七条 styles).
 */
export const yiyangStation2023 = {
  id: 'yiyang-station-2023',
  city: '益阳市',
  issuer: ['中共益阳市委人才工作领导小组办公室', '益阳市科学技术协会'],
  year: 2023,
  title: '益阳市重点产业领域学会服务站建设管理办法（试行）',
  provenance: { kind: 'seed', file: '004_20201475e3758f73.txt' },
  facts: [
    {
      id: 'level',
      label: '申报级别',
      type: 'string',
      options: [
        { value: 'national', label: '国家级学会服务站' },
        { value: 'provincial', label: '省级学会服务站' },
        { value: 'city', label: '市级学会服务站' },
      ],
    },
    {
      id: 'hostUnitKind',
      label: '建站单位性质',
      type: 'string',
      options: hostUnitKinds.map((k) => ({ value: k, label: hostUnitKindLabels[k] })),
    },
    {
      id: 'societyLevel',
      label: '建站学会级别',
      type: 'string',
      options: (['national', 'provincial', 'city', 'county'] as const).map((l) => ({ value: l, label: `${societyLevelLabels[l]}学会` })),
    },
    yesNo('hasOwnCast', '建站单位是设有科协组织的企事业单位'),
    yesNo('isCitySociety', '建站单位是市级科技社团（学会）'),
    yesNo('applyDirectToCity', '申请直接向市科协申报（不经县市区科协初审）'),
    yesNo('hasDedicatedServiceBody', '组织机构健全，成立有专门的建站服务机构'),
    yesNo('registeredInCity', '在益阳市范围内注册'),
    yesNo('independentLegalPerson', '具备独立法人资格'),
    yesNo('goodStanding', '经营或运行状况良好'),
    yesNo('hasRdTeam', '有专门研发机构，具备研发能力和转化吸收再创新能力的研发团队'),
    yesNo('agreementSigned', '已与学会签订共建学会服务站协议'),
    yesNo('agreementHasProjectsAndGoals', '协议中有明确的合作项目和工作目标'),
    count('agreementTermYears', '协议合作期限', '年'),
    yesNo('stableFunding', '有稳定的经费支持，能为进站专家提供科研和生活条件'),
    yesNo('hasRulesAndPlan', '有较完善的管理制度和服务规范，并制定了具体工作计划和长远规划'),
    count('staffCount', '专职或兼职工作人员人数', '人'),
    count('expertTeamSize', '学会专家团队人数', '人'),
    yesNo('hasFundedExpertWorkstation', '已建有市级专家工作站等以上平台并已获得市财政经费资助'),
  ],
  kinds: [
    {
      id: 'station',
      label: '学会服务站',
      // 第八条(一): 由建站单位提出申请. The form is filled in on a phone by the secretary (学会秘书长 /
      // 专职工作人员) of the host society or of the host unit (DOMAIN.md "People"); a host unit without a
      // station has no hostContact binding yet, so the society's secretary files it together with the unit.
      applicantType: 'hostUnit',
      applicantRoles: ['secretary', 'hostContact'],
      formId: 'yiyang-station-2023/station',
      // 第一条 / 申报书「申报级别」: 国家级、省级、市级
      stationLevels: ['national', 'provincial', 'city'],
      funding: {
        type: 'byLevel',
        clause: '第十六条',
        levels: {
          // 第十六条: 全国学会服务站按“一事一议”方式给予经费资助
          national: { type: 'caseByCase', note: '全国学会服务站按“一事一议”方式给予经费资助' },
          // 第十六条: 第一年绩效考核合格 10万元；第二年期满考核合格再给予 10万元
          provincial: {
            type: 'instalments',
            instalments: [
              { id: 'year-one', when: { at: 'year', yearIndex: 1 }, amountYuan: 100_000, requiresPass: true },
              { id: 'term-end', when: { at: 'termEnd' }, amountYuan: 100_000, requiresPass: true },
            ],
          },
          // 第十六条: 市级学会服务站 5万元 + 期满 5万元
          city: {
            type: 'instalments',
            instalments: [
              { id: 'year-one', when: { at: 'year', yearIndex: 1 }, amountYuan: 50_000, requiresPass: true },
              { id: 'term-end', when: { at: 'termEnd' }, amountYuan: 50_000, requiresPass: true },
            ],
          },
        },
        note: '第十六条写“第二年期满”：协议期限为2年（第七条(三)），期满即第二年；协议期限另议时按期满年度发放。',
      },
      clause: '第八条',
    },
  ],
  criteria: [
    // 第七条: 建站学会应是国家级学会，省级学会、市级学会
    {
      id: 'society-level',
      clause: '第七条',
      label: '建站学会为国家级、省级或市级学会',
      fact: 'societyLevel',
      test: { op: 'oneOf', values: ['national', 'provincial', 'city'] },
    },
    // 第5条: 国家级学会服务站原则上由国家级学会或学会秘书处签约
    {
      id: 'national-society',
      clause: '第5条',
      label: '国家级学会服务站由国家级学会（或其秘书处）签约建站',
      fact: 'societyLevel',
      test: { op: 'oneOf', values: ['national'] },
      levels: ['national'],
    },
    {
      id: 'service-body',
      clause: '第七条(一)',
      label: '组织机构健全，成立有专门的建站服务机构',
      fact: 'hasDedicatedServiceBody',
      test: { op: 'isTrue' },
    },
    { id: 'registered-in-city', clause: '第七条(二)', label: '在益阳市范围内注册', fact: 'registeredInCity', test: { op: 'isTrue' } },
    { id: 'legal-person', clause: '第七条(二)', label: '具备独立法人资格', fact: 'independentLegalPerson', test: { op: 'isTrue' } },
    { id: 'good-standing', clause: '第七条(二)', label: '经营或运行状况良好', fact: 'goodStanding', test: { op: 'isTrue' } },
    { id: 'rd-team', clause: '第七条(二)', label: '有专门研发机构和研发团队', fact: 'hasRdTeam', test: { op: 'isTrue' } },
    { id: 'agreement-signed', clause: '第七条(三)', label: '已签订共建学会服务站协议', fact: 'agreementSigned', test: { op: 'isTrue' } },
    // 第七条(三) + 第九条(二): 合作协议中必须有明确的合作项目、工作目标
    {
      id: 'agreement-content',
      clause: '第九条(二)',
      label: '合作协议中有明确的合作项目、工作目标',
      fact: 'agreementHasProjectsAndGoals',
      test: { op: 'isTrue' },
    },
    // 第七条(三): 合作期限为2年…特殊情况可另议 — so a different term is reported, not blocking
    {
      id: 'agreement-2y',
      clause: '第七条(三)',
      label: '协议合作期限为2年（特殊情况可另议）',
      fact: 'agreementTermYears',
      test: { op: 'equals', value: 2 },
      severity: 'advisory',
    },
    { id: 'stable-funding', clause: '第七条(四)', label: '有稳定的经费支持', fact: 'stableFunding', test: { op: 'isTrue' } },
    {
      id: 'rules-and-plan',
      clause: '第七条(五)',
      label: '有管理制度、服务规范和工作计划',
      fact: 'hasRulesAndPlan',
      test: { op: 'isTrue' },
    },
    // 第七条(六): 专职或兼职工作人员（至少1名）
    { id: 'staff-1', clause: '第七条(六)', label: '至少1名专职或兼职工作人员', fact: 'staffCount', test: { op: 'atLeast', n: 1 } },
    // 第七条(六): 不少于5人的学会专家组成的专家团队
    { id: 'experts-5', clause: '第七条(六)', label: '专家团队不少于5名学会专家', fact: 'expertTeamSize', test: { op: 'atLeast', n: 5 } },
  ],
  // The station seed has no 一票否决 items.
  vetoes: [],
  materials: [
    {
      id: 'application-form',
      label: '益阳市重点产业领域学会服务站申请表（盖章）',
      required: true,
      clause: '第九条(一)',
      mimeTypes: DOCUMENT_MIME_TYPES,
    },
    {
      id: 'agreement',
      label: '与国家级、省级、市级学会签订的项目合作协议或建站协议（复印件）',
      required: true,
      clause: '第九条(二)',
      mimeTypes: DOCUMENT_MIME_TYPES,
      note: '合作协议中必须有明确的合作项目、工作目标',
    },
    {
      id: 'performance-goals',
      label: '年度绩效目标（经济效益和社会效益）',
      required: true,
      clause: '第九条(三)',
      mimeTypes: DOCUMENT_MIME_TYPES,
    },
    { id: 'unit-introduction', label: '建站单位情况简介', required: true, clause: '第九条(四)', mimeTypes: DOCUMENT_MIME_TYPES },
    { id: 'station-rules', label: '学会服务站工作细则', required: true, clause: '第九条(四)', mimeTypes: DOCUMENT_MIME_TYPES },
    {
      id: 'organisation-staff',
      label: '设站单位组织领导机构、专（兼）职人员名单及联系方式',
      required: true,
      clause: '第九条(五)',
      mimeTypes: DOCUMENT_MIME_TYPES,
    },
  ],
  stages: [
    {
      id: 'county-first-review',
      label: '县市区科协初审',
      role: 'countyStaff',
      type: 'firstReview',
      clause: '第八条(一)',
      // 第八条(一): 设有科协组织的企事业单位和市级科技社团也可直接向市科协申报 — "也可" is the applicant's choice
      skipWhen: {
        all: [{ fact: 'applyDirectToCity', test: { op: 'isTrue' } }],
        any: [
          { fact: 'hasOwnCast', test: { op: 'isTrue' } },
          { fact: 'isCitySociety', test: { op: 'isTrue' } },
        ],
        reason: '设有科协组织的企事业单位和市级科技社团可直接向市科协申报，不经县市区科协初审',
        clause: '第八条(一)',
      },
    },
    { id: 'city-review', label: '市科协申报项目审核', role: 'cityStaff', type: 'formalReview', clause: '第八条(二)' },
    { id: 'site-visit', label: '市科协实地考察', role: 'cityStaff', type: 'siteVisit', clause: '第八条(二)' },
    { id: 'city-decision', label: '市科协研究审定，提出支持意见', role: 'cityStaff', type: 'decision', clause: '第八条(二)' },
    { id: 'talent-office-approval', label: '市委人才办审定批准', role: 'talentOffice', type: 'approval', clause: '第八条(二)' },
  ],
  // 第八条(三): 公示期不少于5个工作日. 第4条: 市科协组织实施, so city staff run the publicity.
  publicity: { days: 5, dayKind: 'working', minimum: true, clause: '第八条(三)', source: 'seed', role: 'cityStaff' },
  // 第八条(四): 由市委人才工作领导小组办公室发文并进行授牌
  award: { role: 'talentOffice', label: '发文授牌', clause: '第八条(四)' },
  cycle: {
    // 第七条(三): 合作期限为2年
    cycleYears: 2,
    // 第八条: 每两年接受建站申请; 第十二条: 市科协每两年组织开展服务站认定工作
    roundClause: '第八条',
    roundIntervalYears: 2,
    // the first round is the seed's own year (发文 2023-09-21)
    roundAnchorYear: 2023,
    assessment: {
      // 第十二条: 定期考核; 第十六条: 第一年、第二年期满绩效考核
      frequency: 'yearly',
      yearStart: 'plaqueDate',
      clause: '第十二条',
      note: '考核年度默认自授牌日期起算（assessment.yearMode = plaque），可改为自然年。',
    },
    clause: '第八条',
  },
  expenses: {
    // 第十七条: 专家差旅费、交通费、咨询费，会议费，培训费，技术服务费，科技交流与合作费，书籍资料费等
    allowed: {
      clause: '第十七条',
      ids: [
        'expert-travel',
        'transport',
        'consulting',
        'meeting',
        'training',
        'technical-service',
        'exchange-cooperation',
        'books-materials',
      ],
    },
    // 第十七条: 不得挪作他用；开支范围为与项目直接相关的费用
    forbidden: { clause: '第十七条', ids: ['unrelated'] },
    note: '第十七条列举的是“主要包括”的范围；未列举的类别须报市科协审核。',
  },
  postAward: {
    // 第十六条: 第一年绩效考核合格的…给予经费资助；第二年期满绩效考核合格的，再给予…经费资助
    payments: [
      { id: 'year-one', label: '第一年绩效考核合格资助', clause: '第十六条', yearIndex: 1, after: [{ type: 'assessmentPassed' }] },
      { id: 'term-end', label: '期满绩效考核合格资助', clause: '第十六条', yearIndex: 2, after: [{ type: 'assessmentPassed' }] },
    ],
    // 第十二条: 对于考核不合格的，给予通报批评、责令限期整改 — no period given
    rectification: { months: 3, clause: '第十二条', source: 'chosen' },
    // 第十九条: 资助经费使用中存在虚报、截留、挪用等违法行为 — a finding staff record proposes it
    misconduct: 'fund-misuse',
    // 第十三条: 合作期满，考核合格的确需继续运行的服务站，由建站单位提出申请，市科协…重新组织认定
    renewal: { clause: '第十三条', kindId: 'station' },
    // 第十四条: 服务站因客观需要进行合并、重组、撤销的，应由建站单位或上级学会向市科协提出书面申请
    changes: { clause: '第十四条', decidedBy: 'cityStaff' },
  },
  penalties: [
    // 第十二条: 对于考核不合格的，给予通报批评、责令限期整改
    {
      id: 'assessment-failed',
      clause: '第十二条',
      trigger: '年度考核不合格',
      banYears: 0,
      clawBack: 'none',
      publicCriticism: true,
      rectification: true,
    },
    // 第十二条: 对期满考核不合格的予以摘牌，并追回财政资助资金
    { id: 'term-end-failed', clause: '第十二条', trigger: '期满考核不合格', banYears: 0, clawBack: 'all', removePlaque: true },
    // 第十九条: 虚报、截留、挪用 → 资金归还原有渠道或收回财政，追究相关责任人的责任
    {
      id: 'fund-misuse',
      clause: '第十九条',
      trigger: '资助经费使用中存在虚报、截留、挪用等违法行为',
      banYears: 0,
      clawBack: 'all',
      accountability: true,
    },
  ],
  limits: [
    // 第十二条: 市级服务站每次认定不超过5家
    {
      type: 'perRound',
      id: 'city-per-round',
      clause: '第十二条',
      label: '每批次认定的市级学会服务站不超过5家',
      kindId: 'station',
      level: 'city',
      max: 5,
    },
    // 第七条(七): 同一学会在本市范围内原则上只认定一家学会服务站
    {
      type: 'perSocietyInCity',
      id: 'one-per-society',
      clause: '第七条(七)',
      label: '同一学会在本市范围内只认定一家学会服务站',
      kindId: 'station',
      max: 1,
    },
  ],
  levelRestrictions: [
    // 第七条(七): 已建有市级专家工作站等以上平台并已获得市财政经费资助的，只能申报国家级学会服务站
    {
      id: 'funded-workstation',
      clause: '第七条(七)',
      label: '已建有获市财政资助的市级专家工作站等平台的单位只能申报国家级学会服务站',
      kindId: 'station',
      when: { fact: 'hasFundedExpertWorkstation', test: { op: 'isTrue' } },
      allowedLevels: ['national'],
    },
  ],
  // 第5条: which host units each level may be placed in ("原则上" — enforced, staff may override outside the system)
  placement: {
    clause: '第5条',
    kindId: 'station',
    rules: [
      // 国家级: 设在与产业紧密相连的县市区科协或市级学会
      { level: 'national', hostUnitKinds: ['city_county_cast', 'city_county_society'] },
      // 省级: 市级学会、县级科协、园区科协、高校科协、企业科协及企业科协联合会
      {
        level: 'provincial',
        hostUnitKinds: [
          'city_county_society',
          'city_county_cast',
          'park_cast',
          'university_cast',
          'enterprise_cast',
          'enterprise_cast_federation',
        ],
      },
      // 市级: 县级科协、乡镇科协、企业科协及企业科协联合会
      { level: 'city', hostUnitKinds: ['city_county_cast', 'township_cast', 'enterprise_cast', 'enterprise_cast_federation'] },
    ],
    note: '单位性质“市县级学会”包含县级学会；第5条只允许“市级学会”承建国家级、省级服务站，县级学会须由工作人员核实。',
  },
  rubric: {
    source: 'derived',
    clause: '第七条',
    stageId: 'city-decision',
    note: '办法未规定申报评审的评分细则；按第七条申报条件和第九条申报材料拟定，供市科协研究审定时打分参考。',
    items: [
      { id: 'organisation', label: '组织机构与专门建站服务机构', maxPoints: 10, basis: '第七条(一)' },
      { id: 'unit-strength', label: '建站单位产业特色、运行状况和研发能力', maxPoints: 20, basis: '第七条(二)' },
      { id: 'agreement', label: '合作协议的合作内容、项目和目标', maxPoints: 20, basis: '第七条(三)' },
      { id: 'conditions', label: '经费支持和进站专家科研、生活条件', maxPoints: 15, basis: '第七条(四)' },
      { id: 'management', label: '管理制度、服务规范和工作计划', maxPoints: 15, basis: '第七条(五)' },
      { id: 'team', label: '工作人员和学会专家团队', maxPoints: 20, basis: '第七条(六)' },
    ],
  },
  // 第十二条 thresholds (defaults of D2's settings are the seed's numbers)
  assessment: defaultAssessmentSettings,
  notes: [
    '每批次认定上限（市级不超过5家）写在第十二条，不在第八条。',
    '公示由市科协组织（第4条：由益阳市科协组织实施）；发文授牌由市委人才办负责（第八条(四)）。',
    '第八条(一)“也可直接向市科协申报”是申报单位的选择：只有选择直接申报且属于设有科协组织的企事业单位或市级科技社团时才跳过县市区科协初审。',
  ],
} satisfies ProgrammeInput;
