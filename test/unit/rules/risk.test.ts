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
  projection: projectStationFromRecords(st, records, 1, settings, asOf, 'all'),
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
    });
  });

  it('is red for a station rectifying or marked for de-listing, whatever its pace', () => {
    for (const status of ['rectifying', 'delisting'] as const) {
      const r = riskOf({ station: { status }, evaluation: null, projection: null });
      expect(r).toEqual({ risk: 'red', reasons: [`服务站${stationStatusLabels[status]}`] });
    }
  });

  it('is green on track, amber when the expert will miss the quarter at today’s pace', () => {
    // 15 Oct: Q4 has 2 of 10 days so far for 15 of 92 days elapsed — on pace for 12.
    const q4 = serviceDays('e1', '2025-10-09', 2);
    expect(riskOf(input([...onTrack, ...q4], '2025-10-15'))).toEqual({ risk: 'green', reasons: [] });
    // 1 of 10 days by 15 Oct projects to 6: short.
    const r = riskOf(input([...onTrack, ...serviceDays('e1', '2025-10-09', 1)], '2025-10-15'));
    expect(r.risk).toBe('amber');
    expect(r.reasons[0]).toBe('1 位专家本季度按目前进度达不到 10 天');
  });

  it('is red once a closed period was missed: red reasons first, a missed clause not repeated as amber', () => {
    // Q1 closed (after its 10-day backfill) with no days at all; nothing else logged either.
    expect(riskOf(input([], '2025-05-01'))).toEqual({
      risk: 'red',
      reasons: [
        '未达到：第十二条（二）专家在站工作天数',
        '按目前进度预计考核不合格（0 分）',
        '1 位专家本季度按目前进度达不到 10 天',
        '按目前进度年底达不到：第十二条（一）合作协议实施情况',
        '按目前进度年底达不到：第十二条（三）重点产业调查研究',
        '按目前进度年底达不到：第十二条（四）科技骨干培训',
        '按目前进度年底达不到：第十二条（五）技术攻关、破解难题、成果转化',
      ],
    });
  });

  it('ranks red before amber before green', () => {
    expect([...(['green', 'red', 'amber'] as const)].sort((a, b) => riskRank[a] - riskRank[b])).toEqual(['red', 'amber', 'green']);
  });
});
