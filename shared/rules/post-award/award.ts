import { chinaDateOf } from '../../calendar/china-time';
import { fenText, yuanToFen } from '../../programmes/post-award';
import type { ApplicationKind, Programme } from '../../programmes/schema';
import type { BudgetVersion } from '../../schemas/awards';
import type { ChinaDate } from '../../schemas/common';
import { budgetWindow } from './budget';

/**
 * The award file (issue 14): when an application counts as awarded, the day it was, whether a kind has
 * an award file with an agreement or budget at all, and the amount staff set (核定金额) checked
 * against the kind's funding rule. Pure; the awards function reads and writes.
 */

/** "12345.6" / "12,345.60" / "0.05" → fen, exactly (string arithmetic, no float); null when not an amount. */
export function parseYuan(text: string): number | null {
  const s = text
    .trim()
    .replace(/[,，\s]/g, '')
    .replace(/元$/, '');
  const m = /^(\d{1,11})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const yuan = Number(m[1]);
  const cents = m[2] ? Number(m[2].padEnd(2, '0')) : 0;
  return yuan * 100 + cents;
}
/** Fen as a plain yuan string for an input box ("12345.60"). */
export const fenToYuanInput = (fen: number): string => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

/** The fact an application is awarded, and on which day (China date). */
export interface AwardedApplication {
  status: string;
  history: readonly { at: number; toStatus: string }[];
  imported?: { awardedOn: ChinaDate } | undefined;
}
export function awardedOnOf(app: AwardedApplication): ChinaDate | null {
  if (app.status !== 'awarded') return null;
  if (app.imported) return app.imported.awardedOn;
  const step = [...app.history].reverse().find((h) => h.toStatus === 'awarded');
  return step ? chinaDateOf(step.at) : null;
}

/** Stations have their own lifecycle (station ledger, rectification): they get no agreement/budget unless the data says so. */
export const isStationKind = (kind: Pick<ApplicationKind, 'stationLevels' | 'funding'>): boolean =>
  kind.stationLevels !== undefined || kind.funding.type === 'byLevel';

/** Does this programme ask anything of an award after it (an agreement or a budget)? */
export const hasAwardFile = (programme: Pick<Programme, 'postAward'>): boolean =>
  Boolean(programme.postAward?.agreement || programme.postAward?.budget);

/** Who sets the amount: the decider of the budget (else of the agreement); null when the programme names none. */
export function amountDecider(programme: Pick<Programme, 'postAward'>) {
  return programme.postAward?.budget?.decidedBy ?? programme.postAward?.agreement?.decidedBy ?? null;
}

export type AmountCheck = { ok: true; note: string } | { ok: false; reason: string; clause: string };

/**
 * May staff set this first award amount (分) for the kind? capPerYear: up to the cap; roundConfigured /
 * firstAwardThenFraction: any positive amount (the CAST sets it each round), shown against the round's
 * standard when the round carries one; none / byLevel: not set here.
 */
export function checkAwardAmount(
  kind: Pick<ApplicationKind, 'funding' | 'label'>,
  amountFen: number,
  roundStandardFen: number | null = null,
): AmountCheck {
  const f = kind.funding;
  if (amountFen <= 0) return { ok: false, reason: '核定金额须大于 0 元', clause: f.clause ?? '' };
  switch (f.type) {
    case 'none':
      return { ok: false, reason: `${kind.label}不设资助资金，不能核定金额${f.clause ? `（${f.clause}）` : ''}`, clause: f.clause ?? '' };
    case 'byLevel':
      return { ok: false, reason: `服务站资助按级别确定（${f.clause}），不在此核定`, clause: f.clause };
    case 'capPerYear': {
      const cap = yuanToFen(f.capYuan);
      if (amountFen > cap)
        return {
          ok: false,
          reason: `核定金额 ${fenText(amountFen)} 超过${kind.label}的扶持上限 ${fenText(cap)}（${f.clause}）`,
          clause: f.clause,
        };
      return { ok: true, note: `不超过扶持上限 ${fenText(cap)}（${f.clause}）` };
    }
    case 'roundConfigured':
    case 'firstAwardThenFraction': {
      const std =
        roundStandardFen === null
          ? '由市科协按年度确定'
          : amountFen === roundStandardFen
            ? `与本批次标准 ${fenText(roundStandardFen)} 一致`
            : `本批次标准为 ${fenText(roundStandardFen)}`;
      const later =
        f.type === 'firstAwardThenFraction'
          ? `；此后第 2—${f.cycleYears} 年经考核合格，每年按首次金额的 ${f.laterNumerator}/${f.laterDenominator} 资助`
          : '';
      return { ok: true, note: `${std}（${f.clause}）${later}` };
    }
  }
}

/**
 * The execution period as the hub states it. Where the programme counts execution from the budget
 * approval (cycle.budgetSpendWithinYears — seed 000 管理办法第十四条) it is that window, the same one
 * the checks' due date and the money view use; otherwise the award's cycle.
 */
export function executionText(programme: Pick<Programme, 'cycle'>, budgets: readonly BudgetVersion[], cycleEndDate: ChinaDate): string {
  const years = programme.cycle.budgetSpendWithinYears;
  if (!years) return `执行期至 ${cycleEndDate}`;
  const w = budgetWindow(programme as Programme, budgets);
  return w
    ? `预算执行期 ${w.start} 至 ${w.end}（自预算批复之日起 ${years} 年，${programme.cycle.clause}）`
    : `执行期自预算批复之日起 ${years} 年（${programme.cycle.clause}），预算尚未批复`;
}
