import { settingsFor } from '../../cloudfunctions/_kernel/store/stations';
import { sumContributions } from '../../shared/rules/assessment/tally';
import type { StationRecord } from '../../shared/schemas/records';
import { type Harness, makeDeps } from '../support/handlers';
import { AGRI, AGRI_EXPERT, AGRI_EXPERT_2, AGRI_HOST, rid, stationsCalls, TEA_HOST } from './stations-support';

let h: Harness;
let s: ReturnType<typeof stationsCalls>;
beforeEach(async () => {
  h = await makeDeps({ now: '2026-11-20T10:00:00+08:00' });
  s = stationsCalls(h);
});
afterEach(async () => {
  await h.close();
});

const dayKey = `days|1|4|${AGRI_EXPERT}`;

describe('host-unit confirmation', () => {
  it('the station’s host contact confirms: the entry becomes verified, in the tally too', async () => {
    const a = await s.day(AGRI_EXPERT, '2026-11-19');
    const c = await s.confirm(AGRI_HOST, a.data.record.id);
    expect(c.data.record).toMatchObject({ status: 'confirmed' });
    expect(c.data).toMatchObject({
      statusLabel: '已确认',
      canConfirm: false,
      count: { counts: true, label: expect.stringContaining('已确认') },
    });
    expect((await s.tally())[dayKey]).toEqual({ all: 1, verified: 1 });
    expect((await s.audit(a.data.record.id)).map((e) => [e.action, e.actorId])).toEqual([
      ['record.create', AGRI_EXPERT],
      ['record.confirm', AGRI_HOST],
    ]);
  });
  it('a dispute needs a reason, and then the entry stops counting', async () => {
    const a = await s.day(AGRI_EXPERT, '2026-11-19');
    const noReason = await s.confirm(AGRI_HOST, a.data.record.id, 'dispute', '  ');
    expect(noReason.error).toMatchObject({ code: 'INPUT.INVALID', issues: [{ path: 'reason', message: '请填写异议原因' }] });
    const d = await s.confirm(AGRI_HOST, a.data.record.id, 'dispute', '当天未到站');
    expect(d.data.record).toMatchObject({ status: 'disputed', statusReason: '当天未到站' });
    expect(d.data.count).toMatchObject({ counts: false, label: expect.stringContaining('当天未到站') });
    expect((await s.tally())[dayKey]).toBeUndefined();
    const audit = await s.audit(a.data.record.id);
    expect(audit[1]).toMatchObject({
      action: 'record.dispute',
      reason: '当天未到站',
      before: expect.objectContaining({ status: 'pending' }),
      after: expect.objectContaining({ status: 'disputed' }),
    });
  });
  it('another station’s host contact → STATION.NOT_HOST_CONTACT; an expert → AUTH.FORBIDDEN; nothing written', async () => {
    const a = await s.day(AGRI_EXPERT, '2026-11-19');
    const before = h.snapshot();
    expect((await s.confirm(TEA_HOST, a.data.record.id)).error?.code).toBe('STATION.NOT_HOST_CONTACT');
    expect((await s.confirm(AGRI_EXPERT_2, a.data.record.id)).error?.code).toBe('AUTH.FORBIDDEN');
    expect(h.snapshot()).toEqual(before);
  });
  it('a confirmed entry cannot be confirmed again or disputed by the host', async () => {
    const a = await s.day(AGRI_EXPERT, '2026-11-19');
    await s.confirm(AGRI_HOST, a.data.record.id);
    expect((await s.confirm(AGRI_HOST, a.data.record.id, 'dispute', '弄错了')).error?.code).toBe('STATION.ENTRY_LOCKED');
  });
  it('a withdrawn entry cannot be confirmed', async () => {
    const a = await s.day(AGRI_EXPERT, '2026-11-19');
    await s.call('withdrawEntry', { requestId: rid(), recordId: a.data.record.id }, AGRI_EXPERT);
    expect((await s.confirm(AGRI_HOST, a.data.record.id)).error?.code).toBe('CONFLICT.STATE');
  });
  it('the host lists the entries awaiting confirmation, each with canConfirm', async () => {
    await s.day(AGRI_EXPERT, '2026-11-19');
    await s.training(AGRI_EXPERT_2, '2026-11-18', 80);
    const c = await s.day(AGRI_EXPERT_2, '2026-11-17');
    await s.confirm(AGRI_HOST, c.data.record.id);
    const list = await s.call('listEntries', { stationId: AGRI, scope: 'pending' }, AGRI_HOST);
    expect(list.data.total).toBe(2);
    expect(
      list.data.entries.map((e: { record: StationRecord; canConfirm: boolean }) => [e.record.date, e.record.kind, e.canConfirm]),
    ).toEqual([
      ['2026-11-19', 'serviceDay', true],
      ['2026-11-18', 'training', true],
    ]);
  });
  it('a host contact who is also on the team cannot confirm their own entry', async () => {
    await h.deps.store.identity.seedBinding({
      id: 'bd-test-host-expert',
      openid: 'local-p-exp-agri-1',
      personId: AGRI_EXPERT,
      role: 'hostContact',
      scope: { societyId: null, stationId: AGRI, hostUnitId: null, castUnitId: null },
      createdAt: h.clock.now(),
      createdBy: 'p-city-staff',
      revokedAt: null,
      revokedBy: null,
    });
    const a = await s.day(AGRI_EXPERT, '2026-11-19');
    expect(a.data.canConfirm).toBe(false);
    expect((await s.confirm(AGRI_EXPERT, a.data.record.id)).error).toMatchObject({
      code: 'AUTH.FORBIDDEN',
      message: '不能确认自己登记的记录',
    });
  });
});

