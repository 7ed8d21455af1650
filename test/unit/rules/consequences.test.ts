import type { Programme } from '../../../shared/programmes';
import {
  type AssessedResult,
  adjustmentGrade,
  consequencesOf,
  finalGrade,
  finalScore,
  passed,
  publishOutcome,
  type StationStanding,
  standingAfter,
  standingReason,
} from '../../../shared/rules/assessment/consequences';
import type { Grade } from '../../../shared/rules/assessment/evaluate';
import { settingsWith } from '../assessment/fixtures';
import { programme } from './fixtures';

const station = programme('yiyang-station-2023');
const MONTHS = station.postAward!.rectification!.months;
const result = (grade: Grade, over: Partial<AssessedResult> = {}): AssessedResult => ({
  computed: { grade, score: grade === '不合格' ? 40 : 80 },
  adjusted: null,
  termEnd: false,
  ...over,
});

describe('the grade that stands', () => {
  it('is the staff adjustment when there is one, else the computed grade', () => {
    expect(finalGrade(result('合格'))).toBe('合格');
    expect(finalScore(result('合格'))).toBe(80);
    const adjusted = result('合格', { adjusted: { grade: '不合格', score: 55.5 } });
    expect(finalGrade(adjusted)).toBe('不合格');
    expect(finalScore(adjusted)).toBe(55.5);
    expect(passed(adjusted)).toBe(false);
  });
  it.each<[Grade, boolean]>([
    ['优秀', true],
    ['合格', true],
    ['不合格', false],
  ])('%s passes: %s', (grade, ok) => {
    expect(passed(result(grade))).toBe(ok);
  });
});

describe('consequencesOf (第十二条: 通报批评、责令限期整改; 期满不合格予以摘牌)', () => {
  const funding = '考核合格，拨付第 1 年资助';
  it.each<[string, Programme | undefined, AssessedResult, string[]]>([
    ['passing: the funding line only', station, result('合格'), [funding]],
    ['passing at term end: still the funding line only', station, result('优秀', { termEnd: true }), [funding]],
    ['failing a year', station, result('不合格'), ['通报批评', `责令限期整改（${MONTHS} 个月内）`, funding]],
    [
      'failing the term-end year',
      station,
      result('不合格', { termEnd: true }),
      ['通报批评', '责令限期整改（3 个月内）', '摘牌', '收回已拨付的资金', '服务站标记为待摘牌', funding],
    ],
    ['failing, programme unknown', undefined, result('不合格'), [funding]],
    [
      'failing at term end, programme unknown: 摘牌 all the same',
      undefined,
      result('不合格', { termEnd: true }),
      ['摘牌', '服务站标记为待摘牌', funding],
    ],
    [
      'failing at term end, programme without penalties',
      { ...station, penalties: [] },
      result('不合格', { termEnd: true }),
      ['摘牌', '服务站标记为待摘牌', funding],
    ],
  ])('%s', (_name, p, d, lines) => {
    expect(consequencesOf(p, d, funding)).toEqual(lines);
  });
  it('lists a line once', () => {
    expect(consequencesOf(station, result('不合格'), '通报批评')).toEqual(['通报批评', '责令限期整改（3 个月内）']);
  });
});

describe('publishOutcome', () => {
  it.each<[string, AssessedResult, string, string | null, boolean]>([
    ['passing', result('合格'), '2025-01-15', null, false],
    ['passing at term end', result('合格', { termEnd: true }), '2025-01-15', null, false],
    ['failing: rectify within three months', result('不合格'), '2025-01-15', '2025-04-15', false],
    ['failing on 30 November: the deadline clamps to the end of February', result('不合格'), '2025-11-30', '2026-02-28', false],
    ['failing at term end: de-listing too', result('不合格', { termEnd: true }), '2025-01-15', '2025-04-15', true],
  ])('%s', (_name, d, today, deadline, delisting) => {
    expect(publishOutcome(d, today, station)).toEqual({ rectificationDeadline: deadline, delisting });
  });
  it('[yiyang-station-2023:post-award.rectification] the period is the programme data (3 months), not a constant', () => {
    expect(MONTHS).toBe(3);
    const six = { ...station, postAward: { ...station.postAward!, rectification: { ...station.postAward!.rectification!, months: 6 } } };
    expect(publishOutcome(result('不合格'), '2025-01-15', six).rectificationDeadline).toBe('2025-07-15');
    expect(consequencesOf(six, result('不合格'), 'x')).toContain('责令限期整改（6 个月内）');
    // a programme that sets no period orders rectification without a deadline
    const none = { ...station, postAward: { ...station.postAward!, rectification: undefined } };
    expect(publishOutcome(result('不合格'), '2025-01-15', none).rectificationDeadline).toBeNull();
    expect(consequencesOf(none, result('不合格'), 'x')).toContain('责令限期整改');
  });
});

