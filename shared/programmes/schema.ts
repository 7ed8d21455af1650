import { z } from 'zod';
import { assessmentSettingsSchema } from '../rules/assessment/settings';
import { hostUnitKindSchema, roleSchema, stationLevelSchema } from '../schemas/org';
import { expenseCategoryIds } from './expense-categories';
import { postAwardIssues, postAwardSchema } from './post-award';

/**
 * A programme (a seed's policy) as data. The rules in shared/rules/ read a definition and never
 * branch on a programme id: adding a city is adding one definition that validates against this
 * schema (the superRefine below checks every cross-reference — facts, kinds, stages, levels).
 */

// ───────────────────────── small building blocks ─────────────────────────

/** kebab-case id, stable: tests, tags (`[programmeId:ruleId]`) and stored applications refer to it */
export const ruleIdSchema = z
  .string()
  .min(1)
  .max(60)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, '规则编号只能包含小写字母、数字和连字符');
/** camelCase id of an applicant fact */
export const factIdSchema = z
  .string()
  .min(1)
  .max(60)
  .regex(/^[a-z][A-Za-z0-9]*$/, '事实编号应为小驼峰英文');
/** where a rule comes from, e.g. '第七条(三)' or '实施方案六(一)1' */
export const clauseSchema = z.string().trim().min(1, '条款不能为空').max(60);
const label = (max = 200) => z.string().trim().min(1, '名称不能为空').max(max);

/** Roles of staff who act on an application (shared/schemas/org.ts). */
/** Roles a review stage (or the publicity) may be given to: the overseeing staff roles plus the reviewers. */
export const stageRoles = ['countyStaff', 'cityStaff', 'talentOffice', 'reviewer'] as const;
export const staffRoleSchema = z.enum(stageRoles);
export type StaffRole = z.infer<typeof staffRoleSchema>;

/** Facts reserved for station applications: the level applied for and the host unit's kind (第5条). */
export const LEVEL_FACT = 'level';
export const HOST_UNIT_KIND_FACT = 'hostUnitKind';
/** Ids of the eligibility checks built into the engine; a programme's own criteria may not take them. */
export const BUILT_IN_CRITERION_IDS = ['level-offered', 'placement', 'not-banned'] as const;

// ───────────────────────── facts and tests ─────────────────────────

export const factTypes = ['boolean', 'number', 'date', 'string'] as const;
export const factSchema = z.object({
  id: factIdSchema,
  /** Chinese question/label shown when the fact is asked for */
  label: label(),
  type: z.enum(factTypes),
  /** allowed values of a string fact */
  options: z.array(z.object({ value: z.string().min(1), label: label(60) })).optional(),
  unit: z.string().max(10).optional(),
  note: z.string().max(300).optional(),
  /**
   * Who answers it: the applicant (declared, from the form or the org records) or the staff who score
   * the stage (a judgement: an A/B/C rating, a discretionary deduction within min–max). Staff facts are
   * answered on each scorer's own sheet. Absent = the applicant.
   */
  answeredBy: z.enum(['applicant', 'staff']).optional(),
  /** range and step of a number fact (e.g. a discretionary deduction 0–3 in steps of 0.5) */
  min: z.number().optional(),
  max: z.number().optional(),
  step: z.number().positive().optional(),
});
export type Fact = z.infer<typeof factSchema>;

/**
 * A test on one fact. withinYears reads a date fact ('YYYY-MM-DD', the latest occurrence) and is true
 * when that date is within n years before today, the anniversary included; a null date means
 * "never happened" (false), an absent value means "unknown".
 */
export const factTestSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('isTrue') }),
  z.object({ op: z.literal('isFalse') }),
  z.object({ op: z.literal('atLeast'), n: z.number() }),
  z.object({ op: z.literal('atMost'), n: z.number() }),
  z.object({ op: z.literal('equals'), value: z.union([z.string(), z.number(), z.boolean()]) }),
  z.object({ op: z.literal('oneOf'), values: z.array(z.string().min(1)).min(1) }),
  z.object({ op: z.literal('withinYears'), n: z.number().int().min(1).max(50) }),
]);
export type FactTest = z.infer<typeof factTestSchema>;

/** Which fact types each test can read. */
export const testFactTypes: Record<FactTest['op'], readonly (typeof factTypes)[number][]> = {
  isTrue: ['boolean'],
  isFalse: ['boolean'],
  atLeast: ['number'],
  atMost: ['number'],
  equals: ['boolean', 'number', 'string'],
  oneOf: ['string'],
  withinYears: ['date'],
};

