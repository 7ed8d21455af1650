import { type Programme, programmes } from '../../../shared/programmes';
import {
  bootstrapCity,
  currentExpertIds,
  defaultCastUnit,
  duplicateOf,
  maskMobile,
  mayWriteCastUnit,
  mayWriteUnits,
  nameKey,
  naturalKeys,
  nextTeam,
  PLACEHOLDER_CITY,
  personUnits,
  roundDateIssues,
  roundIdOf,
  roundLimitIssues,
  sameTeam,
  stationDateIssues,
  teamOf,
} from '../../../shared/rules/org';
import type { OrgGraph } from '../../../shared/rules/oversight';
import type { BindingScope, Role } from '../../../shared/schemas/org';

const scope = (s: Partial<BindingScope>): BindingScope => ({ societyId: null, stationId: null, hostUnitId: null, castUnitId: null, ...s });
const b = (role: Role, castUnitId: string | null) => ({ role, scope: scope({ castUnitId }) });
const graph: OrgGraph = {
  castUnits: new Map([
    ['city', { id: 'city', parentId: null }],
    ['c1', { id: 'c1', parentId: 'city' }],
    ['c2', { id: 'c2', parentId: 'city' }],
    ['city2', { id: 'city2', parentId: null }],
  ]),
  societies: new Map([['s1', { id: 's1', castUnitId: 'c1' }]]),
  hostUnits: new Map([['h2', { id: 'h2', castUnitId: 'c2' }]]),
  stations: new Map(),
};

describe('who writes what', () => {
  it('every unit named must be overseen, in a writer role', () => {
    expect(mayWriteUnits([b('countyStaff', 'c1')], ['c1'], graph, ['cityStaff', 'countyStaff'])).toBe(true);
    expect(mayWriteUnits([b('countyStaff', 'c1')], ['c1', 'c2'], graph, ['cityStaff', 'countyStaff'])).toBe(false);
    expect(mayWriteUnits([b('cityStaff', 'city')], ['c1', 'c2', 'city'], graph, ['cityStaff'])).toBe(true);
    expect(mayWriteUnits([b('cityStaff', 'city')], ['city2'], graph, ['cityStaff'])).toBe(false);
    expect(mayWriteUnits([b('talentOffice', 'city')], ['c1'], graph, ['cityStaff'])).toBe(false);
    expect(mayWriteUnits([b('cityStaff', 'city')], [], graph, ['cityStaff'])).toBe(false);
  });
  it('a county is written by its city’s staff, a city by its own', () => {
    expect(mayWriteCastUnit([b('cityStaff', 'city')], { id: 'c1', kind: 'county', parentId: 'city' })).toBe(true);
    expect(mayWriteCastUnit([b('cityStaff', 'city2')], { id: 'c1', kind: 'county', parentId: 'city' })).toBe(false);
    expect(mayWriteCastUnit([b('cityStaff', 'city')], { id: 'city', kind: 'city', parentId: null })).toBe(true);
    expect(mayWriteCastUnit([b('countyStaff', 'c1')], { id: 'c1', kind: 'county', parentId: 'city' })).toBe(false);
  });
  it('defaults to the caller’s own unit in the first writer role held', () => {
    expect(defaultCastUnit([b('countyStaff', 'c1'), b('cityStaff', 'city')], ['cityStaff', 'countyStaff'])).toBe('city');
    expect(defaultCastUnit([b('countyStaff', 'c1')], ['cityStaff', 'countyStaff'])).toBe('c1');
    expect(defaultCastUnit([b('expert', null)], ['cityStaff'])).toBeNull();
  });
});

