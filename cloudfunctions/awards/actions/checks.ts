import type { AwardsApi } from '../../../shared/api/awards';
import {
  type CheckQueue,
  type CheckQueueFilter,
  type CheckRow,
  type CheckSaved,
  type CheckSide,
  type ChecksOfAward,
  type CheckView,
  checkFileTypes,
  checkQueueFilters,
} from '../../../shared/api/awards-checks';
import type { ParsedInputOf } from '../../../shared/api/define';
import { AppError, type FieldIssue } from '../../../shared/errors';
import type { Programme } from '../../../shared/programmes';
import { type CheckRule, postAwardRoleLabels } from '../../../shared/programmes/post-award';
import { uploadFolderOf } from '../../../shared/rules/files';
import {
  type CheckStep,
  checkCounts,
  checkPublicity,
  checkStatusLabels,
  checkStepRefusal,
  checkUrgency,
  checkWaitLabels,
  checkWaitsFor,
  missingOpinions,
  opinionSlotsFor,
} from '../../../shared/rules/post-award/checks';
import type { AwardDoc, CheckDoc } from '../../../shared/schemas/awards';
import type { FileRef } from '../../../shared/schemas/common';
import type { Role } from '../../../shared/schemas/org';
import { requireSafeText } from '../../_kernel/content';
import { cleanFileName, storeUpload, usableFile } from '../../_kernel/files';
import type { Uses } from '../../_kernel/router';
import { requestKey } from '../../_kernel/store/idempotency';
import {
  checkQueueReaders,
  checkStaffReaders,
  isApplicantSide,
  type LoadedCheck,
  loadAward,
  loadCheck,
  materialiseChecks,
  opinionRolesOf,
  overseeingIn,
  overseenUnitsOf,
  programmeOfAward,
  requireCheckSide,
  ruleOf,
  todayOf,
} from './checks-access';

/**
 * The checks of an award (issue 14 item 2): read → decide (shared/rules/post-award/checks.ts) → write
 * (store.checks, one transaction, audited, once per request id). The applicant attaches materials
 * per item and submits; opinion givers record theirs (the finance bureau only the opinions named for
 * it); the rule's decider passes, fails or returns — refused while a required opinion is missing; a
 * passed check the programme publicises runs its publicity over the holiday calendar, during which
 * staff record objections and decide them (upheld → the check counts as failed).
 */

type In<K extends keyof AwardsApi> = ParsedInputOf<AwardsApi[K]>;
type ReadCtx = Uses<'store' | 'clock' | 'caller'>;
type WriteCtx = Uses<'store' | 'clock' | 'caller' | 'fn' | 'action' | 'contentCheck' | 'log'>;

const typeLabels: Record<CheckRule['type'], string> = {
  midTerm: '中期检查',
  final: '总结验收',
  yearly: '年度考核',
  completion: '结项验收',
};
const stepRefused = (message: string) => new AppError('CHECK.STEP_NOT_ALLOWED', message);
const invalid = (issues: FieldIssue[]) => new AppError('INPUT.INVALID', undefined, { issues });

// ───────────────────────── views ─────────────────────────

interface Names {
  applicant: Map<string, string>;
}

async function applicantNames(ctx: Uses<'store'>, awards: readonly AwardDoc[]): Promise<Map<string, string>> {
  const socIds = [...new Set(awards.map((a) => a.applicant.societyId).filter((x): x is string => !!x))];
  const huIds = [...new Set(awards.map((a) => a.applicant.hostUnitId).filter((x): x is string => !!x))];
  const [socs, hus] = await Promise.all([
    socIds.length ? ctx.store.reports.societiesByIds(socIds) : Promise.resolve(new Map()),
    huIds.length ? ctx.store.reports.hostUnitsByIds(huIds) : Promise.resolve(new Map()),
  ]);
  const out = new Map<string, string>();
  for (const a of awards) {
    const unit = a.applicant.societyId ? socs.get(a.applicant.societyId) : a.applicant.hostUnitId ? hus.get(a.applicant.hostUnitId) : null;
    out.set(a.id, unit?.name ?? '');
  }
  return out;
}

