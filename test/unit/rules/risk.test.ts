import { libraryCalendar } from '../../../shared/calendar/holidays';
import { evaluateStation, projectStationFromRecords } from '../../../shared/rules/assessment';
import { type RiskInput, riskOf, riskRank, stationStatusLabels } from '../../../shared/rules/assessment/risk';
import type { StationRecord } from '../../../shared/schemas/records';
import { agreement, fullYearRecords, serviceDays, settingsWith, station } from '../assessment/fixtures';

// Station plaqued 2025-01-01 (plaque mode: the quarters are the calendar quarters of 2025), one expert e1.
const settings = settingsWith();
const st = station();
const input = (records: StationRecord[], asOf: string, status = 'active'): RiskInput => ({
  station: { status },
  evaluation: evaluateStation(st, records, 1, settings, asOf, 'all'),
  projection: projectStationFromRecords(st, records, 1, settings, asOf, 'all', libraryCalendar),
});
/** Everything of 第十二条 met for the year except the fourth quarter's days. */
const onTrack = [
  ...fullYearRecords().filter((r) => (r.kind !== 'serviceDay' && r.kind !== 'agreement') || r.date < '2025-10-01'),
  agreement('2025-09-01', 50),
];

describe('riskOf (the dashboard: red, amber, green with reasons)', () => {
  it('is green before the year starts, saying so', () => {
    expect(riskOf({ station: { status: 'active' }, evaluation: null, projection: null })).toEqual({
      risk: 'green',
      reasons: ['考核年度尚未开始'],
      isNew: false,
    });
  });

  it('is red for a station rectifying or marked for de-listing, whatever its pace', () => {
    for (const status of ['rectifying', 'delisting'] as const) {
      const r = riskOf({ station: { status }, evaluation: null, projection: null });
      expect(r).toEqual({ risk: 'red', reasons: [`服务站${stationStatusLabels[status]}`], isNew: false });
    }
  });

  it('is green on track or in the first weeks of the quarter, amber when the expert is behind the even pace', () => {
    // 15 Oct: Q4 has 2 of 10 days so far — ahead of the even pace (≈ 0.7 by now).
    const q4 = serviceDays('e1', '2025-10-09', 2);
    expect(riskOf(input([...onTrack, ...q4], '2025-10-15'))).toEqual({ risk: 'green', reasons: [], isNew: false });
    // 1 of 10 days by 15 Oct: the quarter's first weeks (under a quarter of its working days) — nobody is behind yet.
    // (The old rule extrapolated 1 day × 92/15 = 6 days and called it a miss.)
    expect(riskOf(input([...onTrack, ...serviceDays('e1', '2025-10-09', 1)], '2025-10-15')).risk).toBe('green');
    // 3 of 10 by 20 Nov: more than a day under the even pace (≈ 5.1) → amber, named as behind.
    const r = riskOf(input([...onTrack, ...serviceDays('e1', '2025-10-09', 3)], '2025-11-20'));
    expect(r.risk).toBe('amber');
    expect(r.reasons[0]).toBe('1 位专家本季度进度落后（每人 10 天）');
    // 5 of 10 by 20 Nov: on pace (within a day) → green.
    expect(riskOf(input([...onTrack, ...serviceDays('e1', '2025-10-09', 5)], '2025-11-20')).risk).toBe('green');
  });

  it('is red when an expert can no longer reach the quarter (fewer days left than needed)', () => {
    // 28 Dec: 4 of 10 days, 4 calendar days left
    const r = riskOf(input([...onTrack, ...serviceDays('e1', '2025-10-09', 4)], '2025-12-28'));
    expect(r.risk).toBe('red');
    expect(r.reasons[0]).toBe('1 位专家本季度已无法达到 10 天');
  });

  it('is red once a closed period was missed: red reasons first, a missed clause not repeated as amber', () => {
    // Q1 closed (after its 10-day backfill) with no days at all; nothing else logged either.
    expect(riskOf(input([], '2025-05-01'))).toEqual({
      risk: 'red',
      reasons: [
        '未达到：第十二条（二）专家在站工作天数',
        '1 位专家本季度进度落后（每人 10 天）',
        '按目前进度预计考核不合格（0 分）',
        '按目前进度年底达不到：第十二条（一）合作协议实施情况',
        '按目前进度年底达不到：第十二条（三）重点产业调查研究',
        '按目前进度年底达不到：第十二条（四）科技骨干培训',
        '按目前进度年底达不到：第十二条（五）技术攻关、破解难题、成果转化',
      ],
      isNew: false,
    });
  });

  it('a station awarded two days ago is 新建 and green, with nothing logged (not "0 分 不合格")', () => {
    const r = riskOf({ ...input([], '2025-01-03'), station: { status: 'active', plaqueDate: '2025-01-01' } });
    expect(r).toEqual({ risk: 'green', reasons: ['新建服务站，授牌不足 4 周，尚不评估进度'], isNew: true });
    // four weeks on, the same empty station is judged
    const later = riskOf({ ...input([], '2025-02-20'), station: { status: 'active', plaqueDate: '2025-01-01' } });
    expect(later).toMatchObject({ isNew: false, risk: 'amber' });
  });

  it('ranks red before amber before green', () => {
    expect([...(['green', 'red', 'amber'] as const)].sort((a, b) => riskRank[a] - riskRank[b])).toEqual(['red', 'amber', 'green']);
  });
});