describe('natural keys', () => {
  it('names compare without spaces, full-width forms and case', () => {
    expect(nameKey(' 益阳市　农学会 ')).toBe(nameKey('益阳市农学会'));
    expect(nameKey('ＡＢＣ学会')).toBe(nameKey('abc学会'));
  });
  it('a society by credit code and by name within its unit; a person by mobile only; a CAST unit by name', () => {
    expect(naturalKeys('society', { name: '甲', castUnitId: 'c1', creditCode: '51430900mj0000001x' })).toEqual([
      'credit:51430900MJ0000001X',
      `name:c1:${nameKey('甲')}`,
    ]);
    expect(naturalKeys('person', { name: '张伟' })).toEqual([]);
    expect(naturalKeys('person', { name: '张伟', mobile: '13900001111' })).toEqual(['mobile:13900001111']);
    expect(naturalKeys('castUnit', { name: '赫山区科协' })).toEqual([`name:${nameKey('赫山区科协')}`]);
    expect(naturalKeys('castUnit', {})).toEqual([]);
    const existing = [
      { id: 'a', name: '甲学会', castUnitId: 'c1' },
      { id: 'b', name: '乙学会', castUnitId: 'c2' },
    ];
    expect(duplicateOf('society', naturalKeys('society', { name: '甲 学会', castUnitId: 'c1' }), existing, null)?.id).toBe('a');
    expect(duplicateOf('society', naturalKeys('society', { name: '甲学会', castUnitId: 'c2' }), existing, null)).toBeNull();
    expect(duplicateOf('society', naturalKeys('society', { name: '甲学会', castUnitId: 'c1' }), existing, 'a')).toBeNull();
    expect(duplicateOf('person', [], existing, null)).toBeNull();
  });
  it('a person’s units: their own, their society’s, their host unit’s; mobiles are masked', () => {
    expect(personUnits({ castUnitId: 'city', societyId: 's1', hostUnitId: 'h2' }, graph)).toEqual(['c1', 'c2', 'city']);
    expect(personUnits({ castUnitId: undefined, societyId: null, hostUnitId: null }, graph)).toEqual([]);
    expect(maskMobile('13912345678')).toBe('139****5678');
    expect(maskMobile(undefined)).toBeNull();
  });
});

describe('team history (nextTeam)', () => {
  const today = '2026-11-20';
  const legacy = teamOf({ expertIds: ['a', 'b'], plaqueDate: '2025-01-01' });
  it('a station never edited: its expertIds from the plaque date', () => {
    expect(legacy).toEqual([
      { personId: 'a', from: '2025-01-01', to: null },
      { personId: 'b', from: '2025-01-01', to: null },
    ]);
    expect(teamOf({ team: [], expertIds: ['a'], plaqueDate: '2025-01-01' })).toEqual([]);
  });
  it('not listed: closed (at leftOn, never before its start); listed new: opened; corrections of a start', () => {
    const r = nextTeam(legacy, [{ personId: 'a', from: '2025-02-01' }, { personId: 'c' }], today, '2026-10-01');
    expect(r.issues).toEqual([]);
    expect(r.team).toEqual([
      { personId: 'a', from: '2025-02-01', to: null },
      { personId: 'b', from: '2025-01-01', to: '2026-10-01' },
      { personId: 'c', from: today, to: null },
    ]);
    expect(currentExpertIds(r.team)).toEqual(['a', 'c']);
    const late = nextTeam([{ personId: 'x', from: '2026-11-01', to: null }], [], today, '2026-10-01');
    expect(late.team).toEqual([{ personId: 'x', from: '2026-11-01', to: '2026-11-01' }]);
  });
  it('a closed period in the request: recorded once (the same request again changes nothing); `to` closes an open one', () => {
    const once = nextTeam([], [{ personId: 'a', from: '2024-01-01', to: '2024-12-31' }], today);
    const twice = nextTeam(once.team, [{ personId: 'a', from: '2024-01-01', to: '2024-12-31' }], today);
    expect(sameTeam(once.team, twice.team)).toBe(true);
    const reopened = nextTeam(once.team, [{ personId: 'a', from: '2024-01-01', to: null }], today);
    expect(reopened.team).toEqual([{ personId: 'a', from: '2024-01-01', to: null }]);
    const closed = nextTeam(legacy, [{ personId: 'a', to: '2026-11-01' }, { personId: 'b' }], today);
    expect(closed.team[0]).toEqual({ personId: 'a', from: '2025-01-01', to: '2026-11-01' });
    expect(sameTeam(closed.team, legacy)).toBe(false);
    expect(sameTeam(legacy, legacy.slice(0, 1))).toBe(false);
  });
  it('refuses future dates, an end before a start, a person twice, an overlap, a future leftOn', () => {
    const r = nextTeam(
      legacy,
      [
        { personId: 'a', from: '2027-01-01' },
        { personId: 'b', from: '2026-01-10', to: '2026-01-01' },
        { personId: 'b' },
        { personId: 'c', to: '2027-01-01' },
      ],
      today,
    );
    expect(r.issues.map((i) => i.path)).toEqual(['experts.0.from', 'experts.1.to', 'experts.2.personId', 'experts.3.to']);
    expect(nextTeam(legacy, [], today, '2027-01-01').issues.map((i) => i.path)).toEqual(['leftOn']);
    const overlap = nextTeam([{ personId: 'a', from: '2025-01-01', to: '2025-12-31' }], [{ personId: 'a', from: '2025-06-01' }], today);
    expect(overlap.issues).toEqual([{ path: 'experts.0.from', message: '与该专家已记录的在站时间重叠' }]);
  });
});

