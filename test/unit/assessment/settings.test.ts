import { assessmentSettingsSchema, clauseKeys, clauseLabels, defaultAssessmentSettings } from '../../../shared/rules/assessment';

describe('assessment settings', () => {
  it('default thresholds are the numbers of 第十二条', () => {
    expect(defaultAssessmentSettings.thresholds).toEqual({
      daysPerQuarter: 10, // (二) 每个季度不少于10天
      daysPerYear: 40, // (二) 全年不少于40天
      researchPerYear: 2, // (三) 不少于2次/年
      researchResultsPerYear: 1, // (三) 调研成果1项以上
      trainingsPerYear: 2, // (四) 每年不少于2场次
      traineesPerTraining: 50, // (四) 每次不少于50人次
      tacklingPerYear: 1, // (五) 技术攻关1次以上
      problemsPerYear: 2, // (五) 技术难题2个以上
      achievementsPerYear: 2, // (五) 成果2项以上
      agreementYear1Percent: 50, // (一) 第一年不少于50%
      agreementFinalPercent: 100, // (一) 第二年达到100%
    });
  });

  it('defaults: plaque-date years, weights summing to 100, 优秀 ≥ 90, 合格 ≥ 60, backfill 10 days, reminder 5 working days', () => {
    const s = defaultAssessmentSettings;
    expect(s.yearMode).toBe('plaque');
    expect(Object.values(s.weights).reduce((a, b) => a + b, 0)).toBe(100);
    // issue 14: a missed 第十二条 minimum makes the year 不合格 by default ('fail'; was 'qualified')
    expect(s.grade).toEqual({ excellentMin: 90, passMin: 60, failedClauseCap: 'fail' });
    expect(Object.values(s.partialCredit)).toEqual(['proportional', 'proportional', 'proportional', 'proportional', 'proportional']);
    expect(s.backfillDaysAfterQuarter).toBe(10);
    expect(s.reminderWorkingDaysBeforeQuarterEnd).toBe(5);
  });

  it('a partial override keeps the other defaults', () => {
    const s = assessmentSettingsSchema.parse({ yearMode: 'calendar', thresholds: { daysPerQuarter: 12 } });
    expect(s.yearMode).toBe('calendar');
    expect(s.thresholds.daysPerQuarter).toBe(12);
    expect(s.thresholds.daysPerYear).toBe(40);
    expect(s.weights.serviceDays).toBe(30);
  });

  describe('weights must sum to 100', () => {
    it.each([
      [{ agreement: 20, serviceDays: 30, research: 15, training: 15, outcomes: 20 }, true],
      [{ agreement: 20, serviceDays: 40, research: 10, training: 10, outcomes: 20 }, true],
      [{ agreement: 21, serviceDays: 30, research: 15, training: 15, outcomes: 20 }, false],
      [{ agreement: 19, serviceDays: 30, research: 15, training: 15, outcomes: 20 }, false],
    ])('%o → valid %p', (weights, ok) => {
      const r = assessmentSettingsSchema.safeParse({ weights });
      expect(r.success).toBe(ok);
      if (!r.success) expect(r.error.issues[0]?.message).toBe('五项考核内容的权重之和必须等于 100');
    });

    it('rejects a negative weight in Chinese', () => {
      const r = assessmentSettingsSchema.safeParse({ weights: { agreement: -10, serviceDays: 60 } });
      expect(r.success).toBe(false);
      expect(r.error?.issues.map((i) => i.message)).toContain('权重不能为负');
    });
  });

  it('rejects a 优秀 cut-off below the 合格 cut-off', () => {
    const r = assessmentSettingsSchema.safeParse({ grade: { excellentMin: 50, passMin: 60 } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('优秀分数线不能低于合格分数线');
  });

  it.each([
    [{ thresholds: { daysPerQuarter: -1 } }, '每季度工作天数不能为负'],
    [{ thresholds: { daysPerYear: 4.5 } }, '全年工作天数必须是整数'],
    [{ thresholds: { agreementYear1Percent: 101 } }, '第一年协议完成比例不能大于 100'],
    [{ thresholds: { traineesPerTraining: 'x' } }, '每场培训人次必须是数字'],
  ])('rejects a bad threshold %o with a Chinese message', (input, message) => {
    const r = assessmentSettingsSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe(message);
  });

  it('names every clause of 第十二条 in Chinese', () => {
    expect(clauseKeys.map((k) => clauseLabels[k].slice(0, 7))).toEqual([
      '第十二条（一）',
      '第十二条（二）',
      '第十二条（三）',
      '第十二条（四）',
      '第十二条（五）',
    ]);
  });
});
