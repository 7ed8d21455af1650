import type { Programme } from '../../../shared/programmes';
import { actionableByStaff, type Permissions, pendingOf, permissionsOf } from '../../../shared/rules/permissions';
import type { Application } from '../../../shared/schemas/application';
import type { Role } from '../../../shared/schemas/org';
import { programme } from './fixtures';

const station = programme('yiyang-station-2023'); // stages: county-first-review … talent-office-approval; staff score city-decision
const fiveStar = programme('pingdingshan-five-star'); // one stage, committee-review, scored by reviewers
type AppState = Pick<Application, 'kindId' | 'status' | 'stageId' | 'reviewerIds'>;
const at = (kindId: string, status: Application['status'], stageId: string | null, reviewerIds: string[] = []): AppState => ({
  kindId,
  status,
  stageId,
  reviewerIds,
});
const roles = (...r: Role[]) => r.map((role) => ({ role }));
const none: Permissions = {
  edit: false,
  submit: false,
  withdraw: false,
  review: false,
  pass: false,
  returnForRevision: false,
  reject: false,
  assignReviewers: false,
  score: false,
  startPublicity: false,
  fileObjection: false,
  resolveObjection: false,
  closePublicity: false,
  award: false,
  exportRound: false,
};

describe('permissionsOf (the buttons a caller sees)', () => {
  const rows: [string, Programme, AppState, { personId: string | null; roles: Role[] }, Role[], Role | null, Partial<Permissions>][] = [
    [
      'the applicant on a draft',
      station,
      at('station', 'draft', null),
      { personId: 'p1', roles: [] },
      [],
      'hostContact',
      { edit: true, submit: true, withdraw: true },
    ],
    [
      'city staff at the city’s formal review',
      station,
      at('station', 'in_review', 'city-review'),
      { personId: 'p1', roles: [] },
      ['cityStaff'],
      null,
      { review: true, pass: true, returnForRevision: true, reject: true, exportRound: true },
    ],
    [
      'city staff at the stage they score themselves',
      station,
      at('station', 'in_review', 'city-decision'),
      { personId: 'p1', roles: [] },
      ['cityStaff'],
      null,
      { review: true, pass: true, returnForRevision: true, reject: true, score: true, exportRound: true },
    ],
    [
      'county staff at a city stage',
      station,
      at('station', 'in_review', 'city-review'),
      { personId: 'p1', roles: [] },
      ['countyStaff'],
      null,
      { exportRound: true },
    ],
    [
      'an assigned reviewer',
      fiveStar,
      at('five-star', 'in_review', 'committee-review', ['p1']),
      { personId: 'p1', roles: ['reviewer'] },
      [],
      null,
      { score: true },
    ],
    [
      'a reviewer not assigned',
      fiveStar,
      at('five-star', 'in_review', 'committee-review', ['p2']),
      { personId: 'p1', roles: ['reviewer'] },
      [],
      null,
      {},
    ],
    [
      'assigned, but not (any more) a reviewer',
      fiveStar,
      at('five-star', 'in_review', 'committee-review', ['p1']),
      { personId: 'p1', roles: [] },
      [],
      null,
      {},
    ],
    [
      'city staff at a reviewer-scored stage',
      fiveStar,
      at('five-star', 'in_review', 'committee-review'),
      { personId: 'p9', roles: [] },
      ['cityStaff'],
      null,
      { review: true, pass: true, returnForRevision: true, reject: true, assignReviewers: true, exportRound: true },
    ],
    [
      'city staff during publicity',
      station,
      at('station', 'publicity', null),
      { personId: 'p1', roles: [] },
      ['cityStaff'],
      null,
      // issue 15 finding 10: no pass/return panel during 公示中 — only a rejection (an upheld objection)
      { reject: true, fileObjection: true, resolveObjection: true, closePublicity: true, exportRound: true },
    ],
    [
      'city staff while awaiting publicity (待公示): start it or reject, no pass/return',
      station,
      at('station', 'in_review', null),
      { personId: 'p1', roles: [] },
      ['cityStaff'],
      null,
      { reject: true, startPublicity: true, exportRound: true },
    ],
    ['nobody in particular', station, at('station', 'in_review', 'city-review'), { personId: null, roles: [] }, [], null, {}],
  ];
  it.each(rows)('%s', (_name, p, app, caller, staff, asApplicant, expected) => {
    expect(
      permissionsOf(
        p,
        app,
        { personId: caller.personId, bindings: roles(...caller.roles) },
        roles(...staff),
        asApplicant ? { role: asApplicant } : null,
      ),
    ).toEqual({
      ...none,
      ...expected,
    });
  });
});

describe('pendingOf (the staff home’s counts)', () => {
  const city = new Map([['cityStaff' as Role, new Set(['cast-yy'])]]);
  it.each<[string, Programme, AppState, ReturnType<typeof pendingOf>]>([
    ['a stage of the caller', station, at('station', 'in_review', 'city-review'), 'review'],
    ['a reviewer-scored stage without reviewers', fiveStar, at('five-star', 'in_review', 'committee-review'), 'assign'],
    ['a reviewer-scored stage with reviewers', fiveStar, at('five-star', 'in_review', 'committee-review', ['p1']), 'review'],
    ['awaiting publicity', station, at('station', 'in_review', null), 'publicity'],
    ['during publicity', station, at('station', 'publicity', null), 'publicity'],
    ['approved (the award is the talent office’s)', station, at('station', 'approved', null), null],
    ['rejected', station, at('station', 'rejected', null), null],
  ])('%s', (_name, p, app, kind) => {
    expect(pendingOf(p, { ...app, castUnitId: 'cast-yy' }, city)).toBe(kind);
  });
  it('award for the award role', () => {
    const role = station.award.role;
    expect(pendingOf(station, { ...at('station', 'approved', null), castUnitId: 'cast-yy' }, new Map([[role, new Set(['cast-yy'])]]))).toBe(
      'award',
    );
  });
});

describe('actionableByStaff (the queue’s 待我处理)', () => {
  const app = { ...at('station', 'in_review', 'city-review'), castUnitId: 'cast-yy' };
  it.each<[string, [Role, string[]][], boolean]>([
    ['city staff over the unit, at their stage', [['cityStaff', ['cast-yy', 'cast-hs']]], true],
    ['city staff over another unit', [['cityStaff', ['cast-hs']]], false],
    ['county staff over the unit, at a city stage', [['countyStaff', ['cast-yy']]], false],
    [
      'one of two roles fits',
      [
        ['countyStaff', ['cast-yy']],
        ['cityStaff', ['cast-yy']],
      ],
      true,
    ],
  ])('%s → %s', (_name, held, actionable) => {
    expect(actionableByStaff(station, app, new Map(held.map(([r, u]) => [r, new Set(u)])))).toBe(actionable);
  });
  it('has nothing for staff on a draft', () => {
    expect(
      actionableByStaff(
        station,
        { ...at('station', 'draft', null), castUnitId: 'cast-yy' },
        new Map([['cityStaff', new Set(['cast-yy'])]]),
      ),
    ).toBe(false);
  });
});
