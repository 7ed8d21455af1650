import { requireSafeText } from '../../cloudfunctions/_kernel/content';
import type { ContentCheck } from '../../cloudfunctions/_kernel/ports';
import { chinaDateOf } from '../../shared/calendar';
import { programmes } from '../../shared/programmes';
import { checkConcurrency } from '../../shared/rules/content';
import { type Harness, makeDeps } from '../support/handlers';
import { callsOf, draftReady, harness, ok, PDF, passStages, rid, staffFor } from './applications-support';
import { AGRI, AGRI_EXPERT, AGRI_HOST, stationsCalls } from './stations-support';

/**
 * Issue 11, finding 5: every stored free text goes through the content check (locally: text with
 * 【测试违规】 is risky). Each action below stored such text unchecked before; now each refuses it with
 * CONTENT.RISKY naming the field, and writes nothing. Long texts are checked in ≤ 2,500-character
 * chunks with bounded parallelism; when the check cannot answer, publication is refused with the
 * retryable CONTENT.CHECK_UNAVAILABLE and drafts are still saved.
 */
const RISKY = '这是一段【测试违规】内容';

describe('station entries: every stored text is checked', () => {
  let h: Harness;
  let s: ReturnType<typeof stationsCalls>;
  beforeEach(async () => {
    h = await makeDeps();
    s = stationsCalls(h);
  });
  afterEach(async () => h.close());

  const refusedUnchanged = async (r: Promise<{ error?: unknown }>, before: unknown, path: string) => {
    expect((await r).error).toMatchObject({ code: 'CONTENT.RISKY', issues: [{ path, message: expect.stringMatching(/不适宜/) }] });
    expect(h.snapshot()).toEqual(before);
  };

  it('editEntry: a risky entry text', async () => {
    const id = (await s.training(AGRI_EXPERT, '2026-11-18', 60)).data.record.id;
    const before = h.snapshot();
    await refusedUnchanged(
      s.call(
        'editEntry',
        {
          requestId: rid(),
          recordId: id,
          entry: { kind: 'training', date: '2026-11-18', topic: RISKY, place: '农技站', trainees: 60, note: '', evidence: [] },
        },
        AGRI_EXPERT,
      ),
      before,
      'entry.topic',
    );
  });
  it('withdrawEntry: a risky reason', async () => {
    const id = (await s.day(AGRI_EXPERT, '2026-11-18')).data.record.id;
    const before = h.snapshot();
    await refusedUnchanged(s.call('withdrawEntry', { requestId: rid(), recordId: id, reason: RISKY }, AGRI_EXPERT), before, 'reason');
  });
  it('confirmEntry: a risky dispute reason', async () => {
    const id = (await s.day(AGRI_EXPERT, '2026-11-18')).data.record.id;
    const before = h.snapshot();
    await refusedUnchanged(s.confirm(AGRI_HOST, id, 'dispute', RISKY), before, 'reason');
  });
  it('logResearchResult: a risky result', async () => {
    const id = (
      await s.call('logResearch', { requestId: rid(), stationId: AGRI, date: '2026-11-10', title: '产业调研', note: '' }, AGRI_EXPERT)
    ).data.record.id;
    const before = h.snapshot();
    await refusedUnchanged(
      s.call('logResearchResult', { requestId: rid(), recordId: id, result: RISKY, resultDate: '2026-11-18' }, AGRI_EXPERT),
      before,
      'result',
    );
  });
  it('correctEntry: a risky reason, and a risky corrected text', async () => {
    const id = (await s.day(AGRI_EXPERT, '2026-11-18')).data.record.id;
    const before = h.snapshot();
    await refusedUnchanged(
      s.call('correctEntry', { requestId: rid(), recordId: id, status: 'withdrawn', reason: RISKY }, 'p-heshan-staff'),
      before,
      'reason',
    );
    await refusedUnchanged(
      s.call(
        'correctEntry',
        {
          requestId: rid(),
          recordId: id,
          entry: { kind: 'serviceDay', date: '2026-11-18', note: RISKY, evidence: [] },
          reason: '经核实更正',
        },
        'p-heshan-staff',
      ),
      before,
      'entry.note',
    );
  });
});

