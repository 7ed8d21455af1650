import { apis } from '../../shared/api';
import { openidOf, Tier } from './tier';

/**
 * The cloud tier: the COMPILED bundles (dist/cloudfunctions/*, run `node scripts/build-functions.mjs`
 * first — scripts/test-all.sh does) with the REAL wx-server-sdk 4.0.2, against a fake of the CloudBase
 * service (fake-cloudbase.ts). The small city of local/demo is seeded through the same SDK path.
 * Each case states the action it covers; the completeness check lists the actions without one, and the
 * closing note prints the database requests and transactions per function.action.
 */
jest.setTimeout(180_000);

const tier = new Tier({ contentVerdict: (text) => (text.includes('违规示例') ? 'risky' : 'pass') });
const covered = new Set<string>();
const EXPERT = openidOf('p-exp-agri-1');
const EXPERT2 = openidOf('p-exp-agri-2');
const HOST = openidOf('p-host-heshan');
const CITY = openidOf('p-city-staff');
const AGRI = 'st-agri-heshan';
let n = 0;
const rid = () => `tier-${String(++n).padStart(4, '0')}-request`;
/** the tier's today in China (its clock starts at tier.now, 10:00 China time) */
const today = new Date(tier.now + 8 * 3600_000).toISOString().slice(0, 10);
const daysBefore = (k: number) => new Date(tier.now + 8 * 3600_000 - k * 86400_000).toISOString().slice(0, 10);
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

async function call(fn: 'identity' | 'stations' | 'applications' | 'reports', action: string, data: unknown, openid: string | null) {
  covered.add(`${fn}.${action}`);
  return tier.call(fn, action, data, openid);
}
const txOf = (label: string) => tier.fake.countsByLabel().get(label)?.transactions ?? 0;

beforeAll(async () => {
  await tier.start();
  expect(await tier.seed()).toEqual({ seeded: true });
});

afterAll(async () => {
  console.log(
    `cloud tier: ${covered.size} actions ran through the real wx-server-sdk against the fake CloudBase service; database requests per call:\n${tier.table()}`,
  );
  await tier.stop();
});

describe('identity', () => {
  test('identity.me: the bound expert, from the platform OPENID only', async () => {
    const me = await call('identity', 'me', {}, EXPERT);
    expect(me.ok).toBe(true);
    expect(me.data).toMatchObject({ bound: true, person: { id: 'p-exp-agri-1' }, primaryRole: 'expert' });
    const stranger = await call('identity', 'me', {}, 'o-stranger-openid');
    expect(stranger.data).toMatchObject({ bound: false, bindings: [] });
  });

  test('identity.listBindings: city staff see the seeded bindings', async () => {
    const r = await call('identity', 'listBindings', {}, CITY);
    expect(r.ok).toBe(true);
    expect((r.data as unknown[]).length).toBeGreaterThanOrEqual(20);
  });

  test('identity.createInvite → redeemInvite (a new WeChat user) → revokeBinding', async () => {
    const inv = await call(
      'identity',
      'createInvite',
      { role: 'expert', personId: 'p-newcomer', scope: { stationId: AGRI, societyId: null, hostUnitId: null, castUnitId: null } },
      CITY,
    );
    expect(inv.error).toBeUndefined();
    const code = (inv.data as { code: string }).code;
    const NEW = 'o-newcomer-openid-0001';
    const me = await call('identity', 'redeemInvite', { code }, NEW);
    expect(me.error).toBeUndefined();
    expect(me.data).toMatchObject({ bound: true, person: { id: 'p-newcomer' }, primaryRole: 'expert' });
    const bindingId = (me.data as { bindings: Array<{ bindingId: string }> }).bindings[0]!.bindingId;
    const revoked = await call('identity', 'revokeBinding', { bindingId, reason: '测试撤销' }, CITY);
    expect(revoked.error).toBeUndefined();
    expect((await tier.call('identity', 'me', {}, NEW)).data).toMatchObject({ bound: false });
  });

  test('no OPENID (a call without the platform context) is refused', async () => {
    const r = await tier.call('identity', 'me', {}, null);
    expect(r.error?.code).toBe('AUTH.UNAUTHENTICATED');
  });
});