describe('corrections: nothing is deleted, every change is an audit event', () => {
  const trainingEntry = (over: Record<string, unknown> = {}) => ({
    kind: 'training',
    date: '2026-11-18',
    topic: '稻田综合种养培训',
    place: '赫山区',
    trainees: 45,
    note: '',
    evidence: [],
    ...over,
  });

  it('the author edits an unconfirmed entry; the audit keeps before and after; the tally follows', async () => {
    const t = await s.training(AGRI_EXPERT, '2026-11-18', 45);
    expect((await s.tally())['qualifyingTrainings|1|-|-']).toBeUndefined();
    const e = await s.call(
      'editEntry',
      { requestId: rid(), recordId: t.data.record.id, entry: trainingEntry({ trainees: 52 }) },
      AGRI_EXPERT,
    );
    expect(e.data.record).toMatchObject({ trainees: 52, status: 'pending' });
    expect(e.data.count.counts).toBe(true);
    expect((await s.tally())['qualifyingTrainings|1|-|-']).toEqual({ all: 1, verified: 0 });
    const audit = await s.audit(t.data.record.id);
    expect(audit[1]).toMatchObject({
      action: 'record.edit',
      actorId: AGRI_EXPERT,
      before: expect.objectContaining({ trainees: 45 }),
      after: expect.objectContaining({ trainees: 52 }),
    });
  });
  it('an edit of a disputed entry sends it back to the host as pending', async () => {
    const a = await s.day(AGRI_EXPERT, '2026-11-19');
    await s.confirm(AGRI_HOST, a.data.record.id, 'dispute', '请补充照片');
    const e = await s.call(
      'editEntry',
      {
        requestId: rid(),
        recordId: a.data.record.id,
        entry: { kind: 'serviceDay', date: '2026-11-19', note: '已补充照片说明', evidence: [] },
      },
      AGRI_EXPERT,
    );
    expect(e.data.record).toMatchObject({ status: 'pending', statusReason: '', note: '已补充照片说明' });
    expect((await s.tally())[dayKey]).toEqual({ all: 1, verified: 0 });
  });
  it('only the author may edit or withdraw', async () => {
    const t = await s.training(AGRI_EXPERT, '2026-11-18', 45);
    const before = h.snapshot();
    expect(
      (await s.call('editEntry', { requestId: rid(), recordId: t.data.record.id, entry: trainingEntry() }, AGRI_EXPERT_2)).error?.code,
    ).toBe('AUTH.FORBIDDEN');
    expect((await s.call('withdrawEntry', { requestId: rid(), recordId: t.data.record.id }, AGRI_EXPERT_2)).error?.code).toBe(
      'AUTH.FORBIDDEN',
    );
    expect(h.snapshot()).toEqual(before);
  });
  it('the kind of an entry cannot change', async () => {
    const t = await s.training(AGRI_EXPERT, '2026-11-18', 45);
    const r = await s.call(
      'editEntry',
      { requestId: rid(), recordId: t.data.record.id, entry: { kind: 'serviceDay', date: '2026-11-18', note: '', evidence: [] } },
      AGRI_EXPERT,
    );
    expect(r.error).toMatchObject({ code: 'INPUT.INVALID', issues: [{ path: 'entry.kind' }] });
  });
  it('edits obey the date rules too (future, window)', async () => {
    const t = await s.training(AGRI_EXPERT, '2026-11-18', 45);
    expect(
      (
        await s.call(
          'editEntry',
          { requestId: rid(), recordId: t.data.record.id, entry: trainingEntry({ date: '2026-11-25' }) },
          AGRI_EXPERT,
        )
      ).error,
    ).toMatchObject({
      code: 'STATION.DATE_IN_FUTURE',
      issues: [{ path: 'entry.date' }],
    });
  });
  it('a confirmed entry is locked for its author: edit and withdraw → STATION.ENTRY_LOCKED', async () => {
    const a = await s.day(AGRI_EXPERT, '2026-11-19');
    await s.confirm(AGRI_HOST, a.data.record.id);
    const before = h.snapshot();
    const edit = await s.call(
      'editEntry',
      { requestId: rid(), recordId: a.data.record.id, entry: { kind: 'serviceDay', date: '2026-11-18', note: '', evidence: [] } },
      AGRI_EXPERT,
    );
    expect(edit.error?.code).toBe('STATION.ENTRY_LOCKED');
    expect((await s.call('withdrawEntry', { requestId: rid(), recordId: a.data.record.id }, AGRI_EXPERT)).error?.code).toBe(
      'STATION.ENTRY_LOCKED',
    );
    expect(h.snapshot()).toEqual(before);
  });
  it('staff of the owning CAST correct a confirmed entry with a reason kept; the lock and tally follow', async () => {
    const a = await s.day(AGRI_EXPERT, '2026-11-19');
    await s.confirm(AGRI_HOST, a.data.record.id);
    const noReason = await s.call(
      'correctEntry',
      { requestId: rid(), recordId: a.data.record.id, status: 'withdrawn', reason: '' },
      'p-heshan-staff',
    );
    expect(noReason.error).toMatchObject({ code: 'INPUT.INVALID', issues: [{ path: 'reason', message: '更正原因不能为空' }] });
    const c = await s.call(
      'correctEntry',
      { requestId: rid(), recordId: a.data.record.id, status: 'withdrawn', reason: '专家当天在外地开会，经核实撤销' },
      'p-heshan-staff',
    );
    expect(c.data.record).toMatchObject({ status: 'withdrawn', statusReason: '专家当天在外地开会，经核实撤销' });
    expect((await s.tally())[dayKey]).toBeUndefined();
    expect(await h.deps.store.stations.dayLock(AGRI_EXPERT, '2026-11-19')).toBeNull();
    const last = (await s.audit(a.data.record.id)).at(-1)!;
    expect(last).toMatchObject({
      action: 'record.correct',
      actorId: 'p-heshan-staff',
      reason: '专家当天在外地开会，经核实撤销',
      before: expect.objectContaining({ status: 'confirmed' }),
    });
    // city staff oversee the county's stations too; and staff are not bound by the backfill window
    const old = await s.call(
      'correctEntry',
      {
        requestId: rid(),
        recordId: a.data.record.id,
        status: 'confirmed',
        entry: { kind: 'serviceDay', date: '2026-06-30', note: '补正日期', evidence: [] },
        reason: '按签到表更正日期',
      },
      'p-city-staff',
    );
    expect(old.data.record).toMatchObject({ date: '2026-06-30', status: 'confirmed', backfilled: true });
    expect((await s.tally())[`days|1|3|${AGRI_EXPERT}`]).toEqual({ all: 1, verified: 1 });
  });
  it('staff of another county, the talent office, and experts may not correct', async () => {
    const a = await s.day(AGRI_EXPERT, '2026-11-19');
    const data = { requestId: rid(), recordId: a.data.record.id, status: 'withdrawn', reason: '测试' };
    expect((await s.call('correctEntry', data, 'p-taojiang-staff')).error?.code).toBe('AUTH.FORBIDDEN');
    expect((await s.call('correctEntry', data, 'p-talent')).error?.code).toBe('AUTH.FORBIDDEN');
    expect((await s.call('correctEntry', data, AGRI_EXPERT)).error?.code).toBe('AUTH.FORBIDDEN');
  });
  it('a staff correction may not restore a day onto a date taken since', async () => {
    const a = await s.day(AGRI_EXPERT, '2026-11-19');
    await s.call('withdrawEntry', { requestId: rid(), recordId: a.data.record.id }, AGRI_EXPERT);
    const b = await s.day(AGRI_EXPERT, '2026-11-19');
    const r = await s.call(
      'correctEntry',
      { requestId: rid(), recordId: a.data.record.id, status: 'pending', reason: '恢复' },
      'p-heshan-staff',
    );
    expect(r.error).toMatchObject({ code: 'STATION.DAY_ALREADY_LOGGED', details: { recordId: b.data.record.id } });
  });
  it('the history of an entry lists every change with who made it', async () => {
    const a = await s.day(AGRI_EXPERT, '2026-11-19');
    await s.confirm(AGRI_HOST, a.data.record.id, 'dispute', '未见签到');
    await s.call(
      'editEntry',
      { requestId: rid(), recordId: a.data.record.id, entry: { kind: 'serviceDay', date: '2026-11-19', note: '补充说明', evidence: [] } },
      AGRI_EXPERT,
    );
    const hist = await s.call('entryHistory', { recordId: a.data.record.id }, AGRI_HOST);
    expect(hist.data.map((e: { action: string; actorName: string }) => [e.action, e.actorName])).toEqual([
      ['record.create', '王建国'],
      ['record.dispute', '曹丽'],
      ['record.edit', '王建国'],
    ]);
    expect((await s.call('entryHistory', { recordId: a.data.record.id }, 'p-exp-tea-1')).error?.code).toBe('AUTH.FORBIDDEN');
  });
  it('getEntry shows one entry to its readers only', async () => {
    const a = await s.day(AGRI_EXPERT, '2026-11-19');
    expect((await s.call('getEntry', { recordId: a.data.record.id }, AGRI_EXPERT)).data).toMatchObject({
      record: { id: a.data.record.id },
      canEdit: true,
    });
    expect((await s.call('getEntry', { recordId: a.data.record.id }, AGRI_HOST)).data).toMatchObject({ canEdit: false, canConfirm: true });
    expect((await s.call('getEntry', { recordId: a.data.record.id }, 'p-exp-tea-1')).error?.code).toBe('AUTH.FORBIDDEN');
    expect((await s.call('getEntry', { recordId: 'rc-none' }, AGRI_EXPERT)).error?.code).toBe('NOT_FOUND');
  });
  it('my records: the author sees their own entries with canEdit on unconfirmed ones', async () => {
    const a = await s.day(AGRI_EXPERT, '2026-11-19');
    await s.day(AGRI_EXPERT, '2026-11-18');
    await s.day(AGRI_EXPERT_2, '2026-11-18');
    await s.confirm(AGRI_HOST, a.data.record.id);
    const mine = await s.call('listEntries', { stationId: AGRI, scope: 'mine' }, AGRI_EXPERT);
    expect(mine.data.entries.map((e: { record: StationRecord; canEdit: boolean }) => [e.record.date, e.canEdit])).toEqual([
      ['2026-11-19', false],
      ['2026-11-18', true],
    ]);
  });
});

