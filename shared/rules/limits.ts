import { type Facts, LEVEL_FACT, type Programme, stagesOf } from '../programmes/schema';
import type { StationLevel } from '../schemas/org';
import { type EligibilityContext, evaluateLimits } from './eligibility';
import type { Sanction } from './penalty';
import type { ApplicationStatus, WorkflowActionType } from './workflow';

/**
 * The workflow inputs that count applications against a programme's limits: per-round quotas
 * (e.g. 第七条: so many city-level stations a round) and one station per society in the city
 * (第七条(七)). Which step counts an application, what the counts are, and what each step does to
 * the quota entries — decided here; the engine reads the quotas and writes what this returns.
 */

/** One application counted against a quota: who, at which station level, when. */
export interface QuotaEntry {
  applicationId: string;
  level: StationLevel | null;
  at: number;
}
/** The applications counted against one limit (the round's of a kind, or a society's). */
export interface Quota {
  entries: readonly QuotaEntry[];
}

/** The station level the applicant chose (the `level` fact), or null when none. */
export const levelOfFacts = (facts: Facts): StationLevel | null => {
  const v = facts[LEVEL_FACT];
  return v === 'national' || v === 'provincial' || v === 'city' ? v : null;
};

/** Does this kind have a limit that counts applications per round? */
export const hasRoundLimit = (programme: Programme, kindId: string): boolean =>
  programme.limits.some((l) => l.kindId === kindId && l.type === 'perRound');
/** Does this kind have the one-station-per-society limit (第七条(七))? */
export const hasSocietyLimit = (programme: Programme, kindId: string): boolean =>
  programme.limits.some((l) => l.kindId === kindId && l.type === 'perSocietyInCity');

/**
 * Is this the step at which the programme recognises the application (and counts it against its
 * limits)? With an approval stage (审定): passing that stage. Without one: the step that approves it.
 */
export function isRecognition(
  programme: Programme,
  kindId: string,
  cur: { status: ApplicationStatus; stageId: string | null },
  type: WorkflowActionType,
  nextStatus: ApplicationStatus,
): boolean {
  const stages = stagesOf(programme, kindId);
  const hasApproval = stages.some((s) => s.type === 'approval');
  if (hasApproval) return type === 'pass' && stages.find((s) => s.id === cur.stageId)?.type === 'approval';
  return nextStatus === 'approved' && cur.status !== 'approved';
}

/** A station the host society already has (active or rectifying), and the application it was awarded from. */
export interface SocietyStation {
  id: string;
  applicationId: string | null;
}

/**
 * The counts eligibility and the round limits read, from the quotas. This application itself is
 * never counted; a station awarded from an application is counted once, through its quota entry.
 */
export function limitCounts(
  appId: string,
  roundQuotas: Readonly<Record<string, number>> | null,
  roundQuota: Quota,
  societyQuota: Quota,
  stations: readonly SocietyStation[],
  sanctions: readonly Sanction[],
): Omit<EligibilityContext, 'now'> {
  const others = roundQuota.entries.filter((e) => e.applicationId !== appId);
  const byLevel: Record<StationLevel, number> = { national: 0, provincial: 0, city: 0 };
  for (const e of others) if (e.level) byLevel[e.level] += 1;
  const reserved = new Set(societyQuota.entries.map((e) => e.applicationId));
  const societyOthers = societyQuota.entries.filter((e) => e.applicationId !== appId).length;
  const existing = stations.filter((s) => !s.applicationId || !reserved.has(s.applicationId)).length;
  return {
    approvedInRound: { total: others.length, byLevel },
    roundQuotas: roundQuotas ?? {},
    societyActiveStations: existing + societyOthers,
    // Penalty decisions on record for the society and the host unit (their bans are checked by the rule).
    sanctions,
  };
}

/**
 * 第七条(七): the workflow checks round limits at approval; the per-society limit is checked when
 * the step recognises the application. The refusal message (label, reason, clause), or null.
 */
export function societyLimitRefusal(
  programme: Programme,
  kindId: string,
  facts: Facts,
  counts: Omit<EligibilityContext, 'now'>,
): string | null {
  if (!hasSocietyLimit(programme, kindId)) return null;
  const bySociety = evaluateLimits(programme, kindId, facts, counts).find(
    (l) => l.source === 'limit' && l.status === 'not_met' && programme.limits.some((x) => x.id === l.id && x.type === 'perSocietyInCity'),
  );
  return bySociety ? `${bySociety.label}：${bySociety.reason}（${bySociety.clause}）` : null;
}

/** What a step does to the quotas: the entries to add (when it recognises) or to release (when it ends the application). */
export interface QuotaChanges {
  /** the round quota's new entries, or null when unchanged */
  round: QuotaEntry[] | null;
  /** the society quota's new entries, or null when unchanged */
  society: QuotaEntry[] | null;
}

/**
 * Recognised: counted once against the round quota and (with a society) the society's, when the
 * kind has that limit. Rejected or withdrawn: released from both. Anything else: unchanged.
 */
export function quotaChanges(
  programme: Programme,
  app: { id: string; kindId: string; societyId: string | null },
  step: { recognised: boolean; nextStatus: ApplicationStatus; level: StationLevel | null; at: number },
  quotas: { round: Quota; society: Quota },
): QuotaChanges {
  const out: QuotaChanges = { round: null, society: null };
  const has = (q: Quota) => q.entries.some((e) => e.applicationId === app.id);
  if (step.recognised) {
    const entry: QuotaEntry = { applicationId: app.id, level: step.level, at: step.at };
    if (hasRoundLimit(programme, app.kindId) && !has(quotas.round)) out.round = [...quotas.round.entries, entry];
    if (hasSocietyLimit(programme, app.kindId) && app.societyId && !has(quotas.society)) out.society = [...quotas.society.entries, entry];
  }
  if (step.nextStatus === 'rejected' || step.nextStatus === 'withdrawn') {
    if (has(quotas.round)) out.round = quotas.round.entries.filter((e) => e.applicationId !== app.id);
    if (has(quotas.society)) out.society = quotas.society.entries.filter((e) => e.applicationId !== app.id);
  }
  return out;
}
