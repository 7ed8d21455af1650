import {
  type CellValue,
  type Column,
  cellText,
  columnOfPath,
  exampleMark,
  halfWidth,
  headerKey,
  type ImportSheet,
  importColumns,
  importFileAllowed,
  importSheetNames,
  importSheets,
  parseCell,
  parseDate,
  parseSheet,
  stationProgrammes,
} from '../../../shared/rules/org-import';

/**
 * Reading the organisation workbook's cells (issue 13, item 3): what real sheets hold — serial dates,
 * dates as text, numbers for mobiles, full-width digits and letters, stray spaces, a title row above the
 * header — is read; every bad cell is an error at exactly its row and column.
 */

describe('dates', () => {
  it.each<[CellValue, string | null]>([
    [43529, '2019-03-05'], // Excel serial
    [43529.75, '2019-03-05'], // serial with a time of day
    ['2019/3/5', '2019-03-05'],
    ['2019-03-05', '2019-03-05'],
    ['2019.3.5', '2019-03-05'],
    ['2019年3月5日', '2019-03-05'],
    ['２０１９年３月５日', '2019-03-05'],
    [' 2019-3-5 ', '2019-03-05'],
    ['20190305', '2019-03-05'],
    ['43529', '2019-03-05'], // a serial pasted as text
    [new Date(Date.UTC(2019, 2, 5)), '2019-03-05'], // exceljs: a date cell at UTC midnight
    [new Date(Date.UTC(2019, 2, 4, 17, 0)), '2019-03-05'], // a date-time: 01:00 China time on the 5th
    ['2019-02-29', null],
    ['2019-13-01', null],
    ['2019-00-10', null],
    ['1899-12-31', null],
    ['明年', null],
    ['', null],
    [null, null],
    [0, null],
    [Number.NaN, null],
    [new Date(Number.NaN), null],
  ])('%p → %p', (v, want) => {
    expect(parseDate(v)).toBe(want);
  });
});

describe('cells as text', () => {
  it.each<[CellValue, string]>([
    [null, ''],
    [undefined, ''],
    [13912345678, '13912345678'],
    [1.5, '1.5'],
    [true, '是'],
    [false, '否'],
    ['  益阳市  农学会 ', '益阳市 农学会'],
    [new Date(Date.UTC(2020, 0, 2)), '2020-01-02'],
    [new Date(Number.NaN), ''],
  ])('%p → %p', (v, want) => expect(cellText(v)).toBe(want));
  it('folds full-width ASCII and the ideographic space', () => {
    expect(halfWidth('ＡＢ１２\u3000x')).toBe('AB12 x');
  });
  it('header names compare without spaces, required marks, brackets or full-width forms', () => {
    expect(headerKey(' 学会名称* ')).toBe(headerKey('学会名称'));
    expect(headerKey('学会名称（必填）')).toBe(headerKey('学会名称'));
    expect(headerKey('签到半径(米)')).toBe(headerKey('签到半径（米）'));
  });
});

