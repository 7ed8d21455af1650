import { programmes } from '../programmes';
import { cleanText, mobileSchema, phoneAnySchema } from '../schemas/common';
import {
  creditCodeSchema,
  hostUnitKindLabels,
  hostUnitKinds,
  industryFields,
  societyLevelLabels,
  stationLevelLabels,
} from '../schemas/org';
import { storagePathOf } from './files';

/**
 * The organisation workbook (issue 13, item 3: org.exportTemplate / exportOrg / importWorkbook): its
 * sheets and columns, and how the cells real spreadsheets hold are read — pure, over plain cell values
 * (the handler reads the .xlsx with exceljs and hands over strings, numbers, booleans, Dates and nulls).
 * Tolerated: Excel serial dates and dates typed as text (2019/3/5, 2019-03-05, 2019.3.5, 2019年3月5日,
 * 20190305), numbers where text is meant (a mobile stored as a number), full-width digits and letters,
 * stray spaces, a title row or merged header cells above the header (the header row is found by its
 * names), empty rows. What a cell may hold beyond its type (a duplicate name, a unit out of the caller's
 * oversight) is decided by the org saves themselves (shared/rules/org.ts, the save actions): an imported
 * row and a row saved by hand are validated by the same code.
 */

export type CellValue = string | number | boolean | Date | null | undefined;
export type ColumnType = 'id' | 'text' | 'enum' | 'date' | 'mobile' | 'phone' | 'credit' | 'int' | 'number' | 'bool';

export interface Column {
  key: string;
  header: string;
  type: ColumnType;
  required?: boolean;
  /** enum: stored value → label shown (and accepted; the value itself is accepted too) */
  options?: readonly { value: string; label: string }[];
  /** max length of a text */
  max?: number;
  /** the note on the template's header cell */
  note?: string;
}

export const importSheets = ['society', 'hostUnit', 'station', 'person', 'team'] as const;
export type ImportSheet = (typeof importSheets)[number];
export const importSheetNames: Record<ImportSheet, string> = {
  society: '学会',
  hostUnit: '建站单位',
  station: '服务站',
  person: '人员',
  team: '服务站团队成员',
};
export const instructionsSheetName = '说明';
/** the id column: filled by the export, left empty for new rows */
export const idHeader = '编号';
/** what the template's example rows carry in their id cell: the import passes them over */
export const exampleMark = '示例';

const opts = <T extends string>(labels: Record<T, string>, values: readonly T[] = Object.keys(labels) as T[]) =>
  values.map((value) => ({ value, label: labels[value] }));

export const stationStatusLabels = {
  active: '正常',
  rectifying: '整改中',
  delisting: '摘牌中',
  delisted: '已摘牌',
  closed: '已撤销',
} as const;
/** the programmes that have stations (a station's 项目 column) */
export const stationProgrammes = Object.values(programmes)
  .filter((p) => p.kinds.some((k) => (k.stationLevels?.length ?? 0) > 0))
  .map((p) => ({ value: p.id, label: p.title }));

const id: Column = { key: 'id', header: idHeader, type: 'id', note: '系统编号：导出时填写，请勿修改；新增的行留空' };
const castUnit: Column = { key: 'castUnit', header: '所属科协', type: 'text', max: 60, note: '科协名称；留空为您所在的科协' };
const contact: Column[] = [
  { key: 'contactName', header: '联系人', type: 'text', max: 40 },
  { key: 'contactPhone', header: '联系电话', type: 'phone' },
];

