import { z } from 'zod';
import { chinaDateSchema, fileRefSchema, idSchema, mobileSchema, optionalText, phoneAnySchema, text } from './common';

/**
 * When a unit, station or person was deactivated (org.deactivate, issue 13): it stays stored — things
 * refer to it — but is no longer offered for new work. Absent or null: active.
 */
const deactivatedAt = z.number().int().nullable().optional();

/** 统一社会信用代码: 18 characters, digits and capital letters without I, O, Z, S, V. */
export const creditCodeSchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, '统一社会信用代码应为 18 位数字或大写字母'));

/** A unit's contact (联系人、联系电话). */
export const contactSchema = z.object({
  name: optionalText(40, '联系人'),
  phone: phoneAnySchema.optional(),
});

/**
 * A CAST unit: a city association, one of its counties (县市区科协), or a province (省科协) whose
 * children are cities (issue 13, item 5: one environment may serve several cities).
 */
export const castUnitKinds = ['province', 'city', 'county'] as const;
export const castUnitSchema = z.object({
  id: idSchema,
  name: text(60, '单位名称'),
  kind: z.enum(castUnitKinds),
  /** for a county, the city it belongs to; for a city, its province (or null) */
  parentId: idSchema.nullable(),
  /** a city's enabled programmes (org.setProgrammeEnabled): only these are offered and opened there */
  programmeIds: z.array(idSchema).max(100).optional(),
  deactivatedAt,
});
export type CastUnit = z.infer<typeof castUnitSchema>;

export const societyLevelSchema = z.enum(['national', 'provincial', 'city', 'county']);
export const societyLevelLabels = { national: '全国', provincial: '省级', city: '市级', county: '县级' } as const;

/** 学会 */
export const societySchema = z.object({
  id: idSchema,
  name: text(60, '学会名称'),
  level: societyLevelSchema,
  /** the CAST unit that oversees it */
  castUnitId: idSchema,
  /** 统一社会信用代码 (the natural key an import matches on, when known) */
  creditCode: creditCodeSchema.optional(),
  contact: contactSchema.optional(),
  deactivatedAt,
});
export type Society = z.infer<typeof societySchema>;

/** 单位性质 of a host unit (第二条 / 申报书). */
export const hostUnitKinds = [
  'city_county_cast',
  'park_cast',
  'city_county_society',
  'university_cast',
  'enterprise_cast',
  'township_cast',
  'enterprise_cast_federation',
] as const;
export const hostUnitKindSchema = z.enum(hostUnitKinds);
export type HostUnitKind = z.infer<typeof hostUnitKindSchema>;
export const hostUnitKindLabels: Record<HostUnitKind, string> = {
  city_county_cast: '市县级科协',
  park_cast: '园区科协',
  city_county_society: '市县级学会',
  university_cast: '高校科协',
  enterprise_cast: '企业科协',
  township_cast: '乡镇科协',
  enterprise_cast_federation: '企业科协联合会',
};

/** 建站单位 */
export const hostUnitSchema = z.object({
  id: idSchema,
  name: text(100, '单位名称'),
  kind: hostUnitKindSchema,
  castUnitId: idSchema,
  address: optionalText(200, '地址'),
  /** station address for location check-in; null when unknown */
  location: z
    .object({ lat: z.number(), lng: z.number(), radiusM: z.number().int().min(50).max(50_000) })
    .nullable()
    .default(null),
  /** already has a funded city-level expert workstation (第七条: may then apply national only) */
  hasFundedExpertWorkstation: z.boolean().default(false),
  creditCode: creditCodeSchema.optional(),
  contact: contactSchema.optional(),
  deactivatedAt,
});
export type HostUnit = z.infer<typeof hostUnitSchema>;

export const stationLevelSchema = z.enum(['national', 'provincial', 'city']);
export type StationLevel = z.infer<typeof stationLevelSchema>;
export const stationLevelLabels: Record<StationLevel, string> = { national: '国家级', provincial: '省级', city: '市级' };

