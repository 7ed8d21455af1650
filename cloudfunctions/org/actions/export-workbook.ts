import ExcelJS from 'exceljs';
import type { ParsedInputOf } from '../../../shared/api/define';
import type { OrgApi, WorkbookFile } from '../../../shared/api/org';
import { chinaDateOf } from '../../../shared/calendar';
import { AppError } from '../../../shared/errors';
import { maskMobile, orgReaderRoles, overseenUnitsOf, teamOf } from '../../../shared/rules/org';
import {
  type Column,
  exampleMark,
  type ImportSheet,
  importColumns,
  importSheetNames,
  importSheets,
  instructionsSheetName,
  stationProgrammes,
} from '../../../shared/rules/org-import';
import type { TeamMember } from '../../../shared/schemas/org';
import { deliverExport } from '../../_kernel/export/deliver';
import type { Uses } from '../../_kernel/router';
import { loadOrg, personReach } from './org-data';

/**
 * The organisation workbook (issue 13, item 3): the template (org.exportTemplate) and the whole
 * organisation the caller oversees in the same format (org.exportOrg), so export → import changes
 * nothing. Columns and labels are shared/rules/org-import.ts, the one definition the import reads
 * with. Delivered like every export: stored, a temporary URL, a small copy inline (_kernel/export/deliver.ts).
 */

export const xlsxMime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
type Cell = string | number | boolean | null;
export type SheetRows = Record<ImportSheet, Record<string, Cell>[]>;

const label = (col: Column, value: unknown): Cell => {
  if (value === undefined || value === null) return null;
  if (col.type === 'enum') return col.options?.find((o) => o.value === value)?.label ?? String(value);
  if (col.type === 'bool') return value ? '是' : '否';
  return typeof value === 'number' || typeof value === 'string' ? value : String(value);
};

const examples: SheetRows = {
  society: [
    {
      id: exampleMark,
      name: '益阳市某某学会',
      level: 'city',
      castUnit: '',
      creditCode: '',
      contactName: '张三',
      contactPhone: '13800000000',
    },
  ],
  hostUnit: [
    {
      id: exampleMark,
      name: '某某公司科协',
      kind: 'enterprise_cast',
      castUnit: '',
      address: '益阳市某某路 1 号',
      lat: 28.55,
      lng: 112.35,
      radiusM: 500,
      funded: false,
    },
  ],
  station: [
    {
      id: exampleMark,
      name: '益阳市某某学会某某服务站',
      programme: stationProgrammes[0]?.value ?? null,
      level: 'city',
      society: '益阳市某某学会',
      hostUnit: '某某公司科协',
      industryField: '现代农业',
      plaqueDate: '2024-06-01',
      termYears: 2,
      status: 'active',
    },
  ],
  person: [{ id: exampleMark, name: '李四', mobile: '13900000000', title: '研究员', society: '益阳市某某学会' }],
  team: [],
};

const instructions = [
  '填写说明',
  '1. 每张表一类记录：学会、建站单位、服务站、人员、服务站团队成员。表头不要改名；可以在表头上方加标题行。',
  '2. 「编号」列由系统导出时填写，请勿修改；新增的行留空。带编号的行修改该记录（改名也不会重复建档）。',
  '3. 没有编号的行按以下方式识别已有记录：学会、建站单位按统一社会信用代码，否则按同一科协内的名称（忽略空格和全角/半角）；人员按手机号；服务站按同一科协内的名称。',
  '4. 标有下拉箭头的列请从下拉列表中选择；日期可写成 2019-03-05、2019/3/5 或 2019年3月5日。',
  '5. 「所属科协」留空为您所在的科协；服务站的学会、建站单位填名称（本表或系统中已有的）。',
  '6. 人员手机号导出时隐去中间四位，原样保留表示不修改；留空的单元格也表示不修改。',
  '7. 服务站团队成员：每行一位专家，写明服务站名称和专家姓名（同名时填手机号）；某服务站列出的专家即该站的团队，未列出的专家视为离开。',
  '8. 导入时先预览：列出将新增、修改、不变的行和每个错误（所在表、行、列）；改正后再确认导入。同一文件重复导入不会产生任何修改。',
  '9. 标为「示例」的行不会导入，可以删除。',
];

