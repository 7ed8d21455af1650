import { type FundingRule, type Programme, requireKind } from '../programmes/schema';
import { type Station, type StationLevel, stationLevelLabels } from '../schemas/org';
import type { Funding } from '../schemas/reports';

/**
 * What is due after an assessment (or, for programmes that pay on selection, after being selected).
 * All amounts are integer yuan. `passed` is the outcome of the assessment/selection that triggers
 * the payment; yearIndex counts from 1 (the first year of the term / cycle).
 */
export interface FundingInput {
  /** station level (byLevel programmes) */
  level?: StationLevel;
  yearIndex: number;
  passed: boolean;
  /** the station's agreement term (seed 004 第七条(三): 2 years) */
  termYears?: number;
  /** the first award of a multi-year title (seed 002) */
  firstAwardYuan?: number;
  /** the amount the CAST decided for this project (seed 003, capped) */
  requestedYuan?: number;
  /** the amount set for this round (设定年度资助标准) */
  roundAmountYuan?: number;
}

export interface FundingDue {
  /** null when the amount is decided case by case or not set yet */
  amountYuan: number | null;
  caseByCase: boolean;
  /** true when the amount was cut down to the programme's cap */
  capped: boolean;
  /** Chinese */
  reason: string;
  clause: string;
}

const yuan = (n: number) => `${n.toLocaleString('en-US')} 元`;

function due(rule: FundingRule, amountYuan: number | null, reason: string, extra: Partial<FundingDue> = {}): FundingDue {
  return { amountYuan, caseByCase: false, capped: false, reason, clause: rule.clause ?? '', ...extra };
}

function assertYearIndex(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`年度序号必须是正整数：${n}`);
}

function byLevel(rule: Extract<FundingRule, { type: 'byLevel' }>, input: FundingInput): FundingDue {
  if (!input.level) return due(rule, null, '未指定服务站级别，无法计算资助金额');
  const levelName = `${stationLevelLabels[input.level]}学会服务站`;
  const levelRule = rule.levels[input.level];
  if (!levelRule) return due(rule, 0, `${levelName}无资助安排`);
  if (levelRule.type === 'caseByCase') {
    return due(rule, null, levelRule.note ?? `${levelName}经费资助一事一议`, { caseByCase: true });
  }
  const termYears = input.termYears ?? 2;
  // 第十六条: year one, then "第二年期满" = the term-end assessment; a one-year term has only the first.
  const matching = levelRule.instalments.filter((i) =>
    i.when.at === 'year' ? i.when.yearIndex === input.yearIndex : input.yearIndex === termYears && input.yearIndex > 1,
  );
  if (matching.length === 0) return due(rule, 0, `${levelName}第 ${input.yearIndex} 年无资助安排（协议期限 ${termYears} 年）`);
  const payable = matching.filter((i) => !i.requiresPass || input.passed);
  if (payable.length === 0) return due(rule, 0, `第 ${input.yearIndex} 年绩效考核不合格，不予资助`);
  const amount = payable.reduce((s, i) => s + i.amountYuan, 0);
  const when = matching.some((i) => i.when.at === 'termEnd') ? '期满绩效考核合格' : `第 ${input.yearIndex} 年绩效考核合格`;
  return due(rule, amount, `${levelName}${when}，给予 ${yuan(amount)}经费资助`);
}

function assertYuan(name: string, n: number | undefined): void {
  if (n !== undefined && (!Number.isInteger(n) || n < 0)) throw new RangeError(`${name}必须是非负整数（元）：${n}`);
}

export function fundingDue(programme: Programme, kindId: string, input: FundingInput): FundingDue {
  const rule = requireKind(programme, kindId).funding;
  assertYearIndex(input.yearIndex);
  assertYuan('首次奖建资金', input.firstAwardYuan);
  assertYuan('扶持金额', input.requestedYuan);
  assertYuan('本批次资助标准', input.roundAmountYuan);
  switch (rule.type) {
    case 'none':
      return due(rule, 0, '本项目不设资助资金');
    case 'byLevel':
      return byLevel(rule, input);
    case 'roundConfigured': {
      if (input.yearIndex > 1) return due(rule, 0, '资金一次性下达，以后年度无资助安排');
      if (rule.requiresPass && !input.passed) return due(rule, 0, '未通过评审（评估），不予资助');
      if (input.roundAmountYuan === undefined) return due(rule, null, '资助（奖励）标准由市科协按年度确定，本批次尚未设置');
      return due(rule, input.roundAmountYuan, `按本批次资助标准给予 ${yuan(input.roundAmountYuan)}`);
    }
    case 'firstAwardThenFraction': {
      if (input.yearIndex > rule.cycleYears) return due(rule, 0, `创建周期为 ${rule.cycleYears} 年，第 ${input.yearIndex} 年无资助安排`);
      const first = input.firstAwardYuan ?? input.roundAmountYuan;
      if (!input.passed) {
        return due(
          rule,
          0,
          input.yearIndex === 1 ? '未评为五星学会，不予资助' : `第 ${input.yearIndex} 年考核不合格，取消荣誉称号、停止资金支持`,
        );
      }
      if (first === undefined) return due(rule, null, '首次奖建资金由市财政视财政情况确定，尚未设置');
      if (input.yearIndex === 1) return due(rule, first, `首次奖建资金 ${yuan(first)}`);
      // 五(三): 每年再按首次奖建资金标准的一半给予连续资助; integer yuan, rounded down
      const amount = Math.floor((first * rule.laterNumerator) / rule.laterDenominator);
      return due(
        rule,
        amount,
        `第 ${input.yearIndex} 年考核合格，按首次奖建资金标准的 ${rule.laterNumerator}/${rule.laterDenominator} 给予 ${yuan(amount)}`,
      );
    }
    case 'capPerYear': {
      if (input.yearIndex > 1) return due(rule, 0, '项目周期1年，经费一次性拨付，以后年度无资助安排');
      if (!input.passed) return due(rule, 0, '未入选，不予资助');
      if (input.requestedYuan === undefined) return due(rule, null, `扶持金额尚未确定（上限 ${yuan(rule.capYuan)}）`);
      if (input.requestedYuan > rule.capYuan) {
        return due(rule, rule.capYuan, `扶持金额 ${yuan(input.requestedYuan)}超过上限，按上限 ${yuan(rule.capYuan)}一次性拨付`, {
          capped: true,
        });
      }
      return due(rule, input.requestedYuan, `按扶持金额 ${yuan(input.requestedYuan)}一次性拨付（上限 ${yuan(rule.capYuan)}）`);
    }
  }
}

/**
 * The funding a station's programme gives for a year's result (第十六条 for seed 004): the programme's
 * kind that funds by level (else its first kind); `programme` is undefined when the station's
 * programme is not known, which is said rather than guessed.
 */
export function stationFunding(
  programme: Programme | undefined,
  station: Pick<Station, 'programmeId' | 'level' | 'termYears'>,
  yearIndex: number,
  passed: boolean,
): Funding {
  const kind = programme?.kinds.find((k) => k.funding.type === 'byLevel') ?? programme?.kinds[0];
  if (!programme || !kind)
    return { amountYuan: null, caseByCase: false, reason: `未找到项目定义 ${station.programmeId}，无法计算资助`, clause: '' };
  const due = fundingDue(programme, kind.id, { level: station.level, yearIndex, passed, termYears: station.termYears });
  return { amountYuan: due.amountYuan, caseByCase: due.caseByCase, reason: due.reason, clause: due.clause };
}
