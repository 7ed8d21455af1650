/**
 * Subscription messages (issue 12, finding 1): when the log path asks, which answers count as accepts,
 * the quota arithmetic, and the one keyword mapping of the templates.
 */
import { slotValue, templateData, templateEnvName, templateKeys, templates, templatesFor } from '../../../shared/notify/templates';
import { acceptedKeys, askOnLogPath, MAX_QUOTA, quotaLeft, withAccepted } from '../../../shared/rules/subscriptions';

const at = (iso: string) => Date.parse(iso);

describe('askOnLogPath: at most once a China quarter on the log-a-day tap', () => {
  test.each([
    [null, '2026-11-20T02:00:00Z', true],
    [at('2026-10-01T01:00:00Z'), '2026-12-31T15:00:00Z', false], // both in Q4 China time (12-31 23:00)
    [at('2026-10-02T01:00:00Z'), '2026-12-30T02:00:00Z', false],
    [at('2026-12-31T15:30:00Z'), '2027-01-01T02:00:00Z', true], // 12-31 23:30 China (Q4) → 2027 Q1
    [at('2026-09-30T15:59:00Z'), '2026-09-30T16:01:00Z', true], // 23:59 → 00:01 China across the quarter's end
    [Number.NaN, '2026-11-20T02:00:00Z', true],
  ])('last asked %p, now %p → %p', (last, now, expected) => {
    expect(askOnLogPath(last, at(now))).toBe(expected);
  });
});

describe('acceptedKeys: only "accept" counts', () => {
  const asked = [
    { key: 'applicationReturned' as const, templateId: 'T-RET-0000001' },
    { key: 'applicationOutcome' as const, templateId: 'T-OUT-0000001' },
  ];
  test.each([
    [{ errMsg: 'requestSubscribeMessage:ok', 'T-RET-0000001': 'accept', 'T-OUT-0000001': 'reject' }, ['applicationReturned']],
    [{ errMsg: 'requestSubscribeMessage:ok', 'T-RET-0000001': 'ban', 'T-OUT-0000001': 'filter' }, []],
    [
      { errMsg: 'requestSubscribeMessage:ok', 'T-RET-0000001': 'accept', 'T-OUT-0000001': 'accept' },
      ['applicationReturned', 'applicationOutcome'],
    ],
    [{ errMsg: 'requestSubscribeMessage:ok' }, []],
  ])('%p → %p', (answer, keys) => expect(acceptedKeys(asked, answer)).toEqual(keys));
});

describe('quota arithmetic', () => {
  test('left = accepted − spent, never negative; no document is none left', () => {
    expect(quotaLeft(null)).toBe(0);
    expect(quotaLeft({ accepted: 3, spent: 1 })).toBe(2);
    expect(quotaLeft({ accepted: 1, spent: 1 })).toBe(0);
  });
  test('accepts add one each, bounded', () => {
    expect(withAccepted(null, 1)).toEqual({ accepted: 1, spent: 0 });
    expect(withAccepted({ accepted: 5, spent: 5 }, 1)).toEqual({ accepted: 6, spent: 5 });
    expect(withAccepted({ accepted: MAX_QUOTA, spent: 0 }, 1)).toEqual({ accepted: MAX_QUOTA, spent: 0 });
  });
});

describe('templates: the one keyword mapping', () => {
  test('every template maps each of its fields to a distinct keyword slot of a known kind', () => {
    for (const k of templateKeys) {
      const t = templates[k];
      expect(t.key).toBe(k);
      const slots = t.slots.map((s) => s.slot);
      expect(new Set(slots).size).toBe(slots.length);
      for (const s of slots) expect(s).toMatch(/^(thing|number|date|phrase|character_string)\d+$/);
      expect(templateEnvName(k)).toMatch(/^TEMPLATE_[A-Z]+$/);
      expect(t.page).toMatch(/^\/(packages\/\w+\/)?pages\//);
    }
  });
  test('data for the expert reminder: our fields → thing1…thing5, within WeChat limits', () => {
    expect(
      templateData('stationDaysShort', {
        stationName: '益阳市农学会赫山区水稻产业技术服务站（省级）',
        days: 2,
        required: 6,
        quarterEnd: '2027-01-14',
        note: '还差4天，请尽快到站服务',
      }),
    ).toEqual({
      thing1: '益阳市农学会赫山区水稻产业技术服务站（…',
      number2: '2',
      number3: '6',
      date4: '2027-01-14',
      thing5: '还差4天，请尽快到站服务',
    });
    expect(() => templateData('stationDaysShort', { stationName: 'x' })).toThrow(/days/);
    expect(slotValue('phrase', '未通过审核')).toBe('未通过审核');
    expect(slotValue('phrase', '审核未能通过了')).toBe('审核未能通');
  });
  test('experts are asked for the quarter reminder only; secretaries for theirs', () => {
    expect(templatesFor(['expert']).map((t) => t.key)).toEqual(['stationDaysShort']);
    expect(templatesFor(['secretary']).map((t) => t.key)).toEqual([
      'stationTeamShort',
      'applicationReturned',
      'applicationOutcome',
      'postAwardCheckDue',
    ]);
    expect(templatesFor(['cityStaff'])).toEqual([]);
  });
});