export const factConditionSchema = z.object({ fact: factIdSchema, test: factTestSchema });
export type FactCondition = z.infer<typeof factConditionSchema>;

/**
 * A condition on the facts, recursive: one fact test, all of / any of / at least n of a list, or not.
 * Three-valued like the tests (true / false / unknown when a fact it needs is not answered). Used by
 * points rules (tiers, adjustments), rubric selection and skip rules; plain JSON.
 */
export type Condition =
  | FactCondition
  | { all: Condition[] }
  | { any: Condition[] }
  | { atLeast: number; of: Condition[] }
  | { not: Condition };
export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    factConditionSchema.strict(),
    z.strictObject({ all: z.array(conditionSchema).min(1, '“全部满足”至少需要一个条件') }),
    z.strictObject({ any: z.array(conditionSchema).min(1, '“任一满足”至少需要一个条件') }),
    z
      .strictObject({ atLeast: z.number().int().min(1), of: z.array(conditionSchema).min(1) })
      .refine((c) => c.atLeast <= c.of.length, { error: '“至少满足 n 项”的 n 不能大于条件数' }),
    z.strictObject({ not: conditionSchema }),
  ]),
);

/** Every fact condition inside a condition, depth first. */
export function leafConditions(c: Condition): FactCondition[] {
  if ('fact' in c) return [c];
  if ('all' in c) return c.all.flatMap(leafConditions);
  if ('any' in c) return c.any.flatMap(leafConditions);
  if ('of' in c) return c.of.flatMap(leafConditions);
  return leafConditions(c.not);
}

// ───────────────────────── points ─────────────────────────

const pointsNumber = z.number().min(-1000).max(1000);
/**
 * How answers become points for one rubric item (evaluated by shared/rules/scoring.ts suggestedPoints):
 *   tiers  — the first tier whose condition holds gives its points, else `otherwise`;
 *   adjust — `base` plus each change whose condition holds (a bonus > 0, a deduction < 0), counted once
 *            or `per` unit of a number fact (−0.5 per missed meeting), then kept within `min`–`max`.
 * The result is always kept within 0 and the item's maximum.
 */
export const pointsRuleSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('tiers'),
    tiers: z.array(z.strictObject({ when: conditionSchema, points: pointsNumber, label: label(100).optional() })).min(1),
    otherwise: pointsNumber,
  }),
  z.strictObject({
    type: z.literal('adjust'),
    base: pointsNumber,
    changes: z
      .array(
        z.strictObject({
          label: label(100),
          points: pointsNumber,
          when: conditionSchema.optional(),
          /** counted once per unit of this number fact */
          per: factIdSchema.optional(),
        }),
      )
      .min(1),
    min: pointsNumber.optional(),
    max: pointsNumber.optional(),
  }),
]);
export type PointsRule = z.infer<typeof pointsRuleSchema>;

// ───────────────────────── what can be applied for ─────────────────────────

const instalmentSchema = z.object({
  id: ruleIdSchema,
  /** {at:'year', yearIndex} = after the assessment of that year; {at:'termEnd'} = after the term-end assessment */
  when: z.discriminatedUnion('at', [
    z.object({ at: z.literal('year'), yearIndex: z.number().int().min(1) }),
    z.object({ at: z.literal('termEnd') }),
  ]),
  amountYuan: z.number().int().min(0),
  requiresPass: z.boolean(),
});

const levelFundingSchema = z.discriminatedUnion('type', [
  /** 一事一议: decided case by case, no amount in the definition */
  z.object({ type: z.literal('caseByCase'), note: z.string().max(300).optional() }),
  z.object({ type: z.literal('instalments'), instalments: z.array(instalmentSchema).min(1) }),
]);

export const fundingRuleSchema = z.discriminatedUnion('type', [
  /** the programme pays nothing (an evaluation, a title) */
  z.object({ type: z.literal('none'), clause: clauseSchema.optional(), note: z.string().max(500).optional() }),
  /** station funding by level (seed 004 第十六条) */
  z.object({
    type: z.literal('byLevel'),
    clause: clauseSchema,
    levels: z.partialRecord(stationLevelSchema, levelFundingSchema),
    note: z.string().max(500).optional(),
  }),
  /** an amount the CAST sets for each round (设定年度资金额度), paid once */
  z.object({
    type: z.literal('roundConfigured'),
    clause: clauseSchema,
    requiresPass: z.boolean(),
    note: z.string().max(500).optional(),
  }),
  /** a first award set per round, then a fraction of it in later years of the cycle after passing */
  z.object({
    type: z.literal('firstAwardThenFraction'),
    clause: clauseSchema,
    cycleYears: z.number().int().min(2).max(10),
    laterNumerator: z.number().int().min(1),
    laterDenominator: z.number().int().min(1),
    note: z.string().max(500).optional(),
  }),
  /** the CAST decides the amount up to a yearly cap, paid once */
  z.object({
    type: z.literal('capPerYear'),
    clause: clauseSchema,
    capYuan: z.number().int().min(1),
    note: z.string().max(500).optional(),
  }),
]);
export type FundingRule = z.infer<typeof fundingRuleSchema>;

