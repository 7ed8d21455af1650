import { demoBindings } from '../../local/demo/org';
import { programmes } from '../../shared/programmes';
import type { Harness } from '../support/handlers';
import { callsOf, draftReady, harness, ok, passingFacts, passingValues, passStages, rid, roundIdOf } from './applications-support';
import { AGRI, joinSecondStation, TEA } from './stations-support';

/**
 * Authorization fixes found while building the authorization matrix (test/hardening/authz.test.ts).
 * Each test fails on the code before its fix.
 */
let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

const scope = (s: Record<string, string> = {}) => ({ societyId: null, stationId: null, hostUnitId: null, castUnitId: null, ...s });

describe('identity.redeemInvite: one WeChat account is one person', () => {
  it('an OPENID bound to one person cannot redeem an invite issued to another; the invite stays usable', async () => {
    const inv = ok(await h.call('identity', 'createInvite', { role: 'reviewer', personId: 'p-newcomer', scope: scope() }, 'p-city-staff'));
    const before = h.snapshot();
    const r = await h.call('identity', 'redeemInvite', { code: inv.code }, 'p-exp-tea-1');
    expect(r.error).toMatchObject({ code: 'AUTH.FORBIDDEN', message: expect.stringContaining('其他人员') });
    expect(h.snapshot()).toEqual(before);
    const me = ok(await h.call('identity', 'me', {}, 'p-exp-tea-1'));
    expect(me.bindings.map((b: { role: string }) => b.role)).toEqual(['expert']);
    // the person it was issued to (a fresh WeChat account) still redeems it
    expect(ok(await h.call('identity', 'redeemInvite', { code: inv.code }, { openid: 'o-newcomer' })).person.id).toBe('p-newcomer');
  });

  it('a second role for the same person is redeemed on the same OPENID', async () => {
    const inv = ok(await h.call('identity', 'createInvite', { role: 'reviewer', personId: 'p-exp-tea-1', scope: scope() }, 'p-city-staff'));
    const me = ok(await h.call('identity', 'redeemInvite', { code: inv.code }, 'p-exp-tea-1'));
    expect(me.bindings.map((b: { role: string }) => b.role).sort()).toEqual(['expert', 'reviewer']);
  });
});

describe('stations.withdrawEntry: only an author still on the team', () => {
  it('an expert removed from the team (still an expert elsewhere) can no longer withdraw an entry of that station', async () => {
    await joinSecondStation(h, 'p-exp-agri-5', TEA);
    const logged = ok(
      await h.call('stations', 'logServiceDay', { requestId: rid(), stationId: AGRI, date: '2026-11-19', note: '' }, 'p-exp-agri-5'),
    );
    const agriBinding = demoBindings.find((b) => b.personId === 'p-exp-agri-5')!;
    ok(await h.call('identity', 'revokeBinding', { bindingId: agriBinding.id, reason: '调离专家团队' }, 'p-city-staff'));
    const before = h.snapshot();
    const r = await h.call('stations', 'withdrawEntry', { requestId: rid(), recordId: logged.record.id, reason: '' }, 'p-exp-agri-5');
    expect(r.error?.code).toBe('STATION.NOT_MEMBER');
    expect(h.snapshot()).toEqual(before);
    // the author still on the team withdraws as before
    const own = ok(
      await h.call('stations', 'logServiceDay', { requestId: rid(), stationId: AGRI, date: '2026-11-19', note: '' }, 'p-exp-agri-1'),
    );
    const w = ok(
      await h.call('stations', 'withdrawEntry', { requestId: rid(), recordId: own.record.id, reason: '登记有误' }, 'p-exp-agri-1'),
    );
    expect(w.record.status).toBe('withdrawn');
  });
});

const CAP = programmes['yiyang-capacity-2018'];
const CAP_KIND = CAP.kinds.find((k) => k.id === 'demonstration')!;
const capDraftInput = (extra: Record<string, unknown> = {}) => ({
  programmeId: CAP.id,
  kindId: CAP_KIND.id,
  roundId: roundIdOf(h, CAP.id),
  values: passingValues(CAP, CAP_KIND),
  facts: passingFacts(h, CAP, CAP_KIND.id),
  baseVersion: 0,
  requestId: rid(),
  ...extra,
});

describe('applications.saveDraft: a secretary applies for their own society only', () => {
  it('naming another society is refused (it used to file silently for the caller’s own)', async () => {
    const before = h.snapshot();
    const r = await h.call('applications', 'saveDraft', capDraftInput({ societyId: 'soc-agri' }), 'p-sec-tea');
    expect(r.error).toMatchObject({ code: 'AUTH.FORBIDDEN', message: '您只能为自己的学会申报' });
    expect(h.snapshot()).toEqual(before);
  });
  it('naming their own society, or none, files for it', async () => {
    for (const extra of [{ societyId: 'soc-tea' }, {}]) {
      const saved = ok(await h.call('applications', 'saveDraft', capDraftInput(extra), 'p-sec-tea'));
      expect((await h.deps.store.applications.get(saved.applicationId))!.applicant.societyId).toBe('soc-tea');
    }
  });
});

describe('applications: a draft never submitted belongs to the applicant', () => {
  it('overseeing staff read it only once it is submitted', async () => {
    const p = programmes['yiyang-station-2023'];
    const { applicationId, personId } = await draftReady(h, p, p.kinds[0]!);
    for (const action of ['get', 'precheck', 'exportForm']) {
      for (const staff of ['p-heshan-staff', 'p-city-staff', 'p-talent']) {
        expect([action, staff, (await h.call('applications', action, { applicationId }, staff)).error?.code]).toEqual([
          action,
          staff,
          'AUTH.FORBIDDEN',
        ]);
      }
      expect((await h.call('applications', action, { applicationId }, personId)).ok).toBe(true);
    }
    ok(await h.call('applications', 'submit', { applicationId, requestId: rid() }, personId));
    for (const action of ['get', 'precheck', 'exportForm'])
      expect((await h.call('applications', action, { applicationId }, 'p-heshan-staff')).ok).toBe(true);
  });
});

describe('applications.reviewerCandidates: for the staff who assign reviewers', () => {
  it('the expert-review stage’s role lists the pool; other overseeing staff do not', async () => {
    const call = callsOf(h);
    const { applicationId, personId } = await draftReady(h, CAP, CAP_KIND);
    ok(await call('submit', { applicationId, requestId: rid() }, personId));
    const view = await passStages(h, applicationId, { stopAt: (s) => s.scoredBy === 'reviewer' });
    expect(view.stageId).toBe('expert-review');
    expect(ok(await call('reviewerCandidates', { applicationId }, 'p-city-staff')).length).toBeGreaterThan(0);
    for (const who of ['p-talent']) expect((await call('reviewerCandidates', { applicationId }, who)).error?.code).toBe('AUTH.FORBIDDEN');
  });
});
