import { DOCUMENT_MIME_TYPES, yesNo } from './common';
import type { ProgrammeInput } from './schema';

/**
 * Seed 002: 创建五星学会提升服务能力计划实施方案, 平顶山市科协 (附件1 of a notice; undated, the text cites
 * 党的十八届三中、四中全会, so 2014–2015). Clauses are cited by section numbers, e.g. '三(三)'.
 */
export const pingdingshanFiveStar = {
  id: 'pingdingshan-five-star',
  city: '平顶山市',
  issuer: ['平顶山市科学技术协会'],
  year: null,
  title: '创建五星学会提升服务能力计划实施方案',
  provenance: { kind: 'seed', file: '002_a064c2e39dcfe79b.txt' },
  facts: [
    yesNo('isCitySociety', '申报单位为全市性学会（市科协所属学会）'),
    yesNo('hasThreeYearPlan', '制订了近三年发展规划和每个年度目标任务'),
  ],
  kinds: [
    {
      id: 'five-star',
      label: '五星学会',
      // 三(一): 全市性学会自我创建、主动申报
      applicantType: 'society',
      applicantRoles: ['secretary'],
      formId: 'pingdingshan-five-star/five-star',
      funding: {
        type: 'firstAwardThenFraction',
        // 五(一): 市财政视财政情况给予适当的专项奖建资金 (the first award); 五(三): 第二年、第三年经考核合格并
        // 公示无异议的，每年再按首次奖建资金标准的一半给予连续资助
        clause: '五(三)',
        // 三(三): 每次评出的五星学会创建以三年为一个周期
        cycleYears: 3,
        laterNumerator: 1,
        laterDenominator: 2,
        note: '首次奖建资金由市财政视财政情况确定（五(一)）；半数取整到元（向下）。',
      },
      clause: '三(三)',
    },
  ],
  criteria: [
    // 一、三(一): 全市性学会
    { id: 'city-society', clause: '三(一)', label: '申报单位为全市性学会', fact: 'isCitySociety', test: { op: 'isTrue' } },
    // 三(三): 申报创建五星学会，要制订近三年发展规划和每个年度目标任务，纳入申报材料评审内容
    {
      id: 'three-year-plan',
      clause: '三(三)',
      label: '制订近三年发展规划和每个年度目标任务',
      fact: 'hasThreeYearPlan',
      test: { op: 'isTrue' },
    },
  ],
  // The five-star seed has no 不予受理 / 一票否决 items.
  vetoes: [],
  materials: [
    { id: 'application-form', label: '创建五星学会申报书', required: true, clause: '三(一)', mimeTypes: DOCUMENT_MIME_TYPES },
    { id: 'three-year-plan', label: '近三年发展规划和每个年度目标任务', required: true, clause: '三(三)', mimeTypes: DOCUMENT_MIME_TYPES },
    {
      id: 'star-evidence',
      label: '五项“星”创建内容的证明材料',
      required: false,
      clause: '四',
      mimeTypes: DOCUMENT_MIME_TYPES,
      note: '由创建内容及标准（四(一)至(五)）推出。',
    },
  ],
  stages: [
    // 三(一): 建立有关专家和管理部门人员组成的评审委员会，通过评选表彰一批五星学会
    { id: 'committee-review', label: '评审委员会评选', role: 'cityStaff', type: 'expertReview', clause: '三(一)', scoredBy: 'reviewer' },
  ],
  // 五(三) mentions 公示无异议 without a length; we use 5 working days, the length the other seeds use
  // for an appointment list (seed 004 第八条(三)).
  publicity: {
    days: 5,
    dayKind: 'working',
    minimum: true,
    clause: '五(三)',
    source: 'chosen',
    role: 'cityStaff',
    note: '种子只写“公示无异议”，未写天数；取5个工作日。',
  },
  // 三(三): 每年评选、表彰一次; 五(三): 当年获得支持的学会要与市科协签订项目任务书
  award: { role: 'cityStaff', label: '表彰并签订项目任务书', clause: '五(三)' },
  cycle: {
    // 三(三): 创建以三年为一个周期
    cycleYears: 3,
    // 三(三): 五星学会每年评选、表彰一次
    roundClause: '三(三)',
    roundIntervalYears: 1,
    roundAnchorYear: null,
    // 三(三): 被评为五星学会的，要进行年度工作考核
    assessment: { frequency: 'yearly', yearStart: 'approvalDate', clause: '三(三)' },
    clause: '三(三)',
  },
  expenses: {
    // 五(三): 奖建资金主要用于开展提升学会服务能力工作，并严格执行会议费、培训费、差旅费等经费管理规定
    allowed: { clause: '五(三)', ids: ['capability-work', 'meeting', 'training', 'travel'] },
    // 五(三): 不得用于人员基本工资、日常办公经费…捐款、赞助、罚款、还贷、对外投资、对外借款、基建…与本专项工作无关的其他支出
    forbidden: {
      clause: '五(三)',
      ids: [
        'wages',
        'daily-office',
        'donations',
        'sponsorship',
        'fines',
        'loan-repayment',
        'investment',
        'external-lending',
        'building-works',
        'unrelated',
      ],
    },
  },
  postAward: {
    // 五(三): 当年获得支持的学会要与市科协签订项目任务书，按照…工作思路、发展重点、工作进度安排、发展规划及目标以及资金使用方向组织实施
    agreement: {
      label: '项目任务书',
      clause: '五(三)',
      sections: [
        { id: 'approach', label: '工作思路', type: 'text' },
        { id: 'priorities', label: '发展重点', type: 'text' },
        { id: 'schedule', label: '工作进度安排', type: 'schedule' },
        { id: 'yearly-targets', label: '发展规划及年度目标', type: 'yearlyTargets' },
        { id: 'spending-direction', label: '资金使用方向', type: 'text' },
      ],
      filing: 'approve',
      decidedBy: 'cityStaff',
    },
    budget: { clause: '五(三)', capToAward: true, unlistedNeedsJustification: true, decidedBy: 'cityStaff' },
    checks: [
      {
        // 三(三): 被评为五星学会的，要进行年度工作考核; 五(三): 第二年、第三年经考核合格并公示无异议的…再按首次奖建资金标准的一半给予连续资助
        id: 'yearly-check',
        label: '年度工作考核',
        type: 'yearly',
        clause: '五(三)',
        due: { type: 'yearly', years: [2, 3], month: 12, day: 15 },
        dueSource: 'chosen',
        materials: [
          { id: 'yearly-report', label: '年度工作总结及目标完成情况' },
          { id: 'spending', label: '奖建资金使用情况' },
        ],
        decidedBy: 'cityStaff',
        publicity: true,
        onFail: ['yearly-check-failed'],
        note: '种子未规定年度考核的日期，按第二、三年的12月15日前安排。',
      },
    ],
    payments: [
      // 五(三): 评选为五星学会…给予适当的专项奖建资金; 当年获得支持的学会要与市科协签订项目任务书
      {
        id: 'first-award',
        label: '首次奖建资金',
        clause: '五(三)',
        yearIndex: 1,
        after: [{ type: 'award' }, { type: 'agreementAccepted' }],
      },
      {
        id: 'year-2',
        label: '第二年连续资助',
        clause: '五(三)',
        yearIndex: 2,
        after: [{ type: 'checkPassed', checkId: 'yearly-check', year: 2 }],
      },
      {
        id: 'year-3',
        label: '第三年连续资助',
        clause: '五(三)',
        yearIndex: 3,
        after: [{ type: 'checkPassed', checkId: 'yearly-check', year: 3 }],
      },
    ],
  },
  penalties: [
    // 三(三): 对考核不合格的学会，取消荣誉称号、停止资金支持
    {
      id: 'yearly-check-failed',
      clause: '三(三)',
      trigger: '年度工作考核不合格',
      banYears: 0,
      clawBack: 'none',
      revokeQualification: true,
      stopFunding: true,
    },
  ],
  limits: [],
  rubric: {
    source: 'derived',
    clause: '四',
    stageId: 'committee-review',
    note: '四(一)至(五)规定五颗“星”的创建内容及标准，未给分值；五星等分，每星20分。',
    items: [
      { id: 'party-building', label: '学会党建之星', maxPoints: 20, basis: '四(一)' },
      { id: 'innovation', label: '服务科技创新之星', maxPoints: 20, basis: '四(二)' },
      { id: 'society-government', label: '服务社会和政府之星', maxPoints: 20, basis: '四(三)' },
      { id: 'scientists', label: '服务科技工作者之星', maxPoints: 20, basis: '四(四)' },
      { id: 'self-development', label: '学会自我发展之星', maxPoints: 20, basis: '四(五)' },
    ],
  },
  notes: [
    '种子未注明年份，year 为 null；发文单位按正文（市科协负责组织管理和绩效考评，五(一)）。',
    '市财政局负责经费保障；系统角色中没有“市财政局”。',
    '初评的公示天数种子未写，取5个工作日（publicity.source = chosen）。',
  ],
} satisfies ProgrammeInput;
