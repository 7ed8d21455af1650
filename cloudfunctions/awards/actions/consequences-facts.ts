import type { ConsequenceView } from '../../../shared/api/consequences';
import { type ChinaDate, chinaDateOf } from '../../../shared/calendar/china-time';
import { AppError } from '../../../shared/errors';
import { getProgramme } from '../../../shared/programmes';
import { fenText } from '../../../shared/programmes/post-award';
import type { Programme } from '../../../shared/programmes/schema';
import { passed as assessmentPassed } from '../../../shared/rules/assessment/consequences';
import { asIssued, issuedRoles, overseenBy, staffRoles } from '../../../shared/rules/oversight';
import { budgetInForce, totalFen } from '../../../shared/rules/post-award/budget';
import {
  type ConsequenceItem,
  consequenceStatusLabels,
  liftingAssessment,
  mergeDecisions,
  type Proposal,
  paidFen,
  proposalFromFinding,
  proposalFromUnspent,
  proposalsFromAssessment,
  proposalsFromCheck,
  propose,
  spentFen,
} from '../../../shared/rules/post-award/consequences';
import { budgetWindow } from '../../../shared/rules/post-award/money';
import type { AwardDoc, CheckDoc, ConsequenceDoc, LedgerEntry, SubjectRef } from '../../../shared/schemas/awards';
import type { Role, Station } from '../../../shared/schemas/org';
import type { Assessment } from '../../../shared/schemas/reports';
import type { Uses } from '../../_kernel/router';

/**
 * What every consequences action reads first: the facts the proposals are computed from (awards,
 * failed checks, published assessments, the ledger, stored decisions and findings) for a set of CAST
 * units or one subject, and who the caller is to them. The proposals themselves are the pure rule's
 * (shared/rules/post-award/consequences.ts).
 */

/** Roles that decide on consequences (as city staff record penalties, applications.imposeSanction). */
export const deciderRoles: readonly Role[] = ['cityStaff'];
/** The deciders of one subject's consequences as they resolve for its programme (a district programme: its issuing county's staff). */
export const decidersOfProgramme = (programme: Pick<Programme, 'scope'>): Role[] => issuedRoles(programme, deciderRoles);

/** The CAST units whose consequences the caller decides: of city programmes, and of district programmes (issue 16 × 14). */
export interface Deciders {
  city: ReadonlySet<string>;
  district: ReadonlySet<string>;
}
export const noDeciders: Deciders = { city: new Set(), district: new Set() };
export async function decidersOf(ctx: Uses<'store' | 'caller'>): Promise<Deciders> {
  return {
    city: new Set(await overseenUnits(ctx, deciderRoles)),
    district: new Set(await overseenUnits(ctx, decidersOfProgramme({ scope: { level: 'district', district: '' } }))),
  };
}
export const anyDecider = (d: Deciders): boolean => d.city.size + d.district.size > 0;
/** Does the caller decide a consequence of this programme's subject in that CAST unit? */
export const decidesFor = (d: Deciders, programme: Pick<Programme, 'scope'> | undefined, castUnitId: string): boolean =>
  (programme?.scope?.level === 'district' ? d.district : d.city).has(castUnitId);

export const todayOf = (ctx: Uses<'clock'>): ChinaDate => chinaDateOf(ctx.clock.now());

export function actorOf(ctx: Uses<'caller'>): string {
  if (!ctx.caller.personId) throw new AppError('AUTH.FORBIDDEN');
  return ctx.caller.personId;
}

export function programmeOf(id: string): Programme {
  const p = getProgramme(id);
  if (!p) throw new AppError('NOT_FOUND', '找不到该项目');
  return asIssued(p);
}

/** The CAST units the caller oversees in `roles` (empty when none). */
export async function overseenUnits(ctx: Uses<'store' | 'caller'>, roles: readonly Role[] = staffRoles): Promise<string[]> {
  if (!ctx.caller.bindings.some((b) => roles.includes(b.role))) return [];
  const units = await ctx.store.org.castUnits();
  const graph = { castUnits: new Map(units.map((u) => [u.id, { id: u.id, parentId: u.parentId, kind: u.kind }])) };
  return [...overseenBy(ctx.caller.bindings, roles, graph)].sort();
}