export const importColumns: Record<ImportSheet, readonly Column[]> = {
  society: [
    id,
    { key: 'name', header: '学会名称', type: 'text', required: true, max: 60 },
    { key: 'level', header: '级别', type: 'enum', required: true, options: opts(societyLevelLabels) },
    castUnit,
    { key: 'creditCode', header: '统一社会信用代码', type: 'credit' },
    ...contact,
  ],
  hostUnit: [
    id,
    { key: 'name', header: '单位名称', type: 'text', required: true, max: 100 },
    { key: 'kind', header: '单位性质', type: 'enum', required: true, options: opts(hostUnitKindLabels, hostUnitKinds) },
    castUnit,
    { key: 'address', header: '地址', type: 'text', max: 200 },
    { key: 'lat', header: '纬度', type: 'number' },
    { key: 'lng', header: '经度', type: 'number' },
    { key: 'radiusM', header: '签到半径（米）', type: 'int' },
    { key: 'funded', header: '已有市级专家工作站', type: 'bool', note: '是 / 否' },
    { key: 'creditCode', header: '统一社会信用代码', type: 'credit' },
    ...contact,
  ],
  station: [
    id,
    { key: 'name', header: '服务站名称', type: 'text', required: true, max: 100 },
    { key: 'programme', header: '项目', type: 'enum', required: true, options: stationProgrammes },
    { key: 'level', header: '级别', type: 'enum', required: true, options: opts(stationLevelLabels) },
    { key: 'society', header: '学会', type: 'text', required: true, max: 60, note: '学会名称（学会表或系统中已有）' },
    { key: 'hostUnit', header: '建站单位', type: 'text', required: true, max: 100, note: '建站单位名称' },
    { key: 'castUnit', header: '所属科协', type: 'text', max: 60, note: '留空为建站单位所属科协' },
    {
      key: 'industryField',
      header: '产业领域',
      type: 'enum',
      options: industryFields.map((f) => ({ value: f, label: f })),
    },
    { key: 'plaqueDate', header: '授牌日期', type: 'date', required: true },
    { key: 'termYears', header: '协议年限', type: 'int' },
    { key: 'status', header: '状态', type: 'enum', options: opts(stationStatusLabels) },
    { key: 'goLiveDate', header: '上线日期', type: 'date', note: '开始在系统中登记的日期（授牌早于上线时填写）' },
  ],
  person: [
    id,
    { key: 'name', header: '姓名', type: 'text', required: true, max: 40 },
    { key: 'mobile', header: '手机号', type: 'mobile', note: '按手机号识别同一人；导出时隐去中间四位，原样保留即不修改' },
    { key: 'title', header: '职称/职务', type: 'text', max: 60 },
    { key: 'society', header: '学会', type: 'text', max: 60 },
    { key: 'hostUnit', header: '建站单位', type: 'text', max: 100 },
    castUnit,
  ],
  team: [
    { key: 'station', header: '服务站', type: 'text', required: true, max: 100, note: '服务站名称' },
    { key: 'person', header: '专家姓名', type: 'text', required: true, max: 40 },
    { key: 'mobile', header: '专家手机号', type: 'mobile', note: '同名专家时按手机号区分' },
    { key: 'from', header: '加入日期', type: 'date' },
    { key: 'to', header: '离开日期', type: 'date', note: '仍在站留空' },
  ],
};

/** One error of an imported workbook: the sheet, the Excel row (1-based; 0: the sheet itself), the column header. */
export interface ImportIssue {
  sheet: string;
  row: number;
  column: string;
  message: string;
}

// ───────────────────────── cells ─────────────────────────

const FULL_WIDTH = /[\uFF01-\uFF5E]/g;
/** Full-width ASCII (０-９, Ａ-Ｚ, punctuation) folded to half-width, the ideographic space to a space. */
export const halfWidth = (s: string): string =>
  s.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');

/** A cell as text: numbers without exponent or float noise, dates as China dates, blanks as ''. */
export function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  return cleanText(v.replace(/\s+/g, ' '));
}

const pad = (n: number) => String(n).padStart(2, '0');
function ymd(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d > days ? null : `${y}-${pad(m)}-${pad(d)}`;
}

/**
 * A date cell as a China date (YYYY-MM-DD), or null when it is not one. An Excel serial (days since
 * 1899-12-30, as Excel counts them) and a Date (exceljs reads date-formatted cells as UTC midnight) are
 * taken as they are; text in the usual Chinese spellings is read with full-width digits folded.
 */
export function parseDate(v: CellValue): string | null {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null;
    // a Date at (UTC) midnight is the day itself; anything else is a time of day in China
    const t = v.getTime() + (v.getUTCHours() === 0 && v.getUTCMinutes() === 0 ? 0 : 8 * 3600_000);
    const d = new Date(t);
    return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 1 || v > 73050) return null;
    const d = new Date(Date.UTC(1899, 11, 30) + Math.floor(v) * 86_400_000);
    return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  const s = halfWidth(cellText(v)).replace(/\s+/g, '');
  if (!s) return null;
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  // a serial typed as text (a column pasted as text)
  if (/^\d{5}$/.test(s)) return parseDate(Number(s));
  return null;
}

