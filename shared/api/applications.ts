import { z } from 'zod';
import type { FieldIssue } from '../errors';
import type { FormDefinition, MissingField } from '../forms';
import type { Programme } from '../programmes/schema';
import type { EligibilityResult } from '../rules/eligibility';
import type { FactValue } from '../rules/facts';
import type { MaterialsCheck } from '../rules/materials';
import type { PendingKind, Permissions } from '../rules/permissions';
// Statuses from the schema module, not from rules/workflow: the app bundle must not pull in the
// holiday calendar (chinese-days) the workflow's publicity rule needs.
import {
  type Applicant,
  type ApplicationStatus,
  type Attachment,
  applicationStatusSchema,
  assignReviewersRequestSchema,
  awardRequestSchema,
  type ChecklistItem,
  type FieldComments,
  fileObjectionRequestSchema,
  type Objection,
  type Publicity,
  type Review,
  resolveObjectionRequestSchema,
  reviewRequestSchema,
  type ScoreItem,
  saveDraftRequestSchema,
  scoreRequestSchema,
  startPublicityRequestSchema,
  submitRequestSchema,
  withdrawRequestSchema,
} from '../schemas/application';
import { type ChinaDate, chinaDateSchema, cleanString, fileRefSchema, idSchema, requestIdSchema } from '../schemas/common';
import type { HostUnit, Society, StationLevel } from '../schemas/org';
import { action } from './define';
import { type FileUrl, fileUrlInput } from './files';

/**
 * The `applications` function: secretaries apply (draft → precheck → submit), staff review each
 * stage of the programme definition, publicity, objections, award, exports. Client and server import
 * these same contracts.
 */

// ───────────────────────── facts: what eligibility reads ─────────────────────────

/** Facts are a rule (shared/rules/facts.ts); the contract re-exports what the app and the requests name. */
export { type FactSource, type FactValue, factSources, gatherFacts, ORG_FACTS, type OrgFacts } from '../rules/facts';

export const declaredFactsSchema = z
  .record(
    z.string().regex(/^[a-z][A-Za-z0-9]{0,59}$/, '事实编号格式不正确'),
    z.union([z.boolean(), z.number(), cleanString().max(60), z.null()]),
  )
  .refine((r) => Object.keys(r).length <= 100, '申报条件自查项目过多');

// ───────────────────────── views ─────────────────────────

export interface RoundView {
  id: string;
  programmeId: string;
  title: string;
  opensOn: ChinaDate;
  closesOn: ChinaDate;
  /** today is within opensOn..closesOn */
  open: boolean;
  /** the year the round is of (rounds saved before org.saveRound: the year it opens) */
  year: number;
  /** the numbers this round sets for the programme's per-round limits (limit id → max) */
  quotas: Record<string, number>;
}

export interface KindCall {
  kindId: string;
  label: string;
  applicantType: 'society' | 'hostUnit';
  formId: string;
  formTitle: string;
  stationLevels: StationLevel[] | null;
  /** the caller must choose the 建站单位 (their binding does not pin one) */
  chooseHostUnit: boolean;
  /** the caller must choose the 建站学会 */
  chooseSociety: boolean;
}
export interface ProgrammeCall {
  programmeId: string;
  title: string;
  city: string;
  kinds: KindCall[];
  rounds: RoundView[];
}
export interface OpenCalls {
  calls: ProgrammeCall[];
  hostUnits: Pick<HostUnit, 'id' | 'name' | 'kind' | 'castUnitId'>[];
  societies: Pick<Society, 'id' | 'name' | 'level'>[];
}

export interface ApplicationRow {
  id: string;
  programmeId: string;
  programmeTitle: string;
  kindId: string;
  kindLabel: string;
  roundId: string;
  roundTitle: string;
  applicantName: string;
  /** the name the applicant gave on the form, if any (e.g. 学会服务站名称) */
  title: string;
  status: ApplicationStatus;
  statusLabel: string;
  stageId: string | null;
  stageLabel: string;
  /** the caller can act on it now (their stage, their scoring, their publicity …) */
  actionable: boolean;
  /** what the caller has to do (staff home counts: 待我审核 / 待分配评审专家 / 待我评分 …), null when nothing */
  pending: PendingKind | null;
  /** for the queue's search: the applicant society and host unit by name ('' when none) */
  societyName: string;
  hostUnitName: string;
  submittedAt: number | null;
  updatedAt: number;
  version: number;
}

