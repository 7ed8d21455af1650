import { z } from 'zod';

/**
 * Settings of the station assessment (seed 004, 第十二条). A programme definition embeds
 * these; every default below is either a number written in 第十二条 or a choice we had to make
 * because the seed leaves it open (weights, grade cut-offs, partial credit) — each is documented.
 */

/** The five clauses of 第十二条 考核共性内容. */
export const clauseKeys = ['agreement', 'serviceDays', 'research', 'training', 'outcomes'] as const;
export type ClauseKey = (typeof clauseKeys)[number];
export const clauseKeySchema = z.enum(clauseKeys);

/** Chinese labels naming the clause they implement. */
export const clauseLabels: Record<ClauseKey, string> = {
  agreement: '第十二条（一）合作协议实施情况',
  serviceDays: '第十二条（二）专家在站工作天数',
  research: '第十二条（三）重点产业调查研究',
  training: '第十二条（四）科技骨干培训',
  outcomes: '第十二条（五）技术攻关、破解难题、成果转化',
};

const count = (label: string) =>
  z
    .number({ error: `${label}必须是数字` })
    .int(`${label}必须是整数`)
    .min(0, `${label}不能为负`)
    .max(100_000, `${label}过大`);
const pct = (label: string) =>
  z
    .number({ error: `${label}必须是数字` })
    .int(`${label}必须是整数`)
    .min(0, `${label}不能小于 0`)
    .max(100, `${label}不能大于 100`);

/** 第十二条 thresholds, every default copied from the seed. */
export const assessmentThresholdsSchema = z.object({
  /** 第十二条(二): 每个季度在服务站工作天数不少于10天 */
  daysPerQuarter: count('每季度工作天数').default(10),
  /** 第十二条(二): 全年不少于40天 */
  daysPerYear: count('全年工作天数').default(40),
  /** 第十二条(三): 调查研究不少于2次/年 */
  researchPerYear: count('调研次数').default(2),
  /** 第十二条(三): 至少形成调研成果1项以上 */
  researchResultsPerYear: count('调研成果数').default(1),
  /** 第十二条(四): 培训每年不少于2场次 */
  trainingsPerYear: count('培训场次').default(2),
  /** 第十二条(四): 每次培训科技人才不少于50人次 */
  traineesPerTraining: count('每场培训人次').default(50),
  /** 第十二条(五): 技术攻关1次以上 */
  tacklingPerYear: count('技术攻关次数').default(1),
  /** 第十二条(五): 破解技术难题2个以上 */
  problemsPerYear: count('技术难题数').default(2),
  /** 第十二条(五): 推广转化科技成果2项以上 */
  achievementsPerYear: count('成果转化数').default(2),
  /** 第十二条(一): 第一年完成不少于合同内容的50% */
  agreementYear1Percent: pct('第一年协议完成比例').default(50),
  /** 第十二条(一): 第二年（期满）要达到100% */
  agreementFinalPercent: pct('期满协议完成比例').default(100),
});
export type AssessmentThresholds = z.infer<typeof assessmentThresholdsSchema>;

/**
 * Clause weights out of 100. The seed says 百分制 and names the five clauses but gives no weights,
 * so these defaults are ours:
 *  - serviceDays 30: the only clause every expert must meet every quarter; it is the station's
 *    core obligation (experts actually at the station) and the one most often missed;
 *  - agreement 20 and outcomes 20: the agreement is what the funding pays for (第十六条) and
 *    outcomes (攻关/难题/成果) are the station's purpose (第二条);
 *  - research 15 and training 15: yearly activities with small counts.
 * Within a clause, each of its requirements weighs the same (e.g. 三: research 7.5, result 7.5).
 */