/** Digits of a phone-like cell: full-width folded; spaces, dashes, dots and a +86 / 86 prefix dropped for mobiles. */
function phoneDigits(v: CellValue, mobile: boolean): string {
  let s = typeof v === 'number' ? v.toFixed(0) : halfWidth(cellText(v));
  s = s.replace(/[\s.·]/g, '');
  if (mobile) s = s.replace(/-/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
  return s;
}

/** A masked mobile as the export writes it (139****5678): on a row with an id, it means "unchanged". */
export const maskedMobilePattern = /^1\d{2}\*{4}\d{4}$/;

export type CellResult = { ok: true; value: unknown } | { ok: false; message: string };
const bad = (message: string): CellResult => ({ ok: false, message });
const good = (value: unknown): CellResult => ({ ok: true, value });

/** One cell read as its column's type; blank cells are `undefined` (the caller decides on required). */
export function parseCell(col: Column, v: CellValue): CellResult {
  const text = cellText(v);
  if (text === '') return good(undefined);
  switch (col.type) {
    case 'id':
      return /^[A-Za-z0-9_-]{1,64}$/.test(text) ? good(text) : bad('编号无效（请勿修改系统编号；新增的行留空）');
    case 'text': {
      const t = text.replace(/\u3000/g, ' ').trim();
      return col.max && Array.from(t).length > col.max ? bad(`不能超过 ${col.max} 个字`) : good(t);
    }
    case 'enum': {
      const k = halfWidth(text).replace(/\s+/g, '').toLowerCase();
      const opt = (col.options ?? []).find(
        (o) => o.value.toLowerCase() === k || halfWidth(o.label).replace(/\s+/g, '').toLowerCase() === k,
      );
      const alias = col.key === 'level' && k === '国家级' ? 'national' : col.key === 'level' && k === '全国' ? 'national' : null;
      if (opt) return good(opt.value);
      if (alias && (col.options ?? []).some((o) => o.value === alias)) return good(alias);
      return bad(`应为以下之一：${(col.options ?? []).map((o) => o.label).join('、')}`);
    }
    case 'date': {
      const d = parseDate(v);
      return d ? good(d) : bad('日期无法识别（例如 2019-03-05）');
    }
    case 'mobile': {
      const s = phoneDigits(v, true);
      if (maskedMobilePattern.test(s)) return good({ masked: s });
      return mobileSchema.safeParse(s).success ? good(s) : bad('手机号应为 11 位数字，以 13-19 开头');
    }
    case 'phone': {
      const s = phoneDigits(v, false);
      const mobile = phoneDigits(v, true);
      if (mobileSchema.safeParse(mobile).success) return good(mobile);
      return phoneAnySchema.safeParse(s).success ? good(s) : bad('电话号码格式不正确');
    }
    case 'credit': {
      const r = creditCodeSchema.safeParse(halfWidth(text).replace(/\s+/g, ''));
      return r.success ? good(r.data) : bad('统一社会信用代码应为 18 位数字或大写字母');
    }
    case 'int':
    case 'number': {
      const n = typeof v === 'number' ? v : Number(halfWidth(text).replace(/[\s,]/g, ''));
      if (!Number.isFinite(n)) return bad('应为数字');
      if (col.type === 'int' && !Number.isInteger(n)) return bad('应为整数');
      return good(n);
    }
    case 'bool': {
      if (typeof v === 'boolean') return good(v);
      const k = halfWidth(text).replace(/\s+/g, '').toLowerCase();
      if (['是', 'y', 'yes', 'true', '1', '有', '√'].includes(k)) return good(true);
      if (['否', 'n', 'no', 'false', '0', '无', '×'].includes(k)) return good(false);
      return bad('应为“是”或“否”');
    }
  }
}

// ───────────────────────── sheets ─────────────────────────

/** A header as compared: spaces, full-width forms, a required mark (*) and a bracketed hint dropped. */
export const headerKey = (s: string): string =>
  halfWidth(cellText(s))
    .replace(/[\s*＊]/g, '')
    .replace(/[(（][^)）]*必填[^)）]*[)）]/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .toLowerCase();

/** One data row read: its Excel row number and its values by column key (blank cells absent). */
export interface ImportRow {
  row: number;
  values: Record<string, unknown>;
}
export interface ParsedSheet {
  sheet: ImportSheet;
  name: string;
  rows: ImportRow[];
  issues: ImportIssue[];
}