export interface PrecheckView {
  eligibility: EligibilityResult;
  materials: MaterialsCheck;
  missingFields: MissingField[];
  /** format problems of filled-in values, with paths `values.<key>` */
  invalidFields: FieldIssue[];
  /** facts the applicant still has to answer in 申报条件自查 */
  unansweredFacts: { id: string; label: string }[];
  canSubmit: boolean;
  /** Chinese, one line per reason submission is blocked */
  blockers: string[];
}

/** One line of an application's history: who did what, when (the audit log keeps before/after). */
export interface HistoryView {
  at: number;
  actorId: string;
  actorName: string;
  /** a workflow action (submit, pass, return …) or created / skipped / assignReviewers / score / objection / objectionResolved */
  action: string;
  fromStatus: ApplicationStatus | null;
  toStatus: ApplicationStatus;
  stageId: string | null;
  note: string;
}

export interface AttachmentView extends Attachment {
  materialLabel: string;
}
export interface StageView {
  id: string;
  label: string;
  role: string;
  roleLabel: string;
  phase: 'beforePublicity' | 'afterPublicity';
  state: 'done' | 'current' | 'todo' | 'skipped';
  /** why it is skipped (a skip rule of the definition) */
  note: string;
}
export interface ScoreSheetView {
  reviewerId: string;
  reviewerName: string;
  stageId: string;
  items: ScoreItem[];
  /** the scorer's answers to staff-answered facts */
  answers?: Record<string, boolean | number | string>;
  total: number;
  /** the band the total reaches (rubric bands), e.g. 三星 */
  band?: string | null;
  at: number;
}

import type { RubricView } from '../rules/scoring';

export type { RubricView };
/** A publicity as shown: the stored one (shared/schemas/application.ts) and whether it is over on the day it is read. */
export type PublicityView = Publicity & { over: boolean };
/** Decided by shared/rules/permissions.ts. */
export type { PendingKind, Permissions } from '../rules/permissions';
export interface ApplicationView {
  id: string;
  programmeId: string;
  programmeTitle: string;
  kindId: string;
  kindLabel: string;
  roundId: string;
  roundTitle: string;
  formId: string;
  applicant: Applicant & { societyName: string; hostUnitName: string };
  castUnitId: string;
  values: Record<string, unknown>;
  facts: Record<string, FactValue>;
  version: number;
  status: ApplicationStatus;
  statusLabel: string;
  stageId: string | null;
  stageLabel: string;
  stages: StageView[];
  attachments: AttachmentView[];
  fieldComments: FieldComments;
  history: HistoryView[];
  reviews: (Omit<Review, 'type'> & { actorName: string; stageLabel: string })[];
  reviewers: { id: string; name: string; scored: boolean }[];
  scoreSheets: ScoreSheetView[];
  rubric: RubricView | null;
  /** the 形式审查 checklist of the current stage (formal review stages), unchecked */
  checklist: ChecklistItem[];
  publicity: PublicityView | null;
  objections: (Objection & { filedByName: string })[];
  stationId: string | null;
  submittedAt: number | null;
  createdAt: number;
  updatedAt: number;
  can: Permissions;
  /** the current stage is scored by its staff with the 100-point rubric: passing needs a score sheet first */
  scoreRequired: boolean;
  /** the server's China date (default for publicity start and plaque date) */
  today: ChinaDate;
}

