import { z } from 'zod';
import { clauseKeys } from '../rules/assessment/settings';
import { chinaDateSchema, idSchema } from './common';

/**
 * What the staff reports store: year-end assessments (collection `assessments`) and reminders with
 * their local delivery records (collection `outbox`). The report views (shared/api/reports.ts) are
 * built from these shapes.
 */

const instant = z.number().int().min(0);
export const gradeSchema = z.enum(['优秀', '合格', '不合格']);
export const requirementStatusSchema = z.enum(['met', 'inProgress', 'failed']);

export const assessmentStates = ['computed', 'adjusted', 'published'] as const;
export const assessmentStateSchema = z.enum(assessmentStates);
export type AssessmentState = z.infer<typeof assessmentStateSchema>;

/** The funding a result brings (第十三条): an amount, or decided case by case. */
export const fundingSchema = z.object({
  /** null when decided case by case (national level) or not set */
  amountYuan: z.number().int().min(0).nullable(),
  caseByCase: z.boolean(),
  reason: z.string().max(500),
  clause: z.string().max(100),
});
export type Funding = z.infer<typeof fundingSchema>;

/** A station's year-end assessment (id `${stationId}:${yearIndex}`): computed → adjusted → published. */
export const assessmentSchema = z.object({
  id: z.string().min(1).max(200),
  stationId: idSchema,
  castUnitId: idSchema,
  yearIndex: z.number().int().min(1),
  state: assessmentStateSchema,
  /** computed on confirmed records (the host unit's verification is what the assessment relies on) */
  computed: z.object({
    asOf: chinaDateSchema,
    score: z.number(),
    grade: gradeSchema,
    gradeReason: z.string().max(500),
    /** the same on every logged record, pending included, for comparison */
    scoreAll: z.number(),
    gradeAll: gradeSchema,
    /**
     * the expert team the result was computed for, fixed at the first computation: a re-run of a
     * closed year reads the same team, so a later change of the team does not change the result
     * (older results have none; they are re-run with the station's team)
     */
    expertIds: z.array(idSchema).max(100).optional(),
    clauses: z.array(
      z.object({
        clause: z.enum(clauseKeys),
        label: z.string().max(100),
        weight: z.number(),
        earned: z.number(),
        status: requirementStatusSchema,
      }),
    ),
  }),
  /** a staff adjustment, with who made it (the view adds the adjuster's display name) */
  adjusted: z
    .object({
      score: z.number(),
      grade: gradeSchema,
      reason: z.string().max(500),
      byId: idSchema,
      at: instant,
      /** a grade other than the one the score gives (shared/rules/assessment/consequences.ts adjustmentGrade), with its own reason; null when the grade follows the score (older results have none) */
      override: z
        .object({ derivedGrade: gradeSchema, reason: z.string().max(500) })
        .nullable()
        .default(null),
    })
    .nullable(),
  /** this year is the last of the agreement term (期满考核) */
  termEnd: z.boolean(),
  year: z.object({ start: chinaDateSchema, end: chinaDateSchema }),
  funding: fundingSchema,
  publishedAt: instant.nullable(),
  publishedBy: idSchema.nullable(),
  /** set on publish when failed */
  rectificationDeadline: chinaDateSchema.nullable(),
  /** failed at term end: the station is marked for de-listing (摘牌) */
  delisting: z.boolean(),
  createdAt: instant,
  updatedAt: instant,
});
export type Assessment = z.infer<typeof assessmentSchema>;

export const reminderStatuses = ['sending', 'sent', 'failed', 'undeliverable'] as const;
export type ReminderStatus = (typeof reminderStatuses)[number];

/** A quarterly reminder to an expert or a secretary (id `${personId}:${stationId}:${yearIndex}-Q${quarter}`). */
export const reminderSchema = z.object({
  id: z.string().min(1).max(200),
  kind: z.literal('reminder'),
  personId: idSchema,
  personName: z.string().max(100),
  role: z.enum(['expert', 'secretary']),
  stationId: idSchema,
  stationName: z.string().max(200),
  castUnitId: idSchema,
  yearIndex: z.number().int().min(1),
  quarter: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  quarterEnd: chinaDateSchema,
  title: z.string().max(100),
  body: z.string().max(2000),
  templateKey: z.string().max(100),
  data: z.record(z.string(), z.string()),
  page: z.string().max(200),
  status: z.enum(reminderStatuses),
  detail: z.string().max(2000),
  attempts: z.number().int().min(0),
  createdAt: instant,
  sentAt: instant.nullable(),
});
export type Reminder = z.infer<typeof reminderSchema>;

/** The local host's delivery record: what would have gone to WeChat (no `kind`, so the outbox page never lists it). */
export const deliverySchema = z.object({
  id: idSchema,
  personId: idSchema,
  openid: z.string().max(128).nullable(),
  templateKey: z.string().max(100),
  data: z.record(z.string(), z.string()),
  page: z.string().max(200).optional(),
  at: instant,
});
export type Delivery = z.infer<typeof deliverySchema>;

export const outboxEntrySchema = z.union([reminderSchema, deliverySchema]);
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;
