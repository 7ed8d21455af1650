import { z } from 'zod';
import { workflowActionTypes } from '../rules/workflow-actions';
import { chinaDateSchema, fileRefSchema, idSchema, optionalText, requestIdSchema, stripUnsafe, text } from './common';

/**
 * Applications to a programme, and what review does to them: reviews, reviewer assignments,
 * score sheets, publicity, objections, rounds. The form values themselves are validated by the
 * form definition (shared/forms: formSchema(def, { mode })), not here: here they are a record.
 *
 * Base objects carry no refinements so inputs can be derived with .pick/.omit; the exported
 * entity schemas add the cross-field rules.
 */

/** Epoch milliseconds. */
const instantSchema = z.number().int('时间应为整数毫秒').min(0, '时间不能为负');

/** A form field key: English camelCase, as in shared/forms. */
export const fieldKeySchema = z.string().regex(/^[a-z][A-Za-z0-9]{0,63}$/, '字段键应为英文 camelCase');

/** `${programmeId}/${kindId}`, e.g. 'yiyang-station-2023/station'. */
export const formIdSchema = z
  .string()
  .max(129, '表单编号过长')
  .regex(/^[A-Za-z0-9_.:-]+\/[A-Za-z0-9_.:-]+$/, '表单编号应为 programmeId/kindId');

/** zod's record messages are English ("Invalid key in record"): say them in Chinese. */
const recordError = (what: string) => ({
  error: (issue: { code: string }) => (issue.code === 'invalid_key' ? '字段键应为英文 camelCase' : `${what}格式不正确`),
});

/**
 * Raw form values; the form definition validates them. Capped in size for the 100 KB call limit.
 * Drafts are kept as typed, except for the characters no text may hold (stripUnsafe: what XML
 * cannot carry, bidi controls), removed here so a draft never stores them for an export to choke on.
 */
const formValueSchema = z
  .unknown()
  .transform((v) =>
    typeof v === 'string' ? stripUnsafe(v) : Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? stripUnsafe(x) : x)) : v,
  );
export const formValuesSchema = z
  .record(fieldKeySchema, formValueSchema, recordError('申报内容'))
  .refine((r) => Object.keys(r).length <= 300, '申报内容的项目过多');

/**
 * A reviewer comment on a material (申报材料) rather than a form field: `material:<materialId>` — e.g.
 * "material:agreement" for 请上传盖章版. The review action checks the id against the programme's material list.
 */
export const MATERIAL_COMMENT_PREFIX = 'material:';
export const materialCommentKeySchema = z.string().regex(/^material:[a-z0-9]+(-[a-z0-9]+)*$/, '材料意见的键应为 material:材料编号');
/** What a reviewer comment is attached to: a form field key, or a material (`material:<materialId>`). */
export const commentKeySchema = z.union([fieldKeySchema, materialCommentKeySchema], { error: '意见应针对申报书中的项目或申报材料' });

/** Reviewer comments per field key (or material key), shown next to the field when an application is returned. */
export const fieldCommentsSchema = z
  .record(commentKeySchema, text(500, '字段意见'), recordError('字段意见'))
  .refine((r) => Object.keys(r).length <= 300, '字段意见过多');
export type FieldComments = z.infer<typeof fieldCommentsSchema>;

export const applicationStatuses = ['draft', 'in_review', 'returned', 'publicity', 'approved', 'awarded', 'rejected', 'withdrawn'] as const;
export const applicationStatusSchema = z.enum(applicationStatuses);
export type ApplicationStatus = z.infer<typeof applicationStatusSchema>;
export const applicationStatusLabels: Record<ApplicationStatus, string> = {
  draft: '草稿',
  in_review: '审核中',
  returned: '退回修改',
  publicity: '公示中',
  approved: '已批准',
  awarded: '已授牌',
  rejected: '未通过',
  withdrawn: '已撤回',
};

export const applicantTypeSchema = z.enum(['society', 'hostUnit']);
export type ApplicantType = z.infer<typeof applicantTypeSchema>;

/**
 * Who applies. A society applies to the capacity programmes; for a station (seed 004 第八条) the
 * host unit (建站单位) applies and names its host society (建站学会), so both ids may be set.
 */
