import { z } from 'zod';
import type { Penalty } from '../programmes/schema';
import { parseYuan } from '../rules/post-award/award';
import type { ConsequenceStatus } from '../rules/post-award/consequences';
import { type SubjectRef, subjectRefSchema } from '../schemas/awards';
import { type ChinaDate, chinaDateSchema, cleanString, fileRefSchema, idSchema, requestIdSchema } from '../schemas/common';
import type { Station } from '../schemas/org';
import { action } from './define';

/**
 * The consequences part of the `awards` function (helper CONSEQ, issue 14 items 4 and 5): proposals
 * computed from outcomes, staff decisions on them (the clause shown), misconduct findings, lifting a
 * rectification, and the station lifecycle (standing, term end, renewal, merge / reorganise / close on
 * request, 第十三条 / 第十四条). Spread into `awardsApi` (shared/api/awards.ts).
 */

const reasonText = (label: string, max = 1000) => cleanString().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 个字`);

/** An amount typed in 元 with up to two decimals, read exactly into 分 (the string is parsed, never a float). */
const yuanText = z
  .string()
  .max(20, '金额过长')
  .refine((s) => parseYuan(s) !== null, '金额格式不正确：请填写元，最多两位小数')
  .transform((s) => parseYuan(s) as number);

export interface ConsequenceView {
  id: string;
  subject: SubjectRef;
  /** the award's project title, or the station's name */
  subjectName: string;
  /** the awarded society / host unit */
  unitName: string;
  castUnitId: string;
  programmeId: string;
  programmeTitle: string;
  penaltyId: string;
  clause: string;
  trigger: string;
  /** what produced it, Chinese (e.g. 年度验收 第 1 年 不合格（2027-03-01 作出结论）) */
  sourceText: string;
  outcomeOn: ChinaDate;
  /** what the penalty does, one line each */
  effects: string[];
  status: ConsequenceStatus;
  statusLabel: string;
  banYears: number;
  banLastDay: ChinaDate | null;
  effectiveOn: ChinaDate;
  deadline: ChinaDate | null;
  clawBack: Penalty['clawBack'];
  /** paid to the subject so far, fen */
  paidFen: number;
  /** proposed (or, once decided, demanded) refund, fen */
  refundFen: number | null;
  /** staff must enter the refund amount to confirm */
  refundNeedsAmount: boolean;
  removePlaque: boolean;
  rectification: boolean;
  /** the decision's (or finding's) reason */
  reason: string;
  /** a published passing assessment that lifts this rectification, Chinese; null when none */
  liftableBy: string | null;
  /** the caller may confirm / dismiss (proposed) or lift / re-check (a confirmed rectification) */
  canDecide: boolean;
  canLift: boolean;
}

export interface ConsequenceList {
  items: ConsequenceView[];
  /** proposals waiting for a staff decision */
  openCount: number;
  side: 'staff' | 'applicant';
  /** awards and stations the caller may record a misconduct finding on (staff who decide) */
  reportable: { subject: SubjectRef; name: string }[];
}

export const stationChangeTypes = ['merge', 'reorganise', 'close'] as const;
export type StationChangeType = (typeof stationChangeTypes)[number];
export const stationChangeLabels: Record<StationChangeType, string> = { merge: '合并', reorganise: '重组', close: '撤销' };

export interface StationChangeView {
  id: string;
  type: StationChangeType;
  typeLabel: string;
  reason: string;
  mergeIntoStationId: string | null;
  mergeIntoName: string | null;
  attachments: { fileId: string; name: string }[];
  requestedAt: number;
  status: 'pending' | 'approved' | 'rejected';
  statusLabel: string;
  decision: { at: number; comment: string } | null;
}

export interface StationLifecycleView {
  station: {
    id: string;
    name: string;
    status: Station['status'];
    statusLabel: string;
    plaqueDate: ChinaDate;
    termYears: number;
    termEndsOn: ChinaDate;
    societyName: string;
    hostUnitName: string;
  };
  /** the station's consequences (rectification, 摘牌, …): proposals and decisions */
  consequences: ConsequenceView[];
  /** rectification running now: its deadline, or null */
  rectificationDeadline: ChinaDate | null;
  termEnd: { endsOn: ChinaDate; passed: boolean | null; text: string };
  renewal: { allowed: boolean; reason: string; clause: string | null; applicationId: string | null };
  changes: StationChangeView[];
  /** 第十四条 */
  changeClause: string | null;
  canRequestChange: boolean;
  canDecideChange: boolean;
  /** other stations of the same city a merge may keep */
  mergeTargets: { id: string; name: string }[];
  side: 'staff' | 'applicant';
}

export const consequencesApi = {
  /** Proposals and decisions the caller may see: staff by oversight (all, or one subject), the awarded unit its confirmed ones. */
  listConsequences: action<ConsequenceList>()(
    z.strictObject({
      subject: subjectRefSchema.optional(),
      status: z.enum(['proposed', 'confirmed', 'dismissed', 'lifted']).optional(),
    }),
  ),
  /** Confirm (with the refund amount where the penalty needs one) or dismiss (with a reason) a proposal. */
  decideConsequence: action<ConsequenceView>()(
    z.strictObject({
      requestId: requestIdSchema,
      subject: subjectRefSchema,
      consequenceId: idSchema,
      decision: z.enum(['confirm', 'dismiss'], { error: '请选择确认或不予处理' }),
      reason: reasonText('理由'),
      refundYuan: yuanText.optional(),
    }),
  ),
  /** Staff record a misconduct finding (弄虚作假等) on an award or station: it proposes the programme's misconduct penalty. */
  reportMisconduct: action<ConsequenceView>()(
    z.strictObject({
      requestId: requestIdSchema,
      subject: subjectRefSchema,
      finding: reasonText('查实的情况', 2000),
      foundOn: chinaDateSchema,
    }),
  ),
  /** Lift a confirmed rectification once the station's next published assessment passed. */
  liftConsequence: action<ConsequenceView>()(
    z.strictObject({ requestId: requestIdSchema, consequenceId: idSchema, reason: reasonText('解除理由') }),
  ),
  /** The rectification re-check: passed lifts it (the station back to 正常); not passed keeps it, recorded. */
  recheckRectification: action<ConsequenceView>()(
    z.strictObject({
      requestId: requestIdSchema,
      consequenceId: idSchema,
      passed: z.boolean({ error: '请选择复查结论' }),
      reason: reasonText('复查意见'),
    }),
  ),
  /** A station's lifecycle: standing, rectification, term end, renewal, change requests. */
  stationLifecycle: action<StationLifecycleView>()(z.strictObject({ stationId: idSchema })),
  /** 第十三条: a draft renewal application pre-filled from the station's original application. */
  startRenewal: action<{ applicationId: string }>()(z.strictObject({ requestId: requestIdSchema, stationId: idSchema })),
  /** 第十四条: the host unit or the society files a written request to merge, reorganise or close the station. */
  requestStationChange: action<StationChangeView>()(
    z.strictObject({
      requestId: requestIdSchema,
      stationId: idSchema,
      type: z.enum(stationChangeTypes, { error: '请选择合并、重组或撤销' }),
      reason: reasonText('申请理由', 2000),
      mergeIntoStationId: idSchema.nullable().default(null),
      attachments: z.array(fileRefSchema).min(1, '请上传书面申请').max(10, '附件不能超过 10 个'),
    }),
  ),
  /** City staff decide a change request; approving a close or merge closes the station (a merge moves its team first). */
  decideStationChange: action<StationChangeView>()(
    z.strictObject({
      requestId: requestIdSchema,
      stationId: idSchema,
      changeId: idSchema,
      approve: z.boolean({ error: '请选择同意或不同意' }),
      comment: reasonText('意见'),
    }),
  ),
};
