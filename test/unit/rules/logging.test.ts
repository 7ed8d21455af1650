import {
  checkInOf,
  countInfo,
  dateRefusal,
  distanceM,
  earliestLoggableDay,
  type LoggingStation,
  periodOf,
  resultDateRefusal,
} from '../../../shared/rules/logging';
import type { RecordKind, StationRecord } from '../../../shared/schemas/records';
import { achievement, agreement, problem, research, serviceDay, settingsWith, tackling, training } from '../assessment/fixtures';

/** Plaque 2025-01-01 in plaque mode: quarters are the calendar quarters of 2025; backfill 10 days (the default). */
const sc: LoggingStation = { station: { plaqueDate: '2025-01-01' }, settings: settingsWith() };

describe('periodOf (第十二条: service days per quarter, the rest per assessment year)', () => {
  it('puts a service day in its quarter, open until 10 days after the quarter ends', () => {
    expect(periodOf('serviceDay', '2025-02-15', sc)).toEqual({
      label: '第1考核年度第1季度（2025-01-01 至 2025-03-31）',
      end: '2025-03-31',
      deadline: '2025-04-10',
    });
  });
  it('puts every other kind in its assessment year, open until 10 days after the year ends', () => {
    expect(periodOf('training', '2025-02-15', sc)).toEqual({
      label: '第1考核年度（2025-01-01 至 2025-12-31）',
      end: '2025-12-31',
      deadline: '2026-01-10',
    });
  });
  it.each<RecordKind>(['serviceDay', 'research'])('has no period before the plaque date (%s)', (kind) => {
    expect(periodOf(kind, '2024-12-31', sc)).toBeNull();
  });
});

describe('dateRefusal (future, before the plaque date, backfill window)', () => {
  const rows: [string, RecordKind, string, string, { window?: boolean }, string | null][] = [
    // kind, date, today, options, expected code
    ['today', 'serviceDay', '2025-04-10', '2025-04-10', {}, null],
    ['tomorrow', 'serviceDay', '2025-04-11', '2025-04-10', {}, 'STATION.DATE_IN_FUTURE'],
    ['tomorrow, even for staff', 'training', '2025-04-11', '2025-04-10', { window: false }, 'STATION.DATE_IN_FUTURE'],
    ['the plaque date', 'serviceDay', '2025-01-01', '2025-01-05', {}, null],
    ['the day before the plaque date', 'serviceDay', '2024-12-31', '2025-01-05', {}, 'STATION.DATE_BEFORE_PLAQUE'],
    ['before the plaque date, even for staff', 'training', '2024-12-31', '2025-01-05', { window: false }, 'STATION.DATE_BEFORE_PLAQUE'],
    ['last quarter day, on the last day of the window', 'serviceDay', '2025-03-31', '2025-04-10', {}, null],
    ['last quarter day, one day after the window', 'serviceDay', '2025-03-31', '2025-04-11', {}, 'STATION.OUTSIDE_BACKFILL_WINDOW'],
    ['outside the window, corrected by staff', 'serviceDay', '2025-03-31', '2025-04-11', { window: false }, null],
    ['a training of the same date counts per year', 'training', '2025-03-31', '2025-04-11', {}, null],
    ['last day of the year, on the last day of its window', 'training', '2025-12-31', '2026-01-10', {}, null],
    ['last day of the year, one day after its window', 'training', '2025-12-31', '2026-01-11', {}, 'STATION.OUTSIDE_BACKFILL_WINDOW'],
  ];
  it.each(rows)('%s', (_name, kind, date, today, opts, code) => {
    expect(dateRefusal(date, kind, sc, today, opts)?.code ?? null).toBe(code);
  });

  it('says which period and deadline a late date missed, with the field message and details', () => {
    expect(dateRefusal('2025-03-31', 'serviceDay', sc, '2025-04-11')).toEqual({
      code: 'STATION.OUTSIDE_BACKFILL_WINDOW',
      message:
        '2025-03-31 属于第1考核年度第1季度（2025-01-01 至 2025-03-31），补登截止日期为 2025-04-10（期末后 10 天），已超过补登期限；如需更正请联系科协工作人员',
      fieldMessage: '已超过补登期限（截止 2025-04-10）',
      details: { deadline: '2025-04-10', periodEnd: '2025-03-31' },
    });
  });
  it('names today and the plaque date', () => {
    expect(dateRefusal('2025-04-11', 'serviceDay', sc, '2025-04-10')).toMatchObject({
      message: '不能登记未来的日期（2025-04-11），今天是 2025-04-10',
      fieldMessage: '不能登记未来的日期',
    });
    expect(dateRefusal('2024-12-31', 'serviceDay', sc, '2025-01-05')).toMatchObject({
      message: '2024-12-31 早于服务站授牌日期 2025-01-01，不计入考核',
      fieldMessage: '不能早于授牌日期 2025-01-01',
    });
  });
  it('follows the programme: with no backfill days a quarter closes the day after it ends', () => {
    const strict: LoggingStation = { ...sc, settings: settingsWith({ backfillDaysAfterQuarter: 0 }) };
    expect(dateRefusal('2025-03-31', 'serviceDay', strict, '2025-03-31')).toBeNull();
    expect(dateRefusal('2025-03-31', 'serviceDay', strict, '2025-04-01')?.code).toBe('STATION.OUTSIDE_BACKFILL_WINDOW');
  });
});

