import { getProgramme } from '../../../shared/programmes';
import {
  decidePriorResult,
  priorResultFor,
  priorResultReason,
  priorYearIndexOf,
  samePriorResult,
  withPriorResult,
} from '../../../shared/rules/assessment';
import { decideAwardImport, importedAwardId } from '../../../shared/rules/award-import';
import type { PriorResult } from '../../../shared/schemas/org';

/** Prior-year results and imported awards (issue 13 item 6) as pure rules. */
describe('which assessment year a calendar year names: the one that ends in it', () => {
  it.each([
    ['2023-03-01', 2024, 'plaque', 1], // 2023-03-01 … 2024-02-29
    ['2023-03-01', 2023, 'plaque', 0], // no year of it ended in 2023
    ['2023-01-01', 2023, 'plaque', 1], // 2023-01-01 … 2023-12-31
    ['2023-06-01', 2025, 'plaque', 2],
    ['2023-06-01', 2024, 'calendar', 2],
  ] as const)('plaque %s, %i (%s) → year %i', (plaque, year, mode, k) => {
    expect(priorYearIndexOf(plaque, year, mode)).toBe(k);
  });

  it('only a year that ends before go-live may carry one', () => {
    const s = { plaqueDate: '2023-03-01', goLiveDate: '2026-11-29' };
    expect(decidePriorResult(s, 2024, 'plaque')).toEqual({ ok: true, yearIndex: 1, start: '2023-03-01', end: '2024-02-29' });
    expect(decidePriorResult(s, 2023, 'plaque')).toMatchObject({ ok: false, message: expect.stringMatching(/没有结束的考核年度/) });
    expect(decidePriorResult(s, 2027, 'plaque')).toMatchObject({ ok: false, message: expect.stringMatching(/按系统记录考核/) });
    expect(decidePriorResult({ plaqueDate: '2023-03-01' }, 2024, 'plaque').ok).toBe(false);
  });
});

describe('stored prior results', () => {
  const r = (over: Partial<PriorResult> = {}): PriorResult => ({
    yearIndex: 1,
    year: 2024,
    grade: '合格',
    score: null,
    days: null,
    source: '2024 年度考核通报',
    enteredBy: 'p1',
    enteredAt: 1,
    ...over,
  });
  it('one per year, replaced in place, sorted; the same content is no change', () => {
    const list = withPriorResult([r({ yearIndex: 2, year: 2025 })], r());
    expect(list.map((x) => x.yearIndex)).toEqual([1, 2]);
    expect(withPriorResult(list, r({ grade: '优秀' })).find((x) => x.yearIndex === 1)?.grade).toBe('优秀');
    expect(priorResultFor({ priorResults: list }, 2)?.year).toBe(2025);
    expect(priorResultFor({}, 1)).toBeNull();
    const { enteredBy: _b, enteredAt: _a, ...content } = r();
    expect(samePriorResult(r({ enteredBy: 'p2', enteredAt: 9 }), content)).toBe(true);
    expect(samePriorResult(r({ score: 80 }), content)).toBe(false);
    expect(samePriorResult(null, content)).toBe(false);
  });
  it('the grade reason names the source, and the score and days when given', () => {
    expect(priorResultReason(r(), '2026-11-29')).toBe(
      '依据往年考核结果：2024 年度考核通报（2024 年度，合格）；该年度在上线日期 2026-11-29 之前，未在系统中考核',
    );
    expect(priorResultReason(r({ score: 86, days: 52 }), '2026-11-29')).toContain('合格，86 分，在站工作 52 天');
  });
});

describe('an award imported at its stage', () => {
  const five = getProgramme('pingdingshan-five-star')!;
  const station = getProgramme('yiyang-station-2023')!;
  const ctx = { today: '2026-11-29', now: 1, actorId: 'p-city-staff', castUnitId: 'cast-yiyang', station: null };
  const base = {
    programmeId: five.id,
    kindId: 'five-star',
    societyId: 'soc-a',
    hostUnitId: null,
    level: null,
    stage: 2,
    awardedOn: '2025-06-01',
    title: '五星学会',
    source: '通知',
    stationId: null,
  };
  it('is an awarded application with a stable id', () => {
    const d = decideAwardImport(five, base, ctx);
    expect(d.ok && d.application).toMatchObject({ id: importedAwardId(base), status: 'awarded', imported: { stage: 2, awardYear: 2025 } });
    expect(d.ok && d.quotaEntry).toBeNull(); // no per-society limit in the five-star programme
  });
  it.each([
    [{ kindId: 'nope' }, 'award.kindId'],
    [{ societyId: null }, 'award.societyId'],
    [{ hostUnitId: 'hu-x' }, 'award.hostUnitId'],
    [{ stationId: 'st-x' }, 'award.stationId'],
    [{ awardedOn: '2027-01-01' }, 'award.awardedOn'],
    [{ stage: 3, awardedOn: '2026-01-01' }, 'award.stage'],
  ] as const)('refuses %j at %s', (over, path) => {
    const d = decideAwardImport(five, { ...base, ...over }, ctx);
    expect(d.ok ? [] : d.issues.map((i) => i.path)).toContain(path);
  });
  it('a station award needs its society, host unit and level, and a station that matches', () => {
    const st = {
      ...base,
      programmeId: station.id,
      kindId: 'station',
      hostUnitId: 'hu-a',
      level: 'city' as const,
      stage: 1,
      stationId: 'st-a',
    };
    const match = {
      id: 'st-a',
      societyId: 'soc-a',
      hostUnitId: 'hu-a',
      level: 'city' as const,
      applicationId: null,
      programmeId: station.id,
    };
    const ok = decideAwardImport(station, st, { ...ctx, station: match });
    expect(ok.ok && ok.quotaEntry).toMatchObject({ applicationId: importedAwardId(st), level: 'city' });
    const missing = decideAwardImport(station, { ...st, hostUnitId: null, level: null }, { ...ctx, station: match });
    expect(missing.ok ? [] : missing.issues.map((i) => i.path)).toEqual(['award.hostUnitId', 'award.level', 'award.stationId']);
    expect(decideAwardImport(station, st, ctx).ok).toBe(false); // the station does not exist
    expect(decideAwardImport(station, st, { ...ctx, station: { ...match, applicationId: 'app-other' } }).ok).toBe(false);
  });
});
