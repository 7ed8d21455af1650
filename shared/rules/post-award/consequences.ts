import { addDays, addMonthsClamped, type ChinaDate } from '../../calendar/china-time';
import type { Penalty, Programme } from '../../programmes/schema';
import type { CheckDoc, ConsequenceDoc, LedgerEntry, SubjectRef } from '../../schemas/awards';
import { banLastDay, findPenalty, penaltyConsequences } from '../penalty';
import { checkCounts } from './checks';

/**
 * The consequences the product PROPOSES after the award (issue 14, item 4), computed from stored
 * facts and never stored twice: a failed check proposes each penalty of its rule's `onFail`; a
 * published station assessment that did not pass proposes the programme's rectification penalty
 * (通报批评 + 限期整改, deadline from `postAward.rectification.months`) and, in the term-end year, its
 * 摘牌 penalty; a misconduct finding proposes `postAward.misconduct`; money unspent when the budget
 * window ended proposes `postAward.unspent` with the unspent amount as the refund. Staff confirm or
 * dismiss each (a ConsequenceDoc with the same deterministic id replaces the proposal).
 * Which penalty and what it does come from the programme's data only.
 */

export type ConsequenceSource = ConsequenceDoc['source'];
export type ConsequenceStatus = 'proposed' | ConsequenceDoc['status'];

export const consequenceStatusLabels: Record<ConsequenceStatus, string> = {
  proposed: '待确认',
  reported: '待确认',
  confirmed: '已确认',
  dismissed: '不予处理',
  lifted: '已解除',
};

/** What the rule needs to know about a source besides the programme. */
export interface ProposalBase {
  subject: SubjectRef;
  castUnitId: string;
  source: ConsequenceSource;
  /** the day of the outcome (check decided, assessment published, finding recorded, window ended) */
  outcomeOn: ChinaDate;
  /** source key of the deterministic id */
  key: string;
  /** the stored id when the proposal is a stored finding (misconduct) */
  id?: string;
}

export interface Proposal {
  id: string;
  subject: SubjectRef;
  castUnitId: string;
  programmeId: string;
  penaltyId: string;
  clause: string;
  trigger: string;
  source: ConsequenceSource;
  outcomeOn: ChinaDate;
  /** what the penalty does, in Chinese, one line each (penaltyConsequences, the deadline written in) */
  effects: string[];
  banYears: number;
  /** last day of the ban when it takes effect on `effectiveOn` */
  banLastDay: ChinaDate | null;
  /** the day it takes effect if confirmed now (bans run from here) */
  effectiveOn: ChinaDate;
  /** rectification: the deadline (outcome day + the programme's months) */
  deadline: ChinaDate | null;
  clawBack: Penalty['clawBack'];
  /** the refund the product proposes (all paid for 'all'; the unspent amount for unspent money), in fen */
  proposedRefundFen: number | null;
  /** staff enter the amount when confirming ('corresponding' / 'partialOrAll') */
  refundNeedsAmount: boolean;
  removePlaque: boolean;
  revokeQualification: boolean;
  stopFunding: boolean;
  rectification: boolean;
}

/** FNV-1a, 32 bits, base 36: a short deterministic stand-in for a key too long for an id. */
function shortHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

const ID_MAX = 64;
/** `cq_<source key>_<penaltyId>`; a key that would make the id longer than an id may be is shortened to its hash. */
export function consequenceId(key: string, penaltyId: string): string {
  const id = `cq_${key}_${penaltyId}`;
  if (id.length <= ID_MAX) return id;
  const short = `cq_${shortHash(key)}_${penaltyId}`;
  return short.length <= ID_MAX ? short : `cq_${shortHash(`${key}_${penaltyId}`)}`;
}

/** How long a rectification runs, from the programme's data; null when the programme sets no period. */
export const rectificationMonths = (programme: Programme | undefined): number | null => programme?.postAward?.rectification?.months ?? null;

/** The rectification deadline for an outcome on `outcomeOn`, from the programme's data. */
export function rectificationDeadline(programme: Programme | undefined, outcomeOn: ChinaDate): ChinaDate | null {
  const months = rectificationMonths(programme);
  return months === null ? null : addMonthsClamped(outcomeOn, months);
}

