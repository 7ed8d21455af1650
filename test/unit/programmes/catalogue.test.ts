import { type programmeIds, programmes } from '../../../shared/programmes';
import { kebab, ruleCatalogue } from '../../../shared/programmes/catalogue';
import { registeredProgrammeIds, registeredProgrammes } from '../../fixtures/programmes';

const registered = (id: string) => registeredProgrammes.find((p) => p.id === id)!;

describe('the rule catalogue of each programme', () => {
  it.each(registeredProgrammeIds)('%s has unique rule ids', (id) => {
    const ids = ruleCatalogue(registered(id)).map((r) => r.ruleId);
    expect(new Set(ids).size).toBe(ids.length);
  });
  it.each(registeredProgrammeIds)('%s lists every criterion, veto, stage, penalty, limit and kind', (id) => {
    const p = registered(id);
    const ids = new Set(ruleCatalogue(p).map((r) => r.ruleId));
    for (const c of p.criteria) expect(ids).toContain(`eligibility.${c.id}`);
    for (const v of p.vetoes) expect(ids).toContain(`veto.${v.id}`);
    for (const s of p.stages) expect(ids).toContain(`stage.${s.id}`);
    for (const x of p.penalties) expect(ids).toContain(`penalty.${x.id}`);
    for (const l of p.limits) expect(ids).toContain(`limit.${l.id}`);
    for (const k of p.kinds) expect(ids).toContain(`funding.${k.id}`);
    for (const r of ['publicity', 'award', 'materials', 'rubric']) expect(ids).toContain(r);
    // a programme that pays nothing has no spending list (issue 16: optional parts)
    if (p.expenses) for (const r of ['expense.allowed', 'expense.forbidden']) expect(ids).toContain(r);
    else expect(ids).not.toContain('expense.allowed');
    for (const r of p.rubricsByType) expect(ids).toContain(`rubric.${r.id}`);
  });
  it('states the station numbers in Chinese with their clauses', () => {
    const byId = Object.fromEntries(ruleCatalogue(programmes['yiyang-station-2023']).map((r) => [r.ruleId, r]));
    expect(byId.publicity).toMatchObject({ clause: '第八条(三)', text: '公示 不少于 5 个工作日' });
    expect(byId['funding.station']?.text).toContain('省级：第1年考核合格 100,000 元，期满考核合格 100,000 元');
    expect(byId['funding.station']?.text).toContain('国家级：一事一议');
    expect(byId['assessment.days-per-quarter']).toMatchObject({
      clause: '第十二条(二)',
      text: '专家服务团队成员每个季度在站工作不少于 10 天',
    });
    expect(byId['stage.county-first-review.skip']?.text).toContain('可直接向市科协申报');
    expect(byId.placement?.text).toContain('市级建在市县级科协、乡镇科协、企业科协、企业科协联合会');
  });
  it('reads assessment numbers from the settings, not from a copy', () => {
    const p = programmes['yiyang-station-2023'];
    const changed = { ...p, assessment: { ...p.assessment!, thresholds: { ...p.assessment!.thresholds, daysPerQuarter: 12 } } };
    expect(ruleCatalogue(changed).find((r) => r.ruleId === 'assessment.days-per-quarter')?.text).toContain('不少于 12 天');
  });
  it('has no assessment rules for programmes that do not assess stations', () => {
    expect(ruleCatalogue(programmes['weihai-2025']).some((r) => r.group === 'assessment')).toBe(false);
  });
  it('describes each funding shape', () => {
    const text = (id: (typeof programmeIds)[number], kind: string) =>
      ruleCatalogue(programmes[id]).find((r) => r.ruleId === `funding.${kind}`)?.text;
    expect(text('weihai-2025', 'class-a')).toContain('每年不超过 50,000 元，一次性拨付');
    expect(text('pingdingshan-five-star', 'five-star')).toContain('按首次的 1/2 资助');
    expect(text('wuhan-award', 'award')).toContain('金额由市科协每批次确定，通过后一次性下达');
  });
  it('falls back to the cycle clause, and says when a rubric or a paid-on-selection amount comes from the seed', () => {
    const p = programmes['yiyang-capacity-2018'];
    const variant = {
      ...p,
      cycle: { ...p.cycle, roundClause: undefined },
      rubric: { ...p.rubric, source: 'seed' as const },
      kinds: p.kinds.map((k) => (k.funding.type === 'roundConfigured' ? { ...k, funding: { ...k.funding, requiresPass: false } } : k)),
    };
    const byId = Object.fromEntries(ruleCatalogue(variant).map((r) => [r.ruleId, r]));
    expect(byId['cycle.round-interval']?.clause).toBe(p.cycle.clause);
    expect(byId.rubric?.text).toMatch(/（种子规定）$/);
    expect(byId['funding.academic']?.text).toBe('学术交流项目：金额由市科协每批次确定');
  });
  it('turns setting keys into rule ids', () => {
    expect(kebab('agreementYear1Percent')).toBe('agreement-year1-percent');
    expect(kebab('daysPerQuarter')).toBe('days-per-quarter');
  });
});
