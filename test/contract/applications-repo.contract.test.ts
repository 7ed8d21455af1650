import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../cloudfunctions/_kernel/db/port';
import type { Deps } from '../../cloudfunctions/_kernel/ports';
import { createStore, type Store } from '../../cloudfunctions/_kernel/store';
import type { ApplicationDoc, AppTx } from '../../cloudfunctions/_kernel/store/applications';
import { applications } from '../../cloudfunctions/applications/function';
import { localContentCheck, localFiles, movableClock } from '../../local/adapters';
import { seedApplicationRounds } from '../../local/demo/applications';
import { localOpenidOf, seedDemo } from '../../local/demo/org';
import { chinaDateOf } from '../../shared/calendar';
import { programmes } from '../../shared/programmes';
import {
  allKinds,
  applicantFor,
  draftReady,
  passingFacts,
  passingValues,
  passStages,
  rid,
  seedTestUnits,
  staffFor,
} from '../handlers/applications-support';
import { adapterSubjects } from '../support/adapters';
import type { Harness } from '../support/handlers';

/**
 * The applications repository, and the applications function on top of it, behave the same on the
 * local default (SQLite) and on the cloud adapter — the latter over the in-process stand-in for the
 * wx-server-sdk database (a TEST DOUBLE; nothing here calls the real SDK).
 */
const subjects = adapterSubjects;

const app = (id: string, over: Partial<ApplicationDoc> = {}): ApplicationDoc => ({
  id: id,
  programmeId: 'yiyang-station-2023',
  kindId: 'station',
  roundId: 'r1',
  formId: 'yiyang-station-2023/station',
  applicant: { type: 'hostUnit', societyId: 'soc-1', hostUnitId: 'hu-1' },
  castUnitId: 'cast-a',
  title: id,
  values: { stationName: id },
  facts: {},
  version: 1,
  status: 'draft',
  stageId: null,
  attachments: [],
  fieldComments: {},
  history: [],
  reviewerIds: [],
  publicity: null,
  openObjections: 0,
  stationId: null,
  createdBy: 'p1',
  createdAt: 1,
  updatedAt: 1,
  submittedAt: null,
  ...over,
});