export const industryFields = [
  '现代农业',
  '装备制造',
  '数字经济',
  '电子信息',
  '新材料',
  '新能源',
  '生命健康',
  '生态绿色食品',
  '其他',
] as const;
export const industryFieldSchema = z.enum(industryFields);
export type IndustryField = z.infer<typeof industryFieldSchema>;

/**
 * One period of an expert on a station's team (org.setTeam): from `from` to `to` inclusive, `to` null
 * while they are on it. History is kept: leaving closes the period, a return opens a new one.
 */
export const teamMemberSchema = z.object({
  personId: idSchema,
  from: chinaDateSchema,
  to: chinaDateSchema.nullable(),
});
export type TeamMember = z.infer<typeof teamMemberSchema>;

/**
 * A prior year's assessment result, entered by staff from its source (issue 13, item 6: a station plaqued
 * before go-live): the yearly assessment uses it for a year that ends before go-live (coverage.ts,
 * prior.ts). Audited with the station (org.savePriorResult).
 */
export const priorResultSchema = z.object({
  /** the assessment year it is for (1-based from the plaque date; shared/rules/assessment/prior.ts) */
  yearIndex: z.number().int().min(1).max(50),
  /** the calendar year the source names (e.g. 2024 for "2024 年度考核通报") */
  year: z.number().int().min(2000).max(2100),
  grade: z.enum(['优秀', '合格', '不合格']),
  score: z.number().min(0).max(100).nullable().default(null),
  /** service days of the year as the source gives them, when it does */
  days: z.number().int().min(0).max(100_000).nullable().default(null),
  /** where the result comes from, e.g. "2024 年度考核通报" */
  source: text(100, '来源'),
  enteredBy: idSchema,
  enteredAt: z.number().int(),
});
export type PriorResult = z.infer<typeof priorResultSchema>;

/** 学会服务站 */
/** A station's standing: 正常 / 整改中 / 待摘牌 / 已摘牌 / 已撤销 (closed or merged on request, 第十四条). */
export const stationStatuses = ['active', 'rectifying', 'delisting', 'delisted', 'closed'] as const;

/** A 第十四条 request (merge / reorganise / close) filed by the host unit or the society, decided by city staff. */
export const stationChangeRequestSchema = z.object({
  id: idSchema,
  type: z.enum(['merge', 'reorganise', 'close']),
  reason: z.string().max(2000),
  /** merge: the station that stays (this one closes) */
  mergeIntoStationId: idSchema.nullable(),
  attachments: z.array(fileRefSchema).max(10),
  requestedBy: idSchema,
  requestedAt: z.number().int().min(0),
  status: z.enum(['pending', 'approved', 'rejected']),
  decision: z.object({ by: idSchema, at: z.number().int().min(0), comment: z.string().max(1000) }).nullable(),
});
export type StationChangeRequest = z.infer<typeof stationChangeRequestSchema>;

export const stationSchema = z.object({
  id: idSchema,
  name: text(100, '服务站名称'),
  programmeId: idSchema,
  level: stationLevelSchema,
  societyId: idSchema,
  hostUnitId: idSchema,
  castUnitId: idSchema,
  industryField: industryFieldSchema,
  /** 授牌日期: starts the assessment calendar */
  plaqueDate: chinaDateSchema,
  /** agreement term in years (第七条: 2) */
  termYears: z.number().int().min(1).max(10),
  agreementItems: z.array(text(200, '协议事项')).max(50).default([]),
  /**
   * The experts on the team now. With `team`, derived from it (the members whose period is open) and
   * written with it, so every reader of `expertIds` keeps working (shared/rules/org.ts currentExpertIds).
   */
  expertIds: z.array(idSchema).max(100),
  /** Team membership history (org.setTeam); absent on stations never edited there: `expertIds` from the plaque date. */
  team: z.array(teamMemberSchema).max(500).optional(),
  /** 上线日期: the day the station's work is first recorded in this system (a station plaqued before go-live) */
  goLiveDate: chinaDateSchema.optional(),
  /** prior years' results entered from their source (years before go-live), one per assessment year */
  priorResults: z.array(priorResultSchema).max(50).optional(),
  staffIds: z.array(idSchema).max(100).default([]),
  /** closed (撤销): closed or merged into another station on request (第十四条) */
  status: z.enum(stationStatuses).default('active'),
  /** 第十四条 written requests to merge, reorganise or close, with the decision (history kept; awards.requestStationChange) */
  changeRequests: z.array(stationChangeRequestSchema).max(50).optional(),
  /** application it was awarded from, if any */
  applicationId: idSchema.nullable().default(null),
  deactivatedAt,
});
export type Station = z.infer<typeof stationSchema>;