/**
 * One sheet of cell values (rows of cells, index 0 = Excel row 1) read as `sheet`: the header row is the
 * first of the top 20 rows naming every required column (a title row, merged header cells above it are
 * passed over); unknown columns are ignored; blank rows are skipped. Every cell that cannot be read, and
 * every required cell left blank, is an issue at its row and column; a row with any issue is not returned.
 */
export function parseSheet(sheet: ImportSheet, cells: readonly (readonly CellValue[])[]): ParsedSheet {
  const name = importSheetNames[sheet];
  const cols = importColumns[sheet];
  const required = cols.filter((c) => c.required);
  const issues: ImportIssue[] = [];
  let headerAt = -1;
  let where = new Map<string, number>();
  for (let r = 0; r < Math.min(cells.length, 20) && headerAt < 0; r++) {
    const keys = (cells[r] ?? []).map((c) => headerKey(cellText(c)));
    const found = new Map<string, number>();
    for (const col of cols) {
      const at = keys.indexOf(headerKey(col.header));
      if (at >= 0) found.set(col.key, at);
    }
    if (required.every((c) => found.has(c.key))) {
      headerAt = r;
      where = found;
    }
  }
  if (headerAt < 0) {
    issues.push({ sheet: name, row: 0, column: '', message: `找不到表头（应包含：${required.map((c) => c.header).join('、')}）` });
    return { sheet, name, rows: [], issues };
  }
  const rows: ImportRow[] = [];
  for (let r = headerAt + 1; r < cells.length; r++) {
    const line = cells[r] ?? [];
    if (line.every((c) => cellText(c) === '')) continue;
    // the template's example row (its id cell says so)
    const idAt = where.get('id');
    if (idAt !== undefined && cellText(line[idAt]) === exampleMark) continue;
    const values: Record<string, unknown> = {};
    let rowOk = true;
    for (const col of cols) {
      const at = where.get(col.key);
      const res = parseCell(col, at === undefined ? undefined : line[at]);
      if (!res.ok) {
        issues.push({ sheet: name, row: r + 1, column: col.header, message: res.message });
        rowOk = false;
      } else if (res.value === undefined) {
        if (col.required) {
          issues.push({ sheet: name, row: r + 1, column: col.header, message: '必填' });
          rowOk = false;
        }
      } else values[col.key] = res.value;
    }
    if (rowOk) rows.push({ row: r + 1, values });
  }
  return { sheet, name, rows, issues };
}

/** Map a save's field path (e.g. `society.contact.phone`, `experts.0.from`) to the column it came from. */
export function columnOfPath(sheet: ImportSheet, path: string): string {
  const last = path.split('.').slice(1).join('.');
  const byPath: Record<string, string> = {
    name: 'name',
    level: 'level',
    kind: 'kind',
    castUnitId: 'castUnit',
    creditCode: 'creditCode',
    'contact.name': 'contactName',
    'contact.phone': 'contactPhone',
    address: 'address',
    'location.lat': 'lat',
    'location.lng': 'lng',
    'location.radiusM': 'radiusM',
    location: 'lat',
    hasFundedExpertWorkstation: 'funded',
    programmeId: 'programme',
    societyId: 'society',
    hostUnitId: 'hostUnit',
    industryField: 'industryField',
    plaqueDate: 'plaqueDate',
    termYears: 'termYears',
    status: 'status',
    goLiveDate: 'goLiveDate',
    mobile: 'mobile',
    title: 'title',
    id: 'id',
  };
  const key = sheet === 'team' ? (/\.(from|to)$/.exec(path)?.[1] ?? 'person') : (byPath[last] ?? 'name');
  return importColumns[sheet].find((c) => c.key === key)?.header ?? '';
}

// ───────────────────────── the uploaded file ─────────────────────────

/** The storage folder the app uploads a workbook to: the uploader's own (a workbook is read only by the one who uploaded it). */
export const importFolderOf = (personId: string): string => `imports/${personId}`;

/** May `personId` import the file `fileId`? Only a file in their own import folder. */
export function importFileAllowed(fileId: string, personId: string): boolean {
  const path = storagePathOf(fileId);
  if (!path || path.split('/').some((p) => p === '..' || p === '.' || p === '')) return false;
  return path.startsWith(`${importFolderOf(personId)}/`);
}

/** The order sheets are applied in (a station names its society and host unit; a team its station and persons). */
export const applyOrder: readonly ImportSheet[] = ['society', 'hostUnit', 'person', 'station', 'team'];
