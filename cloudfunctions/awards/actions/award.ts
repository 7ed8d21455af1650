import {
  type AwardList,
  type AwardRow,
  type AwardStatus,
  type AwardsApi,
  type AwardView,
  awardStatusLabels,
  type BudgetVersionView,
} from '../../../shared/api/awards';
import type { ParsedInputOf } from '../../../shared/api/define';
import { chinaDateOf } from '../../../shared/calendar/china-time';
import { AppError, type FieldIssue } from '../../../shared/errors';
import { getProgramme } from '../../../shared/programmes';
import { expenseCategories, isExpenseCategoryId } from '../../../shared/programmes/expense-categories';
import { type DeciderRole, postAwardRoleLabels } from '../../../shared/programmes/post-award';
import { pinProgramme } from '../../../shared/programmes/registry';
import type { ApplicationKind, Programme } from '../../../shared/programmes/schema';
import { asIssued, overseeingBinding, overseenBy, roleOverseesProgramme, staffRoles } from '../../../shared/rules/oversight';
import { agreementStatusLabel, agreementStepAllowed, cycleEnd, cycleYearsOf } from '../../../shared/rules/post-award/agreement';
import {
  amountDecider,
  awardedOnOf,
  checkAwardAmount,
  executionText,
  hasAwardFile,
  isStationKind,
} from '../../../shared/rules/post-award/award';
import {
  budgetDecider,
  budgetDiff,
  budgetInForce,
  budgetPending,
  budgetStatusLabels,
  budgetStepAllowed,
  categoryGroups,
  lineKind,
  totalFen,
} from '../../../shared/rules/post-award/budget';
import { type AwardDoc, awardIdOf, type Decision } from '../../../shared/schemas/awards';
import type { Role, RoleBinding } from '../../../shared/schemas/org';
import type { Uses } from '../../_kernel/router';
import type { ApplicationDoc } from '../../_kernel/store/applications';
import { requestKey } from '../../_kernel/store/idempotency';
import type { Tx } from '../../_kernel/store/tx';

/**
 * The award file (issue 14, helper AWARD): who may see and act on an award, the file created on the
 * first open of an awarded application, the hub view, the list, and the amount staff set. The rules
 * are in shared/rules/post-award/{award,agreement,budget}.ts; nothing here branches on a programme.
 */

type In<K extends keyof AwardsApi> = ParsedInputOf<AwardsApi[K]>;

// ───────────────────────── programme, kind, roles ─────────────────────────

export function programmeOf(id: string, version?: number): Programme {
  if (version !== undefined) pinProgramme(id, `v${version}`);
  const p = getProgramme(id);
  if (!p) throw new AppError('NOT_FOUND', '找不到该项目');
  return asIssued(p);
}
export function kindOf(programme: Programme, kindId: string): ApplicationKind {
  const k = programme.kinds.find((x) => x.id === kindId);
  if (!k) throw new AppError('NOT_FOUND', '该项目没有这个类别');
  return k;
}
/** A decider role as it resolves for the issuing unit: a district's programme is decided by that county's staff. */
export const issuedRole = (programme: Pick<Programme, 'scope'>, role: DeciderRole): Role =>
  programme.scope?.level === 'district' && role === 'cityStaff' ? 'countyStaff' : role;

/** Staff roles that read a programme's awards: its oversight chain, and the finance bureau (reads, decides nothing). */
const readsAwards = (role: Role, programme: Programme): boolean => role === 'financeBureau' || roleOverseesProgramme(role, programme);

async function castUnitGraph(ctx: Uses<'store'>) {
  const units = await ctx.store.org.castUnits();
  return { castUnits: new Map(units.map((u) => [u.id, { id: u.id, parentId: u.parentId, kind: u.kind }])) };
}

/** The caller's binding acting for the awarded applicant (its secretary / host-unit contact), or null. */
export function applicantBindingOf(ctx: Uses<'caller'>, kind: ApplicationKind, applicant: AwardDoc['applicant']): RoleBinding | null {
  for (const b of ctx.caller.bindings) {
    if (!kind.applicantRoles.includes(b.role)) continue;
    if (applicant.type === 'society' && applicant.societyId && b.scope.societyId === applicant.societyId) return b;
    if (applicant.type === 'hostUnit' && applicant.hostUnitId && b.scope.hostUnitId === applicant.hostUnitId) return b;
  }
  return null;
}