/** A person known to the system; bound to an OPENID by redeeming an invite. */
export const personSchema = z.object({
  id: idSchema,
  name: text(40, '姓名'),
  mobile: mobileSchema.optional(),
  title: optionalText(60, '职称/职务'),
  societyId: idSchema.nullable().default(null),
  hostUnitId: idSchema.nullable().default(null),
  /** the CAST unit the person belongs to (org.savePerson; absent: from their society or host unit) */
  castUnitId: idSchema.nullable().optional(),
  deactivatedAt,
});
export type Person = z.infer<typeof personSchema>;

export const roles = [
  'secretary',
  'expert',
  'hostContact',
  'countyStaff',
  'cityStaff',
  'talentOffice',
  'reviewer',
  'provincialStaff',
  'financeBureau',
] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;
export const roleLabels: Record<Role, string> = {
  secretary: '学会秘书长',
  expert: '服务站专家',
  hostContact: '建站单位联系人',
  countyStaff: '县市区科协',
  cityStaff: '市科协',
  talentOffice: '市委人才办',
  reviewer: '评审专家',
  provincialStaff: '省科协',
  financeBureau: '市财政局',
};

/** What a role binding is attached to. */
export const bindingScopeSchema = z.object({
  societyId: idSchema.nullable().default(null),
  stationId: idSchema.nullable().default(null),
  hostUnitId: idSchema.nullable().default(null),
  castUnitId: idSchema.nullable().default(null),
});
export type BindingScope = z.infer<typeof bindingScopeSchema>;

export const roleBindingSchema = z.object({
  id: idSchema,
  openid: z.string().min(1).max(128),
  personId: idSchema,
  role: roleSchema,
  scope: bindingScopeSchema,
  createdAt: z.number().int(),
  createdBy: idSchema,
  revokedAt: z.number().int().nullable().default(null),
  revokedBy: idSchema.nullable().default(null),
});
export type RoleBinding = z.infer<typeof roleBindingSchema>;

/**
 * One WeChat account is one person (collection `openids`, _id = the OPENID): the lock document every
 * redeemInvite and revokeBinding reads and writes inside its transaction, so two redeems racing on
 * one OPENID cannot both bind it (issue 11, finding 11). `bindingIds` are the account's active
 * bindings; when it is empty the account is free to be bound to another person.
 */
export const openidLockSchema = z.object({
  openid: z.string().min(1).max(128),
  personId: idSchema,
  bindingIds: z.array(idSchema).max(100),
  updatedAt: z.number().int(),
});
export type OpenidLock = z.infer<typeof openidLockSchema>;

export const inviteSchema = z.object({
  code: z.string().regex(/^[A-Z0-9]{8}$/),
  role: roleSchema,
  personId: idSchema,
  scope: bindingScopeSchema,
  createdBy: idSchema,
  createdAt: z.number().int(),
  expiresAt: z.number().int(),
  usedAt: z.number().int().nullable().default(null),
  usedBy: z.string().nullable().default(null),
});
export type Invite = z.infer<typeof inviteSchema>;

/** Audit event: who, when, what, before, after. Never deleted. */
export const auditEventSchema = z.object({
  id: idSchema,
  at: z.number().int(),
  actorId: idSchema,
  action: z.string().max(60),
  entity: z.string().max(40),
  entityId: idSchema,
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  reason: optionalText(500, '原因'),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;
