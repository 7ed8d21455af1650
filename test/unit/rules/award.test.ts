import { approvalDateOf, makesStation, plaqueDateIssue, stationAwardRefusal, stationFromAward } from '../../../shared/rules/award';
import type { Application } from '../../../shared/schemas/application';
import type { StationLevel } from '../../../shared/schemas/org';
import { chinaTime, programme } from './fixtures';

const station = programme('yiyang-station-2023');
const stationKind = station.kinds.find((k) => k.id === 'station')!;
const wuhan = programme('wuhan-award');
const awardKind = wuhan.kinds[0]!;
const entry = (toStatus: Application['status'], at: number): Application['history'][number] => ({
  at,
  actorId: 'p1',
  action: toStatus === 'approved' ? 'pass' : 'submit',
  fromStatus: null,
  toStatus,
  stageId: null,
  note: '',
});

describe('approvalDateOf', () => {
  it('is the China date of the last step into approved, or null', () => {
    // 23:30 on 1 March in China is still 1 March there (15:30 UTC)
    const history = [
      entry('in_review', chinaTime('2025-01-10')),
      entry('approved', chinaTime('2025-02-01')),
      entry('approved', chinaTime('2025-03-01', '23:30')),
    ];
    expect(approvalDateOf(history)).toBe('2025-03-01');
    expect(approvalDateOf([entry('in_review', chinaTime('2025-01-10'))])).toBeNull();
  });
});

describe('plaqueDateIssue (授牌日期)', () => {
  it.each<[string, string, string | null, string | null]>([
    ['today, approved earlier', '2025-05-01', '2025-04-01', null],
    ['the approval day', '2025-04-01', '2025-04-01', null],
    ['the day before the approval', '2025-03-31', '2025-04-01', '授牌日期不能早于批准日期'],
    ['tomorrow', '2025-05-02', '2025-04-01', '授牌日期不能晚于今天'],
    ['no approval on record', '2020-01-01', null, null],
  ])('%s', (_name, plaqueDate, approvedOn, issue) => {
    expect(plaqueDateIssue(plaqueDate, '2025-05-01', approvedOn)).toBe(issue);
  });
});

describe('what a station award needs', () => {
  const both = { type: 'hostUnit' as const, societyId: 'soc1', hostUnitId: 'hu1' };
  it.each<[string, boolean, StationLevel | null, Application['applicant'], boolean]>([
    ['a station with level, society and host unit', true, 'city', both, false],
    ['a station without a level', true, null, both, true],
    ['a station without a society', true, 'city', { ...both, societyId: null }, true],
    ['a station without a host unit', true, 'city', { ...both, hostUnitId: null }, true],
    ['an award that makes no station', false, null, { type: 'society', societyId: 'soc1', hostUnitId: null }, false],
  ])('%s', (_name, isStation, level, applicant, refused) => {
    const kind = isStation ? stationKind : awardKind;
    expect(makesStation(kind)).toBe(isStation);
    expect(stationAwardRefusal(kind, level, applicant)).toBe(refused ? '申报缺少级别、建站学会或建站单位，不能授牌' : null);
  });
});

describe('stationFromAward (the station the award creates)', () => {
  const app = {
    id: 'ap1',
    programmeId: station.id,
    values: { stationName: ' 益阳茶业学会服务站 ', industryField: '茶业' },
    title: '标题',
    applicant: { type: 'hostUnit' as const, societyId: 'soc1', hostUnitId: 'hu1' },
    castUnitId: 'cast-yy',
  };
  it('names it from the form, starts it on the plaque date, active with no experts yet', () => {
    const s = stationFromAward(station, app, '2025-05-01', 'city');
    expect(s).toMatchObject({
      id: 'st_ap1',
      name: '益阳茶业学会服务站',
      level: 'city',
      societyId: 'soc1',
      hostUnitId: 'hu1',
      castUnitId: 'cast-yy',
      plaqueDate: '2025-05-01',
      termYears: station.cycle.cycleYears ?? 2,
      expertIds: [],
      status: 'active',
      applicationId: 'ap1',
    });
  });
  it('falls back to the title, then a generic name; an unknown industry field is 其他; two years without a cycle', () => {
    const titled = stationFromAward(
      { cycle: { ...station.cycle, cycleYears: null } },
      { ...app, values: { industryField: '不存在' } },
      '2025-05-01',
      'city',
    );
    expect(titled).toMatchObject({ name: '标题', industryField: '其他', termYears: 2 });
    expect(stationFromAward(station, { ...app, values: {}, title: '' }, '2025-05-01', 'city').name).toBe('学会服务站');
  });
});
