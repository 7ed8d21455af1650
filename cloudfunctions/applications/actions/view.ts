import type {
  ApplicationRow,
  ApplicationsApi,
  ApplicationView,
  FactValue,
  PublicityView,
  RoundView,
  StageView,
} from '../../../shared/api/applications';
import type { ParsedInputOf } from '../../../shared/api/define';
import { AppError } from '../../../shared/errors';
import { type Programme, stagesOf } from '../../../shared/programmes';
import { applicantHistory } from '../../../shared/rules/applicant-history';
import { isPublicityOver } from '../../../shared/rules/cycle';
import { roundOfCities } from '../../../shared/rules/offer';
import { type PendingKind, permissionsOf } from '../../../shared/rules/permissions';
import { stageNeedsStaffScore } from '../../../shared/rules/review-comments';
import { bandOf, rubricFor, rubricView } from '../../../shared/rules/scoring';
import { formalChecklist } from '../../../shared/rules/stage-completion';
import { applicationStatusLabels, stateLabel } from '../../../shared/rules/workflow';
import { roleLabels } from '../../../shared/schemas/org';
import type { Uses } from '../../_kernel/router';
import { callerRoundUnits } from '../../_kernel/scope';
import type { ApplicationDoc, AssignmentDoc, DecisionDoc, RoundDoc, ScoreDoc } from '../../_kernel/store/applications';
import { applicantBinding, factsOf, kindOf, loadApp, orgOf, overseeingBindings, programmeOf, stageOf, today } from './application-access';

type In<K extends keyof ApplicationsApi> = ParsedInputOf<ApplicationsApi[K]>;

export function roundView(ctx: Uses<'clock'>, r: RoundDoc): RoundView {
  const d = today(ctx);
  return {
    id: r.id,
    programmeId: r.programmeId,
    title: r.title,
    opensOn: r.opensOn,
    closesOn: r.closesOn,
    open: d >= r.opensOn && d <= r.closesOn,
    year: r.year ?? Number(r.opensOn.slice(0, 4)),
    quotas: { ...r.quotas },
  };
}

/** Names of persons, for history and lists (one read each, cached per call). */
export function nameCache(ctx: Uses<'store'>) {
  const cache = new Map<string, Promise<string>>();
  return (id: string | null): Promise<string> => {
    if (!id) return Promise.resolve('');
    let p = cache.get(id);
    if (!p) {
      p = ctx.store.org.person(id).then((x) => x?.name ?? id);
      cache.set(id, p);
    }
    return p;
  };
}

export async function applicantName(
  ctx: Uses<'store'>,
  app: Pick<ApplicationDoc, 'applicant'>,
): Promise<{ societyName: string; hostUnitName: string; display: string }> {
  const [society, host] = await Promise.all([
    app.applicant.societyId ? ctx.store.org.society(app.applicant.societyId) : null,
    app.applicant.hostUnitId ? ctx.store.org.hostUnit(app.applicant.hostUnitId) : null,
  ]);
  const societyName = society?.name ?? '';
  const hostUnitName = host?.name ?? '';
  return { societyName, hostUnitName, display: app.applicant.type === 'hostUnit' ? hostUnitName || societyName : societyName };
}

/** "审核中：市科协实地考察", "待公示", "公示中" … (workflow.stateLabel) */
function stageLabel(programme: Programme, app: Pick<ApplicationDoc, 'kindId' | 'stageId' | 'status'>): string {
  return stateLabel(programme, app.kindId, { status: app.status, stageId: app.stageId });
}

export function publicityView(app: ApplicationDoc, d: string): PublicityView | null {
  if (!app.publicity) return null;
  const p = app.publicity;
  return { ...p, over: isPublicityOver(p.endDate, d) };
}

/**
 * Who may read an application: its applicant, staff overseeing its unit, reviewers assigned to it.
 * A draft never submitted belongs to the applicant alone (as in the queue and the round export).
 */
export async function readerRoles(ctx: Uses<'store' | 'caller'>, app: ApplicationDoc) {
  const programme = programmeOf(app.programmeId);
  const asApplicant = await applicantBinding(ctx, kindOf(programme, app.kindId), app.applicant);
  const draft = app.status === 'draft';
  const staff = draft ? [] : await overseeingBindings(ctx, app);
  const me = ctx.caller.personId;
  let reviewer = false;
  if (!draft && me && ctx.caller.bindings.some((b) => b.role === 'reviewer')) {
    reviewer = (await ctx.store.applications.assignmentsOf(me)).some((a) => a.applicationId === app.id);
  }
  if (!asApplicant && staff.length === 0 && !reviewer) throw new AppError('AUTH.FORBIDDEN');
  return { asApplicant, staff, reviewer };
}

