import { count, DOCUMENT_MIME_TYPES, lastDate, yesNo } from './common';
import type { ProgrammeInput } from './schema';

/**
 * Seed 003: 威海市学会创新和服务能力提升工程实施方案（2025年2月修订）, 威海市科协.
 * Clauses are cited by section numbers, e.g. '四(二)5(3)'.
 */
const applicant = { applicantType: 'society' as const, applicantRoles: ['secretary' as const] };

export const weihai2025 = {
  id: 'weihai-2025',
  city: '威海市',
  issuer: ['威海市科学技术协会'],
  year: 2025,
  title: '威海市学会创新和服务能力提升工程',
  provenance: { kind: 'seed', file: '003_efbddeaf9ac82dbc.txt' },
  facts: [
    yesNo('hasPartyOrganisation', '按《学会章程》规定设立了中国共产党的组织'),
    yesNo('hasYearlyPartyPlan', '建立健全党建制度，制定年度党建工作计划'),
    count('minPartyActivitiesPerQuarter', '最近四个季度中开展党的活动最少的一个季度的次数', '次'),
    yesNo('partyFacilities', '党组织有场所、有设施、有标志、有制度'),
    yesNo('governanceBodiesSound', '理事会、监事会或监事、秘书处健全'),
    yesNo('termRenewalOverdue', '无故不按时换届（未按规定报批延时换届）'),
    yesNo('hasFixedOffice', '有固定的办公场所'),
    yesNo('independentAccounting', '内控机制健全，财务支出合规，有独立财务，能独立核算'),
    yesNo('activeOnNewMedia', '通过公众号、网站等新媒体开展工作活跃度好'),
    yesNo('servesInnovation', '主动服务科技创新（主办承办交流活动、开展科技咨询和成果转化、承接政府委托工作等）'),
    yesNo('annualInspectionPassed', '每年按要求年检，且年检合格'),
    yesNo('undertakesCastTasks', '承担、落实市科协部署的临时性工作和重点工作项目'),
    lastDate('lastViolationDate', '最近一次违法违纪问题或受到通报批评、处罚的日期'),
    yesNo('repeatedlyAbsent', '屡次无故不参加市科协组织的活动'),
  ],
  kinds: [
    {
      id: 'class-a',
      label: 'A类项目（自身建设能力和服务经济社会能力突出，侧重服务实体经济）',
      ...applicant,
      formId: 'weihai-2025/class-a',
      // 五: 原则上，每年每个A类项目不超过5万元; 五(三): 市科协按项目扶持金额一次性拨付
      funding: { type: 'capPerYear', clause: '五', capYuan: 50_000, note: '按项目扶持金额一次性拨付（五(三)）。' },
      clause: '五',
    },
    {
      id: 'class-b',
      label: 'B类项目（自身建设能力和服务经济社会能力较为突出的其他学会）',
      ...applicant,
      formId: 'weihai-2025/class-b',
      // 五: B类项目不超过2万元
      funding: { type: 'capPerYear', clause: '五', capYuan: 20_000, note: '按项目扶持金额一次性拨付（五(三)）。' },
      clause: '五',
    },
    {
      id: 'promotion',
      label: '中国科协科技信息企业应用推广项目',
      ...applicant,
      formId: 'weihai-2025/promotion',
      // 五: 中国科协科技信息企业应用推广项目不超过2万元
      funding: { type: 'capPerYear', clause: '五', capYuan: 20_000, note: '按项目扶持金额一次性拨付（五(三)）。' },
      clause: '四(一)',
    },
  ],
  // 四(二) 申报条件. Items that are also 一票否决 (换届, 年检, 党组织) are checked once, as vetoes.
  criteria: [
    {
      id: 'party-plan',
      clause: '四(二)1',
      label: '建立健全党建制度，制定年度党建工作计划',
      fact: 'hasYearlyPartyPlan',
      test: { op: 'isTrue' },
    },
    // 四(二)1: 每季度至少开展一次党的活动
    {
      id: 'party-activity-quarterly',
      clause: '四(二)1',
      label: '每季度至少开展一次党的活动',
      fact: 'minPartyActivitiesPerQuarter',
      test: { op: 'atLeast', n: 1 },
    },
    {
      id: 'party-facilities',
      clause: '四(二)1',
      label: '党组织有场所、有设施、有标志、有制度',
      fact: 'partyFacilities',
      test: { op: 'isTrue' },
    },
    {
      id: 'governance-bodies',
      clause: '四(二)1',
      label: '学会理事会、监事会或监事、秘书处健全',
      fact: 'governanceBodiesSound',
      test: { op: 'isTrue' },
    },
    { id: 'fixed-office', clause: '四(二)2', label: '有固定的办公场所', fact: 'hasFixedOffice', test: { op: 'isTrue' } },
    {
      id: 'independent-accounting',
      clause: '四(二)2',
      label: '内控机制健全，有独立财务，能独立核算',
      fact: 'independentAccounting',
      test: { op: 'isTrue' },
    },
    { id: 'new-media', clause: '四(二)2', label: '通过新媒体开展工作活跃度好', fact: 'activeOnNewMedia', test: { op: 'isTrue' } },
    { id: 'serves-innovation', clause: '四(二)3', label: '主动服务科技创新', fact: 'servesInnovation', test: { op: 'isTrue' } },
    {
      id: 'cast-tasks',
      clause: '四(二)4',
      label: '承担、落实市科协部署的临时性工作和重点工作项目',
      fact: 'undertakesCastTasks',
      test: { op: 'isTrue' },
    },
  ],
  // 四(二)5: 一票否决项
  vetoes: [
    { id: 'term-not-renewed', clause: '四(二)5(1)', label: '无故不按时换届', fact: 'termRenewalOverdue', hitWhen: { op: 'isTrue' } },
    { id: 'inspection-failed', clause: '四(二)5(1)', label: '年检不合格', fact: 'annualInspectionPassed', hitWhen: { op: 'isFalse' } },
    {
      id: 'no-party-organisation',
      clause: '四(二)5(2)',
      label: '未按照《学会章程》规定设立中国共产党的组织',
      fact: 'hasPartyOrganisation',
      hitWhen: { op: 'isFalse' },
    },
    // 四(二)5(3): 近两年内有违法违纪问题，存在…受到相关部门通报批评或处罚事件
    {
      id: 'violations-2y',
      clause: '四(二)5(3)',
      label: '近两年内有违法违纪问题或受到相关部门通报批评、处罚',
      fact: 'lastViolationDate',
      hitWhen: { op: 'withinYears', n: 2 },
    },
    {
      id: 'repeatedly-absent',
      clause: '四(二)5(4)',
      label: '屡次无故不参加市科协组织的活动',
      fact: 'repeatedlyAbsent',
      hitWhen: { op: 'isTrue' },
    },
  ],
  materials: [
    {
      id: 'application-form',
      label: '威海市学会创新和服务能力提升工程项目申报书',
      required: true,
      clause: '五(一)',
      mimeTypes: DOCUMENT_MIME_TYPES,
    },
    { id: 'supporting-evidence', label: '相关证明材料', required: true, clause: '五(一)', mimeTypes: DOCUMENT_MIME_TYPES },
  ],
  stages: [
    // 五(二): 市科协负责申报项目的形式审查
    { id: 'formal-review', label: '市科协形式审查', role: 'cityStaff', type: 'formalReview', clause: '五(二)' },
    // 五(二): 由市科协责任部室提出方案并邀请专家评审确定拟入选项目名单
    {
      id: 'expert-review',
      label: '专家评审确定拟入选项目',
      role: 'cityStaff',
      type: 'expertReview',
      clause: '五(二)',
      scoredBy: 'reviewer',
    },
    // 五(二): 入选项目名单进行公示…无异议后再经市科协党组会研究通过后发布
    {
      id: 'party-group-decision',
      label: '市科协党组会研究通过',
      role: 'cityStaff',
      type: 'decision',
      clause: '五(二)',
      phase: 'afterPublicity',
    },
  ],
  publicity: {
    days: 5,
    dayKind: 'working',
    minimum: true,
    clause: '五(二)',
    source: 'chosen',
    role: 'cityStaff',
    note: '种子只写“入选项目名单进行公示”，未写天数；取5个工作日。',
  },
  // 五(二): 党组会研究通过后发布; 五(三): 市科协按项目扶持金额一次性拨付
  award: { role: 'cityStaff', label: '发布入选名单并一次性拨付经费', clause: '五(三)' },
  cycle: {
    // 四(一): 项目周期1年
    cycleYears: 1,
    // 五: 确定年度支持的项目数量和经费额度 — a yearly call
    roundClause: '五',
    roundIntervalYears: 1,
    roundAnchorYear: 2025,
    // 五(五): 结项验收
    assessment: { frequency: 'final', yearStart: 'calendarYear', clause: '五(五)' },
    // 五(五): 项目单位应于11月底前完成相关工作，提交验收材料
    workDeadline: { month: 11, day: 30, clause: '五(五)' },
    clause: '四(一)',
  },
  expenses: {
    // 五(四): 主要用于学会党建、学术、科普、技术服务、咨询服务、承接政府委托项目、双创活动和保证项目运行等
    allowed: {
      clause: '五(四)',
      ids: [
        'party-building',
        'academic-activities',
        'science-popularisation',
        'technical-service',
        'consulting',
        'government-commissioned',
        'innovation-activities',
        'project-operation',
      ],
    },
    // 五(四): 不得用于对外投资，罚款、还贷，捐款、赞助，人员工资、福利、奖金等…及其他违反财经纪律的用途
    forbidden: {
      clause: '五(四)',
      ids: [
        'investment',
        'fines',
        'loan-repayment',
        'donations',
        'sponsorship',
        'wages',
        'welfare',
        'bonuses',
        'unrelated',
        'financial-discipline',
      ],
    },
  },
  postAward: {
    // 六(三): 项目单位要按照任务书要求和相关规定…制定具体实施计划
    agreement: {
      label: '项目任务书',
      clause: '六(三)',
      sections: [
        { id: 'plan', label: '具体实施计划', type: 'text' },
        { id: 'targets', label: '目标任务', type: 'yearlyTargets' },
        { id: 'schedule', label: '进度安排（11月底前完成）', type: 'schedule' },
        { id: 'supervision', label: '监督管理事项', type: 'text' },
      ],
      filing: 'approve',
      decidedBy: 'cityStaff',
    },
    // 五(三): 入选项目单位要细化项目内容和监督管理等事项，确保…资金使用安全
    budget: { clause: '五(三)', capToAward: true, unlistedNeedsJustification: true, decidedBy: 'cityStaff' },
    checks: [
      {
        // 五(五): 项目单位应于11月底前完成相关工作，提交验收材料。市科协将组织党建、业务、财务等工作负责人员…进行结项验收
        id: 'completion',
        label: '结项验收',
        type: 'completion',
        clause: '五(五)',
        due: { type: 'dayOfYear', month: 11, day: 30, yearOffset: 0 },
        dueSource: 'seed',
        materials: [
          { id: 'acceptance-report', label: '结项验收材料' },
          { id: 'spending', label: '资金使用情况' },
        ],
        opinions: [
          { id: 'party-building', role: 'cityStaff', label: '党建负责人员意见' },
          { id: 'business', role: 'cityStaff', label: '业务负责人员意见' },
          { id: 'finance', role: 'cityStaff', label: '财务负责人员意见' },
        ],
        decidedBy: 'cityStaff',
        onFail: ['unfinished'],
      },
    ],
    // 五(三): 提供资金到账凭据，市科协按项目扶持金额一次性拨付
    payments: [
      { id: 'grant', label: '一次性拨付扶持经费', clause: '五(三)', yearIndex: 1, after: [{ type: 'award' }, { type: 'receiptProof' }] },
    ],
  },
  penalties: [
    // 五(五): 对未完成工作任务或未按照要求实施的，将按相关规定追究责任，取消下一年度扶持资格
    {
      id: 'unfinished',
      clause: '五(五)',
      trigger: '未完成工作任务或未按照要求实施',
      banYears: 1,
      clawBack: 'none',
      accountability: true,
      note: '“取消下一年度扶持资格”：自处理之日起1年内不得申报。',
    },
  ],
  limits: [
    // 五: 市科协…确定年度支持的项目数量
    { type: 'perRound', id: 'class-a-quota', clause: '五', label: 'A类项目年度支持数量由市科协确定', kindId: 'class-a', max: null },
    { type: 'perRound', id: 'class-b-quota', clause: '五', label: 'B类项目年度支持数量由市科协确定', kindId: 'class-b', max: null },
    {
      type: 'perRound',
      id: 'promotion-quota',
      clause: '五',
      label: '应用推广项目年度支持数量由市科协确定',
      kindId: 'promotion',
      max: null,
    },
  ],
  rubric: {
    source: 'derived',
    clause: '四(一)',
    stageId: 'expert-review',
    note: '按通知四(一)：全面考察其党建工作、自身能力建设、服务创新驱动发展能力及发展前景；与我市重点产业发展密切相关的优先。通知未规定各项分值，以下分值供评分参考。',
    items: [
      { id: 'party-building', label: '党建工作', maxPoints: 25, basis: '四(一)' },
      { id: 'capacity', label: '自身能力建设', maxPoints: 25, basis: '四(一)' },
      { id: 'innovation', label: '服务创新驱动发展能力', maxPoints: 30, basis: '四(一)' },
      { id: 'prospects', label: '发展前景（与重点产业发展的关联度）', maxPoints: 20, basis: '四(一)' },
    ],
  },
  notes: [
    '公示后还须经市科协党组会研究通过（phase = afterPublicity）。',
    '“每季度至少开展一次党的活动”按最近四个季度中最少的一个季度判断。',
    '“取消下一年度扶持资格”按1年禁止申报处理。',
  ],
} satisfies ProgrammeInput;