/** Does the caller (on this side, with these opinion roles / decider) have a step on it now? */
function isMine(doc: CheckDoc, rule: CheckRule, side: CheckSide, opinionRoles: readonly Role[], decides: boolean, today: string): boolean {
  if (side === 'applicant') return doc.status === 'pending' || doc.status === 'returned';
  if (doc.status !== 'submitted')
    return decides && checkWaitsFor(doc, rule, today) === 'publicity' && doc.objections.some((o) => !o.decision);
  const open = missingOpinions(rule, doc.opinions);
  if (opinionSlotsFor({ opinions: open }, opinionRoles).length > 0) return true;
  return decides && open.length === 0;
}

function rowOf(
  doc: CheckDoc,
  award: AwardDoc,
  programme: Programme,
  names: Names,
  today: string,
  mine: (doc: CheckDoc, rule: CheckRule) => boolean,
): CheckRow {
  const rule = ruleOf(programme, doc.checkId);
  const wait = checkWaitsFor(doc, rule, today);
  return {
    id: doc.id,
    awardId: award.id,
    awardTitle: award.title,
    applicantName: names.applicant.get(award.id) ?? '',
    programmeId: programme.id,
    programmeTitle: programme.title,
    checkId: doc.checkId,
    label: rule.label,
    clause: rule.clause,
    year: doc.year,
    yearLabel: rule.due.type === 'yearly' ? `第 ${doc.year} 年` : '',
    dueDate: doc.dueDate,
    status: doc.status,
    statusLabel: checkStatusLabels[doc.status],
    wait,
    waitLabel: checkWaitLabels[wait],
    urgency: checkUrgency(doc, today),
    counts: checkCounts(doc, rule, today),
    publicityEnd: doc.publicity?.end ?? null,
    mine: mine(doc, rule),
  };
}

/** Does the caller decide this check (a binding of the rule's decider role overseeing the award)? */
const decides = async (ctx: Uses<'store' | 'caller'>, award: AwardDoc, rule: CheckRule) =>
  !!(await overseeingIn(ctx, award, [rule.decidedBy]));

export async function listChecks(ctx: ReadCtx, input: In<'listChecks'>): Promise<ChecksOfAward> {
  const award = await loadAward(ctx, input.awardId);
  const side = await requireCheckSide(ctx, award);
  const programme = programmeOfAward(award);
  const { docs, notYet } = await materialiseChecks(ctx, award, programme);
  const today = todayOf(ctx);
  const names: Names = { applicant: await applicantNames(ctx, [award]) };
  const roles = side === 'applicant' ? [] : await opinionRolesOf(ctx, award);
  const deciderOf = new Map<string, boolean>();
  for (const r of programme.postAward?.checks ?? []) deciderOf.set(r.id, side === 'staff' && (await decides(ctx, award, r)));
  const items = docs
    .map((d) =>
      rowOf(d, award, programme, names, today, (doc, rule) => isMine(doc, rule, side, roles, deciderOf.get(rule.id) ?? false, today)),
    )
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.year - b.year);
  return {
    awardId: award.id,
    title: award.title,
    programmeTitle: programme.title,
    side,
    items,
    notYet: notYet.map((n) => ({ checkId: n.rule.id, label: n.rule.label, year: n.year, reason: n.reason })),
  };
}

const inFilter = (row: CheckRow, f: CheckQueueFilter): boolean => {
  switch (f) {
    case 'all':
      return true;
    case 'overdue':
      return row.urgency === 'overdue';
    case 'dueSoon':
      return row.urgency === 'dueSoon';
    case 'opinion':
      return row.wait === 'opinions';
    case 'decision':
      return row.wait === 'decision';
    case 'publicity':
      return row.wait === 'publicity';
  }
};

