import { authorOnlyRefusal, closedPeriodOf, frozenRefusal, periodsOf } from '../../../shared/rules/frozen';
import type { LoggingStation } from '../../../shared/rules/logging';
import { research, serviceDay, settingsWith, training } from '../assessment/fixtures';

/**
 * Issue 11 finding 4: a record whose period is closed (past its backfill deadline) is frozen; only
 * staff correction changes it. Plaque 2025-01-01, plaque-mode years: year 1 = 2025, quarters are the
 * calendar quarters; the backfill window is 10 days after a quarter (service days) or the year (the rest).
 */
const sc: LoggingStation = { station: { plaqueDate: '2025-01-01' }, settings: settingsWith({ backfillDaysAfterQuarter: 10 }) };

describe('frozenRefusal: a record of a closed period is frozen', () => {
  it.each([
    ['a service day, on the last day of its quarter’s window', serviceDay('e1', '2025-03-10', 'pending'), '2025-04-10', null],
    ['a service day, the day after its quarter’s window', serviceDay('e1', '2025-03-10', 'pending'), '2025-04-11', '2025-04-10'],
    ['a training, while its year is open', training('2025-03-10', 60, 'pending'), '2025-04-11', null],
    ['a training, after its year’s window', training('2025-03-10', 60, 'confirmed'), '2026-01-11', '2026-01-10'],
    // the red team's case: the study's year is closed, its result (added later) would be dated in an open year
    [
      'a study of a closed year whose result is dated in an open year',
      research('2025-11-10', { result: '报告', resultDate: '2026-02-01' }),
      '2026-02-05',
      '2026-01-10',
    ],
    ['a study of a closed year without a result', research('2025-11-10'), '2026-01-11', '2026-01-10'],
    ['a study of an open year', research('2026-01-05'), '2026-01-11', null],
  ])('%s', (_name, record, today, deadline) => {
    const r = frozenRefusal(record, sc, today);
    if (deadline === null) {
      expect(r).toBeNull();
      return;
    }
    expect(r).toMatchObject({ code: 'STATION.PERIOD_CLOSED' });
    expect(r!.message).toContain(`补登截止日期 ${deadline} 已过`);
    expect(r!.message).toContain('联系科协工作人员');
  });

  it('a study counts toward its own year and its result’s year; either closed freezes it', () => {
    const study = research('2025-12-20', { result: '报告', resultDate: '2026-01-03' });
    expect(periodsOf(study, sc).map((p) => p.end)).toEqual(['2025-12-31', '2026-12-31']);
    expect(closedPeriodOf(study, sc, '2026-01-10')).toBeNull();
    expect(closedPeriodOf(study, sc, '2026-01-11')?.end).toBe('2025-12-31');
  });

  it('a record before the plaque date counts toward no period and is not frozen by this rule', () => {
    expect(periodsOf(serviceDay('e1', '2024-12-30'), sc)).toEqual([]);
    expect(frozenRefusal(serviceDay('e1', '2024-12-30'), sc, '2030-01-01')).toBeNull();
  });
});

describe('authorOnlyRefusal: only the author changes a record', () => {
  it('the author passes; a teammate is refused', () => {
    const study = research('2025-11-10');
    expect(authorOnlyRefusal(study, study.authorId)).toBeNull();
    expect(authorOnlyRefusal(study, 'someone-else')).toMatchObject({ code: 'AUTH.FORBIDDEN' });
  });
});