export const applicationKindSchema = z.object({
  id: ruleIdSchema,
  label: label(60),
  /** who applies: a society (学会) or a host unit (建站单位) */
  applicantType: z.enum(['society', 'hostUnit']),
  /** roles that may submit, resubmit and withdraw for the applicant */
  applicantRoles: z.array(roleSchema).min(1),
  /** `${programmeId}/${kindId}`: the form definition in shared/forms */
  formId: z.string().min(3).max(130),
  /** station levels that can be applied for (stations only) */
  stationLevels: z.array(stationLevelSchema).min(1).optional(),
  funding: fundingRuleSchema,
  clause: clauseSchema,
  note: z.string().max(500).optional(),
});
export type ApplicationKind = z.infer<typeof applicationKindSchema>;

// ───────────────────────── eligibility and vetoes ─────────────────────────

export const criterionSchema = z.object({
  id: ruleIdSchema,
  clause: clauseSchema,
  label: label(),
  fact: factIdSchema,
  test: factTestSchema,
  /** kinds it applies to; absent = every kind */
  kinds: z.array(ruleIdSchema).min(1).optional(),
  /** station levels it applies to; absent = every level */
  levels: z.array(stationLevelSchema).min(1).optional(),
  /** 'advisory': reported but not blocking (the seed allows exceptions, e.g. 特殊情况可另议) */
  severity: z.enum(['blocking', 'advisory']).default('blocking'),
  note: z.string().max(300).optional(),
});
export type Criterion = z.infer<typeof criterionSchema>;

/** 一票否决 / 不予受理: hit when the test on the fact is true. */
export const vetoSchema = z.object({
  id: ruleIdSchema,
  clause: clauseSchema,
  label: label(),
  fact: factIdSchema,
  hitWhen: factTestSchema,
  kinds: z.array(ruleIdSchema).min(1).optional(),
  note: z.string().max(300).optional(),
});
export type Veto = z.infer<typeof vetoSchema>;

export const materialSchema = z.object({
  id: ruleIdSchema,
  label: label(),
  required: z.boolean(),
  clause: clauseSchema,
  mimeTypes: z.array(z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/, '文件类型格式不正确')).min(1),
  kinds: z.array(ruleIdSchema).min(1).optional(),
  note: z.string().max(300).optional(),
});
export type Material = z.infer<typeof materialSchema>;

// ───────────────────────── review ─────────────────────────

export const stageTypes = ['firstReview', 'formalReview', 'siteVisit', 'expertReview', 'decision', 'approval'] as const;
export const stageTypeSchema = z.enum(stageTypes);
export type StageType = z.infer<typeof stageTypeSchema>;

/**
 * A stage is skipped when every `all` condition holds and (if given) at least one `any` condition holds
 * and (if given) the recursive `when` condition holds — read as one Condition (skipCondition).
 */
export const skipRuleSchema = z
  .object({
    all: z.array(factConditionSchema).optional(),
    any: z.array(factConditionSchema).optional(),
    when: conditionSchema.optional(),
    /** Chinese reason shown when the stage is skipped */
    reason: label(),
    clause: clauseSchema,
  })
  .refine((s) => (s.all?.length ?? 0) + (s.any?.length ?? 0) + (s.when ? 1 : 0) > 0, { error: '跳过规则至少需要一个条件' });
export type SkipRule = z.infer<typeof skipRuleSchema>;

/** The skip rule as one condition: all of `all`, one of `any`, and `when`. */
export function skipCondition(rule: SkipRule): Condition {
  const parts: Condition[] = [...(rule.all ?? [])];
  if (rule.any && rule.any.length > 0) parts.push({ any: rule.any });
  if (rule.when) parts.push(rule.when);
  return { all: parts };
}