export interface Access {
  side: 'applicant' | 'staff';
  /** the applicant's binding (applicant side) */
  applicant: RoleBinding | null;
  /** the caller's staff bindings that oversee the award's CAST unit for this programme */
  staff: RoleBinding[];
}
/** Who the caller is for this award; AUTH.FORBIDDEN when neither its applicant nor overseeing staff. */
export async function accessOf(
  ctx: Uses<'store' | 'caller'>,
  doc: Pick<AwardDoc, 'castUnitId' | 'applicant' | 'kindId'>,
  programme: Programme,
): Promise<Access> {
  const applicant = applicantBindingOf(ctx, kindOf(programme, doc.kindId), doc.applicant);
  const graph = await castUnitGraph(ctx);
  const staff = ctx.caller.bindings.filter(
    (b) => readsAwards(b.role, programme) && overseeingBinding([b], doc.castUnitId, graph, staffRoles) !== null,
  );
  if (!applicant && staff.length === 0) throw new AppError('AUTH.FORBIDDEN');
  return { side: applicant ? 'applicant' : 'staff', applicant, staff };
}
export const canDecide = (a: Access, programme: Programme, role: DeciderRole | null): boolean =>
  role !== null && a.staff.some((b) => b.role === issuedRole(programme, role));
export function requireDecider(a: Access, programme: Programme, role: DeciderRole | null): RoleBinding {
  const b = role === null ? undefined : a.staff.find((x) => x.role === issuedRole(programme, role));
  if (!b) throw new AppError('AUTH.FORBIDDEN');
  return b;
}
export function requireApplicantSide(a: Access): RoleBinding {
  if (!a.applicant) throw new AppError('AUTH.FORBIDDEN');
  return a.applicant;
}

export function actorOf(ctx: Uses<'caller'>): string {
  if (!ctx.caller.personId) throw new AppError('AUTH.FORBIDDEN');
  return ctx.caller.personId;
}

// ───────────────────────── the file ─────────────────────────

/** Why an application has no award file here (Chinese), or null when it has one. */
function notAnAwardFile(app: ApplicationDoc, programme: Programme, kind: ApplicationKind): string | null {
  if (app.status !== 'awarded') return '该申报尚未获得立项（授予），没有项目执行档案';
  if (isStationKind(kind) && !hasAwardFile(programme)) return '服务站按服务站管理办法执行，不设任务书和预算';
  if (!hasAwardFile(programme)) return '本项目授予后无须填写任务书和预算';
  return null;
}

/** The award file for an application as it is first created (pure from the application and its round). */
export function newAwardFile(app: ApplicationDoc, programmeVersion: string | undefined, now: number): AwardDoc {
  const v = programmeVersion && /^v\d+$/.test(programmeVersion) ? Number(programmeVersion.slice(1)) : undefined;
  return {
    id: awardIdOf(app.id),
    applicationId: app.id,
    programmeId: app.programmeId,
    ...(v !== undefined ? { programmeVersion: v } : {}),
    kindId: app.kindId,
    castUnitId: app.castUnitId,
    applicant: { type: app.applicant.type, societyId: app.applicant.societyId, hostUnitId: app.applicant.hostUnitId },
    title: app.title.slice(0, 200),
    awardedOn: awardedOnOf(app) ?? chinaDateOf(app.updatedAt),
    amountFen: null,
    amountReason: '',
    agreement: null,
    budgets: [],
    receiptProofs: [],
    revision: 1,
    createdAt: now,
    updatedAt: now,
  };
}

