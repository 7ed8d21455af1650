import { chinaDateOf } from '../../shared/calendar';
import { programmes, stagesOf } from '../../shared/programmes';
import type { Harness } from '../support/handlers';
import {
  applicantFor,
  callsOf,
  draftReady,
  harness,
  ok,
  PDF,
  passingFacts,
  passingValues,
  passStages,
  rid,
  roundIdOf,
} from './applications-support';

/** Drafts are never lost and never silently overwritten; submissions are idempotent; access is checked. */
const station = programmes['yiyang-station-2023'];
const stationKind = station.kinds[0]!;
const wuhan = programmes['wuhan-award'];
const wuhanKind = wuhan.kinds[0]!;

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

const create = async (values: Record<string, unknown> = {}, requestId = rid()) => {
  const { personId, extra } = applicantFor(stationKind);
  return callsOf(h)(
    'saveDraft',
    {
      programmeId: station.id,
      kindId: stationKind.id,
      roundId: roundIdOf(h, station.id),
      values,
      facts: {},
      baseVersion: 0,
      requestId,
      ...extra,
    },
    personId,
  );
};
const save = (
  applicationId: string,
  baseVersion: number,
  values: Record<string, unknown>,
  who = applicantFor(stationKind).personId,
  requestId = rid(),
) =>
  callsOf(h)(
    'saveDraft',
    {
      programmeId: station.id,
      kindId: stationKind.id,
      roundId: roundIdOf(h, station.id),
      applicationId,
      values,
      facts: {},
      baseVersion,
      requestId,
    },
    who,
  );

describe('saving drafts', () => {
  it('creates at version 1 and bumps the version on every save', async () => {
    const a = ok(await create({ stationName: '测试服务站' }));
    expect(a.version).toBe(1);
    const b = ok(await save(a.applicationId, 1, { stationName: '测试服务站（改）' }));
    expect(b.version).toBe(2);
    expect((await h.deps.store.applications.get(a.applicationId))!.values).toEqual({ stationName: '测试服务站（改）' });
  });

  it('refuses a save based on a version another phone has replaced, answering the server copy (CONFLICT.VERSION)', async () => {
    const a = ok(await create({ stationName: '手机甲' }));
    ok(await save(a.applicationId, 1, { stationName: '手机甲改' }));
    const stale = await save(a.applicationId, 1, { stationName: '手机乙' });
    expect(stale.error?.code).toBe('CONFLICT.VERSION');
    expect(stale.error?.details).toMatchObject({ serverVersion: 2, serverValues: { stationName: '手机甲改' } });
    expect((await h.deps.store.applications.get(a.applicationId))!.values).toEqual({ stationName: '手机甲改' });
  });

  it('lets exactly one of two simultaneous saves on the same version win', async () => {
    const a = ok(await create({ stationName: '起点' }));
    const [x, y] = await Promise.all([save(a.applicationId, 1, { stationName: '甲' }), save(a.applicationId, 1, { stationName: '乙' })]);
    expect([x.ok, y.ok].sort()).toEqual([false, true]);
    expect([x, y].find((r) => !r.ok)!.error?.code).toBe('CONFLICT.VERSION');
    expect((await h.deps.store.applications.get(a.applicationId))!.version).toBe(2);
  });

  it('applies a retried save once (same request id)', async () => {
    const a = ok(await create({ stationName: '起点' }));
    const requestId = rid();
    const first = ok(await save(a.applicationId, 1, { stationName: '重试' }, undefined, requestId));
    const again = ok(await save(a.applicationId, 1, { stationName: '重试' }, undefined, requestId));
    expect(again).toEqual(first);
    expect((await h.deps.store.applications.get(a.applicationId))!.version).toBe(2);
    expect((await h.deps.store.applications.auditOf(a.applicationId)).filter((e) => e.action === 'application.saveDraft')).toHaveLength(1);
  });

  it('keeps a half-typed value and reports its format problem instead of losing it', async () => {
    const a = ok(await create({ contactMobile: '1390737' }));
    expect(a.issues).toEqual([expect.objectContaining({ path: 'values.contactMobile' })]);
    expect((await h.deps.store.applications.get(a.applicationId))!.values.contactMobile).toBe('1390737');
  });

  it('refuses keys the form does not have, paper-only opinion cells and unknown facts — writing nothing', async () => {
    const before = h.snapshot();
    for (const values of [
      { notAField: 'x' },
      { countyCastOpinion: '同意' },
      { unitName: '镜像格不能填写' },
      { stationName: { nested: true } },
    ]) {
      const r = await create(values);
      expect(r.error?.code).toBe('INPUT.INVALID');
      expect(r.error?.issues?.[0]?.path).toBe(`values.${Object.keys(values)[0]}`);
    }
    const { personId, extra } = applicantFor(stationKind);
    const bad = await callsOf(h)(
      'saveDraft',
      {
        programmeId: station.id,
        kindId: stationKind.id,
        roundId: roundIdOf(h, station.id),
        values: {},
        facts: { hostUnitKind: 'park_cast', staffCount: '三' },
        baseVersion: 0,
        requestId: rid(),
        ...extra,
      },
      personId,
    );
    expect(bad.error?.code).toBe('INPUT.INVALID');
    // hostUnitKind comes from the host unit record, not from the applicant; staffCount is a number
    expect(bad.error?.issues?.map((i) => i.path).sort()).toEqual(['facts.hostUnitKind', 'facts.staffCount']);
    expect(h.snapshot()).toEqual(before);
  });

  it('lets only the applicant unit read and write its application', async () => {
    const a = ok(await create({ stationName: '本单位' }));
    const other = applicantFor(stationKind, 3).personId;
    expect((await save(a.applicationId, 1, { stationName: '他人' }, other)).error?.code).toBe('AUTH.FORBIDDEN');
    expect((await callsOf(h)('get', { applicationId: a.applicationId }, other)).error?.code).toBe('AUTH.FORBIDDEN');
    expect((await callsOf(h)('get', { applicationId: a.applicationId }, 'p-sec-tea')).error?.code).toBe('AUTH.FORBIDDEN');
    expect((await callsOf(h)('get', { applicationId: a.applicationId }, 'p-taojiang-staff')).error?.code).toBe('AUTH.FORBIDDEN');
    expect((await callsOf(h)('get', { applicationId: a.applicationId }, null)).error?.code).toBe('AUTH.UNAUTHENTICATED');
    expect((await callsOf(h)('get', { applicationId: a.applicationId }, 'p-exp-agri-1')).error?.code).toBe('AUTH.FORBIDDEN');
  });
});

