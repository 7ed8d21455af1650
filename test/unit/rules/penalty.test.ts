import { activeBans, banLastDay, imposePenalty, penaltyConsequences } from '../../../shared/rules/penalty';
import { parseTag, programme } from './fixtures';

describe('what each penalty does', () => {
  it.each([
    ['[yiyang-station-2023:penalty.assessment-failed]', ['通报批评', '责令限期整改'], null],
    ['[yiyang-station-2023:penalty.term-end-failed]', ['摘牌', '收回已拨付的资金'], null],
    ['[yiyang-station-2023:penalty.fund-misuse]', ['收回已拨付的资金', '追究相关人员责任'], null],
    ['[yiyang-capacity-2018:penalty.fraud]', ['收回已拨付的资金', '连续 3 年取消申报资格'], '2028-02-29'],
    ['[yiyang-capacity-2018:penalty.acceptance-failed]', ['收回已拨付的资金', '连续 2 年取消申报资格'], '2027-02-28'],
    ['[yiyang-capacity-2018:penalty.unspent-after-year]', ['视情况部分或全部退还所拨经费'], null],
    ['[yiyang-capacity-2018:penalty.fund-violation]', ['追回相应的专项资金', '追究相关人员责任'], null],
    ['[wuhan-award:penalty.fraud]', ['撤销资格（取消荣誉称号）', '收回已拨付的资金', '连续 3 年取消申报资格'], '2028-02-29'],
    ['[wuhan-award:penalty.assessment-failed]', ['停止资金支持'], null],
    ['[pingdingshan-five-star:penalty.yearly-check-failed]', ['撤销资格（取消荣誉称号）', '停止资金支持'], null],
    ['[weihai-2025:penalty.unfinished]', ['1 年内取消申报资格', '追究相关人员责任'], '2026-02-28'],
  ] as const)('%s → %j, ban to %s when imposed on 2025-03-01', (tag, consequences, lastDay) => {
    const { programmeId, ruleId } = parseTag(tag);
    const outcome = imposePenalty(programme(programmeId), ruleId.replace('penalty.', ''), '2025-03-01');
    expect(outcome?.consequences).toEqual(consequences);
    expect(outcome?.banLastDay).toBe(lastDay);
  });
  it('an unknown penalty has no outcome', () => {
    expect(imposePenalty(programme('wuhan-award'), 'speeding', '2025-03-01')).toBeUndefined();
  });
});

describe('ban windows', () => {
  const fraud = programme('yiyang-capacity-2018').penalties.find((p) => p.id === 'fraud')!;
  it('run n years from the decision, the day before the anniversary included', () => {
    expect(banLastDay(fraud, '2024-02-29')).toBe('2027-02-27');
    expect(banLastDay(fraud, '2025-01-01')).toBe('2027-12-31');
  });
  it('are active from the decision day through the last day', () => {
    const p = programme('yiyang-capacity-2018');
    const sanctions = [{ penaltyId: 'fraud', imposedOn: '2025-01-01' }];
    expect(activeBans(p, sanctions, '2024-12-31')).toEqual([]);
    expect(activeBans(p, sanctions, '2025-01-01')).toHaveLength(1);
    expect(activeBans(p, sanctions, '2027-12-31')[0]?.lastDay).toBe('2027-12-31');
    expect(activeBans(p, sanctions, '2028-01-01')).toEqual([]);
  });
  it('ignore penalties without a ban, unknown penalties and other programmes', () => {
    const p = programme('yiyang-capacity-2018');
    expect(
      activeBans(
        p,
        [
          { penaltyId: 'unspent-after-year', imposedOn: '2025-01-01' },
          { penaltyId: 'nonsense', imposedOn: '2025-01-01' },
          { penaltyId: 'fraud', imposedOn: '2025-01-01', programmeId: 'wuhan-award' },
        ],
        '2025-06-01',
      ),
    ).toEqual([]);
    expect(
      activeBans(p, [{ penaltyId: 'fraud', imposedOn: '2025-01-01', programmeId: 'yiyang-capacity-2018' }], '2025-06-01'),
    ).toHaveLength(1);
  });
  it('lists consequences in notice order', () => {
    expect(
      penaltyConsequences({
        ...fraud,
        publicCriticism: true,
        rectification: true,
        revokeQualification: true,
        removePlaque: true,
        stopFunding: true,
        accountability: true,
      }),
    ).toEqual([
      '通报批评',
      '责令限期整改',
      '撤销资格（取消荣誉称号）',
      '摘牌',
      '停止资金支持',
      '收回已拨付的资金',
      '连续 3 年取消申报资格',
      '追究相关人员责任',
    ]);
  });
});
