import type {
  ApplicationsApi,
  AttachmentView,
  KindCall,
  OpenCalls,
  PrecheckView,
  SaveResult,
  StatusChange,
  VersionConflictDetails,
} from '../../../shared/api/applications';
import type { ParsedInputOf } from '../../../shared/api/define';
import { AppError, type FieldIssue } from '../../../shared/errors';
import { type FormDefinition, formSchema, getForm } from '../../../shared/forms';
import { type ApplicationKind, listProgrammes, type Programme } from '../../../shared/programmes';
import { declaredFactIssues, draftValueIssues, refusedDraftValues, valueIssues } from '../../../shared/rules/drafts';
import { sanitiseFileName } from '../../../shared/rules/files';
import { materialsOf } from '../../../shared/rules/materials';
import { citiesOf, programmeOffered, roundOfCities, roundUnitsOf } from '../../../shared/rules/offer';
import type { Applicant } from '../../../shared/schemas/application';
import { requireSafeText } from '../../_kernel/content';
import { cleanFileName, storeUpload, usableFile } from '../../_kernel/files';
import type { Uses } from '../../_kernel/router';
import type { ApplicationDoc } from '../../_kernel/store/applications';
import { newId } from '../../_kernel/store/audit';
import {
  actorId,
  applicantBinding,
  formOf,
  historyItem,
  keyOf,
  kindOf,
  loadApp,
  now,
  pinRoundVersion,
  programmeOf,
  requireApplicant,
  titleOf,
  today,
} from './application-access';
import { step, transitionResult } from './engine';
import { computePrecheck, refusalOf } from './precheck';
import { readerRoles, roundView } from './view';

type In<K extends keyof ApplicationsApi> = ParsedInputOf<ApplicationsApi[K]>;

// ───────────────────────── what the caller may apply to ─────────────────────────

/** The bindings of the caller that may apply for a kind, and what each pins. */
function applyingBindings(ctx: Uses<'caller'>, kind: ApplicationKind) {
  return ctx.caller.bindings.filter(
    (b) =>
      kind.applicantRoles.includes(b.role) &&
      (kind.applicantType === 'society'
        ? b.scope.societyId !== null
        : b.scope.hostUnitId !== null || b.scope.stationId !== null || b.scope.societyId !== null),
  );
}

export async function openCalls(ctx: Uses<'store' | 'clock' | 'caller'>): Promise<OpenCalls> {
  const calls: OpenCalls['calls'] = [];
  // the CAST units the caller applies from: only programmes of their city are offered (shared/rules/offer.ts)
  const [castUnits, societies, hostUnits, stations] = await Promise.all([
    ctx.store.org.castUnits(),
    ctx.store.org.societies(),
    ctx.store.org.hostUnits(),
    ctx.store.org.stations(),
  ]);
  const castById = new Map(castUnits.map((u) => [u.id, u] as const));
  const unitOf = (b: (typeof ctx.caller.bindings)[number]) =>
    [
      b.scope.castUnitId,
      societies.find((s) => s.id === b.scope.societyId)?.castUnitId,
      hostUnits.find((h) => h.id === b.scope.hostUnitId)?.castUnitId,
      stations.find((s) => s.id === b.scope.stationId)?.castUnitId,
    ].filter((x): x is string => typeof x === 'string');
  // the caller's cities: their rounds, host units and societies only (issue 13, item 5)
  const cities = citiesOf(ctx.caller.bindings.flatMap(unitOf), castById);
  // the rounds they see: their city's, and their own county's of a district programme (issue 16 item 4)
  const roundUnits = roundUnitsOf(ctx.caller.bindings.flatMap(unitOf), castById);
  const inMyCity = (castUnitId: string) => citiesOf([castUnitId], castById).some((c) => cities.includes(c));
  // the built-in programmes and the newest version of each installed one (issue 16 item 6)
  for (const programme of listProgrammes()) {
    const kinds: KindCall[] = [];
    for (const kind of programme.kinds) {
      const mine = applyingBindings(ctx, kind).filter((b) => programmeOffered(programme, unitOf(b), castById));
      if (mine.length === 0) continue;
      const form = getForm(kind.formId);
      const pinsHost = mine.some((b) => b.scope.hostUnitId !== null || b.scope.stationId !== null);
      const pinsSociety = mine.some((b) => b.scope.societyId !== null);
      kinds.push({
        kindId: kind.id,
        label: kind.label,
        applicantType: kind.applicantType,
        formId: kind.formId,
        formTitle: form?.title ?? kind.label,
        stationLevels: kind.stationLevels ?? null,
        chooseHostUnit: kind.applicantType === 'hostUnit' && !pinsHost,
        chooseSociety: kind.applicantType === 'hostUnit' && kind.stationLevels !== undefined && !pinsSociety,
      });
    }
    if (kinds.length === 0) continue;
    const rounds = (await ctx.store.applications.rounds(programme.id))
      .filter((r) => roundOfCities(r, roundUnits))
      .map((r) => roundView(ctx, r));
    calls.push({ programmeId: programme.id, title: programme.title, city: programme.city, kinds, rounds });
  }
  const needHosts = calls.some((c) => c.kinds.some((k) => k.chooseHostUnit));
  const needSocieties = calls.some((c) => c.kinds.some((k) => k.chooseSociety));
  return {
    calls,
    hostUnits: needHosts
      ? hostUnits.filter((h) => inMyCity(h.castUnitId)).map((h) => ({ id: h.id, name: h.name, kind: h.kind, castUnitId: h.castUnitId }))
      : [],
    societies: needSocieties
      ? societies.filter((s) => inMyCity(s.castUnitId)).map((s) => ({ id: s.id, name: s.name, level: s.level }))
      : [],
  };
}

