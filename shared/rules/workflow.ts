import { type ChinaDate, chinaDateOf, isValidChinaDate } from '../calendar/china-time';
import type { HolidayCalendar } from '../calendar/holidays';
import type { ErrorCode } from '../errors';
import { type Facts, type Programme, requireKind, type Stage, stagesOf } from '../programmes/schema';
import { type ApplicationStatus, applicationStatuses, applicationStatusLabels } from '../schemas/application';
import { type Role, roleLabels } from '../schemas/org';
import { isPublicityOver, publicityPeriod } from './cycle';
import { checkEligibility, type EligibilityContext, type EligibilityResult, evaluateLimits } from './eligibility';
import { skipApplies } from './facts';
import { checkMaterials, type UploadedMaterial } from './materials';
import type { ScoreOutcome } from './scoring';
import { type WorkflowActionType, workflowActionLabels } from './workflow-actions';

/**
 * The application state machine, built from a programme's stages:
 *
 *   draft ─submit→ [stage 1 → stage 2 → … (phase beforePublicity)] → 待公示 (in_review, no stage) ─startPublicity→
 *   publicity ─endPublicity→ [stages of phase afterPublicity] → approved ─award→ awarded
 *
 * A programme without publicity (`publicity` absent) goes from its last stage to approved directly.
 *
 * At a stage, its role may pass, return (→ returned, resubmit goes back to that same stage) or reject.
 * During publicity the publicity role may reject (an upheld objection). The applicant may withdraw
 * until approval. Stages whose skip rule holds for the applicant's facts are skipped (seed 004 第八条(一)).
 * `transition` is pure: it never reads the clock (China date comes from ctx.now) and never writes.
 */

export { type ApplicationStatus, applicationStatuses, applicationStatusLabels };

/**
 * stageId is the stage an in_review application is at, or the stage that returned a returned one;
 * {status: 'in_review', stageId: null} is "every review stage passed, waiting for publicity" (待公示);
 * every other status has stageId null. Statuses are those of shared/schemas/application.ts.
 */
export interface WorkflowState {
  status: ApplicationStatus;
  stageId: string | null;
}

/**
 * The application moved on since the person looked at it (or since it was read): another status or
 * stage. A step is applied only to the state it was decided on (two staff on the same stage: the later one is refused).
 */
export const stateMoved = (current: WorkflowState, expected: WorkflowState): boolean =>
  current.status !== expected.status || current.stageId !== expected.stageId;

export { type WorkflowActionType, workflowActionLabels, workflowActionTypes } from './workflow-actions';

export interface WorkflowAction {
  type: WorkflowActionType;
  /** the caller's role, from their binding — never from the client */
  actorRole: Role;
  /** required for return and reject (Chinese, shown to the applicant) */
  reason?: string;
  /** startPublicity: first day of publicity, today or later; default today */
  startDate?: ChinaDate;
}

export interface WorkflowContext {
  /** epoch ms */
  now: number;
  /** the applicant's facts: eligibility on submit/resubmit, skip rules, the level for round limits */
  applicantFacts?: Facts;
  /** counts and sanctions for eligibility and round limits */
  eligibility?: Omit<EligibilityContext, 'now'>;
  /** when given, submit and resubmit also check the required materials */
  materials?: readonly UploadedMaterial[];
  /** objections not yet settled (endPublicity refuses while > 0) */
  objectionsOpen?: number;
  /** last day of the running publicity, as returned by startPublicity */
  publicityEnd?: ChinaDate | null;
  /** the merged holiday calendar (library + staff-entered years); startPublicity refuses without it */
  calendar?: HolidayCalendar;
  /**
   * the score sheets' outcome under the rubric's bands (shared/rules/scoring.ts scoreOutcome): passing
   * the scored stage with a total in a band that `passes: false` ends the application as not awarded
   */
  scoreOutcome?: ScoreOutcome | null;
}

export interface SkippedStage {
  stageId: string;
  label: string;
  reason: string;
}

export interface TransitionEffects {
  /** China date of the transition */
  at: ChinaDate;
  /** the stage the action was taken at, if any */
  fromStageId: string | null;
  skippedStages: SkippedStage[];
  publicityStart?: ChinaDate;
  publicityEnd?: ChinaDate;
  /** Chinese note about the publicity calendar (unknown holiday year), '' when none */
  publicityNote?: string;
  /** the return / reject reason */
  reason?: string;
  /** the eligibility result checked on submit / resubmit (unknown items are in it) */
  eligibility?: EligibilityResult;
  /** passing the scored stage of a rubric with bands: the band reached and the Chinese note */
  outcome?: ScoreOutcome;
}