describe('stations', () => {
  let dayId = '';
  test('stations.logServiceDay: one day in one transaction, the note checked by msgSecCheck (wire parameters)', async () => {
    const before = tier.fake.openapiCalls.length;
    const r = await call('stations', 'logServiceDay', { requestId: rid(), stationId: AGRI, date: today, note: '现场指导水稻育秧' }, EXPERT);
    expect(r.ok).toBe(true);
    const record = (r.data as { record: { id: string; status: string; date: string } }).record;
    expect(record).toMatchObject({ status: 'pending', date: today });
    dayId = record.id;
    expect(txOf('stations.logServiceDay')).toBe(1);
    expect(tier.perCall.at(-1)).toMatchObject({ label: 'stations.logServiceDay', transactions: 1 });
    // the content check as WeChat receives it: msgSecCheck v2, scene 2 (评论), the caller's openid
    const checks = tier.fake.openapiCalls.slice(before).filter((c) => c.api === 'security.msgSecCheck');
    expect(checks).toEqual([
      {
        label: 'stations.logServiceDay',
        api: 'security.msgSecCheck',
        params: { content: '现场指导水稻育秧', version: 2, scene: 2, openid: EXPERT },
      },
    ]);
    // and the document is in the service, with no '.'/'$' field names (the fake refuses those)
    const stored = tier.fake.all('records').find((d) => d._id === dayId);
    expect(stored).toMatchObject({ date: today, status: 'pending', expertId: 'p-exp-agri-1' });
  });

  test('stations.logServiceDay: a risky note is refused by the content check (CONTENT.RISKY)', async () => {
    const r = await call(
      'stations',
      'logServiceDay',
      { requestId: rid(), stationId: AGRI, date: daysBefore(1), note: '违规示例文字' },
      EXPERT,
    );
    expect(r.error?.code).toBe('CONTENT.RISKY');
  });

  test('stations.uploadEvidence: the photo goes to storage (getUploadMetadata + PUT) and is logged with a day', async () => {
    const up = await call(
      'stations',
      'uploadEvidence',
      { requestId: rid(), stationId: AGRI, name: '现场.png', mime: 'image/png', dataBase64: PNG.toString('base64') },
      EXPERT2,
    );
    expect(up.ok).toBe(true);
    const ref = up.data as { fileId: string; size: number };
    expect(tier.fake.file(ref.fileId)?.equals(PNG)).toBe(true);
    const day = await call('stations', 'logServiceDay', { requestId: rid(), stationId: AGRI, date: today, evidence: [ref] }, EXPERT2);
    expect(day.ok).toBe(true);
  });

  test('a photo the app uploaded itself is read back through downloadFile and sniffed', async () => {
    const fileId = `cloud://kexie-test-1a2b3c.fake/evidence/${AGRI}/app-upload.png`; // the app's cloudPath for evidence
    tier.fake.putFile(fileId, PNG);
    const before = tier.fake.requests.length;
    const day = await tier.call(
      'stations',
      'logServiceDay',
      {
        requestId: rid(),
        stationId: AGRI,
        date: daysBefore(1),
        evidence: [{ fileId, name: 'app-upload.png', size: PNG.length, mime: 'image/png' }],
      },
      EXPERT,
    );
    expect(day.error).toBeUndefined();
    const actions = tier.fake.requests.slice(before).map((r) => r.action);
    expect(actions).toContain('storage.batchGetDownloadUrl');
    expect(actions).toContain('cos.GET');
  });

  test('stations.listEntries / getEntry / myProgress read the logged day back', async () => {
    const list = await call('stations', 'listEntries', { stationId: AGRI }, EXPERT);
    expect(list.ok).toBe(true);
    expect((list.data as { entries: Array<{ record: { id: string } }> }).entries.map((e) => e.record.id)).toContain(dayId);
    const one = await call('stations', 'getEntry', { recordId: dayId }, EXPERT);
    expect(one.data).toMatchObject({ record: { id: dayId }, canEdit: true });
    const progress = await call('stations', 'myProgress', { stationId: AGRI }, EXPERT);
    expect(progress.ok).toBe(true);
    expect((progress.data as { recentDays: Array<{ date: string }> }).recentDays.map((d) => d.date)).toContain(today);
  });

  test('stations.confirmEntry: the host contact confirms the day', async () => {
    const r = await call('stations', 'confirmEntry', { requestId: rid(), recordId: dayId, decision: 'confirm' }, HOST);
    expect(r.ok).toBe(true);
    expect((r.data as { record: { status: string } }).record.status).toBe('confirmed');
    const history = await call('stations', 'entryHistory', { recordId: dayId }, EXPERT);
    expect((history.data as unknown[]).length).toBeGreaterThanOrEqual(2);
  });

  test('stations.correctEntry: county staff correct the confirmed day', async () => {
    const r = await call(
      'stations',
      'correctEntry',
      {
        requestId: rid(),
        recordId: dayId,
        entry: { kind: 'serviceDay', date: today, note: '更正：现场指导育秧', evidence: [] },
        reason: '专家口头更正备注',
      },
      openidOf('p-heshan-staff'),
    );
    expect(r.error).toBeUndefined();
    expect((r.data as { record: { note: string } }).record.note).toBe('更正：现场指导育秧');
  });

  test('stations.myStations: the expert sees the station', async () => {
    const r = await call('stations', 'myStations', {}, EXPERT);
    expect(r.ok).toBe(true);
    expect(JSON.stringify(r.data)).toContain(AGRI);
  });

  test.each([
    ['logTraining', { topic: '水稻育秧技术培训', place: '赫山区农技站', trainees: 60 }, 'training'],
    ['logResearch', { title: '赫山区双季稻种植调研' }, 'research'],
    ['logTackling', { title: '再生稻机收减损攻关', partners: '益阳市农科所' }, 'tackling'],
    ['logProblem', { enterprise: '赫山区某米业公司', problem: '烘干后碎米率高', outcome: '调整烘干温度曲线，碎米率下降' }, 'problem'],
    ['logAchievement', { title: '稻田综合种养模式', recipient: '赫山区某合作社', method: '技术服务' }, 'achievement'],
    ['logAgreementProgress', { percent: 40 }, 'agreement'],
  ])('stations.%s records the entry', async (action, fields, kind) => {
    // agreement progress is the society's to report (its secretary), the rest the expert's
    const who = action === 'logAgreementProgress' ? openidOf('p-sec-agri') : EXPERT;
    const r = await call('stations', action, { requestId: rid(), stationId: AGRI, date: daysBefore(8), ...fields }, who);
    expect(r.error).toBeUndefined();
    expect((r.data as { record: { kind: string; status: string } }).record).toMatchObject({ kind, status: 'pending' });
    if (action === 'logResearch') {
      const id = (r.data as { record: { id: string } }).record.id;
      const res = await call(
        'stations',
        'logResearchResult',
        { requestId: rid(), recordId: id, result: '形成调研报告一份', resultDate: daysBefore(1) },
        EXPERT,
      );
      expect(res.error).toBeUndefined();
      expect((res.data as { record: { result: string } }).record.result).toBe('形成调研报告一份');
    }
  });

  test('stations.editEntry then withdrawEntry on a pending day', async () => {
    const day = await tier.call('stations', 'logServiceDay', { requestId: rid(), stationId: AGRI, date: daysBefore(7) }, EXPERT);
    const id = (day.data as { record: { id: string } }).record.id;
    const edited = await call(
      'stations',
      'editEntry',
      { requestId: rid(), recordId: id, entry: { kind: 'serviceDay', date: daysBefore(7), note: '补充说明', evidence: [] } },
      EXPERT,
    );
    expect(edited.ok).toBe(true);
    expect((edited.data as { record: { note: string } }).record.note).toBe('补充说明');
    const gone = await call('stations', 'withdrawEntry', { requestId: rid(), recordId: id, reason: '录错日期' }, EXPERT);
    expect(gone.ok).toBe(true);
    expect((gone.data as { record: { status: string } }).record.status).toBe('withdrawn');
  });
});

