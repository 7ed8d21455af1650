import type { BlockingItem, EligibilityResult } from '../../../shared/rules/eligibility';
import type { MaterialIssue, MaterialsCheck } from '../../../shared/rules/materials';
import { type PrecheckOutcome, submissionBlockers, submissionRefusal } from '../../../shared/rules/submission';
import { programme } from './fixtures';

const station = programme('yiyang-station-2023'); // limits: city-per-round, one-per-society
const veto: BlockingItem = { type: 'veto', id: 'fraud', clause: '第十一条', label: '弄虚作假', reason: '存在弄虚作假' };
const criterion: BlockingItem = {
  type: 'criterion',
  id: 'experts-5',
  clause: '第七条(四)',
  label: '专家团队',
  reason: '专家团队 3 人（要求不少于 5 人）',
};
const limit: BlockingItem = { type: 'criterion', id: 'one-per-society', clause: '第七条(七)', label: '一会一站', reason: '已有 1 家' };
const material: MaterialIssue = { materialId: 'agreement', label: '合作协议', clause: '第九条', message: '缺少：合作协议' };
const eligibility = (...blocking: BlockingItem[]): EligibilityResult => ({
  eligible: blocking.length === 0,
  criteria: [],
  vetoes: [],
  blocking,
  unknown: [],
});
const materials = (missing: MaterialIssue[] = [], wrongType: MaterialIssue[] = []): MaterialsCheck => ({
  complete: missing.length + wrongType.length === 0,
  missing,
  wrongType,
  unexpected: [],
});
const pre = (over: Partial<PrecheckOutcome> = {}): PrecheckOutcome => ({
  eligibility: eligibility(),
  materials: materials(),
  missingFields: [],
  invalidFields: [],
  blockers: ['x'],
  ...over,
});

describe('submissionBlockers', () => {
  it('lists vetoes and criteria with their clause, then materials, then fields', () => {
    expect(
      submissionBlockers(
        eligibility(veto, criterion),
        materials([material], [{ ...material, message: '格式不对' }]),
        [{ label: '联系电话' }],
        [{ path: 'values.mobile', message: '手机号格式不正确' }],
      ),
    ).toEqual([
      '一票否决：弄虚作假（第十一条）',
      '不符合申报条件：专家团队 3 人（要求不少于 5 人）（第七条(四)）',
      '缺少：合作协议',
      '格式不对',
      '请填写：联系电话',
      '手机号格式不正确',
    ]);
  });
  it('is empty when nothing blocks', () => {
    expect(submissionBlockers(eligibility(), materials(), [], [])).toEqual([]);
  });
});

describe('submissionRefusal (the most specific code first)', () => {
  const field = { key: 'mobile', label: '联系电话' };
  it.each<[string, string | null, PrecheckOutcome]>([
    ['nothing blocks', null, pre()],
    [
      'a veto before anything else',
      'APPLICATION.VETO',
      pre({ eligibility: eligibility(criterion, limit, veto), materials: materials([material]) }),
    ],
    ['a limit before another criterion', 'APPLICATION.ROUND_LIMIT', pre({ eligibility: eligibility(criterion, limit) })],
    ['a criterion before fields', 'APPLICATION.INELIGIBLE', pre({ eligibility: eligibility(criterion), missingFields: [field] })],
    ['a missing field before materials', 'INPUT.INVALID', pre({ missingFields: [field], materials: materials([material]) })],
    ['a malformed field', 'INPUT.INVALID', pre({ invalidFields: [{ path: 'values.mobile', message: '格式不正确' }] })],
    ['a missing material', 'APPLICATION.MISSING_MATERIAL', pre({ materials: materials([material]) })],
    ['a material of the wrong type', 'APPLICATION.MISSING_MATERIAL', pre({ materials: materials([], [material]) })],
  ])('%s → %s', (_name, code, p) => {
    expect(submissionRefusal(station, p)?.code ?? null).toBe(code);
  });
  it('says why, with the blockers as details', () => {
    expect(submissionRefusal(station, pre({ eligibility: eligibility(veto) }))).toEqual({
      code: 'APPLICATION.VETO',
      message: '存在一票否决情形：弄虚作假（第十一条），不能提交',
      details: { blockers: ['x'] },
    });
    expect(submissionRefusal(station, pre({ eligibility: eligibility(limit) }))?.message).toBe('一会一站：已有 1 家（第七条(七)）');
    expect(submissionRefusal(station, pre({ eligibility: eligibility(criterion) }))?.message).toBe(
      '不符合申报条件：专家团队 3 人（要求不少于 5 人）（第七条(四)）',
    );
    expect(submissionRefusal(station, pre({ missingFields: [field], invalidFields: [{ path: 'values.x', message: 'm' }] }))).toEqual({
      code: 'INPUT.INVALID',
      issues: [
        { path: 'values.mobile', message: '请填写联系电话' },
        { path: 'values.x', message: 'm' },
      ],
      details: { blockers: ['x'] },
    });
  });
});