export type WorkflowErrorCode = Extract<
  ErrorCode,
  | 'APPLICATION.ILLEGAL_TRANSITION'
  | 'AUTH.FORBIDDEN'
  | 'APPLICATION.INELIGIBLE'
  | 'APPLICATION.VETO'
  | 'APPLICATION.MISSING_MATERIAL'
  | 'APPLICATION.PUBLICITY_NOT_OVER'
  | 'APPLICATION.OBJECTION_OPEN'
  | 'APPLICATION.ROUND_LIMIT'
  | 'INPUT.INVALID'
>;

export type TransitionResult =
  | { ok: true; next: WorkflowState; effects: TransitionEffects }
  | { ok: false; code: WorkflowErrorCode; reason: string };

const state = (status: ApplicationStatus, stageId: string | null = null): WorkflowState => ({ status, stageId });
const refuse = (code: WorkflowErrorCode, reason: string): TransitionResult => ({ ok: false, code, reason });

/** Every state an application of this kind can be in. */
export function workflowStates(programme: Programme, kindId: string): WorkflowState[] {
  requireKind(programme, kindId);
  const stages = stagesOf(programme, kindId);
  return [
    state('draft'),
    ...stages.map((s) => state('in_review', s.id)),
    // 待公示 and 公示中 exist only when the programme has a publicity
    ...(programme.publicity ? [state('in_review')] : []),
    ...stages.map((s) => state('returned', s.id)),
    ...(programme.publicity ? [state('publicity')] : []),
    state('approved'),
    state('awarded'),
    state('rejected'),
    state('withdrawn'),
  ];
}

export function isValidState(programme: Programme, kindId: string, s: WorkflowState): boolean {
  return workflowStates(programme, kindId).some((x) => x.status === s.status && x.stageId === s.stageId);
}

export const terminalStatuses: readonly ApplicationStatus[] = ['awarded', 'rejected', 'withdrawn'];

/**
 * The first stage at or after `from` in `phase` whose skip rule does not hold; null when none is left.
 */
function firstStageFrom(
  programme: Programme,
  stages: Stage[],
  from: number,
  phase: Stage['phase'],
  facts: Facts,
  today: ChinaDate,
): { stage: Stage | null; skipped: SkippedStage[] } {
  const skipped: SkippedStage[] = [];
  for (let i = from; i < stages.length; i++) {
    const s = stages[i]!;
    if (s.phase !== phase) continue;
    if (s.skipWhen && skipApplies(programme, s.skipWhen, facts, today)) {
      skipped.push({ stageId: s.id, label: s.label, reason: s.skipWhen.reason });
      continue;
    }
    return { stage: s, skipped };
  }
  return { stage: null, skipped };
}

function roleText(role: Role): string {
  return roleLabels[role];
}

/** Round limits (seed 004 第十二条: 市级服务站每次认定不超过5家) are enforced when an application is approved. */
function roundLimitRefusal(programme: Programme, kindId: string, ctx: WorkflowContext): TransitionResult | null {
  const limits = evaluateLimits(programme, kindId, ctx.applicantFacts ?? {}, ctx.eligibility ?? {});
  const perRoundIds = new Set(programme.limits.filter((l) => l.type === 'perRound').map((l) => l.id));
  for (const l of limits.filter((x) => perRoundIds.has(x.id))) {
    if (l.status === 'not_met') return refuse('APPLICATION.ROUND_LIMIT', `${l.label}：${l.reason}`);
    if (l.status === 'unknown') return refuse('INPUT.INVALID', `无法核对认定数量上限：${l.reason}`);
  }
  return null;
}

function eligibilityRefusal(
  programme: Programme,
  kindId: string,
  ctx: WorkflowContext,
): { refusal: TransitionResult | null; result: EligibilityResult } {
  const result = checkEligibility(programme, kindId, ctx.applicantFacts ?? {}, { ...(ctx.eligibility ?? {}), now: ctx.now });
  const veto = result.blocking.find((b) => b.type === 'veto');
  if (veto) return { refusal: refuse('APPLICATION.VETO', `${veto.label}（${veto.clause}）`), result };
  const first = result.blocking[0];
  if (first) return { refusal: refuse('APPLICATION.INELIGIBLE', `不符合申报条件：${first.reason}（${first.clause}）`), result };
  return { refusal: null, result };
}

