import { chinaDateOf } from '../../shared/calendar';
import { stagesOf } from '../../shared/programmes';
import { asIssued } from '../../shared/rules/oversight';
import type { Harness } from '../support/handlers';
import { callsOf, districtHarness, draftReady, ok, passStages, registeredKinds, rid, staffFor } from './applications-support';

/**
 * Every kind of every REGISTERED programme (the built-in ones and those the tests register, e.g. the
 * sixth, district-scoped — issue 16 item 5) goes from draft to award through its own stages: the engine
 * reads the definition, no programme has a code path of its own. Each step is taken by the role the
 * definition names, resolved against the programme's issuing unit (a district's county staff).
 */
let h: Harness;
beforeEach(async () => {
  h = await districtHarness();
});
afterEach(async () => {
  await h.close();
});

const DAY = 86_400_000;

describe.each(registeredKinds)('%s: draft → submit → every stage → publicity → award', (_name, definition, kind) => {
  const p = asIssued(definition);
  it('goes the whole way, each step in the history and the audit log', async () => {
    const call = callsOf(h);
    const { applicationId, personId } = await draftReady(h, p, kind);

    const pre = ok(await call('precheck', { applicationId }, personId));
    expect(pre.blockers).toEqual([]);
    expect(pre.canSubmit).toBe(true);

    const submitted = ok(await call('submit', { applicationId, requestId: rid() }, personId));
    const stages = stagesOf(p, kind.id).filter((s) => s.phase === 'beforePublicity');
    expect(submitted).toMatchObject({ status: 'in_review', stageId: stages[0]!.id });

    const log: string[] = [];
    let view = await passStages(h, applicationId, { log });
    // every before-publicity stage was passed, in the definition's order, by its own role
    expect(log.map((l) => l.split(':')[0])).toEqual(stages.map((s) => s.id));
    expect(view).toMatchObject({ status: 'in_review', stageId: null, stageLabel: '待公示' });

    const publicityStaff = staffFor(p.publicity!.role, view.castUnitId);
    const today = chinaDateOf(h.clock.now());
    const started = ok(
      await call(
        'startPublicity',
        { applicationId, startDate: today, note: '在市科协网站公示', requestId: rid(), expected: { status: 'in_review', stageId: null } },
        publicityStaff,
      ),
    );
    expect(started.status).toBe('publicity');
    expect(started.publicity).toMatchObject({ startDate: today, days: p.publicity!.days, dayKind: p.publicity!.dayKind });

    // publicity not over: refused; an objection filed; once over, the open objection refuses; resolved → closes
    const early = await call('closePublicity', { applicationId, requestId: rid() }, publicityStaff);
    expect(early.error?.code).toBe('APPLICATION.PUBLICITY_NOT_OVER');
    const objection = ok(
      await call(
        'fileObjection',
        { applicationId, content: '群众来信反映申报材料中的人员情况与实际不符', requestId: rid() },
        publicityStaff,
      ),
    );
    h.clock.advance(16 * DAY);
    const blocked = await call('closePublicity', { applicationId, requestId: rid() }, publicityStaff);
    expect(blocked.error?.code).toBe('APPLICATION.OBJECTION_OPEN');
    ok(
      await call(
        'resolveObjection',
        { objectionId: objection.objectionId, resolution: '经核实，人员情况属实，异议不成立', requestId: rid() },
        publicityStaff,
      ),
    );
    ok(await call('closePublicity', { applicationId, requestId: rid() }, publicityStaff));

    // stages after publicity (weihai: 党组会研究通过), then approved
    view = await passStages(h, applicationId);
    expect(view.status).toBe('approved');

    const awarder = staffFor(p.award.role, view.castUnitId);
    const plaqueDate = chinaDateOf(h.clock.now());
    const awarded = ok(await call('award', { applicationId, plaqueDate, requestId: rid() }, awarder));
    expect(awarded.status).toBe('awarded');

    // Staff read the whole history; the applicant a projection without objections (issue 11, finding 3).
    const final = ok(await call('get', { applicationId }, awarder));
    expect(final.status).toBe('awarded');
    const actions = final.history.map((x: { action: string }) => x.action);
    expect(actions[0]).toBe('created');
    expect(actions).toEqual(
      expect.arrayContaining(['submit', 'pass', 'startPublicity', 'objection', 'objectionResolved', 'endPublicity', 'award']),
    );
    expect(final.history.every((x: { actorName: string; at: number }) => x.actorName !== '' && x.at > 0)).toBe(true);
    const mine = ok(await call('get', { applicationId }, personId));
    const seen = mine.history.map((x: { action: string }) => x.action);
    expect(seen).toEqual(expect.arrayContaining(['created', 'submit', 'pass', 'startPublicity', 'endPublicity', 'award']));
    expect(seen).not.toContain('objection');
    expect(seen).not.toContain('objectionResolved');
    expect(mine.history.every((x: { actorName: string; at: number }) => x.actorName !== '' && x.at > 0)).toBe(true);

    const audit = await h.deps.store.applications.auditOf(applicationId);
    const audited = audit.map((a) => a.action);
    for (const a of [
      'application.create',
      'application.submit',
      'application.pass',
      'application.startPublicity',
      'application.endPublicity',
      'application.award',
    ]) {
      expect(audited).toContain(a);
    }
    expect(audit.filter((a) => a.action === 'application.pass')).toHaveLength(stagesOf(p, kind.id).length);

    if (kind.stationLevels) {
      // 授牌: the station record exists with its plaque date, level and host, and starts its assessment calendar
      expect(awarded.stationId).toBeTruthy();
      const station = await h.deps.store.org.station(awarded.stationId);
      expect(station).toMatchObject({
        programmeId: p.id,
        level: 'city',
        plaqueDate,
        societyId: 'soc-t1',
        hostUnitId: 'hu-t1',
        castUnitId: 'cast-heshan',
        expertIds: [],
        termYears: p.cycle.cycleYears,
        status: 'active',
        applicationId,
      });
      expect(final.stationId).toBe(awarded.stationId);
    } else {
      expect(awarded.stationId).toBeNull();
    }
  });
});
