import { getProgramme, type Programme, programmeIds, programmes } from '../../../../shared/programmes';
import { fenText, yuanToFen } from '../../../../shared/programmes/post-award';
import {
  amountDecider,
  awardedOnOf,
  checkAwardAmount,
  executionText,
  fenToYuanInput,
  hasAwardFile,
  isStationKind,
  parseYuan,
} from '../../../../shared/rules/post-award/award';
import type { BudgetVersion } from '../../../../shared/schemas/awards';
import { chinaTime } from '../fixtures';

/** The amount staff set for an award (核定金额), read against each kind's funding rule — generated over every kind. */

const all = programmeIds.map((id) => programmes[id] as Programme);
const kinds = all.flatMap((p) => p.kinds.map((k) => [`${p.id}/${k.id}`, p, k] as const));

describe('parseYuan: 元 typed with up to two decimals, read exactly into 分', () => {
  it.each([
    ['12345.67', 1_234_567],
    ['0.1', 10],
    ['0.01', 1],
    ['100', 10_000],
    ['1,000.50', 100_050],
    [' 3000 元', 300_000],
    // the classic float trap: 0.29 * 100 = 28.999999999999996
    ['0.29', 29],
    ['19.99', 1999],
  ])('%s → %i 分', (s, fen) => {
    expect(parseYuan(s)).toBe(fen);
    expect(parseYuan(fenToYuanInput(fen))).toBe(fen);
  });
  it.each(['', '12.345', '-1', 'abc', '1e5', '.5', '12.'])('refuses %p', (s) => {
    expect(parseYuan(s)).toBeNull();
  });
});

// every kind's funding rule, tagged (the rows are checked to be every kind of every programme below)
const tagged: [string, string][] = [
  ['[yiyang-station-2023:funding.station]', 'yiyang-station-2023/station'],
  ['[yiyang-capacity-2018:funding.demonstration]', 'yiyang-capacity-2018/demonstration'],
  ['[yiyang-capacity-2018:funding.academic]', 'yiyang-capacity-2018/academic'],
  ['[yiyang-capacity-2018:funding.social-service]', 'yiyang-capacity-2018/social-service'],
  ['[yiyang-capacity-2018:funding.society-building]', 'yiyang-capacity-2018/society-building'],
  ['[wuhan-award:funding.award]', 'wuhan-award/award'],
  ['[pingdingshan-five-star:funding.five-star]', 'pingdingshan-five-star/five-star'],
  ['[weihai-2025:funding.class-a]', 'weihai-2025/class-a'],
  ['[weihai-2025:funding.class-b]', 'weihai-2025/class-b'],
  ['[weihai-2025:funding.promotion]', 'weihai-2025/promotion'],
];

it.each(tagged)('%s', (_tag, key) => {
  const [, , kind] = kinds.find(([k]) => k === key)!;
  const f = kind.funding;
  expect(checkAwardAmount(kind, 0).ok).toBe(false);
  switch (f.type) {
    case 'capPerYear': {
      const cap = yuanToFen(f.capYuan);
      expect(checkAwardAmount(kind, cap)).toEqual({ ok: true, note: `不超过扶持上限 ${fenText(cap)}（${f.clause}）` });
      const over = checkAwardAmount(kind, cap + 1);
      expect(over).toEqual({
        ok: false,
        reason: `核定金额 ${fenText(cap + 1)} 超过${kind.label}的扶持上限 ${fenText(cap)}（${f.clause}）`,
        clause: f.clause,
      });
      break;
    }
    case 'roundConfigured':
    case 'firstAwardThenFraction': {
      // any positive amount: the CAST sets it each round; shown against the round's standard when there is one
      const r = checkAwardAmount(kind, 123_456_789);
      expect(r.ok).toBe(true);
      expect(r.ok && r.note).toContain(f.clause);
      const std = checkAwardAmount(kind, 5_000_000, 6_000_000);
      expect(std.ok && std.note).toContain(`本批次标准为 ${fenText(6_000_000)}`);
      if (f.type === 'firstAwardThenFraction') expect(r.ok && r.note).toContain(`${f.laterNumerator}/${f.laterDenominator}`);
      break;
    }
    case 'byLevel':
      expect(checkAwardAmount(kind, 100)).toMatchObject({ ok: false, clause: f.clause });
      expect(isStationKind(kind)).toBe(true);
      break;
    case 'none':
      expect(checkAwardAmount(kind, 100).ok).toBe(false);
      break;
  }
});

