import type { ApplicationRow, ApplicationsApi, ReviewerCandidate, ScoreSheetView, StatusChange } from '../../../shared/api/applications';
import type { ParsedInputOf } from '../../../shared/api/define';
import { AppError } from '../../../shared/errors';
import { inputFields } from '../../../shared/forms';
import type { Programme } from '../../../shared/programmes';
import { cityUnitOf } from '../../../shared/rules/offer';
import { overseenUnits, reviewerServesCity, roleOverseesProgramme } from '../../../shared/rules/oversight';
import { type PendingKind, pendingOf } from '../../../shared/rules/permissions';
import { type ApplicantUnits, recusalOf } from '../../../shared/rules/recusal';
import { commentLabel, unknownCommentKeys } from '../../../shared/rules/review-comments';
import { answerIssues, bandOf, rubricFor, type ScoreOutcome, scoreOutcome, scoreSheet } from '../../../shared/rules/scoring';
import { stageIncomplete } from '../../../shared/rules/stage-completion';
import type { Role, RoleBinding } from '../../../shared/schemas/org';
import { requireSafeText } from '../../_kernel/content';
import type { Uses } from '../../_kernel/router';
import { loadOrgGraph, staffRoles } from '../../_kernel/scope';
import {
  type ApplicationDoc,
  type AssignmentDoc,
  assignmentId,
  type DecisionDoc,
  type ScoreDoc,
  scoreId,
} from '../../_kernel/store/applications';
import { newId } from '../../_kernel/store/audit';
import {
  actorId,
  expectState,
  factsOf,
  formOf,
  historyItem,
  keyOf,
  kindOf,
  loadApp,
  now,
  orgOf,
  overseeingBindings,
  programmeOf,
  staffRoleFor,
  stageOf,
  today,
} from './application-access';
import { step } from './engine';
import { rowOf } from './view';

type In<K extends keyof ApplicationsApi> = ParsedInputOf<ApplicationsApi[K]>;

// ───────────────────────── queue ─────────────────────────

/** The CAST units a staff binding sees: its own, and for city-level roles the counties under it. */

export async function queue(ctx: Uses<'store' | 'caller'>, input: In<'queue'>): Promise<ApplicationRow[]> {
  const roles = new Map<Role, Set<string>>();
  const graph = await loadOrgGraph(ctx.store);
  for (const b of ctx.caller.bindings) {
    if (!(staffRoles as readonly Role[]).includes(b.role)) continue;
    const set = roles.get(b.role) ?? new Set<string>();
    for (const u of overseenUnits(b, graph)) set.add(u);
    roles.set(b.role, set);
  }
  const units = [...new Set([...roles.values()].flatMap((s) => [...s]))];
  const filter = {
    castUnitIds: units,
    ...(input.programmeId ? { programmeId: input.programmeId } : {}),
    ...(input.roundId ? { roundId: input.roundId } : {}),
    ...(input.status ? { status: input.status } : {}),
    ...(input.stageId ? { stageId: input.stageId } : {}),
  };
  const apps = new Map<string, { app: ApplicationDoc; pending: PendingKind | null }>();
  if (units.length > 0) {
    for (const app of await ctx.store.applications.queue(filter, { limit: 200, skip: input.skip })) {
      // Drafts belong to the applicant until submitted.
      if (app.status === 'draft') continue;
      // oversight follows the programme's stages: a role it does not name (the talent office in the
      // capacity programmes) does not list its applications
      const programme = programmeOf(app.programmeId);
      const mine = new Map([...roles].filter(([role, units]) => roleOverseesProgramme(role, programme) && units.has(app.castUnitId)));
      if (mine.size === 0) continue;
      apps.set(app.id, { app, pending: pendingOf(programme, app, mine) });
    }
  }
  const me = ctx.caller.personId;
  if (me && ctx.caller.bindings.some((b) => b.role === 'reviewer')) {
    for (const a of await ctx.store.applications.assignmentsOf(me)) {
      const app = await ctx.store.applications.get(a.applicationId);
      if (!app || apps.has(app.id)) continue;
      if (input.programmeId && app.programmeId !== input.programmeId) continue;
      if (input.roundId && app.roundId !== input.roundId) continue;
      if (input.status && app.status !== input.status) continue;
      if (input.stageId && app.stageId !== input.stageId) continue;
      const scored = (await ctx.store.applications.reviewsOf(app.id)).some(
        (r) => r.type === 'score' && r.reviewerId === me && r.stageId === a.stageId,
      );
      apps.set(app.id, { app, pending: app.status === 'in_review' && app.stageId === a.stageId && !scored ? 'score' : null });
    }
  }
  const titles = new Map<string, string>();
  const rows: ApplicationRow[] = [];
  for (const { app, pending } of apps.values()) {
    if (input.actionableOnly && pending === null) continue;
    rows.push(await rowOf(ctx, app, pending !== null, titles, pending));
  }
  return rows.sort((a, b) => Number(b.actionable) - Number(a.actionable) || b.updatedAt - a.updatedAt);
}

