import { seedApplicationRounds } from '../../local/demo/applications';
import { CITY_B, seedSecondCity } from '../../local/demo/second-city';
import { programmes, stagesOf } from '../../shared/programmes';
import { type Harness, makeDeps } from '../support/handlers';
import { allKinds, callsOf, draftReady, ok, passStages, rid, seedTestUnits, staffFor } from './applications-support';

/**
 * More than one city (issue 13, item 5), through the handlers: a city enables a programme
 * (org.setProgrammeEnabled, audited, idempotent), opens rounds only of what it enables, its applicants
 * are offered those programmes and see their own city's rounds only, and reviewers serve their city.
 * The full read-isolation sweep is test/hardening/city-isolation.test.ts.
 */
let h: Harness;
const YY_STAFF = 'p-yy-city-staff';
const YY_SEC = 'p-yy-sec';
const auditRows = async () => (await h.deps.store.audit.forEntity('castUnit', 'cast-yiyang', 'all')).map((e) => JSON.stringify(e));

beforeAll(async () => {
  h = await makeDeps({ now: '2026-11-20T10:00:00+08:00', seeders: [seedApplicationRounds, seedTestUnits, seedSecondCity] });
});
afterAll(() => h?.close());

describe('a city enables a programme (org.setProgrammeEnabled)', () => {
  it('city staff of that city only; audited with before and after; the same request twice, or the same state again, writes nothing', async () => {
    const requestId = rid();
    const input = { requestId, programmeId: 'wuhan-award', enabled: true };
    const audits = new Set(await auditRows());
    expect(ok(await h.call('org', 'setProgrammeEnabled', input, 'p-city-staff'))).toEqual({
      id: 'cast-yiyang',
      created: false,
      changed: true,
    });
    const rows = (await auditRows()).filter((r) => !audits.has(r)).map((r) => JSON.parse(r) as Record<string, string>);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows[0])).toContain('programme.enable');
    expect(JSON.stringify(rows[0])).toContain('wuhan-award');
    expect((await h.deps.store.org.castUnit('cast-yiyang'))?.programmeIds).toEqual([
      'yiyang-station-2023',
      'yiyang-capacity-2018',
      'wuhan-award',
    ]);
    // replayed: the first answer; a new request to the same state: unchanged, no audit row
    expect(ok(await h.call('org', 'setProgrammeEnabled', input, 'p-city-staff')).changed).toBe(true);
    expect(ok(await h.call('org', 'setProgrammeEnabled', { ...input, requestId: rid() }, 'p-city-staff')).changed).toBe(false);
    expect((await auditRows()).length).toBe(audits.size + 1);
    // the read: each staff member's city
    const read = ok(await h.call('org', 'cityProgrammes', {}, 'p-heshan-staff'));
    expect(read.cities.map((c: { castUnitId: string }) => c.castUnitId)).toEqual(['cast-yiyang']);
    expect(read.cities[0].mayChange).toBe(false);
    expect(read.cities[0].programmes.filter((p: { enabled: boolean }) => p.enabled).map((p: { id: string }) => p.id)).toEqual(
      ['yiyang-station-2023', 'wuhan-award', 'yiyang-capacity-2018']
        .filter((id) => id in programmes)
        .sort((a, b) => Object.keys(programmes).indexOf(a) - Object.keys(programmes).indexOf(b)),
    );
    // and off again
    expect(
      ok(await h.call('org', 'setProgrammeEnabled', { requestId: rid(), programmeId: 'wuhan-award', enabled: false }, 'p-city-staff'))
        .changed,
    ).toBe(true);
  });
  it('refused: a county, another city’s staff, an unknown programme', async () => {
    const before = await h.snapshot();
    const input = { requestId: rid(), programmeId: 'wuhan-award', enabled: true };
    expect((await h.call('org', 'setProgrammeEnabled', input, 'p-heshan-staff')).error?.code).toBe('AUTH.FORBIDDEN');
    expect(
      (await h.call('org', 'setProgrammeEnabled', { ...input, requestId: rid(), castUnitId: 'cast-yiyang' }, YY_STAFF)).error?.code,
    ).toBe('AUTH.FORBIDDEN');
    expect(
      (await h.call('org', 'setProgrammeEnabled', { ...input, requestId: rid(), programmeId: 'no-such' }, 'p-city-staff')).error?.code,
    ).toBe('NOT_FOUND');
    expect(await h.snapshot()).toEqual(before);
  });
});

