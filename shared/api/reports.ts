import { z } from 'zod';
import type { ChinaDate } from '../calendar/china-time';
import type { QuarterNumber } from '../calendar/periods';
import type { ClauseResult, Grade, RequirementResult, RequirementStatus } from '../rules/assessment/evaluate';
import { type Risk, risks, type StationStatus } from '../rules/assessment/risk-levels';
import type { ClauseKey } from '../rules/assessment/settings';
import { cleanString, type FileRef, idSchema, requestIdSchema } from '../schemas/common';
import { industryFieldSchema, type StationLevel, stationLevelSchema } from '../schemas/org';
import type { RecordKind, RecordStatus } from '../schemas/records';
import { type Assessment, type AssessmentState, assessmentStates, type Funding } from '../schemas/reports';
import { action } from './define';

/**
 * reports: what CAST staff read about the stations they oversee (第十二条) — the dashboard (read
 * from the per-station tallies, never from the records), a station's detail, the year-end
 * assessment (computed → adjusted → published), reminders to experts short of days, and .xlsx exports.
 */

export const grades = ['优秀', '合格', '不合格'] as const satisfies readonly Grade[];
export const gradeSchema = z.enum(grades, { error: '等次只能是优秀、合格或不合格' });

/** Risk levels and station standings (shared/rules/assessment/risk-levels.ts); the contract names them. */
export { type Risk, risks, type StationStatus, stationStatusLabels } from '../rules/assessment/risk-levels';
export const riskLabels: Record<Risk, string> = { red: '已落后', amber: '进度偏慢', green: '正常' };

// ---------- dashboard ----------

export const dashboardFiltersSchema = z.object({
  level: stationLevelSchema.optional(),
  /** the overseeing CAST unit (a county, or the city itself) */
  castUnitId: idSchema.optional(),
  industryField: industryFieldSchema.optional(),
  societyId: idSchema.optional(),
  /** projected grade at today's pace */
  grade: gradeSchema.optional(),
  risk: z.enum(risks).optional(),
  /** only red and amber */
  atRisk: z.boolean().default(false),
  /** de-listed stations are no longer assessed; hidden unless asked for */
  includeDelisted: z.boolean().default(false),
  /** search: part of the station's, its society's or its county's name (shared/rules/station-search.ts) */
  q: cleanString().max(40, '搜索内容不能超过 40 个字').optional(),
});
export type DashboardFilters = z.infer<typeof dashboardFiltersSchema>;

export const dashboardSortKeys = ['risk', 'score', 'projectedScore', 'shortDays', 'name', 'level', 'county'] as const;
export const dashboardSortSchema = z.object({
  by: z.enum(dashboardSortKeys).default('risk'),
  /** risk: red first; score: lowest first; shortDays: most missing first; name/level/county: A→Z. desc reverses. */
  desc: z.boolean().default(false),
});

export const dashboardInput = z.object({
  filters: dashboardFiltersSchema.default(dashboardFiltersSchema.parse({})),
  sort: dashboardSortSchema.default(dashboardSortSchema.parse({})),
  limit: z.number().int().min(1).max(200).default(50),
  skip: z.number().int().min(0).max(100_000).default(0),
});

export interface ClauseCell {
  clause: ClauseKey;
  label: string;
  weight: number;
  /** banked so far */
  earned: number;
  status: RequirementStatus;
  /** met at year end at today's pace */
  projectedPass: boolean;
}

/** The funding a result brings, as stored with the assessment (shared/schemas/reports.ts). */
export type FundingView = Funding;

