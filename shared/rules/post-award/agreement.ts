import { addDays } from '../../calendar/china-time';
import type { FieldIssue } from '../../errors';
import type { AgreementRule, AgreementSection } from '../../programmes/post-award';
import type { AgreementAnswer, AgreementDoc } from '../../schemas/awards';
import type { ChinaDate } from '../../schemas/common';
import { isBlankText } from '../../schemas/common';

/**
 * The task agreement (任务书): which answers fit the programme's sections, what a submission still
 * lacks (per section, in Chinese), and the steps draft → submitted → accepted / returned. Pure.
 */

/** The cycle the yearly targets and milestones fall in: years 1..cycleYears from the award date. */
export interface AgreementWindow {
  awardedOn: ChinaDate;
  /** the programme's cycle (null / absent: one year) */
  cycleYears: number;
}
export const cycleYearsOf = (cycleYears: number | null | undefined): number => (cycleYears && cycleYears > 0 ? cycleYears : 1);
/** The last day of the cycle: the day before the award date's anniversary `cycleYears` years on. */
export function cycleEnd(w: AgreementWindow): ChinaDate {
  const y = Number(w.awardedOn.slice(0, 4)) + w.cycleYears;
  // 02-29 → 02-28 in a non-leap year: Date.UTC rolls over, addDays(-1) lands on the day before
  const d = new Date(Date.UTC(y, Number(w.awardedOn.slice(5, 7)) - 1, Number(w.awardedOn.slice(8, 10))));
  return addDays(d.toISOString().slice(0, 10), -1);
}

const yearLabel = (y: number) => `第 ${y} 年`;

/** An empty answer for a section (what the form starts from). */
export function emptyAnswer(section: AgreementSection, w: AgreementWindow): AgreementAnswer {
  switch (section.type) {
    case 'text':
      return { type: 'text', text: '' };
    case 'yearlyTargets':
      return { type: 'yearlyTargets', targets: Array.from({ length: w.cycleYears }, (_, i) => ({ year: i + 1, target: '' })) };
    case 'schedule':
      return { type: 'schedule', milestones: [] };
  }
}

/**
 * Problems that refuse even a draft: an answer for a section the programme does not have, of another
 * type, a target for a year outside the cycle, a milestone outside the cycle.
 */
export function agreementShapeIssues(rule: AgreementRule, answers: Record<string, AgreementAnswer>, w: AgreementWindow): FieldIssue[] {
  const out: FieldIssue[] = [];
  const byId = new Map(rule.sections.map((s) => [s.id, s]));
  const end = cycleEnd(w);
  for (const [id, a] of Object.entries(answers)) {
    const s = byId.get(id);
    if (!s) {
      out.push({ path: `answers.${id}`, message: `${rule.label}没有这一部分：${id}` });
      continue;
    }
    if (s.type !== a.type) {
      out.push({ path: `answers.${id}`, message: `“${s.label}”的填写方式不正确` });
      continue;
    }
    if (a.type === 'yearlyTargets') {
      a.targets.forEach((t, i) => {
        if (t.year > w.cycleYears)
          out.push({
            path: `answers.${id}.targets.${i}.year`,
            message: `“${s.label}”：${yearLabel(t.year)}超出项目周期 ${w.cycleYears} 年`,
          });
      });
      const years = a.targets.map((t) => t.year);
      if (new Set(years).size !== years.length)
        out.push({ path: `answers.${id}.targets`, message: `“${s.label}”：同一年份只能填写一个目标` });
    }
    if (a.type === 'schedule') {
      a.milestones.forEach((m, i) => {
        if (m.date < w.awardedOn || m.date > end)
          out.push({
            path: `answers.${id}.milestones.${i}.date`,
            message: `“${s.label}”：日期须在项目周期内（${w.awardedOn} 至 ${end}）`,
          });
      });
    }
  }
  return out;
}

/** What a submission lacks, one message per section (and per missing year / empty milestone). */
export function agreementSubmitIssues(rule: AgreementRule, answers: Record<string, AgreementAnswer>, w: AgreementWindow): FieldIssue[] {
  const out = agreementShapeIssues(rule, answers, w);
  for (const s of rule.sections) {
    const a = answers[s.id];
    const path = `answers.${s.id}`;
    if (s.type === 'text') {
      const text = a?.type === 'text' ? a.text : '';
      if (s.required && isBlankText(text)) out.push({ path, message: `请填写“${s.label}”` });
    } else if (s.type === 'yearlyTargets') {
      const targets = a?.type === 'yearlyTargets' ? a.targets : [];
      const anyFilled = targets.some((t) => !isBlankText(t.target));
      if (!s.required && !anyFilled) continue;
      for (let y = 1; y <= w.cycleYears; y++) {
        const t = targets.find((x) => x.year === y);
        if (!t || isBlankText(t.target)) out.push({ path: `${path}.year${y}`, message: `请填写“${s.label}”的${yearLabel(y)}目标` });
      }
    } else {
      const ms = a?.type === 'schedule' ? a.milestones : [];
      if (s.required && ms.length === 0) out.push({ path, message: `“${s.label}”至少填写一项进度安排（日期和内容）` });
      ms.forEach((m, i) => {
        if (isBlankText(m.milestone))
          out.push({ path: `${path}.milestones.${i}.milestone`, message: `“${s.label}”第 ${i + 1} 项请填写内容` });
      });
    }
  }
  return out;
}

export type AgreementStep = 'save' | 'submit' | 'approve' | 'return';

/** May this step happen now? Chinese reason when not. */
export function agreementStepAllowed(
  rule: AgreementRule,
  doc: AgreementDoc | null,
  step: AgreementStep,
): { ok: true } | { ok: false; reason: string } {
  const status = doc?.status ?? 'draft';
  const no = (reason: string) => ({ ok: false as const, reason });
  switch (step) {
    case 'save':
    case 'submit':
      if (status === 'draft' || status === 'returned') return { ok: true };
      return no(
        status === 'submitted'
          ? `${rule.label}已提交，等待审核，不能修改`
          : `${rule.label}已${rule.filing === 'record' ? '备案' : '审核通过'}，不能修改`,
      );
    case 'approve':
      if (rule.filing === 'record') return no(`${rule.label}报备案即可，无须审核（${rule.clause}）`);
      return status === 'submitted' ? { ok: true } : no(`${rule.label}尚未提交或已处理`);
    case 'return':
      if (status === 'submitted' || (rule.filing === 'record' && status === 'accepted')) return { ok: true };
      return no(`${rule.label}尚未提交或已处理`);
  }
}

/** The status a submission leads to: filed for the record → accepted at once; else waiting for approval. */
export const statusAfterSubmit = (rule: AgreementRule): AgreementDoc['status'] => (rule.filing === 'record' ? 'accepted' : 'submitted');

export const agreementStatusLabels: Record<AgreementDoc['status'], string> = {
  draft: '填写中',
  submitted: '待审核',
  returned: '已退回修改',
  accepted: '已通过',
};
export function agreementStatusLabel(rule: AgreementRule, doc: AgreementDoc | null): string {
  if (!doc) return '未填写';
  if (doc.status === 'accepted' && rule.filing === 'record') return '已备案';
  return agreementStatusLabels[doc.status];
}
