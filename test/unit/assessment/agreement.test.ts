import {
  accumulateAgreement,
  agreementTarget,
  carriedAgreement,
  evaluateStation,
  noAgreement,
  type StationEvaluation,
} from '../../../shared/rules/assessment';
import type { StationRecord } from '../../../shared/schemas/records';
import { agreement, settingsWith, station } from './fixtures';

// 第十二条(一): 合作协议实施情况 — ≥50% of the agreement done by the end of year 1, 100% by the end of year 2.
const settings = settingsWith();
const req = (ev: StationEvaluation) => {
  const r = ev.requirements.find((x) => x.key === 'agreement');
  if (!r) throw new Error('no agreement requirement');
  return r;
};
const evalYear = (records: StationRecord[], yearIndex: number, asOf: string, basis: 'all' | 'verified' = 'all') =>
  evaluateStation(station({ plaqueDate: '2025-01-01', termYears: 2 }), records, yearIndex, settings, asOf, basis);

describe('year one: at least 50% [yiyang-station-2023:assessment.agreement-year1-percent]', () => {
  it.each([
    [49, 'failed', 1],
    [50, 'met', 0],
    [51, 'met', 0],
    [0, 'failed', 50],
  ])('%i%% reported by the end of year 1 → %s (shortfall %i)', (pct, status, shortfall) => {
    const r = req(evalYear(pct > 0 ? [agreement('2025-12-20', pct)] : [], 1, '2026-01-11'));
    expect(r).toMatchObject({ required: 50, actual: pct, status, shortfall, pass: status === 'met' });
    expect(r.label).toContain('50%');
  });

  it('49% mid-year is still in progress', () => {
    expect(req(evalYear([agreement('2025-06-01', 49)], 1, '2025-06-30')).status).toBe('inProgress');
  });

  it('a report dated after the year end does not count for that year', () => {
    expect(req(evalYear([agreement('2026-01-02', 60)], 1, '2026-01-11')).actual).toBe(0);
  });

  it('a pending report counts on "all" but not on "verified"', () => {
    const records = [agreement('2025-05-01', 30), agreement('2025-12-01', 60, 'pending')];
    expect(req(evalYear(records, 1, '2026-01-11'))).toMatchObject({ actual: 60, actualVerified: 30, status: 'met' });
    expect(req(evalYear(records, 1, '2026-01-11', 'verified'))).toMatchObject({
      actual: 60,
      actualVerified: 30,
      status: 'failed',
      shortfall: 20,
    });
  });
});

describe('year two (the final year of a 2-year term): 100% [yiyang-station-2023:assessment.agreement-final-percent]', () => {
  it.each([
    [99, 'failed', 1],
    [100, 'met', 0],
  ])('%i%% by the end of year 2 → %s', (pct, status, shortfall) => {
    const r = req(evalYear([agreement('2025-12-01', 50), agreement('2026-12-01', pct)], 2, '2027-01-11'));
    expect(r).toMatchObject({ required: 100, actual: pct, status, shortfall });
  });

  it('progress reported in year one carries into year two', () => {
    expect(req(evalYear([agreement('2025-12-01', 100)], 2, '2027-01-11')).status).toBe('met');
  });
});

describe('the target at the end of any period (agreementTarget)', () => {
  it.each([
    ['plaque mode, 2-year term, year 1', '2025-03-15', 2, '2026-03-14', 50],
    ['plaque mode, 2-year term, year 2', '2025-03-15', 2, '2027-03-14', 100],
    ['after the term it stays 100', '2025-03-15', 2, '2028-03-14', 100],
    ['3-year term: year 2 is halfway between 50 and 100', '2025-03-15', 3, '2027-03-14', 75],
    ['3-year term: year 3', '2025-03-15', 3, '2028-03-14', 100],
    ['1-year term: 100 at the end of year 1', '2025-03-15', 1, '2026-03-14', 100],
    ['1-year term, 182 of 365 days in: ⌈49.9⌉ = 50', '2025-01-01', 1, '2025-07-01', 50],
    ['calendar-mode partial year 1 (15 Aug–31 Dec): ⌈50 × 139/365⌉', '2025-08-15', 2, '2025-12-31', Math.ceil((50 * 139) / 365)],
    ['calendar-mode year 3 of a mid-year plaque (term ends in it): 100', '2025-08-15', 2, '2027-12-31', 100],
    ['before the plaque date: 0', '2025-08-15', 2, '2025-08-01', 0],
  ])('%s', (_why, plaque, termYears, end, target) => {
    expect(agreementTarget(plaque, termYears, end, settings)).toBe(target);
  });

  it('follows the programme thresholds', () => {
    const s = settingsWith({ thresholds: { agreementYear1Percent: 60, agreementFinalPercent: 90 } });
    expect(agreementTarget('2025-03-15', 2, '2026-03-14', s)).toBe(60);
    expect(agreementTarget('2025-03-15', 2, '2027-03-14', s)).toBe(90);
  });

  it('a target of 0 is met by anything', () => {
    const s = settingsWith({ thresholds: { agreementYear1Percent: 0 }, partialCredit: { agreement: 'proportional' } });
    const ev = evaluateStation(station(), [], 1, s, '2026-01-11', 'all');
    expect(req(ev)).toMatchObject({ required: 0, status: 'met', earned: 20 });
  });
});

describe('agreement progress carried over between tally years (第十二条(一) is cumulative)', () => {
  const entry = (percent: number, verified: boolean) => ({ date: '2025-06-01', percent, verified });

  it('a year raises the percent by its reports, the verified basis only by verified ones', () => {
    expect(accumulateAgreement({ a: entry(40, true), b: entry(60, false) }, noAgreement)).toEqual({ all: 60, verified: 40 });
    expect(accumulateAgreement({ a: entry(30, true) }, { all: 50, verified: 50 })).toEqual({ all: 50, verified: 50 });
  });

  it('a year without a tally starts from the earlier years, whichever of them exist', () => {
    const y1 = { yearIndex: 1, agreement: { all: 50, verified: 30 }, agreementEntries: { a: entry(50, false), b: entry(30, true) } };
    const y2 = { yearIndex: 2, agreement: { all: 70, verified: 30 }, agreementEntries: { c: entry(70, false) } };
    expect(carriedAgreement([y2, y1], 3)).toEqual({ all: 70, verified: 30 });
    // the latest earlier year alone carries the same (its percent is cumulative)
    expect(carriedAgreement([{ yearIndex: 2, agreement: y2.agreement }], 3)).toEqual({ all: 70, verified: 30 });
    // reports alone (no stored percent) carry too
    expect(carriedAgreement([{ yearIndex: 1, agreementEntries: y1.agreementEntries }], 2)).toEqual({ all: 50, verified: 30 });
    // later years do not count, and nothing earlier is nothing
    expect(carriedAgreement([y2], 2)).toEqual(noAgreement);
    expect(carriedAgreement([], 5)).toEqual(noAgreement);
  });
});
