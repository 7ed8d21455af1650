import type { AssessmentThresholds } from '../rules/assessment/settings';
import { describePublicity } from '../rules/cycle';
import { describeCondition, describeTest, factOf } from '../rules/facts';
import { describeScope } from '../rules/offer';
import { penaltyConsequences } from '../rules/penalty';
import { describePoints, describeStaffFact } from '../rules/scoring';
import { hostUnitKindLabels, roleLabels, stationLevelLabels } from '../schemas/org';
import { expenseCategories } from './expense-categories';
import { describeCheckDue, describePaymentCondition, postAwardRoleLabels } from './post-award';
import type { FundingRule, Programme, Rubric } from './schema';

/**
 * Every rule of a programme as a flat list with a stable rule id. Tests tag themselves with
 * `[<programmeId>:<ruleId>]` and scripts/rules-report.ts prints each rule with the tests that carry its tag.
 */
export type RuleGroup =
  | 'eligibility'
  | 'veto'
  | 'placement'
  | 'levelRestriction'
  | 'limit'
  | 'materials'
  | 'stage'
  | 'publicity'
  | 'award'
  | 'cycle'
  | 'funding'
  | 'expense'
  | 'penalty'
  | 'rubric'
  | 'assessment'
  | 'postAward'
  | 'scope';

export interface RuleEntry {
  ruleId: string;
  group: RuleGroup;
  clause: string;
  /** Chinese: the rule in one line, with its numbers */
  text: string;
}

/** 第十二条 thresholds: clause and wording of each setting (exhaustive over the settings' keys). */
const thresholdText: Record<keyof AssessmentThresholds, { clause: string; text: (n: number) => string }> = {
  agreementYear1Percent: { clause: '第十二条(一)', text: (n) => `合作协议第一年完成不少于合同内容的 ${n}%` },
  agreementFinalPercent: { clause: '第十二条(一)', text: (n) => `合作协议第二年（期满）完成 ${n}%` },
  daysPerQuarter: { clause: '第十二条(二)', text: (n) => `专家服务团队成员每个季度在站工作不少于 ${n} 天` },
  daysPerYear: { clause: '第十二条(二)', text: (n) => `专家服务团队成员全年在站工作不少于 ${n} 天` },
  researchPerYear: { clause: '第十二条(三)', text: (n) => `重点产业调查研究不少于 ${n} 次/年` },
  researchResultsPerYear: { clause: '第十二条(三)', text: (n) => `形成重点产业调研成果不少于 ${n} 项` },
  trainingsPerYear: { clause: '第十二条(四)', text: (n) => `科技骨干培训每年不少于 ${n} 场次` },
  traineesPerTraining: { clause: '第十二条(四)', text: (n) => `每次培训科技人才不少于 ${n} 人次` },
  tacklingPerYear: { clause: '第十二条(五)', text: (n) => `组织开展技术攻关不少于 ${n} 次` },
  problemsPerYear: { clause: '第十二条(五)', text: (n) => `帮助企业破解技术难题不少于 ${n} 个` },
  achievementsPerYear: { clause: '第十二条(五)', text: (n) => `推广转化科技成果不少于 ${n} 项` },
};

/** camelCase → kebab-case, digits kept with the word before them: agreementYear1Percent → agreement-year1-percent */
export function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

const unique = (xs: readonly string[]) => xs.filter((x, i) => xs.indexOf(x) === i).join('、');

const yuan = (n: number) => `${n.toLocaleString('en-US')} 元`;

function fundingText(rule: FundingRule): string {
  switch (rule.type) {
    case 'none':
      return '不设资助资金';
    case 'byLevel':
      return Object.entries(rule.levels)
        .map(([level, f]) => {
          const name = stationLevelLabels[level as keyof typeof stationLevelLabels];
          if (f.type === 'caseByCase') return `${name}：一事一议`;
          return `${name}：${f.instalments.map((i) => `${i.when.at === 'termEnd' ? '期满' : `第${i.when.yearIndex}年`}考核合格 ${yuan(i.amountYuan)}`).join('，')}`;
        })
        .join('；');
    case 'roundConfigured':
      return `金额由市科协每批次确定${rule.requiresPass ? '，通过后一次性下达' : ''}`;
    case 'firstAwardThenFraction':
      return `首次奖建资金每批次确定；${rule.cycleYears} 年周期内以后各年考核合格按首次的 ${rule.laterNumerator}/${rule.laterDenominator} 资助`;
    case 'capPerYear':
      return `每年不超过 ${yuan(rule.capYuan)}，一次性拨付`;
  }
}

