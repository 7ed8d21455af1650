import {
  AlignmentType,
  Document,
  HeightRule,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import type { FormDefinition, FormField, FormStep } from '../../../shared/forms';

/**
 * The filled 申报书 as a Word document, laid out from the form definition the way the seed prints
 * it: a cover (the form title, the cover cells, the issuing body), then each section as a table of
 * caption | value cells (short cells two to a row, long text across the row, a group caption row
 * where the seed groups cells such as 联系人 or 建站学会基本情况), choices printed as the seed's
 * check boxes (☑ chosen, ☐ not), and the opinion blocks with room to write, the seal line
 * （盖章） and the date line 年 月 日 for printing and stamping. Generic over every form definition.
 */
export interface FormDocInput {
  form: FormDefinition;
  values: Readonly<Record<string, unknown>>;
  /** e.g. 益阳市科学技术协会制 */
  issuerLine: string;
  /** e.g. 2023年9月, under the issuer line; '' to omit */
  issuedOn: string;
  /** listed after the form: the uploaded materials */
  attachments: { label: string; name: string; size: number; mime: string }[];
  /** printed small on the cover: application number, round, status */
  footnote: string;
}

const FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' };
const HEADING_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体' };
const FULL = 9000; // table width in twentieths of a point (A4 with ordinary margins)
const COLS = [1800, 2700, 1800, 2700];

const run = (text: string, opts: { bold?: boolean; size?: number; font?: typeof FONT } = {}) =>
  new TextRun({ text, bold: opts.bold ?? false, size: opts.size ?? 24, font: opts.font ?? FONT });

/** Multi-line text as paragraphs (Word needs one paragraph per line). */
function paragraphs(
  text: string,
  opts: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; bold?: boolean; size?: number } = {},
): Paragraph[] {
  const lines = text === '' ? [''] : text.split(/\r?\n/);
  return lines.map(
    (line) =>
      new Paragraph({
        alignment: opts.align ?? AlignmentType.LEFT,
        children: [
          run(line, { ...(opts.bold !== undefined ? { bold: opts.bold } : {}), ...(opts.size !== undefined ? { size: opts.size } : {}) }),
        ],
      }),
  );
}

function chinaDateText(v: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : v;
}

/** What a cell shows for a value (a mirror shows the value of the field it repeats). */
export function printedValue(field: FormField, values: Readonly<Record<string, unknown>>, byKey: ReadonlyMap<string, FormField>): string {
  const key = field.mirrorOf ?? field.key;
  const source = byKey.get(key) ?? field;
  const v = values[key];
  if (source.type === 'select' || source.type === 'multiselect') {
    const chosen = new Set(Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? [v] : []);
    return (source.options ?? []).map((o) => `${chosen.has(o.value) ? '☑' : '☐'}${o.label}`).join('  ');
  }
  if (v === undefined || v === null || v === '') return '';
  if (source.type === 'date' && typeof v === 'string') return chinaDateText(v);
  if (source.type === 'yuan' && typeof v === 'number') return `${v.toLocaleString('zh-CN')} 元`;
  if (source.type === 'percent' && typeof v === 'number') return `${v}%`;
  return String(v);
}

const cell = (children: Paragraph[], opts: { span?: number; width?: number; shade?: boolean } = {}) =>
  new TableCell({
    children,
    columnSpan: opts.span ?? 1,
    verticalAlign: VerticalAlignTable.CENTER,
    width: { size: opts.width ?? COLS[0]!, type: WidthType.DXA },
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
    ...(opts.shade ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'EDEDED' } } : {}),
  });

const captionCell = (text: string) => cell(paragraphs(text, { align: AlignmentType.CENTER }), { width: COLS[0]! });

const isWide = (f: FormField) => f.type === 'textarea' || f.type === 'select' || f.type === 'multiselect';

