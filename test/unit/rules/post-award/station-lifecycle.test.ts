import {
  changeEffect,
  changeRequestRefusal,
  type RenewalFacts,
  renewalRefusal,
  stationEnded,
  termEndsOn,
} from '../../../../shared/rules/post-award/station-lifecycle';
import type { Station } from '../../../../shared/schemas/org';
import { programme } from '../fixtures';

/**
 * The station lifecycle rules (seed 004): the term's last day, when a station may apply again
 * (第十三条) and which 第十四条 requests may be filed.
 */
const station = programme('yiyang-station-2023');
const st = (over: Partial<Station> = {}) =>
  ({ id: 's1', status: 'active', plaqueDate: '2025-10-15', termYears: 2, programmeId: station.id, changeRequests: [], ...over }) as Station;

describe('[yiyang-station-2023:post-award.renewal] renewal after the term (第十三条)', () => {
  it('the term ends the day before the plaque date’s anniversary', () => {
    expect(termEndsOn(st())).toBe('2027-10-14');
    expect(termEndsOn(st({ plaqueDate: '2024-02-29', termYears: 1 }))).toBe('2025-02-27');
  });
  const ok: RenewalFacts = { station: st(), programme: station, today: '2027-11-01', termEndPassed: true, openRound: true };
  it.each<[string, Partial<RenewalFacts>, string | null]>([
    ['term passed, term-end year passed, a round open: may apply', {}, null],
    ['on the last day of the term: not yet', { today: '2027-10-14' }, '合作期至 2027-10-14 届满，期满后方可申请续建（第十三条）'],
    ['term-end result not published', { termEndPassed: null }, '期满考核结果尚未发布，考核合格后方可申请续建（第十三条）'],
    ['term-end year failed', { termEndPassed: false }, '期满考核不合格，不能申请续建（第十三条）'],
    ['no open round', { openRound: false }, '目前没有正在受理的申报批次，请在市科协开放申报后再申请'],
    ['de-listed', { station: st({ status: 'delisted' }) }, '服务站已摘牌，不能申请续建'],
    ['closed', { station: st({ status: 'closed' }) }, '服务站已撤销，不能申请续建'],
    [
      'a programme without renewal',
      { programme: { ...station, postAward: { ...station.postAward!, renewal: undefined } } },
      '本项目没有期满续建的规定',
    ],
  ])('%s', (_n, over, want) => {
    expect(renewalRefusal({ ...ok, ...over })).toBe(want);
  });
});

describe('[yiyang-station-2023:post-award.changes] requests to merge, reorganise or close (第十四条)', () => {
  const base = { station: st(), programme: station, type: 'close' as const, mergeInto: null, mergeIntoId: null };
  const other = st({ id: 's2' });
  it.each<[string, Partial<Parameters<typeof changeRequestRefusal>[0]>, string | null]>([
    ['close: may be filed', {}, null],
    ['reorganise: may be filed', { type: 'reorganise' }, null],
    ['merge into another running station', { type: 'merge', mergeInto: other, mergeIntoId: 's2' }, null],
    ['merge without the surviving station', { type: 'merge' }, 'mergeIntoStationId'],
    ['merge into itself', { type: 'merge', mergeInto: st(), mergeIntoId: 's1' }, 'mergeIntoStationId'],
    [
      'merge into a de-listed station',
      { type: 'merge', mergeInto: st({ id: 's2', status: 'delisted' }), mergeIntoId: 's2' },
      'mergeIntoStationId',
    ],
    ['close naming a station to merge into', { mergeIntoId: 's2' }, 'mergeIntoStationId'],
    ['a closed station', { station: st({ status: 'closed' }) }, 'stationId'],
    [
      'one pending request at a time',
      {
        station: st({
          changeRequests: [
            {
              id: 'r1',
              type: 'close',
              reason: 'x',
              mergeIntoStationId: null,
              attachments: [],
              requestedBy: 'p',
              requestedAt: 1,
              status: 'pending',
              decision: null,
            },
          ],
        }),
      },
      'type',
    ],
    ['a programme without 第十四条', { programme: { ...station, postAward: { ...station.postAward!, changes: undefined } } }, 'type'],
  ])('%s', (_n, over, path) => {
    expect(changeRequestRefusal({ ...base, ...over })?.path ?? null).toBe(path);
  });
  it('approving: close and merge close the station, a merge moves the team, a reorganisation is recorded', () => {
    expect(changeEffect('close')).toEqual({ close: true, moveTeam: false });
    expect(changeEffect('merge')).toEqual({ close: true, moveTeam: true });
    expect(changeEffect('reorganise')).toEqual({ close: false, moveTeam: false });
    expect([
      stationEnded('active'),
      stationEnded('rectifying'),
      stationEnded('delisting'),
      stationEnded('delisted'),
      stationEnded('closed'),
    ]).toEqual([false, false, false, true, true]);
  });
});