describe('checkAwardAmount', () => {
  it('the tagged rows are exactly the kinds of the programmes', () => {
    expect(tagged.map(([, k]) => k).sort()).toEqual(kinds.map(([k]) => k).sort());
  });

  it('a kind that pays nothing is refused with its clause', () => {
    const kind = { label: '荣誉称号', funding: { type: 'none' as const, clause: '第五条' } };
    expect(checkAwardAmount(kind, 100)).toEqual({ ok: false, reason: '荣誉称号不设资助资金，不能核定金额（第五条）', clause: '第五条' });
  });
});

describe('the award file: who has one, and on which day it was awarded', () => {
  it('programmes with an agreement or a budget have one; the station programme does not', () => {
    for (const p of all) expect(hasAwardFile(p)).toBe(Boolean(p.postAward?.agreement || p.postAward?.budget));
    expect(hasAwardFile(programmes['yiyang-station-2023'])).toBe(false);
  });
  it('awarded on: the history step into awarded (China date), or the imported date; null when not awarded', () => {
    const history = [
      { at: chinaTime('2026-03-01'), toStatus: 'in_review' },
      { at: chinaTime('2026-05-31', '23:30'), toStatus: 'awarded' },
    ];
    expect(awardedOnOf({ status: 'awarded', history })).toBe('2026-05-31');
    expect(awardedOnOf({ status: 'awarded', history, imported: { awardedOn: '2025-06-01' } })).toBe('2025-06-01');
    expect(awardedOnOf({ status: 'approved', history })).toBeNull();
  });
});

it('the amount is set by the budget’s decider, else the agreement’s; none without either', () => {
  for (const p of all) expect(amountDecider(p)).toBe(p.postAward?.budget?.decidedBy ?? p.postAward?.agreement?.decidedBy ?? null);
  expect(amountDecider({ postAward: undefined })).toBeNull();
  // a programme with an agreement but no budget: the agreement's decider sets the amount
  const withAgreement = all.find((p) => p.postAward?.agreement)!;
  const { budget: _budget, ...agreementOnly } = withAgreement.postAward!;
  const agreement = { ...agreementOnly.agreement!, decidedBy: 'countyStaff' as const };
  expect(amountDecider({ postAward: { ...agreementOnly, agreement } })).toBe('countyStaff');
});

describe('[yiyang-capacity-2018:cycle.budget-year] the execution period the hub states', () => {
  const yiyang = getProgramme('yiyang-capacity-2018')!;
  const wuhan = getProgramme('wuhan-award')!;
  const approvedAt = Date.parse('2026-11-20T10:00:00+08:00');
  const approved: BudgetVersion = {
    version: 1,
    status: 'approved',
    lines: [],
    changeReason: null,
    submittedAt: approvedAt,
    decision: { by: 'p-staff', at: approvedAt, comment: '' },
  };
  it('counts from the budget approval where the programme does (the same window as the checks and the money view)', () => {
    expect(executionText(yiyang, [], '2027-10-05')).toBe('执行期自预算批复之日起 1 年（管理办法第十四条），预算尚未批复');
    expect(executionText(yiyang, [approved], '2027-10-05')).toBe(
      '预算执行期 2026-11-20 至 2027-11-19（自预算批复之日起 1 年，管理办法第十四条）',
    );
  });
  it('is the award cycle elsewhere', () => {
    expect(executionText(wuhan, [approved], '2027-10-05')).toBe('执行期至 2027-10-05');
  });
});
