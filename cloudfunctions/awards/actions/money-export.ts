import ExcelJS from 'exceljs';
import type { ExportResult } from '../../../shared/api/applications';
import type { AwardsApi } from '../../../shared/api/awards';
import type { ParsedInputOf } from '../../../shared/api/define';
import { yearOf } from '../../../shared/calendar/china-time';
import { AppError } from '../../../shared/errors';
import { getProgramme, type Programme } from '../../../shared/programmes';
import { overseenUnits } from '../../../shared/rules/oversight';
import { categoryLabel, type MoneyFacts, moneyView } from '../../../shared/rules/post-award/money';
import type { LedgerEntry } from '../../../shared/schemas/awards';
import { deliverExport } from '../../_kernel/export/deliver';
import type { Uses } from '../../_kernel/router';
import { staffRoles } from '../../_kernel/scope';
import { todayOf } from './money-access';

/**
 * The city's yearly funding summary (issue 14 item 6): every award and station the caller oversees,
 * by programme, unit and spending category — due / paid / spent / refunded in the year, and what is
 * still to be refunded. Sums are taken in 分 (integers) and shown in 元 with two decimals
 * (number format #,##0.00); each sheet's 合计 row is the sum of its rows.
 *   due in the year: payment lines due or paid whose funding year falls in it (an award: its award year
 *   + yearIndex − 1; a station: the end of the assessed year that pays it)
 *   paid / spent / refunded: ledger entries (not reversed) dated in the year
 */
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MONEY_FORMAT = '#,##0.00';

interface Row {
  programmeId: string;
  programmeTitle: string;
  castUnitName: string;
  unitName: string;
  title: string;
  dueFen: number;
  paidFen: number;
  spentFen: number;
  refundedFen: number;
  outstandingFen: number;
  byCategory: Map<string, number>;
}

const yuan = (fen: number) => fen / 100;

function sheet(
  wb: ExcelJS.Workbook,
  name: string,
  title: string,
  header: string[],
  rows: (string | number)[][],
  moneyFrom: number,
  widths: number[],
) {
  const ws = wb.addWorksheet(name);
  ws.addRow([title]).font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, header.length);
  const h = ws.addRow(header);
  h.font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.getRow(ws.rowCount).font = { bold: true };
  header.forEach((_, i) => {
    ws.getColumn(i + 1).width = widths[i] ?? 14;
    if (i >= moneyFrom) ws.getColumn(i + 1).numFmt = MONEY_FORMAT;
  });
  ws.views = [{ state: 'frozen', ySplit: 2 }];
}

