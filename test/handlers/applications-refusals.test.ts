import { factSources } from '../../shared/api/applications';
import { chinaDateOf } from '../../shared/calendar';
import { appliesToKind, stagesOf } from '../../shared/programmes';
import type { Harness } from '../support/handlers';
import { allKinds, callsOf, draftReady, failingValue, harness, ok, passStages, rid, staffFor } from './applications-support';

/**
 * Each refusal, for every kind of every programme definition: the reason comes from the definition
 * (its criteria, veto items, materials, stages), and a refused call changes nothing.
 */
let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

const withVetoes = allKinds.filter(([, p, k]) => p.vetoes.some((v) => appliesToKind(v, k.id)));
const withoutVetoes = allKinds.filter(([, p, k]) => !p.vetoes.some((v) => appliesToKind(v, k.id)));
const withReviewers = allKinds.filter(([, p, k]) => stagesOf(p, k.id).some((s) => s.scoredBy === 'reviewer'));
const withoutReviewers = allKinds.filter(([, p, k]) => !stagesOf(p, k.id).some((s) => s.scoredBy === 'reviewer'));

/** Submitting is refused with `code` and nothing about the application changes. */
async function expectSubmitRefused(applicationId: string, personId: string, code: string) {
  const call = callsOf(h);
  const before = await h.deps.store.applications.get(applicationId);
  const auditBefore = (await h.deps.store.applications.auditOf(applicationId)).length;
  const r = await call('submit', { applicationId, requestId: rid() }, personId);
  expect(r.ok).toBe(false);
  expect(r.error?.code).toBe(code);
  expect(await h.deps.store.applications.get(applicationId)).toEqual(before);
  expect(await h.deps.store.applications.auditOf(applicationId)).toHaveLength(auditBefore);
  return r.error!;
}

describe.each(allKinds)('%s', (_name, p, kind) => {
  it('refuses an ineligible applicant, naming the criterion and its clause', async () => {
    const sources = factSources(p, kind.id, { hasHostUnit: kind.applicantType === 'hostUnit', hasSociety: true });
    const criterion = p.criteria.find(
      (c) => appliesToKind(c, kind.id) && c.severity === 'blocking' && !c.levels && sources[c.fact] === 'declared',
    )!;
    expect(criterion).toBeDefined();
    const { applicationId, personId } = await draftReady(h, p, kind, 0, {
      facts: { [criterion.fact]: failingValue(criterion.test, false, chinaDateOf(h.clock.now())) },
    });
    const pre = ok(await callsOf(h)('precheck', { applicationId }, personId));
    expect(pre.canSubmit).toBe(false);
    expect(pre.eligibility.criteria.find((c: { id: string }) => c.id === criterion.id)).toMatchObject({
      status: 'not_met',
      clause: criterion.clause,
    });
    const error = await expectSubmitRefused(applicationId, personId, 'APPLICATION.INELIGIBLE');
    expect(error.message).toContain(criterion.clause);
  });

  it('refuses when a required material is missing, naming it', async () => {
    const material = p.materials.find((m) => m.required && appliesToKind(m, kind.id))!;
    const { applicationId, personId } = await draftReady(h, p, kind, 0, { skipMaterial: material.id });
    const error = await expectSubmitRefused(applicationId, personId, 'APPLICATION.MISSING_MATERIAL');
    expect(error.message).toContain(material.label);
  });

  it('refuses a required field left blank, with the field path and its Chinese name', async () => {
    const { applicationId, personId } = await draftReady(h, p, kind);
    const app = (await h.deps.store.applications.get(applicationId))!;
    const key = Object.keys(app.values).find((k) => typeof app.values[k] === 'string' && app.values[k] !== '')!;
    const saved = ok(
      await callsOf(h)(
        'saveDraft',
        {
          programmeId: p.id,
          kindId: kind.id,
          roundId: app.roundId,
          applicationId,
          baseVersion: app.version,
          values: { ...app.values, [key]: '' },
          facts: app.facts,
          requestId: rid(),
        },
        personId,
      ),
    );
    expect(saved.version).toBe(app.version + 1);
    const pre = ok(await callsOf(h)('precheck', { applicationId }, personId));
    if (pre.missingFields.length === 0) return; // the emptied field was optional; other tests cover required ones
    const error = await expectSubmitRefused(applicationId, personId, 'INPUT.INVALID');
    expect(error.issues?.map((i) => i.path)).toContain(`values.${pre.missingFields[0].key}`);
  });

  it('refuses illegal transitions: award or publicity during review, editing or resubmitting after submit', async () => {
    const call = callsOf(h);
    const { applicationId, personId } = await draftReady(h, p, kind);
    ok(await call('submit', { applicationId, requestId: rid() }, personId));
    const view = ok(await call('get', { applicationId }, personId));
    const before = await h.deps.store.applications.get(applicationId);
    const award = await call(
      'award',
      { applicationId, plaqueDate: chinaDateOf(h.clock.now()), requestId: rid() },
      staffFor(p.award.role, view.castUnitId),
    );
    expect(award.error?.code).toBe('APPLICATION.ILLEGAL_TRANSITION');
    const publicity = await call(
      'startPublicity',
      { applicationId, startDate: chinaDateOf(h.clock.now()), note: '', requestId: rid() },
      staffFor(p.publicity!.role, view.castUnitId),
    );
    expect(publicity.error?.code).toBe('APPLICATION.ILLEGAL_TRANSITION');
    const edit = await call(
      'saveDraft',
      {
        programmeId: p.id,
        kindId: kind.id,
        roundId: view.roundId,
        applicationId,
        baseVersion: view.version,
        values: view.values,
        facts: view.facts,
        requestId: rid(),
      },
      personId,
    );
    expect(edit.error?.code).toBe('APPLICATION.ILLEGAL_TRANSITION');
    const again = await call('submit', { applicationId, requestId: rid() }, personId);
    expect(again.error?.code).toBe('APPLICATION.ILLEGAL_TRANSITION');
    expect(await h.deps.store.applications.get(applicationId)).toEqual(before);
  });

  it('refuses passing a stage for a role the definition does not give it', async () => {
    const call = callsOf(h);
    const { applicationId, personId } = await draftReady(h, p, kind);
    ok(await call('submit', { applicationId, requestId: rid() }, personId));
    const view = ok(await call('get', { applicationId }, 'p-city-staff'));
    const stage = stagesOf(p, kind.id).find((s) => s.id === view.stageId)!;
    // a staff role of the city that is not this stage's role
    const other = stage.role === 'talentOffice' ? 'p-city-staff' : 'p-talent';
    const r = await call(
      'review',
      { applicationId, decision: 'pass', comment: '', fieldComments: {}, checklist: [], requestId: rid() },
      other,
    );
    expect(r.error?.code).toBe('AUTH.FORBIDDEN');
    // the applicant cannot review at all
    const self = await call(
      'review',
      { applicationId, decision: 'pass', comment: '', fieldComments: {}, checklist: [], requestId: rid() },
      personId,
    );
    expect(self.error?.code).toBe('AUTH.FORBIDDEN');
  });
});

