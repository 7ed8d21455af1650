import type { StatusChange } from '../../../shared/api/applications';
import { AppError } from '../../../shared/errors';
import type { Facts } from '../../../shared/programmes';
import { isRecognition, levelOfFacts, limitCounts, quotaChanges, societyLimitRefusal } from '../../../shared/rules/limits';
import {
  type ApplicationStatus,
  applicationStatusLabels,
  type TransitionEffects,
  transition,
  type WorkflowActionType,
  type WorkflowContext,
} from '../../../shared/rules/workflow';
import type { Role } from '../../../shared/schemas/org';
import type { Uses } from '../../_kernel/router';
import { type ApplicationDoc, type AppTx, roundQuotaId, societyQuotaId } from '../../_kernel/store/applications';
import {
  actorId,
  expectState,
  factsOf,
  historyItem,
  keyOf,
  orgOf,
  pinRoundVersion,
  programmeOf,
  readLimitContext,
} from './application-access';

/**
 * One workflow step, end to end: the pure transition of shared/rules/workflow.ts decides, this
 * writes. Everything that must hold together happens in one transaction, re-reading by id:
 *  - the application is still in the state the person acted on (else CONFLICT.STATE),
 *  - the round quota and the society quota are read and, when the step recognises the application
 *    (the approval stage, or approval itself when the programme has no approval stage), the limits
 *    are checked and the application is counted — so the 6th city-level station of a round is
 *    refused even when two are approved at the same moment,
 *  - quotas are released when an application is rejected or withdrawn,
 *  - the history line and the audit event are written with the change.
 * Idempotent by the request id (store/idempotency.ts).
 */
export interface StepArgs {
  applicationId: string;
  requestId: string;
  type: WorkflowActionType;
  role: Role;
  /** the state the person acted on; defaults to the state read before the transaction */
  expected?: { status: ApplicationStatus; stageId: string | null } | undefined;
  reason?: string;
  note?: string;
  /** extra workflow context read in the transaction (objections, publicity end …) */
  context?: (cur: ApplicationDoc, t: AppTx) => Promise<Partial<WorkflowContext>>;
  /** extra checks in the transaction, once the workflow allows the step (and before any write) */
  check?: (cur: ApplicationDoc, t: AppTx) => Promise<void>;
  /** shape the new document and write related documents, after the transition succeeded; what it returns is answered too */
  apply?: (cur: ApplicationDoc, next: ApplicationDoc, effects: TransitionEffects, t: AppTx) => Promise<Record<string, unknown> | undefined>;
  auditReason?: string;
}

/** What a step answers (and what the request record keeps for a retry): small, never the whole document. */
export interface StepResult {
  result: StatusChange;
  effects: Omit<TransitionEffects, 'eligibility'>;
  extra: Record<string, unknown>;
}

export async function step(ctx: Uses<'store' | 'clock' | 'caller' | 'fn' | 'action'>, args: StepArgs): Promise<StepResult> {
  const pre = await ctx.store.applications.get(args.applicationId);
  if (!pre) throw new AppError('NOT_FOUND', '找不到该申报');
  await pinRoundVersion(ctx, pre.roundId);
  const programme = programmeOf(pre.programmeId);
  const org = await orgOf(ctx, pre.applicant);
  const limits = await readLimitContext(ctx, pre);
  const me = actorId(ctx);
  const t0 = ctx.clock.now();
  const expected = args.expected ?? { status: pre.status, stageId: pre.stageId };

  return ctx.store.once(keyOf(ctx, args.requestId), t0, async (tx) => {
    const t = ctx.store.applications.tx(tx);
    const cur = await t.getApp(args.applicationId);
    if (!cur) throw new AppError('NOT_FOUND', '找不到该申报');
    expectState(cur, expected);

    const facts: Facts = factsOf(programme, cur, org);
    const roundQuota = await t.getQuota(roundQuotaId(cur.roundId, cur.kindId));
    const societyQuota = cur.applicant.societyId ? await t.getQuota(societyQuotaId(cur.applicant.societyId)) : { id: '', entries: [] };
    const eligibility = limitCounts(cur.id, limits.round?.quotas ?? null, roundQuota, societyQuota, limits.stations, limits.sanctions);
    const more = args.context ? await args.context(cur, t) : {};
    const result = transition(
      programme,
      cur.kindId,
      { status: cur.status, stageId: cur.stageId },
      { type: args.type, actorRole: args.role, ...(args.reason !== undefined ? { reason: args.reason } : {}) },
      { now: t0, applicantFacts: facts, eligibility, ...more },
    );
    if (!result.ok) throw new AppError(result.code, result.reason);
    // The definition allows the step for this role in this state; now what this step itself needs.
    if (args.check) await args.check(cur, t);

    const recognised = isRecognition(programme, cur.kindId, cur, args.type, result.next.status);
    // 第七条(七): the workflow checks round limits at approval; the per-society limit is checked here, atomically.
    const overSocietyLimit = recognised ? societyLimitRefusal(programme, cur.kindId, facts, eligibility) : null;
    if (overSocietyLimit) throw new AppError('APPLICATION.ROUND_LIMIT', overSocietyLimit);

    const fromStatus = cur.status;
    const next: ApplicationDoc = {
      ...cur,
      status: result.next.status,
      stageId: result.next.stageId,
      version: cur.version + 1,
      updatedAt: t0,
      history: [
        ...cur.history,
        ...result.effects.skippedStages.map((s) =>
          historyItem(t0, me, 'skipped', fromStatus, result.next.status, s.stageId, `${s.label}：${s.reason}`),
        ),
        historyItem(
          t0,
          me,
          args.type,
          fromStatus,
          result.next.status,
          cur.stageId ?? result.next.stageId,
          // the band reached (and, when not awarded, why) is recorded with the step that decided it
          [args.note ?? args.reason ?? '', result.effects.outcome?.note ?? ''].filter((x) => x.length > 0).join('；'),
        ),
      ],
    };
    const extra = (args.apply ? await args.apply(cur, next, result.effects, t) : undefined) ?? {};

    const quotas = quotaChanges(
      programme,
      { id: cur.id, kindId: cur.kindId, societyId: cur.applicant.societyId },
      { recognised, nextStatus: next.status, level: levelOfFacts(facts), at: t0 },
      { round: roundQuota, society: societyQuota },
    );
    if (quotas.round) await t.putQuota({ ...roundQuota, entries: quotas.round });
    // A society quota is only ever changed for an applicant with a society, so it was read by its id.
    if (quotas.society) await t.putQuota({ ...societyQuota, entries: quotas.society });

    await t.putApp(next);
    await t.audit({
      at: t0,
      actorId: me,
      action: `application.${args.type}`,
      entity: 'application',
      entityId: cur.id,
      before: { status: cur.status, stageId: cur.stageId, version: cur.version },
      after: { status: next.status, stageId: next.stageId, version: next.version, ...(recognised ? { countedAgainstLimits: true } : {}) },
      reason: (args.auditReason ?? args.reason ?? result.effects.outcome?.note ?? '').slice(0, 500),
    });
    const { eligibility: _checked, ...effects } = result.effects;
    return { result: transitionResult(next), effects, extra };
  });
}

export const transitionResult = (app: ApplicationDoc): StatusChange => ({
  applicationId: app.id,
  status: app.status,
  stageId: app.stageId,
  version: app.version,
});

export const statusText = (s: ApplicationStatus) => applicationStatusLabels[s];