export const stageSchema = z.object({
  id: ruleIdSchema,
  label: label(60),
  /** the staff role that passes, returns or rejects at this stage */
  role: staffRoleSchema,
  type: stageTypeSchema,
  clause: clauseSchema,
  /** most stages come before publicity; some seeds decide after it (seed 003: 公示无异议后再经党组会研究通过) */
  phase: z.enum(['beforePublicity', 'afterPublicity']).default('beforePublicity'),
  /** for expert reviews: who fills the score sheets (the stage role closes the stage) */
  scoredBy: z.literal('reviewer').optional(),
  skipWhen: skipRuleSchema.optional(),
  kinds: z.array(ruleIdSchema).min(1).optional(),
});
export type Stage = z.infer<typeof stageSchema>;

export const publicityRuleSchema = z.object({
  days: z.number().int().min(1).max(60),
  dayKind: z.enum(['working', 'calendar']),
  /** true when the seed says 不少于 (a minimum) */
  minimum: z.boolean(),
  clause: clauseSchema,
  /** 'seed': the number is written in the seed; 'chosen': the seed requires publicity without a length */
  source: z.enum(['seed', 'chosen']),
  /** who starts and ends the publicity and may reject during it (an upheld objection) */
  role: staffRoleSchema,
  note: z.string().max(500).optional(),
});
export type PublicityRule = z.infer<typeof publicityRuleSchema>;

export const awardSchema = z.object({
  role: staffRoleSchema,
  /** what the award is, e.g. 授牌 */
  label: label(60),
  clause: clauseSchema,
});

// ───────────────────────── calendar ─────────────────────────

export const cycleSchema = z.object({
  /** how long a funded project / station term runs; null when the seed does not say */
  cycleYears: z.number().int().min(1).max(10).nullable(),
  /** applications are taken every n years; null when the seed does not say */
  roundIntervalYears: z.number().int().min(1).max(10).nullable(),
  /** where the round interval is stated, when not in `clause` */
  roundClause: clauseSchema.optional(),
  /** the first round's year (rounds are anchor + k × interval) */
  roundAnchorYear: z.number().int().min(2000).max(2100).nullable(),
  assessment: z.object({
    frequency: z.enum(['yearly', 'midAndFinal', 'final']),
    /** when a project's year starts: the plaque/approval date or the calendar year */
    yearStart: z.enum(['plaqueDate', 'approvalDate', 'calendarYear']),
    clause: clauseSchema,
    note: z.string().max(500).optional(),
  }),
  /** the budget must be spent within n years of its approval */
  budgetSpendWithinYears: z.number().int().min(1).max(5).optional(),
  /** work must be done (and acceptance material handed in) by this date of the round year */
  workDeadline: z
    .object({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31), clause: clauseSchema })
    .refine((d) => d.day <= [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][d.month - 1]!, { error: '截止日期不存在' })
    .optional(),
  clause: clauseSchema,
  note: z.string().max(500).optional(),
});
export type Cycle = z.infer<typeof cycleSchema>;

// ───────────────────────── money ─────────────────────────

const expenseIdSchema = z.string().refine((id) => (expenseCategoryIds as readonly string[]).includes(id), {
  error: '未知的开支类别',
});
export const expensesSchema = z.object({
  allowed: z.object({ clause: clauseSchema, ids: z.array(expenseIdSchema).min(1) }),
  forbidden: z.object({ clause: clauseSchema, ids: z.array(expenseIdSchema).min(1) }),
  note: z.string().max(500).optional(),
});
export type Expenses = z.infer<typeof expensesSchema>;

export const penaltySchema = z.object({
  id: ruleIdSchema,
  clause: clauseSchema,
  /** what triggers it, Chinese */
  trigger: label(),
  /** years the applicant may not apply again (连续n年取消申报资格); 0 = none */
  banYears: z.number().int().min(0).max(10),
  clawBack: z.enum(['none', 'all', 'corresponding', 'partialOrAll']),
  /** 撤销资格 / 取消荣誉称号 */
  revokeQualification: z.boolean().default(false),
  /** 摘牌 */
  removePlaque: z.boolean().default(false),
  /** 停止（终止）资金支持 */
  stopFunding: z.boolean().default(false),
  /** 通报批评 */
  publicCriticism: z.boolean().default(false),
  /** 责令限期整改 */
  rectification: z.boolean().default(false),
  /** 追究相关人员责任 */
  accountability: z.boolean().default(false),
  note: z.string().max(500).optional(),
});
export type Penalty = z.infer<typeof penaltySchema>;

// ───────────────────────── limits ─────────────────────────

