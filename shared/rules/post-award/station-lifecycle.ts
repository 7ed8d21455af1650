import { addDays, addMonthsClamped, type ChinaDate } from '../../calendar/china-time';
import type { Programme } from '../../programmes/schema';
import type { Station, StationChangeRequest } from '../../schemas/org';

/**
 * A station after 授牌 (seed 004, issue 14 item 5): its term, whether it may apply again when the
 * term passed (第十三条: 合作期满、考核合格确需继续运行的，由建站单位提出申请，重新组织认定), and the
 * 第十四条 requests to merge, reorganise or close it. Rectification and 摘牌 are consequences
 * (consequences.ts). Pure: the handlers read the facts and ask here.
 */

/** The last day of the agreement term: plaque date + term years − 1 day. */
export const termEndsOn = (s: Pick<Station, 'plaqueDate' | 'termYears'>): ChinaDate =>
  addDays(addMonthsClamped(s.plaqueDate, 12 * s.termYears), -1);

export const stationEnded = (status: Station['status']): boolean => status === 'delisted' || status === 'closed';

export interface RenewalFacts {
  station: Pick<Station, 'status' | 'plaqueDate' | 'termYears'>;
  programme: Pick<Programme, 'postAward'>;
  today: ChinaDate;
  /** the published term-end assessment's result; null when none is published */
  termEndPassed: boolean | null;
  /** an open round of the programme in the station's city */
  openRound: boolean;
}

/** Why the station may not apply for renewal now (Chinese), or null when it may. */
export function renewalRefusal(f: RenewalFacts): string | null {
  const rule = f.programme.postAward?.renewal;
  if (!rule) return '本项目没有期满续建的规定';
  if (stationEnded(f.station.status)) return f.station.status === 'closed' ? '服务站已撤销，不能申请续建' : '服务站已摘牌，不能申请续建';
  const ends = termEndsOn(f.station);
  if (f.today <= ends) return `合作期至 ${ends} 届满，期满后方可申请续建（${rule.clause}）`;
  if (f.termEndPassed === null) return `期满考核结果尚未发布，考核合格后方可申请续建（${rule.clause}）`;
  if (!f.termEndPassed) return `期满考核不合格，不能申请续建（${rule.clause}）`;
  if (!f.openRound) return '目前没有正在受理的申报批次，请在市科协开放申报后再申请';
  return null;
}

export interface ChangeRequestFacts {
  station: Pick<Station, 'id' | 'status' | 'changeRequests'>;
  programme: Pick<Programme, 'postAward'>;
  type: StationChangeRequest['type'];
  mergeInto: Pick<Station, 'id' | 'status' | 'programmeId'> | null;
  mergeIntoId: string | null;
}

/** Why a 第十四条 request may not be filed (path + Chinese), or null. */
export function changeRequestRefusal(f: ChangeRequestFacts): { path: string; message: string } | null {
  if (!f.programme.postAward?.changes) return { path: 'type', message: '本项目没有合并、重组、撤销的规定' };
  if (stationEnded(f.station.status)) return { path: 'stationId', message: '服务站已摘牌或撤销' };
  if ((f.station.changeRequests ?? []).some((r) => r.status === 'pending'))
    return { path: 'type', message: '已有一份申请在等待市科协决定，请等待决定后再提出' };
  if (f.type === 'merge') {
    if (!f.mergeIntoId) return { path: 'mergeIntoStationId', message: '请选择合并后保留的服务站' };
    if (f.mergeIntoId === f.station.id) return { path: 'mergeIntoStationId', message: '不能与本服务站合并' };
    if (!f.mergeInto || stationEnded(f.mergeInto.status))
      return { path: 'mergeIntoStationId', message: '合并后保留的服务站不存在或已摘牌、撤销' };
  } else if (f.mergeIntoId) return { path: 'mergeIntoStationId', message: '只有合并需要选择保留的服务站' };
  return null;
}

/**
 * What approving a request does: close → this station closed; merge → its current experts join the
 * surviving station and this one closes; reorganise → recorded (the team and agreement are changed
 * through the usual pages).
 */
export function changeEffect(type: StationChangeRequest['type']): { close: boolean; moveTeam: boolean } {
  return { close: type !== 'reorganise', moveTeam: type === 'merge' };
}
