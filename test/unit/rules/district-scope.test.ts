import { type Programme, programmes } from '../../../shared/programmes';
import {
  bindingRoundUnits,
  describeScope,
  districtOfUnit,
  enablementChange,
  issuingUnitOf,
  programmeOffered,
  roundOfCities,
  roundUnitFor,
  roundUnitsOf,
  unitIsDistrict,
} from '../../../shared/rules/offer';
import { asIssued, type CastUnitNode, emptyGraph, type OrgGraph, overseeingStaff } from '../../../shared/rules/oversight';
import { permissionsOf } from '../../../shared/rules/permissions';
import { availableActions } from '../../../shared/rules/workflow';
import type { BindingScope, Role } from '../../../shared/schemas/org';
import { fixtureProgrammes } from '../../fixtures/programmes';

/**
 * Issue 16 item 4: a programme issued by a district's association (`scope: { level: 'district' }`) is
 * that county CAST unit's — shared/rules/offer.ts (who enables it, who is offered it, whose rounds) and
 * shared/rules/oversight.ts `asIssued` (its `cityStaff` stages are the county's staff).
 */
type Unit = CastUnitNode & { name: string; programmeIds?: string[] };
const units: Unit[] = [
  { id: 'prov', name: '湖南省科协', parentId: null, kind: 'province' },
  { id: 'yy', name: '益阳市科协', parentId: 'prov', kind: 'city', programmeIds: ['p-city'] },
  { id: 'hs', name: '赫山区科协', parentId: 'yy', kind: 'county', programmeIds: ['p-hs'] },
  { id: 'tj', name: '桃江县科学技术协会', parentId: 'yy', kind: 'county', programmeIds: ['p-hs'] },
  { id: 'yue', name: '岳阳市科协', parentId: 'prov', kind: 'city' },
  { id: 'yl', name: '岳阳楼区科协', parentId: 'yue', kind: 'county' },
];
const castUnits = new Map(units.map((u) => [u.id, u] as const));
const graph: OrgGraph = {
  ...emptyGraph(),
  castUnits,
  societies: new Map([
    ['soc-hs', { id: 'soc-hs', castUnitId: 'hs' }],
    ['soc-tj', { id: 'soc-tj', castUnitId: 'tj' }],
    ['soc-yy', { id: 'soc-yy', castUnitId: 'yy' }],
  ]),
};
const scope = (s: Partial<BindingScope>): BindingScope => ({ societyId: null, stationId: null, hostUnitId: null, castUnitId: null, ...s });
const b = (role: Role, s: Partial<BindingScope>) => ({ role, scope: scope(s) });
const district = { id: 'p-hs', scope: { level: 'district' as const, district: '赫山区' } };
const city = { id: 'p-city', scope: { level: 'city' as const } };
const known = [city, district];
const refusal = (x: ReturnType<typeof enablementChange> | ReturnType<typeof roundUnitFor>) =>
  'refusal' in x ? `${x.refusal.code} ${x.refusal.message}` : 'ok';

describe('[heshan-society-stars:scope] the issuing unit of a district programme', () => {
  it('a county unit stands for the district of its name (科协 / 科学技术协会 dropped); a city never does', () => {
    expect(districtOfUnit('赫山区科协')).toBe('赫山区');
    expect(districtOfUnit('桃江县科学技术协会')).toBe('桃江县');
    expect(unitIsDistrict(castUnits.get('hs')!, '赫山区')).toBe(true);
    expect(unitIsDistrict(castUnits.get('tj')!, '赫山区')).toBe(false);
    expect(unitIsDistrict({ ...castUnits.get('yy')!, name: '赫山区科协' }, '赫山区')).toBe(false);
    expect(unitIsDistrict({ parentId: 'yy', kind: 'county' }, '赫山区')).toBe(false);
  });

  it.each([
    ['a 赫山 applicant, district programme → 赫山', district, 'hs', 'hs'],
    ['a 桃江 applicant, district programme → none (not offered)', district, 'tj', null],
    ['an applicant registered at the city, district programme → none', district, 'yy', null],
    ['a 赫山 applicant, city programme → the city', city, 'hs', 'yy'],
    ['an applicant of the city, city programme → the city', city, 'yy', 'yy'],
    ['a programme without a scope (stored before scopes) is a city one → the city', { id: 'x', scope: undefined }, 'hs', 'yy'],
  ])('issued for %s', (_name, programme, applicantUnit, issuer) => {
    expect(issuingUnitOf(programme, applicantUnit, castUnits)?.id ?? null).toBe(issuer);
  });

  it('offered where the issuing unit enables it: 赫山’s applicants only, even where 桃江 lists the id', () => {
    expect(programmeOffered(district, ['hs'], castUnits)).toBe(true);
    expect(programmeOffered(district, ['tj'], castUnits)).toBe(false);
    expect(programmeOffered(district, ['yy'], castUnits)).toBe(false);
    expect(programmeOffered(city, ['hs'], castUnits)).toBe(true);
    expect(programmeOffered(district, ['hs'], new Map([...castUnits, ['hs', { ...castUnits.get('hs')!, programmeIds: [] }]]))).toBe(false);
  });
});

