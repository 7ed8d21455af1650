import { BUDGET_MIME_TYPES, count, DOCUMENT_MIME_TYPES, lastDate, SOCIETY_STANDING_FACTS, yesNo } from './common';
import type { ProgrammeInput } from './schema';

/**
 * Seed 000: 益阳市科协学会服务能力提升计划实施方案（试行） + 专项资金管理办法, 益阳市科协 and 益阳市财政局,
 * 2018-05-18. The seed holds two documents: clauses of the 实施方案 are cited as '实施方案六(一)1',
 * those of the 专项资金管理办法 as '管理办法第七条'.
 */
const KEY_PROJECT_FUNDING = {
  type: 'roundConfigured',
  // 管理办法第三条: 市科协研究确定专项资金预算及资助标准; 实施方案五.5: 经公示无异议的项目，下达项目资金
  clause: '管理办法第三条',
  requiresPass: true,
  note: '资助标准由市科协每年确定（管理办法第三条），项目评估通过并公示无异议后下达（实施方案五.4、五.5）。',
} as const;

export const yiyangCapacity2018 = {
  id: 'yiyang-capacity-2018',
  city: '益阳市',
  issuer: ['益阳市科学技术协会', '益阳市财政局'],
  year: 2018,
  title: '益阳市科协学会服务能力提升计划',
  provenance: { kind: 'seed', file: '000_8c7c8265737509fb.txt' },
  facts: [
    count('consecutiveInspectionYearsPassed', '申报前连续社团年检合格的年数', '年'),
    yesNo('managementSound', '内部管理规范，组织领导有力，活动正常'),
    yesNo('hasCapableSecretary', '有较强执行力的秘书长（或副秘书长、专职工作人员）'),
    yesNo('financeRulesAndStaff', '财务资产制度健全、管理规范，有专门财务管理人员'),
    lastDate('lastCityCommendationDate', '最近一次获得市级学会工作先进表彰的日期'),
    yesNo('hasOwnBankAccount', '有独立的银行账号和财务管理人员'),
    yesNo('hasCouncilPartyWorkingGroup', '在理事会层面建有党的工作小组'),
    ...SOCIETY_STANDING_FACTS,
  ],
  kinds: [
    {
      id: 'demonstration',
      label: '综合示范学会',
      // 实施方案五.1: 各市级学会、各高校科协组织申报
      applicantType: 'society',
      applicantRoles: ['secretary'],
      formId: 'yiyang-capacity-2018/demonstration',
      funding: { ...KEY_PROJECT_FUNDING, note: '综合示范学会以奖促建，奖励额度和名额由市科协每年确定（管理办法第三条、第四条）。' },
      clause: '实施方案四(一)',
    },
    {
      id: 'academic',
      label: '学术交流项目',
      applicantType: 'society',
      applicantRoles: ['secretary'],
      formId: 'yiyang-capacity-2018/academic',
      funding: KEY_PROJECT_FUNDING,
      clause: '实施方案四(二)1',
    },
    {
      id: 'social-service',
      label: '社会化服务项目',
      applicantType: 'society',
      applicantRoles: ['secretary'],
      formId: 'yiyang-capacity-2018/social-service',
      funding: KEY_PROJECT_FUNDING,
      clause: '实施方案四(二)2',
    },
    {
      id: 'society-building',
      label: '学会建设项目',
      applicantType: 'society',
      applicantRoles: ['secretary'],
      formId: 'yiyang-capacity-2018/society-building',
      funding: KEY_PROJECT_FUNDING,
      clause: '实施方案四(二)3',
    },
  ],
  criteria: [
    // 实施方案六(一)1: 申报前连续两年社团年检合格
    {
      id: 'inspection-2y',
      clause: '实施方案六(一)1',
      label: '申报前连续两年社团年检合格',
      fact: 'consecutiveInspectionYearsPassed',
      test: { op: 'atLeast', n: 2 },
    },
    {
      id: 'sound-management',
      clause: '实施方案六(一)2',
      label: '内部管理规范，组织领导有力，活动正常',
      fact: 'managementSound',
      test: { op: 'isTrue' },
    },
    {
      id: 'capable-secretary',
      clause: '实施方案六(一)3',
      label: '有较强执行力的秘书长（或副秘书长、专职工作人员）',
      fact: 'hasCapableSecretary',
      test: { op: 'isTrue' },
    },
    {
      id: 'finance-rules',
      clause: '实施方案六(一)4',
      label: '财务资产制度健全、管理规范，有专门财务管理人员',
      fact: 'financeRulesAndStaff',
      test: { op: 'isTrue' },
    },
    // 实施方案六(二)1: 工作有特色，近3年内获得过市级学会工作先进表彰
    {
      id: 'commendation-3y',
      clause: '实施方案六(二)1',
      label: '近3年内获得过市级学会工作先进表彰',
      fact: 'lastCityCommendationDate',
      test: { op: 'withinYears', n: 3 },
      kinds: ['demonstration'],
    },
    {
      id: 'own-bank-account',
      clause: '实施方案六(二)2',
      label: '有独立的银行账号和财务管理人员',
      fact: 'hasOwnBankAccount',
      test: { op: 'isTrue' },
      kinds: ['demonstration'],
    },
    {
      id: 'party-working-group',
      clause: '实施方案六(二)3',
      label: '在理事会层面建有党的工作小组',
      fact: 'hasCouncilPartyWorkingGroup',
      test: { op: 'isTrue' },
      kinds: ['demonstration'],
    },
  ],
  // 实施方案六(三): 凡有下列情形之一的学会，对其申请“综合示范学会”和重点项目不予受理
  vetoes: [
    {
      id: 'law-violation',
      clause: '实施方案六(三)1',
      label: '有违纪违法行为',
      fact: 'hasLawOrDisciplineViolation',
      hitWhen: { op: 'isTrue' },
    },
    {
      id: 'criticised-or-penalised',
      clause: '实施方案六(三)2',
      label: '违反国家相关规定，受到相关部门通报批评或处罚',
      fact: 'criticisedOrPenalised',
      hitWhen: { op: 'isTrue' },
    },
    {
      id: 'cast-tasks-undone',
      clause: '实施方案六(三)3',
      label: '未按要求完成市科协交办的有关工作或委托的项目',
      fact: 'castTasksUndone',
      hitWhen: { op: 'isTrue' },
    },
  ],
  materials: [
    { id: 'application-form', label: '项目申报书', required: true, clause: '实施方案五.1', mimeTypes: DOCUMENT_MIME_TYPES },
    // 实施方案五.2: 形式审查审核“项目预算是否合理”; 管理办法第十条: 审核项目预算
    { id: 'budget', label: '项目预算', required: true, clause: '管理办法第十条', mimeTypes: BUDGET_MIME_TYPES },
    {
      id: 'inspection-proof',
      label: '申报前连续两年社团年检合格证明',
      required: true,
      clause: '实施方案六(一)1',
      mimeTypes: DOCUMENT_MIME_TYPES,
      note: '由申报条件推出：形式审查须核对“项目是否符合规定的申报条件”（实施方案五.2）。',
    },
    {
      id: 'commendation-proof',
      label: '近3年内市级学会工作先进表彰证明',
      required: true,
      clause: '实施方案六(二)1',
      mimeTypes: DOCUMENT_MIME_TYPES,
      kinds: ['demonstration'],
      note: '由申报条件推出。',
    },
    { id: 'supporting-materials', label: '其他相关证明材料', required: false, clause: '实施方案五.2', mimeTypes: DOCUMENT_MIME_TYPES },
  ],
  stages: [
    { id: 'formal-review', label: '市科协形式审查', role: 'cityStaff', type: 'formalReview', clause: '实施方案五.2' },
    // 实施方案五.2: 市科协会同市财政局组织专家评审; 管理办法第九条: 专家组评审并提出评审意见
    { id: 'expert-review', label: '专家评审', role: 'cityStaff', type: 'expertReview', clause: '管理办法第九条', scoredBy: 'reviewer' },
    // 管理办法第九条: 项目评审结果经市科协、市财政局审核同意后组织实施
    { id: 'joint-approval', label: '市科协、市财政局审核同意', role: 'cityStaff', type: 'approval', clause: '管理办法第九条' },
  ],
  // 实施方案五.4: 在益阳市科协网站进行为期5天的公示 ("5天": calendar days)
  publicity: {
    days: 5,
    dayKind: 'calendar',
    minimum: false,
    clause: '实施方案五.4',
    source: 'seed',
    role: 'cityStaff',
    note: '五.2 的评审结果公示未写天数，五.4 的评估公示为5天；两次公示统一按5天计。',
  },
  // 实施方案五.2: 无异议的，按要求签订项目责任书; 五.5: 下达项目资金
  award: { role: 'cityStaff', label: '签订项目责任书、下达项目资金', clause: '实施方案五.5' },
  cycle: {
    // 管理办法第十四条: 原则上应当自预算批复之日起一年内执行完成
    cycleYears: 1,
    // 实施方案五.1: 市科协根据年度项目资金额度发布通知受理申报 — a yearly call
    roundClause: '实施方案五.1',
    roundIntervalYears: 1,
    roundAnchorYear: 2018,
    assessment: {
      // 实施方案五.6: 每年市科协会同市财政局对获得奖励资金的项目进行验收
      frequency: 'yearly',
      yearStart: 'approvalDate',
      clause: '实施方案五.6',
    },
    budgetSpendWithinYears: 1,
    clause: '管理办法第十四条',
  },
  expenses: {
    // 管理办法第六条
    allowed: {
      clause: '管理办法第六条',
      ids: [
        'printing-publication',
        'meeting',
        'research-survey',
        'review-consulting',
        'speaker-fees',
        'travel',
        'transport-rental',
        'other-project-costs',
      ],
    },
    // 管理办法第七条 (一)–(六)
    forbidden: {
      clause: '管理办法第七条',
      ids: [
        'wages',
        'welfare',
        'bonuses',
        'overseas-travel',
        'official-reception',
        'official-vehicles',
        'building-works',
        'equipment-repair',
        'management-fees',
        'fines',
        'loan-repayment',
        'donations',
        'sponsorship',
        'investment',
        'unrelated',
      ],
    },
  },
  postAward: {
    // 实施方案五.2: 评审合格的项目…无异议的，按要求签订项目责任书
    agreement: {
      label: '项目责任书',
      clause: '实施方案五.2',
      sections: [
        { id: 'plan', label: '项目实施计划', type: 'text' },
        { id: 'targets', label: '年度目标任务', type: 'yearlyTargets' },
        { id: 'schedule', label: '进度安排', type: 'schedule' },
      ],
      filing: 'approve',
      decidedBy: 'cityStaff',
    },
    // 管理办法第十条: 市科协会同市财政局对项目预算进行审核…批复下达项目预算; 第十二条: 不得自行调整…应当按照申报程序履行报批手续
    budget: {
      clause: '管理办法第十条',
      capToAward: true,
      unlistedNeedsJustification: true,
      decidedBy: 'cityStaff',
      changes: { clause: '管理办法第十二条', decidedBy: 'cityStaff' },
    },
    checks: [
      {
        // 实施方案五.6: 每年市科协会同市财政局对获得奖励资金的项目进行验收; 管理办法第十四条: 一年内执行完成
        id: 'yearly-acceptance',
        label: '年度项目验收',
        type: 'final',
        clause: '实施方案五.6',
        due: { type: 'budgetWindowEnd' },
        dueSource: 'seed',
        materials: [
          { id: 'summary', label: '项目执行情况总结' },
          { id: 'spending', label: '资金使用情况报告' },
        ],
        opinions: [{ id: 'finance-bureau', role: 'financeBureau', label: '市财政局意见' }],
        decidedBy: 'cityStaff',
        onFail: ['acceptance-failed'],
      },
    ],
    // 实施方案五.5: 经公示无异议的项目，下达项目资金; 管理办法第十条: 批复下达项目预算
    payments: [
      { id: 'grant', label: '下达项目资金', clause: '实施方案五.5', yearIndex: 1, after: [{ type: 'award' }, { type: 'budgetApproved' }] },
    ],
    misconduct: 'fraud',
    unspent: 'unspent-after-year',
  },
  penalties: [
    // 实施方案七(二): 弄虚作假、虚报业绩的，收回已拨付的项目资金，并连续3年取消其申报资格
    { id: 'fraud', clause: '实施方案七(二)', trigger: '弄虚作假、虚报业绩', banYears: 3, clawBack: 'all' },
    // 实施方案七(二): 项目考核验收不合格的，收回已拨付的项目资金，并连续2年取消其申报资格
    { id: 'acceptance-failed', clause: '实施方案七(二)', trigger: '项目考核验收不合格', banYears: 2, clawBack: 'all' },
    // 管理办法第十四条: 一年内不能执行完毕的，应视不同情况，部分或全部退还所拨经费
    {
      id: 'unspent-after-year',
      clause: '管理办法第十四条',
      trigger: '自预算批复之日起一年内未执行完毕',
      banYears: 0,
      clawBack: 'partialOrAll',
    },
    // 管理办法第十五条: 虚假资料；截留、挤占、挪用；失职；其他违法 → 追回相应专项资金，追究相关人员责任
    {
      id: 'fund-violation',
      clause: '管理办法第十五条',
      trigger: '提供虚假资料，截留、挤占、挪用专项资金，失职致使计划无法实施，或其他违法违规行为',
      banYears: 0,
      clawBack: 'corresponding',
      accountability: true,
    },
  ],
  limits: [
    // 管理办法第三条: 市科协研究确定…资助标准和奖励名额 — the number is set each round
    {
      type: 'perRound',
      id: 'demonstration-quota',
      clause: '管理办法第三条',
      label: '综合示范学会奖励名额由市科协每年确定',
      kindId: 'demonstration',
      max: null,
    },
  ],
  rubric: {
    source: 'derived',
    clause: '实施方案五.2',
    stageId: 'expert-review',
    note: '按实施方案五.2，专家评审主要看基础条件、持续发展能力及其科学性、示范性、辐射性；方案未规定各项分值，以下分值供评分参考。',
    items: [
      { id: 'foundation', label: '项目的基础条件', maxPoints: 25, basis: '实施方案五.2' },
      { id: 'sustainability', label: '持续发展能力', maxPoints: 20, basis: '实施方案五.2' },
      { id: 'scientific', label: '科学性', maxPoints: 20, basis: '实施方案五.2' },
      { id: 'exemplary', label: '示范性', maxPoints: 20, basis: '实施方案五.2' },
      { id: 'radiation', label: '辐射性', maxPoints: 15, basis: '实施方案五.2' },
    ],
  },
  notes: [
    '专项资金由市科协会同市财政局管理；系统角色中没有“市财政局”，其审核由市科协工作人员代为办理（joint-approval）。',
    '“综合示范学会”须同时满足重点项目的四项条件（实施方案六(二)“除满足以上四个条件外”）。',
  ],
} satisfies ProgrammeInput;