describe('resultDateRefusal (第十二条(三): a result is dated on or after its study)', () => {
  it.each([
    ['2025-05-01', '2025-05-01', null],
    ['2025-05-01', '2025-05-02', null],
    ['2025-05-01', '2025-04-30', '调研成果日期不能早于调研日期'],
  ])('study %s, result %s', (study, result, expected) => {
    expect(resultDateRefusal(study, result)).toBe(expected);
  });
});

describe('earliestLoggableDay (the window reaches back into quarters still open)', () => {
  const wide: LoggingStation = { ...sc, settings: settingsWith({ backfillDaysAfterQuarter: 90 }) };
  it.each<[string, LoggingStation, string, string]>([
    ['before the plaque date: the plaque date', sc, '2024-12-01', '2025-01-01'],
    ['in the first quarter: the plaque date', sc, '2025-02-15', '2025-01-01'],
    ['the last day Q1 is open: Q1 start', sc, '2025-04-10', '2025-01-01'],
    ['the day after: Q2 start', sc, '2025-04-11', '2025-04-01'],
    ['90 days after Q1: Q1 still open', wide, '2025-06-29', '2025-01-01'],
    ['91 days after Q1: Q2 start', wide, '2025-07-05', '2025-04-01'],
    ['90-day window in Q4: Q3 start (Q2 closed)', wide, '2025-10-05', '2025-07-01'],
  ])('%s', (_name, station, today, expected) => {
    expect(earliestLoggableDay(station, today)).toBe(expected);
  });
  it('never goes before a plaque date inside a calendar quarter', () => {
    const calendar: LoggingStation = { station: { plaqueDate: '2025-02-15' }, settings: settingsWith({ yearMode: 'calendar' }) };
    expect(earliestLoggableDay(calendar, '2025-02-20')).toBe('2025-02-15');
  });
  it('never goes before go-live, nor before the day the expert joined the team (onboarding walk)', () => {
    const live: LoggingStation = {
      ...sc,
      station: {
        plaqueDate: '2025-01-01',
        goLiveDate: '2025-05-10',
        team: [
          { personId: 'p-old', from: '2025-01-01', to: null },
          { personId: 'p-new', from: '2025-05-20', to: null },
        ],
      },
    };
    expect(earliestLoggableDay(live, '2025-05-25')).toBe('2025-05-10');
    expect(earliestLoggableDay(live, '2025-05-25', 'p-old')).toBe('2025-05-10');
    expect(earliestLoggableDay(live, '2025-05-25', 'p-new')).toBe('2025-05-20');
    // a go-live date still ahead leaves today, not an empty window
    expect(earliestLoggableDay({ ...live, station: { ...live.station, goLiveDate: '2025-06-01' } }, '2025-05-25')).toBe('2025-05-25');
  });
});

