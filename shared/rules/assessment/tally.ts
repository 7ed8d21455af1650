import type { ChinaDate } from '../../calendar/china-time';
import { type QuarterNumber, quarterOf, yearIndexOf } from '../../calendar/periods';
import type { AgreementPercents, RecordStatus, StationRecord, TallyCell } from '../../schemas/records';
import type { AssessmentSettings } from './settings';

/**
 * Tallies: the counters the station assessment (第十二条) is computed from.
 *
 * The dashboard must not scan records. A store keeps, per station, a Tally (key → {all, verified})
 * and on every write of a record applies diffContributions(before, after): the counters change by
 * exactly what the edit changed. sumContributions(records) rebuilds the same Tally from scratch
 * (used by tests, by a repair job, and whenever the assessment settings of the programme change —
 * the year mode and traineesPerTraining decide which counter a record lands in, so a settings change
 * requires a rebuild).
 *
 * 'all' counts pending + confirmed records, 'verified' only confirmed ones; disputed and withdrawn
 * records count nothing (records.ts). Records dated before the plaque date count nothing.
 * Agreement progress (第十二条(一)) is a cumulative percent, not a counter: see agreementPercentAsOf.
 */
export const tallyMetrics = [
  'days',
  'research',
  'researchResults',
  'trainings',
  'qualifyingTrainings',
  'tackling',
  'problems',
  'achievements',
] as const;
export type TallyMetric = (typeof tallyMetrics)[number];

export interface Contribution {
  metric: TallyMetric;
  yearIndex: number;
  /** the assessment quarter, for 'days'; null otherwise */
  quarter: QuarterNumber | null;
  /** the expert, for 'days'; null otherwise */
  expertId: string | null;
  all: 0 | 1;
  verified: 0 | 1;
}

/** A counter change: like a Contribution, but all/verified may be any integer (usually −1, 0 or 1). */
export interface TallyDelta {
  metric: TallyMetric;
  yearIndex: number;
  quarter: QuarterNumber | null;
  expertId: string | null;
  all: number;
  verified: number;
}

/** Counts by basis (stored in `stationTallies`, shared/schemas/records.ts). */
export type { TallyCell };

/** key (tallyKey) → counts. A plain object so a store can save it as one document field. */
export type Tally = Record<string, TallyCell>;

/**
 * The station facts a record's contribution depends on. expertIds is accepted but NOT used to filter:
 * a day logged by someone who later leaves (or joins) the team stays in the tally, and the evaluation
 * reports the experts of the current team, so a team change never requires a rebuild.
 */
export interface TallyStation {
  plaqueDate: ChinaDate;
  expertIds?: readonly string[];
}

export type Basis = 'all' | 'verified';

export function isCounted(status: RecordStatus, basis: Basis): boolean {
  return basis === 'all' ? status === 'pending' || status === 'confirmed' : status === 'confirmed';
}

/** Stable key of a counter: metric|year|quarter|expert ('-' for none). Ids cannot contain '|'. */
export function tallyKey(c: Pick<Contribution, 'metric' | 'yearIndex' | 'quarter' | 'expertId'>): string {
  return `${c.metric}|${c.yearIndex}|${c.quarter ?? '-'}|${c.expertId ?? '-'}`;
}

/** The counters one record adds to the tally (empty for disputed/withdrawn and agreement records). */
export function recordContributions(record: StationRecord, station: TallyStation, settings: AssessmentSettings): Contribution[] {
  if (!isCounted(record.status, 'all')) return [];
  const verified: 0 | 1 = record.status === 'confirmed' ? 1 : 0;
  const mode = settings.yearMode;
  const yearIndex = yearIndexOf(station.plaqueDate, record.date, mode);
  const yearly = (metric: TallyMetric, k = yearIndex): Contribution[] =>
    k >= 1 ? [{ metric, yearIndex: k, quarter: null, expertId: null, all: 1, verified }] : [];

  switch (record.kind) {
    case 'serviceDay': {
      // 第十二条(二): days are counted per expert per quarter; the year total is the sum of the quarters.
      const q = quarterOf(station.plaqueDate, record.date, mode);
      return q ? [{ metric: 'days', yearIndex: q.yearIndex, quarter: q.quarter, expertId: record.expertId, all: 1, verified }] : [];
    }
    case 'training': {
      // 第十二条(四): every training is recorded; only one with ≥ traineesPerTraining 人次 qualifies.
      const out = yearly('trainings');
      return record.trainees >= settings.thresholds.traineesPerTraining ? out.concat(yearly('qualifyingTrainings')) : out;
    }
    case 'research': {
      // 第十二条(三): the study counts in the year it was done; its result in the year of resultDate (else of date).
      const out = yearly('research');
      if (record.result.trim() === '') return out;
      const resultYear = yearIndexOf(station.plaqueDate, record.resultDate ?? record.date, mode);
      return out.concat(yearly('researchResults', resultYear));
    }
    case 'tackling':
      return yearly('tackling');
    case 'problem':
      return yearly('problems');
    case 'achievement':
      return yearly('achievements');
    case 'agreement':
      return [];
  }
}

