import { panelScore, scoreSheet } from '../../../shared/rules/scoring';
import { programme } from './fixtures';

const full = (pid: string, f: (max: number) => number = (m) => m) =>
  programme(pid).rubric.items.map((i) => ({ itemId: i.id, points: f(i.maxPoints) }));

describe('rubrics out of 100', () => {
  it.each([
    ['[yiyang-station-2023:rubric]', 'city-decision', [10, 20, 20, 15, 15, 20]],
    ['[yiyang-capacity-2018:rubric]', 'expert-review', [25, 20, 20, 20, 15]],
    ['[wuhan-award:rubric]', 'expert-review', [25, 25, 25, 25]],
    ['[pingdingshan-five-star:rubric]', 'committee-review', [20, 20, 20, 20, 20]],
    ['[weihai-2025:rubric]', 'expert-review', [25, 25, 30, 20]],
  ])('%s is used at %s with items %j', (tag, stageId, maxima) => {
    const pid = tag.slice(1, tag.indexOf(':'));
    const p = programme(pid);
    expect(p.rubric.stageId).toBe(stageId);
    expect(p.rubric.items.map((i) => i.maxPoints)).toEqual(maxima);
    expect(scoreSheet(p, full(pid))).toEqual({ total: 100, complete: true, issues: [] });
    expect(
      scoreSheet(
        p,
        full(pid, () => 0),
      ),
    ).toEqual({ total: 0, complete: true, issues: [] });
    // one point above an item's max is refused
    const over = full(pid);
    over[0] = { ...over[0]!, points: maxima[0]! + 1 };
    const r = scoreSheet(p, over);
    expect(r.complete).toBe(false);
    expect(r.total).toBe(100 - maxima[0]!);
    expect(r.issues[0]!.message).toContain(`0 到 ${maxima[0]}`);
  });
});

describe('score sheets', () => {
  const p = programme('wuhan-award');
  it('flags missing, duplicated, fractional, negative and unknown items', () => {
    const r = scoreSheet(p, [
      { itemId: 'innovation', points: 20 },
      { itemId: 'innovation', points: 21 },
      { itemId: 'society-government', points: 12.5 },
      { itemId: 'scientists', points: -1 },
      { itemId: 'charisma', points: 5 },
    ]);
    expect(r.issues.map((i) => i.itemId)).toEqual(['innovation', 'society-government', 'scientists', 'self-development', 'charisma']);
    expect(r.issues.find((i) => i.itemId === 'self-development')?.message).toContain('尚未评分');
    expect(r.issues.find((i) => i.itemId === 'innovation')?.message).toContain('重复');
    expect(r.complete).toBe(false);
    expect(r.total).toBe(0);
  });
  it('averages the complete sheets of a panel and leaves the rest out', () => {
    const a = full('wuhan-award', () => 20); // 80
    const b = full('wuhan-award', () => 21); // 84
    const c = full('wuhan-award', () => 22).slice(1); // incomplete
    expect(panelScore(p, [a, b, c])).toEqual({ average: 82, counted: 2, excluded: [2] });
    expect(panelScore(p, [a, b, full('wuhan-award', () => 23)])).toEqual({ average: 85.33, counted: 3, excluded: [] });
    expect(panelScore(p, [])).toEqual({ average: null, counted: 0, excluded: [] });
  });
});