export const limitSchema = z.discriminatedUnion('type', [
  /** at most `max` applications of a kind (and level) recognised per round; null = set each round */
  z.object({
    type: z.literal('perRound'),
    id: ruleIdSchema,
    clause: clauseSchema,
    label: label(),
    kindId: ruleIdSchema,
    level: stationLevelSchema.optional(),
    max: z.number().int().min(1).nullable(),
  }),
  /** at most `max` active stations per host society in the city */
  z.object({
    type: z.literal('perSocietyInCity'),
    id: ruleIdSchema,
    clause: clauseSchema,
    label: label(),
    kindId: ruleIdSchema,
    max: z.number().int().min(1),
  }),
]);
export type Limit = z.infer<typeof limitSchema>;

/** A unit matching `when` may apply for `allowedLevels` only (第七条: 已建有市级专家工作站… 只能申报国家级). */
export const levelRestrictionSchema = z.object({
  id: ruleIdSchema,
  clause: clauseSchema,
  label: label(),
  kindId: ruleIdSchema,
  when: factConditionSchema,
  allowedLevels: z.array(stationLevelSchema).min(1),
});
export type LevelRestriction = z.infer<typeof levelRestrictionSchema>;

/** Which host-unit kinds may host which level (第5条). */
export const placementSchema = z.object({
  clause: clauseSchema,
  kindId: ruleIdSchema,
  rules: z.array(z.object({ level: stationLevelSchema, hostUnitKinds: z.array(hostUnitKindSchema).min(1) })).min(1),
  note: z.string().max(500).optional(),
});
export type Placement = z.infer<typeof placementSchema>;

const rubricItemSchema = z.object({
  id: ruleIdSchema,
  label: label(100),
  maxPoints: z.number().positive().max(1000),
  basis: clauseSchema,
  /** the points step (1 = whole points, 0.5 = half points); the max and every score are multiples of it */
  step: z.number().positive().max(100).default(1),
  /** how the facts give the points; absent = a judgement the scorer types */
  points: pointsRuleSchema.optional(),
});
export type RubricItem = z.infer<typeof rubricItemSchema>;

/** A band: a total of at least `min` reaches this level / star / grade (bands listed highest first). */
export const bandSchema = z.object({
  min: z.number().min(0),
  label: label(30),
  /** false: this band is not recognised (the evaluation fails) */
  passes: z.boolean().default(true),
});
export type Band = z.infer<typeof bandSchema>;

export const rubricSchema = z
  .object({
    /** 'seed': the seed gives the items and points; 'derived': we derived them from the seed's criteria */
    source: z.enum(['seed', 'derived']),
    clause: clauseSchema,
    /** the stage whose reviewers score with it */
    stageId: ruleIdSchema,
    note: z.string().max(800),
    /** the sum of the items' maxima (100 unless the policy says otherwise) */
    total: z.number().positive().max(10000).default(100),
    items: z.array(rubricItemSchema).min(1),
    /** score → level / star / grade, highest first */
    bands: z.array(bandSchema).min(1).optional(),
  })
  .refine((r) => Math.abs(r.items.reduce((s, i) => s + i.maxPoints, 0) - r.total) < 1e-9, {
    error: (iss) => {
      const r = iss.input as { total?: number };
      return `评分细则各项满分之和必须等于 ${r?.total ?? 100}`;
    },
  });
export type Rubric = z.output<typeof rubricSchema>;

/** A rubric for some applicants only: some kinds and/or those whose facts meet `when` (e.g. a society level). */
export const typedRubricSchema = z.object({
  id: ruleIdSchema,
  label: label(60),
  kinds: z.array(ruleIdSchema).min(1).optional(),
  when: conditionSchema.optional(),
  rubric: rubricSchema,
});
export type TypedRubric = z.output<typeof typedRubricSchema>;

/** Where a definition comes from: a seed file of this repository or a published document. */
export const provenanceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('seed'), file: z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/, '种子文件名格式不正确') }),
  z.object({
    kind: z.literal('document'),
    title: label(),
    issuer: label(60),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'),
    url: z.url().optional(),
  }),
]);
export type Provenance = z.infer<typeof provenanceSchema>;

/** The issuing association's scope: a city's CAST or one district's (区/县 科协) within the city. */
export const issuerScopeSchema = z.discriminatedUnion('level', [
  z.object({ level: z.literal('city') }),
  z.object({ level: z.literal('district'), district: label(30) }),
]);
export type IssuerScope = z.infer<typeof issuerScopeSchema>;

// ───────────────────────── the programme ─────────────────────────

