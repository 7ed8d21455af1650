import { settingsFor, type TallyDoc } from '../../cloudfunctions/_kernel/store/stations';
import type { DemoSeeder } from '../../local/demo/org';
import { demoStations, localOpenidOf } from '../../local/demo/org';
import { programmes, stagesOf } from '../../shared/programmes';
import { sumContributions } from '../../shared/rules/assessment';
import type { StationRecord } from '../../shared/schemas/records';
import { harness as appHarness, callsOf, draftReady, ok, rid } from '../handlers/applications-support';
import { type Harness, makeDeps } from '../support/handlers';

/**
 * Retries and concurrency (issue 7 §4): the same request 100× at once has one effect; 50 experts
 * logging the same day at one station give 50 records and exact tallies; two staff acting on the
 * same application at the same stage: one wins, the other gets a clear conflict.
 */
const BIG = 'st-big-team';
const bigTeam = Array.from({ length: 50 }, (_, i) => `p-big-${String(i + 1).padStart(2, '0')}`);
const seedBigStation: DemoSeeder = async (deps) => {
  await deps.store.org.putStation({ ...demoStations[0]!, id: BIG, name: '大团队测试服务站', expertIds: bigTeam });
  for (const [i, id] of bigTeam.entries()) {
    await deps.store.org.putPerson({ id, name: `专家${i + 1}`, title: '', societyId: 'soc-agri', hostUnitId: null });
    await deps.store.identity.seedBinding({
      id: `bd-big-${i}`,
      openid: localOpenidOf(id),
      personId: id,
      role: 'expert',
      scope: { societyId: null, stationId: BIG, hostUnitId: null, castUnitId: null },
      createdAt: 0,
      createdBy: 'p-city-staff',
      revokedAt: null,
      revokedBy: null,
    });
  }
};

async function recordsOf(h: Harness, stationId: string): Promise<StationRecord[]> {
  const docs = await h.deps.db.find<{ _id: string } & Omit<StationRecord, 'id'>>('records', { stationId }, { limit: 1000 });
  return docs.map(({ _id, ...r }) => ({ id: _id, ...r }) as StationRecord);
}
async function expectTalliesEqualRecount(h: Harness, stationId: string) {
  const st = (await h.deps.store.org.station(stationId))!;
  const recount = sumContributions(await recordsOf(h, stationId), st, settingsFor(st));
  const stored: Record<string, { all: number; verified: number }> = {};
  for (const t of await h.deps.db.find<{ _id: string } & Omit<TallyDoc, 'id'>>('stationTallies', { stationId }, { limit: 100 })) {
    for (const [k, v] of Object.entries(t.counters)) if (v.all || v.verified) stored[k] = v;
  }
  expect(stored).toEqual(Object.fromEntries(Object.entries(recount).filter(([, v]) => v.all || v.verified)));
  return recount;
}

describe('one request id sent 100 times at once', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await makeDeps();
  });
  afterEach(async () => h.close());
  it.each([
    ['logTraining', { topic: '水稻病虫害绿色防控', place: '赫山区农技站', trainees: 80, date: '2026-11-18' }],
    ['logServiceDay', { date: '2026-11-18' }],
  ])('%s: one record, one audit event, the tally counts it once, every answer is the first', async (action, data) => {
    const requestId = rid();
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => h.call('stations', action, { requestId, stationId: 'st-agri-heshan', ...data }, 'p-exp-agri-1')),
    );
    expect(answers.every((a) => a.ok)).toBe(true);
    const ids = new Set(answers.map((a) => a.data.record.id));
    expect(ids.size).toBe(1);
    const records = await recordsOf(h, 'st-agri-heshan');
    expect(records.filter((r) => r.date === '2026-11-18')).toHaveLength(1);
    const audit = await h.deps.store.audit.forEntity('record', [...ids][0]!);
    expect(audit.filter((a) => a.action === 'record.create')).toHaveLength(1);
    await expectTalliesEqualRecount(h, 'st-agri-heshan');
  });
});