export interface SaveResult {
  applicationId: string;
  version: number;
  savedAt: number;
  /**
   * Format problems of what was saved (paths `values.<key>`). A draft is kept even when a value is
   * half typed (nothing typed is ever lost); submit refuses until they are fixed.
   */
  issues: FieldIssue[];
}
/** details of CONFLICT.VERSION: what the server holds, so the phone can show both */
export interface VersionConflictDetails {
  serverVersion: number;
  serverValues: Record<string, unknown>;
  serverFacts: Record<string, FactValue>;
  serverUpdatedAt: number;
}
export interface StatusChange {
  applicationId: string;
  status: ApplicationStatus;
  stageId: string | null;
  version: number;
}
export interface ExportResult {
  file: { fileId: string; name: string; size: number; mime: string };
  /** a temporary download URL signed by the function (cloud storage's temp URL; the local host's signed path) */
  url: string | null;
  /** when `url` stops working (epoch ms) */
  expiresAt: number | null;
  /** the bytes, base64, when small (≤ 256 KB) — h5 saves them directly */
  base64: string | null;
}
export interface ReviewerCandidate {
  personId: string;
  name: string;
  title: string;
  /** a reviewer of the applicant's society or host unit: excluded (回避) */
  conflict: boolean;
  conflictReason: string;
  assigned: boolean;
}

/** Base64 of an attachment uploaded through the function: ≤ 70 KB of bytes keeps a call under 100 KB. */
export const MAX_INLINE_UPLOAD_BYTES = 70 * 1024;
const base64Schema = z
  .string()
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, '文件内容编码不正确')
  .refine((s) => Math.floor((s.length * 3) / 4) <= MAX_INLINE_UPLOAD_BYTES + 2, '文件超过 70 KB，请在微信中上传到云存储');

const idInput = z.object({ applicationId: idSchema });

/**
 * The state the person acted on, as they saw it. When the application has moved on meanwhile (two
 * staff acting on the same stage), the later action is refused with CONFLICT.STATE — never applied
 * to the next stage by mistake.
 */
export const expectedStateSchema = z.object({ status: applicationStatusSchema, stageId: idSchema.nullable() });
const expected = { expected: expectedStateSchema.optional() };

/**
 * A penalty decided against an applicant (fraud, failed acceptance, failed yearly check …) under a
 * programme's penalty rules; its ban (连续 n 年取消申报资格) is read by every later eligibility check.
 */
export const imposeSanctionInput = z.object({
  subject: z.object({ type: z.enum(['society', 'hostUnit']), id: idSchema }),
  programmeId: idSchema,
  /** a penalty id of the programme's definition (e.g. 'fraud') */
  penaltyId: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9.-]{0,59}$/, '处理类型不正确'),
  imposedOn: chinaDateSchema,
  reason: cleanString().min(2, '请写明处理原因').max(500, '原因不能超过 500 字'),
  requestId: requestIdSchema,
});
export interface SanctionView {
  id: string;
  subject: { type: 'society' | 'hostUnit'; id: string; name: string };
  programmeId: string;
  programmeTitle: string;
  penaltyId: string;
  penaltyLabel: string;
  imposedOn: ChinaDate;
  /** last day of the ban, or null when the penalty carries none */
  banLastDay: ChinaDate | null;
  consequences: string[];
  reason: string;
  imposedBy: string;
}

export interface SanctionList {
  sanctions: SanctionView[];
  /** societies and host units the caller oversees (the subjects a decision can name) */
  subjects: Array<{ type: 'society' | 'hostUnit'; id: string; name: string }>;
}

export const programmeDefinitionInput = z.object({
  programmeId: idSchema,
  roundId: idSchema.optional(),
  version: z
    .string()
    .regex(/^(builtin|v[1-9][0-9]{0,5})$/)
    .optional(),
});
/** A programme definition as served to the app: plain data (no functions), the same the server reads. */
export interface ServedDefinition {
  programmeId: string;
  /** 'builtin' or 'v1', 'v2' … */
  version: string;
  programme: Programme;
  forms: FormDefinition[];
}

