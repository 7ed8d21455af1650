import type { ChinaDate } from '../../../shared/calendar/china-time';
import { checkDefinition } from '../../../shared/programmes/check-definition';
import type { Facts, Programme } from '../../../shared/programmes/schema';
import { isRoundYear } from '../../../shared/rules/cycle';
import { checkEligibility } from '../../../shared/rules/eligibility';
import { checkExpense } from '../../../shared/rules/expense';
import { fundingDue } from '../../../shared/rules/funding';
import { answerIssues, bandOf, rubricFor, scoreSheet, suggestedPoints, suggestedSheet } from '../../../shared/rules/scoring';
import { heshanSocietyStars } from '../../fixtures/programmes/heshan-society-stars';

/**
 * Issue 16 acceptance: the sixth programme's computed scores match hand-computed ones. Each row is
 * worked out by hand from the evaluation sheet (test/fixtures/programmes/heshan-society-stars.ts), not
 * from the engine: members | governance | conduct | popularisation | work rating | discretionary, then
 * the typed highlights, the total and the band.
 */
const checked = checkDefinition(JSON.parse(JSON.stringify(heshanSocietyStars)));
if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
const p: Programme = checked.programme;
const today = '2026-11-29' as ChinaDate;

const base: Facts = {
  societyLevel: 'city',
  inspectionPassed: true,
  financeAudited: true,
  councilOnTime: true,
  websiteUpdated: true,
  hasOffice: true,
  provincialAward: false,
  missedMeetings: 0,
  scienceEvents: 0,
};

type Row = [string, Facts, (number | null)[], number, number, string];
// prettier-ignore
const rows: Row[] = [
  // 520 members ≥ 500 → 8; 4/4 → 6; 9 + 2 − 0.5 = 10.5 capped 10; 12 ≥ 10 → 7.5; A → 10; 10 − 2×0.5 = 9; + 8 typed = 58.5 五星
  [
    'a strong city society',
    {
      individualMembers: 520,
      unitMembers: 10,
      provincialAward: true,
      missedMeetings: 1,
      scienceEvents: 12,
      workRating: 'A',
      discretionaryDeduction: 0.5,
    },
    [8, 6, 10, 7.5, 10, 9],
    8,
    58.5,
    '五星',
  ],
  // unit members 30 ≥ 20 (individual 150 ≥ 100 too) → 4; 3/4 → 4; 9 − 3 − 1.5 = 4.5; 5 → 5; B → 6; 10 − 6 = 4 floored 5; + 6 = 34.5 不评星
  [
    'a weak city society',
    {
      individualMembers: 150,
      unitMembers: 30,
      websiteUpdated: false,
      hasOffice: false,
      missedMeetings: 3,
      scienceEvents: 5,
      workRating: 'B',
      discretionaryDeduction: 3,
    },
    [4, 4, 4.5, 5, 6, 5],
    6,
    34.5,
    '不评星',
  ],
  // only the unit members qualify: 25 ≥ 20 → 4; 2/4 → 2; 9 + 2 − 1.5 = 9.5; 4 < 5 → 2.5; C → 2; 10; + 8.5 = 38.5 二星
  [
    'units alone qualify',
    {
      individualMembers: 80,
      unitMembers: 25,
      councilOnTime: false,
      websiteUpdated: false,
      provincialAward: true,
      missedMeetings: 3,
      scienceEvents: 4,
      workRating: 'C',
      discretionaryDeduction: 0,
    },
    [4, 2, 9.5, 2.5, 2, 10],
    8.5,
    38.5,
    '二星',
  ],
  // county rubric: 210 ≥ 200 → 6 (of 6); 6; 9 − 1 = 8; 7 → 5; B → 6; 10 − 3 = 7; + 10 (of 10.5) = 48 四星
  [
    'a county society',
    {
      societyLevel: 'county',
      individualMembers: 210,
      unitMembers: 0,
      missedMeetings: 2,
      scienceEvents: 7,
      workRating: 'B',
      discretionaryDeduction: 1.5,
    },
    [6, 6, 8, 5, 6, 7],
    10,
    48,
    '四星',
  ],
  // the same society at city level: 210 ≥ 100 → 4 (of 8); … + 8 (of 8.5) = 44 三星
  [
    'the same at city level',
    { individualMembers: 210, unitMembers: 0, missedMeetings: 2, scienceEvents: 7, workRating: 'B', discretionaryDeduction: 1.5 },
    [4, 6, 8, 5, 6, 7],
    8,
    44,
    '三星',
  ],
  // 9 − 3 − 0.5 × 20 = −4 → floor 0; 1/4 → 0; few members → 0; no rating given → unknown
  [
    'floors and unknowns',
    {
      individualMembers: 10,
      unitMembers: 1,
      financeAudited: false,
      councilOnTime: false,
      websiteUpdated: false,
      hasOffice: false,
      missedMeetings: 20,
    },
    [0, 0, 0, 2.5, null, null],
    0,
    2.5,
    '不评星',
  ],
];