function materialsRefusal(programme: Programme, kindId: string, ctx: WorkflowContext): TransitionResult | null {
  if (!ctx.materials) return null;
  const check = checkMaterials(programme, kindId, ctx.materials);
  const issue = check.missing[0] ?? check.wrongType[0];
  return issue ? refuse('APPLICATION.MISSING_MATERIAL', issue.message) : null;
}

/** Which actions a state allows at all (before role and context checks). */
const actionsByStatus: Record<ApplicationStatus, readonly WorkflowActionType[]> = {
  draft: ['submit', 'withdraw'],
  in_review: ['pass', 'return', 'reject', 'withdraw'],
  returned: ['resubmit', 'withdraw'],
  publicity: ['endPublicity', 'reject', 'withdraw'],
  approved: ['award'],
  awarded: [],
  rejected: [],
  withdrawn: [],
};
/** 待公示 (in_review without a stage): every stage passed; publicity may start, or staff reject. */
const awaitingPublicityActions: readonly WorkflowActionType[] = ['startPublicity', 'reject', 'withdraw'];

function actionsOf(current: WorkflowState): readonly WorkflowActionType[] {
  return current.status === 'in_review' && current.stageId === null ? awaitingPublicityActions : actionsByStatus[current.status];
}

/** Chinese name of a state, e.g. "审核中：市科协实地考察", "待公示". */
export function stateLabel(programme: Programme, kindId: string, current: WorkflowState): string {
  const stage = stagesOf(programme, kindId).find((s) => s.id === current.stageId);
  if (current.status === 'in_review') return stage ? `审核中：${stage.label}` : '待公示';
  if (current.status === 'returned' && stage) return `退回修改（${stage.label}）`;
  return applicationStatusLabels[current.status];
}

/** The roles that may take `type` in `current`, and who that is in Chinese. */
function actingRoles(
  programme: Programme,
  kindId: string,
  current: WorkflowState,
  type: WorkflowActionType,
): { roles: readonly Role[]; who: string } {
  const kind = requireKind(programme, kindId);
  if (type === 'submit' || type === 'resubmit' || type === 'withdraw') return { roles: kind.applicantRoles, who: '申报单位' };
  if (type === 'award') return { roles: [programme.award.role], who: roleText(programme.award.role) };
  const stage = current.status === 'in_review' ? stagesOf(programme, kindId).find((s) => s.id === current.stageId) : undefined;
  if (stage) {
    return { roles: [stage.role], who: `${roleText(stage.role)}（${stage.label}）` };
  }
  // the publicity's role (a programme without publicity has no state that gets here)
  const role = programme.publicity?.role;
  return role ? { roles: [role], who: roleText(role) } : { roles: [], who: '公示' };
}

/** Actions `role` could take on an application in `current` (the context checks may still refuse). */
export function availableActions(programme: Programme, kindId: string, current: WorkflowState, role: Role): WorkflowActionType[] {
  if (!isValidState(programme, kindId, current)) return [];
  return actionsOf(current).filter((t) => actingRoles(programme, kindId, current, t).roles.includes(role));
}