export const applicationsApi = {
  /** programmes, kinds and rounds the caller may apply to */
  openCalls: action<OpenCalls>()(z.object({})),
  /** the caller's applications (as applicant) */
  mine: action<ApplicationRow[]>()(z.object({})),
  get: action<ApplicationView>()(idInput),
  /** create (no applicationId, baseVersion 0) or save a draft; a stale baseVersion → CONFLICT.VERSION */
  saveDraft: action<SaveResult>()(
    saveDraftRequestSchema.extend({
      facts: declaredFactsSchema.default({}),
      /** create only: the 建站单位 / 建站学会 when the caller's binding does not pin it */
      hostUnitId: idSchema.optional(),
      societyId: idSchema.optional(),
    }),
  ),
  precheck: action<PrecheckView>()(idInput),
  /** small files through the function itself (h5 / local host, or ≤ 70 KB) */
  uploadAttachment: action<AttachmentView & { version: number }>()(
    z.object({
      applicationId: idSchema,
      materialId: idSchema,
      name: cleanString().min(1, '请提供文件名').max(200, '文件名过长'),
      mime: z.string().trim().min(3).max(100),
      base64: base64Schema,
      requestId: requestIdSchema,
    }),
  ),
  /** a file already in cloud storage (wx.cloud.uploadFile → fileID) */
  attach: action<AttachmentView & { version: number }>()(
    z.object({ applicationId: idSchema, materialId: idSchema, file: fileRefSchema, requestId: requestIdSchema }),
  ),
  removeAttachment: action<{ version: number }>()(
    z.object({ applicationId: idSchema, fileId: z.string().trim().min(1).max(512), requestId: requestIdSchema }),
  ),
  submit: action<StatusChange>()(submitRequestSchema.extend(expected)),
  withdraw: action<StatusChange>()(withdrawRequestSchema.extend(expected)),
  /** staff and reviewers: what is in their unit, filterable */
  queue: action<ApplicationRow[]>()(
    z.object({
      programmeId: idSchema.optional(),
      roundId: idSchema.optional(),
      status: applicationStatusSchema.optional(),
      stageId: idSchema.optional(),
      /** only what the caller can act on now */
      actionableOnly: z.boolean().default(false),
      skip: z.number().int().min(0).max(100_000).default(0),
    }),
  ),
  review: action<StatusChange>()(reviewRequestSchema.extend(expected)),
  reviewerCandidates: action<ReviewerCandidate[]>()(idInput),
  assignReviewers: action<StatusChange>()(assignReviewersRequestSchema.extend(expected)),
  score: action<ScoreSheetView>()(scoreRequestSchema),
  startPublicity: action<StatusChange & { publicity: PublicityView }>()(startPublicityRequestSchema.extend(expected)),
  fileObjection: action<{ objectionId: string }>()(fileObjectionRequestSchema),
  resolveObjection: action<{ objectionId: string }>()(resolveObjectionRequestSchema),
  /** publicity over and no open objection → the next stage after publicity, or approved */
  closePublicity: action<StatusChange>()(z.object({ applicationId: idSchema, requestId: requestIdSchema, ...expected })),
  award: action<StatusChange & { stationId: string | null }>()(awardRequestSchema.extend(expected)),
  rounds: action<RoundView[]>()(z.object({ programmeId: idSchema.optional() })),
  exportForm: action<ExportResult>()(idInput),
  exportRound: action<ExportResult>()(z.object({ roundId: idSchema })),
  /** city staff record a penalty decision against a society or host unit */
  imposeSanction: action<SanctionView>()(imposeSanctionInput),
  /** staff: the penalties on record (optionally of one society or host unit) and the units they oversee */
  listSanctions: action<SanctionList>()(z.object({ subjectId: idSchema.optional() })),
  /** a short-lived URL to one of an application's materials, for its applicant and its reviewers (finding 8) */
  fileUrl: action<FileUrl>()(fileUrlInput),
  /**
   * A programme's definition and forms as data, for the app to render from (issue 16 item 6): the
   * version a round opened with (roundId), a given version, else the newest.
   */
  programmeDefinition: action<ServedDefinition>()(programmeDefinitionInput),
};
export type ApplicationsApi = typeof applicationsApi;

export type { ApplicationStatus, ChecklistItem, FieldComments };
