import type { ChinaDate } from '../../../shared/calendar/china-time';
import { checkDefinition } from '../../../shared/programmes/check-definition';
import type { Condition, FactCondition, Programme } from '../../../shared/programmes/schema';
import { describeCondition, evaluateCondition, factSources, skipApplies } from '../../../shared/rules/facts';
import { heshanSocietyStars } from '../../fixtures/programmes/heshan-society-stars';

/** Recursive conditions (issue 16): all / any / at least n of / not, three-valued, and skip rules through them. */
const checked = checkDefinition(JSON.parse(JSON.stringify(heshanSocietyStars)));
if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
const p: Programme = checked.programme;
const today = '2026-11-29' as ChinaDate;
const yes = (fact: string): FactCondition => ({ fact, test: { op: 'isTrue' } });
const four = ['inspectionPassed', 'financeAudited', 'councilOnTime', 'websiteUpdated'].map(yes);
const result = (c: Condition, facts: Record<string, boolean | number | undefined>) => evaluateCondition(p, c, facts, today).result;

describe('conditions', () => {
  it.each<[string, Condition, Record<string, boolean | undefined>, true | false | 'unknown']>([
    ['all true', { all: four }, { inspectionPassed: true, financeAudited: true, councilOnTime: true, websiteUpdated: true }, true],
    ['all: one false decides, unknowns aside', { all: four }, { inspectionPassed: false }, false],
    ['all: unknown while nothing is false', { all: four }, { inspectionPassed: true }, 'unknown'],
    ['any: one true decides', { any: four }, { websiteUpdated: true }, true],
    [
      'any: all false',
      { any: four },
      { inspectionPassed: false, financeAudited: false, councilOnTime: false, websiteUpdated: false },
      false,
    ],
    ['3 of 4 reached', { atLeast: 3, of: four }, { inspectionPassed: true, financeAudited: true, councilOnTime: true }, true],
    ['3 of 4 out of reach', { atLeast: 3, of: four }, { inspectionPassed: false, financeAudited: false }, false],
    ['3 of 4 still open', { atLeast: 3, of: four }, { inspectionPassed: true, financeAudited: false }, 'unknown'],
    ['not', { not: yes('hasOffice') }, { hasOffice: false }, true],
    ['not of unknown', { not: yes('hasOffice') }, {}, 'unknown'],
  ])('%s', (_name, c, facts, expected) => {
    expect(result(c, facts)).toBe(expected);
  });
  it('read in Chinese', () => {
    expect(describeCondition(p, { atLeast: 3, of: four.slice(0, 3) })).toBe(
      '以下 3 项中至少满足 3 项：上年度社团年检合格为“是”；上年度完成财务审计为“是”；按期召开理事会为“是”',
    );
    expect(describeCondition(p, { not: yes('hasOffice') })).toBe('并非“有固定办公场所为“是””');
  });
  it('a skip rule keeps its flat form and may add a recursive one', () => {
    const rule = { all: [yes('hasOffice')], when: { atLeast: 2, of: four }, reason: '免于实地考察', clause: '第八条' };
    expect(skipApplies(p, rule, { hasOffice: true, inspectionPassed: true, financeAudited: true }, today)).toBe(true);
    expect(skipApplies(p, rule, { hasOffice: true, inspectionPassed: true }, today)).toBe(false);
    expect(
      skipApplies(
        p,
        { any: [yes('hasOffice'), yes('provincialAward')], reason: '任一', clause: '第八条' },
        { provincialAward: true },
        today,
      ),
    ).toBe(true);
  });
  it('facts the staff answer are never asked of the applicant', () => {
    const sources = factSources(p, 'evaluation', { hasHostUnit: false, hasSociety: true });
    expect(sources).toMatchObject({ workRating: 'staff', discretionaryDeduction: 'staff', hasOffice: 'declared', societyLevel: 'org' });
  });
  it('a definition with a skip condition on an undefined fact is refused with its path', () => {
    const d = JSON.parse(JSON.stringify(heshanSocietyStars));
    d.stages[1].skipWhen = { when: { not: { fact: 'ghost', test: { op: 'isTrue' } } }, reason: '无', clause: '第八条' };
    const r = checkDefinition(d);
    expect(r.ok ? [] : r.errors).toContainEqual({ path: 'stages.1.skipWhen', message: '引用了未定义的事实：ghost' });
  });
});
