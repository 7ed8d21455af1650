import { reviewDecisionLabels, reviewRequestSchema, reviewSchema } from '../../../shared/schemas/application';
import { requestId, T0 } from './fixtures';

/**
 * A review decision: pass, return for changes, or reject. Returning must tell the applicant
 * what to fix (a comment or at least one field comment); rejecting must say why.
 */
const review = (over: Record<string, unknown> = {}) => ({
  id: 'rev-1',
  type: 'decision',
  applicationId: 'app-1',
  stageId: 'city-formal-review',
  actorId: 'staff-1',
  decision: 'pass',
  comment: '',
  fieldComments: {},
  checklist: [
    { itemId: 'conditions', label: '是否符合申报条件', checked: true },
    { itemId: 'materials', label: '相关材料是否齐全', checked: true },
    { itemId: 'budget', label: '项目预算是否合理', checked: false },
  ],
  at: T0,
  ...over,
});
const messages = (schema: typeof reviewSchema | typeof reviewRequestSchema, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe.each([
  ['a stored review', reviewSchema, (o: Record<string, unknown>) => review(o)],
  [
    'a review request',
    reviewRequestSchema,
    (o: Record<string, unknown>) => {
      const { id: _id, type: _t, stageId: _s, actorId: _a, at: _at, ...rest } = review(o);
      return { ...rest, requestId };
    },
  ],
] as const)('%s', (_what, schema, make) => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['passing without a comment', { decision: 'pass' }, []],
    ['returning with a comment', { decision: 'return', comment: '请补充共建协议复印件' }, []],
    ['returning with only field comments', { decision: 'return', fieldComments: { contactMobile: '手机号有误' } }, []],
    ['returning with neither', { decision: 'return' }, ['退回修改时请写明需要修改的内容']],
    ['returning with a blank comment', { decision: 'return', comment: '   ' }, ['退回修改时请写明需要修改的内容']],
    ['rejecting with a reason', { decision: 'reject', comment: '同一学会在本市已建有服务站（第七条(七)）' }, []],
    ['rejecting with only field comments', { decision: 'reject', fieldComments: { level: '级别不符' } }, ['不予通过时请写明理由']],
    ['an unknown decision', { decision: 'maybe' }, ['Invalid option: expected one of "pass"|"return"|"reject"']],
    [
      'a checklist naming one item twice',
      {
        checklist: [
          { itemId: 'materials', label: '材料齐全', checked: true },
          { itemId: 'materials', label: '材料齐全', checked: false },
        ],
      },
      ['审查项目重复'],
    ],
  ])('%s', (_case, over, expected) => {
    expect(messages(schema, make(over))).toEqual(expected);
  });
});

it('has a Chinese label for each decision', () => {
  expect(reviewDecisionLabels).toEqual({ pass: '通过', return: '退回修改', reject: '不予通过' });
});

it('a review request must carry a well-formed request id', () => {
  const { id: _id, stageId: _s, actorId: _a, at: _at, ...rest } = review();
  expect(reviewRequestSchema.safeParse({ ...rest, requestId: 'short' }).success).toBe(false);
  expect(reviewRequestSchema.safeParse(rest).success).toBe(false);
});
