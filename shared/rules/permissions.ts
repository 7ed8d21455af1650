import { type Programme, stagesOf } from '../programmes/schema';
import type { Application } from '../schemas/application';
import type { RoleBinding } from '../schemas/org';
import { availableActions, type WorkflowActionType } from './workflow';

/** What the caller may do with an application now (the page shows exactly these buttons). */
export interface Permissions {
  edit: boolean;
  submit: boolean;
  withdraw: boolean;
  /** the stage review workspace (pass or return at the caller's stage) */
  review: boolean;
  /** each decision on its own: during 待公示 / 公示中 only a rejection is possible, never pass or return */
  pass: boolean;
  returnForRevision: boolean;
  reject: boolean;
  assignReviewers: boolean;
  score: boolean;
  startPublicity: boolean;
  fileObjection: boolean;
  resolveObjection: boolean;
  closePublicity: boolean;
  award: boolean;
  exportRound: boolean;
}

type Binding = Pick<RoleBinding, 'role'>;

/**
 * From the programme definition (workflow.availableActions) and the caller's bindings: as the
 * applicant (`asApplicant`), as staff overseeing the application's unit (`staff`), and as a reviewer
 * assigned at a reviewer-scored stage. The stage's own role assigns reviewers (and scores a stage
 * staff score themselves); the publicity's role files and resolves objections; any overseeing staff exports.
 */
export function permissionsOf(
  programme: Programme,
  app: Pick<Application, 'kindId' | 'status' | 'stageId' | 'reviewerIds'>,
  caller: { personId: string | null; bindings: readonly Binding[] },
  staff: readonly Binding[],
  asApplicant: Binding | null,
): Permissions {
  const state = { status: app.status, stageId: app.stageId };
  const can = (role: Binding['role'], t: WorkflowActionType) => availableActions(programme, app.kindId, state, role).includes(t);
  const staffCan = (t: WorkflowActionType) => staff.some((b) => can(b.role, t));
  const stage = app.stageId ? (stagesOf(programme, app.kindId).find((s) => s.id === app.stageId) ?? null) : null;
  const stageStaff = stage !== null && app.status === 'in_review' && staff.some((b) => b.role === stage.role);
  const me = caller.personId;
  const assigned = me !== null && app.reviewerIds.includes(me) && caller.bindings.some((b) => b.role === 'reviewer');
  const scoringStage = stage !== null && app.status === 'in_review' && programme.rubric.stageId === stage.id;
  return {
    edit: asApplicant !== null && (app.status === 'draft' || app.status === 'returned'),
    submit: asApplicant !== null && (can(asApplicant.role, 'submit') || can(asApplicant.role, 'resubmit')),
    withdraw: asApplicant !== null && can(asApplicant.role, 'withdraw'),
    review: staffCan('pass') || staffCan('return'),
    pass: staffCan('pass'),
    returnForRevision: staffCan('return'),
    reject: staffCan('reject'),
    assignReviewers: stageStaff && stage?.scoredBy === 'reviewer',
    score: scoringStage && (stage?.scoredBy === 'reviewer' ? assigned : stageStaff),
    startPublicity: staffCan('startPublicity'),
    fileObjection: app.status === 'publicity' && staff.some((b) => b.role === programme.publicity?.role),
    resolveObjection: app.status === 'publicity' && staff.some((b) => b.role === programme.publicity?.role),
    closePublicity: staffCan('endPublicity'),
    award: staffCan('award'),
    exportRound: staff.length > 0,
  };
}

/**
 * What a piece of pending work is, for the staff home's counts (待我审核 N, 待分配 N …) and the queue's tags:
 * review — pass or return at the caller's stage; assign — a reviewer-scored stage without reviewers;
 * score — a reviewer's sheet not yet in; publicity — start or close the publicity; award — 授牌.
 */
export type PendingKind = 'review' | 'assign' | 'score' | 'publicity' | 'award';
/* Chinese labels: miniprogram/src/components/review/pending.ts (the app must not import this module: workflow → holiday calendar). */

/**
 * Could a staff member holding these roles (each over these CAST units) act on the application now —
 * the queue's "待我处理" — and as what? Withdrawing is the applicant's, never staff work; rejecting
 * during the publicity (an upheld objection) is no pending work by itself.
 */
export function pendingOf(
  programme: Programme,
  app: Pick<Application, 'kindId' | 'status' | 'stageId' | 'castUnitId'> & Partial<Pick<Application, 'reviewerIds'>>,
  roles: ReadonlyMap<Binding['role'], ReadonlySet<string>>,
): PendingKind | null {
  const stage = app.stageId ? (stagesOf(programme, app.kindId).find((s) => s.id === app.stageId) ?? null) : null;
  let found: PendingKind | null = null;
  for (const [role, units] of roles) {
    if (!units.has(app.castUnitId)) continue;
    const acts = availableActions(programme, app.kindId, { status: app.status, stageId: app.stageId }, role).filter(
      (a) => a !== 'withdraw',
    );
    if (acts.length === 0) continue;
    if (acts.includes('pass') || acts.includes('return'))
      return stage?.scoredBy === 'reviewer' && (app.reviewerIds ?? []).length === 0 ? 'assign' : 'review';
    if (acts.includes('award')) found = 'award';
    else if (acts.includes('startPublicity') || acts.includes('endPublicity')) found = found ?? 'publicity';
    // a state where the only staff action is a rejection is not pending (publicity running — nothing due)
  }
  return found;
}

/** pendingOf, as a yes/no (the queue's "待我处理"). */
export function actionableByStaff(
  programme: Programme,
  app: Pick<Application, 'kindId' | 'status' | 'stageId' | 'castUnitId'> & Partial<Pick<Application, 'reviewerIds'>>,
  roles: ReadonlyMap<Binding['role'], ReadonlySet<string>>,
): boolean {
  return pendingOf(programme, app, roles) !== null;
}
