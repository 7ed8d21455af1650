import { type Programme, stagesOf } from '../programmes/schema';
import type { HistoryAction, HistoryEntry } from '../schemas/application';
import { roleLabels } from '../schemas/org';

/** A history line as the applicant reads it: the actor shown by role, never by name or id. */
export interface ApplicantHistoryLine extends HistoryEntry {
  actorName: string;
}

/** Steps the applicant takes themselves. */
const applicantSteps = new Set<HistoryAction>(['created', 'submit', 'resubmit', 'withdraw']);
/**
 * Lines the applicant sees: the state changes of their application. Assigning reviewers, a score and
 * an objection (filed or resolved) are the panel's and the staff's business (issue 11, finding 3).
 */
const shownSteps = new Set<HistoryAction>([
  ...applicantSteps,
  'skipped',
  'pass',
  'return',
  'reject',
  'startPublicity',
  'endPublicity',
  'award',
]);
/**
 * Notes the applicant sees: their own, a return's comments (what to change), the rule that skipped a
 * stage and the publicity period. A pass/reject/end-of-publicity note may quote a reviewer, a score or an
 * objection, so it is left out (the decision itself is the line).
 */
const notedSteps = new Set<HistoryAction>([...applicantSteps, 'return', 'skipped', 'startPublicity']);

/**
 * The applicant's projection of an application's history (issue 11, finding 3): state changes and
 * returned comments only, each actor shown by role ("市科协", "申报单位"), never a reviewer's name, a
 * score or an objection's text.
 */
export function applicantHistory(
  programme: Pick<Programme, 'kinds' | 'publicity' | 'award'> & Parameters<typeof stagesOf>[0],
  kindId: string,
  history: readonly HistoryEntry[],
): ApplicantHistoryLine[] {
  const stages = new Map(stagesOf(programme, kindId).map((s) => [s.id, s]));
  const actorOf = (h: HistoryEntry): string => {
    if (applicantSteps.has(h.action)) return '申报单位';
    if (h.action === 'skipped') return '系统';
    if (h.action === 'award') return roleLabels[programme.award.role];
    const stage = h.stageId ? stages.get(h.stageId) : undefined;
    const role = stage?.role ?? programme.publicity?.role;
    return role ? roleLabels[role] : '系统';
  };
  return history
    .filter((h) => shownSteps.has(h.action))
    .map((h) => ({ ...h, actorId: '', actorName: actorOf(h), note: notedSteps.has(h.action) ? h.note : '' }));
}
