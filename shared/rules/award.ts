import { type ChinaDate, chinaDateOf } from '../calendar/china-time';
import type { ApplicationKind, Programme } from '../programmes/schema';
import type { Application } from '../schemas/application';
import { industryFieldSchema, type Station, type StationLevel, stationSchema } from '../schemas/org';

/**
 * 授牌 (the award): the plaque date a person may enter, what a station kind needs before it can be
 * awarded, and the station record the award creates (its assessment calendar starts on the plaque date).
 */

/** When the application was approved: the last step into 'approved', as a China date; null if never. */
export function approvalDateOf(history: Application['history']): ChinaDate | null {
  const approved = [...history].reverse().find((h) => h.toStatus === 'approved');
  return approved ? chinaDateOf(approved.at) : null;
}

/** The plaque date is not after today and not before the approval; the message for the field, or null. */
export function plaqueDateIssue(plaqueDate: ChinaDate, today: ChinaDate, approvedOn: ChinaDate | null): string | null {
  if (plaqueDate > today) return '授牌日期不能晚于今天';
  if (approvedOn && plaqueDate < approvedOn) return '授牌日期不能早于批准日期';
  return null;
}

/** Does this kind's award create a station (it offers station levels)? */
export const makesStation = (kind: Pick<ApplicationKind, 'stationLevels'>): boolean => kind.stationLevels !== undefined;

/** A station kind is awarded only with a level, a society and a host unit; the refusal, or null. */
export function stationAwardRefusal(
  kind: Pick<ApplicationKind, 'stationLevels'>,
  level: StationLevel | null,
  applicant: Application['applicant'],
): string | null {
  if (makesStation(kind) && (!level || !applicant.societyId || !applicant.hostUnitId)) return '申报缺少级别、建站学会或建站单位，不能授牌';
  return null;
}

/**
 * The station a station award creates: named from the form (学会服务站名称, else the title), its
 * industry field if the form's is one we know (else 其他), the term of the programme's cycle
 * (2 years unless the programme says otherwise), active, with no experts yet (they are invited after the award).
 */
export function stationFromAward(
  programme: Pick<Programme, 'cycle'>,
  app: Pick<Application, 'id' | 'programmeId' | 'values' | 'title' | 'applicant' | 'castUnitId'>,
  plaqueDate: ChinaDate,
  level: StationLevel,
): Station {
  const v = app.values;
  const industry = industryFieldSchema.safeParse(v.industryField);
  return stationSchema.parse({
    id: `st_${app.id}`,
    name: (typeof v.stationName === 'string' && v.stationName.trim()) || app.title || '学会服务站',
    programmeId: app.programmeId,
    level,
    societyId: app.applicant.societyId,
    hostUnitId: app.applicant.hostUnitId,
    castUnitId: app.castUnitId,
    industryField: industry.success ? industry.data : '其他',
    plaqueDate,
    termYears: programme.cycle.cycleYears ?? 2,
    agreementItems: [],
    expertIds: [],
    staffIds: [],
    status: 'active',
    applicationId: app.id,
  });
}