const programmeObject = z.object({
  id: ruleIdSchema,
  city: label(20),
  issuer: z.array(label(60)).min(1),
  /** year issued; null when the seed carries no date */
  year: z.number().int().min(2000).max(2100).nullable(),
  title: label(),
  /** where the definition is read from */
  provenance: provenanceSchema,
  /** who issues it: the city's association (default) or a district's */
  scope: issuerScopeSchema.default({ level: 'city' }),
  facts: z.array(factSchema),
  kinds: z.array(applicationKindSchema).min(1),
  criteria: z.array(criterionSchema),
  vetoes: z.array(vetoSchema),
  materials: z.array(materialSchema).min(1),
  /** review stages in order */
  stages: z.array(stageSchema).min(1),
  /**
   * absent: the programme has no publicity — an application goes from its last stage to the outcome
   * (approved, then the award) directly; no stage may then be `afterPublicity`
   */
  publicity: publicityRuleSchema.optional(),
  award: awardSchema,
  cycle: cycleSchema,
  /** absent: the programme pays nothing, so there is no spending list */
  expenses: expensesSchema.optional(),
  penalties: z.array(penaltySchema),
  limits: z.array(limitSchema),
  levelRestrictions: z.array(levelRestrictionSchema).default([]),
  placement: placementSchema.optional(),
  /** the rubric for every applicant not matched by one of `rubricsByType` */
  rubric: rubricSchema,
  /** rubrics for some applicant types (kinds, society levels), tried in order before `rubric` */
  rubricsByType: z.array(typedRubricSchema).default([]),
  /** station assessment settings (第十二条), for programmes that assess stations */
  assessment: assessmentSettingsSchema.optional(),
  /** after the award: task agreement, budget, checks, payments, consequences (issue 14; post-award.ts) */
  postAward: postAwardSchema.optional(),
  /** where the definition had to choose because the seed is silent or ambiguous */
  notes: z.array(z.string().max(500)).default([]),
});

type ProgrammeShape = z.output<typeof programmeObject>;

function duplicates(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const id of ids) (seen.has(id) ? dup : seen).add(id);
  return [...dup];
}

