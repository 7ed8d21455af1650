import { programmes } from '../../../shared/programmes';
import { inviteScopeFor } from '../../../shared/rules/invites';
import {
  bindingCities,
  citiesOf,
  cityEnables,
  cityUnitOf,
  enabledProgrammes,
  enablementChange,
  programmeOffered,
  roundOfCities,
  roundOfCity,
} from '../../../shared/rules/offer';
import {
  type CastUnitNode,
  emptyGraph,
  type OrgGraph,
  overseenUnits,
  reviewerServesCity,
  roleOverseesProgramme,
  scopeIssues,
  scopeShapeIssues,
  unitKind,
} from '../../../shared/rules/oversight';
import type { BindingScope, Role } from '../../../shared/schemas/org';

/** More than one city (issue 13, item 5): a province with two cities, each with a county. */
const units: (CastUnitNode & { programmeIds?: string[] })[] = [
  { id: 'prov', parentId: null, kind: 'province' },
  { id: 'yy', parentId: 'prov', kind: 'city', programmeIds: ['p-station', 'p-capacity'] },
  { id: 'hs', parentId: 'yy', kind: 'county' },
  { id: 'yue', parentId: 'prov', kind: 'city', programmeIds: ['p-station'] },
  { id: 'pj', parentId: 'yue', kind: 'county' },
];
const castUnits = new Map(units.map((u) => [u.id, u] as const));
const graph: OrgGraph = {
  ...emptyGraph(),
  castUnits,
  societies: new Map([
    ['soc-yy', { id: 'soc-yy', castUnitId: 'hs' }],
    ['soc-yue', { id: 'soc-yue', castUnitId: 'pj' }],
  ]),
};
const scope = (s: Partial<BindingScope>): BindingScope => ({ societyId: null, stationId: null, hostUnitId: null, castUnitId: null, ...s });
const b = (role: Role, s: Partial<BindingScope>) => ({ role, scope: scope(s) });

describe('a unit’s level and its city', () => {
  it('kind as stored; without it (graphs built before provinces) a parentless unit is a city, else a county', () => {
    expect(unitKind({ parentId: null, kind: 'province' })).toBe('province');
    expect(unitKind({ parentId: null })).toBe('city');
    expect(unitKind({ parentId: 'x' })).toBe('county');
  });
  it('a county’s city is its parent; a city its own; a province or a broken chain none', () => {
    expect(cityUnitOf('hs', castUnits)?.id).toBe('yy');
    expect(cityUnitOf('yue', castUnits)?.id).toBe('yue');
    expect(cityUnitOf('prov', castUnits)).toBeNull();
    expect(cityUnitOf('nowhere', castUnits)).toBeNull();
    expect(citiesOf(['hs', 'pj', 'yy', 'prov'], castUnits)).toEqual(['yue', 'yy']);
  });
});

describe('oversight across cities and the province', () => {
  it('city staff oversee their city and its counties, never the other city; a province its cities and their counties', () => {
    expect([...overseenUnits(b('cityStaff', { castUnitId: 'yy' }), graph)].sort()).toEqual(['hs', 'yy']);
    expect([...overseenUnits(b('provincialStaff', { castUnitId: 'prov' }), graph)].sort()).toEqual(['hs', 'pj', 'prov', 'yue', 'yy']);
  });
  it('a provincial binding on a city (not a province) oversees nothing', () => {
    expect(overseenUnits(b('provincialStaff', { castUnitId: 'yy' }), graph).size).toBe(0);
  });
  it('the provincial role reads every programme’s applications (the CAST chain)', () => {
    // the capacity programme names no talent office: the CAST chain reads it, the talent office does not
    const programme = programmes['yiyang-capacity-2018'];
    expect(roleOverseesProgramme('provincialStaff', programme)).toBe(true);
    expect(roleOverseesProgramme('talentOffice', programme)).toBe(false);
  });
  it('scope levels: provincial staff a province, a reviewer optionally a city, no county', () => {
    expect(scopeIssues('provincialStaff', scope({ castUnitId: 'prov' }), graph)).toEqual([]);
    expect(scopeIssues('provincialStaff', scope({ castUnitId: 'yy' }), graph)).toHaveLength(1);
    expect(scopeIssues('cityStaff', scope({ castUnitId: 'prov' }), graph)).toHaveLength(1);
    expect(scopeIssues('reviewer', scope({}), graph)).toEqual([]);
    expect(scopeIssues('reviewer', scope({ castUnitId: 'yue' }), graph)).toEqual([]);
    expect(scopeIssues('reviewer', scope({ castUnitId: 'pj' }), graph)).toHaveLength(1);
    expect(scopeShapeIssues('reviewer', scope({ societyId: 'soc-yy' }))).toHaveLength(1);
  });
  it('a reviewer serves the city of their binding; one bound before cities any city', () => {
    expect(reviewerServesCity([b('reviewer', { castUnitId: 'yy' })], 'yy')).toBe(true);
    expect(reviewerServesCity([b('reviewer', { castUnitId: 'yue' })], 'yy')).toBe(false);
    expect(reviewerServesCity([b('reviewer', {})], 'yue')).toBe(true);
    expect(reviewerServesCity([b('secretary', { societyId: 'soc-yy' })], 'yy')).toBe(false);
  });
  it('the cities of a caller: staff what they oversee, others what their scope names', () => {
    expect(bindingCities([b('provincialStaff', { castUnitId: 'prov' })], graph)).toEqual(['yue', 'yy']);
    expect(bindingCities([b('countyStaff', { castUnitId: 'pj' })], graph)).toEqual(['yue']);
    expect(bindingCities([b('secretary', { societyId: 'soc-yy' })], graph)).toEqual(['yy']);
    expect(bindingCities([b('reviewer', {})], graph)).toEqual([]);
  });
});