/**
 * Who applies, from the caller's binding (never from the request alone): a society secretary
 * applies for their society; for a host-unit kind the binding pins the host unit (or the host
 * society, and the host unit is chosen), and a station names its host society (建站学会).
 */
async function resolveApplicant(
  ctx: Uses<'store' | 'caller'>,
  kind: ApplicationKind,
  input: { hostUnitId?: string | undefined; societyId?: string | undefined },
): Promise<{ applicant: Applicant; castUnitId: string }> {
  const bindings = applyingBindings(ctx, kind);
  if (bindings.length === 0) throw new AppError('AUTH.FORBIDDEN', '您的身份不能申报该类别');
  if (kind.applicantType === 'society') {
    // A named society must be one of the caller's own: never silently another (their first binding's) society.
    const b = input.societyId ? bindings.find((x) => x.scope.societyId === input.societyId) : bindings[0];
    if (!b) throw new AppError('AUTH.FORBIDDEN', '您只能为自己的学会申报');
    const society = await ctx.store.org.society(b.scope.societyId!);
    if (!society) throw new AppError('NOT_FOUND', '找不到您所在的学会');
    return { applicant: { type: 'society', societyId: society.id, hostUnitId: null }, castUnitId: society.castUnitId };
  }
  for (const b of bindings) {
    let hostUnitId = b.scope.hostUnitId;
    if (!hostUnitId && b.scope.stationId) hostUnitId = (await ctx.store.org.station(b.scope.stationId))?.hostUnitId ?? null;
    if (hostUnitId && input.hostUnitId && input.hostUnitId !== hostUnitId) continue;
    const societyId = b.scope.societyId ?? input.societyId ?? null;
    if (b.scope.societyId && input.societyId && input.societyId !== b.scope.societyId) continue;
    hostUnitId ??= input.hostUnitId ?? null;
    if (!hostUnitId) throw new AppError('INPUT.INVALID', undefined, { issues: [{ path: 'hostUnitId', message: '请选择建站单位' }] });
    if (kind.stationLevels && !societyId)
      throw new AppError('INPUT.INVALID', undefined, { issues: [{ path: 'societyId', message: '请选择建站学会' }] });
    const hostUnit = await ctx.store.org.hostUnit(hostUnitId);
    if (!hostUnit) throw new AppError('INPUT.INVALID', undefined, { issues: [{ path: 'hostUnitId', message: '建站单位不存在' }] });
    if (societyId && !(await ctx.store.org.society(societyId))) {
      throw new AppError('INPUT.INVALID', undefined, { issues: [{ path: 'societyId', message: '建站学会不存在' }] });
    }
    return { applicant: { type: 'hostUnit', societyId, hostUnitId }, castUnitId: hostUnit.castUnitId };
  }
  throw new AppError('AUTH.FORBIDDEN', '您只能为自己的单位申报');
}

