import { z } from 'zod';
import type { CheckWait } from '../rules/post-award/checks';
import type { CheckDoc } from '../schemas/awards';
import { type ChinaDate, chinaDateSchema, cleanString, type FileRef, fileRefSchema, idSchema, requestIdSchema } from '../schemas/common';
import type { ExportResult } from './applications';
import { action } from './define';

/**
 * The checks of an award (issue 14 item 2: 中期检查、总结验收、年度工作考核、结项验收) — actions of the
 * `awards` function, spread into awardsApi (shared/api/awards.ts). Materialised from the programme's
 * `postAward.checks` when an award's checks are listed; the applicant attaches materials per item and
 * submits; opinion givers (staff, the finance bureau 市财政局) record theirs; the decider passes, fails
 * or returns; a passed check the programme publicises counts after its publicity without an upheld
 * objection (shared/rules/post-award/checks.ts `checkCounts`).
 */

const checkIdInput = idSchema;

/** What a check material may be: PDF, photos, Word and Excel (types whose bytes shared/rules/files.ts can sniff). */
export const checkFileTypes = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/msword',
  'application/vnd.ms-excel',
] as const;
const text = (max: number, required: string) => cleanString().min(1, required).max(max, `不能超过 ${max} 字`);

export const checkQueueFilters = ['all', 'overdue', 'dueSoon', 'opinion', 'decision', 'publicity'] as const;
export type CheckQueueFilter = (typeof checkQueueFilters)[number];
export const checkQueueFilterLabels: Record<CheckQueueFilter, string> = {
  all: '全部',
  overdue: '已逾期',
  dueSoon: '即将到期',
  opinion: '待出具意见',
  decision: '待作出结论',
  publicity: '公示中',
};

/** How the caller stands to an award's checks: its unit, staff overseeing it, or the finance bureau. */
export type CheckSide = 'applicant' | 'staff' | 'finance';

export interface CheckRow {
  id: string;
  awardId: string;
  awardTitle: string;
  applicantName: string;
  programmeId: string;
  programmeTitle: string;
  checkId: string;
  label: string;
  clause: string;
  year: number;
  /** "第 2 年" for a yearly check, '' for a one-off */
  yearLabel: string;
  dueDate: ChinaDate;
  status: CheckDoc['status'];
  statusLabel: string;
  wait: CheckWait;
  waitLabel: string;
  urgency: 'overdue' | 'dueSoon' | null;
  /** counts for money and consequences: passed after publicity, failed, or still open */
  counts: 'passed' | 'failed' | 'open';
  publicityEnd: ChinaDate | null;
  /** the caller has a step to take on it now */
  mine: boolean;
}

export interface ChecksOfAward {
  awardId: string;
  title: string;
  programmeTitle: string;
  side: CheckSide;
  items: CheckRow[];
  /** checks owed whose due date cannot be known yet, with why */
  notYet: { checkId: string; label: string; year: number; reason: string }[];
}

export interface CheckQueue {
  filter: CheckQueueFilter;
  items: CheckRow[];
  /** how many fall under each filter (before filtering) */
  counts: Record<CheckQueueFilter, number>;
}

export interface CheckView extends CheckRow {
  typeLabel: string;
  decidedByLabel: string;
  note: string;
  revision: number;
  side: CheckSide;
  /** where the applicant's app puts a material's file before saveCheckMaterials names it ('' for others) */
  uploadFolder: string;
  materials: { id: string; label: string; required: boolean; files: FileRef[] }[];
  opinions: {
    id: string;
    label: string;
    roleLabel: string;
    given: { passed: boolean; text: string; byName: string; at: number } | null;
  }[];
  outcome: { passed: boolean; reasons: string[]; byName: string; at: number; decidedOn: ChinaDate } | null;
  publicity: { start: ChinaDate; end: ChinaDate; objectionUpheld: boolean; over: boolean } | null;
  objections: {
    index: number;
    text: string;
    receivedOn: ChinaDate;
    decision: { upheld: boolean; reason: string; byName: string; at: number } | null;
  }[];
  returns: { comment: string; byName: string; at: number }[];
  /** what the caller may do now; a refusal reason (Chinese) where a step exists but is not open */
  can: {
    saveMaterials: boolean;
    submit: boolean;
    /** the opinion ids the caller may give now */
    opinionIds: string[];
    decide: boolean;
    recordObjection: boolean;
    decideObjection: boolean;
  };
  /** why the decision cannot be made yet (e.g. 尚缺：市财政局意见), '' when it can or the caller does not decide */
  decideBlocked: string;
  /** why submitting is refused (e.g. 请上传：…), '' when it can */
  submitBlocked: string;
}