/** Load an award file (pinning its programme version); by award id, or by application id creating it on first open. */
export async function openAward(
  ctx: Uses<'store' | 'caller' | 'clock'>,
  by: { awardId?: string | undefined; applicationId?: string | undefined },
): Promise<{ doc: AwardDoc; programme: Programme; access: Access }> {
  const awardId = by.awardId ?? awardIdOf(by.applicationId!);
  const stored = await ctx.store.awards.get(awardId);
  if (stored) {
    const programme = programmeOf(stored.programmeId, stored.programmeVersion);
    return { doc: stored, programme, access: await accessOf(ctx, stored, programme) };
  }
  const applicationId = by.applicationId ?? (awardId.startsWith('aw_') ? awardId.slice(3) : '');
  const app = applicationId ? await ctx.store.applications.get(applicationId) : null;
  if (!app) throw new AppError('NOT_FOUND', '找不到该项目');
  const round = await ctx.store.applications.round(app.roundId);
  if (round?.programmeVersion) pinProgramme(app.programmeId, round.programmeVersion);
  const programme = programmeOf(app.programmeId);
  const kind = kindOf(programme, app.kindId);
  // who asks is checked before anything is said about the application
  const access = await accessOf(
    ctx,
    {
      castUnitId: app.castUnitId,
      kindId: app.kindId,
      applicant: { type: app.applicant.type, societyId: app.applicant.societyId, hostUnitId: app.applicant.hostUnitId },
    },
    programme,
  );
  const why = notAnAwardFile(app, programme, kind);
  if (why) throw new AppError('AWARD.NOT_AWARDED', why);
  const doc = await ctx.store.awards.create(newAwardFile(app, round?.programmeVersion, ctx.clock.now()), actorOf(ctx));
  return { doc, programme, access };
}

/** Fen amounts the kind pays: is there an amount to set at all? */
const paysAmount = (kind: ApplicationKind) =>
  kind.funding.type === 'capPerYear' || kind.funding.type === 'roundConfigured' || kind.funding.type === 'firstAwardThenFraction';

/** Where the award stands: the first step not done (amount → agreement → budget), else running. */
export function awardStatus(doc: AwardDoc, programme: Programme): AwardStatus {
  const pa = programme.postAward;
  const kind = programme.kinds.find((k) => k.id === doc.kindId);
  if (kind && paysAmount(kind) && pa?.budget && doc.amountFen === null) return 'amount';
  if (pa?.agreement && doc.agreement?.status !== 'accepted') return 'agreement';
  if (pa?.budget && !budgetInForce(doc.budgets)) return 'budget';
  return 'running';
}

/** What the caller may do now on this award. */
export function capabilities(doc: AwardDoc, programme: Programme, a: Access): AwardView['can'] {
  const pa = programme.postAward;
  const kind = kindOf(programme, doc.kindId);
  const applicant = a.applicant !== null;
  const pending = budgetPending(doc.budgets);
  const inForce = budgetInForce(doc.budgets);
  const agreement = pa?.agreement;
  const budget = pa?.budget;
  return {
    setAmount: paysAmount(kind) && inForce === null && canDecide(a, programme, amountDecider(programme)),
    editAgreement: applicant && !!agreement && agreementStepAllowed(agreement, doc.agreement, 'save').ok,
    decideAgreement:
      !!agreement &&
      canDecide(a, programme, agreement.decidedBy) &&
      (agreementStepAllowed(agreement, doc.agreement, 'approve').ok || agreementStepAllowed(agreement, doc.agreement, 'return').ok),
    editBudget: applicant && !!budget && budgetStepAllowed(budget, doc.budgets, 'save').ok,
    decideBudget: !!budget && pending?.status === 'submitted' && canDecide(a, programme, budgetDecider(budget, pending, doc.budgets)),
    proposeChange: applicant && !!budget && budgetStepAllowed(budget, doc.budgets, 'proposeChange').ok,
    export: !!agreement,
  };
}

function actionable(doc: AwardDoc, programme: Programme, a: Access): boolean {
  const c = capabilities(doc, programme, a);
  const status = awardStatus(doc, programme);
  if (a.applicant)
    return (
      (status === 'agreement' && c.editAgreement) ||
      (status === 'budget' && c.editBudget && budgetPending(doc.budgets)?.status !== 'submitted')
    );
  return (status === 'amount' && c.setAmount) || c.decideAgreement || c.decideBudget;
}