// ───────────────────────── decisions ─────────────────────────

/** A return needs a reason the applicant can read: the comment, else the field (and material) comments listed. */
function returnReason(programme: Programme, app: ApplicationDoc, comment: string, fieldComments: Record<string, string>): string {
  if (comment.trim()) return comment.trim();
  const form = formOf(kindOf(programme, app.kindId));
  const labels = new Map(inputFields(form).map((p) => [p.field.key, p.field.name ?? p.field.label]));
  return Object.entries(fieldComments)
    .map(([k, v]) => `${commentLabel(programme, app.kindId, labels, k)}：${v}`)
    .join('；')
    .slice(0, 500);
}

export async function review(
  ctx: Uses<'store' | 'clock' | 'contentCheck' | 'log' | 'caller' | 'fn' | 'action'>,
  input: In<'review'>,
): Promise<StatusChange> {
  const app = await loadApp(ctx, input.applicationId);
  const programme = programmeOf(app.programmeId);
  const form = formOf(kindOf(programme, app.kindId));
  const type = input.decision;
  const role = await staffRoleFor(ctx, app, type);
  await requireSafeText(ctx, {
    comment: input.comment,
    ...Object.fromEntries(Object.entries(input.fieldComments).map(([k, v]) => [`fieldComments.${k}`, v])),
  });
  // A comment names a field of the form or a material the programme lists for the kind (material:<id>).
  const keys = new Set(inputFields(form).map((p) => p.field.key));
  const unknown = unknownCommentKeys(programme, app.kindId, keys, Object.keys(input.fieldComments));
  if (unknown.length > 0) {
    throw new AppError('INPUT.INVALID', undefined, {
      issues: unknown.map((u) => ({ path: `fieldComments.${u.key}`, message: u.message })),
    });
  }
  if (type !== 'return' && Object.keys(input.fieldComments).length > 0) {
    throw new AppError('INPUT.INVALID', undefined, { issues: [{ path: 'fieldComments', message: '逐项修改意见只用于退回修改' }] });
  }
  const reason =
    type === 'pass' ? undefined : type === 'return' ? returnReason(programme, app, input.comment, input.fieldComments) : input.comment;
  const me = actorId(ctx);
  // Names are read before the transaction (no query may run inside it).
  const reviewerNames = new Map(
    await Promise.all(app.reviewerIds.map(async (id) => [id, (await ctx.store.org.person(id))?.name ?? id] as const)),
  );
  // Score sheets of the current stage (a stage its staff score needs one before passing); sheets are never removed.
  const sheets =
    type === 'pass' ? (await ctx.store.applications.reviewsOf(app.id)).filter((r) => r.type === 'score' && r.stageId === app.stageId) : [];
  const stageScoreSheets = sheets.length;
  // Passing the scored stage of a rubric with bands: the sheets' band decides the outcome (shared/rules/scoring.ts).
  let outcome: ScoreOutcome | null = null;
  if (type === 'pass' && app.stageId !== null && app.stageId === programme.rubric.stageId) {
    const rubric = rubricFor(programme, app.kindId, factsOf(programme, app, await orgOf(ctx, app.applicant)), today(ctx));
    outcome = scoreOutcome(
      rubric,
      sheets.map((s) => (s.type === 'score' ? s.total : 0)),
    );
  }
  const out = await step(ctx, {
    applicationId: app.id,
    requestId: input.requestId,
    type,
    role,
    expected: input.expected,
    ...(reason !== undefined ? { reason } : {}),
    note: input.comment,
    // the outcome was read for the stage the application was at; a moved application is refused by `expected`
    context: async (cur) => (outcome && cur.stageId === outcome.stageId ? { scoreOutcome: outcome } : {}),
    check: async (cur, t) => {
      if (type !== 'pass') return;
      const stage = stageOf(programme, cur.kindId, cur.stageId);
      // Read: whose score sheets for a reviewer-scored stage are in. Decide: shared/rules/stage-completion.ts.
      const scoredBy = new Set<string>();
      if (stage?.scoredBy === 'reviewer')
        for (const r of cur.reviewerIds) if (await t.getReview(scoreId(cur.id, stage.id, r))) scoredBy.add(r);
      const open = stageIncomplete(programme, cur.kindId, stage, {
        checklist: input.checklist,
        reviewerIds: cur.reviewerIds,
        scoredBy,
        nameOf: (id) => reviewerNames.get(id) ?? id,
        stageScoreSheets: cur.stageId === app.stageId ? stageScoreSheets : 0,
      });
      if (open)
        throw new AppError(open.code ?? 'APPLICATION.REVIEW_INCOMPLETE', open.message, open.details ? { details: open.details } : {});
    },
    apply: async (cur, next, _effects, t) => {
      const decision: DecisionDoc = {
        id: newId('rv', next.updatedAt),
        type: 'decision',
        applicationId: cur.id,
        // decisions outside a stage: while awaiting publicity, or during it (an upheld objection)
        stageId: cur.stageId ?? (cur.status === 'publicity' ? 'publicity' : 'awaiting-publicity'),
        actorId: me,
        decision: type,
        comment: input.comment,
        fieldComments: input.fieldComments,
        checklist: input.checklist,
        at: next.updatedAt,
      };
      await t.insertReview(decision);
      if (type === 'return') next.fieldComments = input.fieldComments;
      if (type === 'pass') next.reviewerIds = [];
      return { reviewId: decision.id };
    },
  });
  return out.result;
}