describe('applications', () => {
  test('applications.openCalls / rounds / mine for a secretary', async () => {
    const SEC = openidOf('p-sec-agri');
    const calls = await call('applications', 'openCalls', {}, SEC);
    expect(calls.ok).toBe(true);
    const rounds = await call('applications', 'rounds', {}, CITY);
    expect(rounds.ok).toBe(true);
    const mine = await call('applications', 'mine', {}, SEC);
    expect(mine.ok).toBe(true);
  });

  test('applications.saveDraft → get → precheck → withdraw (a society secretary with a host unit)', async () => {
    const SEC = openidOf('p-sec-mech');
    const draft = await call(
      'applications',
      'saveDraft',
      {
        programmeId: 'yiyang-station-2023',
        kindId: 'station',
        roundId: `round-yiyang-station-2023-${today.slice(0, 4)}`,
        values: { stationName: '益阳市机械工程学会沅江服务站' },
        facts: {},
        baseVersion: 0,
        requestId: rid(),
        hostUnitId: 'hu-yuanjiang-machine',
      },
      SEC,
    );
    expect(draft.error).toBeUndefined();
    const { applicationId, version } = draft.data as { applicationId: string; version: number };
    expect(version).toBe(1);
    const got = await call('applications', 'get', { applicationId }, SEC);
    expect(got.error).toBeUndefined();
    expect(JSON.stringify(got.data)).toContain('益阳市机械工程学会沅江服务站');
    const pre = await call('applications', 'precheck', { applicationId }, SEC);
    expect(pre.error).toBeUndefined();
    const gone = await call('applications', 'withdraw', { applicationId, reason: '信息有误，重新申报', requestId: rid() }, SEC);
    expect(gone.error).toBeUndefined();
  });

  test('applications.queue (a reviewer) and imposeSanction → listSanctions (city staff)', async () => {
    const q = await call('applications', 'queue', {}, openidOf('p-reviewer-1'));
    expect(q.error).toBeUndefined();
    expect(q.data).toEqual([]);
    const imposed = await call(
      'applications',
      'imposeSanction',
      {
        requestId: rid(),
        subject: { type: 'society', id: 'soc-mech' },
        programmeId: 'yiyang-station-2023',
        penaltyId: 'assessment-failed',
        imposedOn: today,
        reason: '年度考核不合格，限期整改',
      },
      CITY,
    );
    expect(imposed.error).toBeUndefined();
    const list = await call('applications', 'listSanctions', { subjectId: 'soc-mech' }, CITY);
    expect(JSON.stringify(list.data)).toContain((imposed.data as { id: string }).id);
  });
});