/** Staff and the finance bureau: every check of the awards they oversee (materialised first), by due date. */
export async function checkQueue(ctx: ReadCtx, input: In<'checkQueue'>): Promise<CheckQueue> {
  const units = await overseenUnitsOf(ctx, checkQueueReaders);
  const finance = !ctx.caller.bindings.some((b) => (checkStaffReaders as readonly Role[]).includes(b.role));
  let awards = await ctx.store.awards.ofCastUnits(units);
  if (input.programmeId) awards = awards.filter((a) => a.programmeId === input.programmeId);
  const stored = await ctx.store.checks.ofCastUnits(units);
  const byAward = new Map<string, CheckDoc[]>();
  for (const d of stored) byAward.set(d.awardId, [...(byAward.get(d.awardId) ?? []), d]);
  const today = todayOf(ctx);
  const names: Names = { applicant: await applicantNames(ctx, awards) };
  const rows: CheckRow[] = [];
  for (const award of awards) {
    const programme = programmeOfAward(award);
    if ((programme.postAward?.checks.length ?? 0) === 0) continue;
    const { docs } = await materialiseChecks(ctx, award, programme, byAward.get(award.id) ?? []);
    const roles = await opinionRolesOf(ctx, award);
    const deciderOf = new Map<string, boolean>();
    for (const r of programme.postAward?.checks ?? []) deciderOf.set(r.id, !finance && (await decides(ctx, award, r)));
    for (const d of docs) {
      rows.push(
        rowOf(d, award, programme, names, today, (doc, rule) => isMine(doc, rule, 'staff', roles, deciderOf.get(rule.id) ?? false, today)),
      );
    }
  }
  rows.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.awardTitle.localeCompare(b.awardTitle));
  const counts = Object.fromEntries(checkQueueFilters.map((f) => [f, rows.filter((r) => inFilter(r, f)).length])) as Record<
    CheckQueueFilter,
    number
  >;
  return { filter: input.filter, items: rows.filter((r) => inFilter(r, input.filter)), counts };
}

export async function getCheck(ctx: ReadCtx, input: In<'getCheck'>): Promise<CheckView> {
  const { doc, award, programme, rule } = await loadCheck(ctx, input.checkId);
  const side = await requireCheckSide(ctx, award);
  const today = todayOf(ctx);
  const roles = side === 'applicant' ? [] : await opinionRolesOf(ctx, award);
  const decider = side === 'staff' && (await decides(ctx, award, rule));
  const names: Names = { applicant: await applicantNames(ctx, [award]) };
  const personIds = [
    ...doc.opinions.map((o) => o.by),
    ...(doc.outcome ? [doc.outcome.by] : []),
    ...doc.objections.flatMap((o) => (o.decision ? [o.decision.by] : [])),
    ...doc.returns.map((r) => r.by),
  ];
  const persons = personIds.length ? await ctx.store.reports.personsByIds([...new Set(personIds)]) : new Map();
  const nameOf = (id: string) => persons.get(id)?.name ?? '';
  const allowed = (step: CheckStep) => checkStepRefusal(doc, rule, step, today) === null;
  const open = missingOpinions(rule, doc.opinions);
  const row = rowOf(doc, award, programme, names, today, (d, r) => isMine(d, r, side, roles, decider, today));
  return {
    ...row,
    typeLabel: typeLabels[rule.type],
    decidedByLabel: postAwardRoleLabels[rule.decidedBy],
    note: rule.note ?? '',
    revision: doc.revision,
    side,
    uploadFolder: side === 'applicant' ? uploadFolderOf('attachment', fileTarget(award).targetId) : '',
    materials: rule.materials.map((m) => ({ id: m.id, label: m.label, required: m.required, files: doc.materials[m.id] ?? [] })),
    opinions: rule.opinions.map((o) => {
      const g = doc.opinions.find((x) => x.opinionId === o.id);
      return {
        id: o.id,
        label: o.label,
        roleLabel: postAwardRoleLabels[o.role],
        given: g ? { passed: g.passed, text: g.text, byName: nameOf(g.by), at: g.at } : null,
      };
    }),
    outcome: doc.outcome
      ? {
          passed: doc.outcome.passed,
          reasons: doc.outcome.reasons,
          byName: nameOf(doc.outcome.by),
          at: doc.outcome.at,
          decidedOn: doc.outcome.decidedOn,
        }
      : null,
    publicity: doc.publicity ? { ...doc.publicity, over: today > doc.publicity.end } : null,
    objections: doc.objections.map((o, index) => ({
      index,
      text: o.text,
      receivedOn: o.receivedOn,
      decision: o.decision
        ? { upheld: o.decision.upheld, reason: o.decision.reason, byName: nameOf(o.decision.by), at: o.decision.at }
        : null,
    })),
    returns: doc.returns.map((r) => ({ comment: r.comment, byName: nameOf(r.by), at: r.at })),
    can: {
      saveMaterials: side === 'applicant' && allowed('saveMaterials'),
      submit: side === 'applicant' && allowed('submit'),
      opinionIds: allowed('opinion') ? opinionSlotsFor(rule, roles).map((o) => o.id) : [],
      decide: decider && allowed('decide'),
      recordObjection: decider && allowed('recordObjection'),
      decideObjection: decider && allowed('decideObjection'),
    },
    decideBlocked: decider && doc.status === 'submitted' && open.length > 0 ? (checkStepRefusal(doc, rule, 'decide', today) ?? '') : '',
    submitBlocked: side === 'applicant' ? (checkStepRefusal(doc, rule, 'submit', today) ?? '') : '',
  };
}

