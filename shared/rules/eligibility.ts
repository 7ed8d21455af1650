import { type ChinaDate, chinaDateOf } from '../calendar/china-time';
import {
  appliesToKind,
  type Criterion,
  type Facts,
  HOST_UNIT_KIND_FACT,
  LEVEL_FACT,
  type Limit,
  type Programme,
  requireKind,
} from '../programmes/schema';
import { type HostUnitKind, hostUnitKindLabels, type StationLevel, stationLevelLabels } from '../schemas/org';
import { evaluateCondition, evaluateTest, factOf } from './facts';
import { activeBans, type Sanction } from './penalty';

/**
 * Can this applicant apply for this kind? Reads the programme's criteria, vetoes, placement rules,
 * level restrictions, round limits and bans — all data. A veto hit or a blocking criterion not met
 * blocks submission; an unknown is reported, never blocking (staff ask for the fact).
 */

export interface EligibilityContext {
  /** epoch ms; "within n years" and bans are counted from the China date of `now` */
  now: number;
  /** active stations the host society already has in the city (第七条(七)), this application excluded */
  societyActiveStations?: number;
  /** applications of this kind already recognised in the current round: per station level, or in total */
  approvedInRound?: { total?: number; byLevel?: Partial<Record<StationLevel, number>> };
  /** quotas set for this round, by limit id, for limits whose max the seed leaves to each round */
  roundQuotas?: Readonly<Record<string, number>>;
  /** penalties imposed on the applicant (for 连续n年取消申报资格) */
  sanctions?: readonly Sanction[];
}

export type CriterionStatus = 'met' | 'not_met' | 'unknown';
export type CriterionSource = 'criterion' | 'level' | 'placement' | 'levelRestriction' | 'limit' | 'ban';

export interface CriterionResult {
  id: string;
  /** the rule id used in test tags and the rules report, e.g. 'eligibility.experts-5', 'limit.city-per-round' */
  ruleId: string;
  source: CriterionSource;
  clause: string;
  label: string;
  status: CriterionStatus;
  severity: 'blocking' | 'advisory';
  /** Chinese */
  reason: string;
}

export interface VetoResult {
  id: string;
  ruleId: string;
  clause: string;
  label: string;
  hit: boolean | 'unknown';
  reason: string;
}

export interface BlockingItem {
  type: 'criterion' | 'veto';
  id: string;
  clause: string;
  label: string;
  reason: string;
}

export interface EligibilityResult {
  /** no veto hit and no blocking criterion not met (unknowns do not block) */
  eligible: boolean;
  criteria: CriterionResult[];
  vetoes: VetoResult[];
  blocking: BlockingItem[];
  /** ids of criteria and vetoes that could not be decided */
  unknown: string[];
}

const statusOf = (r: boolean | 'unknown'): CriterionStatus => (r === 'unknown' ? 'unknown' : r ? 'met' : 'not_met');

function levelOf(facts: Facts): StationLevel | undefined {
  const v = facts[LEVEL_FACT];
  return v === 'national' || v === 'provincial' || v === 'city' ? v : undefined;
}

const levelName = (l: StationLevel) => stationLevelLabels[l];

function dataCriterion(
  programme: Programme,
  c: Criterion,
  facts: Facts,
  today: ChinaDate,
  level: StationLevel | undefined,
): CriterionResult | null {
  const base = {
    id: c.id,
    ruleId: `eligibility.${c.id}`,
    source: 'criterion' as const,
    clause: c.clause,
    label: c.label,
    severity: c.severity,
  };
  if (c.levels) {
    if (level === undefined) {
      return { ...base, status: 'unknown', reason: `仅适用于${c.levels.map(levelName).join('、')}服务站，申报级别尚未填写` };
    }
    if (!c.levels.includes(level)) return null;
  }
  const outcome = evaluateTest(factOf(programme, c.fact), c.test, facts[c.fact], today);
  return { ...base, status: statusOf(outcome.result), reason: outcome.reason };
}