// ───────────────────────── drafts ─────────────────────────

/** Draft values: refuse what cannot be kept, answer format issues (shared/rules/drafts.ts). */
function checkDraftValues(form: FormDefinition, values: Record<string, unknown>): FieldIssue[] {
  const refused = refusedDraftValues(form, values);
  if (refused.length > 0) throw new AppError('INPUT.INVALID', undefined, { issues: refused });
  return draftValueIssues(form, values);
}

/** Declared facts must be facts the applicant answers, with the fact's type (shared/rules/drafts.ts). */
function checkDeclaredFacts(
  programme: Programme,
  kindId: string,
  facts: Record<string, unknown>,
  org: { hasHostUnit: boolean; hasSociety: boolean },
) {
  const issues = declaredFactIssues(programme, kindId, facts, org);
  if (issues.length > 0) throw new AppError('INPUT.INVALID', undefined, { issues });
}

/** What changed, for the audit log (only the changed keys, before and after). */
function diff(before: Record<string, unknown>, after: Record<string, unknown>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) {
      b[k] = before[k] ?? null;
      a[k] = after[k] ?? null;
    }
  }
  return { before: b, after: a };
}

export async function saveDraft(ctx: Uses<'store' | 'clock' | 'caller' | 'fn' | 'action'>, input: In<'saveDraft'>): Promise<SaveResult> {
  // this call reads the programme version of the round the draft is (or will be) in (issue 16 item 6)
  const existing = input.applicationId === undefined ? null : await ctx.store.applications.get(input.applicationId);
  await pinRoundVersion(ctx, existing?.roundId ?? input.roundId);
  const programme = programmeOf(input.programmeId);
  const kind = kindOf(programme, input.kindId);
  const form = formOf(kind);
  const me = actorId(ctx);
  const t0 = now(ctx);
  const issues = checkDraftValues(form, input.values);

  if (input.applicationId === undefined) {
    const round = await ctx.store.applications.round(input.roundId);
    if (!round || round.programmeId !== programme.id) throw new AppError('NOT_FOUND', '找不到该申报批次');
    const { applicant, castUnitId } = await resolveApplicant(ctx, kind, input);
    // a round of another city (or of another county's district programme) is not the applicant's to
    // file into (issue 13 item 5, issue 16 item 4)
    const castById = new Map((await ctx.store.org.castUnits()).map((u) => [u.id, u] as const));
    if (!roundOfCities(round, roundUnitsOf([castUnitId], castById))) throw new AppError('NOT_FOUND', '找不到该申报批次');
    checkDeclaredFacts(programme, kind.id, input.facts, {
      hasHostUnit: applicant.hostUnitId !== null,
      hasSociety: applicant.societyId !== null,
    });
    return ctx.store.once(keyOf(ctx, input.requestId), t0, async (tx) => {
      const t = ctx.store.applications.tx(tx);
      const doc: ApplicationDoc = {
        id: newId('ap', t0),
        programmeId: programme.id,
        kindId: kind.id,
        roundId: round.id,
        formId: kind.formId,
        applicant,
        castUnitId,
        title: titleOf(form, input.values),
        values: input.values,
        facts: input.facts,
        version: 1,
        status: 'draft',
        stageId: null,
        attachments: [],
        fieldComments: {},
        history: [historyItem(t0, me, 'created', null, 'draft', null)],
        reviewerIds: [],
        publicity: null,
        openObjections: 0,
        stationId: null,
        createdBy: me,
        createdAt: t0,
        updatedAt: t0,
        submittedAt: null,
      };
      await t.insertApp(doc);
      await t.audit({
        at: t0,
        actorId: me,
        action: 'application.create',
        entity: 'application',
        entityId: doc.id,
        before: null,
        after: { applicant, values: doc.values, facts: doc.facts },
        reason: '',
      });
      return { applicationId: doc.id, version: 1, savedAt: t0, issues };
    });
  }

  const app = await loadApp(ctx, input.applicationId);
  if (app.programmeId !== input.programmeId || app.kindId !== input.kindId || app.roundId !== input.roundId) {
    throw new AppError('INPUT.INVALID', undefined, { issues: [{ path: 'applicationId', message: '申报编号与项目、类别或批次不一致' }] });
  }
  await requireApplicant(ctx, app);
  checkDeclaredFacts(programme, kind.id, input.facts, {
    hasHostUnit: app.applicant.hostUnitId !== null,
    hasSociety: app.applicant.societyId !== null,
  });
  return ctx.store.once(keyOf(ctx, input.requestId), t0, async (tx) => {
    const t = ctx.store.applications.tx(tx);
    const cur = await t.getApp(app.id);
    if (!cur) throw new AppError('NOT_FOUND', '找不到该申报');
    if (cur.status !== 'draft' && cur.status !== 'returned') {
      throw new AppError('APPLICATION.ILLEGAL_TRANSITION', '申报已提交，不能再修改；如需修改请等待退回或撤回后重新申报');
    }
    if (cur.version !== input.baseVersion) {
      const details: VersionConflictDetails = {
        serverVersion: cur.version,
        serverValues: cur.values,
        serverFacts: cur.facts,
        serverUpdatedAt: cur.updatedAt,
      };
      throw new AppError('CONFLICT.VERSION', undefined, { details: details as unknown as Record<string, unknown> });
    }
    const next: ApplicationDoc = {
      ...cur,
      values: input.values,
      facts: input.facts,
      title: titleOf(form, input.values),
      version: cur.version + 1,
      updatedAt: t0,
    };
    await t.putApp(next);
    const values = diff(cur.values, next.values);
    const facts = diff(cur.facts, next.facts);
    await t.audit({
      at: t0,
      actorId: me,
      action: 'application.saveDraft',
      entity: 'application',
      entityId: cur.id,
      before: { version: cur.version, values: values.before, facts: facts.before },
      after: { version: next.version, values: values.after, facts: facts.after },
      reason: '',
    });
    return { applicationId: cur.id, version: next.version, savedAt: t0, issues };
  });
}