// ───────────────────────── writes ─────────────────────────

/**
 * One write of a check: once per request id, in one transaction; the stored check is re-read inside it
 * and must still be at `revision` (when given) — else CONFLICT.VERSION; `change` decides on it and
 * answers the next document (or throws, and nothing is written).
 */
async function writeCheck(
  ctx: WriteCtx,
  loaded: LoadedCheck,
  requestId: string,
  revision: number | null,
  action: string,
  change: (cur: CheckDoc, at: { actorId: string; now: number; today: string }) => { next: CheckDoc; reason?: string },
): Promise<CheckSaved> {
  const actorId = ctx.caller.personId;
  if (!actorId) throw new AppError('AUTH.FORBIDDEN');
  const now = ctx.clock.now();
  const today = todayOf(ctx);
  const key = requestKey(ctx, requestId);
  const again = await ctx.store.replay<CheckSaved>(key);
  if (again) return again;
  return ctx.store.once(
    key,
    now,
    async (tx) => {
      const cur = await ctx.store.checks.getTx(tx, loaded.doc.id);
      if (!cur) throw new AppError('NOT_FOUND', '找不到该检查');
      if (revision !== null && cur.revision !== revision) throw new AppError('CONFLICT.VERSION');
      const { next, reason } = change(cur, { actorId, now, today });
      const stamped: CheckDoc = { ...next, revision: cur.revision + 1, updatedAt: now };
      await ctx.store.checks.put(tx, stamped, cur, { actorId, now, action, ...(reason !== undefined ? { reason } : {}) });
      return { id: stamped.id, status: stamped.status, revision: stamped.revision };
    },
    { replayed: true },
  );
}

const refuseStep = (cur: CheckDoc, rule: CheckRule, step: CheckStep, today: string) => {
  const r = checkStepRefusal(cur, rule, step, today);
  if (r) throw stepRefused(r);
};

/** The file target of an award's check materials (the award's application folder, its applicant unit). */
const fileTarget = (award: AwardDoc) => ({
  kind: 'attachment' as const,
  targetId: award.applicationId,
  unitId: award.applicant.societyId ?? award.applicant.hostUnitId ?? award.applicationId,
});

async function requireApplicant(ctx: Uses<'store' | 'caller'>, award: AwardDoc): Promise<void> {
  if (!(await isApplicantSide(ctx, award))) throw new AppError('AUTH.FORBIDDEN');
}

export async function uploadCheckFile(ctx: WriteCtx & Uses<'files'>, input: In<'uploadCheckFile'>): Promise<FileRef> {
  const loaded = await loadCheck(ctx, input.checkId);
  await requireApplicant(ctx, loaded.award);
  refuseStep(loaded.doc, loaded.rule, 'saveMaterials', todayOf(ctx));
  const bytes = new Uint8Array(Buffer.from(input.base64, 'base64'));
  if (bytes.byteLength === 0) throw invalid([{ path: 'base64', message: '文件为空' }]);
  const name = cleanFileName(input.name);
  await requireSafeText(ctx, { name });
  return storeUpload(ctx, { ...fileTarget(loaded.award), name, mime: input.mime, bytes, bytesPath: 'base64' });
}

