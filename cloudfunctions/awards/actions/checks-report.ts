import { AlignmentType, Document, HeightRule, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { ExportResult } from '../../../shared/api/applications';
import type { AwardsApi } from '../../../shared/api/awards';
import type { ParsedInputOf } from '../../../shared/api/define';
import { chinaDateOf } from '../../../shared/calendar/china-time';
import { postAwardRoleLabels } from '../../../shared/programmes/post-award';
import { checkCounts, checkStatusLabels } from '../../../shared/rules/post-award/checks';
import { deliverExport } from '../../_kernel/export/deliver';
import { formatSize } from '../../_kernel/export/docx';
import type { Uses } from '../../_kernel/router';
import { loadCheck, requireCheckSide, todayOf } from './checks-access';

/**
 * The acceptance report (验收报告) of one check as .docx, for printing and stamping (issue 14 item 6):
 * the project, the check and its clause, the materials submitted, each opinion, the outcome with its
 * reasons and the publicity, then the signature blocks — the awarded unit, each opinion giver, the
 * decider — each with （盖章） and 年 月 日. Read by whoever reads the check.
 */

const FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' };
const HEADING = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体' };
const FULL = 9000;
const LEFT = 2200;
const RIGHT = FULL - LEFT;

const run = (text: string, opts: { bold?: boolean; size?: number; font?: typeof FONT } = {}) =>
  new TextRun({ text, bold: opts.bold ?? false, size: opts.size ?? 24, font: opts.font ?? FONT });
const para = (text: string, opts: { bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) =>
  (text === '' ? [''] : text.split(/\r?\n/)).map(
    (line) => new Paragraph({ alignment: opts.align ?? AlignmentType.LEFT, children: [run(line, { bold: opts.bold ?? false })] }),
  );
const cell = (children: Paragraph[], width: number, span = 1) =>
  new TableCell({ children, width: { size: width, type: WidthType.DXA }, columnSpan: span });
const row = (caption: string, value: string) =>
  new TableRow({ children: [cell(para(caption, { bold: true }), LEFT), cell(para(value), RIGHT)] });
const heading = (text: string) =>
  new Paragraph({ spacing: { before: 240, after: 120 }, children: [run(text, { bold: true, size: 28, font: HEADING })] });
const table = (rows: TableRow[]) => new Table({ rows, width: { size: FULL, type: WidthType.DXA }, columnWidths: [LEFT, RIGHT] });
const dateText = (d: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : d;
};
/** A signature block: room to write, （盖章）, 年 月 日. */
const signature = (label: string) => {
  const right = (t: string) => new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: 600 }, children: [run(t)] });
  return new TableRow({
    height: { value: 1800, rule: HeightRule.ATLEAST },
    children: [
      cell(para(label, { bold: true }), LEFT),
      cell([new Paragraph({ children: [run('')] }), right('（盖章）'), right('年    月    日')], RIGHT),
    ],
  });
};