export function transition(
  programme: Programme,
  kindId: string,
  current: WorkflowState,
  action: WorkflowAction,
  ctx: WorkflowContext,
): TransitionResult {
  if (!isValidState(programme, kindId, current)) {
    return refuse('APPLICATION.ILLEGAL_TRANSITION', `申报状态无效：${current.status}${current.stageId ? `/${current.stageId}` : ''}`);
  }
  const actionLabel = workflowActionLabels[action.type];
  if (!actionsOf(current).includes(action.type)) {
    return refuse('APPLICATION.ILLEGAL_TRANSITION', `“${stateLabel(programme, kindId, current)}”状态下不能${actionLabel}`);
  }
  const acting = actingRoles(programme, kindId, current, action.type);
  if (!acting.roles.includes(action.actorRole)) {
    return refuse('AUTH.FORBIDDEN', `${actionLabel}应由${acting.who}办理，${roleText(action.actorRole)}不能办理`);
  }

  const today = chinaDateOf(ctx.now);
  const facts = ctx.applicantFacts ?? {};
  const stages = stagesOf(programme, kindId);
  const effects = (extra: Partial<TransitionEffects> = {}): TransitionEffects => ({
    at: today,
    fromStageId: current.stageId,
    skippedStages: [],
    ...extra,
  });
  const hasApprovalStage = stages.some((s) => s.type === 'approval');
  /** Where an application goes once the stages of `phase` from index `from` are done. */
  const advance = (from: number, phase: Stage['phase'], extra: Partial<TransitionEffects> = {}): TransitionResult => {
    const { stage, skipped } = firstStageFrom(programme, stages, from, phase, facts, today);
    const done = effects({ ...extra, skippedStages: skipped });
    if (stage) return { ok: true, next: state('in_review', stage.id), effects: done };
    // with a publicity: 待公示; without one the last stage leads to the outcome directly
    if (phase === 'beforePublicity' && programme.publicity) return { ok: true, next: state('in_review'), effects: done };
    if (!hasApprovalStage) {
      const limit = roundLimitRefusal(programme, kindId, ctx);
      if (limit) return limit;
    }
    return { ok: true, next: state('approved'), effects: done };
  };

  switch (action.type) {
    case 'submit':
    case 'resubmit': {
      const { refusal, result } = eligibilityRefusal(programme, kindId, ctx);
      if (refusal) return refusal;
      const missing = materialsRefusal(programme, kindId, ctx);
      if (missing) return missing;
      if (action.type === 'resubmit') {
        // back to the stage that returned it
        return { ok: true, next: state('in_review', current.stageId), effects: effects({ eligibility: result }) };
      }
      return advance(0, 'beforePublicity', { eligibility: result });
    }
    case 'pass': {
      const index = stages.findIndex((s) => s.id === current.stageId);
      const stage = stages[index]!;
      if (stage.type === 'approval') {
        const limit = roundLimitRefusal(programme, kindId, ctx);
        if (limit) return limit;
      }
      const outcome = ctx.scoreOutcome?.stageId === stage.id ? ctx.scoreOutcome : undefined;
      // the bands decide: a total in a band that is not recognised is not awarded (the reason says why)
      if (outcome && !outcome.passes) {
        return { ok: true, next: state('rejected'), effects: effects({ reason: outcome.note, outcome }) };
      }
      return advance(index + 1, stage.phase, outcome ? { outcome } : {});
    }
    case 'return':
    case 'reject': {
      const reason = action.reason?.trim() ?? '';
      if (reason.length === 0) return refuse('INPUT.INVALID', `${actionLabel}须写明理由`);
      if (action.type === 'return') return { ok: true, next: state('returned', current.stageId), effects: effects({ reason }) };
      return { ok: true, next: state('rejected'), effects: effects({ reason }) };
    }
    case 'withdraw':
      return { ok: true, next: state('withdrawn'), effects: effects() };
    case 'startPublicity': {
      const start = action.startDate ?? today;
      if (!isValidChinaDate(start)) return refuse('INPUT.INVALID', `公示开始日期无效：${String(start)}`);
      if (start < today) return refuse('INPUT.INVALID', `公示开始日期不能早于今天（${today}）`);
      if (!ctx.calendar) return refuse('INPUT.INVALID', '缺少节假日日历');
      const period = publicityPeriod(programme, start, ctx.calendar);
      return {
        ok: true,
        next: state('publicity'),
        effects: effects({ publicityStart: period.start, publicityEnd: period.end, publicityNote: period.note }),
      };
    }
    case 'endPublicity': {
      if (!ctx.publicityEnd) return refuse('INPUT.INVALID', '缺少公示截止日期');
      if (!isPublicityOver(ctx.publicityEnd, today)) {
        return refuse('APPLICATION.PUBLICITY_NOT_OVER', `公示期至 ${ctx.publicityEnd} 止，尚未结束`);
      }
      if (ctx.objectionsOpen === undefined) return refuse('INPUT.INVALID', '缺少异议处理情况');
      if (ctx.objectionsOpen > 0) return refuse('APPLICATION.OBJECTION_OPEN', `尚有 ${ctx.objectionsOpen} 条异议未处理完毕`);
      return advance(0, 'afterPublicity');
    }
    case 'award':
      return { ok: true, next: state('awarded'), effects: effects() };
  }
}