/** Money paid to a subject: payments not reversed, in fen. */
export function paidFen(entries: readonly LedgerEntry[]): number {
  return entries.filter((e) => e.kind === 'payment' && e.reversedBy === null).reduce((s, e) => s + e.amountFen, 0);
}
/** Money spent by a subject: expenses not reversed, in fen. */
export function spentFen(entries: readonly LedgerEntry[]): number {
  return entries.filter((e) => e.kind === 'expense' && e.reversedBy === null).reduce((s, e) => s + e.amountFen, 0);
}

export interface ProposeOptions {
  /** fen paid to the subject so far (for clawBack 'all') */
  paidFen: number;
  /** the day a confirmation would take effect (today) */
  today: ChinaDate;
  /** unspent money: the amount proposed as refund */
  unspentFen?: number;
}

/** One proposal of `penaltyId` from a source; undefined when the programme has no such penalty. */
export function propose(programme: Programme, base: ProposalBase, penaltyId: string, opts: ProposeOptions): Proposal | undefined {
  const penalty = findPenalty(programme, penaltyId);
  if (!penalty) return undefined;
  const deadline = penalty.rectification ? rectificationDeadline(programme, base.outcomeOn) : null;
  const effects = penaltyConsequences(penalty).map((l) => (l === '责令限期整改' && deadline ? `责令限期整改（${deadline} 前完成）` : l));
  let proposedRefundFen: number | null = null;
  let refundNeedsAmount = false;
  if (base.source.type === 'unspent' && opts.unspentFen !== undefined && penalty.clawBack !== 'none') {
    proposedRefundFen = opts.unspentFen;
    refundNeedsAmount = penalty.clawBack !== 'all';
  } else if (penalty.clawBack === 'all') proposedRefundFen = opts.paidFen;
  else if (penalty.clawBack !== 'none') refundNeedsAmount = true;
  return {
    id: base.id ?? consequenceId(base.key, penalty.id),
    subject: base.subject,
    castUnitId: base.castUnitId,
    programmeId: programme.id,
    penaltyId: penalty.id,
    clause: penalty.clause,
    trigger: penalty.trigger,
    source: base.source,
    outcomeOn: base.outcomeOn,
    effects,
    banYears: penalty.banYears,
    banLastDay: banLastDay(penalty, opts.today),
    effectiveOn: opts.today,
    deadline,
    clawBack: penalty.clawBack,
    proposedRefundFen,
    refundNeedsAmount,
    removePlaque: penalty.removePlaque,
    revokeQualification: penalty.revokeQualification,
    stopFunding: penalty.stopFunding,
    rectification: penalty.rectification,
  };
}

const defined = <T>(x: T | undefined): x is T => x !== undefined;

/** A check as the rule reads it (CheckDoc). */
export type CheckFact = Pick<
  CheckDoc,
  'id' | 'awardId' | 'castUnitId' | 'checkId' | 'year' | 'status' | 'outcome' | 'publicity' | 'objections'
>;

/**
 * A check that counts as failed (checks.ts `checkCounts`: failed, or an objection upheld during the
 * publicity of a passed one) proposes each penalty of its rule's `onFail`.
 */
export function proposalsFromCheck(programme: Programme, check: CheckFact, opts: ProposeOptions): Proposal[] {
  const rule = programme.postAward?.checks.find((c) => c.id === check.checkId);
  if (!rule || !check.outcome || checkCounts(check, rule, opts.today) !== 'failed') return [];
  const base: ProposalBase = {
    subject: { type: 'award', id: check.awardId },
    castUnitId: check.castUnitId,
    source: { type: 'check', checkDocId: check.id },
    outcomeOn: check.outcome.passed && check.publicity ? check.publicity.end : check.outcome.decidedOn,
    key: check.id,
  };
  return rule.onFail.map((p) => propose(programme, base, p, opts)).filter(defined);
}

/** A published station assessment as the rule reads it. */
export interface AssessmentFact {
  id: string;
  stationId: string;
  castUnitId: string;
  yearIndex: number;
  passed: boolean;
  termEnd: boolean;
  /** the day it was published (null: not published — proposes nothing) */
  publishedOn: ChinaDate | null;
}

