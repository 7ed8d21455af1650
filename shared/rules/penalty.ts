import { addDays, addMonthsClamped, type ChinaDate } from '../calendar/china-time';
import type { Penalty, Programme } from '../programmes/schema';

/** A penalty imposed on an applicant (society or host unit) under a programme. */
export interface Sanction {
  penaltyId: string;
  /** the date the decision was taken (China date) */
  imposedOn: ChinaDate;
  /** the programme it was imposed under; absent = the programme being checked */
  programmeId?: string;
}

export function findPenalty(programme: Programme, penaltyId: string): Penalty | undefined {
  return programme.penalties.find((p) => p.id === penaltyId);
}

/**
 * Last day of the ban (连续n年取消申报资格), inclusive: imposedOn + n years − 1 day. Null when the
 * penalty carries no ban. A ban imposed on 2025-03-01 for 3 years ends on 2028-02-29.
 */
export function banLastDay(penalty: Penalty, imposedOn: ChinaDate): ChinaDate | null {
  if (penalty.banYears === 0) return null;
  return addDays(addMonthsClamped(imposedOn, 12 * penalty.banYears), -1);
}

export interface ActiveBan {
  penalty: Penalty;
  sanction: Sanction;
  /** last day the applicant may not apply */
  lastDay: ChinaDate;
}

/** Bans of this programme still running on `today`. Sanctions of other programmes and unknown penalties are ignored. */
export function activeBans(programme: Programme, sanctions: readonly Sanction[], today: ChinaDate): ActiveBan[] {
  const out: ActiveBan[] = [];
  for (const sanction of sanctions) {
    if (sanction.programmeId !== undefined && sanction.programmeId !== programme.id) continue;
    const penalty = findPenalty(programme, sanction.penaltyId);
    if (!penalty) continue;
    const lastDay = banLastDay(penalty, sanction.imposedOn);
    if (lastDay && sanction.imposedOn <= today && today <= lastDay) out.push({ penalty, sanction, lastDay });
  }
  return out;
}

const clawBackText: Record<Penalty['clawBack'], string | null> = {
  none: null,
  all: '收回已拨付的资金',
  corresponding: '追回相应的专项资金',
  partialOrAll: '视情况部分或全部退还所拨经费',
};

/** What a penalty does, in Chinese, one consequence a line, in the order a notice would list them. */
export function penaltyConsequences(penalty: Penalty): string[] {
  const lines: string[] = [];
  if (penalty.publicCriticism) lines.push('通报批评');
  if (penalty.rectification) lines.push('责令限期整改');
  if (penalty.revokeQualification) lines.push('撤销资格（取消荣誉称号）');
  if (penalty.removePlaque) lines.push('摘牌');
  if (penalty.stopFunding) lines.push('停止资金支持');
  const claw = clawBackText[penalty.clawBack];
  if (claw) lines.push(claw);
  if (penalty.banYears > 0) lines.push(penalty.banYears === 1 ? '1 年内取消申报资格' : `连续 ${penalty.banYears} 年取消申报资格`);
  if (penalty.accountability) lines.push('追究相关人员责任');
  return lines;
}

export interface PenaltyOutcome {
  penalty: Penalty;
  consequences: string[];
  /** last day of the ban, or null */
  banLastDay: ChinaDate | null;
}

/** The outcome of imposing `penaltyId` on `imposedOn`; undefined when the programme has no such penalty. */
export function imposePenalty(programme: Programme, penaltyId: string, imposedOn: ChinaDate): PenaltyOutcome | undefined {
  const penalty = findPenalty(programme, penaltyId);
  if (!penalty) return undefined;
  return { penalty, consequences: penaltyConsequences(penalty), banLastDay: banLastDay(penalty, imposedOn) };
}