export async function get(ctx: Uses<'store' | 'clock' | 'caller'>, input: In<'get'>): Promise<ApplicationView> {
  const app = await loadApp(ctx, input.applicationId);
  return buildView(ctx, app);
}

export async function buildView(ctx: Uses<'store' | 'clock' | 'caller'>, app: ApplicationDoc): Promise<ApplicationView> {
  const { asApplicant, staff, reviewer } = await readerRoles(ctx, app);
  const insider = staff.length > 0 || reviewer;
  const programme = programmeOf(app.programmeId);
  const kind = kindOf(programme, app.kindId);
  const name = nameCache(ctx);
  const d = today(ctx);
  const [round, names, reviews, objections] = await Promise.all([
    ctx.store.applications.round(app.roundId),
    applicantName(ctx, app),
    ctx.store.applications.reviewsOf(app.id),
    insider ? ctx.store.applications.objectionsOf(app.id) : Promise.resolve([]),
  ]);
  const materials = new Map(programme.materials.map((m) => [m.id, m.label]));
  const passed = new Set(app.history.filter((h) => h.action === 'pass').map((h) => h.stageId));
  const skipped = new Map(app.history.filter((h) => h.action === 'skipped').map((h) => [h.stageId, h.note]));
  const stages: StageView[] = stagesOf(programme, app.kindId).map((s) => {
    const current = app.stageId === s.id && (app.status === 'in_review' || app.status === 'returned');
    return {
      id: s.id,
      label: s.label,
      role: s.role,
      roleLabel: roleLabels[s.role],
      phase: s.phase,
      state: current ? 'current' : skipped.has(s.id) ? 'skipped' : passed.has(s.id) ? 'done' : 'todo',
      note: skipped.get(s.id) ?? '',
    };
  });
  const decisions = reviews.filter((r): r is DecisionDoc => r.type === 'decision');
  const scores = reviews.filter((r): r is ScoreDoc => r.type === 'score');
  const assignments = reviews.filter((r): r is AssignmentDoc => r.type === 'assignment' && r.active && r.stageId === app.stageId);
  const stage = stageOf(programme, app.kindId, app.stageId);
  const can = permissionsOf(programme, app, ctx.caller, staff, asApplicant);
  // Expert scores and reviewer names are for staff and the panel, not for the applicant.
  const visibleScores = insider ? scores : [];
  // the rubric for this applicant's type, each computed item with its suggestion (shared/rules/scoring.ts)
  const scoreFacts = insider ? factsOf(programme, app, await orgOf(ctx, app.applicant)) : {};
  const rubric = rubricFor(programme, app.kindId, scoreFacts, d);
  return {
    id: app.id,
    programmeId: app.programmeId,
    programmeTitle: programme.title,
    kindId: app.kindId,
    kindLabel: kind.label,
    roundId: app.roundId,
    roundTitle: round?.title ?? '',
    formId: app.formId,
    applicant: { ...app.applicant, societyName: names.societyName, hostUnitName: names.hostUnitName },
    castUnitId: app.castUnitId,
    values: app.values,
    facts: app.facts as Record<string, FactValue>,
    version: app.version,
    status: app.status,
    statusLabel: applicationStatusLabels[app.status],
    stageId: app.stageId,
    stageLabel: stageLabel(programme, app),
    stages,
    attachments: app.attachments.map((a) => ({ ...a, materialLabel: materials.get(a.materialId) ?? a.materialId })),
    fieldComments: app.fieldComments,
    // An applicant reads a redacted projection (issue 11, finding 3): no reviewer names, scores or objections.
    history: insider
      ? await Promise.all(app.history.map(async (h) => ({ ...h, actorName: await name(h.actorId) })))
      : applicantHistory(programme, app.kindId, app.history),
    reviews: await Promise.all(
      decisions.map(async (r) => {
        const { type: _t, ...rest } = r;
        return {
          ...rest,
          actorName: insider ? await name(r.actorId) : '',
          stageLabel: stageOf(programme, app.kindId, r.stageId)?.label ?? r.stageId,
        };
      }),
    ),
    reviewers: insider
      ? await Promise.all(
          assignments.map(async (a) => ({
            id: a.reviewerId,
            name: await name(a.reviewerId),
            scored: scores.some((s) => s.reviewerId === a.reviewerId && s.stageId === a.stageId),
          })),
        )
      : [],
    scoreSheets: await Promise.all(
      visibleScores.map(async (s) => ({
        reviewerId: s.reviewerId,
        reviewerName: await name(s.reviewerId),
        stageId: s.stageId,
        items: s.items,
        ...(s.answers ? { answers: s.answers } : {}),
        total: s.total,
        band: bandOf(rubric, s.total)?.label ?? null,
        at: s.at,
      })),
    ),
    rubric: insider ? rubricView(programme, app.kindId, scoreFacts, d) : null,
    checklist: stage?.type === 'formalReview' && app.status === 'in_review' ? formalChecklist(programme, app.kindId) : [],
    publicity: publicityView(app, d),
    objections: await Promise.all(
      objections.map(async (o) => {
        return { ...o, filedByName: await name(o.filedBy) };
      }),
    ),
    stationId: app.stationId,
    submittedAt: app.submittedAt,
    createdAt: app.createdAt,
    updatedAt: app.updatedAt,
    can,
    scoreRequired: app.status === 'in_review' && stageNeedsStaffScore(programme, stage),
    today: d,
  };
}

