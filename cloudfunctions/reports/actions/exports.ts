import ExcelJS from 'exceljs';
import type { ParsedInputOf } from '../../../shared/api/define';
import type { ExportFile, ReportsApi } from '../../../shared/api/reports';
import { gradeOverrideNote, riskLabels } from '../../../shared/api/reports';
import { clauseKeys, clauseLabels } from '../../../shared/rules/assessment/settings';
import { deliverExport } from '../../_kernel/export/deliver';
import type { Uses } from '../../_kernel/router';
import { listAssessments } from './assessment';
import { allRows, matches, sortRows } from './dashboard';
import { stationDetail } from './detail';
import { staffScope, todayOf } from './staff-scope';

/**
 * .xlsx exports (exceljs). The workbook is stored through the Files port and handed over as a temporary
 * URL signed by the function, with a small inline copy (_kernel/export/deliver.ts says why: the 1 MB
 * answer limit, and storage rules that keep a user from downloading a function's upload by fileID).
 */
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Cell = string | number | null;

function sheet(wb: ExcelJS.Workbook, name: string, header: string[], rows: Cell[][], opts: { title?: string; widths?: number[] } = {}) {
  const ws = wb.addWorksheet(name);
  if (opts.title) {
    ws.addRow([opts.title]).font = { bold: true, size: 14 };
    ws.mergeCells(1, 1, 1, Math.max(1, header.length));
  }
  const h = ws.addRow(header);
  h.font = { bold: true };
  h.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE0E7FF' } };
    c.border = { bottom: { style: 'thin' } };
  });
  for (const r of rows) ws.addRow(r.map((v) => (v === null ? '' : v)));
  header.forEach((t, i) => {
    ws.getColumn(i + 1).width = opts.widths?.[i] ?? Math.min(40, Math.max(8, t.length * 2 + 2));
  });
  ws.views = [{ state: 'frozen', ySplit: opts.title ? 2 : 1 }];
  return ws;
}

async function store(ctx: Uses<'clock' | 'files' | 'caller'>, wb: ExcelJS.Workbook, name: string, rows: number): Promise<ExportFile> {
  wb.creator = '学会服务站管理';
  wb.created = new Date(ctx.clock.now());
  const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  return { ...(await deliverExport(ctx, { name, mime: XLSX_MIME, bytes })), rows };
}

const yuan = (n: number | null, caseByCase: boolean) => (caseByCase ? '一事一议' : n === null ? '' : n);

export async function exportDashboard(
  ctx: Uses<'store' | 'clock' | 'files' | 'caller'>,
  input: ParsedInputOf<ReportsApi['exportDashboard']>,
): Promise<ExportFile> {
  const today = todayOf(ctx);
  const scope = await staffScope(ctx);
  const rows = sortRows(
    (await allRows(ctx, scope, today)).filter((r) => matches(r, input.filters)),
    input.sort,
  );
  const wb = new ExcelJS.Workbook();
  const header = [
    '服务站',
    '级别',
    '所属科协',
    '建站学会',
    '产业领域',
    '状态',
    '考核年度',
    '本季度',
    '本季度剩余工作日',
    '当前得分',
    '当前等次',
    '预计得分',
    '预计等次',
    '风险',
    '本季度天数不足专家（人）',
    '本季度不足天数合计',
    '预计资助（元）',
    ...clauseKeys.map((k) => `${clauseLabels[k].slice(0, 7)}得分`),
    '风险说明',
  ];
  const data = rows.map((r) => [
    r.name,
    r.levelLabel,
    r.castUnitName,
    r.societyName,
    r.industryField,
    r.statusLabel,
    r.yearIndex >= 1 ? `第${r.yearIndex}年（${r.year?.start}至${r.year?.end}）` : '未开始',
    r.quarter ? `Q${r.quarter.quarter}（至${r.quarter.end}）` : '',
    r.quarter?.workingDaysLeft ?? null,
    r.score,
    r.grade,
    r.projectedScore,
    r.projectedGrade,
    riskLabels[r.risk],
    r.quarterShort.experts,
    r.quarterShort.days,
    yuan(r.funding.amountYuan, r.funding.caseByCase),
    ...clauseKeys.map((k) => {
      const c = r.clauses.find((x) => x.clause === k);
      return c ? `${c.earned}/${c.weight}` : '';
    }),
    r.riskReasons.join('；'),
  ]);
  sheet(wb, '服务站看板', header, data, {
    title: `学会服务站考核看板（截至 ${today}，共 ${rows.length} 个）`,
    widths: [30, 8, 14, 22, 12, 8, 30, 18, 10, 10, 10, 10, 10, 8, 12, 12, 14, 12, 12, 12, 12, 12, 60],
  });
  return store(ctx, wb, `服务站看板_${today}.xlsx`, rows.length);
}

