import { addDays, addMonthsClamped, chinaDateOf, daysInMonth, diffDays, makeChinaDate, yearOf } from '../../calendar/china-time';
import type { HolidayCalendar } from '../../calendar/holidays';
import type { CheckDue, CheckRule } from '../../programmes/post-award';
import type { Programme } from '../../programmes/schema';
import type { BudgetVersion, CheckDoc } from '../../schemas/awards';
import type { ChinaDate } from '../../schemas/common';
import type { Role } from '../../schemas/org';
import { budgetLastDay, isPublicityOver, type PublicityPeriod, publicityPeriod } from '../cycle';

/**
 * Checks after the award (issue 14 item 2: 中期检查、总结验收、年度工作考核、结项验收) — pure rules over
 * the programme's `postAward.checks` and the stored check documents:
 * - which checks an award owes, for which cycle year, and when each is due (China dates; a day past a
 *   month's end is clamped to its last day; a due date that cannot be known yet says why in Chinese);
 * - what a check still waits for (materials, opinions, a decision, its publicity), what each step needs;
 * - whether a check COUNTS (`checkCounts`): passed only once its publicity, when the programme asks for
 *   one (Pingdingshan 五(三): 考核合格并公示无异议), ended without an upheld or open objection — the
 *   payment rules (money.ts) and the consequence rules (consequences.ts) both read it;
 * - which reminders are due (sent once per check and days-before value).
 * No programme id is ever compared: the data decides.
 */

// ───────────────────────── ids, labels ─────────────────────────

/** The stored id of a check an award owes: `ck_<awardId>_<checkRuleId>_<year>`. */
export const checkDocIdOf = (awardId: string, checkId: string, year: number): string => `ck_${awardId}_${checkId}_${year}`;

export const checkStatusLabels: Record<CheckDoc['status'], string> = {
  pending: '待提交',
  submitted: '已提交，待审核',
  returned: '退回补充材料',
  passed: '合格',
  failed: '不合格',
};

// ───────────────────────── due dates ─────────────────────────

/** The award facts a due date is counted from. */
export interface AwardDates {
  awardedOn: ChinaDate;
  /** the award's budget versions (the first approval starts the execution window) */
  budgets: readonly Pick<BudgetVersion, 'status' | 'decision'>[];
}

/** The day the award's budget was first approved (管理办法第十四条: 自预算批复之日起), or null while none is. */
export function budgetApprovedOn(budgets: AwardDates['budgets']): ChinaDate | null {
  const first = budgets.find((v) => v.status === 'approved' && v.decision);
  return first?.decision ? chinaDateOf(first.decision.at) : null;
}

/** A day of a month, clamped to the month's length (02-30 → 02-28 or 02-29). */
export const clampedDate = (year: number, month: number, day: number): ChinaDate =>
  makeChinaDate(year, month, Math.min(day, daysInMonth(year, month)));

/** One check an award owes: the rule, the cycle year, and its due date — or why it cannot be known yet. */
export interface OwedCheck {
  rule: CheckRule;
  /** the cycle year (year 1 = the award year); 1 for a one-off check */
  year: number;
  dueDate: ChinaDate | null;
  /** Chinese, when dueDate is null ("预算尚未批复，…") */
  pendingReason: string | null;
}

/** The years of a check (yearly: the listed ones; else one). */
export const checkYears = (due: CheckDue): number[] => (due.type === 'yearly' ? [...due.years].sort((a, b) => a - b) : [1]);

/** When one check of one cycle year is due. */
export function checkDueDate(
  programme: Programme,
  due: CheckDue,
  year: number,
  award: AwardDates,
): { dueDate: ChinaDate; pendingReason: null } | { dueDate: null; pendingReason: string } {
  const awardYear = yearOf(award.awardedOn);
  switch (due.type) {
    case 'monthsAfterAward':
      return { dueDate: addMonthsClamped(award.awardedOn, due.months), pendingReason: null };
    case 'dayOfYear':
      return { dueDate: clampedDate(awardYear + due.yearOffset, due.month, due.day), pendingReason: null };
    case 'yearly':
      return { dueDate: clampedDate(awardYear + year - 1, due.month, due.day), pendingReason: null };
    case 'budgetWindowEnd': {
      if (programme.cycle.budgetSpendWithinYears === undefined) {
        return { dueDate: null, pendingReason: '本项目未规定预算执行期限，验收日期由市科协另行通知' };
      }
      const approved = budgetApprovedOn(award.budgets);
      const last = approved ? budgetLastDay(programme, approved) : null;
      if (!last) {
        return {
          dueDate: null,
          pendingReason: `预算尚未批复：验收日期为预算批复之日起 ${programme.cycle.budgetSpendWithinYears} 年执行期满之日，批复后确定`,
        };
      }
      return { dueDate: last, pendingReason: null };
    }
  }
}