/** A subject as loaded: an award file or a station, with its unit and programme. */
export type LoadedSubject =
  | { type: 'award'; award: AwardDoc; castUnitId: string; programme: Programme; name: string }
  | { type: 'station'; station: Station; castUnitId: string; programme: Programme; name: string };

export async function loadSubject(ctx: Uses<'store'>, s: SubjectRef): Promise<LoadedSubject> {
  if (s.type === 'award') {
    const award = await ctx.store.awards.get(s.id);
    if (!award) throw new AppError('NOT_FOUND', '找不到该项目档案');
    return { type: 'award', award, castUnitId: award.castUnitId, programme: programmeOf(award.programmeId), name: award.title };
  }
  const station = await ctx.store.org.station(s.id);
  if (!station) throw new AppError('NOT_FOUND', '找不到该服务站');
  return { type: 'station', station, castUnitId: station.castUnitId, programme: programmeOf(station.programmeId), name: station.name };
}

/** Does the caller act for the subject's awarded unit (the society's secretary, the host unit's contact)? */
export async function actsForSubject(ctx: Uses<'store' | 'caller'>, s: LoadedSubject): Promise<boolean> {
  const societyId = s.type === 'award' ? s.award.applicant.societyId : s.station.societyId;
  const hostUnitId = s.type === 'award' ? s.award.applicant.hostUnitId : s.station.hostUnitId;
  for (const b of ctx.caller.bindings) {
    if (b.role === 'secretary' && societyId && b.scope.societyId === societyId) return true;
    if (b.role !== 'hostContact') continue;
    if (hostUnitId && b.scope.hostUnitId === hostUnitId) return true;
    if (s.type === 'station' && b.scope.stationId === s.station.id) return true;
    if (hostUnitId && b.scope.stationId) {
      const st = await ctx.store.org.station(b.scope.stationId);
      if (st?.hostUnitId === hostUnitId) return true;
    }
  }
  return false;
}

interface Facts {
  awards: Map<string, AwardDoc>;
  stations: Map<string, Station>;
  checks: Map<string, CheckDoc>;
  assessments: Assessment[];
  docs: ConsequenceDoc[];
  ledger: Map<string, LedgerEntry[]>;
}

const keyOf = (s: SubjectRef) => `${s.type}:${s.id}`;

async function loadFacts(ctx: Uses<'store'>, scope: { castUnitIds: readonly string[] } | { subject: LoadedSubject }): Promise<Facts> {
  const r = ctx.store.consequences;
  let awards: AwardDoc[];
  let checks: CheckDoc[];
  let assessments: Assessment[];
  let docs: ConsequenceDoc[];
  let stationIds: string[];
  if ('subject' in scope) {
    const s = scope.subject;
    const ref: SubjectRef = s.type === 'award' ? { type: 'award', id: s.award.id } : { type: 'station', id: s.station.id };
    awards = s.type === 'award' ? [s.award] : [];
    checks = s.type === 'award' ? (await r.checksOfAward(s.award.id)).filter((c) => c.status === 'failed' || c.status === 'passed') : [];
    assessments = s.type === 'station' ? (await r.assessmentsOfStation(s.station.id)).filter((a) => a.state === 'published') : [];
    docs = await r.ofSubject(ref);
    stationIds = s.type === 'station' ? [s.station.id] : [];
  } else {
    [awards, checks, assessments, docs] = await Promise.all([
      ctx.store.awards.ofCastUnits(scope.castUnitIds),
      r.decidedChecks(scope.castUnitIds),
      r.publishedAssessments(scope.castUnitIds),
      r.ofCastUnits(scope.castUnitIds),
    ]);
    stationIds = [...assessments.map((a) => a.stationId), ...docs.filter((d) => d.subject.type === 'station').map((d) => d.subject.id)];
  }
  const stations =
    'subject' in scope && scope.subject.type === 'station'
      ? new Map([[scope.subject.station.id, scope.subject.station]])
      : await ctx.store.reports.stationsByIds([...new Set(stationIds)]);
  const ledgerEntries =
    'subject' in scope
      ? await r.ledgerOf(
          scope.subject.type === 'award'
            ? { type: 'award', id: scope.subject.award.id }
            : { type: 'station', id: scope.subject.station.id },
        )
      : await r.ledgerOfCastUnits(scope.castUnitIds);
  const ledger = new Map<string, LedgerEntry[]>();
  for (const e of ledgerEntries) ledger.set(keyOf(e.subject), [...(ledger.get(keyOf(e.subject)) ?? []), e]);
  return {
    awards: new Map(awards.map((a) => [a.id, a])),
    stations: new Map([...stations.values()].filter(Boolean).map((s) => [s.id, s])),
    checks: new Map(checks.map((c) => [c.id, c])),
    assessments,
    docs,
    ledger,
  };
}