export const clauseWeightsSchema = z
  .object({
    agreement: z.number().min(0, '权重不能为负').default(20),
    serviceDays: z.number().min(0, '权重不能为负').default(30),
    research: z.number().min(0, '权重不能为负').default(15),
    training: z.number().min(0, '权重不能为负').default(15),
    outcomes: z.number().min(0, '权重不能为负').default(20),
  })
  .refine((w) => Math.abs(w.agreement + w.serviceDays + w.research + w.training + w.outcomes - 100) < 1e-9, {
    error: '五项考核内容的权重之和必须等于 100',
  });
export type ClauseWeights = z.infer<typeof clauseWeightsSchema>;

/**
 * Grade cut-offs (优秀/合格/不合格 are the seed's; the numbers are ours: 90 and 60 are the usual
 * cut-offs of a 百分制 evaluation in Chinese public administration).
 * failedClauseCap: what a requirement that was not met at the end of its period does to the grade.
 * Default 'fail' (issue 14, decided reading of 第十二条): the five items are minimum requirements
 * ("不少于"), so a year that misses any of them is 不合格 whatever its score, and its reason lists each
 * missed requirement with its shortfall; the 100-point score still ranks stations and decides 优秀
 * (按百分制进行打分，确定评估等次). Other options a city may choose in its programme data: 'qualified'
 * (a miss caps the grade at 合格 — the previous default) and 'none' (the score alone decides).
 * 'unqualified' is the earlier name of 'fail' and means the same.
 */
export const gradeSettingsSchema = z
  .object({
    excellentMin: z.number().min(0).max(100).default(90),
    passMin: z.number().min(0).max(100).default(60),
    failedClauseCap: z.enum(['fail', 'qualified', 'none', 'unqualified']).default('fail'),
  })
  .refine((g) => g.excellentMin >= g.passMin, { error: '优秀分数线不能低于合格分数线' });
export type GradeSettings = z.infer<typeof gradeSettingsSchema>;

/**
 * Partial credit per clause. 'proportional': a requirement earns its share × min(1, actual/required)
 * (9 of 10 days earns 90% of that share) — default, because the score should tell a nearly-compliant
 * station from an idle one. 'allOrNothing': the share is earned only when the requirement is met.
 */
export const partialCreditSchema = z.enum(['proportional', 'allOrNothing']);
export type PartialCredit = z.infer<typeof partialCreditSchema>;

export const assessmentSettingsSchema = z.object({
  /**
   * 'plaque': the assessment year runs from the plaque date (授牌日期), quarters are 3-month blocks from it.
   * 'calendar': the assessment year is the calendar year, quarters are calendar quarters; year 1 is the
   * plaque year, starting on the plaque date (a partial year whose thresholds are prorated, see periods.ts).
   */
  yearMode: z.enum(['plaque', 'calendar']).default('plaque'),
  thresholds: assessmentThresholdsSchema.default(assessmentThresholdsSchema.parse({})),
  weights: clauseWeightsSchema.default(clauseWeightsSchema.parse({})),
  grade: gradeSettingsSchema.default(gradeSettingsSchema.parse({})),
  partialCredit: z
    .object({
      agreement: partialCreditSchema.default('proportional'),
      serviceDays: partialCreditSchema.default('proportional'),
      research: partialCreditSchema.default('proportional'),
      training: partialCreditSchema.default('proportional'),
      outcomes: partialCreditSchema.default('proportional'),
    })
    .default({
      agreement: 'proportional',
      serviceDays: 'proportional',
      research: 'proportional',
      training: 'proportional',
      outcomes: 'proportional',
    }),
  /** Experts may backfill service days until this many calendar days after the quarter ends. */
  backfillDaysAfterQuarter: z.number().int().min(0).max(90).default(10),
  /** Remind experts short of days this many working days before the quarter ends. */
  reminderWorkingDaysBeforeQuarterEnd: z.number().int().min(0).max(60).default(5),
});
export type AssessmentSettings = z.infer<typeof assessmentSettingsSchema>;
export type AssessmentSettingsInput = z.input<typeof assessmentSettingsSchema>;

export const defaultAssessmentSettings: AssessmentSettings = assessmentSettingsSchema.parse({});
