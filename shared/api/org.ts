import { z } from 'zod';
import { type OrgEntity, orgEntities } from '../rules/org';
import { chinaDateSchema, cleanString, idSchema, optionalText, requestIdSchema, text } from '../schemas/common';
import {
  type CastUnit,
  castUnitSchema,
  contactSchema,
  creditCodeSchema,
  type HostUnit,
  hostUnitSchema,
  personSchema,
  priorResultSchema,
  type Society,
  type Station,
  societySchema,
  stationSchema,
  stationStatuses,
  type teamMemberSchema,
} from '../schemas/org';
import { action } from './define';
import { holidaysApi } from './holidays';
import { migrationsApi } from './migrations';

/**
 * org (issue 13): the organisation a city runs on — CAST units, societies, host units, stations with
 * their teams, persons, application rounds — written by staff through the app (and, later, the Excel
 * import, which calls the same decisions). Every save is `{ requestId, <entity>: { id?, … } }`: no id
 * creates (matched against the natural key first, so a duplicate is refused, not made), an id updates.
 * On update, an optional field left out keeps its value and `null` clears it.
 */

const withRequestId = { requestId: requestIdSchema };

export const listUnitsInput = z.object({
  kind: z.enum(orgEntities),
  /** only the records of this CAST unit (must be one the caller oversees) */
  castUnitId: idSchema.optional(),
  /** part of the name (or, for persons, of the title) */
  q: cleanString().max(40).optional(),
  includeInactive: z.boolean().default(false),
  offset: z.number().int().min(0).max(1_000_000).default(0),
  limit: z.number().int().min(1).max(200).default(50),
});

const patchable = <T extends z.ZodType>(s: T) => s.nullable().optional();

export const saveCastUnitInput = z.object({
  ...withRequestId,
  /** a county of the caller's city (new), or a rename of a unit the caller's city owns */
  castUnit: z.object({
    id: idSchema.optional(),
    name: castUnitSchema.shape.name,
    /** a new county's city (default: the caller's city) */
    parentId: idSchema.optional(),
  }),
});

export const saveSocietyInput = z.object({
  ...withRequestId,
  society: z.object({
    id: idSchema.optional(),
    name: societySchema.shape.name,
    level: societySchema.shape.level,
    /** default: the caller's own CAST unit (city staff: the city) */
    castUnitId: idSchema.optional(),
    creditCode: patchable(creditCodeSchema),
    contact: patchable(contactSchema),
  }),
});

export const saveHostUnitInput = z.object({
  ...withRequestId,
  hostUnit: z.object({
    id: idSchema.optional(),
    name: hostUnitSchema.shape.name,
    kind: hostUnitSchema.shape.kind,
    castUnitId: idSchema.optional(),
    address: optionalText(200, '地址').optional(),
    /** map location and check-in radius (metres); null: unknown */
    location: z
      .object({
        lat: z.number().min(-90).max(90),
        lng: z.number().min(-180).max(180),
        radiusM: z.number().int().min(50).max(50_000),
      })
      .nullable()
      .optional(),
    /** already has a funded city-level expert workstation (第七条(七): may then apply national only) */
    hasFundedExpertWorkstation: z.boolean().optional(),
    creditCode: patchable(creditCodeSchema),
    contact: patchable(contactSchema),
  }),
});

export const saveStationInput = z.object({
  ...withRequestId,
  /** a station as it is (e.g. plaqued before the system): its team is set with setTeam */
  station: z.object({
    id: idSchema.optional(),
    name: stationSchema.shape.name,
    programmeId: idSchema,
    level: stationSchema.shape.level,
    societyId: idSchema,
    hostUnitId: idSchema,
    /** default: the host unit's CAST unit */
    castUnitId: idSchema.optional(),
    industryField: stationSchema.shape.industryField.default('其他'),
    plaqueDate: chinaDateSchema,
    termYears: z.number().int().min(1).max(10).default(2),
    status: z.enum(stationStatuses).optional(),
    goLiveDate: patchable(chinaDateSchema),
    agreementItems: z.array(text(200, '协议事项')).max(50).optional(),
  }),
});

/**
 * A prior year's result of a station plaqued before go-live, from its source (issue 13 item 6; rules in
 * shared/rules/assessment/prior.ts): `year` is the calendar year the source names; saving the same year
 * again replaces it (audited).
 */
export const savePriorResultInput = z.object({
  ...withRequestId,
  stationId: idSchema,
  result: z.object({
    year: priorResultSchema.shape.year,
    grade: priorResultSchema.shape.grade,
    score: z.number().min(0).max(100).nullable().optional(),
    days: z.number().int().min(0).max(100_000).nullable().optional(),
    source: priorResultSchema.shape.source,
  }),
});

/**
 * An award the city made before go-live, imported at its stage (issue 13 item 6; shared/rules/award-import.ts):
 * a society programme award (e.g. a five-star society in year 2) or a station's award (with the station it made).
 */