export interface CheckSaved {
  id: string;
  status: CheckDoc['status'];
  revision: number;
}

const revision = z.number().int('版本号应为整数').min(1, '版本号无效');

export const checksApi = {
  /** the checks of one award (materialised from the programme's data on first listing) */
  listChecks: action<ChecksOfAward>()(z.object({ awardId: idSchema })),
  /** staff and the finance bureau: the checks of every award they oversee, filtered, by due date */
  checkQueue: action<CheckQueue>()(
    z.object({ filter: z.enum(checkQueueFilters, { message: '筛选条件无效' }).default('all'), programmeId: idSchema.optional() }),
  ),
  getCheck: action<CheckView>()(z.object({ checkId: checkIdInput })),
  /** the applicant: a file through the function (h5 / small files); attached by saveCheckMaterials */
  uploadCheckFile: action<FileRef>()(
    z.object({
      checkId: checkIdInput,
      name: cleanString().min(1, '请提供文件名').max(200, '文件名过长'),
      mime: z.enum(checkFileTypes, { error: '只能上传 PDF、图片、Word 或 Excel 文件' }),
      base64: z.string().min(1, '文件为空').max(14_000_000, '文件过大，请压缩后重新上传'),
    }),
  ),
  /** the applicant: the files of each material item (the whole set; replaces what was saved) */
  saveCheckMaterials: action<CheckSaved>()(
    z.object({
      requestId: requestIdSchema,
      checkId: checkIdInput,
      revision,
      materials: z.record(z.string().min(1).max(60), z.array(fileRefSchema).max(20, '每项最多 20 个文件')),
    }),
  ),
  submitCheck: action<CheckSaved>()(z.object({ requestId: requestIdSchema, checkId: checkIdInput, revision })),
  /** an opinion giver of the check's rule (its role; the finance bureau for 市财政局意见) */
  giveOpinion: action<CheckSaved>()(
    z.object({
      requestId: requestIdSchema,
      checkId: checkIdInput,
      opinionId: z.string().min(1, '请选择意见项').max(60),
      passed: z.boolean({ message: '请选择是否同意通过' }),
      text: text(2000, '请填写意见'),
    }),
  ),
  /** the decider: pass / fail with reasons, or return for more materials with a comment */
  decideCheck: action<CheckSaved>()(
    z.object({
      requestId: requestIdSchema,
      checkId: checkIdInput,
      revision,
      decision: z.enum(['pass', 'fail', 'return'], { message: '请选择结论' }),
      reasons: z.array(text(500, '理由不能为空')).min(1, '请填写理由').max(20, '理由最多 20 条'),
      /** the first day of the publicity of a passed check (default: today) */
      publicityStart: chinaDateSchema.optional(),
    }),
  ),
  /** staff: an objection received during the publicity of a passed check */
  recordObjection: action<CheckSaved>()(
    z.object({ requestId: requestIdSchema, checkId: checkIdInput, text: text(2000, '请填写异议内容'), receivedOn: chinaDateSchema }),
  ),
  /** staff: upheld (the check counts as failed) or not, with the reason */
  decideObjection: action<CheckSaved>()(
    z.object({
      requestId: requestIdSchema,
      checkId: checkIdInput,
      index: z.number().int().min(0).max(19),
      upheld: z.boolean({ message: '请选择异议是否成立' }),
      reason: text(1000, '请填写处理理由'),
    }),
  ),
  /** the acceptance report (.docx) for stamping */
  exportAcceptanceReport: action<ExportResult>()(z.object({ checkId: checkIdInput })),
};
export type ChecksApi = typeof checksApi;