describe('a city enables programmes', () => {
  const known = ['p-station', 'p-capacity', 'p-award'];
  it('offered only where the applicant’s city enables it', () => {
    expect(programmeOffered({ id: 'p-capacity' }, ['hs'], castUnits)).toBe(true);
    expect(programmeOffered({ id: 'p-capacity' }, ['pj'], castUnits)).toBe(false);
    expect(programmeOffered({ id: 'p-station' }, ['pj'], castUnits)).toBe(true);
    expect(cityEnables({}, 'p-station')).toBe(false);
    expect(enabledProgrammes(castUnits.get('yy')!, known)).toEqual(['p-station', 'p-capacity']);
  });
  it('enablementChange: the city’s own staff; the catalogue order; unchanged when already so', () => {
    const yy = castUnits.get('yy')!;
    expect(enablementChange([b('cityStaff', { castUnitId: 'yy' })], yy, 'p-award', true, known)).toEqual({
      next: ['p-station', 'p-capacity', 'p-award'],
      changed: true,
    });
    expect(enablementChange([b('cityStaff', { castUnitId: 'yy' })], yy, 'p-station', true, known)).toEqual({
      next: ['p-station', 'p-capacity'],
      changed: false,
    });
    expect(
      enablementChange([b('cityStaff', { castUnitId: 'yy' })], { ...yy, programmeIds: ['gone', 'p-station'] }, 'p-station', false, known),
    ).toEqual({
      next: ['gone'],
      changed: true,
    });
    const refused = (x: ReturnType<typeof enablementChange>) => ('refusal' in x ? x.refusal.code : null);
    expect(refused(enablementChange([b('cityStaff', { castUnitId: 'yue' })], yy, 'p-award', true, known))).toBe('AUTH.FORBIDDEN');
    expect(refused(enablementChange([b('countyStaff', { castUnitId: 'hs' })], yy, 'p-award', true, known))).toBe('AUTH.FORBIDDEN');
    expect(refused(enablementChange([b('cityStaff', { castUnitId: 'yy' })], yy, 'nope', true, known))).toBe('NOT_FOUND');
    // a city programme at a county: refused (issue 16 item 4 — counties enable only their district's programmes)
    expect(refused(enablementChange([b('cityStaff', { castUnitId: 'hs' })], castUnits.get('hs')!, 'p-award', true, known))).toBe(
      'AUTH.FORBIDDEN',
    );
    expect(refused(enablementChange([b('cityStaff', { castUnitId: 'yy' })], null, 'p-award', true, known))).toBe('NOT_FOUND');
  });
});

describe('one round per city, programme and year', () => {
  const rounds = [
    { id: 'round-p-station-2026', castUnitId: 'yy' },
    { id: 'round-p-station-2027', castUnitId: 'yy', year: 2027 },
    { id: 'round-p-station-2028-x', castUnitId: 'yue', year: 2028 },
  ];
  it('finds the city’s own round (a round without a year by its id); a new one takes the plain id, or the city’s when taken', () => {
    expect(roundOfCity('p-station', 2026, 'yy', rounds)).toEqual({ existing: rounds[0], id: 'round-p-station-2026' });
    expect(roundOfCity('p-station', 2027, 'yy', rounds).existing).toBe(rounds[1]);
    expect(roundOfCity('p-station', 2026, 'yue', rounds)).toEqual({ existing: null, id: 'round-p-station-2026-yue' });
    expect(roundOfCity('p-station', 2028, 'yue', rounds).existing).toBe(rounds[2]);
    expect(roundOfCity('p-station', 2029, 'yue', rounds)).toEqual({ existing: null, id: 'round-p-station-2029' });
  });
  it('an applicant sees the rounds of their cities, and rounds stored before cities', () => {
    expect(roundOfCities({ castUnitId: 'yy' }, ['yy'])).toBe(true);
    expect(roundOfCities({ castUnitId: 'yy' }, ['yue'])).toBe(false);
    expect(roundOfCities({}, ['yue'])).toBe(true);
  });
});

describe('a reviewer invite carries the city', () => {
  it('the inviting city staff’s city unless one is named; other roles as asked', () => {
    const inviter = [b('cityStaff', { castUnitId: 'yue' })];
    expect(inviteScopeFor('reviewer', scope({}), inviter).castUnitId).toBe('yue');
    expect(inviteScopeFor('reviewer', scope({ castUnitId: 'yy' }), inviter).castUnitId).toBe('yy');
    expect(inviteScopeFor('secretary', scope({ societyId: 'soc-yue' }), inviter)).toEqual(scope({ societyId: 'soc-yue' }));
    expect(inviteScopeFor('reviewer', scope({}), [b('countyStaff', { castUnitId: 'pj' })]).castUnitId).toBeNull();
  });
});
