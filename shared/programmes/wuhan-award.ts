import { count, DOCUMENT_MIME_TYPES, SOCIETY_STANDING_FACTS, yesNo } from './common';
import type { ProgrammeInput } from './schema';

/**
 * Seed 001: 学会能力提升专项实施方案（试行）, 武汉市科协 (附件1 of a notice; the seed carries no date).
 * Clauses are cited by the seed's section numbers, e.g. '三(一)'.
 */
export const wuhanAward = {
  id: 'wuhan-award',
  city: '武汉市',
  issuer: ['武汉市科学技术协会'],
  year: null,
  title: '学会能力提升专项实施方案（试行）',
  provenance: { kind: 'seed', file: '001_a8ac956b49fa365b.txt' },
  facts: [
    count('consecutiveInspectionYearsPassed', '申报前连续社团年检合格的年数', '年'),
    yesNo('summaryAndPlanOnTime', '年终按时提交本年度学会工作总结及下一年度工作计划'),
    yesNo('managementSound', '内部管理规范，组织领导有力'),
    yesNo('hasSecretaryAndStaff', '配备有较强执行力的专兼职秘书长（或副秘书长）和相应规模的学会工作人员'),
    yesNo('hasOwnBankAccount', '财务资产制度健全、管理规范，有独立的银行账号和财务管理人员'),
    yesNo('councilApproved', '申报经理事会（常务理事会）研究同意'),
    ...SOCIETY_STANDING_FACTS,
  ],
  kinds: [
    {
      id: 'award',
      label: '学会能力提升专项（以奖代补）',
      // 四(一): 武汉市科协所属学会…自愿申报
      applicantType: 'society',
      applicantRoles: ['secretary'],
      formId: 'wuhan-award/award',
      funding: {
        type: 'roundConfigured',
        // 四(一): 确定奖励名额并发布申报通知; 四(二): 给予通报表彰和奖励补助
        clause: '四(二)',
        requiresPass: true,
        note: '奖励补助额度随每批次申报通知确定；种子未写金额。',
      },
      clause: '二(二)',
    },
  ],
  criteria: [
    // 三(一): 申报前连续两年社团年检合格，并在年终按时提交本年度学会工作总结及下一年度工作计划
    {
      id: 'inspection-2y',
      clause: '三(一)',
      label: '申报前连续两年社团年检合格',
      fact: 'consecutiveInspectionYearsPassed',
      test: { op: 'atLeast', n: 2 },
    },
    {
      id: 'summary-and-plan',
      clause: '三(一)',
      label: '年终按时提交工作总结及下一年度工作计划',
      fact: 'summaryAndPlanOnTime',
      test: { op: 'isTrue' },
    },
    { id: 'sound-management', clause: '三(一)', label: '内部管理规范，组织领导有力', fact: 'managementSound', test: { op: 'isTrue' } },
    {
      id: 'secretary-and-staff',
      clause: '三(一)',
      label: '配备专兼职秘书长和相应规模的工作人员',
      fact: 'hasSecretaryAndStaff',
      test: { op: 'isTrue' },
    },
    {
      id: 'own-bank-account',
      clause: '三(一)',
      label: '有独立的银行账号和财务管理人员',
      fact: 'hasOwnBankAccount',
      test: { op: 'isTrue' },
    },
    // 四(一): 学会申报须经理事会（常务理事会）研究同意
    {
      id: 'council-approval',
      clause: '四(一)',
      label: '申报经理事会（常务理事会）研究同意',
      fact: 'councilApproved',
      test: { op: 'isTrue' },
    },
  ],
  // 三(二): 出现下列情形之一的，对其申请不予受理
  vetoes: [
    { id: 'law-violation', clause: '三(二)', label: '有违纪违法行为', fact: 'hasLawOrDisciplineViolation', hitWhen: { op: 'isTrue' } },
    {
      id: 'criticised-or-penalised',
      clause: '三(二)',
      label: '违反国家相关规定，受到相关部门通报批评或处罚',
      fact: 'criticisedOrPenalised',
      hitWhen: { op: 'isTrue' },
    },
    {
      id: 'cast-tasks-undone',
      clause: '三(二)',
      label: '未按要求完成武汉市科协及相关部门委托项目',
      fact: 'castTasksUndone',
      hitWhen: { op: 'isTrue' },
    },
  ],
  materials: [
    { id: 'application-form', label: '申报材料（申报书）', required: true, clause: '四(一)', mimeTypes: DOCUMENT_MIME_TYPES },
    {
      id: 'council-resolution',
      label: '理事会（常务理事会）同意申报的决议',
      required: true,
      clause: '四(一)',
      mimeTypes: DOCUMENT_MIME_TYPES,
    },
    {
      id: 'inspection-proof',
      label: '连续两年社团年检合格证明',
      required: true,
      clause: '三(一)',
      mimeTypes: DOCUMENT_MIME_TYPES,
      note: '由申报条件推出（种子只写“提供相应材料”）。',
    },
    {
      id: 'summary-and-plan',
      label: '本年度学会工作总结及下一年度工作计划',
      required: true,
      clause: '三(一)',
      mimeTypes: DOCUMENT_MIME_TYPES,
      note: '由申报条件推出。',
    },
  ],
  // 四(二): 评审阶段包括形式审查和专家评审两个环节
  stages: [
    { id: 'formal-review', label: '专项办公室形式审查', role: 'cityStaff', type: 'formalReview', clause: '四(二)' },
    { id: 'expert-review', label: '评审委员会专家评审', role: 'cityStaff', type: 'expertReview', clause: '四(二)', scoredBy: 'reviewer' },
  ],
  // 四(二): 拟表彰的学会名单在相关媒体公示十天 ("十天": calendar days)
  publicity: { days: 10, dayKind: 'calendar', minimum: false, clause: '四(二)', source: 'seed', role: 'cityStaff' },
  // 四(二): 公示期满无异议的，给予通报表彰和奖励补助
  award: { role: 'cityStaff', label: '通报表彰和奖励补助', clause: '四(二)' },
  cycle: {
    // the seed sets no project length and no call frequency
    cycleYears: null,
    roundIntervalYears: null,
    roundAnchorYear: null,
    // 四(四): 受到表彰的学会，需接受中期检查和总结验收
    assessment: { frequency: 'midAndFinal', yearStart: 'approvalDate', clause: '四(四)' },
    clause: '四',
    note: '种子未规定实施周期和申报频次，由每批次申报通知确定。',
  },
  expenses: {
    // 五(三): 专项资金主要用于学会提升…四种能力等业务工作支出
    allowed: { clause: '五(三)', ids: ['capability-work'] },
    // 五(三): 不得用于人员、日常办公经费支出，不得用于捐款、赞助、支付罚款、还贷、对外投资、基建等支出，不得用于与本项目无关的其他支出
    forbidden: {
      clause: '五(三)',
      ids: [
        'personnel',
        'daily-office',
        'donations',
        'sponsorship',
        'fines',
        'loan-repayment',
        'investment',
        'building-works',
        'unrelated',
      ],
    },
  },
  postAward: {
    // 四(三): 受到表彰的学会应制定相应的资金管理办法，明确工作思路、发展重点、工作进度安排、年度考核指标以及资金使用方向，报武汉市科协备案
    agreement: {
      label: '资金管理办法',
      clause: '四(三)',
      sections: [
        { id: 'approach', label: '工作思路', type: 'text' },
        { id: 'priorities', label: '发展重点', type: 'text' },
        { id: 'schedule', label: '工作进度安排', type: 'schedule' },
        { id: 'yearly-indicators', label: '年度考核指标', type: 'yearlyTargets' },
        { id: 'spending-direction', label: '资金使用方向', type: 'text' },
      ],
      filing: 'record',
      decidedBy: 'cityStaff',
    },
    // 五(三): 专项资金主要用于…业务工作支出; the budget states the 资金使用方向 by category
    budget: { clause: '五(三)', capToAward: true, unlistedNeedsJustification: true, decidedBy: 'cityStaff' },
    checks: [
      {
        // 四(四): 受到表彰的学会，需接受中期检查和总结验收，并按要求提供相关书面材料
        id: 'mid-term',
        label: '中期检查',
        type: 'midTerm',
        clause: '四(四)',
        due: { type: 'monthsAfterAward', months: 6 },
        dueSource: 'chosen',
        materials: [{ id: 'written-report', label: '中期检查书面材料' }],
        decidedBy: 'cityStaff',
        onFail: ['assessment-failed'],
        note: '种子未规定中期检查的时间，按表彰后6个月安排。',
      },
      {
        id: 'final',
        label: '总结验收',
        type: 'final',
        clause: '四(四)',
        due: { type: 'monthsAfterAward', months: 12 },
        dueSource: 'chosen',
        materials: [
          { id: 'written-report', label: '总结验收书面材料' },
          { id: 'spending', label: '资金使用情况', required: false },
        ],
        decidedBy: 'cityStaff',
        onFail: ['assessment-failed'],
        note: '种子未规定总结验收的时间，按表彰后12个月安排。',
      },
    ],
    // 四(二): 公示期满无异议的，给予通报表彰和奖励补助
    payments: [{ id: 'award-grant', label: '奖励补助', clause: '四(二)', yearIndex: 1, after: [{ type: 'award' }] }],
    misconduct: 'fraud',
  },
  penalties: [
    // 五(二): 撤销相关学会承担专项的资格并收回已拨付的专项资金，同时连续3年取消其申报资格
    { id: 'fraud', clause: '五(二)', trigger: '弄虚作假、虚报业绩等违规行为', banYears: 3, clawBack: 'all', revokeQualification: true },
    // 一(三)3: 对考核不合格的学会，适时调整或终止资金支持
    { id: 'assessment-failed', clause: '一(三)3', trigger: '考核不合格', banYears: 0, clawBack: 'none', stopFunding: true },
  ],
  limits: [
    // 四(一): 确定奖励名额并发布申报通知 — set each round
    { type: 'perRound', id: 'award-quota', clause: '四(一)', label: '奖励名额由市科协每批次确定', kindId: 'award', max: null },
  ],
  rubric: {
    source: 'derived',
    clause: '二(一)',
    stageId: 'expert-review',
    note: '按以奖代补方式评审，重点评价四个方面的能力（一(三)3、二(一)）；文件未规定各项分值，以下四项按等分供评分参考。',
    items: [
      { id: 'innovation', label: '服务创新能力', maxPoints: 25, basis: '二(一)1' },
      { id: 'society-government', label: '服务社会和政府能力', maxPoints: 25, basis: '二(一)2' },
      { id: 'scientists', label: '服务科技工作者能力', maxPoints: 25, basis: '二(一)3' },
      { id: 'self-development', label: '学会自我发展能力', maxPoints: 25, basis: '二(一)4' },
    ],
  },
  notes: ['种子未注明年份与发文单位以外的信息；year 为 null。', '十天公示按自然日计（种子写“公示十天”，未写工作日）。'],
} satisfies ProgrammeInput;