describe.each(withVetoes)('%s (has veto items)', (_name, p, kind) => {
  it('blocks submission on a veto item, with the clause that applies', async () => {
    const veto = p.vetoes.find((v) => appliesToKind(v, kind.id))!;
    const { applicationId, personId } = await draftReady(h, p, kind, 0, {
      facts: { [veto.fact]: failingValue(veto.hitWhen, true, chinaDateOf(h.clock.now())) },
    });
    const pre = ok(await callsOf(h)('precheck', { applicationId }, personId));
    expect(pre.eligibility.vetoes.find((v: { id: string }) => v.id === veto.id)).toMatchObject({ hit: true, clause: veto.clause });
    expect(pre.blockers).toContain(`一票否决：${veto.label}（${veto.clause}）`);
    const error = await expectSubmitRefused(applicationId, personId, 'APPLICATION.VETO');
    expect(error.message).toContain(veto.clause);
    expect(error.message).toContain(veto.label);
  });
});

describe.each(withoutVetoes)('%s (its definition has no veto items)', (_name, p, kind) => {
  it('reports no veto in the precheck', async () => {
    const { applicationId, personId } = await draftReady(h, p, kind);
    expect(ok(await callsOf(h)('precheck', { applicationId }, personId)).eligibility.vetoes).toEqual([]);
  });
});