// ───────────────────────── lists ─────────────────────────

export async function rowOf(
  ctx: Uses<'store'>,
  app: ApplicationDoc,
  actionable: boolean,
  roundTitles: Map<string, string>,
  pending: PendingKind | null = null,
): Promise<ApplicationRow> {
  const programme = programmeOf(app.programmeId);
  const kind = kindOf(programme, app.kindId);
  if (!roundTitles.has(app.roundId)) roundTitles.set(app.roundId, (await ctx.store.applications.round(app.roundId))?.title ?? '');
  const names = await applicantName(ctx, app);
  return {
    id: app.id,
    programmeId: app.programmeId,
    programmeTitle: programme.title,
    kindId: app.kindId,
    kindLabel: kind.label,
    roundId: app.roundId,
    roundTitle: roundTitles.get(app.roundId) ?? '',
    applicantName: names.display,
    societyName: names.societyName,
    hostUnitName: names.hostUnitName,
    title: app.title,
    status: app.status,
    statusLabel: applicationStatusLabels[app.status],
    stageId: app.stageId,
    stageLabel: stageLabel(programme, app),
    actionable,
    pending,
    submittedAt: app.submittedAt,
    updatedAt: app.updatedAt,
    version: app.version,
  };
}

export async function mine(ctx: Uses<'store' | 'caller'>): Promise<ApplicationRow[]> {
  const seen = new Map<string, ApplicationDoc>();
  for (const b of ctx.caller.bindings) {
    let hostUnitId = b.scope.hostUnitId ?? undefined;
    if (!hostUnitId && b.scope.stationId) hostUnitId = (await ctx.store.org.station(b.scope.stationId))?.hostUnitId ?? undefined;
    const by = { ...(b.scope.societyId ? { societyId: b.scope.societyId } : {}), ...(hostUnitId ? { hostUnitId } : {}) };
    if (!by.societyId && !by.hostUnitId) continue;
    for (const app of await ctx.store.applications.ofApplicant(by)) seen.set(app.id, app);
  }
  const titles = new Map<string, string>();
  const rows: ApplicationRow[] = [];
  for (const app of seen.values()) {
    const kind = kindOf(programmeOf(app.programmeId), app.kindId);
    const b = await applicantBinding(ctx, kind, app.applicant);
    if (!b) continue;
    rows.push(await rowOf(ctx, app, app.status === 'draft' || app.status === 'returned', titles));
  }
  return rows.sort((a, b) => b.updatedAt - a.updatedAt);
}

export async function rounds(ctx: Uses<'store' | 'clock' | 'caller'>, input: In<'rounds'>): Promise<RoundView[]> {
  // the rounds of the caller's cities only (issue 13, item 5: shared/rules/offer.ts roundOfCities), and
  // a district programme's rounds to its county and that county's city (issue 16 item 4)
  const units = await callerRoundUnits(ctx.store, ctx.caller);
  return (await ctx.store.applications.rounds(input.programmeId)).filter((r) => roundOfCities(r, units)).map((r) => roundView(ctx, r));
}
