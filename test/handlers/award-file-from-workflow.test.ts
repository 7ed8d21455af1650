import { chinaDateOf } from '../../shared/calendar';
import { type Programme, programmes } from '../../shared/programmes';
import { awardIdOf } from '../../shared/schemas/awards';
import type { Harness } from '../support/handlers';
import { applicantFor, callsOf, draftReady, harness, ok, passStages, rid, staffFor } from './applications-support';

/**
 * An award file from an application awarded through the workflow (not imported): the application goes
 * draft → stages → publicity → award as the definition says; the awards function then opens its file with
 * the award day taken from the history step into 'awarded', and refuses before that.
 */
let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});
const DAY = 86_400_000;

it('weihai-2025: opened only once awarded; awarded on the day of the award step; the applicant and the city read it', async () => {
  const p = programmes['weihai-2025'] as Programme;
  const kind = p.kinds[0]!;
  const call = callsOf(h);
  const { applicationId, personId } = await draftReady(h, p, kind);
  ok(await call('submit', { applicationId, requestId: rid() }, personId));
  let view = await passStages(h, applicationId);
  // not yet awarded: no award file, and nothing written
  const early = await h.call('awards', 'get', { applicationId }, 'p-city-staff');
  expect(early.error?.code).toBe('AWARD.NOT_AWARDED');
  expect(await h.deps.store.awards.get(awardIdOf(applicationId))).toBeNull();
  const publicityStaff = staffFor(p.publicity!.role, view.castUnitId);
  ok(
    await call(
      'startPublicity',
      {
        applicationId,
        startDate: chinaDateOf(h.clock.now()),
        note: '公示',
        requestId: rid(),
        expected: { status: 'in_review', stageId: null },
      },
      publicityStaff,
    ),
  );
  h.clock.advance(16 * DAY);
  ok(await call('closePublicity', { applicationId, requestId: rid() }, publicityStaff));
  view = await passStages(h, applicationId);
  expect(view.status).toBe('approved');
  h.clock.advance(3 * DAY);
  const awardDay = chinaDateOf(h.clock.now());
  ok(await call('award', { applicationId, plaqueDate: awardDay, requestId: rid() }, staffFor(p.award.role, view.castUnitId)));
  h.clock.advance(10 * DAY);

  const mine = ok(await h.call('awards', 'get', { applicationId }, personId));
  expect(mine).toMatchObject({ id: awardIdOf(applicationId), awardedOn: awardDay, side: 'applicant', status: 'amount', amountFen: null });
  expect(applicantFor(kind).personId).toBe(personId);
  const stored = (await h.deps.store.awards.get(awardIdOf(applicationId)))!;
  expect(stored).toMatchObject({
    applicationId,
    programmeId: p.id,
    kindId: kind.id,
    castUnitId: view.castUnitId,
    budgets: [],
    agreement: null,
  });
  expect(stored.programmeVersion).toBeUndefined();
  expect(ok(await h.call('awards', 'get', { applicationId }, 'p-city-staff')).side).toBe('staff');
});