describe.each(withReviewers)('%s (expert review)', (_name, p, kind) => {
  it('excludes a reviewer from the applicant society or host unit (回避), and needs every assigned score to pass', async () => {
    const call = callsOf(h);
    const { applicationId, personId } = await draftReady(h, p, kind);
    ok(await call('submit', { applicationId, requestId: rid() }, personId));
    const view = await passStages(h, applicationId, { stopAt: (s) => s.scoredBy === 'reviewer' });
    const stage = stagesOf(p, kind.id).find((s) => s.id === view.stageId)!;
    const staff = staffFor(stage.role, view.castUnitId);
    const candidates = ok(await call('reviewerCandidates', { applicationId }, staff));
    expect(candidates.find((c: { personId: string }) => c.personId === 'p-rev-soc1')).toMatchObject({ conflict: true });
    expect(candidates.find((c: { personId: string }) => c.personId === 'p-reviewer-1')).toMatchObject({ conflict: false });

    const expected = { status: view.status, stageId: view.stageId };
    for (const conflicted of ['p-rev-soc1', kind.applicantType === 'hostUnit' ? 'p-rev-hu1' : 'p-rev-soc1']) {
      const r = await call(
        'assignReviewers',
        { applicationId, reviewerIds: ['p-reviewer-1', conflicted], requestId: rid(), expected },
        staff,
      );
      expect(r.error?.code).toBe('APPLICATION.CONFLICT_OF_INTEREST');
      expect(r.error?.issues?.[0]?.path).toBe('reviewerIds.1');
    }
    expect((await h.deps.store.applications.get(applicationId))!.reviewerIds).toEqual([]);

    ok(await call('assignReviewers', { applicationId, reviewerIds: ['p-reviewer-1', 'p-reviewer-2'], requestId: rid(), expected }, staff));
    // a reviewer who is not assigned cannot score; the rubric total is computed, not sent
    const stranger = await call(
      'score',
      { applicationId, items: p.rubric.items.map((i) => ({ itemId: i.id, points: 1 })), requestId: rid() },
      'p-newcomer',
    );
    expect(stranger.error?.code).toBe('AUTH.FORBIDDEN');
    const over = await call(
      'score',
      { applicationId, items: p.rubric.items.map((i) => ({ itemId: i.id, points: i.maxPoints + 1 })), requestId: rid() },
      'p-reviewer-1',
    );
    expect(over.error?.code).toBe('INPUT.INVALID');
    const sheet = ok(
      await call(
        'score',
        { applicationId, items: p.rubric.items.map((i) => ({ itemId: i.id, points: i.maxPoints - 3 })), requestId: rid() },
        'p-reviewer-1',
      ),
    );
    expect(sheet.total).toBe(100 - 3 * p.rubric.items.length);

    const tooSoon = await call(
      'review',
      { applicationId, decision: 'pass', comment: '', fieldComments: {}, checklist: [], requestId: rid(), expected },
      staff,
    );
    expect(tooSoon.error?.code).toBe('APPLICATION.REVIEW_INCOMPLETE');
    expect(tooSoon.error?.message).toContain('龚宁');
    ok(
      await call(
        'score',
        { applicationId, items: p.rubric.items.map((i) => ({ itemId: i.id, points: i.maxPoints })), requestId: rid() },
        'p-reviewer-2',
      ),
    );
    ok(
      await call(
        'review',
        { applicationId, decision: 'pass', comment: '', fieldComments: {}, checklist: [], requestId: rid(), expected },
        staff,
      ),
    );
    const after = ok(await call('get', { applicationId }, staff));
    expect(after.scoreSheets.map((s: { total: number }) => s.total).sort()).toEqual([100, 100 - 3 * p.rubric.items.length].sort());
    // the applicant sees neither the scores nor the reviewers' names
    const mine = ok(await call('get', { applicationId }, personId));
    expect(mine.scoreSheets).toEqual([]);
    expect(mine.reviewers).toEqual([]);
  });
});

describe.each(withoutReviewers)('%s (no expert-review stage in its definition)', (_name, p, kind) => {
  it('refuses assigning reviewers at any of its stages', async () => {
    const call = callsOf(h);
    const { applicationId, personId } = await draftReady(h, p, kind);
    ok(await call('submit', { applicationId, requestId: rid() }, personId));
    const view = ok(await call('get', { applicationId }, 'p-city-staff'));
    const stage = stagesOf(p, kind.id).find((s) => s.id === view.stageId)!;
    const r = await call(
      'assignReviewers',
      { applicationId, reviewerIds: ['p-reviewer-1'], requestId: rid() },
      staffFor(stage.role, view.castUnitId),
    );
    expect(r.error?.code).toBe('APPLICATION.ILLEGAL_TRANSITION');
  });
});

describe('formal review (形式审查)', () => {
  const formal = allKinds.filter(([, p, k]) => stagesOf(p, k.id).some((s) => s.type === 'formalReview'));
  it.each(formal)('%s: passing needs every checklist line ticked', async (_n, p, kind) => {
    const call = callsOf(h);
    const { applicationId, personId } = await draftReady(h, p, kind);
    ok(await call('submit', { applicationId, requestId: rid() }, personId));
    const view = await passStages(h, applicationId, { stopAt: (s) => s.type === 'formalReview' });
    const stage = stagesOf(p, kind.id).find((s) => s.id === view.stageId)!;
    const staff = staffFor(stage.role, view.castUnitId);
    const checklist = ok(await call('get', { applicationId }, staff)).checklist as { itemId: string; label: string; checked: boolean }[];
    expect(checklist.length).toBeGreaterThanOrEqual(3);
    const partly = checklist.map((i, n) => ({ ...i, checked: n > 0 }));
    const r = await call(
      'review',
      { applicationId, decision: 'pass', comment: '', fieldComments: {}, checklist: partly, requestId: rid() },
      staff,
    );
    expect(r.error?.code).toBe('APPLICATION.REVIEW_INCOMPLETE');
    expect(r.error?.message).toContain(checklist[0]!.label);
    ok(
      await call(
        'review',
        {
          applicationId,
          decision: 'pass',
          comment: '',
          fieldComments: {},
          checklist: checklist.map((i) => ({ ...i, checked: true })),
          requestId: rid(),
        },
        staff,
      ),
    );
  });
});
