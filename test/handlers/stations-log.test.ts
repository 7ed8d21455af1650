import { libraryCalendar, workingDaysBetween } from '../../shared/calendar';
import { type Harness, makeDeps } from '../support/handlers';
import {
  AGRI,
  AGRI_EXPERT,
  AGRI_EXPERT_2,
  AGRI_HOST,
  at,
  joinSecondStation,
  rid,
  stationsCalls,
  TEA,
  TEA_EXPERT,
  tinyPng,
} from './stations-support';

let h: Harness;
let s: ReturnType<typeof stationsCalls>;
// Friday 20 November 2026, 10:00 China time: agri station year 1, quarter 4 (2026-09-26 … 2026-12-25).
beforeEach(async () => {
  h = await makeDeps({ now: '2026-11-20T10:00:00+08:00' });
  s = stationsCalls(h);
});
afterEach(async () => {
  await h.close();
});

describe('logging a service day (第十二条(二))', () => {
  it('records today as a pending, checked-in-able day that counts toward the quarter, with lock, tally and audit in one go', async () => {
    const r = await s.day(AGRI_EXPERT, '2026-11-20', { note: '指导水稻秸秆还田' });
    expect(r.ok).toBe(true);
    const rec = r.data.record;
    expect(rec).toMatchObject({
      kind: 'serviceDay',
      stationId: AGRI,
      expertId: AGRI_EXPERT,
      authorId: AGRI_EXPERT,
      date: '2026-11-20',
      status: 'pending',
      backfilled: false,
      note: '指导水稻秸秆还田',
    });
    expect(r.data.count).toEqual({ counts: true, label: expect.stringContaining('计入第1考核年度第4季度服务天数') });
    expect(r.data).toMatchObject({ stationName: '益阳市农学会赫山服务站', authorName: '王建国', canEdit: true, canConfirm: false });
    expect(await s.tally()).toEqual({ [`days|1|4|${AGRI_EXPERT}`]: { all: 1, verified: 0 } });
    expect(await h.deps.store.stations.dayLock(AGRI_EXPERT, '2026-11-20')).toMatchObject({ recordId: rec.id, stationId: AGRI });
    const audit = await s.audit(rec.id);
    expect(audit).toEqual([
      expect.objectContaining({
        actorId: AGRI_EXPERT,
        action: 'record.create',
        before: null,
        after: expect.objectContaining({ id: rec.id }),
      }),
    ]);
  });

  it('marks a past day as backfilled, kept apart from checked-in days', async () => {
    const r = await s.day(AGRI_EXPERT, '2026-11-18', { location: { lat: 28.5687, lng: 112.3737 } });
    expect(r.data.record).toMatchObject({ backfilled: true, checkIn: null });
    expect(r.data.count.label).toContain('补登');
  });

  describe('location check-in, compared with the host unit radius (1000 m), never blocking', () => {
    it.each([
      ['at the host unit', { lat: 28.5687, lng: 112.3737 }, true],
      ['about 890 m north', { lat: 28.5767, lng: 112.3737 }, true],
      ['about 5.6 km away', { lat: 28.6187, lng: 112.3737 }, false],
    ])('%s', async (_label, location, within) => {
      const r = await s.day(AGRI_EXPERT, '2026-11-20', { location });
      expect(r.ok).toBe(true);
      // the write's answer (stored as the request's result) carries no coordinates (issue 11, finding 8)
      expect(r.data.record.checkIn).toEqual({ distanceM: expect.any(Number), withinRadius: within });
      if (within) expect(r.data.record.checkIn.distanceM).toBeLessThanOrEqual(1000);
      else expect(r.data.record.checkIn.distanceM).toBeGreaterThan(5000);
      // the author reads them back; a teammate and the host contact see the distance only
      const recordId = r.data.record.id;
      const own = await h.call('stations', 'getEntry', { recordId }, AGRI_EXPERT);
      expect(own.data.record.checkIn).toMatchObject({ ...location, withinRadius: within });
      for (const other of [AGRI_EXPERT_2, AGRI_HOST]) {
        const seen = await h.call('stations', 'getEntry', { recordId }, other);
        expect(seen.data.record.checkIn).toEqual({ distanceM: r.data.record.checkIn.distanceM, withinRadius: within });
      }
      // nor do the audit log (read back by entryHistory) and the stored request results
      const rows = h.snapshot();
      const latText = String(location.lat);
      expect(rows.c_audit!.filter((row) => row.includes(recordId)).join('\n')).not.toContain(latText);
      expect(rows.c_requests!.join('\n')).not.toContain(latText);
      expect(rows.c_records!.join('\n')).toContain(latText);
      const history = await h.call('stations', 'entryHistory', { recordId }, AGRI_HOST);
      expect(JSON.stringify(history.data)).not.toContain(latText);
    });
    it('without consent (no location) the day is logged with no check-in', async () => {
      const r = await s.day(AGRI_EXPERT, '2026-11-20');
      expect(r.data.record.checkIn).toBeNull();
    });
    it('a station whose host unit has no location records no check-in', async () => {
      const hu = (await h.deps.store.org.hostUnit('hu-heshan'))!;
      await h.deps.store.org.putHostUnit({ ...hu, location: null });
      const r = await s.day(AGRI_EXPERT, '2026-11-20', { location: { lat: 28.5687, lng: 112.3737 } });
      expect(r.ok).toBe(true);
      expect(r.data.record.checkIn).toBeNull();
    });
    it('refuses coordinates that are not on Earth', async () => {
      const r = await s.day(AGRI_EXPERT, '2026-11-20', { location: { lat: 91, lng: 0 } });
      expect(r.error).toMatchObject({ code: 'INPUT.INVALID', issues: [expect.objectContaining({ path: 'location.lat' })] });
    });
  });

  describe('dates the server refuses', () => {
    it('a future date → STATION.DATE_IN_FUTURE, marking the date field, nothing written', async () => {
      const before = h.snapshot();
      const r = await s.day(AGRI_EXPERT, '2026-11-21');
      expect(r.error).toMatchObject({ code: 'STATION.DATE_IN_FUTURE', issues: [{ path: 'date', message: expect.any(String) }] });
      expect(h.snapshot()).toEqual(before);
    });
    it('"today" is the China date: at 00:30 on 21 Nov China time (still the 20th in UTC) the 21st may be logged', async () => {
      h.clock.set(at('2026-11-21T00:30:00'));
      expect(new Date(h.clock.now()).toISOString().slice(0, 10)).toBe('2026-11-20');
      const r = await s.day(AGRI_EXPERT, '2026-11-21');
      expect(r.ok).toBe(true);
      expect(r.data.record.backfilled).toBe(false);
    });
    it('at 23:59 on 20 Nov China time, the 21st is still the future', async () => {
      h.clock.set(at('2026-11-20T23:59:00'));
      expect((await s.day(AGRI_EXPERT, '2026-11-21')).error?.code).toBe('STATION.DATE_IN_FUTURE');
    });
    it('a date before the plaque date → STATION.DATE_BEFORE_PLAQUE', async () => {
      h.clock.set(at('2026-01-02T10:00:00'));
      const r = await s.day(AGRI_EXPERT, '2025-12-25');
      expect(r.error).toMatchObject({ code: 'STATION.DATE_BEFORE_PLAQUE', message: expect.stringContaining('2025-12-26') });
      expect((await s.day(AGRI_EXPERT, '2025-12-26')).ok).toBe(true);
    });
    it('a malformed or impossible date → INPUT.INVALID with a Chinese message', async () => {
      for (const date of ['2026-02-30', '20261120', '']) {
        const r = await s.day(AGRI_EXPERT, date);
        expect(r.error?.code).toBe('INPUT.INVALID');
        expect(r.error?.issues?.length).toBeGreaterThan(0);
        // the message says what is wrong with this date (e.g. "2026 年 2 月只有 28 天，没有 30 日"), in Chinese
        for (const i of r.error?.issues ?? []) expect(i).toEqual({ path: 'date', message: expect.stringMatching(/日期|只有 \d+ 天/) });
      }
    });

    // Q3 of year 1 is 2026-06-26 … 2026-09-25; with the default setting (10 days) it may be backfilled until 2026-10-05.
    it.each([
      ['2026-10-05T23:59:00', '2026-09-25', true, 'on the last day of the window'],
      ['2026-10-06T00:00:00', '2026-09-25', false, 'the day after the window'],
      ['2026-10-06T00:00:00', '2026-09-26', true, 'a day of the current quarter'],
      ['2026-09-26T08:00:00', '2026-06-26', true, 'the first day of the previous quarter, just after it ended'],
    ])('backfill window: at %s, logging %s → allowed=%s (%s)', async (now, date, allowed) => {
      h.clock.set(at(now));
      const r = await s.day(AGRI_EXPERT, date);
      if (allowed) expect(r.ok).toBe(true);
      else {
        expect(r.error).toMatchObject({
          code: 'STATION.OUTSIDE_BACKFILL_WINDOW',
          issues: [{ path: 'date' }],
          details: { deadline: '2026-10-05' },
        });
        expect(r.error?.message).toContain('2026-10-05');
      }
    });
    it('the window is the programme setting backfillDaysAfterQuarter (here changed to 0 through the programme definition)', async () => {
      const { programmes } = await import('../../shared/programmes');
      const p = programmes['yiyang-station-2023'];
      const original = p.assessment;
      p.assessment = { ...original!, backfillDaysAfterQuarter: 0 };
      try {
        h.clock.set(at('2026-09-26T08:00:00'));
        expect((await s.day(AGRI_EXPERT, '2026-09-25')).error?.code).toBe('STATION.OUTSIDE_BACKFILL_WINDOW');
      } finally {
        p.assessment = original;
      }
    });
  });

  describe('who may log (checked on the server)', () => {
    it('an expert of another station → STATION.NOT_MEMBER, nothing written', async () => {
      const before = h.snapshot();
      const r = await s.day(TEA_EXPERT, '2026-11-20');
      expect(r.error?.code).toBe('STATION.NOT_MEMBER');
      expect(h.snapshot()).toEqual(before);
    });
    it('an expert removed from the team (binding kept) → STATION.NOT_MEMBER', async () => {
      const st = (await h.deps.store.org.station(AGRI))!;
      await h.deps.store.org.putStation({ ...st, expertIds: st.expertIds.filter((x) => x !== AGRI_EXPERT) });
      expect((await s.day(AGRI_EXPERT, '2026-11-20')).error?.code).toBe('STATION.NOT_MEMBER');
    });
    it.each([
      [AGRI_HOST, 'AUTH.FORBIDDEN'],
      ['p-heshan-staff', 'AUTH.FORBIDDEN'],
      ['p-newcomer', 'AUTH.FORBIDDEN'],
    ])('%s (not an expert) → %s', async (who, code) => {
      expect((await s.day(who, '2026-11-20')).error?.code).toBe(code);
    });
    it('no identity → AUTH.UNAUTHENTICATED', async () => {
      expect((await s.call('logServiceDay', { requestId: rid(), stationId: AGRI, date: '2026-11-20' }, null)).error?.code).toBe(
        'AUTH.UNAUTHENTICATED',
      );
    });
    it('an expertId in the data is ignored: the day is the caller’s', async () => {
      const r = await s.day(AGRI_EXPERT, '2026-11-20', { expertId: AGRI_EXPERT_2, authorId: AGRI_EXPERT_2 });
      expect(r.data.record).toMatchObject({ expertId: AGRI_EXPERT, authorId: AGRI_EXPERT });
    });
    it('a delisted station takes no more entries', async () => {
      const st = (await h.deps.store.org.station(AGRI))!;
      await h.deps.store.org.putStation({ ...st, status: 'delisted' });
      expect((await s.day(AGRI_EXPERT, '2026-11-20')).error?.code).toBe('CONFLICT.STATE');
    });
  });

  describe('one service day per expert per China date, across all stations', () => {
    it('a second entry for the same date at the same station is refused, naming the existing entry', async () => {
      const first = await s.day(AGRI_EXPERT, '2026-11-19');
      const before = h.snapshot();
      const r = await s.day(AGRI_EXPERT, '2026-11-19');
      expect(r.error).toMatchObject({
        code: 'STATION.DAY_ALREADY_LOGGED',
        details: { date: '2026-11-19', stationId: AGRI, stationName: '益阳市农学会赫山服务站', recordId: first.data.record.id },
      });
      expect(r.error?.message).toContain('益阳市农学会赫山服务站');
      expect(r.error?.message).toContain(first.data.record.id);
      expect(h.snapshot()).toEqual(before);
    });
    it('… and at another station too', async () => {
      await joinSecondStation(h, AGRI_EXPERT, TEA);
      const first = await s.day(AGRI_EXPERT, '2026-11-19');
      const r = await s.call('logServiceDay', { requestId: rid(), stationId: TEA, date: '2026-11-19' }, AGRI_EXPERT);
      expect(r.error).toMatchObject({
        code: 'STATION.DAY_ALREADY_LOGGED',
        details: { stationName: '益阳市农学会赫山服务站', recordId: first.data.record.id },
      });
      // another date at the second station is fine
      expect((await s.call('logServiceDay', { requestId: rid(), stationId: TEA, date: '2026-11-18' }, AGRI_EXPERT)).ok).toBe(true);
    });
    it('two experts may log the same date', async () => {
      expect((await s.day(AGRI_EXPERT, '2026-11-19')).ok).toBe(true);
      expect((await s.day(AGRI_EXPERT_2, '2026-11-19')).ok).toBe(true);
    });
    it('a withdrawn day frees its date; a disputed one does not', async () => {
      const a = await s.day(AGRI_EXPERT, '2026-11-19');
      await s.confirm(AGRI_HOST, a.data.record.id, 'dispute', '当天未见到专家');
      expect((await s.day(AGRI_EXPERT, '2026-11-19')).error?.code).toBe('STATION.DAY_ALREADY_LOGGED');
      const w = await s.call('withdrawEntry', { requestId: rid(), recordId: a.data.record.id, reason: '日期记错了' }, AGRI_EXPERT);
      expect(w.data.record.status).toBe('withdrawn');
      expect(await h.deps.store.stations.dayLock(AGRI_EXPERT, '2026-11-19')).toBeNull();
      const again = await s.day(AGRI_EXPERT, '2026-11-19');
      expect(again.ok).toBe(true);
      // nothing deleted: both records exist
      expect(await s.record(a.data.record.id)).toMatchObject({ status: 'withdrawn' });
    });
    it('moving a day to a taken date is refused; moving it to a free date moves the lock', async () => {
      const a = await s.day(AGRI_EXPERT, '2026-11-19');
      await s.day(AGRI_EXPERT, '2026-11-18');
      const entry = { kind: 'serviceDay', date: '2026-11-18', note: '', evidence: [] };
      expect((await s.call('editEntry', { requestId: rid(), recordId: a.data.record.id, entry }, AGRI_EXPERT)).error?.code).toBe(
        'STATION.DAY_ALREADY_LOGGED',
      );
      const ok = await s.call(
        'editEntry',
        { requestId: rid(), recordId: a.data.record.id, entry: { ...entry, date: '2026-11-17' } },
        AGRI_EXPERT,
      );
      expect(ok.data.record).toMatchObject({ date: '2026-11-17', backfilled: true });
      expect(await h.deps.store.stations.dayLock(AGRI_EXPERT, '2026-11-19')).toBeNull();
      expect(await h.deps.store.stations.dayLock(AGRI_EXPERT, '2026-11-17')).toMatchObject({ recordId: a.data.record.id });
    });
  });

  describe('request ids: a retried request returns the first result and writes nothing new', () => {
    it('the same request sent 50 times concurrently leaves one record', async () => {
      const data = { requestId: rid(), stationId: AGRI, date: '2026-11-20' };
      const answers = await Promise.all(Array.from({ length: 50 }, () => s.call('logServiceDay', data, AGRI_EXPERT)));
      expect(answers.every((a) => a.ok)).toBe(true);
      expect(new Set(answers.map((a) => a.data.record.id)).size).toBe(1);
      expect(await h.deps.db.count('records', { stationId: AGRI })).toBe(1);
      expect(await h.deps.db.count('audit', { entity: 'record' })).toBe(1);
      expect(await s.tally()).toEqual({ [`days|1|4|${AGRI_EXPERT}`]: { all: 1, verified: 0 } });
    });
    it('50 concurrent trainings with one request id leave one training', async () => {
      const data = { requestId: rid(), stationId: AGRI, date: '2026-11-20', topic: '培训', place: '农技站', trainees: 60 };
      const answers = await Promise.all(Array.from({ length: 50 }, () => s.call('logTraining', data, AGRI_EXPERT)));
      expect(new Set(answers.map((a) => a.data.record.id)).size).toBe(1);
      expect(await h.deps.db.count('records', { kind: 'training' })).toBe(1);
    });
    it('a retry after the backfill window closed still gets its first answer', async () => {
      const data = { requestId: rid(), stationId: AGRI, date: '2026-11-20' };
      const first = await s.call('logServiceDay', data, AGRI_EXPERT);
      h.clock.set(at('2027-01-10T10:00:00'));
      const again = await s.call('logServiceDay', data, AGRI_EXPERT);
      expect(again).toEqual(first);
    });
    it('a write without a request id is refused', async () => {
      const r = await s.call('logServiceDay', { stationId: AGRI, date: '2026-11-20' }, AGRI_EXPERT);
      expect(r.error).toMatchObject({ code: 'INPUT.INVALID', issues: [expect.objectContaining({ path: 'requestId' })] });
    });
    it('the same request id from another person is another request', async () => {
      const requestId = rid();
      const a = await s.call('logServiceDay', { requestId, stationId: AGRI, date: '2026-11-20' }, AGRI_EXPERT);
      const b = await s.call('logServiceDay', { requestId, stationId: AGRI, date: '2026-11-20' }, AGRI_EXPERT_2);
      expect(a.data.record.id).not.toBe(b.data.record.id);
    });
  });
});

