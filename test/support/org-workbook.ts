import ExcelJS from 'exceljs';

/**
 * The organisation workbook a city brings (issue 13, item 3), shared by the handler test
 * (test/handlers/org-import.test.ts) and the staff browser journey (test/e2e/org-admin.e2e.test.ts): a real
 * .xlsx built with exceljs — 22 societies, 12 host units, 7 stations with plaque dates and teams, 32
 * experts — as messy as real sheets (a merged title row above the header, Excel serial dates and dates as
 * text, mobiles stored as numbers, full-width digits, stray spaces, an empty trailing row), and BAD: one
 * generated bad cell per column type.
 */

export type Cell = string | number | boolean | Date | null;
export interface SheetSpec {
  name: string;
  header: string[];
  rows: Cell[][];
}
export const fw = (s: string) => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
export const serial = (iso: string) => Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000);
export const PROGRAMME = '益阳市重点产业领域学会服务站建设管理办法（试行）';

/** The workbook a city brings, with `bad` cells replacing good ones ([sheet, dataRowIndex, header] → value). */
export function cityBook(bad: Array<[string, number, string, Cell]> = [], edit: Array<[string, number, string, Cell]> = []): SheetSpec[] {
  const societies: Cell[][] = Array.from({ length: 22 }, (_, i) => [
    null,
    i % 3 === 0 ? ` 益阳市第${fw(String(i + 1))}学会 ` : `益阳市第${i + 1}学会`,
    ['市级', '县级', '省级', '全国'][i % 4] as string,
    i % 2 === 0 ? '赫山区科协' : null,
    i % 5 === 0 ? `91430900MA4L${String(100000 + i)}` : null,
    `联系人${i + 1}`,
    i % 2 === 0 ? 13700000000 + i : `137 0000 ${String(1000 + i)}`,
  ]);
  const hosts: Cell[][] = Array.from({ length: 12 }, (_, i) => [
    null,
    `第${i + 1}建站单位科协`,
    i % 2 === 0 ? '企业科协' : '园区科协',
    '赫山区科协',
    `益阳市某路${i + 1}号`,
    28.5 + i / 100,
    112.3 + i / 100,
    i % 3 === 0 ? '５００' : 300,
    i === 0 ? '是' : '否',
    null,
    null,
    null,
  ]);
  // the 7th station has no team yet (its bad cell leaves no other row without its station)
  const plaques: Cell[] = [
    serial('2019-03-05'),
    '2019/3/5',
    '2020年6月1日',
    '2021-07-15',
    new Date(Date.UTC(2022, 0, 10)),
    fw('2023-05-20'),
    '20240301',
  ];
  const stations: Cell[][] = plaques.map((p, i) => [
    null,
    `第${i + 1}服务站`,
    PROGRAMME,
    '市级',
    `益阳市第${i + 2}学会`,
    `第${i + 1}建站单位科协`,
    null,
    '现代农业',
    p,
    2,
    '正常',
    null,
  ]);
  const people: Cell[][] = Array.from({ length: 32 }, (_, i) => [
    null,
    `专家${i + 1}`,
    i % 2 === 0 ? 13900000000 + i : fw(String(13900000000 + i)),
    '高级农艺师',
    `益阳市第${(i % 5) + 2}学会`,
    null,
    null,
  ]);
  const team: Cell[][] = [];
  for (let s = 0; s < 6; s++)
    for (let k = 0; k < 5; k++) {
      const p = s * 5 + k;
      team.push([`第${s + 1}服务站`, `专家${p + 1}`, 13900000000 + p, k === 0 ? serial('2024-01-02') : '2024-01-02', null]);
    }
  const book: SheetSpec[] = [
    {
      name: '学会',
      header: ['编号', '学会名称*', '级别', '所属科协', '统一社会信用代码', '联系人', '联系电话'],
      rows: societies,
    },
    {
      name: '建站单位',
      header: [
        '编号',
        '单位名称',
        '单位性质',
        '所属科协',
        '地址',
        '纬度',
        '经度',
        '签到半径（米）',
        '已有市级专家工作站',
        '统一社会信用代码',
        '联系人',
        '联系电话',
      ],
      rows: hosts,
    },
    {
      name: '服务站',
      header: [
        '编号',
        '服务站名称',
        '项目',
        '级别',
        '学会',
        '建站单位',
        '所属科协',
        '产业领域',
        '授牌日期',
        '协议年限',
        '状态',
        '上线日期',
      ],
      rows: stations,
    },
    { name: '人员', header: ['编号', '姓名', '手机号', '职称/职务', '学会', '建站单位', '所属科协'], rows: people },
    { name: '服务站团队成员', header: ['服务站', '专家姓名', '专家手机号', '加入日期', '离开日期'], rows: team },
  ];
  for (const [sheet, i, col, value] of [...bad, ...edit]) {
    const s = book.find((b) => b.name === sheet) as SheetSpec;
    (s.rows[i] as Cell[])[s.header.findIndex((x) => x.replace('*', '') === col)] = value;
  }
  return book;
}

/** The .xlsx bytes: a merged title row above each header, an empty row at the end. */
export async function xlsx(book: SheetSpec[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const s of book) {
    const ws = wb.addWorksheet(s.name);
    ws.addRow([`益阳市${s.name}名录（2026年）`]);
    ws.mergeCells(1, 1, 1, s.header.length);
    ws.addRow(s.header);
    for (const r of s.rows) ws.addRow(r);
    ws.addRow([]);
    ws.addRow([' ', null]);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/**
 * One bad cell per column type, each on a row no other row names (a society no station or person names,
 * …): a refused row leaves the rows naming it without their reference, which is reported too.
 */
export const BAD: Array<[string, number, string, Cell]> = [
  ['学会', 8, '级别', '乡级'], // enum
  ['学会', 10, '统一社会信用代码', '12345'], // credit code
  ['学会', 12, '联系电话', '电话待补'], // phone
  ['学会', 14, '学会名称', null], // required text
  ['建站单位', 7, '纬度', '北纬'], // number
  ['建站单位', 8, '签到半径（米）', '3.5'], // int
  ['建站单位', 9, '已有市级专家工作站', '也许'], // bool
  ['服务站', 6, '授牌日期', '2019-13-45'], // date
  ['人员', 30, '手机号', 12345], // mobile
  ['人员', 31, '姓名', 'x'.repeat(41)], // text too long
  ['服务站团队成员', 3, '加入日期', '明年'], // date in the team sheet
];
/** Excel row of data row i: the title row and the header row come first. */
export const excelRow = (i: number) => i + 3;