// ───────────────────────── reviewers and scores ─────────────────────────

async function requireScoringStageStaff(ctx: Uses<'store' | 'caller'>, app: ApplicationDoc) {
  const programme = programmeOf(app.programmeId);
  const stage = stageOf(programme, app.kindId, app.stageId);
  const staff = await overseeingBindings(ctx, app);
  if (staff.length === 0) throw new AppError('AUTH.FORBIDDEN');
  if (app.status !== 'in_review' || !stage || stage.scoredBy !== 'reviewer') {
    throw new AppError('APPLICATION.ILLEGAL_TRANSITION', '当前环节不是专家评审，不能指派评审专家');
  }
  if (!staff.some((b) => b.role === stage.role)) throw new AppError('AUTH.FORBIDDEN', `指派评审专家应由${stage.label}的经办人员办理`);
  return { programme, stage };
}

/** The applicant's units for 回避: its society, host unit and their stations (shared/rules/recusal.ts). */
async function applicantUnitsOf(ctx: Uses<'store'>, app: ApplicationDoc): Promise<ApplicantUnits> {
  const { societyId, hostUnitId } = app.applicant;
  return {
    societyId,
    hostUnitId,
    stations: await ctx.store.applications.stationsOfApplicant({ societyId, hostUnitId, stationId: app.stationId }),
  };
}

/** Why this person must step aside from this application ('' when they need not): ALL their bindings count. */
async function recusalFor(ctx: Uses<'store'>, personId: string, units: ApplicantUnits): Promise<string> {
  const [person, bindings] = await Promise.all([ctx.store.org.person(personId), ctx.store.applications.bindingsOfPerson(personId)]);
  return recusalOf(person ?? { id: personId, societyId: null, hostUnitId: null }, bindings, units);
}

/** The reviewers serving the application's city (shared/rules/oversight.ts reviewerServesCity), by person. */
async function reviewersOfCity(ctx: Uses<'store'>, app: ApplicationDoc): Promise<Map<string, RoleBinding[]>> {
  const [all, units] = await Promise.all([ctx.store.applications.reviewerBindings(), ctx.store.org.castUnits()]);
  const city = cityUnitOf(app.castUnitId, new Map(units.map((u) => [u.id, u] as const)))?.id ?? null;
  return new Map([...all].filter(([, bindings]) => reviewerServesCity(bindings, city)));
}