/** The kind's station levels: the level applied for must be one of them. */
function levelOffered(programme: Programme, kindId: string, facts: Facts): CriterionResult | null {
  const kind = requireKind(programme, kindId);
  if (!kind.stationLevels) return null;
  const base = {
    id: 'level-offered',
    ruleId: 'eligibility.level-offered',
    source: 'level' as const,
    clause: kind.clause,
    label: `申报级别为${kind.stationLevels.map(levelName).join('、')}之一`,
    severity: 'blocking' as const,
  };
  const raw = facts[LEVEL_FACT];
  if (raw === undefined || raw === null) return { ...base, status: 'unknown', reason: '尚未选择申报级别' };
  const level = levelOf(facts);
  if (!level || !kind.stationLevels.includes(level)) return { ...base, status: 'not_met', reason: `不受理该申报级别：${String(raw)}` };
  return { ...base, status: 'met', reason: `申报${levelName(level)}学会服务站` };
}

/** 第5条: which host-unit kinds may host the level applied for. */
function placement(programme: Programme, kindId: string, facts: Facts): CriterionResult | null {
  const p = programme.placement;
  if (!p || p.kindId !== kindId) return null;
  const base = {
    id: 'placement',
    ruleId: 'placement',
    source: 'placement' as const,
    clause: p.clause,
    label: '建站单位性质符合该级别服务站的设站要求',
    severity: 'blocking' as const,
  };
  const level = levelOf(facts);
  const hostKind = facts[HOST_UNIT_KIND_FACT];
  if (!level) return { ...base, status: 'unknown', reason: '尚未选择申报级别' };
  if (typeof hostKind !== 'string') return { ...base, status: 'unknown', reason: '尚未填写建站单位性质' };
  const rule = p.rules.find((r) => r.level === level);
  if (!rule) return { ...base, status: 'met', reason: `${levelName(level)}服务站对建站单位性质无限制` };
  const kindName = hostUnitKindLabels[hostKind as HostUnitKind] ?? hostKind;
  const allowed = rule.hostUnitKinds.map((k) => hostUnitKindLabels[k]).join('、');
  return (rule.hostUnitKinds as readonly string[]).includes(hostKind)
    ? { ...base, status: 'met', reason: `${levelName(level)}服务站可建在${kindName}` }
    : { ...base, status: 'not_met', reason: `${levelName(level)}服务站原则上建在${allowed}，不能建在${kindName}` };
}

/** 第七条(七): units matching the condition may apply for the allowed levels only. */
function levelRestrictions(programme: Programme, kindId: string, facts: Facts, today: ChinaDate): CriterionResult[] {
  const level = levelOf(facts);
  return programme.levelRestrictions
    .filter((r) => r.kindId === kindId)
    .map((r) => {
      const base = {
        id: r.id,
        ruleId: `level-restriction.${r.id}`,
        source: 'levelRestriction' as const,
        clause: r.clause,
        label: r.label,
        severity: 'blocking' as const,
      };
      const allowed = r.allowedLevels.map(levelName).join('、');
      if (level && r.allowedLevels.includes(level)) return { ...base, status: 'met' as const, reason: `申报${levelName(level)}，符合` };
      const when = evaluateCondition(programme, r.when, facts, today);
      if (when.result === false) return { ...base, status: 'met' as const, reason: '不属于受限单位' };
      if (when.result === 'unknown') return { ...base, status: 'unknown' as const, reason: when.reason };
      if (!level) return { ...base, status: 'unknown' as const, reason: `该单位只能申报${allowed}，申报级别尚未选择` };
      return { ...base, status: 'not_met' as const, reason: `该单位只能申报${allowed}学会服务站，不能申报${levelName(level)}` };
    });
}

/**
 * Round and per-society limits. Also used by the workflow at approval, where an unknown count refuses.
 * A perRound limit with a level applies only to applications of that level.
 */
