import { expenseCategoryIds } from '../../../shared/programmes/expense-categories';
import { checkExpense } from '../../../shared/rules/expense';
import { parseTag, programme } from './fixtures';

// Every category each seed names, on its side.
const seedLists: [string, string[]][] = [
  [
    '[yiyang-station-2023:expense.allowed]',
    ['expert-travel', 'transport', 'consulting', 'meeting', 'training', 'technical-service', 'exchange-cooperation', 'books-materials'],
  ],
  ['[yiyang-station-2023:expense.forbidden]', ['unrelated']],
  [
    '[yiyang-capacity-2018:expense.allowed]',
    [
      'printing-publication',
      'meeting',
      'research-survey',
      'review-consulting',
      'speaker-fees',
      'travel',
      'transport-rental',
      'other-project-costs',
    ],
  ],
  [
    '[yiyang-capacity-2018:expense.forbidden]',
    [
      'wages',
      'welfare',
      'bonuses',
      'overseas-travel',
      'official-reception',
      'official-vehicles',
      'building-works',
      'equipment-repair',
      'management-fees',
      'fines',
      'loan-repayment',
      'donations',
      'sponsorship',
      'investment',
      'unrelated',
    ],
  ],
  ['[wuhan-award:expense.allowed]', ['capability-work']],
  [
    '[wuhan-award:expense.forbidden]',
    ['personnel', 'daily-office', 'donations', 'sponsorship', 'fines', 'loan-repayment', 'investment', 'building-works', 'unrelated'],
  ],
  ['[pingdingshan-five-star:expense.allowed]', ['capability-work', 'meeting', 'training', 'travel']],
  [
    '[pingdingshan-five-star:expense.forbidden]',
    [
      'wages',
      'daily-office',
      'donations',
      'sponsorship',
      'fines',
      'loan-repayment',
      'investment',
      'external-lending',
      'building-works',
      'unrelated',
    ],
  ],
  [
    '[weihai-2025:expense.allowed]',
    [
      'party-building',
      'academic-activities',
      'science-popularisation',
      'technical-service',
      'consulting',
      'government-commissioned',
      'innovation-activities',
      'project-operation',
    ],
  ],
  [
    '[weihai-2025:expense.forbidden]',
    [
      'investment',
      'fines',
      'loan-repayment',
      'donations',
      'sponsorship',
      'wages',
      'welfare',
      'bonuses',
      'unrelated',
      'financial-discipline',
    ],
  ],
];

describe.each(seedLists)('%s', (tag, ids) => {
  const { programmeId, ruleId } = parseTag(tag);
  const p = programme(programmeId);
  const expenses = p.expenses!;
  const allowedSide = ruleId === 'expense.allowed';
  const clause = allowedSide ? expenses.allowed.clause : expenses.forbidden.clause;
  it.each(ids)(`${allowedSide ? 'allows' : 'forbids'} %s, citing the clause`, (id) => {
    const r = checkExpense(p, id);
    expect(r).toMatchObject({ allowed: allowedSide, clause });
    expect(r.reason).toMatch(allowedSide ? /属于专项资金开支范围/ : /^专项资金不得用于/);
  });
  it("lists exactly the seed's categories", () => {
    expect(allowedSide ? expenses.allowed.ids : expenses.forbidden.ids).toEqual(ids);
  });
});

describe('categories a seed does not list', () => {
  it('are not allowed and go to staff', () => {
    const r = checkExpense(programme('yiyang-station-2023'), 'wages');
    expect(r).toMatchObject({ allowed: false, clause: '第十七条' });
    expect(r.reason).toContain('须报市科协审核同意');
  });
  it('an unknown id is refused without a clause', () => {
    expect(checkExpense(programme('weihai-2025'), 'yacht')).toEqual({ allowed: false, reason: '未知的开支类别：yacht', clause: '' });
    expect(checkExpense(programme('weihai-2025'), 'toString').allowed).toBe(false);
  });
  it('forbidden wins when a definition lists a category on both sides', () => {
    const p = programme('weihai-2025');
    const e = p.expenses!;
    const both = { ...p, expenses: { ...e, allowed: { ...e.allowed, ids: [...e.allowed.ids, 'wages'] } } };
    expect(checkExpense(both, 'wages').allowed).toBe(false);
  });
  it('every programme decides every catalogue category one way or the other, with a reason', () => {
    for (const pid of ['yiyang-station-2023', 'yiyang-capacity-2018', 'wuhan-award', 'pingdingshan-five-star', 'weihai-2025']) {
      for (const id of expenseCategoryIds) {
        const r = checkExpense(programme(pid), id);
        expect(typeof r.allowed).toBe('boolean');
        expect(r.reason.length).toBeGreaterThan(4);
      }
    }
  });
});
