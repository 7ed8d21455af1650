import type { Programme, Stage } from '../programmes/schema';
import type { ChecklistItem } from '../schemas/application';
import { materialsOf } from './materials';
import { scoreRequiredMessage, stageNeedsStaffScore } from './review-comments';

/**
 * What a review stage needs before staff may pass it. The workflow (workflow.ts) decides whether the
 * role may pass in this state; this decides whether the stage's own work is done:
 *  - 形式审查 (formalReview): every line of the checklist ticked (seed 000 五.2: 条件、填报要求、真实完整、材料齐全);
 *  - 专家评审 scored by reviewers: at least one reviewer assigned and every assigned reviewer's sheet in;
 *  - the rubric's stage scored by its own staff (seed 003 市科协研究审定): a 100-point score sheet in
 *    (APPLICATION.SCORE_REQUIRED — issue 15 finding 10: it passed without one).
 */

/** 形式审查 checklist (seed 000 五.2): generic over the definition — two fixed lines and one per required material. */
export function formalChecklist(programme: Programme, kindId: string): ChecklistItem[] {
  return [
    { itemId: 'conditions', label: '申报单位和项目符合规定的申报条件', checked: false },
    { itemId: 'form-complete', label: '申报书符合填报要求，内容真实完整', checked: false },
    ...materialsOf(programme, kindId)
      .filter((m) => m.required)
      .map((m) => ({ itemId: `material-${m.id}`, label: `材料齐全：${m.label}`.slice(0, 100), checked: false })),
  ];
}

/** Why the stage's work is not done yet (APPLICATION.REVIEW_INCOMPLETE, or the code given): the message and what is open. */
export interface StageIncomplete {
  /** the error code to answer with (APPLICATION.REVIEW_INCOMPLETE unless said) */
  code?: 'APPLICATION.SCORE_REQUIRED';
  message: string;
  details?: { open: string[] } | { missing: string[] };
}

export interface StageWork {
  /** the checklist as the staff member submitted it */
  checklist: readonly Pick<ChecklistItem, 'itemId' | 'checked'>[];
  /** the reviewers assigned to the application */
  reviewerIds: readonly string[];
  /** of those, the ones whose score sheet for this stage is in */
  scoredBy: ReadonlySet<string>;
  /** a reviewer's name, for the message */
  nameOf: (personId: string) => string;
  /** score sheets of this stage already in, by anyone (staff-scored stages need one) */
  stageScoreSheets?: number;
}

/** Passing `stage` (of `kindId`): null when its work is done, else what is still open. */
export function stageIncomplete(programme: Programme, kindId: string, stage: Stage | null, work: StageWork): StageIncomplete | null {
  if (!stage) return null;
  if (stage.type === 'formalReview') {
    const ticked = new Set(work.checklist.filter((i) => i.checked).map((i) => i.itemId));
    const open = formalChecklist(programme, kindId).filter((i) => !ticked.has(i.itemId));
    if (open.length > 0)
      return { message: `形式审查尚未完成：${open.map((i) => i.label).join('；')}`, details: { open: open.map((i) => i.itemId) } };
  }
  if (stage.scoredBy === 'reviewer') {
    if (work.reviewerIds.length === 0) return { message: '尚未指派评审专家' };
    const missing = work.reviewerIds.filter((r) => !work.scoredBy.has(r));
    if (missing.length > 0) return { message: `尚有评审专家未评分：${missing.map(work.nameOf).join('、')}`, details: { missing } };
  }
  if (stageNeedsStaffScore(programme, stage) && (work.stageScoreSheets ?? 0) === 0) {
    return { code: 'APPLICATION.SCORE_REQUIRED', message: scoreRequiredMessage(stage.label, programme.rubric.total) };
  }
  return null;
}