/** The rows of one section: group caption rows, then caption|value pairs, long text across. */
function sectionRows(step: FormStep, values: Readonly<Record<string, unknown>>, byKey: ReadonlyMap<string, FormField>): TableRow[] {
  const rows: TableRow[] = [];
  let pending: FormField | null = null;
  let group: string | undefined;
  const flush = () => {
    if (!pending) return;
    rows.push(
      new TableRow({
        children: [
          captionCell(pending.label),
          cell(paragraphs(printedValue(pending, values, byKey)), { span: 3, width: COLS[1]! + COLS[2]! + COLS[3]! }),
        ],
      }),
    );
    pending = null;
  };
  for (const field of step.fields) {
    if (field.type === 'opinion') {
      flush();
      rows.push(opinionRow(field.label));
      continue;
    }
    if (field.group !== group) {
      flush();
      group = field.group;
      // A group the section is named after needs no caption row of its own.
      if (group && group !== step.title) {
        rows.push(new TableRow({ children: [cell(paragraphs(group, { bold: true }), { span: 4, width: FULL, shade: true })] }));
      }
    }
    const value = printedValue(field, values, byKey);
    if (isWide(field)) {
      flush();
      const help = field.help && field.type === 'textarea' ? `（${field.help}）\n` : '';
      rows.push(
        new TableRow({
          height: field.type === 'textarea' ? { value: 1400, rule: HeightRule.ATLEAST } : { value: 400, rule: HeightRule.ATLEAST },
          children: [captionCell(field.label), cell(paragraphs(`${help}${value}`), { span: 3, width: COLS[1]! + COLS[2]! + COLS[3]! })],
        }),
      );
      continue;
    }
    if (!pending) {
      pending = field;
      continue;
    }
    const first: FormField = pending;
    rows.push(
      new TableRow({
        children: [
          captionCell(first.label),
          cell(paragraphs(printedValue(first, values, byKey)), { width: COLS[1]! }),
          captionCell(field.label),
          cell(paragraphs(value), { width: COLS[3]! }),
        ],
      }),
    );
    pending = null;
  }
  flush();
  return rows;
}

/** 意见 block: room to write, then （盖章） and 年 月 日 at the right, as the seed prints them. */
function opinionRow(label: string): TableRow {
  const right = (text: string) => new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: 600 }, children: [run(text)] });
  return new TableRow({
    height: { value: 2200, rule: HeightRule.ATLEAST },
    children: [
      captionCell(label),
      cell([new Paragraph({ children: [run('')] }), new Paragraph({ children: [run('')] }), right('（盖章）'), right('年    月    日')], {
        span: 3,
        width: COLS[1]! + COLS[2]! + COLS[3]!,
      }),
    ],
  });
}

function table(rows: TableRow[]): Table {
  return new Table({ rows, width: { size: FULL, type: WidthType.DXA }, columnWidths: COLS });
}

const blank = (n: number) => Array.from({ length: n }, () => new Paragraph({ children: [run('')] }));

export async function buildFormDocx(input: FormDocInput): Promise<Uint8Array> {
  const { form, values } = input;
  const byKey = new Map(form.steps.flatMap((s) => s.fields).map((f) => [f.key, f] as const));
  const coverStep = form.steps.find((s) => s.id === 'cover');
  const cover: Paragraph[] = [
    ...blank(4),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run(form.title, { bold: true, size: 44, font: HEADING_FONT })] }),
    ...blank(4),
    ...(coverStep?.fields ?? []).map(
      (f) =>
        new Paragraph({
          indent: { left: 1200 },
          spacing: { after: 240 },
          children: [run(`${f.label}：`, { size: 30 }), run(printedValue(f, values, byKey), { size: 30 })],
        }),
    ),
    ...blank(8),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run(input.issuerLine, { size: 30 })] }),
    ...(input.issuedOn ? [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(input.issuedOn, { size: 30 })] })] : []),
    ...blank(2),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run(input.footnote, { size: 18 })] }),
  ];

  const body: (Paragraph | Table)[] = [];
  for (const step of form.steps) {
    if (step === coverStep) continue;
    body.push(
      new Paragraph({ spacing: { before: 240, after: 120 }, children: [run(step.title, { bold: true, size: 28, font: HEADING_FONT })] }),
    );
    body.push(table(sectionRows(step, values, byKey)));
  }
  if (input.attachments.length > 0) {
    body.push(
      new Paragraph({
        spacing: { before: 240, after: 120 },
        children: [run('附件材料清单', { bold: true, size: 28, font: HEADING_FONT })],
      }),
    );
    body.push(
      table([
        new TableRow({
          children: ['材料', '文件名', '大小', '类型'].map((h, i) =>
            cell(paragraphs(h, { bold: true, align: AlignmentType.CENTER }), { width: COLS[i]!, shade: true }),
          ),
        }),
        ...input.attachments.map(
          (a) =>
            new TableRow({
              children: [a.label, a.name, formatSize(a.size), a.mime].map((t, i) => cell(paragraphs(t), { width: COLS[i]! })),
            }),
        ),
      ]),
    );
  }

  const doc = new Document({
    creator: '学会服务站小程序',
    title: form.title,
    styles: { default: { document: { run: { font: FONT, size: 24 } } } },
    // two sections: the cover on its own page, the form from the next page on
    sections: [{ children: cover }, { children: body }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