/** exceljs keeps range validations (`sqref` ranges) on the worksheet; its typings do not name them. */
interface RangeValidations {
  add(range: string, validation: ExcelJS.DataValidation): void;
}

const colLetter = (n: number) => {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};

/** The workbook: one sheet per entity with its header, dropdowns for enumerations and the id column marked, plus 说明. */
export async function buildOrgWorkbook(rows: SheetRows): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '学会服务站小程序';
  const guide = wb.addWorksheet(instructionsSheetName);
  for (const line of instructions) guide.addRow([line]);
  guide.getRow(1).font = { bold: true, size: 14 };
  guide.getColumn(1).width = 110;
  for (const sheet of importSheets) {
    const cols = importColumns[sheet];
    const ws = wb.addWorksheet(importSheetNames[sheet], { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = cols.map((c) => ({ header: c.required ? `${c.header}*` : c.header, key: c.key, width: c.type === 'id' ? 14 : 18 }));
    const head = ws.getRow(1);
    cols.forEach((c, i) => {
      if (c.note) head.getCell(i + 1).note = c.note;
    });
    const last = rows[sheet].length + 1 + 1000;
    // a list validation over each enumeration's column (one range, not one per cell)
    const validations: RangeValidations = Reflect.get(ws, 'dataValidations');
    cols.forEach((c, i) => {
      const col = ws.getColumn(i + 1);
      if (c.type === 'id') {
        // grey and locked (the sheet is protected without a password: every other column stays editable)
        col.style = { font: { color: { argb: 'FF808080' } }, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } } };
        return;
      }
      const text = c.type === 'text' || c.type === 'mobile' || c.type === 'phone' || c.type === 'credit';
      col.style = { protection: { locked: false }, ...(text ? { numFmt: '@' } : {}) };
      if (c.type === 'enum' || c.type === 'bool')
        validations.add(`${colLetter(i + 1)}2:${colLetter(i + 1)}${last}`, {
          type: 'list',
          allowBlank: !c.required,
          formulae: [`"${(c.type === 'bool' ? ['是', '否'] : (c.options ?? []).map((o) => o.label)).join(',')}"`],
          showErrorMessage: true,
          errorTitle: '请从下拉列表中选择',
          error: `${c.header}应为下拉列表中的一项`,
        });
    });
    for (const r of rows[sheet]) ws.addRow(Object.fromEntries(cols.map((c) => [c.key, label(c, r[c.key])])));
    // the header keeps its own look (a column style would otherwise cover it)
    cols.forEach((c, i) => {
      const cell = head.getCell(i + 1);
      cell.font = { bold: true };
      cell.protection = { locked: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.type === 'id' ? 'FFBFBFBF' : 'FFEDEDED' } };
    });
    ws.autoFilter = `A1:${colLetter(cols.length)}1`;
    await ws.protect('', {
      selectLockedCells: true,
      selectUnlockedCells: true,
      formatColumns: true,
      insertRows: true,
      deleteRows: true,
      sort: true,
      autoFilter: true,
    });
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const workbookName = (what: string, now: number) => `${what}-${chinaDateOf(now).replace(/-/g, '')}.xlsx`;

/** The template is the same for everyone (it holds no data): built once per function instance. */
let templateBytes: Promise<Uint8Array> | null = null;

/** org.exportTemplate: the empty workbook with an example row per sheet. */
export async function exportTemplate(
  ctx: Uses<'files' | 'caller' | 'clock'>,
  _input: ParsedInputOf<OrgApi['exportTemplate']>,
): Promise<WorkbookFile> {
  templateBytes ??= buildOrgWorkbook(examples);
  const bytes = await templateBytes;
  return deliverExport(ctx, { name: workbookName('组织导入模板', ctx.clock.now()), mime: xlsxMime, bytes, folder: 'exports/org' });
}

/** One period per person per station: the open one, else the latest (setTeam takes one period per person). */
export function exportedPeriods(team: readonly TeamMember[]): TeamMember[] {
  const out = new Map<string, TeamMember>();
  for (const m of team) {
    const cur = out.get(m.personId);
    if (!cur || (cur.to !== null && (m.to === null || m.from > cur.from))) out.set(m.personId, m);
  }
  return [...out.values()];
}

