import fc from 'fast-check';
import { programmes } from '../../../shared/programmes';
import {
  bindingActs,
  inviteRefusal,
  mayManageBinding,
  type OrgGraph,
  overseeingStaff,
  overseenUnits,
  overseesScope,
  roleOverseesProgramme,
  scopeIssues,
  unitsOfScope,
} from '../../../shared/rules/oversight';
import type { BindingScope, Role } from '../../../shared/schemas/org';

/**
 * The oversight model (shared/rules/oversight.ts) over a small city: 益阳 with counties 赫山 and
 * 桃江, plus a second city 长沙 with one county (so "the city and its counties" has an outside).
 */
const castUnits = new Map(
  [
    { id: 'yy', parentId: null },
    { id: 'hs', parentId: 'yy' },
    { id: 'tj', parentId: 'yy' },
    { id: 'cs', parentId: null },
    { id: 'cs-yl', parentId: 'cs' },
  ].map((u) => [u.id, u]),
);
const counties = ['hs', 'tj', 'cs-yl'] as const;
const cityOf: Record<string, string> = { hs: 'yy', tj: 'yy', 'cs-yl': 'cs', yy: 'yy', cs: 'cs' };
const societies = new Map(
  [
    { id: 'soc-hs', castUnitId: 'hs' },
    { id: 'soc-tj', castUnitId: 'tj' },
    { id: 'soc-yy', castUnitId: 'yy' },
    { id: 'soc-cs', castUnitId: 'cs-yl' },
  ].map((s) => [s.id, s]),
);
const hostUnits = new Map(
  [
    { id: 'hu-hs', castUnitId: 'hs' },
    { id: 'hu-tj', castUnitId: 'tj' },
    { id: 'hu-cs', castUnitId: 'cs-yl' },
  ].map((s) => [s.id, s]),
);
const stations = new Map(
  [
    { id: 'st-hs', castUnitId: 'hs', societyId: 'soc-hs', hostUnitId: 'hu-hs' },
    { id: 'st-tj', castUnitId: 'tj', societyId: 'soc-tj', hostUnitId: 'hu-tj' },
    // a 赫山 society's station hosted in 桃江: it touches both counties
    { id: 'st-cross', castUnitId: 'tj', societyId: 'soc-hs', hostUnitId: 'hu-tj' },
    { id: 'st-cs', castUnitId: 'cs-yl', societyId: 'soc-cs', hostUnitId: 'hu-cs' },
  ].map((s) => [s.id, s]),
);
const graph: OrgGraph = { castUnits, societies, hostUnits, stations };

const none: BindingScope = { societyId: null, stationId: null, hostUnitId: null, castUnitId: null };
const scope = (s: Partial<BindingScope>): BindingScope => ({ ...none, ...s });
const staff = (role: Role, castUnitId: string) => ({ role, scope: scope({ castUnitId }) });
const county = (id: string) => staff('countyStaff', id);
const city = (id: string) => staff('cityStaff', id);

describe('which CAST units a binding oversees', () => {
  it.each<[Role, string, string[]]>([
    ['countyStaff', 'hs', ['hs']],
    ['cityStaff', 'yy', ['hs', 'tj', 'yy']],
    ['talentOffice', 'yy', ['hs', 'tj', 'yy']],
    ['cityStaff', 'cs', ['cs', 'cs-yl']],
    ['secretary', 'hs', []],
    ['reviewer', 'yy', []],
  ])('%s of %s oversees %j', (role, unit, expected) => {
    expect([...overseenUnits(staff(role, unit), graph)].sort()).toEqual(expected);
  });
});

describe('the units a scope names', () => {
  it.each<[Partial<BindingScope>, string[], string[]]>([
    [{ stationId: 'st-hs' }, ['hs'], []],
    [{ stationId: 'st-cross' }, ['hs', 'tj'], []],
    [{ societyId: 'soc-tj' }, ['tj'], []],
    [{ hostUnitId: 'hu-tj' }, ['tj'], []],
    [{ castUnitId: 'yy' }, ['yy'], []],
    [{ stationId: 'st-hs', societyId: 'soc-tj' }, ['hs', 'tj'], []],
    [{ stationId: 'st-hs', hostUnitId: 'hu-tj' }, ['hs', 'tj'], []],
    [{ stationId: 'st-nope' }, [], ['stationId']],
    [{}, [], []],
  ])('%j → %j (missing %j)', (s, units, missing) => {
    expect(unitsOfScope(s, graph)).toEqual({ units, missing });
  });
});