export async function saveCheckMaterials(ctx: WriteCtx & Uses<'files'>, input: In<'saveCheckMaterials'>): Promise<CheckSaved> {
  const loaded = await loadCheck(ctx, input.checkId);
  await requireApplicant(ctx, loaded.award);
  refuseStep(loaded.doc, loaded.rule, 'saveMaterials', todayOf(ctx));
  const known = new Set(loaded.rule.materials.map((m) => m.id));
  const issues: FieldIssue[] = Object.keys(input.materials)
    .filter((id) => !known.has(id))
    .map((id) => ({ path: `materials.${id}`, message: '该检查没有这项材料' }));
  if (issues.length > 0) throw invalid(issues);
  // every file must be the applicant's own upload for this award (or claimable from its folder)
  const materials: CheckDoc['materials'] = {};
  for (const [id, refs] of Object.entries(input.materials)) {
    const out: FileRef[] = [];
    for (const [i, ref] of refs.entries()) {
      out.push(await usableFile(ctx, ref, { ...fileTarget(loaded.award), mimeTypes: checkFileTypes }, `materials.${id}.${i}`));
    }
    if (out.length > 0) materials[id] = out;
  }
  return writeCheck(ctx, loaded, input.requestId, input.revision, 'check.saveMaterials', (cur, at) => {
    refuseStep(cur, loaded.rule, 'saveMaterials', at.today);
    return { next: { ...cur, materials } };
  });
}

export async function submitCheck(ctx: WriteCtx, input: In<'submitCheck'>): Promise<CheckSaved> {
  const loaded = await loadCheck(ctx, input.checkId);
  await requireApplicant(ctx, loaded.award);
  return writeCheck(ctx, loaded, input.requestId, input.revision, 'check.submit', (cur, at) => {
    const r = checkStepRefusal(cur, loaded.rule, 'submit', at.today);
    if (r)
      throw new AppError(cur.status === 'pending' || cur.status === 'returned' ? 'CHECK.MISSING_MATERIAL' : 'CHECK.STEP_NOT_ALLOWED', r);
    return { next: { ...cur, status: 'submitted', submittedAt: at.now } };
  });
}

export async function giveOpinion(ctx: WriteCtx, input: In<'giveOpinion'>): Promise<CheckSaved> {
  const loaded = await loadCheck(ctx, input.checkId);
  const slot = loaded.rule.opinions.find((o) => o.id === input.opinionId);
  if (!slot) throw invalid([{ path: 'opinionId', message: '该检查没有这项意见' }]);
  // only a person whose role the opinion names, overseeing the award (the finance bureau: its city)
  const roles = await opinionRolesOf(ctx, loaded.award);
  if (!roles.includes(slot.role)) throw new AppError('AUTH.FORBIDDEN', `该意见应由${postAwardRoleLabels[slot.role]}出具`);
  await requireSafeText(ctx, { text: input.text });
  return writeCheck(ctx, loaded, input.requestId, null, 'check.opinion', (cur, at) => {
    refuseStep(cur, loaded.rule, 'opinion', at.today);
    const given = { opinionId: slot.id, by: at.actorId, at: at.now, passed: input.passed, text: input.text };
    return { next: { ...cur, opinions: [...cur.opinions.filter((o) => o.opinionId !== slot.id), given] }, reason: slot.label };
  });
}