/** The applicant checks before submitting; staff and reviewers see the same precheck when they open it. */
export async function precheck(ctx: Uses<'store' | 'clock' | 'caller'>, input: In<'precheck'>): Promise<PrecheckView> {
  const app = await loadApp(ctx, input.applicationId);
  await readerRoles(ctx, app);
  return computePrecheck(ctx, app);
}

// ───────────────────────── attachments ─────────────────────────

async function addAttachment(
  ctx: Uses<'store' | 'clock' | 'contentCheck' | 'log' | 'caller' | 'fn' | 'action'>,
  app: ApplicationDoc,
  materialId: string,
  mime: string,
  requestId: string,
  upload: () => Promise<AttachmentView['file']>,
): Promise<AttachmentView & { version: number }> {
  const programme = programmeOf(app.programmeId);
  const material = materialsOf(programme, app.kindId).find((m) => m.id === materialId);
  if (!material) throw new AppError('INPUT.INVALID', undefined, { issues: [{ path: 'materialId', message: '该申报类别没有这项材料' }] });
  if (!material.mimeTypes.includes(mime)) {
    throw new AppError('INPUT.INVALID', undefined, {
      issues: [{ path: 'mime', message: `“${material.label}”不支持该文件类型，请上传 PDF、图片或 Word 文件` }],
    });
  }
  if (app.status !== 'draft' && app.status !== 'returned')
    throw new AppError('APPLICATION.ILLEGAL_TRANSITION', '申报已提交，不能再修改附件');
  const me = actorId(ctx);
  const t0 = now(ctx);
  const file = await upload();
  return ctx.store.once(keyOf(ctx, requestId), t0, async (tx) => {
    const t = ctx.store.applications.tx(tx);
    const cur = await t.getApp(app.id);
    if (!cur) throw new AppError('NOT_FOUND', '找不到该申报');
    if (cur.status !== 'draft' && cur.status !== 'returned')
      throw new AppError('APPLICATION.ILLEGAL_TRANSITION', '申报已提交，不能再修改附件');
    if (cur.attachments.length >= 100) throw new AppError('INPUT.INVALID', '附件过多');
    const attachment = { materialId, file, uploadedAt: t0 };
    const next = { ...cur, attachments: [...cur.attachments, attachment], version: cur.version + 1, updatedAt: t0 };
    await t.putApp(next);
    await t.audit({
      at: t0,
      actorId: me,
      action: 'application.attach',
      entity: 'application',
      entityId: cur.id,
      before: null,
      after: attachment,
      reason: '',
    });
    return { ...attachment, materialLabel: material.label, version: next.version };
  });
}