describe('stations and rounds', () => {
  it('a go-live date is not before the plaque date', () => {
    expect(stationDateIssues({ plaqueDate: '2025-01-01', goLiveDate: '2024-12-31' })).toHaveLength(1);
    expect(stationDateIssues({ plaqueDate: '2025-01-01', goLiveDate: '2025-01-01' })).toEqual([]);
    expect(stationDateIssues({ plaqueDate: '2025-01-01' })).toEqual([]);
  });
  it('a round’s limits: the programme’s open per-round limits, all of them, and no fixed one', () => {
    const p = programmes['yiyang-station-2023'];
    expect(roundLimitIssues(p, {})).toEqual([]);
    expect(roundLimitIssues(p, { 'city-per-round': 6, nonsense: 1 }).map((i) => i.message)).toEqual([
      '该上限由政策规定，不能按批次修改',
      '该项目没有这一上限',
    ]);
    const open: Pick<Programme, 'limits'> = {
      limits: [{ type: 'perRound', id: 'award-quota', clause: '第五条', label: '每批次奖励名额', kindId: 'award', max: null }],
    };
    expect(roundLimitIssues(open, {})).toEqual([{ path: 'round.limits.award-quota', message: '请填写本批次的名额' }]);
    expect(roundLimitIssues(open, { 'award-quota': 3 })).toEqual([]);
    expect(roundIdOf('p', 2027)).toBe('round-p-2027');
  });
  it('a round opens in its year and closes after it opens', () => {
    expect(roundDateIssues({ year: 2027, opensOn: '2027-03-01', closesOn: '2027-04-01' })).toEqual([]);
    expect(roundDateIssues({ year: 2027, opensOn: '2026-03-01', closesOn: '2026-02-01' }).map((i) => i.path)).toEqual([
      'round.opensOn',
      'round.closesOn',
    ]);
  });
});

describe('the bootstrap city', () => {
  const units = [
    { id: 'cast-yiyang', name: '益阳市科协', kind: 'city' as const },
    { id: 'cast-heshan', name: '益阳市科协', kind: 'county' as const },
  ];
  it('an existing city by name (spaces aside), else a new one under the derived id, else the placeholder name', () => {
    expect(bootstrapCity(units, ' 益阳市 科协', 'cu_x')).toEqual({ id: 'cast-yiyang', name: '益阳市科协', exists: true });
    expect(bootstrapCity(units, '常德市科协', 'cu_x')).toEqual({ id: 'cu_x', name: '常德市科协', exists: false });
    expect(bootstrapCity([...units, { id: 'cu_x', name: '改过名', kind: 'city' }], '常德市科协', 'cu_x')).toMatchObject({
      id: 'cu_x',
      exists: true,
    });
    expect(bootstrapCity(units, '', 'cu_y')).toEqual({ id: 'cu_y', name: PLACEHOLDER_CITY, exists: false });
  });
});