describe('attachments', () => {
  it('lists uploads with size and type, refuses a type the material does not take or a file over 70 KB', async () => {
    const a = ok(await create({}));
    const who = applicantFor(stationKind).personId;
    const up = ok(
      await callsOf(h)(
        'uploadAttachment',
        {
          applicationId: a.applicationId,
          materialId: 'agreement',
          name: '建站协议.pdf',
          mime: 'application/pdf',
          base64: PDF,
          requestId: rid(),
        },
        who,
      ),
    );
    expect(up).toMatchObject({
      materialId: 'agreement',
      materialLabel: expect.stringContaining('协议'),
      file: { name: '建站协议.pdf', mime: 'application/pdf', size: Buffer.from(PDF, 'base64').length },
    });
    expect(await h.deps.files.read(up.file.fileId)).toEqual(new Uint8Array(Buffer.from(PDF, 'base64')));
    const exe = await callsOf(h)(
      'uploadAttachment',
      {
        applicationId: a.applicationId,
        materialId: 'agreement',
        name: 'x.exe',
        mime: 'application/x-msdownload',
        base64: PDF,
        requestId: rid(),
      },
      who,
    );
    expect(exe.error?.code).toBe('INPUT.INVALID');
    const big = await callsOf(h)(
      'uploadAttachment',
      {
        applicationId: a.applicationId,
        materialId: 'agreement',
        name: 'big.pdf',
        mime: 'application/pdf',
        base64: Buffer.alloc(80 * 1024).toString('base64'),
        requestId: rid(),
      },
      who,
    );
    expect(big.error?.code).toBe('INPUT.INVALID');
    const ghost = await callsOf(h)(
      'attach',
      {
        applicationId: a.applicationId,
        materialId: 'agreement',
        file: { fileId: 'cloud://env/nowhere.pdf', name: 'n.pdf', size: 10, mime: 'application/pdf' },
        requestId: rid(),
      },
      who,
    );
    expect(ghost.error?.code).toBe('INPUT.INVALID');
    const view = ok(await callsOf(h)('get', { applicationId: a.applicationId }, who));
    expect(view.attachments).toHaveLength(1);
    ok(await callsOf(h)('removeAttachment', { applicationId: a.applicationId, fileId: up.file.fileId, requestId: rid() }, who));
    expect(ok(await callsOf(h)('get', { applicationId: a.applicationId }, who)).attachments).toEqual([]);
    expect(await h.deps.files.exists(up.file.fileId)).toBe(true); // nothing deleted from storage
  });
});

