import { z } from 'zod';
import type { ChinaDate } from '../calendar/china-time';
import type { QuarterNumber } from '../calendar/periods';
import type { ClauseResult, Grade, RequirementResult } from '../rules/assessment/evaluate';
import { CONFIRM_MANY_MAX } from '../rules/entry-changes';
import type { CountInfo } from '../rules/logging';
import { chinaDateSchema, cleanString, type FileRef, idSchema, requestIdSchema, text } from '../schemas/common';
import {
  achievementSchema,
  agreementProgressSchema,
  problemSchema,
  type RecordKind,
  type RecordStatus,
  recordKindSchema,
  recordStatusSchema,
  researchSchema,
  serviceDaySchema,
  tacklingSchema,
  trainingSchema,
} from '../schemas/records';
import { action } from './define';
import { type FileUrl, fileUrlInput } from './files';

/**
 * stations: the work an expert team logs for its station's assessment (第十二条), the host unit's
 * confirmation, staff corrections, and "my progress". Inputs are derived from the record schemas
 * (shared/schemas/records.ts) with .pick/.extend, so the form and the server validate the same fields.
 */

// ---------- what each kind's form edits (create and edit send the full set) ----------

const commonFields = { kind: true, date: true, note: true, evidence: true } as const;

/**
 * 第十二条(四) counts trainings with ≥ 50 人次; a single session with more than 10 000 trainees is a
 * typo, not a training, so the input is capped tighter than the stored schema.
 */
export const traineesSchema = z
  .number({ error: '请填写培训人次' })
  .int('培训人次必须是整数')
  .min(1, '培训人次至少为 1')
  .max(10_000, '单场培训人次不能超过 10000');

export const serviceDayFields = serviceDaySchema.pick(commonFields);
export const trainingFields = trainingSchema
  .pick({ ...commonFields, topic: true, place: true, trainees: true })
  .extend({ trainees: traineesSchema });
export const researchFields = researchSchema.pick({ ...commonFields, title: true, result: true, resultDate: true });
export const tacklingFields = tacklingSchema.pick({ ...commonFields, title: true, partners: true });
export const problemFields = problemSchema.pick({ ...commonFields, enterprise: true, problem: true, outcome: true });
export const achievementFields = achievementSchema.pick({ ...commonFields, title: true, recipient: true, method: true });
export const agreementFields = agreementProgressSchema.pick({ ...commonFields, percent: true }).extend({
  percent: z.number({ error: '请填写完成比例' }).int('完成比例必须是整数').min(0, '完成比例不能小于 0').max(100, '完成比例不能大于 100'),
});

/** The editable fields of any entry, by kind (editEntry / correctEntry replace them as a whole). */
export const entryFieldsSchema = z.discriminatedUnion('kind', [
  serviceDayFields,
  trainingFields,
  researchFields,
  tacklingFields,
  problemFields,
  achievementFields,
  agreementFields,
]);
export type EntryFields = z.infer<typeof entryFieldsSchema>;
export type EntryFieldsInput = z.input<typeof entryFieldsSchema>;

const write = { requestId: requestIdSchema, stationId: idSchema };

/** Where the phone was, when the person consented to the location check-in (WeChat privacy flow). */
export const locationSchema = z.object({
  lat: z.number({ error: '纬度必须是数字' }).min(-90).max(90),
  lng: z.number({ error: '经度必须是数字' }).min(-180).max(180),
});

export const logServiceDayInput = serviceDayFields
  .omit({ kind: true })
  .extend({ ...write, location: locationSchema.nullable().default(null) });
export const logTrainingInput = trainingFields.omit({ kind: true }).extend(write);
export const logResearchInput = researchFields.omit({ kind: true }).extend(write);
export const logTacklingInput = tacklingFields.omit({ kind: true }).extend(write);
export const logProblemInput = problemFields.omit({ kind: true }).extend(write);
export const logAchievementInput = achievementFields.omit({ kind: true }).extend(write);
export const logAgreementProgressInput = agreementFields.omit({ kind: true }).extend(write);

const reasonText = (label: string) => text(300, label);

export const confirmEntryInput = z
  .object({
    requestId: requestIdSchema,
    recordId: idSchema,
    decision: z.enum(['confirm', 'dispute']),
    /** required when disputing (有异议), optional when confirming */
    reason: cleanString().max(300, '原因不能超过 300 个字').default(''),
  })
  .refine((x) => x.decision === 'confirm' || x.reason.length > 0, { path: ['reason'], error: '请填写异议原因' });