describe.each(subjects)('applications repository — $name', (subject) => {
  let db: Db;
  let dispose: () => Promise<void>;
  let store: Store;
  let repo: Store['applications'];
  /** a write once per key, with the applications' typed transaction operations */
  const appWrite = <T>(key: string, now: number, fn: (t: AppTx) => Promise<T>) => store.once(key, now, (tx) => fn(repo.tx(tx)));
  beforeEach(() => {
    ({ db, dispose } = subject.open());
    store = createStore(db);
    repo = store.applications;
  });
  afterEach(async () => {
    await dispose();
  });

  it('writes an application with its audit event in one transaction and reads it back', async () => {
    await appWrite('k1', 10, async (t) => {
      await t.insertApp(app('a1'));
      await t.audit({
        at: 10,
        actorId: 'p1',
        action: 'application.create',
        entity: 'application',
        entityId: 'a1',
        before: null,
        after: {},
        reason: '',
      });
    });
    expect(await repo.get('a1')).toEqual(app('a1'));
    expect((await repo.auditOf('a1')).map((e) => e.action)).toEqual(['application.create']);
  });

  it('keeps nothing of a write that throws', async () => {
    await expect(
      appWrite('k2', 10, async (t) => {
        await t.insertApp(app('a2'));
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await repo.get('a2')).toBeNull();
    expect(await store.replay('k2')).toBeNull();
  });

  it('applies a request once: a retry answers the stored result and writes nothing', async () => {
    let runs = 0;
    const write = () =>
      appWrite('k3', 10, async (t) => {
        runs++;
        const cur = (await t.getApp('a3')) ?? app('a3', { version: 0 });
        await t.putApp({ ...cur, version: cur.version + 1 });
        return { version: cur.version + 1 };
      });
    expect(await write()).toEqual({ version: 1 });
    expect(await write()).toEqual({ version: 1 });
    expect(runs).toBe(1);
    expect(await store.replay('k3')).toEqual({ version: 1 });
  });

  it('lets one of two concurrent version-checked writers win', async () => {
    await appWrite('seed', 1, (t) => t.insertApp(app('a4')));
    const save = (key: string, value: string) =>
      appWrite(key, 2, async (t) => {
        const cur = (await t.getApp('a4'))!;
        if (cur.version !== 1) throw new Error('CONFLICT');
        await t.putApp({ ...cur, values: { stationName: value }, version: 2 });
        return value;
      });
    const results = await Promise.allSettled([save('x', '甲'), save('y', '乙')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const winner = (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<string>).value;
    expect((await repo.get('a4'))!.values).toEqual({ stationName: winner });
  });

  it('queues by CAST units and filters, newest change first; finds by applicant and round', async () => {
    await appWrite('q', 1, async (t) => {
      await t.insertApp(app('b1', { castUnitId: 'cast-a', status: 'in_review', stageId: 's1', updatedAt: 5, submittedAt: 2 }));
      await t.insertApp(
        app('b2', {
          castUnitId: 'cast-b',
          status: 'in_review',
          stageId: 's2',
          updatedAt: 9,
          submittedAt: 2,
          applicant: { type: 'society', societyId: 'soc-2', hostUnitId: null },
        }),
      );
      await t.insertApp(
        app('b3', { castUnitId: 'cast-c', status: 'returned', stageId: 's1', updatedAt: 7, roundId: 'r2', submittedAt: 2 }),
      );
    });
    const ids = (xs: ApplicationDoc[]) => xs.map((x) => x.id);
    expect(ids(await repo.queue({ castUnitIds: ['cast-a', 'cast-b'] }, { limit: 50, skip: 0 }))).toEqual(['b2', 'b1']);
    expect(ids(await repo.queue({ castUnitIds: ['cast-a', 'cast-b', 'cast-c'], stageId: 's1' }, { limit: 50, skip: 0 }))).toEqual([
      'b3',
      'b1',
    ]);
    expect(ids(await repo.queue({ castUnitIds: ['cast-a', 'cast-b', 'cast-c'], status: 'returned' }, { limit: 50, skip: 0 }))).toEqual([
      'b3',
    ]);
    expect(ids(await repo.queue({ castUnitIds: ['cast-a', 'cast-b', 'cast-c'] }, { limit: 1, skip: 1 }))).toEqual(['b3']);
    expect(ids(await repo.ofApplicant({ societyId: 'soc-2' }))).toEqual(['b2']);
    expect(ids(await repo.ofApplicant({ hostUnitId: 'hu-1' })).sort()).toEqual(['b1', 'b3']);
    expect(ids(await repo.ofRound('r1')).sort()).toEqual(['b1', 'b2']);
  });

  it('keeps reviews, assignments, score sheets and objections, in time order', async () => {
    await appWrite('r', 1, async (t) => {
      await t.insertReview({
        id: 'rv2',
        type: 'decision',
        applicationId: 'a',
        stageId: 's',
        actorId: 'p',
        decision: 'pass',
        comment: '',
        fieldComments: {},
        checklist: [],
        at: 20,
      });
      await t.insertReview({
        id: 'rv1',
        type: 'decision',
        applicationId: 'a',
        stageId: 's',
        actorId: 'p',
        decision: 'return',
        comment: '改',
        fieldComments: {},
        checklist: [],
        at: 10,
      });
      await t.putReview({
        id: 'as:a:s:r1',
        type: 'assignment',
        applicationId: 'a',
        stageId: 's',
        reviewerId: 'r1',
        assignedBy: 'p',
        at: 5,
        active: true,
      });
      await t.putReview({
        id: 'as:a:s:r2',
        type: 'assignment',
        applicationId: 'a',
        stageId: 's',
        reviewerId: 'r2',
        assignedBy: 'p',
        at: 5,
        active: false,
      });
      await t.putReview({
        id: 'sc:a:s:r1',
        type: 'score',
        applicationId: 'a',
        stageId: 's',
        reviewerId: 'r1',
        items: [{ itemId: 'x', points: 9 }],
        total: 9,
        at: 30,
      });
      await t.insertObjection({
        id: 'ob1',
        applicationId: 'a',
        filedBy: 'p',
        filedAt: 3,
        content: '异议',
        status: 'open',
        resolution: null,
        resolvedBy: null,
        resolvedAt: null,
      });
    });
    expect((await repo.reviewsOf('a')).map((r) => r.id)).toEqual(['as:a:s:r1', 'as:a:s:r2', 'rv1', 'rv2', 'sc:a:s:r1']);
    expect((await repo.assignmentsOf('r1')).map((r) => r.id)).toEqual(['as:a:s:r1']);
    expect(await repo.assignmentsOf('r2')).toEqual([]);
    expect((await repo.objectionsOf('a')).map((o) => o.id)).toEqual(['ob1']);
    expect(await repo.objection('ob1')).toMatchObject({ status: 'open' });
  });

  it('reads an absent quota as empty and keeps what is put', async () => {
    expect(await repo.quota('round:r1:station')).toEqual({ id: 'round:r1:station', entries: [] });
    await appWrite('qq', 1, async (t) => {
      const q = await t.getQuota('round:r1:station');
      await t.putQuota({ ...q, entries: [{ applicationId: 'a', level: 'city', at: 1 }] });
    });
    expect((await repo.quota('round:r1:station')).entries).toEqual([{ applicationId: 'a', level: 'city', at: 1 }]);
  });

  it('lists rounds of a programme, latest first', async () => {
    await repo.putRound({
      id: 'r-old',
      programmeId: 'p',
      title: '旧',
      opensOn: '2024-01-01',
      closesOn: '2024-03-01',
      quotas: {},
      createdAt: 1,
    });
    await repo.putRound({
      id: 'r-new',
      programmeId: 'p',
      title: '新',
      opensOn: '2026-01-01',
      closesOn: '2026-03-01',
      quotas: { q: 3 },
      createdAt: 2,
    });
    await repo.putRound({
      id: 'r-other',
      programmeId: 'other',
      title: '他',
      opensOn: '2025-01-01',
      closesOn: '2025-03-01',
      quotas: {},
      createdAt: 3,
    });
    expect((await repo.rounds('p')).map((r) => r.id)).toEqual(['r-new', 'r-old']);
    expect(await repo.round('r-new')).toMatchObject({ quotas: { q: 3 } });
  });
});

describe.each(subjects)('the applications function end to end — $name', (subject) => {
  let db: Db;
  let dispose: () => Promise<void>;
  let deps: Deps;
  let dir: string;
  let clock = movableClock(Date.parse('2026-11-20T10:00:00+08:00'));
  beforeEach(async () => {
    clock = movableClock(Date.parse('2026-11-20T10:00:00+08:00'));
    ({ db, dispose } = subject.open());
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apps-files-'));
    deps = {
      store: createStore(db),
      clock,
      files: localFiles(dir),
      contentCheck: localContentCheck,
      notifier: { send: async () => ({ sent: true }) },
      log: { error: () => undefined, info: () => undefined },
    };
    await seedDemo(deps, [seedApplicationRounds, seedTestUnits]);
  });
  afterEach(async () => {
    await dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('takes a station application from draft to the county stage, refusing a stale save', async () => {
    const p = programmes['yiyang-station-2023'];
    const kind = p.kinds[0]!;
    const call = (action: string, data: unknown, who: string) =>
      applications({ action, data }, localOpenidOf(who), deps) as Promise<{ ok: boolean; data?: any; error?: any }>;
    const { personId, extra } = applicantFor(kind);
    const roundId = `round-${p.id}-${chinaDateOf(clock.now()).slice(0, 4)}`;
    const created = await call(
      'saveDraft',
      {
        programmeId: p.id,
        kindId: kind.id,
        roundId,
        values: passingValues(p, kind),
        facts: {},
        baseVersion: 0,
        requestId: rid(),
        ...extra,
      },
      personId,
    );
    expect(created.ok).toBe(true);
    const saved = await call(
      'saveDraft',
      {
        programmeId: p.id,
        kindId: kind.id,
        roundId,
        applicationId: created.data.applicationId,
        values: passingValues(p, kind),
        facts: passingFacts({ clock }, p, kind.id),
        baseVersion: 1,
        requestId: rid(),
      },
      personId,
    );
    expect(saved.data.version).toBe(2);
    const stale = await call(
      'saveDraft',
      {
        programmeId: p.id,
        kindId: kind.id,
        roundId,
        applicationId: created.data.applicationId,
        values: {},
        facts: {},
        baseVersion: 1,
        requestId: rid(),
      },
      personId,
    );
    expect(stale.error.code).toBe('CONFLICT.VERSION');
    for (const m of p.materials.filter((x) => x.required)) {
      const up = await call(
        'uploadAttachment',
        {
          applicationId: created.data.applicationId,
          materialId: m.id,
          name: `${m.id}.pdf`,
          mime: 'application/pdf',
          base64: Buffer.from('%PDF-1.4').toString('base64'),
          requestId: rid(),
        },
        personId,
      );
      expect(up.ok).toBe(true);
    }
    const submitted = await call('submit', { applicationId: created.data.applicationId, requestId: rid() }, personId);
    expect(submitted.data).toMatchObject({ status: 'in_review', stageId: 'county-first-review' });
    const queue = await call('queue', {}, 'p-heshan-staff');
    expect(queue.data.map((r: { id: string }) => r.id)).toEqual([created.data.applicationId]);
  });

  it.each(allKinds)('takes %s from draft to award', async (_n, p, kind) => {
    const h = {
      deps,
      clock,
      call: (_fn: string, action: string, data: unknown, who: string | null | { openid: string }) =>
        applications({ action, data }, typeof who === 'string' ? localOpenidOf(who) : null, deps) as Promise<{
          ok: boolean;
          data?: any;
          error?: any;
        }>,
    } as unknown as Harness;
    const { applicationId, personId } = await draftReady(h, p, kind);
    expect((await h.call('applications', 'submit', { applicationId, requestId: rid() }, personId)).ok).toBe(true);
    let view = await passStages(h, applicationId);
    const staff = staffFor(p.publicity!.role, view.castUnitId);
    expect(
      (
        await h.call(
          'applications',
          'startPublicity',
          { applicationId, startDate: chinaDateOf(clock.now()), note: '', requestId: rid() },
          staff,
        )
      ).ok,
    ).toBe(true);
    clock.advance(16 * 86_400_000);
    expect((await h.call('applications', 'closePublicity', { applicationId, requestId: rid() }, staff)).ok).toBe(true);
    view = await passStages(h, applicationId);
    const awarded = await h.call(
      'applications',
      'award',
      { applicationId, plaqueDate: chinaDateOf(clock.now()), requestId: rid() },
      staffFor(p.award.role, view.castUnitId),
    );
    expect(awarded.data).toMatchObject({ status: 'awarded' });
    if (kind.stationLevels) expect(await deps.store.org.station(awarded.data.stationId)).toMatchObject({ applicationId, level: 'city' });
  });
});