export interface DashboardRow {
  stationId: string;
  name: string;
  level: StationLevel;
  levelLabel: string;
  castUnitId: string;
  castUnitName: string;
  societyId: string;
  societyName: string;
  industryField: string;
  status: StationStatus;
  statusLabel: string;
  plaqueDate: ChinaDate;
  termYears: number;
  /** 0 before the plaque date */
  yearIndex: number;
  year: { start: ChinaDate; end: ChinaDate } | null;
  quarter: { quarter: QuarterNumber; start: ChinaDate; end: ChinaDate; workingDaysLeft: number } | null;
  clauses: ClauseCell[];
  /** 100-point score banked so far (pending + confirmed records) */
  score: number;
  grade: Grade | null;
  projectedScore: number;
  projectedGrade: Grade | null;
  experts: number;
  /** this quarter: experts below the quarterly days and the days they miss in total */
  quarterShort: { experts: number; days: number };
  /** experts behind the honest pace of this quarter or unable to meet it (shared/rules/assessment/pace.ts) */
  willMissQuarter: number;
  /** those experts by name: days still needed this quarter, confirmed and pending days so far */
  behindExperts: BehindExpert[];
  /** awarded less than 4 weeks ago (新建): nothing judged yet, no projected grade or funding shown */
  isNew: boolean;
  /** funding this year's assessment would earn at the projected grade */
  funding: FundingView;
  risk: Risk;
  /** Chinese, most serious first */
  riskReasons: string[];
}

export interface BehindExpert {
  expertId: string;
  name: string;
  /** behind: under the even pace; cannot: not enough days left in the quarter */
  status: 'behind' | 'cannot';
  daysShort: number;
  confirmedDays: number;
  pendingDays: number;
}

export interface Option {
  id: string;
  label: string;
}

export interface DashboardPage {
  asOf: ChinaDate;
  /** rows matching the filters (before paging) */
  total: number;
  /** over every visible station (filters ignored), for the red/amber/green header */
  counts: Record<Risk, number> & { all: number };
  rows: DashboardRow[];
  facets: { counties: Option[]; societies: Option[]; industryFields: string[]; levels: Option[]; grades: string[] };
}

// ---------- station detail ----------

export const stationDetailInput = z.object({
  stationId: idSchema,
  /** assessment year; default the current one */
  yearIndex: z.number().int().min(1).max(50).optional(),
});

export interface ExpertQuarterCell {
  quarter: QuarterNumber;
  start: ChinaDate;
  end: ChinaDate;
  days: number;
  verifiedDays: number;
  unverifiedDays: number;
  required: number;
  shortfall: number;
  status: RequirementStatus;
}

export interface ExpertRow {
  expertId: string;
  name: string;
  quarters: ExpertQuarterCell[];
  year: { days: number; verifiedDays: number; required: number; shortfall: number; status: RequirementStatus };
  /** the quarter containing today (current year only) */
  current: null | {
    quarter: QuarterNumber;
    days: number;
    required: number;
    /** days still needed this quarter (0 when met) */
    short: number;
    workingDaysLeft: number;
    calendarDaysLeft: number;
    canStillMeet: boolean;
    willMiss: boolean;
    projectedDays: number;
    /** the honest pace of the quarter (shared/rules/assessment/pace.ts) */
    pace: 'met' | 'onTrack' | 'behind' | 'cannot';
    /** days the even pace asks for by now */
    expectedByNow: number;
    confirmedDays: number;
    pendingDays: number;
  };
}

export interface ActivityItem {
  id: string;
  kind: RecordKind;
  date: ChinaDate;
  title: string;
  detail: string;
  status: RecordStatus;
  statusLabel: string;
  counts: boolean;
  evidence: FileRef[];
  authorName: string;
}

export interface ChartPoint {
  label: string;
  yearIndex: number;
  quarter: QuarterNumber;
  start: ChinaDate;
  end: ChinaDate;
  /** all experts' days (pending + confirmed) and confirmed only */
  all: number;
  verified: number;
  /** team requirement: quarterly days × experts */
  required: number;
}

export interface StationDetail {
  asOf: ChinaDate;
  station: {
    id: string;
    name: string;
    level: StationLevel;
    levelLabel: string;
    societyName: string;
    hostUnitName: string;
    castUnitName: string;
    industryField: string;
    plaqueDate: ChinaDate;
    termYears: number;
    termEnd: ChinaDate;
    status: StationStatus;
    statusLabel: string;
    agreementItems: string[];
    programmeTitle: string;
  };
  /** 0 before the plaque date */
  currentYearIndex: number;
  yearIndex: number;
  years: number[];
  year: { start: ChinaDate; end: ChinaDate; final: boolean };
  evaluation: {
    score: number;
    scoreVerified: number;
    grade: Grade;
    gradeVerified: Grade;
    gradeReason: string;
    provisional: boolean;
    requirements: RequirementResult[];
    clauses: ClauseResult[];
  };
  projection: null | {
    projectedScore: number;
    projectedGrade: Grade;
    quarter: { quarter: QuarterNumber; start: ChinaDate; end: ChinaDate };
    workingDaysLeft: number;
    note: string;
  };
  experts: ExpertRow[];
  activities: Array<{ kind: RecordKind; label: string; items: ActivityItem[] }>;
  agreement: { percent: number; percentVerified: number; target: number };
  chart: ChartPoint[];
  funding: FundingView;
  risk: Risk;
  riskReasons: string[];
  /** awarded less than 4 weeks ago (新建) */
  isNew: boolean;
  assessment: AssessmentView | null;
  /** a station plaqued before go-live (issue 13 item 6): its go-live date and the prior results staff entered */
  history: StationHistoryView;
}