/**
 * 全部确认: the host-unit contact confirms up to CONFIRM_MANY_MAX entries in one call; each entry is
 * authorised and checked exactly as confirmEntry (same handler), and idempotent per entry under the
 * request id, so a call retried after a timeout replays what was done and does the rest.
 */
export const confirmManyInput = z.object({
  requestId: requestIdSchema,
  recordIds: z
    .array(idSchema)
    .min(1, '请选择要确认的记录')
    .max(CONFIRM_MANY_MAX, `每次最多确认 ${CONFIRM_MANY_MAX} 条`)
    .refine((ids) => new Set(ids).size === ids.length, '记录重复'),
});
export interface ConfirmManyItem {
  recordId: string;
  ok: boolean;
  /** the entry's status after the call (confirmed when ok) */
  status: RecordStatus | null;
  /** when not ok: the error code and its Chinese message */
  code: string | null;
  message: string | null;
}
export interface ConfirmManyResult {
  confirmed: number;
  failed: number;
  items: ConfirmManyItem[];
}
/** 撤销确认: the host-unit contact takes a confirmation back while its period is open. */
export const undoConfirmInput = z.object({ requestId: requestIdSchema, recordId: idSchema });

export const editEntryInput = z.object({ requestId: requestIdSchema, recordId: idSchema, entry: entryFieldsSchema });
export const withdrawEntryInput = z.object({
  requestId: requestIdSchema,
  recordId: idSchema,
  reason: cleanString().max(300, '原因不能超过 300 个字').default(''),
});
/** 调研成果, added to a study later. */
export const logResearchResultInput = z.object({
  requestId: requestIdSchema,
  recordId: idSchema,
  result: text(1000, '调研成果'),
  resultDate: chinaDateSchema,
});
/** Staff of the owning CAST correct any entry (also confirmed ones); the reason is kept in the audit log. */
export const correctEntryInput = z
  .object({
    requestId: requestIdSchema,
    recordId: idSchema,
    entry: entryFieldsSchema.optional(),
    status: recordStatusSchema.optional(),
    reason: reasonText('更正原因'),
  })
  .refine((x) => x.entry !== undefined || x.status !== undefined, { path: ['entry'], error: '请填写要更正的内容或状态' });

/** h5 (local host) only: a small photo as base64; weapp uploads with Taro.cloud.uploadFile instead. */
export const MAX_EVIDENCE_BASE64 = 90 * 1024;
export const evidenceMimes = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const uploadEvidenceInput = z.object({
  requestId: requestIdSchema,
  stationId: idSchema,
  name: cleanString()
    .min(1, '文件名不能为空')
    .max(100, '文件名过长')
    .regex(/^[^/\\]+$/, '文件名不能包含路径'),
  mime: z.enum(evidenceMimes, { error: '只能上传 JPG、PNG 或 WEBP 图片' }),
  dataBase64: z
    .string()
    .min(1, '图片为空')
    .max(MAX_EVIDENCE_BASE64, `图片过大：压缩后不能超过 ${MAX_EVIDENCE_BASE64 / 1024} KB，请降低分辨率后重试`)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, '图片数据格式不正确'),
});

export const listEntriesInput = z.object({
  stationId: idSchema,
  /** mine: my own entries; pending: awaiting the host unit's confirmation; all: the station's entries */
  scope: z.enum(['mine', 'pending', 'all']).default('mine'),
  kind: recordKindSchema.optional(),
  limit: z.number().int().min(1).max(100).default(50),
  skip: z.number().int().min(0).max(100_000).default(0),
});

// ---------- answers ----------

import type { RecordView } from '../rules/record-privacy';

/** Whether an entry counts toward the thresholds of 第十二条 (decided by shared/rules/logging.ts). */
export type { CountInfo } from '../rules/logging';

export interface EntryView {
  /** a service day's check-in carries coordinates only for its author (shared/rules/record-privacy.ts) */
  record: RecordView;
  count: CountInfo;
  stationName: string;
  authorName: string;
  kindLabel: string;
  statusLabel: string;
  /** the caller may edit or withdraw it (own, not confirmed, not withdrawn, its period not closed) */
  canEdit: boolean;
  /** the caller is this station's host-unit contact and the entry awaits confirmation (its period not closed) */
  canConfirm: boolean;
  /** the caller is this station's host-unit contact and may take the confirmation back (confirmed, period open) */
  canUndoConfirm: boolean;
}