export async function exportStation(
  ctx: Uses<'store' | 'clock' | 'files' | 'caller'>,
  input: ParsedInputOf<ReportsApi['exportStation']>,
): Promise<ExportFile> {
  const d = await stationDetail(ctx, input);
  const wb = new ExcelJS.Workbook();
  const s = d.station;
  sheet(
    wb,
    '概况',
    ['项目', '内容'],
    [
      ['服务站', s.name],
      ['级别', s.levelLabel],
      ['建站学会', s.societyName],
      ['建站单位', s.hostUnitName],
      ['所属科协', s.castUnitName],
      ['产业领域', s.industryField],
      ['授牌日期', s.plaqueDate],
      ['协议期满', s.termEnd],
      ['状态', s.statusLabel],
      ['考核年度', `第${d.yearIndex}年（${d.year.start} 至 ${d.year.end}）`],
      ['当前得分（含待确认）', d.evaluation.score],
      ['当前得分（仅已确认）', d.evaluation.scoreVerified],
      ['当前等次', d.evaluation.grade],
      ['等次说明', d.evaluation.gradeReason],
      ['预计得分', d.projection?.projectedScore ?? ''],
      ['预计等次', d.projection?.projectedGrade ?? ''],
      ['风险', `${riskLabels[d.risk]}${d.riskReasons.length ? `：${d.riskReasons.join('；')}` : ''}`],
      ['资助', d.funding.reason],
      ['协议完成进度', `${d.agreement.percent}%（已确认 ${d.agreement.percentVerified}%，本年度目标 ${d.agreement.target}%）`],
    ],
    { title: `${s.name} 考核明细（截至 ${d.asOf}）`, widths: [22, 80] },
  );
  const quarters = d.experts[0]?.quarters ?? [];
  sheet(
    wb,
    '专家服务天数',
    [
      '专家',
      ...quarters.flatMap((q) => [
        `Q${q.quarter}天数`,
        `Q${q.quarter}已确认`,
        `Q${q.quarter}待确认`,
        `Q${q.quarter}要求`,
        `Q${q.quarter}差`,
      ]),
      '全年天数',
      '全年已确认',
      '全年要求',
      '全年差',
      '本季度还差',
      '本季度剩余工作日',
    ],
    d.experts.map((e) => [
      e.name,
      ...e.quarters.flatMap((q) => [q.days, q.verifiedDays, q.unverifiedDays, q.required, q.shortfall]),
      e.year.days,
      e.year.verifiedDays,
      e.year.required,
      e.year.shortfall,
      e.current?.short ?? null,
      e.current?.workingDaysLeft ?? null,
    ]),
    { title: `第${d.yearIndex}考核年度专家在站工作天数（第十二条（二））` },
  );
  sheet(
    wb,
    '考核条款',
    ['条款', '要求', '实际（含待确认）', '实际（已确认）', '状态', '权重', '得分', '说明'],
    d.evaluation.requirements.map((r) => [
      r.label,
      r.required,
      r.actual,
      r.actualVerified,
      { met: '已达到', inProgress: '进行中', failed: '未达到' }[r.status],
      r.weight,
      r.earned,
      r.note,
    ]),
    { widths: [60, 8, 14, 14, 8, 8, 8, 40] },
  );
  sheet(
    wb,
    '工作记录',
    ['类别', '日期', '内容', '说明', '状态', '是否计入', '登记人', '佐证材料'],
    d.activities.flatMap((a) =>
      a.items.map((i) => [
        a.label,
        i.date,
        i.title,
        i.detail,
        i.statusLabel,
        i.counts ? '是' : '否',
        i.authorName,
        i.evidence.map((f) => f.name).join('、'),
      ]),
    ),
    { widths: [14, 12, 30, 50, 8, 8, 10, 30] },
  );
  sheet(
    wb,
    '季度服务天数',
    ['季度', '起', '止', '天数（含待确认）', '已确认', '团队要求'],
    d.chart.map((c) => [c.label, c.start, c.end, c.all, c.verified, c.required]),
  );
  return store(ctx, wb, `${s.name}_第${d.yearIndex}年_${d.asOf}.xlsx`, d.experts.length);
}

/** The year's assessment results as the talent office's summary table (汇总表). */
export async function exportAssessments(
  ctx: Uses<'store' | 'clock' | 'files' | 'caller'>,
  input: ParsedInputOf<ReportsApi['exportAssessments']>,
): Promise<ExportFile> {
  // every assessment of the year, page by page (two fixed pages stopped at 1,000 stations — issue 12)
  const list = await listAssessments(ctx, { yearIndex: input.yearIndex, limit: 500, skip: 0 });
  const items = [...list.items];
  while (items.length < list.total) {
    const page = await listAssessments(ctx, { yearIndex: input.yearIndex, limit: 500, skip: items.length });
    if (page.items.length === 0) break;
    items.push(...page.items);
  }
  const wb = new ExcelJS.Workbook();
  const header = [
    '序号',
    '服务站名称',
    '级别',
    '建站学会',
    '建站单位',
    '所属县市区科协',
    '产业领域',
    '考核年度',
    '考核得分',
    '考核等次',
    '是否期满考核',
    '调整说明',
    '应拨资助经费（元）',
    '整改期限',
    '处理意见',
    '状态',
  ];
  const rows: Cell[][] = items.map((a, i) => [
    i + 1,
    a.stationName,
    a.levelLabel,
    a.societyName,
    a.hostUnitName,
    a.castUnitName,
    a.industryField,
    `第${a.yearIndex}年（${a.year.start}至${a.year.end}）`,
    a.score,
    a.grade,
    a.termEnd ? '是' : '否',
    a.adjusted
      ? `原计算 ${a.computed.score} 分/${a.computed.grade}；${a.adjusted.reason}${a.adjusted.override ? `；${gradeOverrideNote(a.adjusted.grade, a.adjusted.override)}` : ''}`
      : '',
    yuan(a.funding.amountYuan, a.funding.caseByCase),
    a.rectificationDeadline ?? '',
    a.consequences.join('；'),
    a.stateLabel,
  ]);
  rows.push([
    '合计',
    `${items.length} 个服务站`,
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    list.fundingTotalYuan,
    '',
    list.caseByCase ? `另有 ${list.caseByCase} 个一事一议` : '',
    '',
  ]);
  sheet(wb, '考核结果', header, rows, {
    title: `学会服务站第${input.yearIndex}考核年度绩效考核结果汇总表`,
    widths: [6, 30, 8, 22, 26, 14, 12, 30, 10, 10, 10, 40, 16, 12, 50, 8],
  });
  return store(ctx, wb, `服务站第${input.yearIndex}年度考核结果.xlsx`, items.length);
}
