import type { Programme } from '../../../shared/programmes';
import {
  hasRoundLimit,
  hasSocietyLimit,
  isRecognition,
  levelOfFacts,
  limitCounts,
  type Quota,
  type QuotaEntry,
  quotaChanges,
  societyLimitRefusal,
} from '../../../shared/rules/limits';
import type { Sanction } from '../../../shared/rules/penalty';
import type { ApplicationStatus, WorkflowActionType } from '../../../shared/rules/workflow';
import { programme, stationFacts } from './fixtures';

const station = programme('yiyang-station-2023');
const wuhan = programme('wuhan-award');
const fiveStar = programme('pingdingshan-five-star');
/** The station programme with its approval stage (市委人才办审定) removed: approval itself recognises. */
const noApproval: Programme = { ...station, stages: station.stages.filter((s) => s.type !== 'approval') };
const entry = (applicationId: string, level: QuotaEntry['level'] = 'city'): QuotaEntry => ({ applicationId, level, at: 1 });
const quota = (...entries: QuotaEntry[]): Quota => ({ entries });

describe('which limits a kind has (第十二条 per round, 第七条(七) per society)', () => {
  it.each<[string, Programme, string, boolean, boolean]>([
    ['station programme, station kind', station, 'station', true, true],
    ['Wuhan award: a round quota only', wuhan, 'award', true, false],
    ['Pingdingshan five-star: no limit', fiveStar, 'five-star', false, false],
  ])('%s', (_name, p, kindId, round, society) => {
    expect(hasRoundLimit(p, kindId)).toBe(round);
    expect(hasSocietyLimit(p, kindId)).toBe(society);
  });
});

describe('levelOfFacts', () => {
  it.each([
    ['city', 'city'],
    ['provincial', 'provincial'],
    ['national', 'national'],
    ['county', null],
    [undefined, null],
    [true, null],
  ] as const)('%p → %p', (level, expected) => {
    expect(levelOfFacts(level === undefined ? {} : { level })).toBe(expected);
  });
});

describe('isRecognition (the step that counts an application against the limits)', () => {
  const rows: [string, Programme, { status: ApplicationStatus; stageId: string | null }, WorkflowActionType, ApplicationStatus, boolean][] =
    [
      ['passing the approval stage', station, { status: 'in_review', stageId: 'talent-office-approval' }, 'pass', 'approved', true],
      ['passing the stage before approval', station, { status: 'in_review', stageId: 'city-decision' }, 'pass', 'in_review', false],
      ['rejecting at the approval stage', station, { status: 'in_review', stageId: 'talent-office-approval' }, 'reject', 'rejected', false],
      [
        'no approval stage: the step that approves',
        noApproval,
        { status: 'in_review', stageId: 'city-decision' },
        'pass',
        'approved',
        true,
      ],
      [
        'no approval stage: a step that does not approve',
        noApproval,
        { status: 'in_review', stageId: 'city-review' },
        'pass',
        'in_review',
        false,
      ],
      ['no approval stage: already approved', noApproval, { status: 'approved', stageId: null }, 'award', 'approved', false],
    ];
  it.each(rows)('%s', (_name, p, cur, type, next, expected) => {
    expect(isRecognition(p, 'station', cur, type, next)).toBe(expected);
  });
});