async function applicantNameOf(ctx: Uses<'store'>, applicant: AwardDoc['applicant']): Promise<string> {
  if (applicant.type === 'society' && applicant.societyId) return (await ctx.store.org.society(applicant.societyId))?.name ?? '';
  if (applicant.hostUnitId) return (await ctx.store.org.hostUnit(applicant.hostUnitId))?.name ?? '';
  return '';
}

function fundingText(kind: ApplicationKind): string {
  const f = kind.funding;
  switch (f.type) {
    case 'capPerYear':
      return `由科协核定，不超过 ${f.capYuan.toLocaleString('en-US')} 元（${f.clause}）`;
    case 'roundConfigured':
      return `按年度确定的资助额度核定（${f.clause}）`;
    case 'firstAwardThenFraction':
      return `首次奖建资金按年度确定；第 2—${f.cycleYears} 年经考核合格，每年按首次金额的 ${f.laterNumerator}/${f.laterDenominator} 资助（${f.clause}）`;
    case 'byLevel':
      return `按服务站级别资助（${f.clause}）`;
    case 'none':
      return `不设资助资金${f.clause ? `（${f.clause}）` : ''}`;
  }
}

const catLabel = (id: string) => (isExpenseCategoryId(id) ? expenseCategories[id] : id);

/** The hub view of an award for this caller. */
export async function viewOf(ctx: Uses<'store'>, doc: AwardDoc, programme: Programme, a: Access): Promise<AwardView> {
  const kind = kindOf(programme, doc.kindId);
  const pa = programme.postAward;
  const names = new Map<string, string>();
  const nameOf = async (id: string) => {
    if (!names.has(id)) names.set(id, (await ctx.store.org.person(id))?.name ?? '科协工作人员');
    return names.get(id)!;
  };
  // who decided: staff read their colleague's name; the applicant reads the deciding role only (as in applications)
  const decisionView = async (d: Decision | null, role: DeciderRole | null) =>
    d
      ? { byName: a.side === 'staff' ? await nameOf(d.by) : role ? postAwardRoleLabels[role] : '科协', at: d.at, comment: d.comment }
      : null;
  const budgets: BudgetVersionView[] = [];
  for (const [i, v] of doc.budgets.entries()) {
    const before = budgetInForce(doc.budgets.slice(0, i));
    budgets.push({
      version: v.version,
      status: v.status,
      statusLabel: budgetStatusLabels[v.status],
      changeReason: v.changeReason,
      submittedAt: v.submittedAt,
      decision: await decisionView(v.decision, pa?.budget ? budgetDecider(pa.budget, v, doc.budgets) : null),
      lines: v.lines.map((l) => ({ ...l, categoryLabel: catLabel(l.categoryId), kind: lineKind(programme, l.categoryId) })),
      totalFen: totalFen(v.lines),
      diff: before ? budgetDiff(before.lines, v.lines) : [],
    });
  }
  const inForce = budgetInForce(doc.budgets);
  const pending = budgetPending(doc.budgets);
  const groups = categoryGroups(programme);
  const asOptions = (ids: string[]) => ids.map((id) => ({ id, label: catLabel(id) }));
  const w = { awardedOn: doc.awardedOn, cycleYears: cycleYearsOf(programme.cycle.cycleYears) };
  const status = awardStatus(doc, programme);
  return {
    id: doc.id,
    applicationId: doc.applicationId,
    programmeId: doc.programmeId,
    programmeTitle: programme.title,
    kindLabel: kind.label,
    title: doc.title,
    applicantName: await applicantNameOf(ctx, doc.applicant),
    castUnitId: doc.castUnitId,
    awardedOn: doc.awardedOn,
    cycleYears: w.cycleYears,
    cycleEnd: cycleEnd(w),
    executionText: executionText(programme, doc.budgets, cycleEnd(w)),
    amountFen: doc.amountFen,
    amountReason: doc.amountReason,
    amountRule: fundingText(kind),
    status,
    statusLabel: awardStatusLabels[status],
    agreementRule: pa?.agreement ?? null,
    agreement:
      pa?.agreement && doc.agreement
        ? {
            status: doc.agreement.status,
            statusLabel: agreementStatusLabel(pa.agreement, doc.agreement),
            answers: doc.agreement.answers,
            submittedAt: doc.agreement.submittedAt,
            decision: await decisionView(doc.agreement.decision, pa.agreement.decidedBy),
          }
        : null,
    budgetRule: pa?.budget ?? null,
    budgets,
    inForce: inForce ? doc.budgets.indexOf(inForce) : -1,
    pending: pending ? doc.budgets.indexOf(pending) : -1,
    categories: { allowed: asOptions(groups.allowed), forbidden: asOptions(groups.forbidden), others: asOptions(groups.others) },
    forbiddenClause: programme.expenses?.forbidden.clause ?? '',
    allowedClause: programme.expenses?.allowed.clause ?? '',
    can: capabilities(doc, programme, a),
    changeRefusal:
      pa?.budget && inForce && !pending
        ? (() => {
            const r = budgetStepAllowed(pa.budget, doc.budgets, 'proposeChange');
            return r.ok ? null : r.reason;
          })()
        : null,
    side: a.side,
    revision: doc.revision,
  };
}