describe('[heshan-society-stars:scope] enabling and rounds follow the issuing unit', () => {
  it('enablementChange: the county of the district by its own staff; every other combination refused in Chinese', () => {
    const hs = castUnits.get('hs')!;
    expect(enablementChange([b('countyStaff', { castUnitId: 'hs' })], { ...hs, programmeIds: [] }, 'p-hs', true, known)).toEqual({
      next: ['p-hs'],
      changed: true,
    });
    expect(refusal(enablementChange([b('cityStaff', { castUnitId: 'yy' })], castUnits.get('yy')!, 'p-hs', true, known))).toBe(
      'AUTH.FORBIDDEN 该项目由赫山区科协发布，应由赫山区科协启用，市科协不能启用',
    );
    expect(refusal(enablementChange([b('countyStaff', { castUnitId: 'tj' })], castUnits.get('tj')!, 'p-hs', true, known))).toBe(
      'AUTH.FORBIDDEN 该项目由赫山区科协发布，只有赫山区科协可以启用',
    );
    expect(refusal(enablementChange([b('countyStaff', { castUnitId: 'hs' })], hs, 'p-city', true, known))).toBe(
      'AUTH.FORBIDDEN 该项目由市科协发布，应由市科协启用，县区科协不能启用',
    );
    expect(refusal(enablementChange([b('cityStaff', { castUnitId: 'yy' })], hs, 'p-hs', true, known))).toBe(
      'AUTH.FORBIDDEN 只有本区县科协工作人员可以启用或停用该项目',
    );
    expect(refusal(enablementChange([b('countyStaff', { castUnitId: 'tj' })], hs, 'p-hs', true, known))).toBe(
      'AUTH.FORBIDDEN 只有本区县科协工作人员可以启用或停用该项目',
    );
    expect(refusal(enablementChange([b('provincialStaff', { castUnitId: 'prov' })], castUnits.get('prov')!, 'p-city', true, known))).toBe(
      'NOT_FOUND 找不到该科协',
    );
  });

  it('roundUnitFor: a city programme’s round is the caller’s city’s; a district one’s its county’s, opened by that county only', () => {
    expect(roundUnitFor([b('cityStaff', { castUnitId: 'yy' })], city, castUnits)).toEqual({ unitId: 'yy' });
    expect(refusal(roundUnitFor([b('countyStaff', { castUnitId: 'hs' })], city, castUnits))).toBe(
      'AUTH.FORBIDDEN 该项目由市科协发布，申报批次由市科协开启',
    );
    expect(roundUnitFor([b('countyStaff', { castUnitId: 'hs' })], district, castUnits)).toEqual({ unitId: 'hs' });
    expect(refusal(roundUnitFor([b('cityStaff', { castUnitId: 'yy' })], district, castUnits))).toBe(
      'AUTH.FORBIDDEN 该项目由赫山区科协发布，申报批次由赫山区科协开启',
    );
    expect(refusal(roundUnitFor([b('countyStaff', { castUnitId: 'tj' })], district, castUnits))).toMatch(/^AUTH.FORBIDDEN/);
  });

  it('who sees a county’s round: that county’s applicants and staff, its city’s staff; not the other county, not another city', () => {
    const round = { castUnitId: 'hs' };
    expect(roundUnitsOf(['hs'], castUnits)).toEqual(['hs', 'yy']);
    expect(roundUnitsOf(['prov'], castUnits)).toEqual([]);
    const sees = (bs: ReturnType<typeof b>[]) => roundOfCities(round, bindingRoundUnits(bs, graph));
    expect(sees([b('secretary', { societyId: 'soc-hs' })])).toBe(true);
    expect(sees([b('countyStaff', { castUnitId: 'hs' })])).toBe(true);
    expect(sees([b('cityStaff', { castUnitId: 'yy' })])).toBe(true);
    expect(sees([b('provincialStaff', { castUnitId: 'prov' })])).toBe(true);
    expect(sees([b('secretary', { societyId: 'soc-tj' })])).toBe(false);
    expect(sees([b('secretary', { societyId: 'soc-yy' })])).toBe(false);
    expect(sees([b('countyStaff', { castUnitId: 'tj' })])).toBe(false);
    expect(sees([b('cityStaff', { castUnitId: 'yue' })])).toBe(false);
    // a city round is still seen by everyone of the city, a county's staff included
    expect(roundOfCities({ castUnitId: 'yy' }, bindingRoundUnits([b('countyStaff', { castUnitId: 'tj' })], graph))).toBe(true);
  });
});

