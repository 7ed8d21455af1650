import { dateParts } from '../../calendar/china-time';
import { assessmentYear, type YearMode, yearIndexOf } from '../../calendar/periods';
import type { PriorResult, Station } from '../../schemas/org';
import { assessedFrom, yearBeforeGoLive } from './coverage';

/**
 * Prior-year results (issue 13, item 6). A station plaqued before the city went live has years this system
 * never recorded; staff may enter each such year's result as a summary with its source ("2024 年度考核通报":
 * grade, optionally score and days). The yearly/term assessment uses it for that year (reports.runAssessment).
 *
 * Which assessment year a calendar year names: the assessment year that ENDS in that calendar year (a yearly
 * 考核通报 reports on a year that has ended). In calendar mode that is year (Y − plaque year + 1); in plaque
 * mode, with a plaque on 2023-06-01, "2024 年度" is year 1 (2023-06-01 … 2024-05-31).
 *
 * Only a year that ends before go-live may carry one: from go-live on, the year is assessed from what is
 * recorded here (the go-live year pro rata, coverage.ts), and an entered result must not replace it.
 */

export function priorYearIndexOf(plaqueDate: string, year: number, mode: YearMode): number {
  const plaqueYear = dateParts(plaqueDate).year;
  if (mode === 'calendar') return year - plaqueYear + 1;
  // the year ending in `year` is the one containing 31 December of year − 1 … : find k with end.year === year
  const k = yearIndexOf(plaqueDate, `${year}-12-31`, 'plaque');
  if (k < 1) return 0;
  return assessmentYear(plaqueDate, k, 'plaque').end <= `${year}-12-31` ? k : k - 1;
}

export type PriorResultDecision =
  | { ok: true; yearIndex: number; start: string; end: string }
  | { ok: false; path: string; message: string };

/** Whether a prior result for calendar year `year` may be entered on this station, and for which assessment year. */
export function decidePriorResult(station: Pick<Station, 'plaqueDate' | 'goLiveDate'>, year: number, mode: YearMode): PriorResultDecision {
  const k = priorYearIndexOf(station.plaqueDate, year, mode);
  if (k < 1) return { ok: false, path: 'result.year', message: `${year} 年没有结束的考核年度（授牌日期 ${station.plaqueDate}）` };
  const y = assessmentYear(station.plaqueDate, k, mode);
  if (!yearBeforeGoLive(station, k, mode))
    return {
      ok: false,
      path: 'result.year',
      message: `第 ${k} 考核年度（${y.start} 至 ${y.end}）不在上线日期 ${assessedFrom(station)} 之前，按系统记录考核，不能录入往年结果`,
    };
  return { ok: true, yearIndex: k, start: y.start, end: y.end };
}

/** The entered result of assessment year `yearIndex`, if any. */
export function priorResultFor(station: Pick<Station, 'priorResults'>, yearIndex: number): PriorResult | null {
  return station.priorResults?.find((r) => r.yearIndex === yearIndex) ?? null;
}

/** The station's prior results with `next` put in place of the same year's (sorted by year). */
export function withPriorResult(current: readonly PriorResult[] | undefined, next: PriorResult): PriorResult[] {
  return [...(current ?? []).filter((r) => r.yearIndex !== next.yearIndex), next].sort((a, b) => a.yearIndex - b.yearIndex);
}

/** Same content (who entered it and when aside): saving it again changes nothing. */
export function samePriorResult(a: PriorResult | null, b: Omit<PriorResult, 'enteredBy' | 'enteredAt'>): boolean {
  return (
    !!a &&
    a.year === b.year &&
    a.grade === b.grade &&
    a.score === b.score &&
    a.days === b.days &&
    a.source === b.source &&
    a.yearIndex === b.yearIndex
  );
}

/** The grade reason an assessment computed from a prior result carries. */
export function priorResultReason(r: PriorResult, goLive: string): string {
  const parts = [`依据往年考核结果：${r.source}（${r.year} 年度，${r.grade}`];
  if (r.score !== null) parts.push(`，${r.score} 分`);
  if (r.days !== null) parts.push(`，在站工作 ${r.days} 天`);
  parts.push(`）；该年度在上线日期 ${goLive} 之前，未在系统中考核`);
  return parts.join('');
}