/** Attachments belong to the applicant unit: its members may use each other's uploads for it. */
const attachmentTarget = (app: ApplicationDoc) => ({
  kind: 'attachment' as const,
  targetId: app.id,
  unitId: app.applicant.societyId ?? app.applicant.hostUnitId ?? app.id,
});

export async function uploadAttachment(
  ctx: Uses<'store' | 'clock' | 'files' | 'contentCheck' | 'log' | 'caller' | 'fn' | 'action'>,
  input: In<'uploadAttachment'>,
): Promise<AttachmentView & { version: number }> {
  const app = await loadApp(ctx, input.applicationId);
  await requireApplicant(ctx, app);
  const bytes = new Uint8Array(Buffer.from(input.base64, 'base64'));
  if (bytes.byteLength === 0) throw new AppError('INPUT.INVALID', undefined, { issues: [{ path: 'base64', message: '文件为空' }] });
  // reviewers and staff read the file name
  const name = cleanFileName(input.name);
  await requireSafeText(ctx, { name });
  return addAttachment(ctx, app, input.materialId, input.mime, input.requestId, () =>
    storeUpload(ctx, { ...attachmentTarget(app), name, mime: input.mime, bytes, bytesPath: 'base64' }),
  );
}

export async function attach(
  ctx: Uses<'store' | 'clock' | 'files' | 'contentCheck' | 'log' | 'caller' | 'fn' | 'action'>,
  input: In<'attach'>,
): Promise<AttachmentView & { version: number }> {
  const app = await loadApp(ctx, input.applicationId);
  await requireApplicant(ctx, app);
  await requireSafeText(ctx, { 'file.name': sanitiseFileName(input.file.name) });
  // The stored facts of the file (owner, kind, type, size, name), never the client's.
  return addAttachment(ctx, app, input.materialId, input.file.mime, input.requestId, () =>
    usableFile(ctx, input.file, attachmentTarget(app), 'file.fileId'),
  );
}

export async function removeAttachment(
  ctx: Uses<'store' | 'clock' | 'caller' | 'fn' | 'action'>,
  input: In<'removeAttachment'>,
): Promise<{ version: number }> {
  const app = await loadApp(ctx, input.applicationId);
  await requireApplicant(ctx, app);
  const me = actorId(ctx);
  const t0 = now(ctx);
  return ctx.store.once(keyOf(ctx, input.requestId), t0, async (tx) => {
    const t = ctx.store.applications.tx(tx);
    const cur = await t.getApp(app.id);
    if (!cur) throw new AppError('NOT_FOUND', '找不到该申报');
    if (cur.status !== 'draft' && cur.status !== 'returned')
      throw new AppError('APPLICATION.ILLEGAL_TRANSITION', '申报已提交，不能再修改附件');
    const removed = cur.attachments.filter((a) => a.file.fileId === input.fileId);
    if (removed.length === 0) throw new AppError('NOT_FOUND', '找不到该附件');
    // The file stays in storage; the audit event keeps what was listed.
    const next = {
      ...cur,
      attachments: cur.attachments.filter((a) => a.file.fileId !== input.fileId),
      version: cur.version + 1,
      updatedAt: t0,
    };
    await t.putApp(next);
    await t.audit({
      at: t0,
      actorId: me,
      action: 'application.removeAttachment',
      entity: 'application',
      entityId: cur.id,
      before: removed,
      after: null,
      reason: '',
    });
    return { version: next.version };
  });
}