export function ruleCatalogue(programme: Programme): RuleEntry[] {
  const out: RuleEntry[] = [];
  const add = (ruleId: string, group: RuleGroup, clause: string, text: string) => out.push({ ruleId, group, clause, text });
  // the schema guarantees every referenced kind and fact exists
  const kindNames = (ids: readonly string[] | undefined) =>
    ids ? `［仅${ids.map((id) => programme.kinds.find((k) => k.id === id)!.label).join('、')}］` : '';

  for (const k of programme.kinds) {
    if (k.stationLevels)
      add(
        'eligibility.level-offered',
        'eligibility',
        k.clause,
        `申报级别：${k.stationLevels.map((l) => stationLevelLabels[l]).join('、')}`,
      );
  }
  for (const c of programme.criteria) {
    const fact = factOf(programme, c.fact)!;
    add(
      `eligibility.${c.id}`,
      'eligibility',
      c.clause,
      `${c.label}（${fact.label}${describeTest(fact, c.test)}）${kindNames(c.kinds)}${c.severity === 'advisory' ? '［提示，不阻止提交］' : ''}`,
    );
  }
  if (programme.penalties.some((p) => p.banYears > 0)) {
    add(
      'eligibility.not-banned',
      'eligibility',
      unique(programme.penalties.filter((p) => p.banYears > 0).map((p) => p.clause)),
      '不在取消申报资格期内',
    );
  }
  for (const v of programme.vetoes) {
    const fact = factOf(programme, v.fact)!;
    add(`veto.${v.id}`, 'veto', v.clause, `${v.label}（${fact.label}${describeTest(fact, v.hitWhen)}即否决）${kindNames(v.kinds)}`);
  }
  if (programme.placement) {
    const p = programme.placement;
    add(
      'placement',
      'placement',
      p.clause,
      p.rules.map((r) => `${stationLevelLabels[r.level]}建在${r.hostUnitKinds.map((k) => hostUnitKindLabels[k]).join('、')}`).join('；'),
    );
  }
  for (const r of programme.levelRestrictions) add(`level-restriction.${r.id}`, 'levelRestriction', r.clause, r.label);
  for (const l of programme.limits)
    add(
      `limit.${l.id}`,
      'limit',
      l.clause,
      `${l.label}${l.type === 'perRound' && l.max === null ? '（名额每批次确定）' : `（上限 ${l.max}）`}`,
    );
  add(
    'materials',
    'materials',
    unique(programme.materials.map((m) => m.clause)),
    programme.materials.map((m) => `${m.label}${m.required ? '' : '（可选）'}`).join('；'),
  );
  // a district programme's `cityStaff` is the issuing district association's staff (issue 16 item 4)
  const scope = programme.scope;
  const runner = (role: keyof typeof roleLabels) =>
    scope.level === 'district' && role === 'cityStaff' ? `${scope.district}科协` : roleLabels[role];
  if (scope.level === 'district') add('scope', 'scope', programme.issuer.join('、'), describeScope(programme));
  programme.stages.forEach((s, i) => {
    add(
      `stage.${s.id}`,
      'stage',
      s.clause,
      `第${i + 1}环节 ${s.label}（${runner(s.role)}${s.phase === 'afterPublicity' ? '，公示后' : ''}）`,
    );
    if (s.skipWhen) add(`stage.${s.id}.skip`, 'stage', s.skipWhen.clause, `跳过：${s.skipWhen.reason}`);
  });
  if (programme.publicity)
    add(
      'publicity',
      'publicity',
      programme.publicity.clause,
      `公示 ${describePublicity(programme)}${programme.publicity.source === 'chosen' ? '（种子未写天数，本系统取值）' : ''}`,
    );
  add('award', 'award', programme.award.clause, `${programme.award.label}（${runner(programme.award.role)}）`);
  const cycle = programme.cycle;
  if (cycle.roundIntervalYears !== null)
    add(
      'cycle.round-interval',
      'cycle',
      cycle.roundClause ?? cycle.clause,
      `每 ${cycle.roundIntervalYears} 年受理一次申报${cycle.roundAnchorYear ? `（自 ${cycle.roundAnchorYear} 年起）` : ''}`,
    );
  if (cycle.workDeadline)
    add(
      'cycle.work-deadline',
      'cycle',
      cycle.workDeadline.clause,
      `${cycle.workDeadline.month} 月 ${cycle.workDeadline.day} 日前完成工作并提交验收材料`,
    );
  if (cycle.budgetSpendWithinYears)
    add('cycle.budget-year', 'cycle', cycle.clause, `自预算批复之日起 ${cycle.budgetSpendWithinYears} 年内执行完成`);
  for (const k of programme.kinds) add(`funding.${k.id}`, 'funding', k.funding.clause ?? k.clause, `${k.label}：${fundingText(k.funding)}`);
  const names = (ids: readonly string[]) => ids.map((id) => expenseCategories[id as keyof typeof expenseCategories]).join('、');
  const expenses = programme.expenses;
  if (expenses) {
    add('expense.allowed', 'expense', expenses.allowed.clause, `可用于：${names(expenses.allowed.ids)}`);
    add('expense.forbidden', 'expense', expenses.forbidden.clause, `不得用于：${names(expenses.forbidden.ids)}`);
  }
  for (const p of programme.penalties) add(`penalty.${p.id}`, 'penalty', p.clause, `${p.trigger} → ${penaltyConsequences(p).join('、')}`);
  add(
    'rubric',
    'rubric',
    programme.rubric.clause,
    `${programme.rubricsByType.length > 0 ? '其他申报单位：' : ''}${programme.rubric.items.map((i) => `${i.label} ${i.maxPoints}`).join('，')}${programme.rubric.total !== 100 ? `（满分 ${programme.rubric.total}）` : ''}（${programme.rubric.source === 'seed' ? '种子规定' : '本系统拟定'}）`,
  );
  // points as data (issue 16): each item's rule, each typed rubric, the bands
  const rubricDetail = (prefix: string, rubric: Rubric) => {
    for (const item of rubric.items) {
      if (!item.points && item.step === 1) continue;
      add(`${prefix}.item.${item.id}`, 'rubric', item.basis, `${item.label}（满分 ${item.maxPoints}）：${describePoints(programme, item)}`);
    }
    if (rubric.bands)
      add(
        `${prefix}.bands`,
        'rubric',
        rubric.clause,
        `等级：${rubric.bands.map((b) => `${b.label}${b.min > 0 ? ` ≥ ${b.min} 分` : ''}${b.passes ? '' : '（不予认定）'}`).join('，')}`,
      );
  };
  rubricDetail('rubric', programme.rubric);
  for (const r of programme.rubricsByType) {
    const who = [r.kinds ? kindNames(r.kinds) : '', r.when ? `（${describeCondition(programme, r.when)}）` : ''].join('');
    add(
      `rubric.${r.id}`,
      'rubric',
      r.rubric.clause,
      `${r.label}${who}：${r.rubric.items.map((i) => `${i.label} ${i.maxPoints}`).join('，')}（满分 ${r.rubric.total}）`,
    );
    rubricDetail(`rubric.${r.id}`, r.rubric);
  }
  for (const f of programme.facts.filter((x) => x.answeredBy === 'staff'))
    add(`rubric.judgement.${kebab(f.id)}`, 'rubric', programme.rubric.clause, `评分人评定：${describeStaffFact(programme, f.id)}`);
  if (programme.assessment) {
    const a = programme.assessment;
    for (const key of Object.keys(thresholdText) as (keyof AssessmentThresholds)[]) {
      add(`assessment.${kebab(key)}`, 'assessment', thresholdText[key].clause, thresholdText[key].text(a.thresholds[key]));
    }
    const w = a.weights;
    add(
      'assessment.weights',
      'assessment',
      '第十二条',
      `百分制权重：协议 ${w.agreement}，服务天数 ${w.serviceDays}，调研 ${w.research}，培训 ${w.training}，攻关与成果 ${w.outcomes}`,
    );
    add('assessment.grade', 'assessment', '第十二条', `等次：优秀 ≥ ${a.grade.excellentMin}，合格 ≥ ${a.grade.passMin}，其余不合格`);
  }
  // after the award (issue 14): one entry per agreement, budget, check, payment and consequence rule
  const pa = programme.postAward;
  if (pa) {
    const penaltyText = (id: string) => {
      const p = programme.penalties.find((x) => x.id === id)!;
      return `${p.trigger}（${p.clause}）→ ${penaltyConsequences(p).join('、')}`;
    };
    if (pa.agreement)
      add(
        'post-award.agreement',
        'postAward',
        pa.agreement.clause,
        `${pa.agreement.label}：${pa.agreement.sections.map((x) => `${x.label}${x.required ? '' : '（可选）'}`).join('、')}；${pa.agreement.filing === 'approve' ? '须经' : '报'}${postAwardRoleLabels[pa.agreement.decidedBy]}${pa.agreement.filing === 'approve' ? '审核同意' : '备案'}`,
      );
    if (pa.budget)
      add(
        'post-award.budget',
        'postAward',
        pa.budget.clause,
        `预算逐项填写开支类别${pa.budget.capToAward ? '，合计不得超过核定金额' : ''}${pa.budget.unlistedNeedsJustification ? '；未列入开支范围的类别须说明理由' : ''}；${postAwardRoleLabels[pa.budget.decidedBy]}批复${pa.budget.changes ? `；批复后调整须报批（${pa.budget.changes.clause}）` : '；批复后不得调整'}`,
      );
    for (const c of pa.checks)
      add(
        `post-award.check.${c.id}`,
        'postAward',
        c.clause,
        `${c.label}：${describeCheckDue(c.due)}${c.dueSource === 'chosen' ? '（种子未规定时间，本系统取值）' : ''}；提交${c.materials.map((m) => m.label).join('、')}${c.opinions.length > 0 ? `；${c.opinions.map((o) => o.label).join('、')}` : ''}；${postAwardRoleLabels[c.decidedBy]}作出结论${c.publicity ? '，合格的经公示无异议后生效' : ''}${c.onFail.length > 0 ? `；不合格：${c.onFail.map(penaltyText).join('；')}` : ''}`,
      );
    for (const p of pa.payments)
      add(
        `post-award.payment.${p.id}`,
        'postAward',
        p.clause,
        `${p.label}（第 ${p.yearIndex} 年）：${p.after.map((c) => describePaymentCondition(c, (id) => pa.checks.find((x) => x.id === id)?.label ?? id)).join('、')}后拨付`,
      );
    if (pa.misconduct)
      add(
        'post-award.misconduct',
        'postAward',
        programme.penalties.find((x) => x.id === pa.misconduct)!.clause,
        `发现违规：${penaltyText(pa.misconduct)}`,
      );
    if (pa.unspent)
      add(
        'post-award.unspent',
        'postAward',
        programme.penalties.find((x) => x.id === pa.unspent)!.clause,
        `到期未执行完毕：${penaltyText(pa.unspent)}`,
      );
    if (pa.rectification)
      add(
        'post-award.rectification',
        'postAward',
        pa.rectification.clause,
        `限期整改 ${pa.rectification.months} 个月${pa.rectification.source === 'chosen' ? '（种子未规定期限，本系统取值）' : ''}，复查合格后解除`,
      );
    if (pa.renewal)
      add('post-award.renewal', 'postAward', pa.renewal.clause, '合作期满、考核合格确需继续运行的，由建站单位提出申请，重新组织认定');
    if (pa.changes)
      add(
        'post-award.changes',
        'postAward',
        pa.changes.clause,
        `合并、重组、撤销须书面申请，由${postAwardRoleLabels[pa.changes.decidedBy]}决定`,
      );
  }
  return out;
}