/** The organisation the caller oversees as workbook rows (active records only; mobiles masked). */
export async function orgRows(ctx: Uses<'store' | 'caller'>, castUnitId?: string): Promise<SheetRows> {
  const [org, persons, bindings] = await Promise.all([loadOrg(ctx.store), ctx.store.org.persons(), ctx.store.identity.allBindings()]);
  const mine = overseenUnitsOf(ctx.caller.bindings, org.graph, orgReaderRoles);
  if (castUnitId && !mine.has(castUnitId)) throw new AppError('AUTH.FORBIDDEN', '该单位不在您的管辖范围内');
  const wanted = (u: string | null | undefined) => !!u && (castUnitId ? u === castUnitId : mine.has(u));
  const active = (x: { deactivatedAt?: number | null | undefined }) => x.deactivatedAt === undefined || x.deactivatedAt === null;
  const unitName = (id: string | null | undefined) => org.castUnits.find((u) => u.id === id)?.name ?? null;
  const societyName = (id: string | null) => org.societies.find((x) => x.id === id)?.name ?? null;
  const hostName = (id: string | null) => org.hostUnits.find((x) => x.id === id)?.name ?? null;
  const liveBindings = bindings.filter((b) => b.revokedAt === null);
  const people = persons.filter((p) => active(p) && personReach(p, org, liveBindings).all.some(wanted));
  const stations = org.stations.filter((s) => active(s) && wanted(s.castUnitId));
  const byId = new Map(persons.map((p) => [p.id, p]));
  return {
    society: org.societies
      .filter((s) => active(s) && wanted(s.castUnitId))
      .map((s) => ({
        id: s.id,
        name: s.name,
        level: s.level,
        castUnit: unitName(s.castUnitId),
        creditCode: s.creditCode ?? null,
        contactName: s.contact?.name || null,
        contactPhone: s.contact?.phone ?? null,
      })),
    hostUnit: org.hostUnits
      .filter((h) => active(h) && wanted(h.castUnitId))
      .map((h) => ({
        id: h.id,
        name: h.name,
        kind: h.kind,
        castUnit: unitName(h.castUnitId),
        address: h.address || null,
        lat: h.location?.lat ?? null,
        lng: h.location?.lng ?? null,
        radiusM: h.location?.radiusM ?? null,
        funded: h.hasFundedExpertWorkstation,
        creditCode: h.creditCode ?? null,
        contactName: h.contact?.name || null,
        contactPhone: h.contact?.phone ?? null,
      })),
    station: stations.map((s) => ({
      id: s.id,
      name: s.name,
      programme: s.programmeId,
      level: s.level,
      society: societyName(s.societyId),
      hostUnit: hostName(s.hostUnitId),
      castUnit: unitName(s.castUnitId),
      industryField: s.industryField,
      plaqueDate: s.plaqueDate,
      termYears: s.termYears,
      status: s.status,
      goLiveDate: s.goLiveDate ?? null,
    })),
    person: people.map((p) => ({
      id: p.id,
      name: p.name,
      mobile: maskMobile(p.mobile),
      title: p.title || null,
      society: societyName(p.societyId),
      hostUnit: hostName(p.hostUnitId),
      castUnit: p.castUnitId ? unitName(p.castUnitId) : null,
    })),
    team: stations.flatMap((s) =>
      exportedPeriods(teamOf(s)).map((m) => ({
        station: s.name,
        person: byId.get(m.personId)?.name ?? null,
        mobile: maskMobile(byId.get(m.personId)?.mobile),
        from: m.from,
        to: m.to,
      })),
    ),
  };
}

/** org.exportOrg: the whole organisation the caller oversees, in the import's format. */
export async function exportOrg(
  ctx: Uses<'store' | 'files' | 'caller' | 'clock'>,
  input: ParsedInputOf<OrgApi['exportOrg']>,
): Promise<WorkbookFile> {
  const bytes = await buildOrgWorkbook(await orgRows(ctx, input.castUnitId));
  return deliverExport(ctx, { name: workbookName('组织名录', ctx.clock.now()), mime: xlsxMime, bytes, folder: 'exports/org' });
}