export async function exportFundingSummary(
  ctx: Uses<'store' | 'clock' | 'files' | 'caller'>,
  input: ParsedInputOf<AwardsApi['exportFundingSummary']>,
): Promise<ExportResult> {
  const units = await ctx.store.org.castUnits();
  const graph = { castUnits: new Map(units.map((u) => [u.id, { id: u.id, parentId: u.parentId, kind: u.kind }])) };
  const visible = new Set<string>();
  for (const b of ctx.caller.bindings)
    if ((staffRoles as readonly string[]).includes(b.role)) for (const u of overseenUnits(b, graph)) visible.add(u);
  if (visible.size === 0) throw new AppError('AUTH.FORBIDDEN');
  const ids = [...visible];
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const today = todayOf(ctx);
  const [awards, stations, ledger, checks, consequences, assessments, societies, hostUnits] = await Promise.all([
    ctx.store.ledger.awardsOf(ids),
    ctx.store.org.stations(),
    ctx.store.ledger.ofCastUnits(ids),
    ctx.store.ledger.checksOf(ids),
    ctx.store.ledger.consequencesOfUnits(ids),
    ctx.store.ledger.assessmentsOf(ids),
    ctx.store.org.societies(),
    ctx.store.org.hostUnits(),
  ]);
  const names = new Map<string, string>([...societies, ...hostUnits].map((u) => [u.id, u.name]));
  const bySubject = <T extends { subject: { id: string } }>(xs: readonly T[], id: string) => xs.filter((x) => x.subject.id === id);
  const inYear = (e: LedgerEntry) => e.reversedBy === null && yearOf(e.date) === input.year;
  const rows: Row[] = [];

  const add = (
    facts: MoneyFacts,
    meta: Omit<Row, 'dueFen' | 'paidFen' | 'spentFen' | 'refundedFen' | 'outstandingFen' | 'byCategory'>,
    fundingYear: (yearIndex: number) => number | null,
  ) => {
    const view = moneyView(facts);
    const entries = facts.ledger.filter(inYear);
    const total = (k: LedgerEntry['kind']) => entries.filter((e) => e.kind === k).reduce((s, e) => s + e.amountFen, 0);
    const byCategory = new Map<string, number>();
    for (const e of entries)
      if (e.kind === 'expense') byCategory.set(e.categoryId ?? '', (byCategory.get(e.categoryId ?? '') ?? 0) + e.amountFen);
    rows.push({
      ...meta,
      dueFen: view.due
        .filter((d) => (d.status === 'due' || d.status === 'paid') && fundingYear(d.yearIndex) === input.year)
        .reduce((s, d) => s + (d.amountFen ?? 0), 0),
      paidFen: total('payment'),
      spentFen: total('expense'),
      refundedFen: total('refund'),
      outstandingFen: view.totals.refundOutstandingFen,
      byCategory,
    });
  };

  for (const a of awards) {
    const programme =
      getProgramme(a.programmeId, a.programmeVersion !== undefined ? String(a.programmeVersion) : undefined) ?? getProgramme(a.programmeId);
    if (!programme) continue;
    const ref = { type: 'award' as const, id: a.id };
    add(
      {
        programme,
        subject: ref,
        kindId: a.kindId,
        award: a,
        station: null,
        checks: checks.filter((c) => c.awardId === a.id),
        assessments: [],
        ledger: bySubject(ledger, a.id),
        consequences: bySubject(consequences, a.id),
        today,
      },
      {
        programmeId: programme.id,
        programmeTitle: programme.title,
        castUnitName: unitName.get(a.castUnitId) ?? '',
        unitName: names.get(a.applicant.societyId ?? a.applicant.hostUnitId ?? '') ?? '',
        title: a.title,
      },
      (yearIndex) => yearOf(a.awardedOn) + yearIndex - 1,
    );
  }
  for (const st of stations) {
    if (!visible.has(st.castUnitId)) continue;
    const programme: Programme | undefined = getProgramme(st.programmeId);
    const kind = programme?.kinds.find((k) => k.funding.type === 'byLevel');
    if (!programme || !kind || !programme.postAward?.payments.length) continue;
    const own = assessments.filter((x) => x.stationId === st.id);
    add(
      {
        programme,
        subject: { type: 'station', id: st.id },
        kindId: kind.id,
        award: null,
        station: { id: st.id, level: st.level, termYears: st.termYears },
        checks: [],
        assessments: own,
        ledger: bySubject(ledger, st.id),
        consequences: bySubject(consequences, st.id),
        today,
      },
      {
        programmeId: programme.id,
        programmeTitle: programme.title,
        castUnitName: unitName.get(st.castUnitId) ?? '',
        unitName: names.get(st.hostUnitId) ?? '',
        title: st.name,
      },
      (yearIndex) => {
        const a = own.find((x) => x.yearIndex === yearIndex);
        return a ? yearOf(a.year.end) : null;
      },
    );
  }
  rows.sort(
    (a, b) =>
      a.programmeId.localeCompare(b.programmeId) || a.castUnitName.localeCompare(b.castUnitName) || a.unitName.localeCompare(b.unitName),
  );

  const sum = (xs: readonly Row[], k: 'dueFen' | 'paidFen' | 'spentFen' | 'refundedFen' | 'outstandingFen') =>
    xs.reduce((s, r) => s + r[k], 0);
  const money = (xs: readonly Row[]) => [
    yuan(sum(xs, 'dueFen')),
    yuan(sum(xs, 'paidFen')),
    yuan(sum(xs, 'spentFen')),
    yuan(sum(xs, 'refundedFen')),
    yuan(sum(xs, 'outstandingFen')),
  ];
  const wb = new ExcelJS.Workbook();
  wb.creator = '学会服务站管理';
  wb.created = new Date(ctx.clock.now());
  const moneyHeader = ['应拨付（元）', '已拨付（元）', '已支出（元）', '已退回（元）', '应退未退（元）'];

  const programmes = [...new Map(rows.map((r) => [r.programmeId, r.programmeTitle]))];
  sheet(
    wb,
    '按项目',
    `${input.year} 年度资金汇总（按项目，截至 ${today}）`,
    ['项目', '项目数', ...moneyHeader],
    [
      ...programmes.map(([id, title]) => {
        const xs = rows.filter((r) => r.programmeId === id);
        return [title, xs.length, ...money(xs)];
      }),
      ['合计', rows.length, ...money(rows)],
    ],
    2,
    [40, 8, 16, 16, 16, 16, 16],
  );
  sheet(
    wb,
    '按单位',
    `${input.year} 年度资金汇总（按单位）`,
    ['项目', '所属科协', '单位', '项目（服务站）名称', ...moneyHeader],
    [...rows.map((r) => [r.programmeTitle, r.castUnitName, r.unitName, r.title, ...money([r])]), ['合计', '', '', '', ...money(rows)]],
    4,
    [30, 14, 24, 30, 16, 16, 16, 16, 16],
  );
  const cats: (string | number)[][] = [];
  let catTotal = 0;
  for (const [id, title] of programmes) {
    const totals = new Map<string, number>();
    for (const r of rows.filter((x) => x.programmeId === id)) for (const [c, v] of r.byCategory) totals.set(c, (totals.get(c) ?? 0) + v);
    for (const [c, v] of [...totals].sort((a, b) => b[1] - a[1])) {
      cats.push([title, categoryLabel(c), yuan(v)]);
      catTotal += v;
    }
  }
  sheet(
    wb,
    '按开支类别',
    `${input.year} 年度支出汇总（按开支类别）`,
    ['项目', '开支类别', '已支出（元）'],
    [...cats, ['合计', '', yuan(catTotal)]],
    2,
    [30, 30, 16],
  );

  const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  return deliverExport(ctx, { name: `资金汇总_${input.year}.xlsx`, mime: XLSX_MIME, bytes });
}