// ───────────────────────── writing ─────────────────────────

/**
 * One write to an award: idempotent by requestId, authorised and validated on the stored file, then
 * re-read inside one transaction (refused with CONFLICT.VERSION when the file moved since the caller
 * read it), replaced at the next revision, audited with before and after.
 */
export async function writeAward(
  ctx: Uses<'store' | 'caller' | 'clock' | 'fn' | 'action'>,
  input: { awardId: string; requestId: string; revision: number },
  audit: string,
  /** authorise the caller (throws AUTH.FORBIDDEN); runs before any validation */
  authorise: (doc: AwardDoc, programme: Programme, a: Access) => void,
  /** the next file from the current one, or a refusal (AppError); pure */
  change: (doc: AwardDoc, programme: Programme, now: number, actorId: string) => AwardDoc,
  reason = '',
): Promise<{ id: string; revision: number }> {
  const key = requestKey(ctx, input.requestId);
  const again = await ctx.store.replay<{ id: string; revision: number }>(key);
  if (again) return again;
  const { doc, programme, access } = await openAward(ctx, { awardId: input.awardId });
  authorise(doc, programme, access);
  const actorId = actorOf(ctx);
  const now = ctx.clock.now();
  if (doc.revision !== input.revision) throw new AppError('CONFLICT.VERSION');
  // validated once before the transaction (a refusal writes nothing, not even the request key)
  change(doc, programme, now, actorId);
  return ctx.store.once(
    key,
    now,
    async (tx: Tx) => {
      const cur = await ctx.store.awards.getTx(tx, doc.id);
      if (!cur || cur.revision !== input.revision) throw new AppError('CONFLICT.VERSION');
      const next = { ...change(cur, programme, now, actorId), revision: cur.revision + 1, updatedAt: now };
      await ctx.store.awards.put(tx, next, cur, { actorId, now, action: audit, reason });
      return { id: next.id, revision: next.revision };
    },
    { replayed: true },
  );
}

export const refuse = (code: 'AWARD.STEP_NOT_ALLOWED', reason: string) => new AppError(code, reason);
export const invalid = (
  code: 'AWARD.AMOUNT_REFUSED' | 'AWARD.AGREEMENT_INCOMPLETE' | 'AWARD.BUDGET_REFUSED' | 'INPUT.INVALID',
  issues: FieldIssue[],
) => new AppError(code, undefined, { issues });

// ───────────────────────── actions ─────────────────────────

export async function getAward(ctx: Uses<'store' | 'caller' | 'clock'>, input: In<'get'>): Promise<AwardView> {
  const { doc, programme, access } = await openAward(ctx, input);
  return viewOf(ctx, doc, programme, access);
}