/** Every check the award owes under its programme's data, ordered by due date (unknown dates last). */
export function checksOwed(programme: Programme, award: AwardDates): OwedCheck[] {
  const out: OwedCheck[] = [];
  for (const rule of programme.postAward?.checks ?? []) {
    for (const year of checkYears(rule.due)) {
      const d = checkDueDate(programme, rule.due, year, award);
      out.push({ rule, year, dueDate: d.dueDate, pendingReason: d.pendingReason });
    }
  }
  return out.sort((a, b) => (a.dueDate ?? '9999-12-31').localeCompare(b.dueDate ?? '9999-12-31'));
}

// ───────────────────────── what a check waits for ─────────────────────────

type DocState = Pick<CheckDoc, 'status' | 'materials' | 'opinions' | 'outcome' | 'publicity' | 'objections' | 'dueDate'>;

/** The required materials with no file attached, as their labels. */
export function missingMaterials(rule: Pick<CheckRule, 'materials'>, materials: CheckDoc['materials']): string[] {
  return rule.materials.filter((m) => m.required && (materials[m.id]?.length ?? 0) === 0).map((m) => m.label);
}

/** The opinions the rule asks for that nobody has given yet. */
export function missingOpinions(rule: Pick<CheckRule, 'opinions'>, opinions: CheckDoc['opinions']): CheckRule['opinions'] {
  return rule.opinions.filter((o) => !opinions.some((x) => x.opinionId === o.id));
}

/** The opinions a person holding these roles may give on this check. */
export const opinionSlotsFor = (rule: Pick<CheckRule, 'opinions'>, roles: readonly Role[]): CheckRule['opinions'] =>
  rule.opinions.filter((o) => (roles as readonly string[]).includes(o.role));

/** Is there an objection staff have not decided yet? */
export const openObjection = (doc: Pick<CheckDoc, 'objections'>): boolean => doc.objections.some((o) => o.decision === null);

export type CheckWait = 'materials' | 'opinions' | 'decision' | 'publicity' | 'done';
export const checkWaitLabels: Record<CheckWait, string> = {
  materials: '待申报单位提交材料',
  opinions: '待出具意见',
  decision: '待作出结论',
  publicity: '公示中',
  done: '已办结',
};

/** What the check waits for next. */
export function checkWaitsFor(doc: DocState, rule: CheckRule, today: ChinaDate): CheckWait {
  if (doc.status === 'pending' || doc.status === 'returned') return 'materials';
  if (doc.status === 'submitted') return missingOpinions(rule, doc.opinions).length > 0 ? 'opinions' : 'decision';
  return checkCounts(doc, rule, today) === 'open' ? 'publicity' : 'done';
}

/**
 * Does the check count, today? 'failed': failed, or an objection during its publicity was upheld;
 * 'passed': passed and — when the rule publicises it — its publicity is over with no objection upheld
 * or still open; else 'open'. Money (checkPassed conditions) and consequences (onFail) read this.
 */
export function checkCounts(
  doc: Pick<CheckDoc, 'status' | 'publicity' | 'objections'>,
  rule: Pick<CheckRule, 'publicity'>,
  today: ChinaDate,
): 'passed' | 'failed' | 'open' {
  if (doc.status === 'failed') return 'failed';
  if (doc.status !== 'passed') return 'open';
  if (!rule.publicity) return 'passed';
  if (!doc.publicity) return 'open';
  if (doc.publicity.objectionUpheld) return 'failed';
  if (openObjection(doc)) return 'open';
  return isPublicityOver(doc.publicity.end, today) ? 'passed' : 'open';
}