describe('the other entries show right away whether they count', () => {
  it.each([
    [45, false, '不足 50'],
    [49, false, '不足 50'],
    [50, true, '达到每场不少于 50 人次'],
    [120, true, '达到'],
  ])('a training with %i trainees → counts=%s', async (trainees, counts, text) => {
    const r = await s.training(AGRI_EXPERT, '2026-11-15', trainees);
    expect(r.ok).toBe(true);
    expect(r.data.count.counts).toBe(counts);
    expect(r.data.count.label).toContain(text);
    const t = await s.tally();
    expect(t['trainings|1|-|-']).toEqual({ all: 1, verified: 0 });
    expect(t['qualifyingTrainings|1|-|-']).toEqual(counts ? { all: 1, verified: 0 } : undefined);
  });
  it.each([
    [2.5, '整数'],
    [0, '至少为 1'],
    [-3, '至少为 1'],
    [10_001, '不能超过 10000'],
    ['50', '培训人次'],
  ])('trainees %p → INPUT.INVALID (%s), nothing written', async (trainees, message) => {
    const before = h.snapshot();
    const r = await s.training(AGRI_EXPERT, '2026-11-15', trainees);
    expect(r.error).toMatchObject({ code: 'INPUT.INVALID', issues: [{ path: 'trainees', message: expect.stringContaining(message) }] });
    expect(h.snapshot()).toEqual(before);
  });
  it('a training needs topic and place, with Chinese messages', async () => {
    const r = await s.training(AGRI_EXPERT, '2026-11-15', 60, { topic: ' ', place: '' });
    expect(r.error?.issues).toEqual(
      expect.arrayContaining([
        { path: 'topic', message: '培训主题不能为空' },
        { path: 'place', message: '培训地点不能为空' },
      ]),
    );
  });
  it('research, then its result later: both counted, the result in the year of its date', async () => {
    const r = await s.call(
      'logResearch',
      { requestId: rid(), stationId: AGRI, date: '2026-10-10', title: '赫山区稻虾共作产业调研' },
      AGRI_EXPERT,
    );
    expect(r.data.count).toMatchObject({ counts: true, label: expect.stringContaining('尚未填写调研成果') });
    expect(await s.tally()).toEqual({ 'research|1|-|-': { all: 1, verified: 0 } });
    const res = await s.call(
      'logResearchResult',
      { requestId: rid(), recordId: r.data.record.id, result: '形成《赫山区稻虾共作产业发展报告》', resultDate: '2026-11-18' },
      // only the study's author adds its result (issue 11 finding 4; it was "any teammate")
      AGRI_EXPERT,
    );
    expect(res.data.record).toMatchObject({ result: '形成《赫山区稻虾共作产业发展报告》', resultDate: '2026-11-18', status: 'pending' });
    expect(res.data.count.label).toContain('调研成果计入成果数');
    expect(await s.tally()).toEqual({ 'research|1|-|-': { all: 1, verified: 0 }, 'researchResults|1|-|-': { all: 1, verified: 0 } });
  });
  it('a result dated before its study is refused', async () => {
    const r = await s.call('logResearch', { requestId: rid(), stationId: AGRI, date: '2026-10-10', title: '调研' }, AGRI_EXPERT);
    const res = await s.call(
      'logResearchResult',
      { requestId: rid(), recordId: r.data.record.id, result: '报告', resultDate: '2026-10-09' },
      AGRI_EXPERT,
    );
    expect(res.error).toMatchObject({ code: 'INPUT.INVALID', issues: [{ path: 'resultDate' }] });
  });
  it.each([
    ['logTackling', { title: '稻瘟病绿色防控技术攻关', partners: '益阳市农科所' }, 'tackling', '技术攻关'],
    [
      'logProblem',
      { enterprise: '赫山区某米业公司', problem: '烘干稻谷爆腰率高', outcome: '调整烘干曲线后爆腰率降至3%' },
      'problems',
      '技术难题',
    ],
    ['logAchievement', { title: '再生稻高产栽培技术', recipient: '赫山区某合作社', method: '技术示范推广' }, 'achievements', '成果'],
  ])('%s counts toward its clause', async (action, fields, metric, text) => {
    const r = await s.call(action, { requestId: rid(), stationId: AGRI, date: '2026-11-01', ...fields }, AGRI_EXPERT);
    expect(r.ok).toBe(true);
    expect(r.data.count).toMatchObject({ counts: true, label: expect.stringContaining(text) });
    expect(await s.tally()).toEqual({ [`${metric}|1|-|-`]: { all: 1, verified: 0 } });
  });
  it('yearly entries may be logged until the backfill window after the YEAR ends (tea station, year 1 ended 2026-10-14)', async () => {
    // today 2026-11-20 > 2026-10-24: year 1 of the tea station is closed
    const r = await s.call(
      'logTackling',
      { requestId: rid(), stationId: TEA, date: '2026-10-01', title: '黑茶发花工艺攻关', partners: '' },
      TEA_EXPERT,
    );
    expect(r.error?.code).toBe('STATION.OUTSIDE_BACKFILL_WINDOW');
    expect(
      (
        await s.call(
          'logTackling',
          { requestId: rid(), stationId: TEA, date: '2026-10-20', title: '黑茶发花工艺攻关', partners: '' },
          TEA_EXPERT,
        )
      ).ok,
    ).toBe(true);
  });
});

