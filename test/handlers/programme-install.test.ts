import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chinaDateOf } from '../../shared/calendar';
import { appliesToKind, type Programme, programmeIds, stagesOf } from '../../shared/programmes';
import { checkDefinitionFile } from '../../shared/rules/definitions';
import type { Harness } from '../support/handlers';
import { filled } from '../unit/forms/fill';
import { callsOf, harness, ok, PDF, passingFacts, rid, TEST_UNITS } from './applications-support';

/**
 * Issue 16 item 6: a programme installed at run time — no code knows it — is previewed and installed
 * by city staff, opens a round that pins its version, is drafted, submitted, reviewed and scored
 * through the real handlers; a newer install does not change what the round's applications read.
 */
const fixture = JSON.parse(readFileSync(join(__dirname, '../fixtures/programmes/runtime-sample.json'), 'utf8')) as {
  programme: Programme;
  forms: { id: string; steps: { fields: { key: string; required: boolean }[] }[] }[];
};
const checked = checkDefinitionFile(fixture, programmeIds);
if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
const p = checked.file.programme;
const kind = p.kinds[0]!;
const form = checked.file.forms[0]!;
const STAFF = 'p-city-staff';

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(async () => {
  await h.close();
});

const org = (action: string, data: Record<string, unknown>, who = STAFF) => h.call('org', action, data, who);

/** The city enables the programme before it opens a round (issue 13, item 5). */
async function enableForCity(programmeId: string) {
  ok(await org('setProgrammeEnabled', { castUnitId: 'cast-yiyang', programmeId, enabled: true, requestId: rid() }));
}

