import ExcelJS from 'exceljs';
import { type FormDefinition, inputFields } from '../../../shared/forms';
import { printedValue } from './docx';

/**
 * A round's applications and scores as an Excel workbook:
 *   汇总      one row per application: unit, kind, status, stage, submission time, reviewers, average
 *             total and the average of each rubric item;
 *   评分明细  one row per score sheet;
 *   申报内容… one sheet per form: every field the applicant filled in, one column each.
 */
export interface RoundXlsxInput {
  title: string;
  programmeTitle: string;
  rubric: { id: string; label: string; maxPoints: number }[];
  applications: {
    id: string;
    kindLabel: string;
    applicantName: string;
    title: string;
    statusLabel: string;
    stageLabel: string;
    submittedAt: string;
    form: FormDefinition;
    values: Readonly<Record<string, unknown>>;
    sheets: { reviewerName: string; items: Record<string, number>; total: number }[];
  }[];
}

/** Excel forbids []:*?/\ in sheet names and caps them at 31 characters. */
const sheetName = (s: string, taken: Set<string>) => {
  let base = s.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
  for (let i = 2; taken.has(base); i++) base = `${s.slice(0, 27)}(${i})`;
  taken.add(base);
  return base;
};

const mean = (xs: number[]) => (xs.length === 0 ? null : Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100);

function header(ws: ExcelJS.Worksheet, row: number) {
  const r = ws.getRow(row);
  r.font = { bold: true };
  r.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } };
  r.alignment = { vertical: 'middle', wrapText: true };
}

export async function buildRoundXlsx(input: RoundXlsxInput): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '学会服务站小程序';
  const taken = new Set<string>();

  const summary = wb.addWorksheet(sheetName('汇总', taken));
  summary.addRow([`${input.programmeTitle}　${input.title}　申报与评分汇总`]);
  summary.getRow(1).font = { bold: true, size: 14 };
  const cols = [
    '序号',
    '申报编号',
    '申报类别',
    '申报单位',
    '名称',
    '状态',
    '当前环节',
    '提交时间',
    '评分人数',
    '平均总分',
    ...input.rubric.map((i) => `${i.label}（满分${i.maxPoints}）`),
  ];
  summary.addRow(cols);
  header(summary, 2);
  input.applications.forEach((a, i) => {
    const perItem = input.rubric.map((it) => mean(a.sheets.map((s) => s.items[it.id]).filter((x): x is number => typeof x === 'number')));
    summary.addRow([
      i + 1,
      a.id,
      a.kindLabel,
      a.applicantName,
      a.title,
      a.statusLabel,
      a.stageLabel,
      a.submittedAt,
      a.sheets.length,
      mean(a.sheets.map((s) => s.total)),
      ...perItem,
    ]);
  });
  summary.columns.forEach((c, i) => {
    c.width = i === 0 ? 6 : i === 3 || i === 4 ? 28 : 16;
  });

  const detail = wb.addWorksheet(sheetName('评分明细', taken));
  detail.addRow(['申报编号', '申报单位', '评审专家', ...input.rubric.map((i) => i.label), '总分']);
  header(detail, 1);
  for (const a of input.applications) {
    for (const s of a.sheets)
      detail.addRow([a.id, a.applicantName, s.reviewerName, ...input.rubric.map((i) => s.items[i.id] ?? null), s.total]);
  }
  detail.columns.forEach((c) => {
    c.width = 18;
  });

  const byForm = new Map<string, { form: FormDefinition; apps: RoundXlsxInput['applications'] }>();
  for (const a of input.applications) {
    const entry = byForm.get(a.form.id) ?? { form: a.form, apps: [] };
    entry.apps.push(a);
    byForm.set(a.form.id, entry);
  }
  for (const { form, apps } of byForm.values()) {
    const ws = wb.addWorksheet(sheetName(`申报内容-${form.title.replace(/申报书$/, '')}`, taken));
    const fields = inputFields(form).map((p) => p.field);
    const byKey = new Map(fields.map((f) => [f.key, f] as const));
    ws.addRow(['申报编号', '申报单位', ...fields.map((f) => f.name ?? f.label)]);
    header(ws, 1);
    for (const a of apps) {
      ws.addRow([
        a.id,
        a.applicantName,
        ...fields.map((f) => {
          const v = a.values[f.key];
          if (f.type === 'select' || f.type === 'multiselect') {
            const chosen = new Set(Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);
            return (f.options ?? [])
              .filter((o) => chosen.has(o.value))
              .map((o) => o.label)
              .join('、');
          }
          if (typeof v === 'number') return v;
          return printedValue(f, a.values, byKey);
        }),
      ]);
    }
    ws.columns.forEach((c) => {
      c.width = 20;
    });
  }
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