export interface EntryPage {
  entries: EntryView[];
  /** total matching (for paging) */
  total: number;
}

export interface StationChoice {
  id: string;
  name: string;
  plaqueDate: ChinaDate;
  hostUnitName: string;
  /** the host unit has a location, so a check-in can be compared with its radius */
  hasLocation: boolean;
  roles: Array<'expert' | 'hostContact' | 'secretary'>;
}

export interface DayMark {
  date: ChinaDate;
  recordId: string;
  stationId: string;
  stationName: string;
  status: RecordStatus;
  backfilled: boolean;
}

export interface PeriodFigures {
  start: ChinaDate;
  end: ChinaDate;
  /** pending + confirmed */
  days: number;
  /** confirmed only */
  verifiedDays: number;
  required: number;
  /** required − days (never negative) */
  stillNeeded: number;
}

export interface MyProgress {
  station: StationChoice;
  /** the server's clock (epoch ms): the app derives "today" from it, also while offline */
  now: number;
  today: ChinaDate;
  /** 0 before the plaque date (nothing to assess yet) */
  yearIndex: number;
  /** the caller's own days (null for a host-unit contact who is not on the team) */
  mine: null | {
    quarter: PeriodFigures & {
      quarter: QuarterNumber;
      workingDaysLeft: number;
      calendarDaysLeft: number;
      /** projected at today's pace; a hint, not a rule */
      willMiss: boolean;
    };
    year: PeriodFigures & { yearIndex: number };
  };
  /** dates that may be logged today: [earliest, today]; the backfill window is a programme setting */
  window: { earliest: ChinaDate; latest: ChinaDate; backfillDaysAfterQuarter: number };
  /** the caller's service days in the window (all stations), newest first */
  recentDays: DayMark[];
  /** the station's clause-by-clause state (第十二条), on all entries, with verified figures alongside */
  requirements: RequirementResult[];
  clauses: ClauseResult[];
  score: { all: number; verified: number };
  grade: { all: Grade; verified: Grade };
  provisional: boolean;
  /** Chinese note when working days fell back to weekends-only */
  note: string;
}

export interface AuditRow {
  at: number;
  actorId: string;
  actorName: string;
  action: string;
  before: unknown;
  after: unknown;
  reason: string;
}

export const stationsApi = {
  myStations: action<StationChoice[]>()(z.object({})),
  logServiceDay: action<EntryView>()(logServiceDayInput),
  logTraining: action<EntryView>()(logTrainingInput),
  logResearch: action<EntryView>()(logResearchInput),
  logResearchResult: action<EntryView>()(logResearchResultInput),
  logTackling: action<EntryView>()(logTacklingInput),
  logProblem: action<EntryView>()(logProblemInput),
  logAchievement: action<EntryView>()(logAchievementInput),
  logAgreementProgress: action<EntryView>()(logAgreementProgressInput),
  editEntry: action<EntryView>()(editEntryInput),
  withdrawEntry: action<EntryView>()(withdrawEntryInput),
  confirmEntry: action<EntryView>()(confirmEntryInput),
  confirmMany: action<ConfirmManyResult>()(confirmManyInput),
  undoConfirm: action<EntryView>()(undoConfirmInput),
  correctEntry: action<EntryView>()(correctEntryInput),
  uploadEvidence: action<FileRef>()(uploadEvidenceInput),
  listEntries: action<EntryPage>()(listEntriesInput),
  getEntry: action<EntryView>()(z.object({ recordId: idSchema })),
  entryHistory: action<AuditRow[]>()(z.object({ recordId: idSchema })),
  myProgress: action<MyProgress>()(z.object({ stationId: idSchema.optional() })),
  /** a short-lived URL to an evidence photo, for its author, the station's host contact and overseeing staff (finding 8) */
  fileUrl: action<FileUrl>()(fileUrlInput),
};
export type StationsApi = typeof stationsApi;

/** The log actions, by record kind (the offline queue and the forms use it). */
export const logActionOf: Record<RecordKind, keyof StationsApi> = {
  serviceDay: 'logServiceDay',
  training: 'logTraining',
  research: 'logResearch',
  tackling: 'logTackling',
  problem: 'logProblem',
  achievement: 'logAchievement',
  agreement: 'logAgreementProgress',
};

export const recordStatusLabels: Record<RecordStatus, string> = {
  pending: '待确认',
  confirmed: '已确认',
  disputed: '有异议',
  withdrawn: '已撤回',
};