describe('the tallies always equal a recount of the records', () => {
  it('after a mixed sequence of creates, edits, confirmations, disputes, withdrawals and corrections', async () => {
    const ids: string[] = [];
    const days = ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-10-01'];
    for (const [i, d] of days.entries()) ids.push((await s.day(i % 2 ? AGRI_EXPERT : AGRI_EXPERT_2, d)).data.record.id);
    for (const n of [45, 50, 80]) ids.push((await s.training(AGRI_EXPERT, '2026-11-10', n)).data.record.id);
    ids.push(
      (
        await s.call(
          'logResearch',
          { requestId: rid(), stationId: AGRI, date: '2026-10-10', title: '调研', result: '报告', resultDate: '2026-11-01' },
          AGRI_EXPERT,
        )
      ).data.record.id,
    );
    ids.push(
      (await s.call('logAgreementProgress', { requestId: rid(), stationId: AGRI, date: '2026-10-01', percent: 40 }, 'p-sec-agri')).data
        .record.id,
    );
    ids.push(
      (await s.call('logAgreementProgress', { requestId: rid(), stationId: AGRI, date: '2026-11-01', percent: 60 }, 'p-sec-agri')).data
        .record.id,
    );
    await s.confirm(AGRI_HOST, ids[0]!);
    await s.confirm(AGRI_HOST, ids[1]!, 'dispute', '无');
    await s.confirm(AGRI_HOST, ids[6]!);
    await s.confirm(AGRI_HOST, ids[10]!);
    await s.call('withdrawEntry', { requestId: rid(), recordId: ids[2]! }, AGRI_EXPERT_2);
    await s.call('withdrawEntry', { requestId: rid(), recordId: ids[11]! }, 'p-sec-agri');
    await s.call(
      'correctEntry',
      {
        requestId: rid(),
        recordId: ids[7]!,
        entry: { kind: 'training', date: '2026-11-10', topic: '培训', place: '站内', trainees: 30, note: '', evidence: [] },
        reason: '按签到表',
      },
      'p-heshan-staff',
    );

    const stored = (await h.deps.store.stations.tally(AGRI, 1))!;
    const records = (await h.deps.store.stations.listRecords({ stationId: AGRI }, { limit: 100 })).records;
    const station = (await h.deps.store.org.station(AGRI))!;
    expect(stored.counters).toEqual(sumContributions(records, station, settingsFor(station)));
    expect(stored.agreement).toEqual({ all: 40, verified: 40 });
    const rebuilt = await h.deps.store.stations.rebuildTallies(AGRI, h.clock.now());
    expect(rebuilt.find((d) => d.yearIndex === 1)).toMatchObject({ counters: stored.counters, agreement: stored.agreement });
  });
});