describe('submitting', () => {
  it('is idempotent: the same request twice answers the first result and submits once', async () => {
    const { applicationId, personId } = await draftReady(h, station, stationKind);
    const requestId = rid();
    const first = ok(await callsOf(h)('submit', { applicationId, requestId }, personId));
    const again = ok(await callsOf(h)('submit', { applicationId, requestId }, personId));
    expect(again).toEqual(first);
    const app = (await h.deps.store.applications.get(applicationId))!;
    expect(app.history.filter((x) => x.action === 'submit')).toHaveLength(1);
  });

  it('refuses outside the round dates', async () => {
    const { applicationId, personId } = await draftReady(h, station, stationKind);
    h.clock.advance(120 * 86_400_000);
    expect((await callsOf(h)('submit', { applicationId, requestId: rid() }, personId)).error?.code).toBe('APPLICATION.ROUND_CLOSED');
  });

  it('goes straight to the city when the unit has its own CAST and chooses to (第八条(一) skip rule)', async () => {
    const { applicationId, personId } = await draftReady(h, station, stationKind, 0, {
      facts: { applyDirectToCity: true, hasOwnCast: true },
    });
    const r = ok(await callsOf(h)('submit', { applicationId, requestId: rid() }, personId));
    expect(r.stageId).toBe('city-review');
    const view = ok(await callsOf(h)('get', { applicationId }, personId));
    expect(view.stages[0]).toMatchObject({ id: 'county-first-review', state: 'skipped' });
  });
});

describe('returned for revision', () => {
  it('shows the reviewer comment next to each field; the fix is resubmitted to the stage that returned it', async () => {
    const call = callsOf(h);
    const { applicationId, personId } = await draftReady(h, station, stationKind);
    ok(await call('submit', { applicationId, requestId: rid() }, personId));
    ok(
      await call(
        'review',
        { applicationId, decision: 'pass', comment: '同意上报', fieldComments: {}, checklist: [], requestId: rid() },
        'p-heshan-staff',
      ),
    );
    const returned = ok(
      await call(
        'review',
        {
          applicationId,
          decision: 'return',
          comment: '',
          fieldComments: { purposeAndPlan: '请补充年度工作目标和预期成效' },
          checklist: [],
          requestId: rid(),
        },
        'p-city-staff',
      ),
    );
    expect(returned).toMatchObject({ status: 'returned', stageId: 'city-review' });
    const seen = ok(await call('get', { applicationId }, personId));
    expect(seen.fieldComments).toEqual({ purposeAndPlan: '请补充年度工作目标和预期成效' });
    expect(seen.can).toMatchObject({ edit: true, submit: true });
    expect(seen.reviews.at(-1)).toMatchObject({ decision: 'return', stageLabel: '市科协申报项目审核' });

    const app = (await h.deps.store.applications.get(applicationId))!;
    ok(
      await call(
        'saveDraft',
        {
          programmeId: station.id,
          kindId: stationKind.id,
          roundId: app.roundId,
          applicationId,
          baseVersion: app.version,
          values: { ...app.values, purposeAndPlan: '年度目标：服务企业 10 家，培训 200 人次。' },
          facts: app.facts,
          requestId: rid(),
        },
        personId,
      ),
    );
    const back = ok(await call('submit', { applicationId, requestId: rid() }, personId));
    expect(back).toMatchObject({ status: 'in_review', stageId: 'city-review' });
    const after = ok(await call('get', { applicationId }, 'p-city-staff'));
    expect(after.fieldComments).toEqual({});
    expect(after.values.purposeAndPlan).toContain('年度目标');
    expect(after.history.map((x: { action: string }) => x.action)).toEqual(expect.arrayContaining(['return', 'resubmit']));
  });

  it('refuses a return without saying what to fix, and comments on fields the form does not have', async () => {
    const call = callsOf(h);
    const { applicationId, personId } = await draftReady(h, station, stationKind);
    ok(await call('submit', { applicationId, requestId: rid() }, personId));
    const empty = await call(
      'review',
      { applicationId, decision: 'return', comment: '', fieldComments: {}, checklist: [], requestId: rid() },
      'p-heshan-staff',
    );
    expect(empty.error?.code).toBe('INPUT.INVALID');
    const unknown = await call(
      'review',
      { applicationId, decision: 'return', comment: '', fieldComments: { noSuchField: '改' }, checklist: [], requestId: rid() },
      'p-heshan-staff',
    );
    expect(unknown.error?.issues?.[0]?.path).toBe('fieldComments.noSuchField');
    const reject = await call(
      'review',
      { applicationId, decision: 'reject', comment: '', fieldComments: {}, checklist: [], requestId: rid() },
      'p-heshan-staff',
    );
    expect(reject.error?.code).toBe('INPUT.INVALID');
  });
});