describe('a request id is scoped to its action', () => {
  it('reusing one request id for another action is a new request, never a replay of a foreign result', async () => {
    const h = await makeDeps();
    try {
      const requestId = rid();
      const day = await h.call('stations', 'logServiceDay', { requestId, stationId: 'st-agri-heshan', date: '2026-11-18' }, 'p-exp-agri-1');
      const training = await h.call(
        'stations',
        'logTraining',
        { requestId, stationId: 'st-agri-heshan', date: '2026-11-18', topic: '水稻栽培', place: '农技站', trainees: 60 },
        'p-exp-agri-1',
      );
      expect(day.data.record.kind).toBe('serviceDay');
      expect(training.data.record.kind).toBe('training');
      expect(training.data.record.id).not.toBe(day.data.record.id);
    } finally {
      await h.close();
    }
  });
});

describe('50 experts log the same day at one station at once', () => {
  it('gives 50 records, 50 day locks, and tallies equal to a recount', async () => {
    const h = await makeDeps({ seeders: [seedBigStation] });
    try {
      const answers = await Promise.all(
        bigTeam.map((p) => h.call('stations', 'logServiceDay', { requestId: rid(), stationId: BIG, date: '2026-11-18' }, p)),
      );
      expect(answers.filter((a) => !a.ok).map((a) => a.error)).toEqual([]);
      const days = (await recordsOf(h, BIG)).filter((r) => r.kind === 'serviceDay');
      expect(days).toHaveLength(50);
      expect(new Set(days.map((d) => (d as { expertId: string }).expertId)).size).toBe(50);
      expect(await h.deps.db.count('dayLocks', { date: '2026-11-18' })).toBe(50);
      const recount = await expectTalliesEqualRecount(h, BIG);
      const dayCells = Object.entries(recount).filter(([k]) => k.startsWith('days|'));
      expect(dayCells.reduce((s, [, v]) => s + v.all, 0)).toBe(50);
      // and each of them logging the same date again (another request) is refused: one day per expert per date
      const again = await Promise.all(
        bigTeam.slice(0, 10).map((p) => h.call('stations', 'logServiceDay', { requestId: rid(), stationId: BIG, date: '2026-11-18' }, p)),
      );
      expect(again.map((a) => a.error?.code)).toEqual(Array(10).fill('STATION.DAY_ALREADY_LOGGED'));
    } finally {
      await h.close();
    }
  });
});

describe('two staff act on the same application at the same stage', () => {
  it('one wins; the other gets CONFLICT.STATE and changes nothing', async () => {
    const h = await appHarness();
    try {
      const p = programmes['wuhan-award'];
      const kind = p.kinds[0]!;
      const { applicationId, personId } = await draftReady(h, p, kind, 3);
      ok(await callsOf(h)('submit', { applicationId, requestId: rid() }, personId));
      const view = ok(await callsOf(h)('get', { applicationId }, 'p-city-staff'));
      const stage = stagesOf(p, kind.id).find((s) => s.id === view.stageId)!;
      // a second member of staff with the same role and unit as the first
      const first =
        stage.role === 'countyStaff' ? (view.castUnitId === 'cast-heshan' ? 'p-heshan-staff' : 'p-taojiang-staff') : 'p-city-staff';
      const firstBinding = (await h.deps.store.identity.activeBindings(localOpenidOf(first)))[0]!;
      await h.deps.store.identity.seedBinding({ ...firstBinding, id: 'bd-second-staff', openid: 'o-second-staff', personId: 'p-talent' });
      const checklist = (view.checklist as { itemId: string; label: string }[]).map((i) => ({ ...i, checked: true }));
      const expected = { status: view.status, stageId: view.stageId };
      const act = (who: string | { openid: string }, decision: string) =>
        h.call(
          'applications',
          'review',
          {
            applicationId,
            decision,
            comment: decision === 'pass' ? '' : '请补充材料',
            fieldComments: {},
            checklist,
            requestId: rid(),
            expected,
          },
          who,
        );
      const [a, b] = await Promise.all([act(first, 'pass'), act({ openid: 'o-second-staff' }, 'return')]);
      const results = [a, b];
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const loser = results.find((r) => !r.ok)!;
      expect(loser.error).toMatchObject({ code: 'CONFLICT.STATE', message: expect.stringMatching(/状态已经变化|刷新/) });
      // exactly one stage transition was recorded, by the winner
      const transitions = (await h.deps.store.audit.forEntity('application', applicationId)).filter(
        (e) => e.action === 'application.pass' || e.action === 'application.return',
      );
      expect(transitions).toHaveLength(1);
      expect(transitions[0]!.action).toBe(a.ok ? 'application.pass' : 'application.return');
      const after = ok(await callsOf(h)('get', { applicationId }, 'p-city-staff'));
      expect(after.stageId === view.stageId && after.status === view.status).toBe(false);
    } finally {
      await h.close();
    }
  });
});