function programmeOfSubject(f: Facts, s: SubjectRef): Programme | undefined {
  if (s.type === 'award') {
    const a = f.awards.get(s.id);
    return a ? getProgramme(a.programmeId) : undefined;
  }
  const st = f.stations.get(s.id);
  return st ? getProgramme(st.programmeId) : undefined;
}

/** Every proposal and decision over the facts, merged (a stored decision replaces its proposal). */
function itemsOf(f: Facts, today: ChinaDate): ConsequenceItem[] {
  const paid = (s: SubjectRef) => paidFen(f.ledger.get(keyOf(s)) ?? []);
  const proposals: Proposal[] = [];
  for (const a of f.awards.values()) {
    const programme = getProgramme(a.programmeId);
    if (!programme) continue;
    const entries = f.ledger.get(keyOf({ type: 'award', id: a.id })) ?? [];
    const inForce = budgetInForce(a.budgets);
    const p = proposalFromUnspent(
      programme,
      {
        awardId: a.id,
        castUnitId: a.castUnitId,
        windowEnd: budgetWindow(programme, a.budgets)?.end ?? null,
        approvedFen: inForce ? totalFen(inForce.lines) : 0,
        spentFen: spentFen(entries),
      },
      { paidFen: paidFen(entries), today },
    );
    if (p) proposals.push(p);
  }
  for (const c of f.checks.values()) {
    const award = f.awards.get(c.awardId);
    const programme = award ? getProgramme(award.programmeId) : getProgramme(c.programmeId);
    if (!programme) continue;
    proposals.push(...proposalsFromCheck(programme, c, { paidFen: paid({ type: 'award', id: c.awardId }), today }));
  }
  for (const a of f.assessments) {
    const st = f.stations.get(a.stationId);
    const programme = st ? getProgramme(st.programmeId) : undefined;
    if (!programme || a.publishedAt === null) continue;
    proposals.push(
      ...proposalsFromAssessment(
        programme,
        {
          id: a.id,
          stationId: a.stationId,
          castUnitId: a.castUnitId,
          yearIndex: a.yearIndex,
          passed: assessmentPassed(a),
          termEnd: a.termEnd,
          publishedOn: chinaDateOf(a.publishedAt),
        },
        { paidFen: paid({ type: 'station', id: a.stationId }), today },
      ),
    );
  }
  for (const d of f.docs) {
    if (d.status !== 'reported') continue;
    const programme = programmeOfSubject(f, d.subject) ?? getProgramme(d.programmeId);
    const p = programme ? proposalFromFinding(programme, d, { paidFen: paid(d.subject), today }) : undefined;
    if (p) proposals.push(p);
  }
  return mergeDecisions(proposals, f.docs, (d) => {
    const programme = programmeOfSubject(f, d.subject) ?? getProgramme(d.programmeId);
    if (!programme) return undefined;
    return propose(
      programme,
      { subject: d.subject, castUnitId: d.castUnitId, source: d.source, outcomeOn: d.effectiveOn, key: d.id, id: d.id },
      d.penaltyId,
      { paidFen: paid(d.subject), today },
    );
  });
}