// ───────────────────────── submit, withdraw ─────────────────────────

export async function submit(
  ctx: Uses<'store' | 'clock' | 'contentCheck' | 'log' | 'caller' | 'fn' | 'action'>,
  input: In<'submit'>,
): Promise<StatusChange> {
  const app = await loadApp(ctx, input.applicationId);
  const binding = await requireApplicant(ctx, app);
  // A retried submit answers the first result, whatever happened since.
  const done = await ctx.store.replay<{ result: StatusChange }>(keyOf(ctx, input.requestId));
  if (done) return done.result;
  // What reviewers and the publicity will read passes WeChat's content check before it leaves the draft.
  await requireSafeText(
    ctx,
    Object.fromEntries(
      Object.entries(app.values)
        .filter((e): e is [string, string] => typeof e[1] === 'string')
        .map(([k, v]) => [`values.${k}`, v]),
    ),
  );
  const programme = programmeOf(app.programmeId);
  if (app.status === 'draft') {
    const round = await ctx.store.applications.round(app.roundId);
    const d = today(ctx);
    if (!round || d < round.opensOn || d > round.closesOn) {
      throw new AppError(
        'APPLICATION.ROUND_CLOSED',
        round ? `${round.title}的申报时间为 ${round.opensOn} 至 ${round.closesOn}` : undefined,
      );
    }
  }
  if (app.status === 'draft' || app.status === 'returned') {
    const refusal = refusalOf(programme, await computePrecheck(ctx, app));
    if (refusal) throw refusal;
  }
  const form = formOf(kindOf(programme, app.kindId));
  const out = await step(ctx, {
    applicationId: app.id,
    requestId: input.requestId,
    type: app.status === 'returned' ? 'resubmit' : 'submit',
    role: binding.role,
    expected: input.expected ?? { status: app.status, stageId: app.stageId },
    check: async (cur) => {
      // What is submitted is what the precheck saw: a save from another phone in between is refused.
      if (cur.version !== app.version)
        throw new AppError('CONFLICT.STATE', '申报内容刚刚在其他设备上修改过，请刷新后再提交', { details: { version: cur.version } });
      const parsed = formSchema(form, { mode: 'submit' }).safeParse(cur.values);
      if (!parsed.success) throw new AppError('INPUT.INVALID', undefined, { issues: valueIssues(parsed.error.issues) });
    },
    context: async (cur) => ({ materials: cur.attachments.map((a) => ({ materialId: a.materialId, mime: a.file.mime })) }),
    apply: async (cur, next) => {
      if (cur.status === 'draft') next.submittedAt = next.updatedAt;
      // Comments were for the returned version; the reviews keep them.
      next.fieldComments = {};
      return undefined;
    },
  });
  return out.result;
}

export async function withdraw(
  ctx: Uses<'store' | 'clock' | 'contentCheck' | 'log' | 'caller' | 'fn' | 'action'>,
  input: In<'withdraw'>,
): Promise<StatusChange> {
  const app = await loadApp(ctx, input.applicationId);
  const binding = await requireApplicant(ctx, app);
  // the reason is kept in the history staff read
  await requireSafeText(ctx, { reason: input.reason });
  const out = await step(ctx, {
    applicationId: app.id,
    requestId: input.requestId,
    type: 'withdraw',
    role: binding.role,
    expected: input.expected,
    note: input.reason,
    auditReason: input.reason,
  });
  return out.result;
}

export { applicantBinding, transitionResult };