describe('one WeChat account redeems invites for two different persons at once (issue 11, finding 11)', () => {
  /**
   * The person an OPENID is bound to was read before the redeeming transaction, so two redeems
   * racing on one OPENID both saw "unbound" and on the committed main both bound it: one WeChat
   * account, two people. The lock document keyed by the OPENID is read and written in the
   * transaction: exactly one wins, the other is refused and its invite stays unused.
   */
  it('exactly one person is bound; the other redeem is refused with AUTH.FORBIDDEN and its invite stays usable', async () => {
    const h = await makeDeps();
    try {
      const scope = { societyId: null, stationId: null, hostUnitId: null, castUnitId: null };
      const invite = async (newName: string) =>
        ok(await h.call('identity', 'createInvite', { role: 'reviewer', newPerson: { name: newName }, scope }, 'p-city-staff')) as {
          code: string;
          personId: string;
        };
      for (let round = 0; round < 5; round++) {
        const openid = `o-racer-${round}`;
        const [x, y] = [await invite(`评审甲${round}`), await invite(`评审乙${round}`)];
        const answers = await Promise.all([x, y].map((inv) => h.call('identity', 'redeemInvite', { code: inv.code }, { openid })));
        expect(answers.filter((a) => a.ok)).toHaveLength(1);
        const lost = answers.find((a) => !a.ok)!;
        expect(lost.error).toMatchObject({ code: 'AUTH.FORBIDDEN', message: expect.stringContaining('其他人员') });

        const active = await h.deps.store.identity.activeBindings(openid);
        expect(new Set(active.map((b) => b.personId)).size).toBe(1);
        const [winner, loser] = active[0]!.personId === x.personId ? [x, y] : [y, x];
        expect(ok(await h.call('identity', 'me', {}, { openid })).person.id).toBe(winner.personId);
        // the loser's invite was not spent: its person redeems it on their own WeChat account
        const own = ok(await h.call('identity', 'redeemInvite', { code: loser.code }, { openid: `${openid}-own` }));
        expect(own.person.id).toBe(loser.personId);
      }
    } finally {
      await h.close();
    }
  });

  it('after every binding of the account is revoked, it may be bound to another person (the lock follows revocations)', async () => {
    const h = await makeDeps();
    try {
      const scope = { societyId: null, stationId: null, hostUnitId: null, castUnitId: null };
      const openid = 'o-handed-on';
      const first = ok(
        await h.call('identity', 'createInvite', { role: 'reviewer', newPerson: { name: '误建人员' }, scope }, 'p-city-staff'),
      );
      ok(await h.call('identity', 'redeemInvite', { code: first.code }, { openid }));
      const second = ok(
        await h.call('identity', 'createInvite', { role: 'reviewer', newPerson: { name: '正确人员' }, scope }, 'p-city-staff'),
      );
      expect((await h.call('identity', 'redeemInvite', { code: second.code }, { openid })).error?.code).toBe('AUTH.FORBIDDEN');
      const [bound] = await h.deps.store.identity.activeBindings(openid);
      ok(await h.call('identity', 'revokeBinding', { bindingId: bound!.id, reason: '人员建错，重新发放' }, 'p-city-staff'));
      expect(ok(await h.call('identity', 'redeemInvite', { code: second.code }, { openid })).person.id).toBe(second.personId);
    } finally {
      await h.close();
    }
  });
});