describe('[heshan-society-stars:scope] the stages of a district programme are the issuing county’s', () => {
  const sixth = fixtureProgrammes.find((p) => p.id === 'heshan-society-stars')!;
  const run = asIssued(sixth);
  const app = { castUnitId: 'hs', kindId: 'evaluation', status: 'in_review' as const, stageId: 'formal-review', reviewerIds: [] };

  it('asIssued: `cityStaff` stages, publicity and award become the county’s; a city programme is returned as it is', () => {
    expect(sixth.scope).toEqual({ level: 'district', district: '赫山区' });
    expect(sixth.stages.map((s) => s.role)).toEqual(['cityStaff', 'cityStaff']);
    expect(run.stages.map((s) => s.role)).toEqual(['countyStaff', 'countyStaff']);
    expect([run.publicity?.role, run.award.role]).toEqual(['countyStaff', 'countyStaff']);
    for (const p of Object.values(programmes)) expect(asIssued(p)).toBe(p);
    // other roles are left as named
    const withTalent = { ...sixth, stages: [{ ...sixth.stages[0]!, role: 'talentOffice' as const }] } as Programme;
    expect(asIssued(withTalent).stages[0]!.role).toBe('talentOffice');
  });

  it('who may pass its first stage: 赫山’s county staff; the city oversees (reads) but may not; 桃江 oversees nothing', () => {
    const state = { status: app.status, stageId: app.stageId };
    expect(availableActions(run, 'evaluation', state, 'countyStaff')).toContain('pass');
    expect(availableActions(run, 'evaluation', state, 'cityStaff')).not.toContain('pass');
    // the definition as written would have given it to the city
    expect(availableActions(sixth, 'evaluation', state, 'cityStaff')).toContain('pass');
    const staffOf = (bs: ReturnType<typeof b>[]) => overseeingStaff(bs, app, run, graph).map((x) => x.role);
    expect(staffOf([b('countyStaff', { castUnitId: 'hs' })])).toEqual(['countyStaff']);
    expect(staffOf([b('cityStaff', { castUnitId: 'yy' })])).toEqual(['cityStaff']);
    expect(staffOf([b('countyStaff', { castUnitId: 'tj' })])).toEqual([]);
    const can = (role: Role) => permissionsOf(run, app, { personId: 'x', bindings: [] }, [{ role }], null);
    expect([can('countyStaff').pass, can('countyStaff').review]).toEqual([true, true]);
    expect([can('cityStaff').pass, can('cityStaff').review, can('cityStaff').exportRound]).toEqual([false, false, true]);
  });

  it('described in Chinese for staff: who enables, who is offered, who runs the stages, who reads', () => {
    expect(describeScope(sixth)).toBe(
      '区县级（赫山区）：由赫山区科协启用并开启申报批次；仅向赫山区所辖的学会和建站单位开放；定义中由“市科协”办理的环节、公示和认定由赫山区科协工作人员办理；益阳市科协可查阅，不办理；评审专家仍为市科协的专家',
    );
    expect(describeScope(programmes['yiyang-station-2023'])).toBe(
      '市级：由益阳市科协启用并开启申报批次、办理各审核环节；向本市（含所辖县市区）的学会和建站单位开放',
    );
  });
});
