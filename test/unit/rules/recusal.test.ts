import { recusalOf } from '../../../shared/rules/recusal';

const scope = (s: { societyId?: string; hostUnitId?: string } = {}) => ({
  scope: { societyId: null, hostUnitId: null, stationId: null, castUnitId: null, ...s },
});
const nobody = { societyId: null, hostUnitId: null };

describe('recusalOf (回避)', () => {
  const applicant = { societyId: 'soc-1', hostUnitId: 'hu-1' };
  it.each<[string, { societyId: string | null; hostUnitId: string | null }, ReturnType<typeof scope>[], string]>([
    ['no tie to the applicant', { societyId: 'soc-2', hostUnitId: 'hu-2' }, [scope({ societyId: 'soc-3' })], ''],
    ['a member of the applying society', { societyId: 'soc-1', hostUnitId: null }, [], '评审专家属于申报学会，须回避'],
    ['the applying society through a binding', nobody, [scope({ societyId: 'soc-1' })], '评审专家属于申报学会，须回避'],
    ['of the host unit', { societyId: null, hostUnitId: 'hu-1' }, [], '评审专家属于申报（建站）单位，须回避'],
    ['the host unit through a binding', nobody, [scope({ hostUnitId: 'hu-1' })], '评审专家属于申报（建站）单位，须回避'],
  ])('%s', (_name, person, bindings, reason) => {
    expect(recusalOf(person, bindings, applicant)).toBe(reason);
  });
  it('has nothing to step aside from when the applicant has no society or host unit', () => {
    expect(recusalOf({ societyId: 'soc-1', hostUnitId: 'hu-1' }, [], { societyId: null, hostUnitId: null })).toBe('');
  });
});