// every item of both rubrics and their bands are exercised by the rows below
const title = [
  '[heshan-society-stars:rubric]',
  '[heshan-society-stars:rubric.item.members]',
  '[heshan-society-stars:rubric.item.governance]',
  '[heshan-society-stars:rubric.item.conduct]',
  '[heshan-society-stars:rubric.item.popularisation]',
  '[heshan-society-stars:rubric.item.work-rating]',
  '[heshan-society-stars:rubric.item.discretionary]',
  '[heshan-society-stars:rubric.item.highlights]',
  '[heshan-society-stars:rubric.bands]',
  '[heshan-society-stars:rubric.county-level]',
  '[heshan-society-stars:rubric.county-level.item.members]',
  '[heshan-society-stars:rubric.county-level.item.governance]',
  '[heshan-society-stars:rubric.county-level.item.conduct]',
  '[heshan-society-stars:rubric.county-level.item.popularisation]',
  '[heshan-society-stars:rubric.county-level.item.work-rating]',
  '[heshan-society-stars:rubric.county-level.item.discretionary]',
  '[heshan-society-stars:rubric.county-level.item.highlights]',
  '[heshan-society-stars:rubric.county-level.bands]',
  'the sixth programme scores as computed by hand',
].join(' ');

describe(title, () => {
  it.each(rows)('%s', (_name, facts, expected, highlights, total, band) => {
    const all = { ...base, ...facts };
    const rubric = rubricFor(p, 'evaluation', all, today);
    const suggestions = suggestedSheet(p, rubric, all, today);
    expect(suggestions.map((s) => s.itemId)).toEqual([
      'members',
      'governance',
      'conduct',
      'popularisation',
      'work-rating',
      'discretionary',
      'highlights',
    ]);
    expect(suggestions.slice(0, 6).map((s) => s.points)).toEqual(expected);
    expect(suggestions[6]).toMatchObject({ points: null, kind: 'judgement' });
    const items = suggestions.map((s) => ({ itemId: s.itemId, points: s.points ?? (s.itemId === 'highlights' ? highlights : 0) }));
    const sheet = scoreSheet(p, items, { rubric, facts: all, today });
    expect(sheet).toMatchObject({ complete: true, total });
    expect(bandOf(rubric, total)?.label).toBe(band);
  });

  it('computed items read the applicant, judgement items the scorer', () => {
    const kinds = p.rubric.items.map((i) => [i.id, suggestedPoints(p, i, base, today).kind]);
    expect(kinds).toEqual([
      ['members', 'computed'],
      ['governance', 'computed'],
      ['conduct', 'computed'],
      ['popularisation', 'computed'],
      ['work-rating', 'judgement'],
      ['discretionary', 'judgement'],
      ['highlights', 'judgement'],
    ]);
  });

  it('a 0.3 on a half-point item is refused in Chinese; other points than the rule need a reason', () => {
    const facts = { ...base, individualMembers: 520, unitMembers: 0, workRating: 'A', discretionaryDeduction: 0 };
    const rubric = rubricFor(p, 'evaluation', facts, today);
    const items = suggestedSheet(p, rubric, facts, today).map((s) => ({ itemId: s.itemId, points: s.points ?? 8 }));
    const at = (id: string, points: number, reason?: string) =>
      items.map((i) => (i.itemId === id ? { ...i, points, ...(reason ? { reason } : {}) } : i));
    expect(scoreSheet(p, at('highlights', 0.3), { rubric, facts, today }).issues).toEqual([
      { itemId: 'highlights', message: '“特色亮点”的得分应为 0 到 8.5 之间、0.5 的整数倍' },
    ]);
    expect(scoreSheet(p, at('members', 4), { rubric, facts, today }).issues).toEqual([
      { itemId: 'members', message: '“会员规模”按规则应得 8 分，改为 4 分须填写理由' },
    ]);
    expect(scoreSheet(p, at('members', 4, '会员名册核实后实为 180 人'), { rubric, facts, today })).toMatchObject({ complete: true });
  });
});

describe('the rest of the sixth programme', () => {
  it('[heshan-society-stars:funding.evaluation] pays nothing and has no spending list', () => {
    expect(fundingDue(p, 'evaluation', { yearIndex: 1, passed: true })).toMatchObject({ amountYuan: 0, reason: '本项目不设资助资金' });
    expect(checkExpense(p, 'meeting')).toMatchObject({ allowed: false, reason: '本项目不设资助资金，没有开支范围' });
  });
  it('[heshan-society-stars:cycle.round-interval] is held every year from 2026', () => {
    expect([2025, 2026, 2027].map((y) => isRoundYear(p, y))).toEqual([false, true, true]);
  });
  it('[heshan-society-stars:eligibility.inspection] a failed inspection is reported but does not block', () => {
    const r = checkEligibility(p, 'evaluation', { ...base, inspectionPassed: false }, { now: Date.UTC(2026, 10, 29) });
    expect(r.criteria.find((c) => c.id === 'inspection')).toMatchObject({ status: 'not_met', severity: 'advisory' });
  });
  it('[heshan-society-stars:rubric.judgement.work-rating] [heshan-society-stars:rubric.judgement.discretionary-deduction] judgements are the scorer’s, checked against their options and range', () => {
    const rubric = p.rubric;
    expect(answerIssues(p, rubric, { workRating: 'A', discretionaryDeduction: 1.5 })).toEqual([]);
    expect(answerIssues(p, rubric, { workRating: 'D', discretionaryDeduction: 3.5 }).map((i) => i.message)).toEqual([
      '“区科协对学会年度工作的评价”应为以下之一：A（好）、B（较好）、C（一般）',
      '“酌情扣分”应在 0 到 3 之间',
    ]);
    expect(answerIssues(p, rubric, { discretionaryDeduction: 0.25 }).map((i) => i.message)).toEqual([
      '“酌情扣分”应为 0.5 的整数倍',
      '请评定“区科协对学会年度工作的评价”',
    ]);
  });
});