/** Overdue: materials still owed after the due date; due soon: owed within `soonDays` days. */
export function checkUrgency(doc: Pick<CheckDoc, 'status' | 'dueDate'>, today: ChinaDate, soonDays = 30): 'overdue' | 'dueSoon' | null {
  if (doc.status !== 'pending' && doc.status !== 'returned') return null;
  const left = diffDays(today, doc.dueDate);
  if (left < 0) return 'overdue';
  return left <= soonDays ? 'dueSoon' : null;
}

// ───────────────────────── steps ─────────────────────────

export type CheckStep = 'saveMaterials' | 'submit' | 'opinion' | 'decide' | 'return' | 'recordObjection' | 'decideObjection';

/**
 * Why a step is not allowed on this check now (Chinese), or null. Who may take it (applicant, an
 * opinion's role, the decider) is the caller's oversight, checked by the handler; this is the state.
 */
export function checkStepRefusal(doc: DocState, rule: CheckRule, step: CheckStep, today: ChinaDate): string | null {
  const open = doc.status === 'pending' || doc.status === 'returned';
  switch (step) {
    case 'saveMaterials':
      return open ? null : doc.status === 'submitted' ? '材料已提交，等待审核；如需补充请等待退回' : '检查已有结论，不能再修改材料';
    case 'submit': {
      if (!open) return doc.status === 'submitted' ? '材料已提交' : '检查已有结论';
      const missing = missingMaterials(rule, doc.materials);
      return missing.length > 0 ? `请上传：${missing.join('、')}` : null;
    }
    case 'opinion':
      if (rule.opinions.length === 0) return '该检查不需要出具意见';
      return doc.status === 'submitted' ? null : open ? '申报单位尚未提交材料' : '检查已有结论，不能再出具意见';
    case 'decide': {
      if (doc.status !== 'submitted') return open ? '申报单位尚未提交材料' : '检查已有结论';
      const missing = missingOpinions(rule, doc.opinions);
      return missing.length > 0 ? `尚缺：${missing.map((o) => o.label).join('、')}` : null;
    }
    case 'return':
      return doc.status === 'submitted' ? null : open ? '申报单位尚未提交材料' : '检查已有结论，不能退回';
    case 'recordObjection':
      if (!rule.publicity || !doc.publicity) return '该检查没有公示';
      if (doc.publicity.objectionUpheld || doc.status === 'failed') return '异议已成立，检查不合格';
      if (today < doc.publicity.start) return `公示自 ${doc.publicity.start} 开始`;
      return today > doc.publicity.end ? `公示已于 ${doc.publicity.end} 结束` : null;
    case 'decideObjection':
      if (!doc.publicity || doc.status !== 'passed') return '该检查没有公示中的结论';
      return openObjection(doc) ? null : '没有待处理的异议';
  }
}

/** The publicity of a passed check (the programme's publicity rule, counted over the holiday calendar). */
export function checkPublicity(programme: Programme, start: ChinaDate, cal: HolidayCalendar): PublicityPeriod {
  return publicityPeriod(programme, start, cal);
}

// ───────────────────────── reminders ─────────────────────────

/**
 * The reminders due today for a check still owing its materials: every `remindDaysBefore` value not
 * sent yet whose day has come (due date − days ≤ today ≤ due date). One message covers them all, and
 * all are marked sent, so a check created late (inside both 30 and 7) is reminded once, not twice.
 */
export function remindersDue(
  doc: Pick<CheckDoc, 'status' | 'dueDate' | 'remindersSent'>,
  rule: Pick<CheckRule, 'remindDaysBefore'>,
  today: ChinaDate,
): number[] {
  if (doc.status !== 'pending' && doc.status !== 'returned') return [];
  const left = diffDays(today, doc.dueDate);
  if (left < 0) return [];
  return rule.remindDaysBefore.filter((d) => !doc.remindersSent.includes(d) && left <= d).sort((a, b) => b - a);
}

/** The day a reminder of `days` days before is first sent (for the page: 将于 … 提醒). */
export const reminderDay = (dueDate: ChinaDate, days: number): ChinaDate => addDays(dueDate, -days);
