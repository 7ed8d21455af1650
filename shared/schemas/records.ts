import { z } from 'zod';
import { chinaDateSchema, fileRefSchema, idSchema, optionalText, percentSchema, text } from './common';

/**
 * Records an expert team keeps for a station's assessment (第十二条).
 * Every record has a status: pending (logged, not yet checked by the host unit),
 * confirmed (verified by the host-unit contact), disputed (host unit says no, with a reason),
 * withdrawn (the author took it back before confirmation). Nothing is ever deleted.
 * Disputed and withdrawn records never count; pending counts as unverified, confirmed as verified.
 */
export const recordStatusSchema = z.enum(['pending', 'confirmed', 'disputed', 'withdrawn']);
export type RecordStatus = z.infer<typeof recordStatusSchema>;

export const recordKinds = ['serviceDay', 'training', 'research', 'tackling', 'problem', 'achievement', 'agreement'] as const;
export const recordKindSchema = z.enum(recordKinds);
export type RecordKind = z.infer<typeof recordKindSchema>;
export const recordKindLabels: Record<RecordKind, string> = {
  serviceDay: '服务天数',
  training: '技术培训',
  research: '产业调研',
  tackling: '技术攻关',
  problem: '解决企业技术难题',
  achievement: '成果推广转化',
  agreement: '协议进度',
};

const recordBase = {
  id: idSchema,
  stationId: idSchema,
  /** who logged it (person id) */
  authorId: idSchema,
  /** the China-time calendar date the work happened */
  date: chinaDateSchema,
  status: recordStatusSchema,
  note: optionalText(500, '备注'),
  evidence: z.array(fileRefSchema).max(9).default([]),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  /** reason given when disputed / corrected by staff */
  statusReason: optionalText(300, '原因'),
};

/** 第十二条(二): one expert-day at the station. One per expert per China date across all stations. */
export const serviceDaySchema = z.object({
  ...recordBase,
  kind: z.literal('serviceDay'),
  expertId: idSchema,
  /** true when logged after the day itself (backfill window is a programme setting) */
  backfilled: z.boolean(),
  /** location check-in result when the person consented; null when not attempted */
  checkIn: z
    .object({
      lat: z.number().min(-90).max(90),
      lng: z.number().min(-180).max(180),
      distanceM: z.number().min(0),
      withinRadius: z.boolean(),
    })
    .nullable()
    .default(null),
});
export type ServiceDay = z.infer<typeof serviceDaySchema>;

/** 第十二条(四): technical training; counts toward the threshold only with enough trainees. */
export const trainingSchema = z.object({
  ...recordBase,
  kind: z.literal('training'),
  topic: text(100, '培训主题'),
  place: text(100, '培训地点'),
  trainees: z.number().int('人次必须是整数').min(1, '人次至少为 1').max(100_000, '人次过大'),
});
export type Training = z.infer<typeof trainingSchema>;

/** 第十二条(三): industry research (study) and, later, its result. */
export const researchSchema = z.object({
  ...recordBase,
  kind: z.literal('research'),
  title: text(100, '调研题目'),
  /** the research result (调研成果), added later; empty until then */
  result: optionalText(1000, '调研成果'),
  resultDate: chinaDateSchema.nullable().default(null),
});
export type Research = z.infer<typeof researchSchema>;

/** 第十二条(五): joint technical tackling (技术攻关). */
export const tacklingSchema = z.object({
  ...recordBase,
  kind: z.literal('tackling'),
  title: text(100, '攻关项目'),
  partners: optionalText(200, '合作方'),
});
export type Tackling = z.infer<typeof tacklingSchema>;

/** 第十二条(五): an enterprise technical problem solved. */
export const problemSchema = z.object({
  ...recordBase,
  kind: z.literal('problem'),
  enterprise: text(100, '企业名称'),
  problem: text(500, '技术难题'),
  outcome: text(500, '解决成效'),
});
export type Problem = z.infer<typeof problemSchema>;

/** 第十二条(五): an achievement promoted or transferred. */
export const achievementSchema = z.object({
  ...recordBase,
  kind: z.literal('achievement'),
  title: text(100, '成果名称'),
  recipient: text(100, '承接单位'),
  method: text(100, '转化方式'),
});
export type Achievement = z.infer<typeof achievementSchema>;

/** 第十二条(一): agreement progress, cumulative percent of the agreement's content done as of `date`. */
export const agreementProgressSchema = z.object({
  ...recordBase,
  kind: z.literal('agreement'),
  percent: percentSchema,
});
export type AgreementProgress = z.infer<typeof agreementProgressSchema>;

export const stationRecordSchema = z.discriminatedUnion('kind', [
  serviceDaySchema,
  trainingSchema,
  researchSchema,
  tacklingSchema,
  problemSchema,
  achievementSchema,
  agreementProgressSchema,
]);
export type StationRecord = z.infer<typeof stationRecordSchema>;

/**
 * One service day per expert per China date (collection `dayLocks`, id `${expertId}:${date}`): the
 * lock a non-withdrawn service day holds; a second insert of the same id is the constraint.
 */
export const dayLockSchema = z.object({
  id: z.string().min(1).max(200),
  expertId: idSchema,
  date: chinaDateSchema,
  recordId: idSchema,
  stationId: idSchema,
});
export type DayLock = z.infer<typeof dayLockSchema>;

/** Counts by basis: every counted record, and the host-verified ones. */
export const tallyCellSchema = z.object({ all: z.number(), verified: z.number() });
export type TallyCell = z.infer<typeof tallyCellSchema>;
/** The cumulative agreement percent (第十二条(一)) on each basis. */
export const agreementPercentsSchema = z.object({ all: percentSchema, verified: percentSchema });
export type AgreementPercents = z.infer<typeof agreementPercentsSchema>;

/** One counted agreement report (第十二条(一)) kept on the tally of the year it is dated in. */
export const agreementEntrySchema = z.object({ date: chinaDateSchema, percent: percentSchema, verified: z.boolean() });
export type AgreementEntry = z.infer<typeof agreementEntrySchema>;

/**
 * A station's counters for one assessment year (collection `stationTallies`, id `${stationId}:${yearIndex}`),
 * updated in the same transaction as every record, so the dashboard never scans records.
 */
export const stationTallySchema = z.object({
  id: z.string().min(1).max(200),
  stationId: idSchema,
  castUnitId: idSchema,
  yearIndex: z.number().int().min(1),
  /** tallyKey → counts (shared/rules/assessment/tally.ts) */
  counters: z.record(z.string(), tallyCellSchema),
  /** the highest agreement percent reported on or before this year's end (cumulative) */
  agreement: agreementPercentsSchema,
  /** counted agreement reports dated in this year, by record id (recomputing `agreement` by id only) */
  agreementEntries: z.record(z.string(), agreementEntrySchema),
  updatedAt: z.number().int(),
});
export type StationTally = z.infer<typeof stationTallySchema>;