export const importAwardInput = z.object({
  ...withRequestId,
  award: z.object({
    programmeId: idSchema,
    kindId: idSchema,
    societyId: idSchema.nullable().default(null),
    hostUnitId: idSchema.nullable().default(null),
    level: stationSchema.shape.level.nullable().default(null),
    /** the cycle year the award is in now (1 = the year it was awarded) */
    stage: z.number().int().min(1).max(10).default(1),
    awardedOn: chinaDateSchema,
    title: text(200, '名称'),
    source: text(100, '来源'),
    stationId: idSchema.nullable().default(null),
  }),
});

export const setTeamInput = z.object({
  ...withRequestId,
  stationId: idSchema,
  /** the experts on the team (with the day each joined; `to` for one who has left); anyone not listed leaves */
  experts: z
    .array(
      z.object({
        personId: idSchema,
        from: chinaDateSchema.optional(),
        to: chinaDateSchema.nullable().optional(),
      }),
    )
    .max(100),
  /** the day those not listed left (default today) */
  leftOn: chinaDateSchema.optional(),
});

export const savePersonInput = z.object({
  ...withRequestId,
  person: z.object({
    id: idSchema.optional(),
    name: personSchema.shape.name,
    mobile: patchable(personSchema.shape.mobile.unwrap()),
    title: optionalText(60, '职称/职务').optional(),
    societyId: idSchema.nullable().optional(),
    hostUnitId: idSchema.nullable().optional(),
    /** default: the caller's own CAST unit */
    castUnitId: idSchema.optional(),
  }),
});

export const saveRoundInput = z.object({
  ...withRequestId,
  /** one round per programme and year (saving the same programme and year again updates it) */
  round: z.object({
    programmeId: idSchema,
    year: z.number().int().min(2000).max(2100),
    title: text(100, '批次名称').optional(),
    opensOn: chinaDateSchema,
    closesOn: chinaDateSchema,
    /** the numbers the programme leaves to each round (limit id → max), e.g. 奖励名额 */
    limits: z.record(idSchema, z.number().int().min(0).max(10_000)).default({}),
  }),
});

/**
 * A city enables (or stops) a programme (issue 13, item 5): only then does it open the programme's
 * rounds and offer it to its applicants. City staff of that city; `castUnitId` defaults to their city.
 */
export const setProgrammeEnabledInput = z.object({
  ...withRequestId,
  programmeId: idSchema,
  enabled: z.boolean(),
  castUnitId: idSchema.optional(),
});
/** Which programmes the caller's city (a province: each of its cities) enables. */
export const cityProgrammesInput = z.object({ castUnitId: idSchema.optional() });
export interface CityProgrammes {
  cities: {
    castUnitId: string;
    name: string;
    /** every programme of the catalogue, enabled or not (enabling is city staff's: `mayChange`) */
    programmes: { id: string; title: string; enabled: boolean }[];
    mayChange: boolean;
    /**
     * 'city': the city's entry (its city programmes); 'county': a county issuing a district programme
     * (issue 16 item 4) — its district programmes, enabled by that county's staff
     */
    level: 'city' | 'county';
  }[];
}

export const deactivateInput = z.object({
  ...withRequestId,
  entity: z.enum(orgEntities),
  id: idSchema,
  reason: text(200, '原因'),
  /** true: make it active again */
  restore: z.boolean().default(false),
});

export interface UnitPage<T> {
  kind: OrgEntity;
  items: T[];
  /** how many match (before paging) */
  total: number;
  /** the offset of the next page, or null when this is the last */
  nextOffset: number | null;
}
type Active = { active: boolean };
export type CastUnitView = CastUnit & Active;
export type SocietyView = Society & Active & { castUnitName: string };
export type HostUnitView = HostUnit & Active & { castUnitName: string };
export type StationView = Omit<Station, 'team'> &
  Active & { team: z.infer<typeof teamMemberSchema>[]; societyName: string; hostUnitName: string; castUnitName: string };
/** A person as lists show them: the mobile masked (no action returns a person's whole mobile). */
export interface PersonView {
  id: string;
  name: string;
  title: string;
  mobile: string | null;
  societyId: string | null;
  hostUnitId: string | null;
  castUnitId: string | null;
  active: boolean;
}
export type UnitView = CastUnitView | SocietyView | HostUnitView | StationView | PersonView;

/** What a save answers: the record's id, whether it was created, whether anything changed. */
export interface Saved {
  id: string;
  created: boolean;
  changed: boolean;
}

// ───────────────────────── the organisation workbook (issue 13, item 3) ─────────────────────────