describe('two staff acting on the same stage', () => {
  it('one wins; the other is refused with CONFLICT.STATE and nothing is passed twice', async () => {
    const call = callsOf(h);
    const { applicationId, personId } = await draftReady(h, station, stationKind);
    ok(await call('submit', { applicationId, requestId: rid() }, personId));
    ok(
      await call(
        'review',
        { applicationId, decision: 'pass', comment: '', fieldComments: {}, checklist: [], requestId: rid() },
        'p-heshan-staff',
      ),
    );
    const view = ok(await call('get', { applicationId }, 'p-city-staff'));
    const checklist = view.checklist.map((i: object) => ({ ...i, checked: true }));
    const expected = { status: view.status, stageId: view.stageId };
    const pass = () =>
      call(
        'review',
        { applicationId, decision: 'pass', comment: '', fieldComments: {}, checklist, requestId: rid(), expected },
        'p-city-staff',
      );
    const [a, b] = await Promise.all([pass(), pass()]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect([a, b].find((r) => !r.ok)!.error?.code).toBe('CONFLICT.STATE');
    // city-review passed once: now at site-visit, not beyond
    expect((await h.deps.store.applications.get(applicationId))!.stageId).toBe('site-visit');
    // a late click on what the person saw is refused, not applied to the next stage
    expect((await pass()).error?.code).toBe('CONFLICT.STATE');
  });
});

describe('queues', () => {
  it('shows each staff member what is in their unit, what they can act on first; reviewers see their assignments', async () => {
    const call = callsOf(h);
    const s = await draftReady(h, station, stationKind);
    ok(await call('submit', { applicationId: s.applicationId, requestId: rid() }, s.personId));
    const w = await draftReady(h, wuhan, wuhanKind);
    ok(await call('submit', { applicationId: w.applicationId, requestId: rid() }, w.personId));
    const draft = ok(await create({ stationName: '草稿' }));

    const heshan = ok(await call('queue', {}, 'p-heshan-staff'));
    expect(heshan.map((r: { id: string }) => r.id)).toEqual([s.applicationId]);
    expect(heshan[0]).toMatchObject({
      actionable: true,
      stageLabel: expect.stringContaining('县市区科协初审'),
      applicantName: '赫山区测试企业1科协',
    });
    expect(ok(await call('queue', {}, 'p-taojiang-staff'))).toEqual([]);

    const city = ok(await call('queue', {}, 'p-city-staff'));
    expect(city.map((r: { id: string }) => r.id).sort()).toEqual([s.applicationId, w.applicationId].sort());
    expect(city.map((r: { id: string }) => r.id)).not.toContain(draft.applicationId);
    expect(city.find((r: { id: string }) => r.id === s.applicationId).actionable).toBe(false); // the county's turn
    expect(ok(await call('queue', { programmeId: wuhan.id }, 'p-city-staff')).map((r: { id: string }) => r.id)).toEqual([w.applicationId]);
    expect(ok(await call('queue', { actionableOnly: true }, 'p-city-staff')).map((r: { id: string }) => r.id)).toEqual([w.applicationId]);

    await passStages(h, w.applicationId, { stopAt: (st) => st.scoredBy === 'reviewer' });
    const stage = stagesOf(wuhan, wuhanKind.id).find((st) => st.scoredBy === 'reviewer')!;
    ok(await call('assignReviewers', { applicationId: w.applicationId, reviewerIds: ['p-reviewer-1'], requestId: rid() }, 'p-city-staff'));
    const reviewer = ok(await call('queue', {}, 'p-reviewer-1'));
    expect(reviewer).toEqual([expect.objectContaining({ id: w.applicationId, actionable: true, stageId: stage.id })]);
    expect(ok(await call('get', { applicationId: w.applicationId }, 'p-reviewer-1')).can.score).toBe(true);
  });
});

describe('withdrawing', () => {
  it('lets the applicant withdraw while in review, never after approval', async () => {
    const call = callsOf(h);
    const { applicationId, personId } = await draftReady(h, wuhan, wuhanKind);
    ok(await call('submit', { applicationId, requestId: rid() }, personId));
    expect(ok(await call('withdraw', { applicationId, reason: '材料需重新准备', requestId: rid() }, personId)).status).toBe('withdrawn');
    expect((await call('withdraw', { applicationId, reason: '', requestId: rid() }, personId)).error?.code).toBe(
      'APPLICATION.ILLEGAL_TRANSITION',
    );
  });
});

describe('publicity end date from the programme rule', () => {
  it('counts 5 working days for stations over the National Day holiday (2026-09-30 → 2026-10-12)', async () => {
    h.clock.set(Date.parse('2026-09-28T10:00:00+08:00'));
    const round = (await h.deps.store.applications.round(roundIdOf(h, station.id)))!;
    await h.deps.store.applications.putRound({ ...round, opensOn: '2026-09-01' });
    const { applicationId, personId } = await draftReady(h, station, stationKind);
    ok(await callsOf(h)('submit', { applicationId, requestId: rid() }, personId));
    await passStages(h, applicationId);
    const r = ok(
      await callsOf(h)('startPublicity', { applicationId, startDate: '2026-09-30', note: '', requestId: rid() }, 'p-city-staff'),
    );
    expect(r.publicity).toMatchObject({ startDate: '2026-09-30', endDate: '2026-10-12', dayKind: 'working', days: 5 });
    h.clock.set(Date.parse('2026-10-12T23:59:00+08:00'));
    expect((await callsOf(h)('closePublicity', { applicationId, requestId: rid() }, 'p-city-staff')).error?.code).toBe(
      'APPLICATION.PUBLICITY_NOT_OVER',
    );
    h.clock.set(Date.parse('2026-10-13T00:01:00+08:00'));
    expect(ok(await callsOf(h)('closePublicity', { applicationId, requestId: rid() }, 'p-city-staff')).status).toBe('approved');
  });

  it('counts 10 calendar days for Wuhan (十天)', async () => {
    const { applicationId, personId } = await draftReady(h, wuhan, wuhanKind);
    ok(await callsOf(h)('submit', { applicationId, requestId: rid() }, personId));
    await passStages(h, applicationId);
    const start = chinaDateOf(h.clock.now());
    const r = ok(await callsOf(h)('startPublicity', { applicationId, startDate: start, note: '', requestId: rid() }, 'p-city-staff'));
    expect(r.publicity).toMatchObject({ startDate: '2026-11-20', endDate: '2026-11-29', dayKind: 'calendar', days: 10 });
    const past = await callsOf(h)('startPublicity', { applicationId, startDate: '2026-01-01', note: '', requestId: rid() }, 'p-city-staff');
    expect(past.error?.code).toBe('INPUT.INVALID');
  });
});

// keep the helpers honest: the passing fixtures pass the precheck with nothing unanswered that blocks
describe('fixtures', () => {
  it('passing values and facts satisfy the station precheck', async () => {
    expect(passingValues(station, stationKind).level).toBe('city');
    expect(passingFacts(h, station, stationKind.id).expertTeamSize).toBe(5);
  });
});