export async function setAmount(ctx: Uses<'store' | 'caller' | 'clock' | 'fn' | 'action'>, input: In<'setAmount'>) {
  return writeAward(
    ctx,
    input,
    'award.setAmount',
    (_doc, programme, a) => {
      requireDecider(a, programme, amountDecider(programme));
    },
    (doc, programme) => {
      if (budgetInForce(doc.budgets)) throw refuse('AWARD.STEP_NOT_ALLOWED', '预算已批复，核定金额不能再修改');
      const check = checkAwardAmount(kindOf(programme, doc.kindId), input.amount);
      if (!check.ok) throw invalid('AWARD.AMOUNT_REFUSED', [{ path: 'amount', message: check.reason }]);
      return { ...doc, amountFen: input.amount, amountReason: input.reason };
    },
    input.reason,
  );
}

/** The awards the caller may see. */
export async function listAwards(ctx: Uses<'store' | 'caller'>, input: In<'list'>): Promise<AwardList> {
  const apps = new Map<string, ApplicationDoc>();
  const applicantSide = ctx.caller.bindings.some((b) => b.role === 'secretary' || b.role === 'hostContact');
  for (const b of ctx.caller.bindings) {
    if (b.role === 'secretary' && b.scope.societyId)
      for (const a of await ctx.store.applications.ofApplicant({ societyId: b.scope.societyId })) apps.set(a.id, a);
    if (b.role === 'hostContact' && b.scope.hostUnitId)
      for (const a of await ctx.store.applications.ofApplicant({ hostUnitId: b.scope.hostUnitId })) apps.set(a.id, a);
  }
  const graph = await castUnitGraph(ctx);
  const units = [...overseenBy(ctx.caller.bindings, staffRoles, graph)];
  if (units.length > 0) {
    for (let skip = 0; ; skip += 100) {
      const page = await ctx.store.applications.queue(
        { castUnitIds: units, status: 'awarded', ...(input.programmeId ? { programmeId: input.programmeId } : {}) },
        { limit: 100, skip },
      );
      for (const a of page) apps.set(a.id, a);
      if (page.length < 100) break;
    }
  }
  const awarded = [...apps.values()].filter((a) => a.status === 'awarded' && (!input.programmeId || a.programmeId === input.programmeId));
  const files = await ctx.store.awards.byIds(awarded.map((a) => awardIdOf(a.id)));
  const rounds = new Map<string, string | undefined>();
  const items: AwardRow[] = [];
  const seenProgrammes = new Map<string, string>();
  for (const app of awarded) {
    if (!rounds.has(app.roundId)) rounds.set(app.roundId, (await ctx.store.applications.round(app.roundId))?.programmeVersion);
    const v = rounds.get(app.roundId);
    if (v) pinProgramme(app.programmeId, v);
    const programme = getProgramme(app.programmeId);
    if (!programme) continue;
    const kind = programme.kinds.find((k) => k.id === app.kindId);
    if (!kind || notAnAwardFile(app, programme, kind)) continue;
    const doc = files.get(awardIdOf(app.id)) ?? newAwardFile(app, v, app.updatedAt);
    let access: Access;
    try {
      access = await accessOf(ctx, doc, programme);
    } catch {
      continue;
    }
    if (applicantSide && !access.applicant && units.length === 0) continue;
    seenProgrammes.set(programme.id, programme.title);
    const status = awardStatus(doc, programme);
    const year = Number(doc.awardedOn.slice(0, 4));
    if (input.year !== undefined && year !== input.year) continue;
    if (input.status !== undefined && status !== input.status) continue;
    items.push({
      id: doc.id,
      applicationId: app.id,
      programmeId: programme.id,
      programmeTitle: programme.title,
      kindLabel: kind.label,
      title: doc.title,
      applicantName: await applicantNameOf(ctx, doc.applicant),
      awardedOn: doc.awardedOn,
      year,
      amountFen: doc.amountFen,
      status,
      statusLabel: awardStatusLabels[status],
      actionable: actionable(doc, programme, access),
    });
  }
  items.sort((x, y) => Number(y.actionable) - Number(x.actionable) || (x.awardedOn < y.awardedOn ? 1 : x.awardedOn > y.awardedOn ? -1 : 0));
  return {
    items,
    programmes: [...seenProgrammes.entries()].map(([id, title]) => ({ id, title })),
    side: units.length > 0 ? 'staff' : 'applicant',
  };
}
