import { cityOnly, inviteScopeIssue, requiredScope } from '../../../shared/rules/invites';
import { type Role, roles } from '../../../shared/schemas/org';

const none = { societyId: null, stationId: null, hostUnitId: null, castUnitId: null };

describe('what an invite names (邀请码)', () => {
  it('has a rule for every role', () => {
    expect(Object.keys(requiredScope).sort()).toEqual([...roles].sort());
  });
  it.each<[Role, string | null, boolean]>([
    ['secretary', 'societyId', false],
    ['expert', 'stationId', false],
    ['hostContact', 'stationId', false],
    ['countyStaff', 'castUnitId', true],
    ['cityStaff', 'castUnitId', true],
    ['talentOffice', 'castUnitId', true],
    ['reviewer', null, true],
  ])('%s: attached to %s; city staff only: %s', (role, key, city) => {
    expect(cityOnly(role)).toBe(city);
    expect(inviteScopeIssue(role, none)).toEqual(key ? { path: `scope.${key}`, message: '请选择该身份所属的单位' } : null);
    if (key) expect(inviteScopeIssue(role, { ...none, [key]: 'x1' })).toBeNull();
  });
});