const col = (sheet: ImportSheet, key: string) => importColumns[sheet].find((c) => c.key === key) as Column;
const value = (c: Column, v: CellValue) => {
  const r = parseCell(c, v);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

describe('cells of each type', () => {
  it('mobiles: numbers, full-width digits, spaces, dashes, +86; a masked mobile is kept as masked', () => {
    const m = col('person', 'mobile');
    for (const v of [13912345678, '１３９１２３４５６７８', '139 1234 5678', '139-1234-5678', '+86 139 1234 5678', '8613912345678'])
      expect(value(m, v)).toBe('13912345678');
    expect(value(m, '139****5678')).toEqual({ masked: '139****5678' });
  });
  it('phones: a landline or a mobile', () => {
    const p = col('society', 'contactPhone');
    expect(value(p, '0737-4221234')).toBe('0737-4221234');
    expect(value(p, 13712345678)).toBe('13712345678');
  });
  it('credit codes: full-width, lower case and spaces folded', () => {
    expect(value(col('society', 'creditCode'), ' ９１４３０９００ma4l100000 ')).toBe('91430900MA4L100000');
  });
  it('enumerations: the label or the stored value; 国家级 for a society’s 全国', () => {
    const level = col('society', 'level');
    expect(value(level, '市级')).toBe('city');
    expect(value(level, ' 省 级 ')).toBe('provincial');
    expect(value(level, 'county')).toBe('county');
    expect(value(level, '国家级')).toBe('national');
    expect(value(col('station', 'level'), '国家级')).toBe('national');
    expect(value(col('station', 'programme'), stationProgrammes[0]?.label ?? '')).toBe('yiyang-station-2023');
  });
  it('numbers, whole numbers and yes/no', () => {
    expect(value(col('hostUnit', 'lat'), '２８.５')).toBe(28.5);
    expect(value(col('hostUnit', 'radiusM'), '1,000')).toBe(1000);
    expect(value(col('hostUnit', 'funded'), true)).toBe(true);
    for (const y of ['是', 'Y', 'yes', '1', '有']) expect(value(col('hostUnit', 'funded'), y)).toBe(true);
    for (const n of ['否', 'N', 'no', '0', '无']) expect(value(col('hostUnit', 'funded'), n)).toBe(false);
  });
  it('ids and texts', () => {
    expect(value(col('society', 'id'), 'soc_abc-1')).toBe('soc_abc-1');
    expect(value(col('society', 'name'), ' 益阳市\u3000农学会 ')).toBe('益阳市 农学会');
    expect(value(col('society', 'name'), '')).toBeUndefined();
  });
});

// ───────────────────────── generated bad cells ─────────────────────────

/** A small seeded generator (mulberry32): the same bad values on every run. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const badValues: Record<Column['type'], (r: () => number) => CellValue> = {
  id: (r) => `编号${Math.floor(r() * 1000)}`,
  text: (r) => '字'.repeat(201 + Math.floor(r() * 50)),
  enum: (r) => `未知${Math.floor(r() * 100)}`,
  date: (r) => `${2000 + Math.floor(r() * 20)}-${13 + Math.floor(r() * 5)}-01`,
  mobile: (r) => String(Math.floor(r() * 1e6)),
  phone: (r) => `电话${Math.floor(r() * 100)}`,
  credit: (r) => `12${Math.floor(r() * 1e6)}`,
  int: (r) => (Math.floor(r() * 100) + 0.5).toString(),
  number: (r) => `约${Math.floor(r() * 100)}`,
  bool: (r) => `也许${Math.floor(r() * 10)}`,
};
const goodValues: Record<ImportSheet, Record<string, CellValue>> = {
  society: {
    name: '益阳市农学会',
    level: '市级',
    castUnit: '赫山区科协',
    creditCode: '91430900MA4L100000',
    contactName: '张三',
    contactPhone: 13700000000,
  },
  hostUnit: {
    name: '某公司科协',
    kind: '企业科协',
    castUnit: '',
    address: '某路 1 号',
    lat: 28.5,
    lng: 112.3,
    radiusM: 500,
    funded: '否',
    creditCode: '',
    contactName: '',
    contactPhone: '',
  },
  station: {
    name: '某服务站',
    programme: stationProgrammes[0]?.label ?? '',
    level: '市级',
    society: '益阳市农学会',
    hostUnit: '某公司科协',
    castUnit: '',
    industryField: '现代农业',
    plaqueDate: 43529,
    termYears: 2,
    status: '正常',
    goLiveDate: '2024年1月1日',
  },
  person: { name: '李四', mobile: 13900000000, title: '研究员', society: '益阳市农学会', hostUnit: '', castUnit: '' },
  team: { station: '某服务站', person: '李四', mobile: '139 0000 0000', from: '2024/1/2', to: '' },
};

describe.each(importSheets.map((s) => [importSheetNames[s], s] as const))('sheet %s: one generated bad cell per column', (_n, sheet) => {
  const cols = importColumns[sheet];
  const r = rng(20261128);
  // a title row (as if merged across the header) above the header; 10 good rows; an empty trailing row
  const header = cols.map((c) => (c.required ? `${c.header}*` : ` ${c.header} `));
  const good = cols.map((c) => (c.key === 'id' ? null : (goodValues[sheet][c.key] ?? null)));
  const rows: CellValue[][] = [[`${importSheetNames[sheet]}名录`, `${importSheetNames[sheet]}名录`], header];
  for (let i = 0; i < cols.length + 2; i++) rows.push([...good]);
  // row k+3 (Excel row) gets column k's bad value
  const bad = cols.map((c, k) => {
    const v = badValues[c.type](r);
    (rows[k + 2] as CellValue[])[k] = v;
    return { row: k + 3, column: c.header };
  });
  rows.push([null, '  ', null]);

  it('every bad cell is one error at its row and column; the good rows are read', () => {
    const p = parseSheet(sheet, rows);
    expect(p.issues.map((i) => ({ row: i.row, column: i.column }))).toEqual(bad);
    for (const i of p.issues) expect(i.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(p.rows.map((x) => x.row)).toEqual([cols.length + 3, cols.length + 4]);
    const first = p.rows[0]!.values;
    for (const c of cols) if (c.required) expect([c.key, first[c.key]]).not.toEqual([c.key, undefined]);
  });

  it('a required cell left blank is an error at its row and column', () => {
    const required = cols.filter((c) => c.required);
    const blank = [header, ...required.map((c) => good.map((v, i) => (cols[i] === c ? '  ' : v)))];
    expect(parseSheet(sheet, blank).issues.map((i) => [i.row, i.column, i.message])).toEqual(
      required.map((c, k) => [k + 2, c.header, '必填']),
    );
  });
});

describe('sheets', () => {
  it('no header among the top rows: one error for the sheet', () => {
    const p = parseSheet('society', [
      ['名称', '级别'],
      ['x', '市级'],
    ]);
    expect(p.rows).toEqual([]);
    expect(p.issues).toEqual([{ sheet: '学会', row: 0, column: '', message: expect.stringContaining('学会名称') }]);
  });
  it('the template’s example row is passed over; columns in any order; unknown columns ignored', () => {
    const p = parseSheet('society', [
      ['备注', '级别', '学会名称', '编号'],
      ['例子', '市级', '示例学会', exampleMark],
      ['', '县级', '桃江县茶叶协会', ''],
    ]);
    expect(p.issues).toEqual([]);
    expect(p.rows).toEqual([{ row: 3, values: { name: '桃江县茶叶协会', level: 'county' } }]);
  });
  it('a save’s field path names its column', () => {
    expect(columnOfPath('society', 'society.contact.phone')).toBe('联系电话');
    expect(columnOfPath('hostUnit', 'hostUnit.location.radiusM')).toBe('签到半径（米）');
    expect(columnOfPath('station', 'station.goLiveDate')).toBe('上线日期');
    expect(columnOfPath('person', 'person.mobile')).toBe('手机号');
    expect(columnOfPath('person', 'person.somethingElse')).toBe('姓名');
    expect(columnOfPath('team', 'experts.2.to')).toBe('离开日期');
    expect(columnOfPath('team', 'experts.2.personId')).toBe('专家姓名');
  });
});

describe('the uploaded file', () => {
  it.each([
    ['cloud://env.bucket/imports/p-city-staff/a.xlsx', true],
    ['local://' + 'a'.repeat(64) + '/imports/p-city-staff/名录.xlsx', true],
    ['cloud://env.bucket/imports/p-heshan-staff/a.xlsx', false],
    ['cloud://env.bucket/imports/p-city-staff-2/a.xlsx', false],
    ['cloud://env.bucket/imports/p-city-staff/../p-heshan-staff/a.xlsx', false],
    ['cloud://env.bucket/applications/p-city-staff/a.xlsx', false],
    ['imports/p-city-staff/a.xlsx', false],
  ])('%s → %p', (fileId, ok) => expect(importFileAllowed(fileId, 'p-city-staff')).toBe(ok));
});