/** Cross-reference checks; each problem is a Chinese message with its path. */
function integrityIssues(p: ProgrammeShape): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const add = (path: (string | number)[], message: string): void => {
    issues.push({ path, message });
  };

  const lists: [string, readonly { id: string }[]][] = [
    ['facts', p.facts],
    ['kinds', p.kinds],
    ['criteria', p.criteria],
    ['vetoes', p.vetoes],
    ['materials', p.materials],
    ['stages', p.stages],
    ['penalties', p.penalties],
    ['limits', p.limits],
    ['levelRestrictions', p.levelRestrictions],
    ['rubric', p.rubric.items],
  ];
  for (const [name, list] of lists) {
    for (const id of duplicates(list.map((x) => x.id))) add([name], `编号重复：${id}`);
  }
  // criteria, limits, level restrictions and the built-in checks are reported in one list
  const eligibilityIds = [...p.criteria, ...p.limits, ...p.levelRestrictions].map((x) => x.id);
  for (const id of duplicates([...eligibilityIds, ...BUILT_IN_CRITERION_IDS])) add(['criteria'], `资格条件编号冲突：${id}`);

  const facts = new Map(p.facts.map((f) => [f.id, f]));
  const kinds = new Map(p.kinds.map((k) => [k.id, k]));
  const allLevels = new Set(p.kinds.flatMap((k) => k.stationLevels ?? []));

  const checkFact = (path: (string | number)[], factId: string, test: FactTest) => {
    const fact = facts.get(factId);
    if (!fact) return add(path, `引用了未定义的事实：${factId}`);
    if (!testFactTypes[test.op].includes(fact.type)) add(path, `事实 ${factId}（${fact.type}）不能用 ${test.op} 判断`);
    if (test.op === 'oneOf' && fact.options) {
      const values = new Set(fact.options.map((o) => o.value));
      for (const v of test.values) if (!values.has(v)) add(path, `事实 ${factId} 没有选项 ${v}`);
    }
  };
  const checkKinds = (path: (string | number)[], ids: readonly string[] | undefined) => {
    for (const k of ids ?? []) if (!kinds.has(k)) add(path, `引用了未定义的申报类别：${k}`);
  };
  const checkLevels = (path: (string | number)[], levels: readonly string[] | undefined, kindId?: string) => {
    const offered = kindId ? new Set(kinds.get(kindId)?.stationLevels ?? []) : allLevels;
    for (const l of levels ?? []) if (!offered.has(l as never)) add(path, `申报类别不提供该级别：${l}`);
  };

  p.kinds.forEach((k, i) => {
    if (k.formId !== `${p.id}/${k.id}`) add(['kinds', i, 'formId'], `表单编号应为 ${p.id}/${k.id}`);
    if (k.funding.type === 'byLevel') {
      for (const level of k.stationLevels ?? []) {
        if (!k.funding.levels[level]) add(['kinds', i, 'funding'], `缺少 ${level} 级的资助规则`);
      }
      checkLevels(['kinds', i, 'funding'], Object.keys(k.funding.levels), k.id);
    }
    if (k.stationLevels && !(facts.has(LEVEL_FACT) && facts.get(LEVEL_FACT)?.type === 'string')) {
      add(['kinds', i], `提供级别的申报类别需要字符串事实 ${LEVEL_FACT}`);
    }
  });
  p.criteria.forEach((c, i) => {
    checkFact(['criteria', i], c.fact, c.test);
    checkKinds(['criteria', i, 'kinds'], c.kinds);
    checkLevels(['criteria', i, 'levels'], c.levels);
  });
  p.vetoes.forEach((v, i) => {
    checkFact(['vetoes', i], v.fact, v.hitWhen);
    checkKinds(['vetoes', i, 'kinds'], v.kinds);
  });
  p.materials.forEach((m, i) => {
    checkKinds(['materials', i, 'kinds'], m.kinds);
  });
  p.stages.forEach((s, i) => {
    checkKinds(['stages', i, 'kinds'], s.kinds);
    if (s.skipWhen) for (const c of leafConditions(skipCondition(s.skipWhen))) checkFact(['stages', i, 'skipWhen'], c.fact, c.test);
    if (s.scoredBy && s.type !== 'expertReview') add(['stages', i], '只有专家评审环节可以指定评分人');
  });
  for (const k of p.kinds) {
    const own = p.stages.filter((s) => !s.kinds || s.kinds.includes(k.id));
    if (!own.some((s) => s.phase === 'beforePublicity')) add(['stages'], `申报类别 ${k.id} 在公示前没有审核环节`);
  }
  if (!p.publicity) {
    p.stages.forEach((s, i) => {
      if (s.phase === 'afterPublicity') add(['stages', i, 'phase'], '本项目不设公示，环节不能安排在公示之后');
    });
  }
  p.limits.forEach((l, i) => {
    checkKinds(['limits', i, 'kindId'], [l.kindId]);
    if (l.type === 'perRound' && l.level) checkLevels(['limits', i, 'level'], [l.level], l.kindId);
  });
  p.levelRestrictions.forEach((r, i) => {
    checkKinds(['levelRestrictions', i, 'kindId'], [r.kindId]);
    checkFact(['levelRestrictions', i, 'when'], r.when.fact, r.when.test);
    checkLevels(['levelRestrictions', i, 'allowedLevels'], r.allowedLevels, r.kindId);
  });
  if (p.placement) {
    checkKinds(['placement', 'kindId'], [p.placement.kindId]);
    checkLevels(
      ['placement', 'rules'],
      p.placement.rules.map((r) => r.level),
      p.placement.kindId,
    );
    if (!facts.has(HOST_UNIT_KIND_FACT)) add(['placement'], `建站位置规则需要事实 ${HOST_UNIT_KIND_FACT}`);
  }
  if (!p.stages.some((s) => s.id === p.rubric.stageId)) add(['rubric', 'stageId'], `评分细则引用了不存在的环节：${p.rubric.stageId}`);
  for (const id of duplicates(p.rubricsByType.map((r) => r.id))) add(['rubricsByType'], `编号重复：${id}`);
  const rubrics: [(string | number)[], Rubric][] = [
    [['rubric'], p.rubric],
    ...p.rubricsByType.map((r, i): [(string | number)[], Rubric] => [['rubricsByType', i, 'rubric'], r.rubric]),
  ];
  p.rubricsByType.forEach((r, i) => {
    checkKinds(['rubricsByType', i, 'kinds'], r.kinds);
    if (r.when) for (const c of leafConditions(r.when)) checkFact(['rubricsByType', i, 'when'], c.fact, c.test);
    if (!r.kinds && !r.when) add(['rubricsByType', i], '分类评分细则须指明适用的申报类别或条件');
    if (r.rubric.stageId !== p.rubric.stageId)
      add(['rubricsByType', i, 'rubric', 'stageId'], `各评分细则应在同一环节评分：${p.rubric.stageId}`);
  });
  const multiple = (x: number, step: number) => Math.abs(x / step - Math.round(x / step)) < 1e-9;
  for (const [at, rubric] of rubrics) {
    if (at.length > 1) for (const id of duplicates(rubric.items.map((x) => x.id))) add([...at, 'items'], `编号重复：${id}`);
    rubric.items.forEach((item, j) => {
      const here = [...at, 'items', j];
      if (!multiple(item.maxPoints, item.step)) add([...here, 'maxPoints'], `满分 ${item.maxPoints} 不是步长 ${item.step} 的整数倍`);
      const rule = item.points;
      if (!rule) return;
      const conditions = rule.type === 'tiers' ? rule.tiers.map((t) => t.when) : rule.changes.flatMap((c) => (c.when ? [c.when] : []));
      for (const c of conditions.flatMap(leafConditions)) checkFact([...here, 'points'], c.fact, c.test);
      const values = rule.type === 'tiers' ? [...rule.tiers.map((t) => t.points), rule.otherwise] : [rule.base];
      for (const v of values) {
        if (v < 0 || v > item.maxPoints) add([...here, 'points'], `分值 ${v} 超出本项 0 到 ${item.maxPoints} 分的范围`);
        if (!multiple(v, item.step)) add([...here, 'points'], `分值 ${v} 不是步长 ${item.step} 的整数倍`);
      }
      if (rule.type === 'adjust') {
        rule.changes.forEach((c, k) => {
          if (!multiple(c.points, item.step)) add([...here, 'points', 'changes', k], `分值 ${c.points} 不是步长 ${item.step} 的整数倍`);
          if (c.per) {
            const fact = facts.get(c.per);
            if (!fact) add([...here, 'points', 'changes', k, 'per'], `引用了未定义的事实：${c.per}`);
            else if (fact.type !== 'number') add([...here, 'points', 'changes', k, 'per'], `按次计分需要数字事实：${c.per}`);
          }
        });
        if (rule.min !== undefined && rule.max !== undefined && rule.min > rule.max)
          add([...here, 'points'], `下限 ${rule.min} 大于上限 ${rule.max}`);
      }
    });
    const mins = (rubric.bands ?? []).map((b) => b.min);
    if (mins.some((m, k) => k > 0 && m >= mins[k - 1]!)) add([...at, 'bands'], '等级应按分数线从高到低排列');
    if (mins.some((m) => m > rubric.total)) add([...at, 'bands'], `等级分数线不能高于总分 ${rubric.total}`);
  }
  p.facts.forEach((f, i) => {
    if ((f.min !== undefined || f.max !== undefined || f.step !== undefined) && f.type !== 'number')
      add(['facts', i], '只有数字事实可以设定范围和步长');
    if (f.min !== undefined && f.max !== undefined && f.min > f.max) add(['facts', i], `下限 ${f.min} 大于上限 ${f.max}`);
  });
  if (allLevels.size > 0 && !p.assessment) add(['assessment'], '服务站类项目必须给出考核设置（第十二条）');
  if (p.postAward) {
    issues.push(
      ...postAwardIssues(p.postAward, {
        penaltyIds: new Set(p.penalties.map((x) => x.id)),
        kindIds: new Set(p.kinds.map((k) => k.id)),
        cycleYears: p.cycle.cycleYears,
        pays: p.kinds.some((k) => k.funding.type !== 'none'),
      }),
    );
  }
  return issues;
}

export const programmeSchema = programmeObject.superRefine((p, ctx) => {
  for (const issue of integrityIssues(p)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
});

export type Programme = z.output<typeof programmeSchema>;
export type ProgrammeInput = z.input<typeof programmeSchema>;

/** Facts an applicant supplies: missing (undefined) = unknown. null = "none" (only meaningful for dates). */
export type Facts = Readonly<Record<string, boolean | number | string | null | undefined>>;

export function findKind(programme: Programme, kindId: string): ApplicationKind | undefined {
  return programme.kinds.find((k) => k.id === kindId);
}

/** The kind, or a RangeError: an unknown kind id is a programming error (callers validate input first). */
export function requireKind(programme: Programme, kindId: string): ApplicationKind {
  const kind = findKind(programme, kindId);
  if (!kind) throw new RangeError(`项目 ${programme.id} 没有申报类别 ${kindId}`);
  return kind;
}

/** The stages of a kind, in order. */
export function stagesOf(programme: Programme, kindId: string): Stage[] {
  return programme.stages.filter((s) => !s.kinds || s.kinds.includes(kindId));
}

export function appliesToKind(item: { kinds?: readonly string[] | undefined }, kindId: string): boolean {
  return !item.kinds || item.kinds.includes(kindId);
}