export const exportTemplateInput = z.object({});
export const exportOrgInput = z.object({
  /** only this CAST unit's records (must be one the caller oversees); default: everything the caller oversees */
  castUnitId: idSchema.optional(),
});
export const importWorkbookInput = z.object({
  ...withRequestId,
  /** the workbook the app uploaded to storage, in the caller's import folder (shared/rules/org-import.ts importFolderOf) */
  fileId: z.string().min(1).max(500),
  mode: z.enum(['preview', 'commit']),
  /** commit: the step to continue from (the `next` of the previous answer) */
  from: z.number().int().min(0).max(100_000).default(0),
});

/**
 * Install a programme definition file (issue 16 item 6): `preview` checks it exactly as
 * `programme:check` does and lists its rules as staff read them; `commit` stores it as a new version
 * (the same content again is the version it already is: nothing is written).
 */
export const installProgrammeInput = z
  .object({
    ...withRequestId,
    /** the definition file's content, parsed: { programme, forms } (or `fileId`) */
    definition: z.unknown().optional(),
    /** an uploaded definition file (.json) in the caller's own definitions folder (or `definition`) */
    fileId: z.string().trim().min(1).max(500).optional(),
    /** the file's name as chosen, for the list and the audit */
    fileName: z.string().trim().min(1).max(200).optional(),
    mode: z.enum(['preview', 'commit']),
  })
  .refine((x) => (x.definition !== undefined) !== (x.fileId !== undefined), {
    path: ['fileId'],
    error: '请上传一个项目定义文件',
  });

export interface InstallAnswer {
  /** the definition checks (preview: may be installed; commit: was installed or already was) */
  ok: boolean;
  /** problems, each with its path in the file, Chinese */
  errors: { path: string; message: string }[];
  programmeId: string | null;
  title: string | null;
  city: string | null;
  /** the version it is (commit) or would be (preview) */
  version: string | null;
  /** false when this exact content is already installed as `version` */
  isNew: boolean;
  /** the rules as staff read them (the catalogue programme:check prints) */
  rules: { ruleId: string; clause: string; text: string }[];
  /** the kinds and their forms */
  kinds: { id: string; label: string; formTitle: string; fields: number }[];
}

export const listProgrammeDefinitionsInput = z.object({});
export interface ProgrammeDefinitionRow {
  programmeId: string;
  title: string;
  city: string;
  /** 'builtin' or 'v1', 'v2' … */
  version: string;
  /** the newest version of its programme (what a new round opens with) */
  latest: boolean;
  installedAt: number | null;
  installedBy: string | null;
  fileName: string | null;
}

/** A workbook made by the function: stored, with a temporary URL (and a small copy inline); see _kernel/export/deliver.ts. */
export interface WorkbookFile {
  file: { fileId: string; name: string; size: number; mime: string };
  url: string | null;
  expiresAt: number | null;
  base64: string | null;
}
export interface ImportSheetSummary {
  sheet: string;
  create: number[];
  update: number[];
  unchanged: number[];
}
export interface ImportAnswer {
  mode: 'preview' | 'commit';
  /** per sheet: the Excel rows that create, update, or leave a record unchanged */
  sheets: ImportSheetSummary[];
  /** every error: sheet, Excel row, column header, message (Chinese) */
  errors: { sheet: string; row: number; column: string; message: string }[];
  /** commit: steps applied so far (a step is a row, or one station's team), of `total`; `next` null when done */
  done: number;
  total: number;
  next: number | null;
}

export const orgApi = {
  listUnits: action<UnitPage<UnitView>>()(listUnitsInput),
  saveCastUnit: action<Saved>()(saveCastUnitInput),
  saveSociety: action<Saved>()(saveSocietyInput),
  saveHostUnit: action<Saved>()(saveHostUnitInput),
  saveStation: action<Saved>()(saveStationInput),
  setTeam: action<Saved & { expertIds: string[] }>()(setTeamInput),
  savePriorResult: action<Saved & { yearIndex: number }>()(savePriorResultInput),
  importAward: action<Saved>()(importAwardInput),
  savePerson: action<Saved>()(savePersonInput),
  saveRound: action<Saved>()(saveRoundInput),
  deactivate: action<Saved>()(deactivateInput),
  setProgrammeEnabled: action<Saved>()(setProgrammeEnabledInput),
  cityProgrammes: action<CityProgrammes>()(cityProgrammesInput),
  exportTemplate: action<WorkbookFile>()(exportTemplateInput),
  exportOrg: action<WorkbookFile>()(exportOrgInput),
  importWorkbook: action<ImportAnswer>()(importWorkbookInput),
  installProgramme: action<InstallAnswer>()(installProgrammeInput),
  listProgrammeDefinitions: action<ProgrammeDefinitionRow[]>()(listProgrammeDefinitionsInput),
  // the holiday calendar (issue 13 item 7)
  ...holidaysApi,
  // schema migrations after a deploy (issue 13 item 8)
  ...migrationsApi,
};
export type OrgApi = typeof orgApi;