describe('location check-in (第十二条(二), recorded, never blocking)', () => {
  const host = { lat: 28.55, lng: 112.35, radiusM: 500 };
  it('measures great-circle distance in metres', () => {
    expect(distanceM(host, host)).toBe(0);
    // one degree of latitude on the mean Earth radius
    expect(distanceM({ lat: 0, lng: 0 }, { lat: 1, lng: 0 })).toBeCloseTo(111_195.08, 1);
    expect(distanceM({ lat: 28.55, lng: 112.35 }, { lat: 28.56, lng: 112.36 })).toBeCloseTo(
      distanceM({ lat: 28.56, lng: 112.36 }, host),
      6,
    );
  });
  // 0.0045° of latitude is 500.38 m, rounded to 500
  const here = { lat: host.lat + 0.0045, lng: host.lng };
  it.each<[string, number, boolean]>([
    ['on the radius', 500, true],
    ['one metre outside', 499, false],
  ])('%s', (_name, radiusM, within) => {
    expect(checkInOf(here, { ...host, radiusM }, false)).toEqual({ lat: here.lat, lng: here.lng, distanceM: 500, withinRadius: within });
  });
  it('records none for a backfilled day, without consent, or for a host unit without a location', () => {
    expect(checkInOf(here, host, true)).toBeNull();
    expect(checkInOf(undefined, host, false)).toBeNull();
    expect(checkInOf(null, host, false)).toBeNull();
    expect(checkInOf(here, null, false)).toBeNull();
  });
});

describe('countInfo (what an entry counts toward, 第十二条)', () => {
  const t = sc.settings.thresholds;
  const rows: [string, StationRecord, boolean, string][] = [
    ['withdrawn', serviceDay('e1', '2025-02-01', 'withdrawn'), false, '已撤回，不计入考核'],
    ['disputed, no reason', serviceDay('e1', '2025-02-01', 'disputed'), false, '建站单位有异议，暂不计入考核'],
    [
      'a confirmed day',
      serviceDay('e1', '2025-05-01'),
      true,
      `计入第1考核年度第2季度服务天数（每季度不少于${t.daysPerQuarter}天、全年不少于${t.daysPerYear}天）（已确认）`,
    ],
    ['a day before the plaque date', serviceDay('e1', '2024-12-01', 'pending'), false, '日期早于授牌日期，不计入考核'],
    ['a training of exactly 50', training('2025-03-01', 50), true, '计入培训场次：50 人次，达到每场不少于 50 人次的要求（已确认）'],
    [
      'a training of 49',
      training('2025-03-01', 49),
      false,
      '已记录，但培训人次 49 不足 50，不计入“每年不少于 2 场、每场不少于 50 人次”的培训场次',
    ],
    [
      'research with a result',
      research('2025-03-01', { result: '报告', resultDate: '2025-03-05' }),
      true,
      '计入调查研究次数，调研成果计入成果数（已确认）',
    ],
    [
      'research without a result',
      research('2025-03-01', { status: 'pending' }),
      true,
      '计入调查研究次数；尚未填写调研成果（成果另计）（待建站单位确认后计为已核实）',
    ],
    ['tackling', tackling('2025-03-01'), true, '计入技术攻关次数（每年不少于 1 次）（已确认）'],
    ['a problem', problem('2025-03-01'), true, '计入破解企业技术难题数（每年不少于 2 个）（已确认）'],
    ['an achievement', achievement('2025-03-01'), true, '计入推广转化科技成果数（每年不少于 2 项）（已确认）'],
    [
      'agreement progress',
      agreement('2025-03-01', 30, 'pending'),
      true,
      '合作协议完成进度 30%（第一年不少于 50%，期满 100%）（待建站单位确认后计为已核实）',
    ],
  ];
  it.each(rows)('%s', (_name, record, counts, label) => {
    expect(countInfo(record, sc)).toEqual({ counts, label });
  });
  it('names the dispute reason and marks a backfilled pending day', () => {
    expect(countInfo({ ...serviceDay('e1', '2025-02-01', 'disputed'), statusReason: '当天不在站' }, sc).label).toBe(
      '建站单位有异议（当天不在站），暂不计入考核',
    );
    const late = { ...serviceDay('e1', '2025-02-01', 'pending'), backfilled: true } as StationRecord;
    expect(countInfo(late, sc).label).toBe(
      '计入第1考核年度第1季度服务天数（每季度不少于10天、全年不少于40天），补登（待建站单位确认后计为已核实）',
    );
  });
  it('does not count outcomes of a kind before the plaque date', () => {
    expect(countInfo(tackling('2024-12-01'), sc).counts).toBe(false);
  });
});