describe('agreement progress (第十二条(一)) is logged by the station’s society secretary', () => {
  it('the secretary logs a cumulative percent; the tally keeps the highest as of each year', async () => {
    const a = await s.call('logAgreementProgress', { requestId: rid(), stationId: AGRI, date: '2026-06-30', percent: 30 }, 'p-sec-agri');
    expect(a.data.count.label).toContain('30%');
    await s.call('logAgreementProgress', { requestId: rid(), stationId: AGRI, date: '2026-09-30', percent: 55 }, 'p-sec-agri');
    expect((await h.deps.store.stations.tally(AGRI, 1))?.agreement).toEqual({ all: 55, verified: 0 });
  });
  it('an expert or another society’s secretary may not', async () => {
    expect(
      (await s.call('logAgreementProgress', { requestId: rid(), stationId: AGRI, date: '2026-09-30', percent: 55 }, AGRI_EXPERT)).error
        ?.code,
    ).toBe('AUTH.FORBIDDEN');
    expect(
      (await s.call('logAgreementProgress', { requestId: rid(), stationId: AGRI, date: '2026-09-30', percent: 55 }, 'p-sec-tea')).error,
    ).toMatchObject({
      code: 'AUTH.FORBIDDEN',
      message: expect.stringContaining('秘书长'),
    });
  });
  it('a percent above 100 → INPUT.INVALID', async () => {
    const r = await s.call('logAgreementProgress', { requestId: rid(), stationId: AGRI, date: '2026-09-30', percent: 101 }, 'p-sec-agri');
    expect(r.error).toMatchObject({ code: 'INPUT.INVALID', issues: [{ path: 'percent', message: '完成比例不能大于 100' }] });
  });
});