export const applicantSchema = z
  .object({
    type: applicantTypeSchema,
    societyId: idSchema.nullable(),
    hostUnitId: idSchema.nullable(),
  })
  .superRefine((a, ctx) => {
    if (a.type === 'society' && a.societyId === null) {
      ctx.addIssue({ code: 'custom', path: ['societyId'], message: '以学会名义申报时必须指明学会' });
    }
    if (a.type === 'society' && a.hostUnitId !== null) {
      ctx.addIssue({ code: 'custom', path: ['hostUnitId'], message: '以学会名义申报时不应指明建站单位' });
    }
    if (a.type === 'hostUnit' && a.hostUnitId === null) {
      ctx.addIssue({ code: 'custom', path: ['hostUnitId'], message: '以建站单位名义申报时必须指明建站单位' });
    }
  });
export type Applicant = z.infer<typeof applicantSchema>;

/** One uploaded file, answering one of the programme's required materials (e.g. 第九条(二) 建站协议). */
export const attachmentSchema = z.object({
  materialId: idSchema,
  file: fileRefSchema,
  uploadedAt: instantSchema,
});
export type Attachment = z.infer<typeof attachmentSchema>;

/**
 * The actions a history line names: every workflow action (shared/rules/workflow-actions.ts) plus the
 * steps that change no status. Derived, so a new workflow action is a valid history line at once.
 */
export const historyActions = [
  ...workflowActionTypes,
  'created',
  'skipped',
  'assignReviewers',
  'score',
  'objection',
  'objectionResolved',
] as const;
export type HistoryAction = (typeof historyActions)[number];