/** A prior year's result as the staff pages show it (shared/schemas/org.ts priorResultSchema). */
export interface PriorResultView {
  yearIndex: number;
  year: number;
  start: ChinaDate;
  end: ChinaDate;
  grade: Grade;
  score: number | null;
  days: number | null;
  source: string;
}

export interface StationHistoryView {
  /** 上线日期 (the plaque date when none was set) */
  goLiveDate: ChinaDate;
  /** plaqued before go-live */
  plaquedBefore: boolean;
  /** the year shown ends before go-live: not assessed (上线前，未纳入考核) */
  beforeGoLive: boolean;
  /** the shown year's prior result, when entered */
  priorResult: PriorResultView | null;
  priorResults: PriorResultView[];
}

// ---------- year-end assessment ----------

export { type AssessmentState, assessmentStates };
/** How a grade override is shown (assessment list, export): the grade the score gives, the grade set, and why. */
export const gradeOverrideNote = (grade: Grade, o: { derivedGrade: Grade; reason: string }): string =>
  `等次人工认定：按分数应为“${o.derivedGrade}”，认定为“${grade}”；认定理由：${o.reason}`;

export const assessmentStateLabels: Record<AssessmentState, string> = { computed: '已计算', adjusted: '已调整', published: '已发布' };

export interface AssessmentView {
  id: string;
  stationId: string;
  stationName: string;
  level: StationLevel;
  levelLabel: string;
  castUnitId: string;
  castUnitName: string;
  societyName: string;
  hostUnitName: string;
  industryField: string;
  yearIndex: number;
  year: { start: ChinaDate; end: ChinaDate };
  /** this year is the last of the agreement term (期满考核) */
  termEnd: boolean;
  state: AssessmentState;
  stateLabel: string;
  /** as stored (shared/schemas/reports.ts): computed on confirmed records */
  computed: Assessment['computed'];
  /** the stored adjustment, with the adjuster's display name */
  adjusted: null | (NonNullable<Assessment['adjusted']> & { byName: string });
  /** what counts: the adjustment when there is one, else the computed result */
  score: number;
  grade: Grade;
  passed: boolean;
  funding: FundingView;
  publishedAt: number | null;
  publishedBy: string | null;
  /** set on publish when failed */
  rectificationDeadline: ChinaDate | null;
  /** failed at term end: the station is marked for de-listing (摘牌) */
  delisting: boolean;
  /** what publishing does / did, Chinese */
  consequences: string[];
}

export const runAssessmentInput = z.object({
  requestId: requestIdSchema,
  yearIndex: z.number({ error: '请选择考核年度' }).int().min(1, '考核年度从第 1 年开始').max(50),
  /** default: every station the caller oversees */
  stationIds: z.array(idSchema).max(1000).optional(),
});
export interface RunAssessmentResult {
  yearIndex: number;
  asOf: ChinaDate;
  computed: number;
  skipped: Array<{ stationId: string; stationName: string; reason: string }>;
}

export const listAssessmentsInput = z.object({
  yearIndex: z.number().int().min(1).max(50),
  state: z.enum(assessmentStates).optional(),
  limit: z.number().int().min(1).max(500).default(200),
  skip: z.number().int().min(0).max(100_000).default(0),
});
export interface AssessmentList {
  yearIndex: number;
  total: number;
  items: AssessmentView[];
  /** integer yuan due over the listed (published or not) results; null amounts are case by case */
  fundingTotalYuan: number;
  caseByCase: number;
}

