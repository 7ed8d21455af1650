import { enablementChange, issuingUnitOf, programmeOffered, roundUnitFor, unitIsDistrict } from '../../../shared/rules/offer';
import type { CastUnitNode } from '../../../shared/rules/oversight';
import type { BindingScope, Role } from '../../../shared/schemas/org';

/**
 * Red team of issue 16 item 4: which county unit a district programme's `district` names
 * (shared/rules/offer.ts unitIsDistrict, through issuingUnitOf / enablementChange / roundUnitFor):
 *   - only a county of the programme's city (岳阳 may have a county of the same name);
 *   - the names staff actually type: spaces (half- or full-width) inside, the city's name before the
 *     district's (益阳市赫山区科学技术协会), 益阳 / 益阳市 for the city;
 *   - a deactivated county issues nothing.
 */
type Unit = CastUnitNode & { name: string; programmeIds?: string[]; deactivatedAt?: number | null };
const units: Unit[] = [
  { id: 'prov', name: '湖南省科协', parentId: null, kind: 'province' },
  { id: 'yy', name: '益阳市科协', parentId: 'prov', kind: 'city' },
  { id: 'hs', name: '益阳市赫山区科学技术协会', parentId: 'yy', kind: 'county', programmeIds: ['p-hs'] },
  { id: 'tj', name: '桃江县科协', parentId: 'yy', kind: 'county', programmeIds: ['p-hs'] },
  { id: 'yue', name: '岳阳市科协', parentId: 'prov', kind: 'city' },
  // another city's county carrying the district's name
  { id: 'yue-hs', name: '赫山区科协', parentId: 'yue', kind: 'county', programmeIds: ['p-hs'] },
];
const castUnits = new Map(units.map((u) => [u.id, u] as const));
const district = { id: 'p-hs', city: '益阳市', scope: { level: 'district' as const, district: '赫山区' } };
const scope = (s: Partial<BindingScope>): BindingScope => ({ societyId: null, stationId: null, hostUnitId: null, castUnitId: null, ...s });
const b = (role: Role, s: Partial<BindingScope>) => ({ role, scope: scope(s) });
const verdict = (x: ReturnType<typeof enablementChange> | ReturnType<typeof roundUnitFor>) => ('refusal' in x ? x.refusal.code : 'ok');

describe('[heshan-society-stars:scope] red team: the district a county unit stands for', () => {
  it('a county of the same name in another city is not the issuer: not offered, not enabled, no round', () => {
    expect(issuingUnitOf(district, 'yue-hs', castUnits)).toBeNull();
    expect(programmeOffered(district, ['yue-hs'], castUnits)).toBe(false);
    const yueStaff = [b('countyStaff', { castUnitId: 'yue-hs' })];
    expect(verdict(enablementChange(yueStaff, castUnits.get('yue-hs')!, 'p-hs', true, [district], castUnits))).toBe('AUTH.FORBIDDEN');
    expect(verdict(roundUnitFor(yueStaff, district, castUnits))).toBe('AUTH.FORBIDDEN');
    // 益阳's own county is (given the units, as every handler gives them)
    const hsStaff = [b('countyStaff', { castUnitId: 'hs' })];
    expect(verdict(enablementChange(hsStaff, castUnits.get('hs')!, 'p-hs', true, [district], castUnits))).toBe('ok');
    expect(roundUnitFor(hsStaff, district, castUnits)).toEqual({ unitId: 'hs' });
    // without the units a district programme of a named city cannot be placed: refused, not guessed
    expect(verdict(enablementChange(hsStaff, castUnits.get('hs')!, 'p-hs', true, [district]))).toBe('AUTH.FORBIDDEN');
  });

  it.each([
    ['益阳市赫山区科学技术协会 (the city’s name first)', '益阳市赫山区科学技术协会', true],
    ['赫山区 科协 (a space)', '赫山区 科协', true],
    ['赫山区\u3000科协 (a full-width space)', '赫山区\u3000科协', true],
    [' 赫山区科协 ', ' 赫山区科协 ', true],
    ['赫山科协 (a similar name)', '赫山科协', false],
    ['赫山区东科协 (a similar name)', '赫山区东科协', false],
    ['岳阳市赫山区科协 (another city’s name first)', '岳阳市赫山区科协', false],
  ])('%s under 益阳', (_label, name, issues) => {
    const at = new Map([...castUnits, ['hs', { ...castUnits.get('hs')!, name }]]);
    expect(issuingUnitOf(district, 'hs', at)?.id ?? null).toBe(issues ? 'hs' : null);
  });

  it('the city named as 益阳 or 益阳市 alike; the definition’s district written with 科协 alike', () => {
    expect(issuingUnitOf({ ...district, city: '益阳' }, 'hs', castUnits)?.id).toBe('hs');
    expect(issuingUnitOf({ ...district, scope: { level: 'district', district: '赫山区科协' } }, 'hs', castUnits)?.id).toBe('hs');
    expect(issuingUnitOf({ ...district, city: '岳阳市' }, 'hs', castUnits)).toBeNull();
  });

  it('a deactivated county issues nothing (a re-created unit of the same name takes over)', () => {
    const active = { ...castUnits.get('hs')!, name: '赫山区科协' };
    expect(unitIsDistrict(active, '赫山区')).toBe(true);
    const at = new Map([...castUnits, ['hs', { ...active, deactivatedAt: 1 }]]);
    expect(unitIsDistrict(at.get('hs')!, '赫山区')).toBe(false);
    expect(programmeOffered(district, ['hs'], at)).toBe(false);
    expect(verdict(roundUnitFor([b('countyStaff', { castUnitId: 'hs' })], district, at))).toBe('AUTH.FORBIDDEN');
  });
});