describe('photo evidence', () => {
  const upload = (who: string, data: Partial<Record<string, unknown>> = {}) =>
    s.call(
      'uploadEvidence',
      { requestId: rid(), stationId: AGRI, name: 'qiandao.png', mime: 'image/png', dataBase64: tinyPng.toString('base64'), ...data },
      who,
    );
  it('h5: a small photo is stored through the Files port and attached by its fileId', async () => {
    const up = await upload(AGRI_EXPERT);
    expect(up.data).toMatchObject({
      fileId: expect.stringMatching(/^local:\/\//),
      name: 'qiandao.png',
      mime: 'image/png',
      size: tinyPng.length,
    });
    expect(await h.deps.files.read(up.data.fileId)).toEqual(new Uint8Array(tinyPng));
    const r = await s.training(AGRI_EXPERT, '2026-11-15', 60, { evidence: [up.data] });
    expect(r.data.record.evidence).toEqual([up.data]);
  });
  it('a photo over 90 KB (encoded) is refused in Chinese', async () => {
    const big = Buffer.concat([tinyPng, Buffer.alloc(70_000)]).toString('base64');
    const r = await upload(AGRI_EXPERT, { dataBase64: big });
    expect(r.error).toMatchObject({
      code: 'INPUT.INVALID',
      issues: [{ path: 'dataBase64', message: expect.stringContaining('图片过大') }],
    });
  });
  it('content that is not the declared image type is refused', async () => {
    const r = await upload(AGRI_EXPERT, { dataBase64: Buffer.from('<script>alert(1)</script>').toString('base64') });
    expect(r.error).toMatchObject({ code: 'INPUT.INVALID', issues: [{ path: 'dataBase64' }] });
  });
  it('an expert of another station may not upload for this one', async () => {
    expect((await upload(TEA_EXPERT)).error?.code).toBe('STATION.NOT_MEMBER');
  });
  it('an entry naming a file that was never stored is refused', async () => {
    const ghost = { fileId: 'local://' + '0'.repeat(64) + '/x.png', name: 'x.png', size: 10, mime: 'image/png' };
    const r = await s.training(AGRI_EXPERT, '2026-11-15', 60, { evidence: [ghost] });
    expect(r.error).toMatchObject({ code: 'INPUT.INVALID', issues: [{ path: 'evidence.0.fileId' }] });
    const web = await s.training(AGRI_EXPERT, '2026-11-15', 60, { evidence: [{ ...ghost, fileId: 'https://example.com/x.png' }] });
    expect(web.error?.code).toBe('INPUT.INVALID');
  });
});

describe('my progress', () => {
  it('this quarter’s days vs 10 and this year’s vs 40, days still needed, working days left, and the window', async () => {
    for (const d of ['2026-11-16', '2026-11-17', '2026-11-18']) await s.day(AGRI_EXPERT, d);
    const p = await s.call('myProgress', {}, AGRI_EXPERT);
    expect(p.ok).toBe(true);
    expect(p.data.station).toMatchObject({ id: AGRI, name: '益阳市农学会赫山服务站', roles: ['expert'], hasLocation: true });
    expect(p.data.today).toBe('2026-11-20');
    expect(Math.abs(p.data.now - h.clock.now())).toBeLessThan(1000);
    expect(p.data.mine.quarter).toMatchObject({
      quarter: 4,
      start: '2026-09-26',
      end: '2026-12-25',
      days: 3,
      verifiedDays: 0,
      required: 10,
      stillNeeded: 7,
    });
    expect(p.data.mine.quarter.workingDaysLeft).toBe(workingDaysBetween('2026-11-20', '2026-12-25', libraryCalendar).count);
    expect(p.data.mine.quarter.calendarDaysLeft).toBe(36);
    expect(p.data.mine.year).toMatchObject({ yearIndex: 1, days: 3, required: 40, stillNeeded: 37 });
    expect(p.data.window).toEqual({ earliest: '2026-09-26', latest: '2026-11-20', backfillDaysAfterQuarter: 10 });
    expect(p.data.recentDays.map((d: { date: string }) => d.date)).toEqual(['2026-11-18', '2026-11-17', '2026-11-16']);
    expect(p.data.clauses.map((c: { clause: string }) => c.clause)).toEqual([
      'agreement',
      'serviceDays',
      'research',
      'training',
      'outcomes',
    ]);
    expect(p.data.provisional).toBe(true);
  });
  it('verified and unverified are shown separately: only confirmed entries are verified', async () => {
    const a = await s.day(AGRI_EXPERT, '2026-11-16');
    await s.day(AGRI_EXPERT, '2026-11-17');
    await s.confirm(AGRI_HOST, a.data.record.id);
    const p = await s.call('myProgress', {}, AGRI_EXPERT);
    expect(p.data.mine.quarter).toMatchObject({ days: 2, verifiedDays: 1 });
    const daysPerQuarter = p.data.requirements.find((r: { key: string }) => r.key === 'daysPerYear');
    expect(daysPerQuarter).toMatchObject({ actual: 0, actualVerified: 0 }); // the lowest expert of the team has none yet
    expect(p.data.score.all).toBeGreaterThanOrEqual(p.data.score.verified);
  });
  it('in the first days of a quarter the window still reaches the previous quarter', async () => {
    h.clock.set(at('2026-09-28T09:00:00'));
    const p = await s.call('myProgress', {}, AGRI_EXPERT);
    expect(p.data.window.earliest).toBe('2026-06-26');
    expect(p.data.mine.quarter).toMatchObject({ quarter: 4, start: '2026-09-26' });
  });
  it('a host-unit contact sees the station state without personal figures', async () => {
    const p = await s.call('myProgress', {}, AGRI_HOST);
    expect(p.data).toMatchObject({ mine: null, station: { roles: ['hostContact'] } });
    expect(p.data.requirements.length).toBeGreaterThan(0);
  });
  it('another station’s expert may not read this station’s progress', async () => {
    expect((await s.call('myProgress', { stationId: AGRI }, TEA_EXPERT)).error?.code).toBe('AUTH.FORBIDDEN');
  });
});
