import { fundingDue, stationFunding } from '../../../shared/rules/funding';
import { programme } from './fixtures';

const station = programme('yiyang-station-2023');
const city = { programmeId: station.id, level: 'city' as const, termYears: 2 };

describe('stationFunding (what a station’s programme gives for a year’s result)', () => {
  it.each<[number, boolean]>([
    [1, true],
    [1, false],
    [2, true],
  ])('year %i, passed %s: the by-level rule of the station kind', (yearIndex, passed) => {
    const due = fundingDue(station, 'station', { level: 'city', yearIndex, passed, termYears: 2 });
    expect(stationFunding(station, city, yearIndex, passed)).toEqual({
      amountYuan: due.amountYuan,
      caseByCase: due.caseByCase,
      reason: due.reason,
      clause: due.clause,
    });
  });
  it('a national station is decided case by case', () => {
    expect(stationFunding(station, { ...city, level: 'national' }, 1, true)).toMatchObject({ amountYuan: null, caseByCase: true });
  });
  it('says so when the programme is unknown', () => {
    expect(stationFunding(undefined, { ...city, programmeId: 'gone' }, 1, true)).toEqual({
      amountYuan: null,
      caseByCase: false,
      reason: '未找到项目定义 gone，无法计算资助',
      clause: '',
    });
  });
  it('falls back to the first kind when none funds by level', () => {
    const five = programme('pingdingshan-five-star');
    const due = fundingDue(five, five.kinds[0]!.id, { level: 'city', yearIndex: 1, passed: true, termYears: 2 });
    expect(stationFunding(five, { ...city, programmeId: five.id }, 1, true).reason).toBe(due.reason);
  });
});