describe('rounds are per city, of enabled programmes', () => {
  it('saveRound refuses a programme the city has not enabled (ROUND.PROGRAMME_NOT_ENABLED, a Chinese message)', async () => {
    const round = { programmeId: 'yiyang-capacity-2018', year: 2027, opensOn: '2027-03-01', closesOn: '2027-04-30', limits: {} };
    const r = await h.call('org', 'saveRound', { requestId: rid(), round }, YY_STAFF);
    expect(r.error?.code).toBe('ROUND.PROGRAMME_NOT_ENABLED');
    expect(r.error?.message).toMatch(/尚未启用该项目/);
  });
  it('two cities each open a round of one programme and year: two rounds, each its city’s', async () => {
    const round = { programmeId: 'yiyang-station-2023', year: 2028, opensOn: '2028-03-01', closesOn: '2028-04-30' };
    const a = ok(await h.call('org', 'saveRound', { requestId: rid(), round }, 'p-city-staff'));
    const b = ok(await h.call('org', 'saveRound', { requestId: rid(), round }, YY_STAFF));
    expect(a.id).not.toBe(b.id);
    expect((await h.deps.store.applications.round(a.id))?.castUnitId).toBe('cast-yiyang');
    expect((await h.deps.store.applications.round(b.id))?.castUnitId).toBe(CITY_B);
    // saving again updates the city's own round
    const again = ok(await h.call('org', 'saveRound', { requestId: rid(), round: { ...round, closesOn: '2028-05-31' } }, YY_STAFF));
    expect(again).toEqual({ id: b.id, created: false, changed: true });
  });
  it('an applicant is offered what their city enables and sees their city’s rounds only', async () => {
    const yy = ok(await h.call('applications', 'openCalls', {}, YY_SEC));
    expect(yy.calls.map((c: { programmeId: string }) => c.programmeId)).toEqual(['yiyang-station-2023']);
    const roundsB = yy.calls[0].rounds.map((r: { id: string }) => r.id) as string[];
    expect(roundsB.length).toBeGreaterThan(0);
    for (const id of roundsB) expect((await h.deps.store.applications.round(id))?.castUnitId).toBe(CITY_B);
    const yi = ok(await h.call('applications', 'openCalls', {}, 'p-sec-mech'));
    for (const c of yi.calls)
      for (const r of c.rounds) expect((await h.deps.store.applications.round(r.id))?.castUnitId ?? 'cast-yiyang').toBe('cast-yiyang');
    expect(yi.hostUnits.map((x: { castUnitId: string }) => x.castUnitId)).not.toContain('cast-pingjiang');
  });
  it('a secretary cannot file into another city’s round', async () => {
    const [, p, kind] = allKinds.find(([, x, k]) => x.id === 'yiyang-station-2023' && k.applicantRoles.includes('secretary'))!;
    const roundA = (await h.deps.store.applications.rounds(p.id)).find((r) => r.castUnitId === 'cast-yiyang')!;
    const r = await h.call(
      'applications',
      'saveDraft',
      {
        programmeId: p.id,
        kindId: kind.id,
        roundId: roundA.id,
        values: {},
        facts: {},
        baseVersion: 0,
        requestId: rid(),
        hostUnitId: 'hu-pingjiang',
        societyId: 'soc-yy-agri',
      },
      YY_SEC,
    );
    expect(r.error?.code).toBe('NOT_FOUND');
  });
});

describe('reviewers belong to a city', () => {
  it('an application’s reviewer pool holds its city’s reviewers only; another city’s cannot be assigned', async () => {
    const [, p, kind] = allKinds.find(([, x, k]) => x.id.startsWith('yiyang') && stagesOf(x, k.id).some((s) => s.scoredBy === 'reviewer'))!;
    const call = callsOf(h);
    const { applicationId, personId } = await draftReady(h, p, kind, 3);
    ok(await call('submit', { applicationId, requestId: rid() }, personId));
    const view = await passStages(h, applicationId, { stopAt: (s) => s.scoredBy === 'reviewer' });
    const staff = staffFor(stagesOf(p, kind.id).find((s) => s.id === view.stageId)!.role, view.castUnitId);
    const pool = ok(await call('reviewerCandidates', { applicationId }, staff)).map((c: { personId: string }) => c.personId);
    expect(pool).toContain('p-reviewer-1');
    expect(pool).not.toContain('p-yy-reviewer');
    const expected = { status: view.status, stageId: view.stageId };
    const r = await call('assignReviewers', { applicationId, reviewerIds: ['p-yy-reviewer'], requestId: rid(), expected }, staff);
    expect(r.error?.code).toBe('INPUT.INVALID');
  });
  it('a reviewer invited by a city’s staff serves that city (the invite carries it)', async () => {
    const made = ok(
      await h.call('identity', 'createInvite', { role: 'reviewer', scope: {}, newPerson: { name: '新评审', title: '教授' } }, YY_STAFF),
    );
    ok(await h.call('identity', 'redeemInvite', { code: made.code }, { openid: 'o-cities-new-reviewer' }));
    const bindings = await h.deps.store.identity.activeBindings('o-cities-new-reviewer');
    expect(bindings.map((b) => [b.role, b.scope.castUnitId])).toEqual([['reviewer', CITY_B]]);
    expect((await h.deps.store.org.person(made.personId))?.castUnitId).toBe(CITY_B);
    // the first city's staff do not list them
    const listed = ok(await h.call('identity', 'listBindings', {}, 'p-city-staff'));
    expect(JSON.stringify(listed)).not.toContain(made.personId);
  });
});