describe('reports', () => {
  test('reports.dashboard: city staff see both demo stations', async () => {
    const r = await call('reports', 'dashboard', {}, CITY);
    expect(r.ok).toBe(true);
    expect(r.data).toMatchObject({ total: 2, asOf: today });
  });

  test('reports.stationDetail', async () => {
    const r = await call('reports', 'stationDetail', { stationId: AGRI }, CITY);
    expect(r.ok).toBe(true);
  });

  // finding 2: the platform's timer event has been seen with both casings of Type
  test.each([
    ['Timer', 'first run sends'],
    ['timer', 'second run finds them sent'],
  ])('the reminders timer with Type %p runs (%s); subscription sends carry the wire parameters', async (type) => {
    const before = tier.fake.openapiCalls.length;
    const r = await tier.timer(
      'reports',
      { Type: type, TriggerName: 'reminders', Time: '2026-12-21T01:00:00Z', Message: '' },
      `reports.timer(${type})`,
    );
    expect(r.error).toBeUndefined(); // before the fix, 'timer' answered AUTH.UNAUTHENTICATED
    const data = r.data as { stationsChecked: number; stationsInWindow: number; sent: number; alreadySent: number; items: unknown[] };
    expect(data.stationsChecked).toBe(2);
    expect(data.stationsInWindow).toBeGreaterThanOrEqual(1);
    const sends = tier.fake.openapiCalls.slice(before).filter((c) => c.api === 'subscribeMessage.send');
    if (type === 'Timer') {
      expect(data.sent).toBeGreaterThan(0);
      expect(sends.length).toBe(data.sent);
      for (const s of sends) {
        expect(s.params).toMatchObject({ miniprogram_state: 'formal', page: expect.stringMatching(/^\/packages\//) });
        // sent to a WeChat user the service has an active binding for
        const bound = tier.fake
          .all('bindings')
          .filter((b) => b.revokedAt === null)
          .map((b) => b.openid);
        expect(bound).toContain(s.params.touser);
        expect(['tmpl-expert-days-short-0001', 'tmpl-secretary-team-short-0001']).toContain(s.params.template_id);
        for (const v of Object.values(s.params.data as Record<string, unknown>)) expect(v).toEqual({ value: expect.any(String) });
      }
    } else {
      expect(data.sent).toBe(0);
      expect(data.alreadySent).toBeGreaterThan(0);
      expect(sends).toEqual([]);
    }
  });

  test('reports.sendReminders (staff) and reports.listOutbox read the outbox the timer wrote', async () => {
    const r = await call('reports', 'sendReminders', {}, CITY);
    expect(r.ok).toBe(true);
    expect((r.data as { sent: number; alreadySent: number }).sent).toBe(0);
    expect((r.data as { alreadySent: number }).alreadySent).toBeGreaterThan(0);
    const out = await call('reports', 'listOutbox', {}, CITY);
    expect(out.ok).toBe(true);
    expect(JSON.stringify(out.data)).toContain('已发送');
  });

  test('reports.runAssessment → listAssessments → adjustAssessment → assessmentHistory → publishAssessments (year 1)', async () => {
    const run = await call('reports', 'runAssessment', { requestId: rid(), yearIndex: 1 }, CITY);
    expect(run.error).toBeUndefined();
    expect((run.data as { computed: number }).computed).toBeGreaterThanOrEqual(1);
    const list = await call('reports', 'listAssessments', { yearIndex: 1 }, CITY);
    const items = (list.data as { items: Array<{ id: string }> }).items;
    expect(items.length).toBe((run.data as { computed: number }).computed);
    const id = items[0]!.id;
    const adjusted = await call(
      'reports',
      'adjustAssessment',
      { requestId: rid(), assessmentId: id, score: 75, reason: '核实后补记培训一次' },
      CITY,
    );
    expect(adjusted.error).toBeUndefined();
    const history = await call('reports', 'assessmentHistory', { assessmentId: id }, CITY);
    expect((history.data as unknown[]).length).toBeGreaterThanOrEqual(2);
    const published = await call('reports', 'publishAssessments', { requestId: rid(), assessmentIds: [id] }, CITY);
    expect(published.error).toBeUndefined();
    expect((published.data as unknown[]).length).toBe(1);
  });

  test.each([
    ['exportDashboard', {}],
    ['exportStation', { stationId: AGRI }],
    ['exportAssessments', { yearIndex: 1 }],
  ])('reports.%s: the file is uploaded to storage and its bytes are the ones returned', async (action, data) => {
    const r = await call('reports', action, data, CITY);
    expect(r.error).toBeUndefined();
    const out = r.data as { file: { fileId: string; size: number }; base64?: string };
    const stored = tier.fake.file(out.file.fileId);
    expect(stored?.length).toBe(out.file.size);
    if (out.base64) expect(Buffer.from(out.base64, 'base64').equals(stored!)).toBe(true);
  });

  test('the timer path is not reachable from the app: a caller with an OPENID sending a timer-shaped event is routed as an action', async () => {
    const r = await tier.call('reports', 'x', {}, EXPERT);
    expect(r.error?.code).toBe('ACTION.UNKNOWN');
  });
});

// finding 3: a write conflict inside a transaction reaches the adapter as
// "document.set:fail -501001 resource system error. <server text>"; a commit conflict keeps its code.
describe('transaction conflicts through the real SDK', () => {
  test.each([
    'Transaction is conflict, maybe resource operated by other transaction',
    'Write conflict: resource locked by another transaction',
  ])('a conflict on a write (%p) is retried and the day is logged', async (message) => {
    const label = 'stations.logServiceDay';
    const txBefore = txOf(label);
    tier.fake.injectConflict({ at: 'write', message });
    const k = message.startsWith('Transaction') ? 2 : 3;
    const r = await tier.call('stations', 'logServiceDay', { requestId: rid(), stationId: AGRI, date: daysBefore(k) }, EXPERT);
    expect(r.error).toBeUndefined(); // before the fix: INTERNAL (the SDK's -501001 text did not match the retry pattern)
    expect(tier.fake.pendingInjections()).toBe(0);
    expect(txOf(label) - txBefore).toBe(2); // the conflicted attempt, rolled back, and the retry
  });

  test('a conflict at commit is retried (by the SDK itself, the code is kept) and the day is logged', async () => {
    const label = 'stations.logServiceDay';
    const txBefore = txOf(label);
    tier.fake.injectConflict({ at: 'commit', message: 'Transaction is conflict, maybe resource operated by other transaction' });
    const r = await tier.call('stations', 'logServiceDay', { requestId: rid(), stationId: AGRI, date: daysBefore(4) }, EXPERT);
    expect(r.error).toBeUndefined();
    expect(tier.fake.pendingInjections()).toBe(0);
    expect(txOf(label) - txBefore).toBe(2);
  });
});

describe('the fake keeps the real service rules', () => {
  test('field names with "." or "$" are refused; a query limit above 1000 is refused', async () => {
    // through the service's own wire shapes (the SDK itself caps limit at 1000 before sending)
    const post = (body: unknown) =>
      fetch(tier.fake.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) =>
        r.json(),
      );
    const bad = await post({
      action: 'database.insertDocument',
      collectionName: 'records',
      data: [JSON.stringify({ _id: 'x1', 'a.b': 1 })],
    });
    expect(bad.code).toBe('DATABASE_REQUEST_FAILED');
    const big = await post({ action: 'database.getDocument', collectionName: 'records', queryType: 'WHERE', query: '{}', limit: 1001 });
    expect(big.code).toBe('INVALID_PARAM');
    const none = await post({ action: 'database.getDocument', collectionName: 'nope', queryType: 'WHERE', query: '{}' });
    expect(none.code).toBe('DATABASE_COLLECTION_NOT_EXIST');
  });
});

test('completeness: registered actions without a tier case', () => {
  const all = Object.entries(apis).flatMap(([fn, api]) => Object.keys(api).map((a) => `${fn}.${a}`));
  const uncovered = all.filter((a) => !covered.has(a));
  console.log(
    `cloud tier covers ${all.length - uncovered.length} of ${all.length} registered actions; without a case yet: ${uncovered.join(', ')}`,
  );
  // the lead tightens this to `uncovered` empty once every action has its case
  expect(all.length - uncovered.length).toBeGreaterThanOrEqual(45);
});