describe('identity: a new person’s name', () => {
  it('createInvite with a risky new person name is refused and records nobody', async () => {
    const h = await makeDeps();
    try {
      const before = h.snapshot();
      const r = await h.call(
        'identity',
        'createInvite',
        { role: 'reviewer', newPerson: { name: RISKY }, scope: { societyId: null, stationId: null, hostUnitId: null, castUnitId: null } },
        'p-city-staff',
      );
      expect(r.error).toMatchObject({ code: 'CONTENT.RISKY', issues: [{ path: 'newPerson.name' }] });
      expect(h.snapshot()).toEqual(before);
    } finally {
      await h.close();
    }
  });
});

describe('applications: public notice, objection outcome, withdraw reason, file names', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
  });
  afterEach(async () => h.close());
  const p = programmes['wuhan-award'];
  const kind = p.kinds[0]!;

  it('startPublicity note and resolveObjection resolution', async () => {
    const call = callsOf(h);
    const { applicationId, personId } = await draftReady(h, p, kind, 1);
    ok(await call('submit', { applicationId, requestId: rid() }, personId));
    const view = await passStages(h, applicationId);
    const staff = staffFor(p.publicity!.role, view.castUnitId);
    const start = {
      applicationId,
      startDate: chinaDateOf(h.clock.now()),
      requestId: rid(),
      expected: { status: 'in_review', stageId: null },
    };
    let before = h.snapshot();
    const notice = await call('startPublicity', { ...start, note: RISKY }, staff);
    expect(notice.error).toMatchObject({ code: 'CONTENT.RISKY', issues: [{ path: 'note' }] });
    expect(h.snapshot()).toEqual(before);
    ok(await call('startPublicity', { ...start, requestId: rid(), note: '公示' }, staff));
    const { objectionId } = ok(await call('fileObjection', { applicationId, content: '反映材料与实际不符', requestId: rid() }, staff));
    before = h.snapshot();
    const resolved = await call('resolveObjection', { objectionId, resolution: RISKY, requestId: rid() }, staff);
    expect(resolved.error).toMatchObject({ code: 'CONTENT.RISKY', issues: [{ path: 'resolution' }] });
    expect(h.snapshot()).toEqual(before);
  });

  it('withdraw reason', async () => {
    const call = callsOf(h);
    const { applicationId, personId } = await draftReady(h, p, kind, 2);
    ok(await call('submit', { applicationId, requestId: rid() }, personId));
    const before = h.snapshot();
    const r = await call('withdraw', { applicationId, reason: RISKY, requestId: rid() }, personId);
    expect(r.error).toMatchObject({ code: 'CONTENT.RISKY', issues: [{ path: 'reason' }] });
    expect(h.snapshot()).toEqual(before);
  });

  it('attachment file names (uploadAttachment and attach)', async () => {
    const call = callsOf(h);
    const { applicationId, personId } = await draftReady(h, p, kind, 3);
    const materialId = ok(await call('get', { applicationId }, personId)).attachments[0]?.materialId ?? 'supporting-materials';
    const before = h.snapshot();
    const up = await call(
      'uploadAttachment',
      { applicationId, materialId, name: `${RISKY}.pdf`, mime: 'application/pdf', base64: PDF, requestId: rid() },
      personId,
    );
    expect(up.error).toMatchObject({ code: 'CONTENT.RISKY', issues: [{ path: 'name' }] });
    const file = await h.deps.files.put({
      name: 'x.pdf',
      mime: 'application/pdf',
      bytes: new Uint8Array(Buffer.from(PDF, 'base64')),
      ownerOpenid: 'o',
      folder: `applications/${applicationId}`,
    });
    const at = await call('attach', { applicationId, materialId, file: { ...file, name: `${RISKY}.pdf` }, requestId: rid() }, personId);
    expect(at.error).toMatchObject({ code: 'CONTENT.RISKY', issues: [{ path: 'file.name' }] });
    expect(h.snapshot()).toEqual(before);
  });
});