describe('limitCounts (what eligibility and the round limits read)', () => {
  it('counts the others in the round by level, never the application itself', () => {
    const c = limitCounts(
      'a1',
      { 'city-per-round': 5 },
      quota(entry('a1'), entry('a2'), entry('a3', 'provincial'), entry('a4', null)),
      quota(),
      [],
      [],
    );
    expect(c.approvedInRound).toEqual({ total: 3, byLevel: { national: 0, provincial: 1, city: 1 } });
    expect(c.roundQuotas).toEqual({ 'city-per-round': 5 });
  });
  it('counts a station awarded from an application once, through its quota entry', () => {
    const stations = [
      { id: 's1', applicationId: 'a2' }, // awarded from a2, which holds a quota entry
      { id: 's2', applicationId: null }, // an older station
      { id: 's3', applicationId: 'a9' }, // awarded from an application no longer in the quota
    ];
    const c = limitCounts('a1', null, quota(), quota(entry('a1'), entry('a2')), stations, []);
    expect(c.societyActiveStations).toBe(3); // s2, s3, and a2's entry
    expect(c.roundQuotas).toEqual({});
  });
  it('passes the sanctions on to the eligibility rule', () => {
    const sanctions: Sanction[] = [{ penaltyId: 'fund-misuse', imposedOn: '2025-01-01' }];
    expect(limitCounts('a1', null, quota(), quota(), [], sanctions).sanctions).toBe(sanctions);
  });
});

describe('societyLimitRefusal (第七条(七): one station per society in the city)', () => {
  const counts = (societyActiveStations: number) => ({ societyActiveStations });
  it('refuses a second station of the same society, naming the clause', () => {
    expect(societyLimitRefusal(station, 'station', stationFacts(), counts(1))).toBe(
      '同一学会在本市范围内只认定一家学会服务站：建站学会在本市已有 1 家学会服务站，同一学会原则上只认定 1 家（第七条(七)）',
    );
  });
  it('lets the first one through', () => {
    expect(societyLimitRefusal(station, 'station', stationFacts(), counts(0))).toBeNull();
  });
  it('says nothing for a kind without the limit', () => {
    expect(societyLimitRefusal(wuhan, 'award', {}, counts(5))).toBeNull();
  });
});

describe('quotaChanges (what a step does to the quotas)', () => {
  const app = { id: 'a1', kindId: 'station', societyId: 'soc1' };
  const step = (recognised: boolean, nextStatus: ApplicationStatus) => ({ recognised, nextStatus, level: 'city' as const, at: 7 });
  it('counts a recognised application once against the round and the society', () => {
    expect(quotaChanges(station, app, step(true, 'approved'), { round: quota(entry('a2')), society: quota() })).toEqual({
      round: [entry('a2'), { applicationId: 'a1', level: 'city', at: 7 }],
      society: [{ applicationId: 'a1', level: 'city', at: 7 }],
    });
  });
  it('does not count it twice', () => {
    expect(quotaChanges(station, app, step(true, 'approved'), { round: quota(entry('a1')), society: quota(entry('a1')) })).toEqual({
      round: null,
      society: null,
    });
  });
  it('counts only against the limits the kind has, and a society quota only with a society', () => {
    const recognised = step(true, 'approved');
    const empty = { round: quota(), society: quota() };
    expect(quotaChanges(station, { ...app, societyId: null }, recognised, empty).society).toBeNull();
    expect(quotaChanges(wuhan, { ...app, kindId: 'award' }, recognised, empty)).toEqual({
      round: [{ applicationId: 'a1', level: 'city', at: 7 }],
      society: null,
    });
    expect(quotaChanges(fiveStar, { ...app, kindId: 'five-star' }, recognised, empty)).toEqual({ round: null, society: null });
  });
  it.each<ApplicationStatus>(['rejected', 'withdrawn'])('releases a %s application from both quotas', (status) => {
    expect(
      quotaChanges(station, app, step(false, status), { round: quota(entry('a1'), entry('a2')), society: quota(entry('a1')) }),
    ).toEqual({
      round: [entry('a2')],
      society: [],
    });
    expect(quotaChanges(station, app, step(false, status), { round: quota(entry('a2')), society: quota() })).toEqual({
      round: null,
      society: null,
    });
  });
  it('leaves the quotas alone on any other step', () => {
    expect(quotaChanges(station, app, step(false, 'in_review'), { round: quota(entry('a1')), society: quota(entry('a1')) })).toEqual({
      round: null,
      society: null,
    });
  });
});