describe('the station standing after a published result', () => {
  const rows: [StationStanding, boolean, boolean, StationStanding][] = [
    // current, passed, termEnd, next
    ['active', false, false, 'rectifying'],
    ['active', false, true, 'delisting'],
    ['rectifying', false, false, 'rectifying'],
    ['rectifying', false, true, 'delisting'],
    ['rectifying', true, false, 'active'],
    ['rectifying', true, true, 'active'],
    ['active', true, false, 'active'],
    ['delisting', true, false, 'delisting'],
    ['delisted', true, true, 'delisted'],
  ];
  it.each(rows)('%s, passed %s, term end %s → %s', (current, ok, termEnd, next) => {
    expect(standingAfter(current, { passed: ok, termEnd })).toBe(next);
  });
  it.each<[boolean, boolean, string]>([
    [true, false, '第 2 考核年度考核合格，整改结束'],
    [false, false, '第 2 考核年度考核不合格，责令限期整改至 2025-04-15'],
    [false, true, '期满（第 2 考核年度）考核不合格，予以摘牌'],
  ])('says why (passed %s, term end %s)', (ok, termEnd, reason) => {
    expect(standingReason(2, { passed: ok, termEnd }, ok ? null : '2025-04-15')).toBe(reason);
  });
});

describe('adjustmentGrade: an adjusted score is graded by the assessment’s own grade rule (issue 11 finding 10)', () => {
  const settings = settingsWith(); // 优秀 ≥ 90, 合格 ≥ 60, a failed clause makes it 不合格 (第十二条: the default 'fail')
  type Clauses = { label: string; status: 'met' | 'failed' }[];
  const met: Clauses = [{ label: '服务天数', status: 'met' }];
  const failed: Clauses = [{ label: '服务天数', status: 'failed' }];
  it.each<[string, number, Grade | undefined, Clauses, Grade]>([
    ['59.96 is stored as 60.0 and graded from it, as a computed score is', 59.96, undefined, met, '合格'],
    ['59.94 → 59.9 → 不合格', 59.94, undefined, met, '不合格'],
    ['95 → 优秀', 95, undefined, met, '优秀'],
    ['95 with a failed clause → 不合格 (the default: a 第十二条 minimum missed fails the year)', 95, undefined, failed, '不合格'],
    ['a requested grade equal to the rule’s is no override', 72, '合格', met, '合格'],
  ])('%s', (_name, score, grade, clauses, expected) => {
    expect(adjustmentGrade({ score, grade }, clauses, settings)).toMatchObject({ ok: true, grade: expected, override: null });
  });
  it("95 with a failed clause under failedClauseCap 'qualified' → capped at 合格", () => {
    const qualified = settingsWith({ grade: { failedClauseCap: 'qualified' } });
    expect(adjustmentGrade({ score: 95 }, failed, qualified)).toMatchObject({ ok: true, grade: '合格', override: null });
    expect(adjustmentGrade({ score: 95 }, met, qualified)).toMatchObject({ ok: true, grade: '优秀', override: null });
  });
  it('refuses a grade other than the rule’s without its own reason (59.96 / 优秀)', () => {
    const r = adjustmentGrade({ score: 59.96, grade: '优秀' }, met, settings);
    expect(r).toMatchObject({ ok: false, path: 'grade' });
    expect(!r.ok && r.message).toContain('应评为“合格”');
  });
  it('keeps a deliberate override with its reason and the grade the score gives', () => {
    expect(adjustmentGrade({ score: 59.9, grade: '合格', gradeOverrideReason: '经市科协研究按合格认定' }, met, settings)).toEqual({
      ok: true,
      score: 59.9,
      grade: '合格',
      override: { derivedGrade: '不合格', reason: '经市科协研究按合格认定' },
    });
  });
});