export async function reviewerCandidates(ctx: Uses<'store' | 'caller'>, input: In<'reviewerCandidates'>): Promise<ReviewerCandidate[]> {
  const app = await loadApp(ctx, input.applicationId);
  // The reviewer pool is for the staff who assign reviewers (the expert-review stage's role), no one else.
  await requireScoringStageStaff(ctx, app);
  const byPerson = await reviewersOfCity(ctx, app);
  const units = await applicantUnitsOf(ctx, app);
  const out: ReviewerCandidate[] = [];
  for (const personId of byPerson.keys()) {
    const person = await ctx.store.org.person(personId);
    if (!person) continue;
    const reason = await recusalFor(ctx, personId, units);
    out.push({
      personId,
      name: person.name,
      title: person.title,
      conflict: reason !== '',
      conflictReason: reason,
      assigned: app.reviewerIds.includes(personId),
    });
  }
  return out.sort((a, b) => Number(a.conflict) - Number(b.conflict) || a.name.localeCompare(b.name, 'zh'));
}

export async function assignReviewers(
  ctx: Uses<'store' | 'clock' | 'caller' | 'fn' | 'action'>,
  input: In<'assignReviewers'>,
): Promise<StatusChange> {
  const app = await loadApp(ctx, input.applicationId);
  const { stage } = await requireScoringStageStaff(ctx, app);
  const byPerson = await reviewersOfCity(ctx, app);
  const units = await applicantUnitsOf(ctx, app);
  for (const [i, id] of input.reviewerIds.entries()) {
    const person = await ctx.store.org.person(id);
    if (!person || !byPerson.has(id))
      throw new AppError('INPUT.INVALID', undefined, { issues: [{ path: `reviewerIds.${i}`, message: '该人员不是评审专家' }] });
    const reason = await recusalFor(ctx, id, units);
    if (reason) {
      throw new AppError('APPLICATION.CONFLICT_OF_INTEREST', `${person.name}：${reason}`, {
        details: { reviewerId: id },
        issues: [{ path: `reviewerIds.${i}`, message: reason }],
      });
    }
  }
  const me = actorId(ctx);
  const t0 = now(ctx);
  const expected = input.expected ?? { status: app.status, stageId: app.stageId };
  const names = await Promise.all(input.reviewerIds.map(async (id) => (await ctx.store.org.person(id))?.name ?? id));
  return ctx.store.once(keyOf(ctx, input.requestId), t0, async (tx) => {
    const t = ctx.store.applications.tx(tx);
    const cur = await t.getApp(app.id);
    if (!cur) throw new AppError('NOT_FOUND', '找不到该申报');
    expectState(cur, expected);
    for (const old of cur.reviewerIds.filter((r) => !input.reviewerIds.includes(r))) {
      const doc = await t.getReview<AssignmentDoc>(assignmentId(cur.id, stage.id, old));
      if (doc) await t.putReview({ ...doc, active: false });
    }
    for (const r of input.reviewerIds) {
      const doc: AssignmentDoc = {
        id: assignmentId(cur.id, stage.id, r),
        type: 'assignment',
        applicationId: cur.id,
        stageId: stage.id,
        reviewerId: r,
        assignedBy: me,
        at: t0,
        active: true,
      };
      await t.putReview(doc);
    }
    const next: ApplicationDoc = {
      ...cur,
      reviewerIds: input.reviewerIds,
      version: cur.version + 1,
      updatedAt: t0,
      history: [
        ...cur.history,
        historyItem(t0, me, 'assignReviewers', cur.status, cur.status, stage.id, `指派评审专家：${names.join('、')}`),
      ],
    };
    await t.putApp(next);
    await t.audit({
      at: t0,
      actorId: me,
      action: 'application.assignReviewers',
      entity: 'application',
      entityId: cur.id,
      before: { reviewerIds: cur.reviewerIds },
      after: { reviewerIds: next.reviewerIds },
      reason: '',
    });
    return { applicationId: cur.id, status: next.status, stageId: next.stageId, version: next.version };
  });
}