/** The programme's penalty that orders rectification, and the one that removes the plaque. */
export const rectificationPenalty = (programme: Programme): Penalty | undefined => programme.penalties.find((p) => p.rectification);
export const delistingPenalty = (programme: Programme): Penalty | undefined => programme.penalties.find((p) => p.removePlaque);

/** A published failing assessment: rectification, and 摘牌 in the term-end year. */
export function proposalsFromAssessment(programme: Programme, a: AssessmentFact, opts: ProposeOptions): Proposal[] {
  if (a.passed || a.publishedOn === null) return [];
  const base: ProposalBase = {
    subject: { type: 'station', id: a.stationId },
    castUnitId: a.castUnitId,
    source: { type: 'assessment', assessmentId: a.id, termEnd: a.termEnd },
    outcomeOn: a.publishedOn,
    key: a.id,
  };
  const ids = [rectificationPenalty(programme)?.id, a.termEnd ? delistingPenalty(programme)?.id : undefined].filter(defined);
  return [...new Set(ids)].map((p) => propose(programme, base, p, opts)).filter(defined);
}

/** A misconduct finding (stored as a 'reported' consequence) proposes `postAward.misconduct`. */
export function proposalFromFinding(programme: Programme, finding: ConsequenceDoc, opts: ProposeOptions): Proposal | undefined {
  if (finding.source.type !== 'misconduct') return undefined;
  return propose(
    programme,
    {
      subject: finding.subject,
      castUnitId: finding.castUnitId,
      source: finding.source,
      outcomeOn: finding.effectiveOn,
      key: finding.id,
      id: finding.id,
    },
    finding.penaltyId,
    opts,
  );
}

/** The id of a misconduct finding's proposal: the penalty is the programme's `postAward.misconduct`. */
export function misconductProposalId(programme: Programme, findingKey: string): { id: string; penaltyId: string } | undefined {
  const penaltyId = programme.postAward?.misconduct;
  if (!penaltyId || !findPenalty(programme, penaltyId)) return undefined;
  return { id: consequenceId(findingKey, penaltyId), penaltyId };
}

export interface UnspentFact {
  awardId: string;
  castUnitId: string;
  /** the last day of the budget window (money.ts `budgetWindow`: cycle.budgetSpendWithinYears from the first approval); null: none applies */
  windowEnd: ChinaDate | null;
  /** total of the budget in force, fen */
  approvedFen: number;
  /** spent (expenses not reversed), fen */
  spentFen: number;
}

/** Money unspent after the budget window proposes `postAward.unspent`, with the unspent amount as the refund. */
export function proposalFromUnspent(programme: Programme, u: UnspentFact, opts: ProposeOptions): Proposal | undefined {
  const penaltyId = programme.postAward?.unspent;
  if (!penaltyId || u.windowEnd === null) return undefined;
  const unspent = u.approvedFen - u.spentFen;
  if (opts.today <= u.windowEnd || unspent <= 0) return undefined;
  return propose(
    programme,
    {
      subject: { type: 'award', id: u.awardId },
      castUnitId: u.castUnitId,
      source: { type: 'unspent', windowEnd: u.windowEnd },
      outcomeOn: addDays(u.windowEnd, 1),
      key: `un_${u.awardId}`,
    },
    penaltyId,
    { ...opts, unspentFen: unspent },
  );
}

/** A proposal with the decision stored for it, if any (the decision replaces the proposal). */
export interface ConsequenceItem extends Proposal {
  status: ConsequenceStatus;
  decision: ConsequenceDoc | null;
}

/**
 * Proposals merged with stored decisions: a confirmed / dismissed / lifted doc replaces its
 * proposal (and keeps the amounts and dates decided then); a 'reported' finding stays proposed.
 * A decision whose source no longer proposes (e.g. a check outcome corrected) is still listed from
 * `describe` (the programme's penalty and the stored source).
 */