/** Adds deltas into `tally` in place (used while building a fresh tally). Zero cells are removed. */
function addInto(tally: Tally, deltas: readonly TallyDelta[], sign = 1): void {
  for (const d of deltas) {
    const key = tallyKey(d);
    const cell = tally[key] ?? { all: 0, verified: 0 };
    const next = { all: cell.all + sign * d.all, verified: cell.verified + sign * d.verified };
    if (next.all === 0 && next.verified === 0) delete tally[key];
    else tally[key] = next;
  }
}

/** The full tally of a station's records. */
export function sumContributions(records: readonly StationRecord[], station: TallyStation, settings: AssessmentSettings): Tally {
  // Contributions are never negative, so cells only grow: mutate the fresh cells in place (hot path).
  const tally: Tally = {};
  for (const r of records) {
    for (const c of recordContributions(r, station, settings)) {
      const key = tallyKey(c);
      const cell = tally[key];
      if (cell) {
        cell.all += c.all;
        cell.verified += c.verified;
      } else tally[key] = { all: c.all, verified: c.verified };
    }
  }
  return tally;
}

/**
 * What the tally must change by when a record goes from `before` to `after` (null = did not exist /
 * no longer exists): contributions(after) − contributions(before), merged per key, zero deltas dropped,
 * sorted by key. Creating, confirming, disputing, withdrawing and editing are all this one function.
 */
export function diffContributions(
  before: StationRecord | null,
  after: StationRecord | null,
  station: TallyStation,
  settings: AssessmentSettings,
): TallyDelta[] {
  const acc: Tally = {};
  const parts = new Map<string, TallyDelta>();
  const collect = (cs: readonly Contribution[], sign: number) => {
    for (const c of cs) parts.set(tallyKey(c), { ...c, all: 0, verified: 0 });
    addInto(acc, cs, sign);
  };
  if (after) collect(recordContributions(after, station, settings), 1);
  if (before) collect(recordContributions(before, station, settings), -1);
  const out: TallyDelta[] = [];
  for (const [key, cell] of Object.entries(acc)) {
    const p = parts.get(key) as TallyDelta;
    out.push({ ...p, all: cell.all, verified: cell.verified });
  }
  return out.sort((a, b) => (tallyKey(a) < tallyKey(b) ? -1 : 1));
}

/** A new tally with `deltas` applied (the input is not modified). */
export function applyDeltas(tally: Tally, deltas: readonly TallyDelta[]): Tally {
  const next: Tally = { ...tally };
  addInto(next, deltas);
  return next;
}

/** Count of one counter (0 when absent). */
const ZERO: TallyCell = Object.freeze({ all: 0, verified: 0 });
export function readTally(
  tally: Tally,
  metric: TallyMetric,
  yearIndex: number,
  quarter: QuarterNumber | null = null,
  expertId: string | null = null,
): TallyCell {
  return tally[`${metric}|${yearIndex}|${quarter ?? '-'}|${expertId ?? '-'}`] ?? ZERO;
}

/**
 * 第十二条(一): the agreement progress as of `date` — the highest percent among counted agreement
 * records dated on or before `date` (progress is cumulative, so a later, lower report is a typo or a
 * correction made by disputing/withdrawing the old one, not a regression). 0 when none.
 */
export function agreementPercentAsOf(records: readonly StationRecord[], date: ChinaDate, basis: Basis): number {
  let best = 0;
  for (const r of records) {
    if (r.kind === 'agreement' && r.date <= date && isCounted(r.status, basis)) best = Math.max(best, r.percent);
  }
  return best;
}

/** The cumulative agreement percent on each basis (stored on tallies, shared/schemas/records.ts). */
export type { AgreementPercents };

export function agreementPercentsAsOf(records: readonly StationRecord[], date: ChinaDate): AgreementPercents {
  return { all: agreementPercentAsOf(records, date, 'all'), verified: agreementPercentAsOf(records, date, 'verified') };
}