export const adjustAssessmentInput = z.object({
  requestId: requestIdSchema,
  assessmentId: idSchema,
  score: z.number({ error: '请填写调整后的分数' }).min(0, '分数不能小于 0').max(100, '分数不能大于 100'),
  /** optional: the grade follows the score (the assessment's grade rule); a different grade is an override */
  grade: gradeSchema.optional(),
  reason: cleanString({ error: '请填写调整理由' }).min(5, '调整理由至少 5 个字').max(500, '调整理由不能超过 500 个字'),
  /** required only for a grade other than the score's: why (kept and shown as an override) */
  gradeOverrideReason: cleanString().min(5, '等次认定理由至少 5 个字').max(500, '等次认定理由不能超过 500 个字').optional(),
});

export const publishAssessmentsInput = z.object({
  requestId: requestIdSchema,
  assessmentIds: z.array(idSchema).min(1, '请选择要发布的考核结果').max(1000),
});

export interface AssessmentHistoryRow {
  at: number;
  actorId: string;
  actorName: string;
  action: string;
  reason: string;
  before: unknown;
  after: unknown;
}

// ---------- reminders ----------

export const sendRemindersInput = z.object({
  /** only these stations (default: all the caller oversees) */
  stationIds: z.array(idSchema).max(1000).optional(),
});

export interface ReminderItem {
  id: string;
  personId: string;
  personName: string;
  role: 'expert' | 'secretary';
  stationId: string;
  stationName: string;
  yearIndex: number;
  quarter: QuarterNumber;
  quarterEnd: ChinaDate;
  title: string;
  body: string;
  status: 'sending' | 'sent' | 'failed' | 'undeliverable';
  statusLabel: string;
  detail: string;
  createdAt: number;
  sentAt: number | null;
}

export interface SendRemindersResult {
  asOf: ChinaDate;
  stationsChecked: number;
  /** stations whose current quarter is inside the reminder window */
  stationsInWindow: number;
  sent: number;
  alreadySent: number;
  failed: number;
  items: ReminderItem[];
  /** Chinese: why this run sent what it sent (or nothing), and what would be sent when */
  explanation: string;
}

export const listOutboxInput = z.object({
  stationId: idSchema.optional(),
  limit: z.number().int().min(1).max(200).default(50),
  skip: z.number().int().min(0).max(100_000).default(0),
});
export interface OutboxPage {
  total: number;
  items: ReminderItem[];
}

// ---------- exports ----------

export interface ExportFile {
  file: FileRef;
  /** a temporary download URL signed by the function (cloud storage's temp URL; the local host's signed path) */
  url: string | null;
  /** when `url` stops working (epoch ms) */
  expiresAt: number | null;
  /** the workbook as base64 when small (≤ 256 KB); null otherwise — never above the 1 MB answer limit */
  base64: string | null;
  rows: number;
}

export const exportDashboardInput = dashboardInput.pick({ filters: true, sort: true });

/** One expert's phone number, asked for by staff overseeing the station (cloudfunctions/reports/actions/contact.ts). */
export const expertContactInput = z.object({ stationId: idSchema, personId: idSchema });
export interface ExpertContact {
  personId: string;
  name: string;
  mobile: string;
}

export const reportsApi = {
  dashboard: action<DashboardPage>()(dashboardInput),
  stationDetail: action<StationDetail>()(stationDetailInput),
  runAssessment: action<RunAssessmentResult>()(runAssessmentInput),
  listAssessments: action<AssessmentList>()(listAssessmentsInput),
  assessmentHistory: action<AssessmentHistoryRow[]>()(z.object({ assessmentId: idSchema })),
  adjustAssessment: action<AssessmentView>()(adjustAssessmentInput),
  publishAssessments: action<AssessmentView[]>()(publishAssessmentsInput),
  sendReminders: action<SendRemindersResult>()(sendRemindersInput),
  listOutbox: action<OutboxPage>()(listOutboxInput),
  exportDashboard: action<ExportFile>()(exportDashboardInput),
  exportStation: action<ExportFile>()(stationDetailInput),
  exportAssessments: action<ExportFile>()(z.object({ yearIndex: z.number().int().min(1).max(50) })),
  expertContact: action<ExpertContact>()(expertContactInput),
};
export type ReportsApi = typeof reportsApi;
