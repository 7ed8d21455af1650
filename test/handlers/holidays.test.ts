import { libraryHolidaySchedule } from '../../shared/calendar/holidays';
import { programmes } from '../../shared/programmes';
import type { Harness } from '../support/handlers';
import { callsOf, draftReady, harness, ok, passStages, rid } from './applications-support';

/**
 * The holiday calendar staff enter (issue 13 item 7): the library knows holidays through 2026; a 2027
 * schedule entered by city staff is what the publicity window and the working-days figures then read.
 */
let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

const p = programmes['yiyang-station-2023'];
const kind = p.kinds[0]!;
const CITY = 'p-city-staff';
const spring2027 = {
  year: 2027,
  holidays: [
    { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
    { name: '春节', from: '2027-02-06', to: '2027-02-12' },
  ],
  workdays: ['2027-02-20'],
};

async function publicityFrom(startDate: string) {
  const call = callsOf(h);
  const { applicationId, personId } = await draftReady(h, p, kind);
  ok(await call('submit', { applicationId, requestId: rid() }, personId));
  await passStages(h, applicationId);
  const started = ok(
    await call(
      'startPublicity',
      { applicationId, startDate, note: '在市科协网站公示', requestId: rid(), expected: { status: 'in_review', stageId: null } },
      CITY,
    ),
  );
  return started.publicity as { startDate: string; endDate: string; calendarNote: string };
}

describe('a 2027 holiday schedule entered by staff', () => {
  it('without it, 2027 counts weekends only and says 2027 年节假日尚未录入', async () => {
    expect(p.publicity).toMatchObject({ days: 5, dayKind: 'working' });
    const years = ok(await h.call('org', 'listHolidays', { fromYear: 2026, toYear: 2027 }, 'p-heshan-staff'));
    expect(years.map((y: any) => [y.year, y.source])).toEqual([
      [2026, 'library'],
      [2027, null],
    ]);
    expect(years[0].schedule.holidays.map((x: any) => x.name)).toContain('春节');
    expect(years[1].warning).toContain('2027 年节假日尚未录入');
    // Friday 5 February 2027, five working days counting weekends only: 5, 8, 9, 10, 11
    const pub = await publicityFrom('2027-02-05');
    expect(pub.endDate).toBe('2027-02-11');
    expect(pub.calendarNote).toContain('2027 年节假日尚未录入');
  });

  it('with it, a publicity over 春节 2027 skips the holiday, and the list shows the stored year', async () => {
    const saved = ok(await h.call('org', 'saveHolidays', { requestId: rid(), schedule: spring2027 }, CITY));
    expect(saved).toEqual({ year: 2027, created: true, changed: true });
    const pub = await publicityFrom('2027-02-05');
    // 5 February (1), 春节 6–12 February off, then 15, 16, 17, 18 February
    expect(pub.endDate).toBe('2027-02-18');
    expect(pub.calendarNote).toBe('');
    const years = ok(await h.call('org', 'listHolidays', { fromYear: 2027, toYear: 2027 }, 'p-talent'));
    expect(years[0]).toMatchObject({ year: 2027, source: 'stored', warning: '', library: null, schedule: spring2027 });
    expect(years[0].updatedByName).toBeTruthy();
  });

  it('is idempotent and audited: the same schedule again changes nothing, a change is one audit event with before and after', async () => {
    ok(await h.call('org', 'saveHolidays', { requestId: rid(), schedule: spring2027 }, CITY));
    // same content in another order: nothing written
    const again = ok(
      await h.call(
        'org',
        'saveHolidays',
        { requestId: rid(), schedule: { ...spring2027, holidays: [...spring2027.holidays].reverse() } },
        CITY,
      ),
    );
    expect(again).toEqual({ year: 2027, created: false, changed: false });
    const id = rid();
    const changed = { ...spring2027, holidays: [...spring2027.holidays, { name: '清明节', from: '2027-04-03', to: '2027-04-05' }] };
    ok(await h.call('org', 'saveHolidays', { requestId: id, schedule: changed }, CITY));
    // a retried request replays its first answer
    expect(ok(await h.call('org', 'saveHolidays', { requestId: id, schedule: changed }, CITY))).toEqual({
      year: 2027,
      created: false,
      changed: true,
    });
    const audit = await h.deps.store.audit.forEntity('holidayYear', '2027');
    expect(audit.map((a) => a.action)).toEqual(['holidays.create', 'holidays.update']);
    expect((audit[1]!.before as { holidays: unknown[] }).holidays).toHaveLength(2);
    expect((audit[1]!.after as { holidays: unknown[] }).holidays).toHaveLength(3);
  });

  it('refuses a bad schedule with Chinese messages on field paths, and writes nothing', async () => {
    const r = await h.call(
      'org',
      'saveHolidays',
      {
        requestId: rid(),
        schedule: {
          year: 2027,
          holidays: [
            { name: '春节', from: '2027-02-06', to: '2027-02-12' },
            { name: '元宵', from: '2027-02-12', to: '2027-02-13' },
            { name: '元旦', from: '2026-12-31', to: '2027-01-01' },
          ],
          workdays: ['2027-02-17', '2027-02-07'],
        },
      },
      CITY,
    );
    expect(r.error?.code).toBe('INPUT.INVALID');
    const issues = r.error?.issues ?? [];
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'schedule.holidays.2.from', message: '开始日期 2026-12-31 不在 2027 年内' },
        expect.objectContaining({ path: 'schedule.holidays.1.from', message: expect.stringContaining('重叠') }),
        expect.objectContaining({ path: 'schedule.workdays.0', message: expect.stringContaining('不是周末') }),
        expect.objectContaining({ path: 'schedule.workdays.1', message: expect.stringContaining('春节假期') }),
      ]),
    );
    expect(await h.deps.store.holidays.years()).toEqual([]);
  });

  it('county staff and the talent office read it but may not enter it', async () => {
    for (const who of ['p-heshan-staff', 'p-talent']) {
      const r = await h.call('org', 'saveHolidays', { requestId: rid(), schedule: spring2027 }, who);
      expect(r.error?.code).toBe('AUTH.FORBIDDEN');
    }
  });

  it('the working-days figures of the dashboard read the stored year too (a stored 2026 replaces the library’s)', async () => {
    const left = async () => {
      const { data } = await h.call('reports', 'dashboard', { filters: { castUnitId: 'cast-heshan' } }, 'p-heshan-staff');
      return data.rows.find((r: any) => r.stationId === 'st-agri-heshan').quarter.workingDaysLeft as number;
    };
    const before = await left();
    const lib = libraryHolidaySchedule(2026)!;
    // the library's 2026, plus one more day off on Monday 21 December 2026 (inside the current quarter)
    const schedule = { ...lib, holidays: [...lib.holidays, { name: '测试假日', from: '2026-12-21', to: '2026-12-21' }] };
    ok(await h.call('org', 'saveHolidays', { requestId: rid(), schedule }, CITY));
    expect(await left()).toBe(before - 1);
  });
});