export async function decideCheck(ctx: WriteCtx, input: In<'decideCheck'>): Promise<CheckSaved> {
  const loaded = await loadCheck(ctx, input.checkId);
  if (!(await overseeingIn(ctx, loaded.award, [loaded.rule.decidedBy]))) {
    throw new AppError('AUTH.FORBIDDEN', `该检查由${postAwardRoleLabels[loaded.rule.decidedBy]}作出结论`);
  }
  const today = todayOf(ctx);
  const publicityStart = input.publicityStart ?? today;
  if (input.decision === 'pass' && loaded.rule.publicity && publicityStart < today) {
    throw invalid([{ path: 'publicityStart', message: '公示开始日期不能早于今天' }]);
  }
  const cal = input.decision === 'pass' && loaded.rule.publicity ? await ctx.store.holidays.calendar() : null;
  await requireSafeText(ctx, Object.fromEntries(input.reasons.map((r, i) => [`reasons.${i}`, r])));
  return writeCheck(ctx, loaded, input.requestId, input.revision, `check.${input.decision}`, (cur, at) => {
    if (input.decision === 'return') {
      refuseStep(cur, loaded.rule, 'return', at.today);
      return {
        next: { ...cur, status: 'returned', returns: [...cur.returns, { by: at.actorId, at: at.now, comment: input.reasons.join('；') }] },
      };
    }
    const r = checkStepRefusal(cur, loaded.rule, 'decide', at.today);
    if (r) throw new AppError(cur.status === 'submitted' ? 'CHECK.OPINION_MISSING' : 'CHECK.STEP_NOT_ALLOWED', r);
    const passed = input.decision === 'pass';
    const publicity = passed && cal ? checkPublicity(loaded.programme, publicityStart, cal) : null;
    return {
      next: {
        ...cur,
        status: passed ? 'passed' : 'failed',
        outcome: { passed, reasons: input.reasons, by: at.actorId, at: at.now, decidedOn: at.today },
        publicity: publicity ? { start: publicity.start, end: publicity.end, objectionUpheld: false } : null,
      },
      reason: input.reasons.join('；'),
    };
  });
}

async function requireDecider(ctx: Uses<'store' | 'caller'>, loaded: LoadedCheck): Promise<void> {
  if (!(await overseeingIn(ctx, loaded.award, [loaded.rule.decidedBy]))) throw new AppError('AUTH.FORBIDDEN');
}

export async function recordObjection(ctx: WriteCtx, input: In<'recordObjection'>): Promise<CheckSaved> {
  const loaded = await loadCheck(ctx, input.checkId);
  await requireDecider(ctx, loaded);
  const today = todayOf(ctx);
  const p = loaded.doc.publicity;
  if (p && (input.receivedOn < p.start || input.receivedOn > today)) {
    throw invalid([{ path: 'receivedOn', message: `收到日期应在公示开始（${p.start}）至今天之间` }]);
  }
  await requireSafeText(ctx, { text: input.text });
  return writeCheck(ctx, loaded, input.requestId, null, 'check.recordObjection', (cur, at) => {
    refuseStep(cur, loaded.rule, 'recordObjection', at.today);
    const objection = { text: input.text, receivedOn: input.receivedOn, recordedBy: at.actorId, at: at.now, decision: null };
    return { next: { ...cur, objections: [...cur.objections, objection] }, reason: input.text };
  });
}

export async function decideObjection(ctx: WriteCtx, input: In<'decideObjection'>): Promise<CheckSaved> {
  const loaded = await loadCheck(ctx, input.checkId);
  await requireDecider(ctx, loaded);
  await requireSafeText(ctx, { reason: input.reason });
  return writeCheck(ctx, loaded, input.requestId, null, 'check.decideObjection', (cur, at) => {
    refuseStep(cur, loaded.rule, 'decideObjection', at.today);
    const o = cur.objections[input.index];
    if (!o || o.decision) throw invalid([{ path: 'index', message: '没有这条待处理的异议' }]);
    const decision = { upheld: input.upheld, reason: input.reason, by: at.actorId, at: at.now };
    const objections = cur.objections.map((x, i) => (i === input.index ? { ...x, decision } : x));
    if (!input.upheld) return { next: { ...cur, objections }, reason: input.reason };
    // upheld: the pass does not stand — the check counts as failed (its onFail is proposed)
    return {
      next: {
        ...cur,
        objections,
        status: 'failed',
        publicity: cur.publicity ? { ...cur.publicity, objectionUpheld: true } : null,
        outcome: { passed: false, reasons: [`公示期间异议成立：${input.reason}`], by: at.actorId, at: at.now, decidedOn: at.today },
      },
      reason: input.reason,
    };
  });
}