export async function exportAcceptanceReport(
  ctx: Uses<'store' | 'clock' | 'files' | 'caller'>,
  input: ParsedInputOf<AwardsApi['exportAcceptanceReport']>,
): Promise<ExportResult> {
  const { doc, award, programme, rule } = await loadCheck(ctx, input.checkId);
  await requireCheckSide(ctx, award);
  const today = todayOf(ctx);
  const unit = award.applicant.societyId
    ? await ctx.store.org.society(award.applicant.societyId)
    : award.applicant.hostUnitId
      ? await ctx.store.org.hostUnit(award.applicant.hostUnitId)
      : null;
  const ids = [...doc.opinions.map((o) => o.by), ...(doc.outcome ? [doc.outcome.by] : [])];
  const persons = ids.length ? await ctx.store.reports.personsByIds([...new Set(ids)]) : new Map();
  const nameOf = (id: string) => persons.get(id)?.name ?? '';
  const counts = checkCounts(doc, rule, today);
  const title = `${programme.title}${rule.label}报告`;
  const outcomeText = doc.outcome
    ? `${doc.outcome.passed ? '合格' : '不合格'}（${dateText(doc.outcome.decidedOn)}，${postAwardRoleLabels[rule.decidedBy]}${nameOf(doc.outcome.by) ? ` ${nameOf(doc.outcome.by)}` : ''}）`
    : `尚未作出结论（${checkStatusLabels[doc.status]}）`;
  const publicityText = !rule.publicity
    ? '本检查不需公示'
    : doc.publicity
      ? `公示期 ${dateText(doc.publicity.start)} 至 ${dateText(doc.publicity.end)}；${
          doc.publicity.objectionUpheld ? '公示期间异议成立，检查不合格' : counts === 'passed' ? '公示无异议' : '公示中或尚有异议待处理'
        }`
      : '合格后公示';

  const body: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [run(title, { bold: true, size: 36, font: HEADING })],
    }),
    heading('一、项目基本情况'),
    table([
      row('项目名称', award.title),
      row('承担单位', unit?.name ?? ''),
      row('项目类别', programme.title),
      row('立项日期', dateText(award.awardedOn)),
    ]),
    heading('二、检查事项'),
    table([
      row('检查', `${rule.label}${doc.year > 1 || rule.due.type === 'yearly' ? `（第 ${doc.year} 年）` : ''}`),
      row('依据', rule.clause),
      row('截止日期', dateText(doc.dueDate)),
      row('提交时间', doc.submittedAt ? dateText(chinaDateOf(doc.submittedAt)) : '尚未提交'),
    ]),
    heading('三、提交材料清单'),
    table(
      rule.materials.map((m) => {
        const files = doc.materials[m.id] ?? [];
        return row(
          `${m.label}${m.required ? '' : '（可选）'}`,
          files.length > 0 ? files.map((f) => `${f.name}（${formatSize(f.size)}）`).join('\n') : '未提交',
        );
      }),
    ),
  ];
  if (rule.opinions.length > 0) {
    body.push(heading('四、意见'));
    body.push(
      table(
        rule.opinions.map((o) => {
          const g = doc.opinions.find((x) => x.opinionId === o.id);
          return row(
            o.label,
            g ? `${g.passed ? '同意通过' : '不同意通过'}：${g.text}${nameOf(g.by) ? `（${nameOf(g.by)}）` : ''}` : '尚未出具',
          );
        }),
      ),
    );
  }
  body.push(heading(`${rule.opinions.length > 0 ? '五' : '四'}、结论`));
  body.push(
    table([
      row('结论', outcomeText),
      row('理由', doc.outcome ? doc.outcome.reasons.map((r, i) => `${i + 1}. ${r}`).join('\n') : ''),
      row('公示', publicityText),
      ...doc.objections.map((o, i) =>
        row(
          `异议 ${i + 1}`,
          `${dateText(o.receivedOn)} 收到：${o.text}\n${o.decision ? `${o.decision.upheld ? '异议成立' : '异议不成立'}：${o.decision.reason}` : '待处理'}`,
        ),
      ),
    ]),
  );
  body.push(heading('签章'));
  body.push(
    table([
      signature(`承担单位（${unit?.name ?? ''}）`),
      ...rule.opinions.map((o) => signature(`${o.label}（${postAwardRoleLabels[o.role]}）`)),
      signature(`${postAwardRoleLabels[rule.decidedBy]}（结论）`),
    ]),
  );
  const document = new Document({
    creator: '学会服务站小程序',
    title,
    styles: { default: { document: { run: { font: FONT, size: 24 } } } },
    sections: [{ children: body }],
  });
  const bytes = new Uint8Array(await Packer.toBuffer(document));
  const safe =
    `${award.title}${rule.label}${doc.year > 1 ? `第${doc.year}年` : ''}`.replace(/[\\/:*?"<>|\s]+/g, '').slice(0, 60) || '验收报告';
  return deliverExport(ctx, {
    name: `${safe}.docx`,
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    bytes,
  });
}
