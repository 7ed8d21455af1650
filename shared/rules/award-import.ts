import { dateParts } from '../calendar/china-time';
import { LEVEL_FACT, type Programme } from '../programmes/schema';
import type { Application } from '../schemas/application';
import type { Station, StationLevel } from '../schemas/org';
import { makesStation } from './award';
import { hasSocietyLimit, type QuotaEntry } from './limits';

/**
 * Awards a city made before go-live, imported at their stage (issue 13, item 6): e.g. a Pingdingshan
 * five-star society in year 2 of its 3-year award, or a Yiyang station plaqued in 2024. The import records an
 * AWARDED application (status 'awarded', `imported` = source, stage, award year) so everything that reads
 * awards sees it: the one-station-per-society limit (第七条(七)) through the society quota, the applicant's
 * history, the staff queue. Nothing else is invented: no form values, no reviews.
 *
 * Its id is derived from what identifies the award (programme, kind, applicant, award year), so importing the
 * same award again (a second request, or the same sheet twice) finds it and changes nothing.
 */

export interface AwardImport {
  programmeId: string;
  kindId: string;
  societyId: string | null;
  hostUnitId: string | null;
  /** the station level, for a station kind */
  level: StationLevel | null;
  /** the cycle year the award is in now (1 = the year it was awarded) */
  stage: number;
  awardedOn: string;
  title: string;
  source: string;
  /** an existing station (saveStation) this award made, for a station kind */
  stationId: string | null;
}

export type AwardImportDecision =
  | { ok: true; application: Application; quotaEntry: QuotaEntry | null }
  | { ok: false; issues: { path: string; message: string }[] };

/** 32-bit FNV-1a, hex: a short stable id part. */
function fnv(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export const importedAwardId = (a: Pick<AwardImport, 'programmeId' | 'kindId' | 'societyId' | 'hostUnitId' | 'awardedOn'>): string =>
  `aw_imp_${fnv([a.programmeId, a.kindId, a.societyId ?? '', a.hostUnitId ?? '', dateParts(a.awardedOn).year].join('|'))}`;

/** The imported award as an application, or why it cannot be imported. */
export function decideAwardImport(
  programme: Programme,
  a: AwardImport,
  ctx: {
    today: string;
    now: number;
    actorId: string;
    castUnitId: string;
    /** the station named by `stationId`, if any */
    station: Pick<Station, 'id' | 'societyId' | 'hostUnitId' | 'level' | 'applicationId' | 'programmeId'> | null;
  },
): AwardImportDecision {
  const issues: { path: string; message: string }[] = [];
  const kind = programme.kinds.find((k) => k.id === a.kindId);
  if (!kind) return { ok: false, issues: [{ path: 'award.kindId', message: '该项目没有这一类别' }] };
  const station = makesStation(kind);
  if (station) {
    if (!a.societyId || !a.hostUnitId) issues.push({ path: 'award.hostUnitId', message: '服务站类别须指明建站学会和建站单位' });
    if (!a.level || !kind.stationLevels?.includes(a.level)) issues.push({ path: 'award.level', message: '请选择该类别的服务站级别' });
  } else {
    if (!a.societyId) issues.push({ path: 'award.societyId', message: '请选择获得该项目的学会' });
    if (a.hostUnitId) issues.push({ path: 'award.hostUnitId', message: '学会类项目不应指明建站单位' });
    if (a.stationId) issues.push({ path: 'award.stationId', message: '学会类项目没有服务站' });
  }
  if (a.awardedOn > ctx.today) issues.push({ path: 'award.awardedOn', message: '授予日期不能晚于今天' });
  const cycle = programme.cycle.cycleYears;
  if (cycle !== null && a.stage > cycle)
    issues.push({ path: 'award.stage', message: `该项目周期为 ${cycle} 年，所处年度不能超过第 ${cycle} 年` });
  const elapsed = dateParts(ctx.today).year - dateParts(a.awardedOn).year + 1;
  if (a.stage > Math.max(1, elapsed))
    issues.push({ path: 'award.stage', message: `${dateParts(a.awardedOn).year} 年授予的项目，现在最多处于第 ${elapsed} 年` });
  const id = importedAwardId(a);
  if (a.stationId) {
    const st = ctx.station;
    if (!st) issues.push({ path: 'award.stationId', message: '服务站不存在' });
    else if (st.societyId !== a.societyId || st.hostUnitId !== a.hostUnitId || st.programmeId !== a.programmeId)
      issues.push({ path: 'award.stationId', message: '服务站的项目、建站学会或建站单位与该授牌不一致' });
    else if (st.applicationId && st.applicationId !== id) issues.push({ path: 'award.stationId', message: '该服务站已关联其他申报' });
  }
  if (issues.length > 0) return { ok: false, issues };
  const at = ctx.now;
  const application: Application = {
    id,
    programmeId: programme.id,
    kindId: kind.id,
    roundId: 'imported',
    formId: `${programme.id}/${kind.id}`,
    applicant: station
      ? { type: 'hostUnit', societyId: a.societyId, hostUnitId: a.hostUnitId }
      : { type: 'society', societyId: a.societyId, hostUnitId: null },
    castUnitId: ctx.castUnitId,
    title: a.title,
    values: {},
    facts: a.level ? { [LEVEL_FACT]: a.level } : {},
    version: 1,
    status: 'awarded',
    stageId: null,
    attachments: [],
    fieldComments: {},
    history: [
      {
        at,
        actorId: ctx.actorId,
        action: 'award',
        fromStatus: null,
        toStatus: 'awarded',
        stageId: null,
        note: `上线前已授予，导入：${a.source}（${dateParts(a.awardedOn).year} 年授予，现处于第 ${a.stage} 年）`.slice(0, 300),
      },
    ],
    reviewerIds: [],
    publicity: null,
    openObjections: 0,
    stationId: a.stationId,
    imported: { source: a.source, stage: a.stage, awardYear: dateParts(a.awardedOn).year, awardedOn: a.awardedOn },
    createdBy: ctx.actorId,
    createdAt: at,
    updatedAt: at,
    submittedAt: at,
  };
  const quotaEntry = hasSocietyLimit(programme, kind.id) && a.societyId ? { applicationId: id, level: a.level, at } : null;
  return { ok: true, application, quotaEntry };
}