describe('a coherent scope per role', () => {
  it.each<[Role, Partial<BindingScope>, string[]]>([
    ['secretary', { societyId: 'soc-hs' }, []],
    ['secretary', { societyId: 'soc-tj', stationId: 'st-hs' }, ['scope.stationId']],
    ['secretary', { stationId: 'st-hs', hostUnitId: 'hu-tj' }, ['scope.stationId', 'scope.hostUnitId', 'scope.societyId']],
    ['secretary', {}, ['scope.societyId']],
    ['secretary', { societyId: 'soc-nope' }, ['scope.societyId']],
    ['expert', { stationId: 'st-hs' }, []],
    ['expert', { stationId: 'st-hs', societyId: 'soc-hs' }, ['scope.societyId']],
    ['hostContact', { stationId: 'st-hs' }, []],
    ['hostContact', { hostUnitId: 'hu-hs' }, []],
    ['hostContact', { hostUnitId: 'hu-hs', stationId: 'st-hs' }, []],
    ['hostContact', { hostUnitId: 'hu-tj', stationId: 'st-hs' }, ['scope.stationId']],
    ['hostContact', { societyId: 'soc-hs', stationId: 'st-hs' }, ['scope.societyId']],
    ['hostContact', {}, ['scope.hostUnitId']],
    ['countyStaff', { castUnitId: 'hs' }, []],
    ['countyStaff', { castUnitId: 'yy' }, ['scope.castUnitId']],
    ['cityStaff', { castUnitId: 'hs' }, ['scope.castUnitId']],
    ['talentOffice', { castUnitId: 'yy', societyId: 'soc-yy' }, ['scope.societyId']],
    ['reviewer', {}, []],
    ['reviewer', { stationId: 'st-hs' }, ['scope.stationId']],
  ])('%s %j → issues at %j', (role, s, paths) => {
    expect(scopeIssues(role, scope(s), graph).map((i) => i.path)).toEqual(paths);
  });

  // what the kernel applies to every stored binding of a caller: a host contact's station of another
  // county's host unit (minted before the fix) acts for nothing — the shape alone let it act for both
  it.each<[Role, Partial<BindingScope>, boolean]>([
    ['hostContact', { hostUnitId: 'hu-hs', stationId: 'st-hs' }, true],
    ['hostContact', { hostUnitId: 'hu-tj', stationId: 'st-hs' }, false],
    ['hostContact', { hostUnitId: 'hu-hs', stationId: 'st-gone' }, false],
    ['hostContact', { stationId: 'st-cross' }, true],
    ['secretary', { societyId: 'soc-tj', stationId: 'st-hs' }, false],
    ['countyStaff', { castUnitId: 'hs' }, true],
  ])('a stored %s binding %j acts: %s', (role, s, acts) => {
    expect(bindingActs({ role, scope: scope(s) }, stations)).toBe(acts);
  });
});

describe('invites (finding 1)', () => {
  const heshan = { personId: 'p-hs', bindings: [county('hs')] };
  it('refuses a secretary scope mixing the inviter’s station with another county’s society or host unit', () => {
    for (const extra of [{ societyId: 'soc-tj' }, { hostUnitId: 'hu-tj' }]) {
      const r = inviteRefusal(heshan, { role: 'secretary', scope: scope({ stationId: 'st-hs', ...extra }), personId: null }, graph);
      expect(r?.code).toBe('INPUT.INVALID');
    }
  });
  it('refuses a coherent scope touching a unit the inviter does not oversee — also when naming themselves', () => {
    expect(inviteRefusal(heshan, { role: 'expert', scope: scope({ stationId: 'st-cross' }), personId: null }, graph)?.code).toBe(
      'AUTH.FORBIDDEN',
    );
    const self = inviteRefusal(heshan, { role: 'secretary', scope: scope({ societyId: 'soc-tj' }), personId: 'p-hs' }, graph);
    expect(self).toEqual({ code: 'AUTH.FORBIDDEN', message: '不能为自己绑定所辖范围以外的身份' });
    expect(inviteRefusal(heshan, { role: 'secretary', scope: scope({ societyId: 'soc-hs' }), personId: 'p-hs' }, graph)).toBeNull();
  });
  it('city-only roles need city staff of that city', () => {
    expect(inviteRefusal(heshan, { role: 'reviewer', scope: none, personId: null }, graph)?.code).toBe('AUTH.FORBIDDEN');
    const yy = { personId: 'p-yy', bindings: [city('yy')] };
    expect(inviteRefusal(yy, { role: 'reviewer', scope: none, personId: null }, graph)).toBeNull();
    expect(inviteRefusal(yy, { role: 'countyStaff', scope: scope({ castUnitId: 'cs-yl' }), personId: null }, graph)?.code).toBe(
      'AUTH.FORBIDDEN',
    );
  });
  it('an existing person with a binding elsewhere is the other county’s to invite', () => {
    const held = [{ role: 'secretary' as Role, scope: scope({ societyId: 'soc-tj' }) }];
    const r = inviteRefusal(heshan, { role: 'expert', scope: scope({ stationId: 'st-hs' }), personId: 'p-x' }, graph, held);
    expect(r?.code).toBe('AUTH.FORBIDDEN');
  });
});