describe('chunks, bounded parallelism, and the failure policy', () => {
  /** a fake check that records each call and the most calls in flight at once */
  const recording = (delayMs: number, verdict: (text: string) => 'pass' | 'risky' = () => 'pass') => {
    const calls: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const check: ContentCheck = {
      async check({ text }) {
        calls.push(text);
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, delayMs));
        inFlight--;
        return { suggest: verdict(text) };
      },
    };
    return { check, calls, max: () => maxInFlight };
  };
  const ctxWith = (contentCheck: ContentCheck, errors: unknown[] = []) => ({
    contentCheck,
    log: { error: (m: string) => errors.push(m), info: () => undefined },
    caller: { openid: 'o-test', personId: 'p-test', bindings: [] },
  });

  it('a 10,000-character text is checked in 4 calls of at most 2,500 characters', async () => {
    const f = recording(1);
    const text = '农田'.repeat(5000);
    await requireSafeText(ctxWith(f.check), { body: text });
    expect(f.calls.map((c) => c.length)).toEqual([2500, 2500, 2500, 2500]);
    expect(f.calls.join('')).toBe(text); // in order: 4 lanes start in order, equal delays
  });

  it('no chunk splits a surrogate pair (a pair across the 2,500 boundary goes whole into the next chunk)', async () => {
    const f = recording(1);
    const text = `${'农'.repeat(2499)}😀${'田'.repeat(7499)}`;
    await requireSafeText(ctxWith(f.check), { body: text });
    expect(f.calls.map((c) => c.length)).toEqual([2499, 2500, 2500, 2500, 1]);
    for (const c of f.calls) expect(/^[\udc00-\udfff]|[\ud800-\udbff]$/.test(c)).toBe(false);
    expect(f.calls[1]!.startsWith('😀')).toBe(true);
  });

  it('a risky passage deep in a long text is found and names its field', async () => {
    const f = recording(1, (t) => (t.includes('【测试违规】') ? 'risky' : 'pass'));
    const long = `${'正常内容'.repeat(1500)}【测试违规】`;
    await expect(requireSafeText(ctxWith(f.check), { ok: '正常', long })).rejects.toMatchObject({
      code: 'CONTENT.RISKY',
      extra: { issues: [{ path: 'long' }] },
    });
  });

  it('a 30-field form runs at most the bound of calls at once (not one field after another)', async () => {
    const f = recording(20);
    const fields = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`values.f${i}`, `第${i}项内容`]));
    await requireSafeText(ctxWith(f.check), fields);
    expect(f.calls).toHaveLength(30);
    expect(f.max()).toBe(checkConcurrency);
  });

  it('a check that cannot answer refuses publication with the retryable code, logged, nothing written', async () => {
    const h = await makeDeps();
    try {
      const errors: unknown[] = [];
      h.deps.contentCheck = { check: async () => Promise.reject(new Error('msgSecCheck timeout')) };
      h.deps.log = { error: (m) => errors.push(m), info: () => undefined };
      const before = h.snapshot();
      const r = await stationsCalls(h).training(AGRI_EXPERT, '2026-11-18', 60);
      expect(r.error).toMatchObject({
        code: 'CONTENT.CHECK_UNAVAILABLE',
        message: '内容安全检查暂时不可用，请稍后再提交；已填写的内容已保存',
      });
      expect(h.snapshot()).toEqual(before);
      expect(errors).toEqual(['content check unavailable; publication refused']);
    } finally {
      await h.close();
    }
  });

  it('while the check is down a draft is still saved, and its submission refused with the retryable code', async () => {
    const h = await harness();
    try {
      const p = programmes['wuhan-award'];
      const kind = p.kinds[0]!;
      const { applicationId, personId } = await draftReady(h, p, kind, 4);
      h.deps.contentCheck = { check: async () => Promise.reject(new Error('msgSecCheck 503')) };
      h.deps.log = { error: () => undefined, info: () => undefined };
      const call = callsOf(h);
      const view = ok(await call('get', { applicationId }, personId));
      const key = Object.entries(view.values as Record<string, unknown>).find(
        ([, v]) => typeof v === 'string' && (v as string).length > 1,
      )![0];
      const saved = ok(
        await call(
          'saveDraft',
          {
            applicationId,
            programmeId: p.id,
            kindId: kind.id,
            roundId: view.roundId,
            values: { ...view.values, [key]: '停服期间继续填写的内容' },
            baseVersion: view.version,
            requestId: rid(),
          },
          personId,
        ),
      );
      expect(saved.version).toBeGreaterThan(view.version);
      expect((await h.deps.store.applications.get(applicationId))!.values[key]).toBe('停服期间继续填写的内容');
      const before = h.snapshot();
      const r = await call('submit', { applicationId, requestId: rid() }, personId);
      expect(r.error?.code).toBe('CONTENT.CHECK_UNAVAILABLE');
      expect(h.snapshot()).toEqual(before);
    } finally {
      await h.close();
    }
  });
});
