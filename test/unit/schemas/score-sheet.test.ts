import fc from 'fast-check';
import { scoreRequestSchema, scoreSheetSchema, scoreTotal } from '../../../shared/schemas/application';
import { requestId, T0 } from './fixtures';

/** An expert's score sheet (seed 004 第十二条 百分制 assessment, seed 000 专家评审): total = Σ items. */
const sheet = (items: { itemId: string; points: number }[], total = scoreTotal(items)) => ({
  id: 'sc:app-1:expert-review:rev-9',
  type: 'score',
  applicationId: 'app-1',
  stageId: 'expert-review',
  reviewerId: 'rev-9',
  items,
  total,
  at: T0,
});

describe('a score sheet', () => {
  it('is valid when the total is the sum of its items', () => {
    expect(
      scoreSheetSchema.safeParse(
        sheet([
          { itemId: 'basis', points: 30 },
          { itemId: 'plan', points: 45 },
        ]),
      ).success,
    ).toBe(true);
  });

  it('refuses a total that is not the sum', () => {
    const r = scoreSheetSchema.safeParse(sheet([{ itemId: 'basis', points: 30 }], 31));
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['total', '总分应等于各项得分之和']]);
  });

  it.each<[string, number, boolean]>([
    ['0 points', 0, true],
    ['100 points', 100, true],
    // any total (issue 16): the item's own maximum and step are checked against the rubric (shared/rules/scoring.ts)
    ['101 points', 101, true],
    ['1001 points', 1001, false],
    ['-1 points', -1, false],
    ['a half point', 7.5, true],
    ['a third of a point', 7.333, false],
  ])('an item with %s: valid = %s', (_case, points, ok) => {
    expect(scoreSheetSchema.safeParse(sheet([{ itemId: 'basis', points }])).success).toBe(ok);
  });

  it('refuses no items, or one item twice', () => {
    expect(scoreSheetSchema.safeParse(sheet([])).error?.issues.map((i) => i.message)).toEqual(['请至少评一项']);
    const twice = [
      { itemId: 'basis', points: 1 },
      { itemId: 'basis', points: 2 },
    ];
    expect(scoreSheetSchema.safeParse(sheet(twice)).error?.issues.map((i) => i.message)).toEqual(['评分项目重复']);
  });

  it('scoreTotal is the sum of points, whatever the items', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 50 }), (points) => {
        const items = points.map((p, i) => ({ itemId: `i${i}`, points: p }));
        return scoreTotal(items) === points.reduce((a, b) => a + b, 0);
      }),
    );
  });
});

describe('a score request', () => {
  it('carries only the application and the items: the reviewer is the caller and the total is computed', () => {
    const parsed = scoreRequestSchema.parse({
      applicationId: 'app-1',
      items: [{ itemId: 'basis', points: 30 }],
      total: 99,
      reviewerId: 'x',
      requestId,
    });
    expect(parsed).toEqual({ applicationId: 'app-1', items: [{ itemId: 'basis', points: 30 }], requestId });
  });
});