describe('全部确认 and 撤销确认 (issue 15, finding 12)', () => {
  const days = async (n: number, who = AGRI_EXPERT) => {
    const ids: string[] = [];
    // working days of Q4 before today, one per date
    for (const d of [
      '2026-11-02',
      '2026-11-03',
      '2026-11-04',
      '2026-11-05',
      '2026-11-06',
      '2026-11-09',
      '2026-11-10',
      '2026-11-11',
      '2026-11-12',
      '2026-11-13',
      '2026-11-16',
      '2026-11-17',
    ].slice(0, n)) {
      const r = await s.day(who, d);
      expect(r.error).toBeUndefined();
      ids.push(r.data.record.id);
    }
    return ids;
  };

  it('confirms up to 10 entries in one call, each verified in the tally and audited as a confirmation', async () => {
    const ids = await days(10);
    const r = await s.call('confirmMany', { requestId: rid(), recordIds: ids }, AGRI_HOST);
    expect(r.error).toBeUndefined();
    expect(r.data).toMatchObject({ confirmed: 10, failed: 0 });
    expect(r.data.items.every((i: any) => i.ok && i.status === 'confirmed')).toBe(true);
    expect((await s.tally())[dayKey]).toEqual({ all: 10, verified: 10 });
    expect((await s.audit(ids[0]!)).map((e) => e.action)).toEqual(['record.create', 'record.confirm']);
  });

  it('more than 10 per call is refused (the client sends chunks): nothing written', async () => {
    const ids = await days(11);
    const before = h.snapshot();
    const r = await s.call('confirmMany', { requestId: rid(), recordIds: ids }, AGRI_HOST);
    expect(r.error).toMatchObject({ code: 'INPUT.INVALID' });
    expect(h.snapshot()).toEqual(before);
  });

  it('is authorised per entry as confirmEntry: one entry of another station refuses the whole call, nothing written', async () => {
    const ids = await days(2);
    const tea = await s.call('logServiceDay', { requestId: rid(), stationId: 'st-tea-taojiang', date: '2026-11-19' }, 'p-exp-tea-1');
    expect(tea.error).toBeUndefined();
    const before = h.snapshot();
    const r = await s.call('confirmMany', { requestId: rid(), recordIds: [...ids, tea.data.record.id] }, AGRI_HOST);
    expect(r.error).toMatchObject({ code: 'STATION.NOT_HOST_CONTACT' });
    expect(h.snapshot()).toEqual(before);
    // the other station's host contact cannot confirm ours either
    expect((await s.call('confirmMany', { requestId: rid(), recordIds: ids }, TEA_HOST)).error).toMatchObject({
      code: 'STATION.NOT_HOST_CONTACT',
    });
  });

  it('an entry already confirmed or withdrawn is answered on its own line; the others are confirmed', async () => {
    const ids = await days(3);
    await s.confirm(AGRI_HOST, ids[0]!);
    await s.call('withdrawEntry', { requestId: rid(), recordId: ids[1]!, reason: '登记有误' }, AGRI_EXPERT);
    const r = await s.call('confirmMany', { requestId: rid(), recordIds: ids }, AGRI_HOST);
    expect(r.data).toMatchObject({ confirmed: 1, failed: 2 });
    expect(r.data.items.map((i: any) => [i.ok, i.code])).toEqual([
      [false, 'STATION.ENTRY_LOCKED'],
      [false, 'CONFLICT.STATE'],
      [true, null],
    ]);
  });

  it('is idempotent by request id: a retried call (after a timeout) replays, writes nothing more', async () => {
    const ids = await days(4);
    const requestId = rid();
    const first = await s.call('confirmMany', { requestId, recordIds: ids }, AGRI_HOST);
    const snap = h.snapshot();
    const again = await s.call('confirmMany', { requestId, recordIds: ids }, AGRI_HOST);
    expect(again.data).toEqual(first.data);
    expect(h.snapshot()).toEqual(snap);
    expect((await s.audit(ids[0]!)).filter((e) => e.action === 'record.confirm')).toHaveLength(1);
  });

  it('undo: the host contact takes a confirmation back while the quarter is open (→ pending, verified count down)', async () => {
    const [id] = await days(1);
    await s.confirm(AGRI_HOST, id!);
    expect((await s.tally())[dayKey]).toEqual({ all: 1, verified: 1 });
    const u = await s.call('undoConfirm', { requestId: rid(), recordId: id }, AGRI_HOST);
    expect(u.error).toBeUndefined();
    expect(u.data.record.status).toBe('pending');
    expect((await s.tally())[dayKey]).toEqual({ all: 1, verified: 0 });
    expect((await s.audit(id!)).map((e) => e.action)).toEqual(['record.create', 'record.confirm', 'record.unconfirm']);
    // nothing to undo on a pending entry; another station's host contact may not; the author may not
    expect((await s.call('undoConfirm', { requestId: rid(), recordId: id }, AGRI_HOST)).error).toMatchObject({ code: 'CONFLICT.STATE' });
    await s.confirm(AGRI_HOST, id!);
    expect((await s.call('undoConfirm', { requestId: rid(), recordId: id }, TEA_HOST)).error).toMatchObject({
      code: 'STATION.NOT_HOST_CONTACT',
    });
    expect((await s.call('undoConfirm', { requestId: rid(), recordId: id }, AGRI_EXPERT)).error?.code).toMatch(/AUTH.FORBIDDEN/);
  });

  it('a closed (frozen) period cannot be undone or bulk-confirmed: the period is named, nothing written', async () => {
    const [confirmed] = await days(1);
    const [pending] = await days(1, AGRI_EXPERT_2);
    await s.confirm(AGRI_HOST, confirmed!);
    // Q4 of year 1 ends 2026-12-25; its backfill closes 10 days later
    h.clock.set(Date.parse('2027-01-10T10:00:00+08:00'));
    const before = h.snapshot();
    const u = await s.call('undoConfirm', { requestId: rid(), recordId: confirmed }, AGRI_HOST);
    expect(u.error).toMatchObject({ code: 'STATION.PERIOD_CLOSED' });
    const m = await s.call('confirmMany', { requestId: rid(), recordIds: [pending] }, AGRI_HOST);
    expect(m.error).toMatchObject({ code: 'STATION.PERIOD_CLOSED' });
    expect(h.snapshot()).toEqual(before);
  });
});
