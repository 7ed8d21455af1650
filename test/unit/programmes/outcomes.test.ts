import { type Programme, programmeSchema } from '../../../shared/programmes/schema';
import { applicantHistory } from '../../../shared/rules/applicant-history';
import { applicantProgress } from '../../../shared/rules/applicant-progress';
import { describePublicity, publicityPeriod } from '../../../shared/rules/cycle';
import { programmeRoles } from '../../../shared/rules/oversight';
import { rubricFor, scoreOutcome } from '../../../shared/rules/scoring';
import { transition, workflowStates } from '../../../shared/rules/workflow';
import { heshanSocietyStars } from '../../fixtures/programmes/heshan-society-stars';

/** Issue 16 remaining items 1 and 2 as pure rules: no publicity, and the bands deciding the outcome. */
const raw = JSON.parse(JSON.stringify(heshanSocietyStars)) as Record<string, unknown>;
const withPublicity = programmeSchema.parse(raw);
const { publicity: _dropped, ...rest } = raw;
const noPublicity: Programme = programmeSchema.parse(rest);
const rubric = rubricFor(withPublicity, 'evaluation', { societyLevel: 'city' }, '2026-06-01');
const now = Date.UTC(2026, 5, 1, 4);

describe('[heshan-society-stars:rubric.bands] scoreOutcome: the bands decide', () => {
  it.each([
    [[57.5], '五星', true, '评分 57.5 分，评定为“五星”'],
    [[40, 45], '三星', true, '2 份评分表平均 42.5 分，评定为“三星”'],
    [[23.5], '不评星', false, '评分 23.5 分，评定为“不评星”，未达到认定等级，不予认定'],
  ])('%j → %s', (totals, band, passes, note) => {
    expect(scoreOutcome(rubric, totals)).toEqual({
      stageId: 'evaluation',
      total: expect.any(Number),
      band: expect.objectContaining({ label: band }),
      passes,
      note,
    });
  });
  it('below every band is not awarded; no bands or no sheet decides nothing', () => {
    const high = { ...rubric, bands: [{ min: 30, label: '合格', passes: true }] };
    expect(scoreOutcome(high, [10])).toMatchObject({ band: null, passes: false, note: '评分 10 分，未达到任何等级，不予认定' });
    expect(scoreOutcome({ ...rubric, bands: undefined }, [50])).toBeNull();
    expect(scoreOutcome(rubric, [])).toBeNull();
  });
  it('passing the scored stage in a band that does not pass ends the application; a passing band goes on', () => {
    const at = { status: 'in_review' as const, stageId: 'evaluation' };
    const act = { type: 'pass' as const, actorRole: 'cityStaff' as const };
    const failing = scoreOutcome(rubric, [20])!;
    const r = transition(withPublicity, 'evaluation', at, act, { now, scoreOutcome: failing });
    expect(r).toMatchObject({ ok: true, next: { status: 'rejected', stageId: null }, effects: { reason: failing.note, outcome: failing } });
    const good = scoreOutcome(rubric, [50])!;
    expect(transition(withPublicity, 'evaluation', at, act, { now, scoreOutcome: good })).toMatchObject({
      ok: true,
      next: { status: 'in_review', stageId: null },
      effects: { outcome: good },
    });
    // an outcome of another stage is not read here
    expect(transition(withPublicity, 'evaluation', at, act, { now, scoreOutcome: { ...failing, stageId: 'formal-review' } })).toMatchObject(
      {
        next: { status: 'in_review', stageId: null },
      },
    );
  });
});

describe('[heshan-society-stars:award] a programme without publicity', () => {
  it('has no 待公示 and no 公示 state; its last stage leads to approved', () => {
    const states = workflowStates(noPublicity, 'evaluation');
    expect(states).not.toContainEqual({ status: 'publicity', stageId: null });
    expect(states).not.toContainEqual({ status: 'in_review', stageId: null });
    expect(workflowStates(withPublicity, 'evaluation')).toContainEqual({ status: 'publicity', stageId: null });
    const r = transition(
      noPublicity,
      'evaluation',
      { status: 'in_review', stageId: 'evaluation' },
      { type: 'pass', actorRole: 'cityStaff' },
      { now },
    );
    expect(r).toMatchObject({ ok: true, next: { status: 'approved', stageId: null } });
  });
  it('describes and computes no publicity; the applicant’s path has no 公示 step', () => {
    expect(describePublicity(noPublicity)).toBe('不设公示');
    expect(() => publicityPeriod(noPublicity, '2026-06-01', { years: {} } as never)).toThrow('不设公示');
    const path = applicantProgress(noPublicity, [], 'approved').map((s) => s.id);
    expect(path).toEqual(['__award']);
    expect(applicantProgress(withPublicity, [], 'approved').map((s) => s.id)).toEqual(['__publicity', '__award']);
  });
  it('names no publicity role; a step outside a stage is shown as the system’s', () => {
    const talent = { ...noPublicity, award: { ...noPublicity.award, role: 'talentOffice' as const } };
    expect([...programmeRoles(talent)].sort()).toEqual(['cityStaff', 'talentOffice']);
    expect([...programmeRoles({ ...talent, publicity: { ...withPublicity.publicity!, role: 'countyStaff' } })].sort()).toEqual([
      'cityStaff',
      'countyStaff',
      'talentOffice',
    ]);
    const entry = {
      at: now,
      actorId: 'x',
      action: 'reject' as const,
      fromStatus: 'approved' as const,
      toStatus: 'rejected' as const,
      stageId: null,
      note: '',
    };
    expect(applicantHistory(noPublicity, 'evaluation', [entry])[0]?.actorName).toBe('系统');
    expect(applicantHistory(withPublicity, 'evaluation', [entry])[0]?.actorName).toBe('市科协');
  });
  it('refuses a stage after a publicity that does not exist (Chinese, with the path)', () => {
    const bad = {
      ...rest,
      stages: [...(rest.stages as object[]).slice(0, 1), { ...(rest.stages as object[])[1]!, phase: 'afterPublicity' }],
    };
    const r = programmeSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error?.issues).toContainEqual(
      expect.objectContaining({ path: ['stages', 1, 'phase'], message: '本项目不设公示，环节不能安排在公示之后' }),
    );
  });
});