export async function score(ctx: Uses<'store' | 'clock' | 'caller' | 'fn' | 'action'>, input: In<'score'>): Promise<ScoreSheetView> {
  const app = await loadApp(ctx, input.applicationId);
  const programme = programmeOf(app.programmeId);
  const stage = stageOf(programme, app.kindId, app.stageId);
  if (app.status !== 'in_review' || !stage || programme.rubric.stageId !== stage.id) {
    throw new AppError('APPLICATION.ILLEGAL_TRANSITION', '当前环节不评分');
  }
  const me = actorId(ctx);
  if (stage.scoredBy === 'reviewer') {
    if (!ctx.caller.bindings.some((b) => b.role === 'reviewer') || !app.reviewerIds.includes(me))
      throw new AppError('AUTH.FORBIDDEN', '您不是本申报的评审专家');
    // 回避 again at scoring: a tie that arose after assignment (a new binding) still disqualifies.
    const reason = await recusalFor(ctx, me, await applicantUnitsOf(ctx, app));
    if (reason) throw new AppError('APPLICATION.CONFLICT_OF_INTEREST', `您与该申报单位存在利益关系（${reason}），不能评分`);
  } else if (!(await overseeingBindings(ctx, app)).some((b) => b.role === stage.role)) {
    throw new AppError('AUTH.FORBIDDEN');
  }
  // The rubric for this applicant (shared/rules/scoring.ts): every item within its maximum and on its
  // step; where the rule suggests points from the facts (and this scorer's staff answers), other points
  // need a reason. The total is computed here.
  const d = today(ctx);
  const facts = factsOf(programme, app, await orgOf(ctx, app.applicant));
  const rubric = rubricFor(programme, app.kindId, facts, d);
  const answers = input.answers ?? {};
  const answerProblems = answerIssues(programme, rubric, answers);
  const sheet = scoreSheet(programme, input.items, { rubric, facts: { ...facts, ...answers }, today: d });
  if (!sheet.complete || answerProblems.length > 0) {
    throw new AppError('INPUT.INVALID', undefined, {
      issues: [
        ...answerProblems.map((i) => ({ path: `answers.${i.itemId}`, message: i.message })),
        ...sheet.issues.map((i) => {
          const at = input.items.findIndex((x) => x.itemId === i.itemId);
          return { path: at >= 0 ? `items.${at}.points` : 'items', message: i.message };
        }),
      ],
    });
  }
  const total = sheet.total;
  const band = bandOf(rubric, total);
  const t0 = now(ctx);
  const expected = { status: app.status, stageId: app.stageId };
  const name = (await ctx.store.org.person(me))?.name ?? me;
  return ctx.store.once(keyOf(ctx, input.requestId), t0, async (tx) => {
    const t = ctx.store.applications.tx(tx);
    const cur = await t.getApp(app.id);
    if (!cur) throw new AppError('NOT_FOUND', '找不到该申报');
    expectState(cur, expected);
    if (stage.scoredBy === 'reviewer' && !cur.reviewerIds.includes(me)) throw new AppError('AUTH.FORBIDDEN', '您不是本申报的评审专家');
    const id = scoreId(cur.id, stage.id, me);
    const before = await t.getReview<ScoreDoc>(id);
    const doc: ScoreDoc = {
      id: id,
      type: 'score',
      applicationId: cur.id,
      stageId: stage.id,
      reviewerId: me,
      items: input.items,
      ...(input.answers ? { answers: input.answers } : {}),
      total,
      at: t0,
    };
    await t.putReview(doc);
    await t.putApp({
      ...cur,
      version: cur.version + 1,
      updatedAt: t0,
      history: [
        ...cur.history,
        historyItem(t0, me, 'score', cur.status, cur.status, stage.id, `评分 ${total} 分${band ? `（${band.label}）` : ''}`),
      ],
    });
    await t.audit({
      at: t0,
      actorId: me,
      action: 'application.score',
      entity: 'application',
      entityId: cur.id,
      before: before ? { items: before.items, answers: before.answers ?? null, total: before.total } : null,
      after: { items: doc.items, answers: doc.answers ?? null, total },
      reason: '',
    });
    return { reviewerId: me, reviewerName: name, stageId: stage.id, items: input.items, total, at: t0 };
  });
}