describe('a programme definition installed at run time', () => {
  it('is unknown before it is installed', async () => {
    const year = Number(chinaDateOf(h.clock.now()).slice(0, 4));
    const r = await org('saveRound', {
      requestId: rid(),
      round: { programmeId: p.id, year, opensOn: chinaDateOf(h.clock.now()), closesOn: '2026-12-31', limits: {} },
    });
    // refused (not enabled / no such programme, whichever the round rules check first), nothing stored
    expect(r.ok).toBe(false);
    expect(await h.deps.store.applications.round(`round-${p.id}-${year}`)).toBeNull();
    const served = await h.call('applications', 'programmeDefinition', { programmeId: p.id }, TEST_UNITS[0]!.secretary);
    expect(served.error?.code).toBe('NOT_FOUND');
  });

  it('preview checks it and lists its rules; a broken file is refused with paths; only city staff install', async () => {
    const preview = ok(
      await org('installProgramme', { requestId: rid(), definition: fixture, fileName: 'runtime-sample.json', mode: 'preview' }),
    );
    expect(preview).toMatchObject({ ok: true, programmeId: 'runtime-sample', version: 'v1', isNew: true, errors: [] });
    expect(preview.rules.some((r: { text: string }) => r.text.includes('申报前连续两年社团年检合格'))).toBe(true);
    expect(preview.kinds).toEqual([expect.objectContaining({ id: 'award', formTitle: form.title })]);
    // a preview writes nothing
    expect(ok(await org('listProgrammeDefinitions', {})).some((r: { programmeId: string }) => r.programmeId === p.id)).toBe(false);

    const broken = JSON.parse(JSON.stringify(fixture));
    broken.programme.criteria[0].fact = 'noSuchFact';
    broken.forms[0].steps[0].fields[0].type = 'colour';
    const bad = ok(await org('installProgramme', { requestId: rid(), definition: broken, mode: 'preview' }));
    expect(bad.ok).toBe(false);
    expect(bad.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^programme\./), 'forms.0']),
    );
    const refused = await org('installProgramme', { requestId: rid(), definition: broken, mode: 'commit' });
    expect(refused.error?.code).toBe('INPUT.INVALID');

    // a built-in programme cannot be replaced at run time
    const builtin = JSON.parse(JSON.stringify(fixture));
    builtin.programme.id = 'wuhan-award';
    builtin.programme.kinds[0].formId = 'wuhan-award/award';
    builtin.forms[0].id = 'wuhan-award/award';
    const clash = ok(await org('installProgramme', { requestId: rid(), definition: builtin, mode: 'preview' }));
    expect(clash.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'programme.id' })]));

    const asSecretary = await org('installProgramme', { requestId: rid(), definition: fixture, mode: 'commit' }, TEST_UNITS[0]!.secretary);
    expect(asSecretary.error?.code).toBe('AUTH.FORBIDDEN');
    const asCounty = await org('installProgramme', { requestId: rid(), definition: fixture, mode: 'commit' }, 'p-heshan-staff');
    expect(asCounty.error?.code).toBe('AUTH.FORBIDDEN');
  });

  it('install → round pins v1 → draft → submit → review → staff score; a newer install leaves the round on v1', async () => {
    const requestId = rid();
    const installed = ok(
      await org('installProgramme', { requestId, definition: fixture, fileName: 'runtime-sample.json', mode: 'commit' }),
    );
    expect(installed).toMatchObject({ ok: true, version: 'v1', isNew: true });
    // the same request again: the first answer; the same content again: the same version, nothing written
    expect(ok(await org('installProgramme', { requestId, definition: fixture, mode: 'commit' }))).toEqual(installed);
    const before = await h.snapshot();
    const again = ok(await org('installProgramme', { requestId: rid(), definition: fixture, mode: 'commit' }));
    expect(again).toMatchObject({ version: 'v1', isNew: false });
    const after = await h.snapshot();
    expect(after.programmeDefinitions).toEqual(before.programmeDefinitions);
    expect(after.audit?.length).toBe(before.audit?.length);
    const audit = await h.deps.store.audit.forEntity('programmeDefinition', 'runtime-sample:v1');
    expect(audit).toEqual([expect.objectContaining({ action: 'programme.install', actorId: STAFF, reason: 'runtime-sample.json' })]);

    await enableForCity(p.id);
    const today = chinaDateOf(h.clock.now());
    const year = Number(today.slice(0, 4));
    const round = ok(
      await org('saveRound', {
        requestId: rid(),
        round: { programmeId: p.id, year, opensOn: today, closesOn: `${year}-12-31`, limits: { 'award-quota': 5 } },
      }),
    );
    const roundId = round.id as string;
    expect((await h.deps.store.applications.round(roundId))?.programmeVersion).toBe('v1');

    // the secretary is offered it, and is served its definition to render the form from
    const secretary = TEST_UNITS[0]!.secretary;
    const calls = ok(await h.call('applications', 'openCalls', {}, secretary));
    const offered = calls.calls.find((c: { programmeId: string }) => c.programmeId === p.id);
    expect(offered?.kinds.map((k: { formTitle: string }) => k.formTitle)).toEqual([form.title]);
    const served = ok(await h.call('applications', 'programmeDefinition', { programmeId: p.id, roundId }, secretary));
    expect(served.version).toBe('v1');
    expect(served.forms).toEqual(JSON.parse(JSON.stringify(checked.file.forms)));

    // a newer version: the form gains a required field, the rubric a changed maximum
    const v2 = JSON.parse(JSON.stringify(fixture));
    v2.forms[0].steps[0].fields.push({ key: 'innovationPlan', label: '创新计划', type: 'textarea', required: true });
    const installed2 = ok(await org('installProgramme', { requestId: rid(), definition: v2, mode: 'commit' }));
    expect(installed2).toMatchObject({ version: 'v2', isNew: true });

    // drafted with v1's form (v2's required field is not asked for: the round reads v1)
    const call = callsOf(h);
    const saved = ok(
      await call(
        'saveDraft',
        {
          programmeId: p.id,
          kindId: kind.id,
          roundId,
          values: filled(form),
          facts: passingFacts(h, p, kind.id),
          baseVersion: 0,
          requestId: rid(),
        },
        secretary,
      ),
    );
    const applicationId = saved.applicationId as string;
    for (const m of p.materials.filter((x) => x.required && appliesToKind(x, kind.id))) {
      ok(
        await call(
          'uploadAttachment',
          { applicationId, materialId: m.id, name: `${m.id}.pdf`, mime: 'application/pdf', base64: PDF, requestId: rid() },
          secretary,
        ),
      );
    }
    const pre = ok(await call('precheck', { applicationId }, secretary));
    expect(pre.blockers).toEqual([]);
    // the app is served the round's version to render from; the newest is v2
    expect(ok(await h.call('applications', 'programmeDefinition', { programmeId: p.id }, secretary)).version).toBe('v2');
    expect(ok(await h.call('applications', 'programmeDefinition', { programmeId: p.id, roundId }, secretary)).version).toBe('v1');
    expect(ok(await call('submit', { applicationId, requestId: rid() }, secretary))).toMatchObject({ status: 'in_review' });

    // every stage by city staff: the formal review's checklist, then the rubric stage scored by staff
    const stages = stagesOf(p, kind.id).filter((s) => s.phase === 'beforePublicity');
    let scored = null as null | { total: number };
    for (const stage of stages) {
      const view = ok(await call('get', { applicationId }, STAFF));
      expect(view.stageId).toBe(stage.id);
      const expected = { status: view.status, stageId: view.stageId };
      if (p.rubric.stageId === stage.id) {
        expect(view.rubric?.items.map((i: { id: string }) => i.id)).toEqual(p.rubric.items.map((i) => i.id));
        scored = ok(
          await call(
            'score',
            { applicationId, items: p.rubric.items.map((i) => ({ itemId: i.id, points: i.maxPoints - 1 })), requestId: rid() },
            STAFF,
          ),
        );
      }
      const checklist = (view.checklist as { itemId: string; label: string }[]).map((i) => ({ ...i, checked: true }));
      ok(
        await call(
          'review',
          { applicationId, decision: 'pass', comment: '', fieldComments: {}, checklist, requestId: rid(), expected },
          STAFF,
        ),
      );
    }
    expect(scored?.total).toBe(p.rubric.items.reduce((n, i) => n + i.maxPoints - 1, 0));
    const done = ok(await call('get', { applicationId }, STAFF));
    expect(done).toMatchObject({ status: 'in_review', stageId: null });
    expect(done.scoreSheets).toEqual([expect.objectContaining({ total: scored!.total })]);

    // a new round opened now takes the newest version
    const next = ok(
      await org('saveRound', {
        requestId: rid(),
        round: {
          programmeId: p.id,
          year: year + 1,
          opensOn: `${year + 1}-01-05`,
          closesOn: `${year + 1}-03-31`,
          limits: { 'award-quota': 5 },
        },
      }),
    );
    expect((await h.deps.store.applications.round(next.id))?.programmeVersion).toBe('v2');
    expect((await h.deps.store.applications.round(roundId))?.programmeVersion).toBe('v1');

    const list = ok(await org('listProgrammeDefinitions', {})) as { programmeId: string; version: string; latest: boolean }[];
    expect(list.filter((r) => r.programmeId === p.id).map((r) => [r.version, r.latest])).toEqual([
      ['v2', true],
      ['v1', false],
    ]);
  });
});