/** What happened to an application, in one line each; the audit log keeps the full before/after. */
export const historyEntrySchema = z.strictObject({
  at: instantSchema,
  actorId: idSchema,
  action: z.enum(historyActions),
  fromStatus: applicationStatusSchema.nullable(),
  toStatus: applicationStatusSchema,
  stageId: idSchema.nullable(),
  /** a short note (the writer cuts it to 300; the audit log keeps the full text) */
  note: z.string().max(300),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** An answer an applicant declared in 申报条件自查 (shared/programmes facts). */
export const factValueSchema = z.union([z.boolean(), z.number(), z.string(), z.null()]);
export type FactValue = z.infer<typeof factValueSchema>;

/** Working days (seed 004 第八条: ≥5 工作日) or calendar days (seed 000: 5 天, seed 001: 十天). */
export const publicityDayKindSchema = z.enum(['working', 'calendar']);
export type PublicityDayKind = z.infer<typeof publicityDayKindSchema>;

/** A publicity as stored on its application; the view adds `over`, which depends on the day it is read. */
export const publicityBaseSchema = z.strictObject({
  startDate: chinaDateSchema,
  endDate: chinaDateSchema,
  dayKind: publicityDayKindSchema,
  days: z.number().int().min(0).max(366),
  note: z.string().max(500),
  /** the calendar note when a year's holidays are not known yet */
  calendarNote: z.string().max(500),
});
export const publicitySchema = publicityBaseSchema.refine((p) => p.endDate >= p.startDate, {
  path: ['endDate'],
  message: '公示结束日期不能早于开始日期',
});
export type Publicity = z.infer<typeof publicitySchema>;

/** An application as stored (collection `applications`). */
export const applicationBaseSchema = z.strictObject({
  id: idSchema,
  programmeId: idSchema,
  kindId: idSchema,
  roundId: idSchema,
  formId: formIdSchema,
  applicant: applicantSchema,
  /** the CAST unit whose staff review it: the host unit's or the society's */
  castUnitId: idSchema,
  /** a short title for lists, from the form (e.g. 学会服务站名称, 项目名称) */
  title: z.string().max(200),
  values: formValuesSchema,
  /** facts the applicant declared in 申报条件自查 */
  facts: z.record(z.string(), factValueSchema),
  /** optimistic concurrency: every write checks the version it read and bumps it by one */
  version: z.number().int('版本号应为整数').min(1, '版本号从 1 开始'),
  status: applicationStatusSchema,
  /** the review stage the application sits in; null while draft or once decided */
  stageId: idSchema.nullable(),
  attachments: z.array(attachmentSchema).max(100, '附件过多'),
  fieldComments: fieldCommentsSchema,
  history: z.array(historyEntrySchema).max(500),
  /** reviewers assigned at the current scoring stage */
  reviewerIds: z.array(idSchema).max(30),
  publicity: publicitySchema.nullable(),
  /** objections filed and not yet resolved (kept here so approval checks it in the same transaction) */
  openObjections: z.number().int().min(0),
  /** the station awarded from it */
  stationId: idSchema.nullable(),
  /**
   * An award the city made before go-live, imported at its stage (org.importAward, issue 13 item 6): where it
   * comes from, the cycle year it is in (e.g. year 2 of a 3-year five-star award) and the year it was awarded.
   * Absent on applications filed through the app.
   */
  imported: z
    .strictObject({
      source: text(100, '来源'),
      stage: z.number().int().min(1).max(10),
      awardYear: z.number().int().min(2000).max(2100),
      awardedOn: chinaDateSchema,
    })
    .optional(),
  createdBy: idSchema,
  createdAt: instantSchema,
  updatedAt: instantSchema,
  submittedAt: instantSchema.nullable(),
});

export const applicationSchema = applicationBaseSchema.superRefine((a, ctx) => {
  if (a.formId !== `${a.programmeId}/${a.kindId}`) {
    ctx.addIssue({ code: 'custom', path: ['formId'], message: '表单编号与项目类别不一致' });
  }
  if (a.updatedAt < a.createdAt) ctx.addIssue({ code: 'custom', path: ['updatedAt'], message: '更新时间早于创建时间' });
  // A draft never submitted has no submission time; anything past draft has been submitted.
  if (a.status === 'draft' && a.submittedAt !== null) {
    ctx.addIssue({ code: 'custom', path: ['submittedAt'], message: '草稿不应有提交时间' });
  }
  if (a.status !== 'draft' && a.status !== 'withdrawn' && a.submittedAt === null) {
    ctx.addIssue({ code: 'custom', path: ['submittedAt'], message: '已提交的申报必须有提交时间' });
  }
});
export type Application = z.infer<typeof applicationSchema>;

export const reviewDecisionSchema = z.enum(['pass', 'return', 'reject']);
export type ReviewDecision = z.infer<typeof reviewDecisionSchema>;
export const reviewDecisionLabels: Record<ReviewDecision, string> = { pass: '通过', return: '退回修改', reject: '不予通过' };

/** One line of a 形式审查 checklist (e.g. 申报书是否符合填报要求、材料是否齐全、预算是否合理). */
export const checklistItemSchema = z.object({
  itemId: idSchema,
  label: text(100, '审查项目'),
  checked: z.boolean(),
});
export type ChecklistItem = z.infer<typeof checklistItemSchema>;
const checklistSchema = z
  .array(checklistItemSchema)
  .max(50, '审查项目过多')
  .refine((items) => new Set(items.map((i) => i.itemId)).size === items.length, '审查项目重复');

/** A review decision as stored (collection `reviews`, type 'decision'). */
export const reviewBaseSchema = z.strictObject({
  id: idSchema,
  type: z.literal('decision'),
  applicationId: idSchema,
  stageId: idSchema,
  actorId: idSchema,
  decision: reviewDecisionSchema,
  comment: optionalText(2000, '审核意见'),
  fieldComments: fieldCommentsSchema,
  checklist: checklistSchema,
  at: instantSchema,
});

/** A return must tell the applicant what to fix; a rejection must say why. */
function decisionExplained(
  r: { decision: ReviewDecision; comment: string; fieldComments: Record<string, string> },
  ctx: z.core.$RefinementCtx,
): void {
  const hasFieldComment = Object.keys(r.fieldComments).length > 0;
  if (r.decision === 'return' && r.comment === '' && !hasFieldComment) {
    ctx.addIssue({ code: 'custom', path: ['comment'], message: '退回修改时请写明需要修改的内容' });
  }
  if (r.decision === 'reject' && r.comment === '') {
    ctx.addIssue({ code: 'custom', path: ['comment'], message: '不予通过时请写明理由' });
  }
}

export const reviewSchema = reviewBaseSchema.superRefine(decisionExplained);
export type Review = z.infer<typeof reviewSchema>;

/** A reviewer assigned at a scoring stage (collection `reviews`, type 'assignment'); replaced ones turn inactive. */
export const reviewerAssignmentSchema = z.strictObject({
  id: idSchema,
  type: z.literal('assignment'),
  applicationId: idSchema,
  stageId: idSchema,
  reviewerId: idSchema,
  assignedBy: idSchema,
  at: instantSchema,
  active: z.boolean(),
});
export type ReviewerAssignment = z.infer<typeof reviewerAssignmentSchema>;

export const scoreItemSchema = z.object({
  itemId: idSchema,
  /** a multiple of the rubric item's step (0.5 for half points), checked by shared/rules/scoring.ts */
  points: z
    .number()
    .min(0, '分数不能为负')
    .max(1000, '单项分数不能超过 1000')
    .refine((n) => Number.isInteger(Math.round(n * 100)) && Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, '分数最多保留两位小数'),
  /** why the scorer gave other points than the rule suggests (shown and audited) */
  reason: z.string().trim().max(200, '理由不能超过 200 字').optional(),
});
export type ScoreItem = z.infer<typeof scoreItemSchema>;
const scoreItemsSchema = z
  .array(scoreItemSchema)
  .min(1, '请至少评一项')
  .max(50, '评分项目过多')
  .refine((items) => new Set(items.map((i) => i.itemId)).size === items.length, '评分项目重复');

/** The total of a score sheet: the sum of its items' points, to 2 decimals. */
export const scoreTotal = (items: readonly ScoreItem[]): number => Math.round(items.reduce((sum, i) => sum + i.points, 0) * 100) / 100;

/** A reviewer's score sheet at a scoring stage (collection `reviews`, type 'score'). */
export const scoreSheetBaseSchema = z.strictObject({
  id: idSchema,
  type: z.literal('score'),
  applicationId: idSchema,
  stageId: idSchema,
  reviewerId: idSchema,
  items: scoreItemsSchema,
  /** the scorer's answers to staff-answered facts (ratings, discretionary deductions) */
  answers: z.record(z.string().max(60), z.union([z.boolean(), z.number(), z.string().max(60)])).optional(),
  /** computed from the items, never typed in */
  total: z.number(),
  at: instantSchema,
});
export const scoreSheetSchema = scoreSheetBaseSchema.refine((s) => s.total === scoreTotal(s.items), {
  path: ['total'],
  message: '总分应等于各项得分之和',
});
export type ScoreSheet = z.infer<typeof scoreSheetSchema>;

/** Everything in the `reviews` collection: decisions, reviewer assignments and score sheets. */
export const storedReviewSchema = z.discriminatedUnion('type', [reviewSchema, reviewerAssignmentSchema, scoreSheetSchema]);
export type StoredReview = z.infer<typeof storedReviewSchema>;

export const objectionStatusSchema = z.enum(['open', 'resolved']);
/** An objection filed during publicity (collection `objections`). */
export const objectionBaseSchema = z.strictObject({
  id: idSchema,
  applicationId: idSchema,
  filedBy: idSchema,
  filedAt: instantSchema,
  content: text(2000, '异议内容'),
  status: objectionStatusSchema,
  resolution: text(2000, '处理意见').nullable(),
  resolvedBy: idSchema.nullable(),
  resolvedAt: instantSchema.nullable(),
});
export const objectionSchema = objectionBaseSchema.superRefine((o, ctx) => {
  const filled = [o.resolution, o.resolvedBy, o.resolvedAt].filter((v) => v !== null).length;
  if (o.status === 'resolved' && filled !== 3) {
    ctx.addIssue({ code: 'custom', path: ['resolution'], message: '已处理的异议必须有处理意见、处理人和处理时间' });
  }
  if (o.status === 'open' && filled !== 0) {
    ctx.addIssue({ code: 'custom', path: ['status'], message: '未处理的异议不应有处理结果' });
  }
  if (o.resolvedAt !== null && o.resolvedAt < o.filedAt) {
    ctx.addIssue({ code: 'custom', path: ['resolvedAt'], message: '处理时间早于提出时间' });
  }
});
export type Objection = z.infer<typeof objectionSchema>;

/** 申报批次 (seed 004 第八条: 每两年接受建站申请). */
export const roundBaseSchema = z.strictObject({
  id: idSchema,
  programmeId: idSchema,
  title: text(100, '批次名称'),
  opensOn: chinaDateSchema,
  closesOn: chinaDateSchema,
  /** quotas for limits whose max the programme leaves to each round (limit id → max) */
  quotas: z.record(z.string(), z.number().int().min(0)),
  createdAt: instantSchema,
  /** the year the round is of (org.saveRound: one round per programme and year) */
  year: z.number().int().min(2000).max(2100).optional(),
  /** the city CAST unit that opened it (org.saveRound) */
  castUnitId: idSchema.optional(),
  /**
   * The version of the programme definition the round opened with ('builtin' for a compiled one, 'v1' …
   * for an installed one; issue 16 item 6): its applications are validated, shown and scored with it
   * even after a newer version is installed. Absent on rounds opened before versions: the built-in one.
   */
  programmeVersion: z
    .string()
    .regex(/^(builtin|v[1-9][0-9]{0,5})$/)
    .optional(),
});
export const roundSchema = roundBaseSchema.refine((r) => r.closesOn >= r.opensOn, {
  path: ['closesOn'],
  message: '截止日期不能早于开始日期',
});
export type Round = z.infer<typeof roundSchema>;

/**
 * Applications counted against a limit (collection `applicationQuotas`): a round's quota per kind
 * (`round:${roundId}:${kindId}`) or one society's stations (`society:${societyId}`).
 */
export const applicationQuotaSchema = z.strictObject({
  id: z.string().min(1).max(200),
  entries: z.array(
    z.strictObject({ applicationId: idSchema, level: z.enum(['national', 'provincial', 'city']).nullable(), at: instantSchema }),
  ),
});
export type ApplicationQuota = z.infer<typeof applicationQuotaSchema>;

/** A penalty decision on record (collection `sanctions`); never deleted. */
export const sanctionSchema = z.strictObject({
  id: idSchema,
  subjectType: applicantTypeSchema,
  subjectId: idSchema,
  programmeId: idSchema,
  penaltyId: idSchema,
  imposedOn: chinaDateSchema,
  reason: z.string().max(2000),
  imposedBy: idSchema,
  at: instantSchema,
});
export type Sanction = z.infer<typeof sanctionSchema>;

// ---------------------------------------------------------------------------------------------
// Requests. Every write carries a client-made requestId so a retried call is applied once.

const withRequestId = { requestId: requestIdSchema };

/**
 * Save a draft. No applicationId = create (baseVersion 0); with one, baseVersion is the version
 * the client read, and the save is refused (CONFLICT.VERSION) if someone saved since.
 */
export const saveDraftRequestSchema = z
  .object(applicationBaseSchema.pick({ programmeId: true, kindId: true, roundId: true, values: true }).shape)
  .extend({
    applicationId: idSchema.optional(),
    baseVersion: z.number().int('版本号应为整数').min(0, '版本号不能为负'),
    ...withRequestId,
  })
  .superRefine((r, ctx) => {
    if (r.applicationId === undefined && r.baseVersion !== 0) {
      ctx.addIssue({ code: 'custom', path: ['baseVersion'], message: '新建草稿的版本号应为 0' });
    }
    if (r.applicationId !== undefined && r.baseVersion === 0) {
      ctx.addIssue({ code: 'custom', path: ['baseVersion'], message: '修改已有申报时须提供读取时的版本号' });
    }
  });
export type SaveDraftRequest = z.infer<typeof saveDraftRequestSchema>;

export const submitRequestSchema = z.object({ applicationId: idSchema, ...withRequestId });
export type SubmitRequest = z.infer<typeof submitRequestSchema>;

export const withdrawRequestSchema = z.object({
  applicationId: idSchema,
  reason: optionalText(300, '撤回原因'),
  ...withRequestId,
});
export type WithdrawRequest = z.infer<typeof withdrawRequestSchema>;

export const reviewRequestSchema = z
  .object(reviewBaseSchema.pick({ applicationId: true, decision: true, comment: true, fieldComments: true, checklist: true }).shape)
  .extend(withRequestId)
  .superRefine(decisionExplained);
export type ReviewRequest = z.infer<typeof reviewRequestSchema>;

export const assignReviewersRequestSchema = z.object({
  applicationId: idSchema,
  reviewerIds: z
    .array(idSchema)
    .min(1, '请至少指定一位评审专家')
    .max(30, '评审专家过多')
    .refine((ids) => new Set(ids).size === ids.length, '评审专家重复'),
  ...withRequestId,
});
export type AssignReviewersRequest = z.infer<typeof assignReviewersRequestSchema>;

/** The reviewer is the caller and the total is computed on the server: neither is sent. */
export const scoreRequestSchema = z
  .object(scoreSheetBaseSchema.pick({ applicationId: true, items: true, answers: true }).shape)
  .extend(withRequestId);
export type ScoreRequest = z.infer<typeof scoreRequestSchema>;

/** The end date follows from the programme's publicity length and day kind; it is not sent. */
export const startPublicityRequestSchema = z.object({
  applicationId: idSchema,
  startDate: chinaDateSchema,
  note: optionalText(500, '公示说明'),
  ...withRequestId,
});
export type StartPublicityRequest = z.infer<typeof startPublicityRequestSchema>;

export const fileObjectionRequestSchema = z
  .object(objectionBaseSchema.pick({ applicationId: true, content: true }).shape)
  .extend(withRequestId);
export type FileObjectionRequest = z.infer<typeof fileObjectionRequestSchema>;

export const resolveObjectionRequestSchema = z.object({
  objectionId: idSchema,
  resolution: text(2000, '处理意见'),
  ...withRequestId,
});
export type ResolveObjectionRequest = z.infer<typeof resolveObjectionRequestSchema>;

/** 授牌 (seed 004 第八条(四)): the plaque date starts the station's assessment calendar. */
export const awardRequestSchema = z.object({
  applicationId: idSchema,
  plaqueDate: chinaDateSchema,
  ...withRequestId,
});
export type AwardRequest = z.infer<typeof awardRequestSchema>;
