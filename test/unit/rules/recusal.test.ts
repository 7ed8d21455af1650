import { conflictsOf, recusalOf } from '../../../shared/rules/recusal';
import type { Role } from '../../../shared/schemas/org';

const binding = (role: Role, s: { societyId?: string; hostUnitId?: string; stationId?: string } = {}) => ({
  role,
  scope: { societyId: null, hostUnitId: null, stationId: null, castUnitId: null, ...s },
});
const nobody = { id: 'p-1', societyId: null, hostUnitId: null };
const station = { id: 'st-1', name: '甲服务站', societyId: 'soc-1', hostUnitId: 'hu-9', expertIds: ['p-exp'], staffIds: ['p-staff'] };

describe('recusalOf (回避): every tie of the person, by record, by any binding, by station team', () => {
  const applicant = { societyId: 'soc-1', hostUnitId: 'hu-1', stations: [station] };
  it.each<[string, { id: string; societyId: string | null; hostUnitId: string | null }, ReturnType<typeof binding>[], string]>([
    ['no tie to the applicant', { id: 'p-1', societyId: 'soc-2', hostUnitId: 'hu-2' }, [binding('reviewer', { societyId: 'soc-3' })], ''],
    ['a member of the applying society', { id: 'p-1', societyId: 'soc-1', hostUnitId: null }, [], '评审专家属于申报学会，须回避'],
    // issue 11, finding 2: a reviewer who is ALSO the applying society's secretary
    [
      'the applying society’s secretary',
      nobody,
      [binding('reviewer'), binding('secretary', { societyId: 'soc-1' })],
      '兼任申报学会秘书长，须回避',
    ],
    [
      'recommended as reviewer by the applying society',
      nobody,
      [binding('reviewer', { societyId: 'soc-1' })],
      '评审专家身份由申报学会推荐，须回避',
    ],
    ['of the host unit', { id: 'p-1', societyId: null, hostUnitId: 'hu-1' }, [], '评审专家属于申报（建站）单位，须回避'],
    ['the host unit’s contact', nobody, [binding('hostContact', { hostUnitId: 'hu-1' })], '兼任申报（建站）单位联系人，须回避'],
    [
      'the host contact of the applicant’s station',
      nobody,
      [binding('hostContact', { stationId: 'st-1' })],
      '兼任申报单位所属服务站（甲服务站）联系人，须回避',
    ],
    [
      'an expert bound to the applicant’s station',
      nobody,
      [binding('expert', { stationId: 'st-1' })],
      '兼任申报单位所属服务站（甲服务站）服务站专家，须回避',
    ],
    ['on the applicant station’s expert team', { ...nobody, id: 'p-exp' }, [], '系申报单位所属服务站（甲服务站）专家团队成员，须回避'],
    ['on the applicant station’s staff', { ...nobody, id: 'p-staff' }, [], '系申报单位所属服务站（甲服务站）工作人员，须回避'],
    ['an expert of another station', nobody, [binding('expert', { stationId: 'st-2' })], ''],
  ])('%s', (_name, person, bindings, reason) => {
    expect(recusalOf(person, bindings, applicant)).toBe(reason);
  });
  it('names every tie once', () => {
    const ties = conflictsOf(
      { id: 'p-exp', societyId: 'soc-1', hostUnitId: null },
      [binding('secretary', { societyId: 'soc-1' }), binding('secretary', { societyId: 'soc-1' })],
      applicant,
    );
    expect(ties).toEqual(['评审专家属于申报学会', '兼任申报学会秘书长', '系申报单位所属服务站（甲服务站）专家团队成员']);
  });
  it('has nothing to step aside from when the applicant has no society, host unit or station', () => {
    expect(
      recusalOf({ id: 'p-1', societyId: 'soc-1', hostUnitId: 'hu-1' }, [binding('secretary', { societyId: 'soc-1' })], {
        societyId: null,
        hostUnitId: null,
        stations: [],
      }),
    ).toBe('');
  });
});