export function evaluateLimits(
  programme: Programme,
  kindId: string,
  facts: Facts,
  context: Omit<EligibilityContext, 'now'>,
): CriterionResult[] {
  const level = levelOf(facts);
  const out: CriterionResult[] = [];
  for (const l of programme.limits.filter((x: Limit) => x.kindId === kindId)) {
    const base = {
      id: l.id,
      ruleId: `limit.${l.id}`,
      source: 'limit' as const,
      clause: l.clause,
      label: l.label,
      severity: 'blocking' as const,
    };
    if (l.type === 'perSocietyInCity') {
      const n = context.societyActiveStations;
      if (n === undefined) out.push({ ...base, status: 'unknown', reason: '尚未核对建站学会在本市已有的学会服务站数量' });
      else if (n < l.max) out.push({ ...base, status: 'met', reason: `建站学会在本市已有 ${n} 家学会服务站（上限 ${l.max} 家）` });
      else out.push({ ...base, status: 'not_met', reason: `建站学会在本市已有 ${n} 家学会服务站，同一学会原则上只认定 ${l.max} 家` });
      continue;
    }
    if (l.level) {
      if (!level) {
        out.push({ ...base, status: 'unknown', reason: `适用于${levelName(l.level)}服务站，申报级别尚未选择` });
        continue;
      }
      if (l.level !== level) continue;
    }
    const max = l.max ?? context.roundQuotas?.[l.id];
    const count = l.level ? context.approvedInRound?.byLevel?.[l.level] : context.approvedInRound?.total;
    if (max === undefined) out.push({ ...base, status: 'unknown', reason: '本批次名额尚未确定' });
    else if (count === undefined) out.push({ ...base, status: 'unknown', reason: '尚未核对本批次已认定的数量' });
    else if (count < max) out.push({ ...base, status: 'met', reason: `本批次已认定 ${count} 个，上限 ${max} 个` });
    else out.push({ ...base, status: 'not_met', reason: `本批次已认定 ${count} 个，已达上限 ${max} 个` });
  }
  return out;
}

/** 连续n年取消申报资格 */
function notBanned(programme: Programme, context: EligibilityContext, today: ChinaDate): CriterionResult | null {
  const banning = programme.penalties.filter((p) => p.banYears > 0);
  if (banning.length === 0) return null;
  const base = {
    id: 'not-banned',
    ruleId: 'eligibility.not-banned',
    source: 'ban' as const,
    clause: banning
      .map((p) => p.clause)
      .filter((c, i, a) => a.indexOf(c) === i)
      .join('、'),
    label: '不在取消申报资格期内',
    severity: 'blocking' as const,
  };
  if (!context.sanctions) return { ...base, status: 'unknown', reason: '尚未核对处理记录' };
  const bans = activeBans(programme, context.sanctions, today);
  if (bans.length === 0) return { ...base, status: 'met', reason: '无处于取消申报资格期内的处理记录' };
  const b = bans[0]!;
  return { ...base, status: 'not_met', reason: `因“${b.penalty.trigger}”于 ${b.sanction.imposedOn} 被取消申报资格，至 ${b.lastDay} 止` };
}

export function checkEligibility(programme: Programme, kindId: string, facts: Facts, context: EligibilityContext): EligibilityResult {
  requireKind(programme, kindId);
  const today = chinaDateOf(context.now);
  const level = levelOf(facts);

  const criteria: CriterionResult[] = [];
  const push = (r: CriterionResult | null) => {
    if (r) criteria.push(r);
  };
  push(levelOffered(programme, kindId, facts));
  for (const c of programme.criteria.filter((x) => appliesToKind(x, kindId))) push(dataCriterion(programme, c, facts, today, level));
  push(placement(programme, kindId, facts));
  criteria.push(...levelRestrictions(programme, kindId, facts, today));
  criteria.push(...evaluateLimits(programme, kindId, facts, context));
  push(notBanned(programme, context, today));

  const vetoes: VetoResult[] = programme.vetoes
    .filter((v) => appliesToKind(v, kindId))
    .map((v) => {
      const outcome = evaluateTest(factOf(programme, v.fact), v.hitWhen, facts[v.fact], today);
      const reason =
        outcome.result === 'unknown'
          ? `${outcome.reason}，无法判断是否存在“${v.label}”`
          : outcome.result
            ? `存在否决情形：${v.label}（${outcome.reason}）`
            : `不存在：${v.label}`;
      return { id: v.id, ruleId: `veto.${v.id}`, clause: v.clause, label: v.label, hit: outcome.result, reason };
    });

  const blocking: BlockingItem[] = [
    ...vetoes
      .filter((v) => v.hit === true)
      .map((v) => ({ type: 'veto' as const, id: v.id, clause: v.clause, label: v.label, reason: v.reason })),
    ...criteria
      .filter((c) => c.status === 'not_met' && c.severity === 'blocking')
      .map((c) => ({ type: 'criterion' as const, id: c.id, clause: c.clause, label: c.label, reason: c.reason })),
  ];
  const unknown = [
    ...criteria.filter((c) => c.status === 'unknown').map((c) => c.id),
    ...vetoes.filter((v) => v.hit === 'unknown').map((v) => v.id),
  ];
  return { eligible: blocking.length === 0, criteria, vetoes, blocking, unknown };
}