export function mergeDecisions(
  proposals: readonly Proposal[],
  docs: readonly ConsequenceDoc[],
  describe: (doc: ConsequenceDoc) => Proposal | undefined,
): ConsequenceItem[] {
  const byId = new Map(docs.map((d) => [d.id, d]));
  const out: ConsequenceItem[] = [];
  const seen = new Set<string>();
  for (const p of proposals) {
    seen.add(p.id);
    out.push(itemOf(p, byId.get(p.id) ?? null));
  }
  for (const d of docs) {
    if (seen.has(d.id)) continue;
    const p = describe(d);
    if (p) out.push(itemOf(p, d));
  }
  return out;
}

function itemOf(p: Proposal, d: ConsequenceDoc | null): ConsequenceItem {
  if (!d || d.status === 'reported') return { ...p, status: 'proposed', decision: d };
  return {
    ...p,
    status: d.status,
    decision: d,
    effectiveOn: d.effectiveOn,
    deadline: d.deadline,
    banLastDay: p.banYears > 0 ? addDays(addMonthsClamped(d.effectiveOn, 12 * p.banYears), -1) : null,
    proposedRefundFen: d.refundFen,
    effects: p.effects.map((l) => (l.startsWith('责令限期整改') && d.deadline ? `责令限期整改（${d.deadline} 前完成）` : l)),
  };
}

/** How many proposals wait for a staff decision (the staff home's count). */
export const openCount = (items: readonly Pick<ConsequenceItem, 'status'>[]): number => items.filter((i) => i.status === 'proposed').length;

export type DecideRefund = { ok: true; refundFen: number | null } | { ok: false; message: string };

/**
 * The refund demanded on confirmation: all paid for clawBack 'all' (the product's number); the
 * amount staff enter for 'corresponding' / 'partialOrAll' (required; at most what was paid, or the
 * unspent amount proposed); nothing for a penalty without clawback.
 */
export function decideRefund(p: Proposal, enteredFen: number | undefined, paid: number): DecideRefund {
  if (p.clawBack === 'none') return { ok: true, refundFen: null };
  if (!p.refundNeedsAmount) return { ok: true, refundFen: p.proposedRefundFen };
  if (enteredFen === undefined) return { ok: false, message: '请填写应退还（追回）的金额' };
  const cap = Math.max(paid, p.proposedRefundFen ?? 0);
  if (enteredFen > cap) return { ok: false, message: `退还金额不能超过已拨付金额 ${fenTextPlain(cap)}` };
  return { ok: true, refundFen: enteredFen };
}
const fenTextPlain = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')} 元`;

/** What a decided proposal does to its subject, from the confirmed consequences (MONEY's view and the award page read it). */
export interface SubjectEffects {
  fundingStopped: boolean;
  revoked: boolean;
  delisted: boolean;
  /** rectifications confirmed and not lifted: their deadlines */
  rectificationDeadlines: ChinaDate[];
  /** refunds demanded by confirmed consequences, fen */
  refundDemandedFen: number;
}
export function subjectEffects(items: readonly ConsequenceItem[]): SubjectEffects {
  const confirmed = items.filter((i) => i.status === 'confirmed');
  const effective = items.filter((i) => i.status === 'confirmed' || i.status === 'lifted');
  return {
    fundingStopped: confirmed.some((i) => i.stopFunding),
    revoked: confirmed.some((i) => i.revokeQualification),
    delisted: confirmed.some((i) => i.removePlaque),
    rectificationDeadlines: confirmed.filter((i) => i.rectification && i.deadline).map((i) => i.deadline!),
    refundDemandedFen: effective.reduce((s, i) => s + (i.decision?.refundFen ?? 0), 0),
  };
}

/** A published assessment that lifts a confirmed rectification: the station's next passing one, published after the decision. */
export function liftingAssessment<A extends { stationId: string; passed: boolean; publishedAt: number | null; yearIndex: number }>(
  doc: Pick<ConsequenceDoc, 'subject' | 'status' | 'at' | 'deadline'>,
  assessments: readonly A[],
): A | null {
  if (doc.status !== 'confirmed' || doc.subject.type !== 'station' || doc.deadline === null) return null;
  const later = assessments
    .filter((a) => a.stationId === doc.subject.id && a.passed && a.publishedAt !== null && a.publishedAt > doc.at)
    .sort((a, b) => a.publishedAt! - b.publishedAt!);
  return later[0] ?? null;
}
