import {
  assignReviewersRequestSchema,
  awardRequestSchema,
  fileObjectionRequestSchema,
  resolveObjectionRequestSchema,
  reviewerAssignmentSchema,
  saveDraftRequestSchema,
  startPublicityRequestSchema,
  submitRequestSchema,
  withdrawRequestSchema,
} from '../../../shared/schemas/application';
import { requestId, T0 } from './fixtures';

/** Our own messages are Chinese and pinned; zod's built-in ones (English, worded differently from one zod
 *  version to the next) are identified by their code instead. */
const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; code: string; message: string }[] } }) =>
  r.success ? [] : (r.error?.issues.map((i) => `${i.path.join('.')}|${/[\u4e00-\u9fff]/.test(i.message) ? i.message : i.code}`) ?? []);

describe('saving a draft (optimistic concurrency)', () => {
  const save = (over: Record<string, unknown>) => ({
    programmeId: 'yiyang-station-2023',
    kindId: 'station',
    roundId: 'round-2023',
    values: { stationName: '益阳市农学会南县服务站' },
    baseVersion: 0,
    requestId,
    ...over,
  });
  it.each<[string, Record<string, unknown>, string[]]>([
    ['a new draft at version 0', {}, []],
    ['a new draft claiming a version', { baseVersion: 2 }, ['baseVersion|新建草稿的版本号应为 0']],
    ['an existing draft at the version read', { applicationId: 'app-1', baseVersion: 3 }, []],
    ['an existing draft without a version', { applicationId: 'app-1', baseVersion: 0 }, ['baseVersion|修改已有申报时须提供读取时的版本号']],
    ['a negative version', { applicationId: 'app-1', baseVersion: -1 }, ['baseVersion|版本号不能为负']],
    ['without a request id', { requestId: undefined }, ['requestId|invalid_type']],
    ['with a malformed request id', { requestId: 'abc' }, ['requestId|请求编号格式不正确']],
    ['with a non-camelCase value key', { values: { '1st': 'x' } }, ['values.1st|字段键应为英文 camelCase']],
  ])('%s', (_case, over, expected) => {
    expect(messages(saveDraftRequestSchema.safeParse(save(over)))).toEqual(expected);
  });
});

describe('the other actions', () => {
  it.each<[string, { safeParse: (v: unknown) => { success: boolean } }, unknown, boolean]>([
    ['submit', submitRequestSchema, { applicationId: 'app-1', requestId }, true],
    ['submit without an application', submitRequestSchema, { requestId }, false],
    ['withdraw with a reason', withdrawRequestSchema, { applicationId: 'app-1', reason: '材料需重新准备', requestId }, true],
    ['withdraw without a reason', withdrawRequestSchema, { applicationId: 'app-1', requestId }, true],
    ['assign two reviewers', assignReviewersRequestSchema, { applicationId: 'app-1', reviewerIds: ['e1', 'e2'], requestId }, true],
    ['assign nobody', assignReviewersRequestSchema, { applicationId: 'app-1', reviewerIds: [], requestId }, false],
    ['assign one reviewer twice', assignReviewersRequestSchema, { applicationId: 'app-1', reviewerIds: ['e1', 'e1'], requestId }, false],
    ['start publicity', startPublicityRequestSchema, { applicationId: 'app-1', startDate: '2023-10-09', requestId }, true],
    ['start publicity on 2月30日', startPublicityRequestSchema, { applicationId: 'app-1', startDate: '2023-02-30', requestId }, false],
    ['file an objection', fileObjectionRequestSchema, { applicationId: 'app-1', content: '专家团队不足5人', requestId }, true],
    ['file a blank objection', fileObjectionRequestSchema, { applicationId: 'app-1', content: ' ', requestId }, false],
    ['resolve an objection', resolveObjectionRequestSchema, { objectionId: 'obj-1', resolution: '异议不成立', requestId }, true],
    ['resolve without a resolution', resolveObjectionRequestSchema, { objectionId: 'obj-1', resolution: '', requestId }, false],
    ['award with a plaque date', awardRequestSchema, { applicationId: 'app-1', plaqueDate: '2023-12-01', requestId }, true],
    ['award on a date that does not exist', awardRequestSchema, { applicationId: 'app-1', plaqueDate: '2023-11-31', requestId }, false],
    ['award without a request id', awardRequestSchema, { applicationId: 'app-1', plaqueDate: '2023-12-01' }, false],
  ])('%s: valid = %s', (_case, schema, value, ok) => {
    expect(schema.safeParse(value).success).toBe(ok);
  });

  it('a publicity request does not carry its end date: the programme’s length decides it', () => {
    const parsed = startPublicityRequestSchema.parse({ applicationId: 'app-1', startDate: '2023-10-09', endDate: '2023-10-13', requestId });
    expect(parsed).toEqual({ applicationId: 'app-1', startDate: '2023-10-09', note: '', requestId });
  });
});

describe('a reviewer assignment', () => {
  it('records who assigned whom, and when', () => {
    const assignment = {
      id: 'as:app-1:expert-review:e1',
      type: 'assignment',
      applicationId: 'app-1',
      stageId: 'expert-review',
      active: true,
    };
    expect(reviewerAssignmentSchema.safeParse({ ...assignment, reviewerId: 'e1', assignedBy: 'staff-1', at: T0 }).success).toBe(true);
    expect(reviewerAssignmentSchema.safeParse({ ...assignment, reviewerId: 'e1', assignedBy: 'staff-1', at: -1 }).success).toBe(false);
  });
});