function sourceText(f: Facts, item: ConsequenceItem): string {
  const s = item.source;
  switch (s.type) {
    case 'check': {
      const c = f.checks.get(s.checkDocId);
      const award = c ? f.awards.get(c.awardId) : undefined;
      const rule = award ? getProgramme(award.programmeId)?.postAward?.checks.find((x) => x.id === c?.checkId) : undefined;
      const label = rule?.label ?? c?.checkId ?? '检查';
      return `${label}${c && c.year > 1 ? `（第 ${c.year} 年）` : ''}不合格，${item.outcomeOn} 作出结论`;
    }
    case 'assessment': {
      const a = f.assessments.find((x) => x.id === s.assessmentId);
      return `${a ? `第 ${a.yearIndex} 考核年度` : ''}${s.termEnd ? '期满' : ''}考核不合格，${item.outcomeOn} 发布`;
    }
    case 'misconduct':
      return `查实：${s.finding}`;
    case 'unspent':
      return `预算执行期至 ${s.windowEnd} 结束，资金未执行完毕${item.proposedRefundFen !== null ? `（未使用 ${fenText(item.proposedRefundFen)}）` : ''}`;
  }
}

/** Proposals and decisions for a scope, as views. */
export async function consequenceViews(
  ctx: Uses<'store' | 'clock' | 'caller'>,
  scope: { castUnitIds: readonly string[] } | { subject: LoadedSubject },
  deciders: Deciders,
): Promise<{ views: ConsequenceView[]; items: ConsequenceItem[] }> {
  const today = todayOf(ctx);
  const f = await loadFacts(ctx, scope);
  const items = itemsOf(f, today);
  // names: the subject (project title / station name) and its unit (society / host unit)
  const societyIds = new Set<string>();
  const hostIds = new Set<string>();
  for (const a of f.awards.values()) {
    if (a.applicant.societyId) societyIds.add(a.applicant.societyId);
    if (a.applicant.hostUnitId) hostIds.add(a.applicant.hostUnitId);
  }
  for (const s of f.stations.values()) hostIds.add(s.hostUnitId);
  const [societies, hosts] = await Promise.all([
    ctx.store.reports.societiesByIds([...societyIds]),
    ctx.store.reports.hostUnitsByIds([...hostIds]),
  ]);
  const views = items.map((i): ConsequenceView => {
    const award = i.subject.type === 'award' ? f.awards.get(i.subject.id) : undefined;
    const station = i.subject.type === 'station' ? f.stations.get(i.subject.id) : undefined;
    const unitName = award
      ? ((award.applicant.societyId ? societies.get(award.applicant.societyId)?.name : undefined) ??
        (award.applicant.hostUnitId ? hosts.get(award.applicant.hostUnitId)?.name : undefined) ??
        '')
      : station
        ? (hosts.get(station.hostUnitId)?.name ?? '')
        : '';
    const lifting = i.decision
      ? liftingAssessment(
          i.decision,
          f.assessments.map((a) => ({ ...a, passed: assessmentPassed(a) })),
        )
      : null;
    const canDecide = decidesFor(deciders, getProgramme(i.programmeId), i.castUnitId);
    return {
      id: i.id,
      subject: i.subject,
      subjectName: award?.title ?? station?.name ?? i.subject.id,
      unitName,
      castUnitId: i.castUnitId,
      programmeId: i.programmeId,
      programmeTitle: getProgramme(i.programmeId)?.title ?? i.programmeId,
      penaltyId: i.penaltyId,
      clause: i.clause,
      trigger: i.trigger,
      sourceText: sourceText(f, i),
      outcomeOn: i.outcomeOn,
      effects: i.effects,
      status: i.status,
      statusLabel: consequenceStatusLabels[i.status],
      banYears: i.banYears,
      banLastDay: i.banLastDay,
      effectiveOn: i.effectiveOn,
      deadline: i.deadline,
      clawBack: i.clawBack,
      paidFen: paidFen(f.ledger.get(keyOf(i.subject)) ?? []),
      refundFen: i.proposedRefundFen,
      refundNeedsAmount: i.refundNeedsAmount,
      removePlaque: i.removePlaque,
      rectification: i.rectification,
      reason: i.decision?.reason ?? '',
      liftableBy: lifting ? `第 ${lifting.yearIndex} 考核年度考核合格（${chinaDateOf(lifting.publishedAt!)} 发布）` : null,
      canDecide: canDecide && i.status === 'proposed',
      canLift: canDecide && i.status === 'confirmed' && i.rectification,
    };
  });
  return { views, items };
}
