import { chinaDateOf } from '../../shared/calendar';
import { programmes, stagesOf } from '../../shared/programmes';
import type { Harness } from '../support/handlers';
import {
  applicantFor,
  callsOf,
  draftReady,
  harness,
  ok,
  passingFacts,
  passingValues,
  passStages,
  rid,
  roundIdOf,
} from './applications-support';

/**
 * Round limits of the station programme (seed 004): ≤ 5 city-level stations recognised per round
 * (第十二条) and one station per society in the city (第七条(七)) — enforced in the same transaction
 * as the approval, so neither a sixth nor a second for a society slips through.
 */
const p = programmes['yiyang-station-2023'];
const kind = p.kinds[0]!;
const approval = stagesOf(p, kind.id).find((s) => s.type === 'approval')!;

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

/** A city-level station application of test unit `unit`, submitted and passed up to the approval stage. */
async function atApproval(unit: number) {
  const { applicationId, personId } = await draftReady(h, p, kind, unit);
  ok(await callsOf(h)('submit', { applicationId, requestId: rid() }, personId));
  const view = await passStages(h, applicationId, { stopAt: (s) => s.id === approval.id });
  expect(view.stageId).toBe(approval.id);
  return applicationId;
}
const approve = (applicationId: string) =>
  callsOf(h)('review', { applicationId, decision: 'pass', comment: '', fieldComments: {}, checklist: [], requestId: rid() }, 'p-talent');

describe('at most 5 city-level stations per round (第十二条)', () => {
  it('approves five and refuses the sixth with the clause; a rejection frees a place', async () => {
    const ids: string[] = [];
    for (let u = 0; u < 6; u++) ids.push(await atApproval(u));
    for (const id of ids.slice(0, 5)) expect(ok(await approve(id))).toMatchObject({ status: 'in_review', stageId: null });
    const sixth = await approve(ids[5]!);
    expect(sixth.error?.code).toBe('APPLICATION.ROUND_LIMIT');
    expect(sixth.error?.message).toContain('5');
    expect((await h.deps.store.applications.get(ids[5]!))!.stageId).toBe(approval.id);

    // a sixth applicant also sees it in the precheck before submitting
    const { applicationId: seventh, personId } = await draftReady(h, p, kind, 6);
    const pre = ok(await callsOf(h)('precheck', { applicationId: seventh }, personId));
    expect(pre.eligibility.criteria.find((c: { id: string }) => c.id === 'city-per-round')).toMatchObject({ status: 'not_met' });
    expect((await callsOf(h)('submit', { applicationId: seventh, requestId: rid() }, personId)).error?.code).toBe(
      'APPLICATION.ROUND_LIMIT',
    );

    // city staff reject one awaiting publicity (an objection upheld): its place is released
    ok(
      await callsOf(h)(
        'review',
        {
          applicationId: ids[0],
          decision: 'reject',
          comment: '经实地复核，建站条件不具备',
          fieldComments: {},
          checklist: [],
          requestId: rid(),
        },
        'p-city-staff',
      ),
    );
    expect(ok(await approve(ids[5]!))).toMatchObject({ status: 'in_review', stageId: null });
  });

  it('lets exactly one of two simultaneous approvals take the last place', async () => {
    const ids: string[] = [];
    for (let u = 0; u < 6; u++) ids.push(await atApproval(u));
    for (const id of ids.slice(0, 4)) ok(await approve(id));
    const [a, b] = await Promise.all([approve(ids[4]!), approve(ids[5]!)]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    expect([a, b].find((r) => !r.ok)!.error?.code).toBe('APPLICATION.ROUND_LIMIT');
    const quota = await h.deps.store.applications.quota(`round:${roundIdOf(h, p.id)}:${kind.id}`);
    expect(quota.entries).toHaveLength(5);
  });
});

describe('one station per society in the city (第七条(七))', () => {
  it('refuses a second station for a society that already has one (demo: 益阳市农学会)', async () => {
    const { personId } = applicantFor(kind, 1);
    const saved = ok(
      await callsOf(h)(
        'saveDraft',
        {
          programmeId: p.id,
          kindId: kind.id,
          roundId: roundIdOf(h, p.id),
          values: passingValues(p, kind),
          facts: passingFacts(h, p, kind.id),
          baseVersion: 0,
          requestId: rid(),
          societyId: 'soc-agri',
        },
        personId,
      ),
    );
    const pre = ok(await callsOf(h)('precheck', { applicationId: saved.applicationId }, personId));
    expect(pre.eligibility.criteria.find((c: { id: string }) => c.id === 'one-per-society')).toMatchObject({ status: 'not_met' });
  });

  it('refuses approving a second application of the same society while the first is recognised', async () => {
    const first = await atApproval(0);
    ok(await approve(first));
    // another host unit names the same host society (soc-t1)
    const { personId } = applicantFor(kind, 1);
    const saved = ok(
      await callsOf(h)(
        'saveDraft',
        {
          programmeId: p.id,
          kindId: kind.id,
          roundId: roundIdOf(h, p.id),
          values: passingValues(p, kind),
          facts: passingFacts(h, p, kind.id),
          baseVersion: 0,
          requestId: rid(),
          societyId: 'soc-t1',
        },
        personId,
      ),
    );
    const r = await callsOf(h)('submit', { applicationId: saved.applicationId, requestId: rid() }, personId);
    // refused at submit: the limit is already reached (materials are not even looked at)
    expect(r.error?.code).toBe('APPLICATION.ROUND_LIMIT');
    expect(r.error?.message).toContain('第七条(七)');
  });

  it('counts an awarded station once: its own record and its quota entry are the same station', async () => {
    const id = await atApproval(0);
    ok(await approve(id));
    const call = callsOf(h);
    const today = chinaDateOf(h.clock.now());
    ok(await call('startPublicity', { applicationId: id, startDate: today, note: '', requestId: rid() }, 'p-city-staff'));
    h.clock.advance(10 * 86_400_000);
    ok(await call('closePublicity', { applicationId: id, requestId: rid() }, 'p-city-staff'));
    const awarded = ok(await call('award', { applicationId: id, plaqueDate: chinaDateOf(h.clock.now()), requestId: rid() }, 'p-talent'));
    expect(awarded.stationId).toBeTruthy();
    const { personId } = applicantFor(kind, 1);
    const saved = ok(
      await call(
        'saveDraft',
        {
          programmeId: p.id,
          kindId: kind.id,
          roundId: roundIdOf(h, p.id),
          values: passingValues(p, kind),
          facts: passingFacts(h, p, kind.id),
          baseVersion: 0,
          requestId: rid(),
          societyId: 'soc-t1',
        },
        personId,
      ),
    );
    const pre = ok(await call('precheck', { applicationId: saved.applicationId }, personId));
    const limit = pre.eligibility.criteria.find((c: { id: string }) => c.id === 'one-per-society');
    expect(limit).toMatchObject({ status: 'not_met' });
    expect(limit.reason).toContain('已有 1 家');
  });
});