describe('properties (fast-check, fixed seed)', () => {
  const unitField = fc.oneof(
    fc.record({ stationId: fc.constantFrom(...stations.keys()) }),
    fc.record({ societyId: fc.constantFrom(...societies.keys()) }),
    fc.record({ hostUnitId: fc.constantFrom(...hostUnits.keys()) }),
    fc.record({ castUnitId: fc.constantFrom(...castUnits.keys()) }),
  );
  const scopes = fc.array(unitField, { minLength: 1, maxLength: 4 }).map((parts) => scope(Object.assign({}, ...parts)));
  const countyOf = (u: string) => (castUnits.get(u)!.parentId === null ? null : u);
  const params = { seed: 20261128, numRuns: 400 };

  it('a scope touching two counties is overseen by the staff of neither county alone, by city staff of their city only', () => {
    let spanning = 0;
    fc.assert(
      fc.property(scopes, (s) => {
        const { units } = unitsOfScope(s, graph);
        const touched = new Set(units.map(countyOf).filter((c): c is string => c !== null));
        for (const c of counties) {
          const alone = overseesScope([county(c)], s, graph);
          expect(alone).toBe(units.every((u) => u === c));
        }
        if (touched.size >= 2) {
          spanning++;
          for (const c of counties) expect(overseesScope([county(c)], s, graph)).toBe(false);
        }
        for (const c of ['yy', 'cs']) expect(overseesScope([city(c)], s, graph)).toBe(units.every((u) => cityOf[u] === c));
      }),
      params,
    );
    expect(spanning).toBeGreaterThan(20);
  });

  it('every county a binding touches finds it (list / revoke); a county it does not touch does not', () => {
    fc.assert(
      fc.property(scopes, (s) => {
        const { units } = unitsOfScope(s, graph);
        for (const c of counties) expect(mayManageBinding([county(c)], { scope: s }, graph)).toBe(units.includes(c));
      }),
      params,
    );
  });

  it('no invite is allowed unless the inviter oversees every unit of a coherent scope', () => {
    const roles: Role[] = ['secretary', 'expert', 'hostContact', 'countyStaff', 'cityStaff', 'talentOffice', 'reviewer'];
    const inviters = [...counties.map(county), city('yy'), city('cs'), staff('talentOffice', 'yy')];
    fc.assert(
      fc.property(fc.constantFrom(...roles), scopes, fc.constantFrom(...inviters), (role, s, inviter) => {
        const r = inviteRefusal({ personId: 'p-i', bindings: [inviter] }, { role, scope: s, personId: null }, graph);
        if (r === null) {
          expect(scopeIssues(role, s, graph)).toEqual([]);
          const mine = overseenUnits(inviter, graph);
          expect(unitsOfScope(s, graph).units.every((u) => mine.has(u))).toBe(true);
          expect(inviter.role).not.toBe('talentOffice');
        }
      }),
      params,
    );
  });
});

describe('applications follow the programme’s stages (finding 9)', () => {
  const station = programmes['yiyang-station-2023'];
  const capacity = programmes['yiyang-capacity-2018'];
  it('the talent office oversees the station programme (it approves and awards) but not the capacity programme', () => {
    expect(roleOverseesProgramme('talentOffice', station)).toBe(true);
    expect(roleOverseesProgramme('talentOffice', capacity)).toBe(false);
    for (const p of Object.values(programmes)) {
      expect(roleOverseesProgramme('countyStaff', p)).toBe(true);
      expect(roleOverseesProgramme('cityStaff', p)).toBe(true);
      const named =
        p.stages.some((s) => s.role === 'talentOffice') || p.award.role === 'talentOffice' || p.publicity!.role === 'talentOffice';
      expect([p.id, roleOverseesProgramme('talentOffice', p)]).toEqual([p.id, named]);
      expect(roleOverseesProgramme('secretary', p)).toBe(false);
    }
  });
  it('overseeingStaff: unit and programme together', () => {
    const mine = [county('hs'), staff('talentOffice', 'yy'), { role: 'secretary' as Role, scope: scope({ societyId: 'soc-hs' }) }];
    expect(overseeingStaff(mine, { castUnitId: 'hs' }, station, graph).map((b) => b.role)).toEqual(['countyStaff', 'talentOffice']);
    expect(overseeingStaff(mine, { castUnitId: 'hs' }, capacity, graph).map((b) => b.role)).toEqual(['countyStaff']);
    expect(overseeingStaff(mine, { castUnitId: 'tj' }, capacity, graph)).toEqual([]);
    expect(overseeingStaff(mine, { castUnitId: 'cs-yl' }, station, graph)).toEqual([]);
  });
});
