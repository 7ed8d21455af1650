import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { ExportResult } from '../../../shared/api/applications';
import type { AwardsApi, AwardView } from '../../../shared/api/awards';
import type { ParsedInputOf } from '../../../shared/api/define';
import { chinaDateOf } from '../../../shared/calendar/china-time';
import { fenText } from '../../../shared/programmes/post-award';
import type { Programme } from '../../../shared/programmes/schema';
import { deliverExport } from '../../_kernel/export/deliver';
import type { Uses } from '../../_kernel/router';
import { openAward, refuse, viewOf } from './award';

/**
 * The task agreement as .docx for printing and stamping: title, unit, programme and clause, each
 * section as the programme lists it, the budget in force (else the one being worked on) by category
 * with totals in 元 to the 分, and the signature / stamp blocks of both parties.
 */

type In<K extends keyof AwardsApi> = ParsedInputOf<AwardsApi[K]>;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' };
const HEADING = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体' };
const FULL = 9000;

const run = (text: string, o: { bold?: boolean; size?: number; font?: typeof FONT } = {}) =>
  new TextRun({ text, bold: o.bold ?? false, size: o.size ?? 24, font: o.font ?? FONT });
const para = (
  text: string,
  o: { bold?: boolean; size?: number; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; font?: typeof FONT } = {},
) =>
  (text === '' ? [''] : text.split(/\r?\n/)).map(
    (line) => new Paragraph({ alignment: o.align ?? AlignmentType.LEFT, children: [run(line, o)] }),
  );
const cell = (text: string, width: number, o: { bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) =>
  new TableCell({
    width: { size: width, type: WidthType.DXA },
    children: para(text, { bold: o.bold ?? false, size: 21, align: o.align ?? AlignmentType.LEFT }),
  });
const table = (rows: string[][], widths: number[], header = true) =>
  new Table({
    width: { size: FULL, type: WidthType.DXA },
    columnWidths: widths,
    rows: rows.map(
      (r, i) =>
        new TableRow({
          children: r.map((t, j) =>
            cell(t, widths[j]!, {
              bold: header && i === 0,
              align: j === r.length - 1 && /元$/.test(t) ? AlignmentType.RIGHT : AlignmentType.LEFT,
            }),
          ),
        }),
    ),
  });
const dateText = (d: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : d;
};

export async function buildAgreementDocx(v: AwardView, programme: Programme, today: string): Promise<Uint8Array> {
  const rule = v.agreementRule!;
  const body: (Paragraph | Table)[] = [];
  body.push(...para(`${v.title || v.applicantName}`, { bold: true, size: 36, align: AlignmentType.CENTER, font: HEADING }));
  body.push(...para(rule.label, { bold: true, size: 44, align: AlignmentType.CENTER, font: HEADING }));
  body.push(...para(''));
  body.push(
    table(
      [
        ['项目名称', v.title],
        ['承担单位', v.applicantName],
        ['所属项目', `${v.programmeTitle}（${v.kindLabel}）`],
        ['依据条款', rule.clause],
        ['立项日期', dateText(v.awardedOn)],
        ['执行期限', `${dateText(v.awardedOn)} 至 ${dateText(v.cycleEnd)}`],
        ['核定金额', v.amountFen === null ? '尚未核定' : fenText(v.amountFen)],
        ['任务书状态', v.agreement?.statusLabel ?? '未填写'],
      ],
      [2200, 6800],
      false,
    ),
  );
  rule.sections.forEach((s, i) => {
    body.push(...para(''));
    body.push(...para(`${i + 1}. ${s.label}`, { bold: true, size: 28, font: HEADING }));
    const a = v.agreement?.answers[s.id];
    if (s.type === 'text') body.push(...para(a?.type === 'text' && a.text ? a.text : '（未填写）'));
    else if (s.type === 'yearlyTargets') {
      const targets = a?.type === 'yearlyTargets' ? a.targets : [];
      body.push(
        table(
          [
            ['年度', '目标'],
            ...Array.from({ length: v.cycleYears }, (_, k) => [`第 ${k + 1} 年`, targets.find((t) => t.year === k + 1)?.target ?? '']),
          ],
          [1800, 7200],
        ),
      );
    } else {
      const ms = a?.type === 'schedule' ? a.milestones : [];
      body.push(table([['日期', '进度安排'], ...ms.map((m) => [dateText(m.date), m.milestone])], [2400, 6600]));
    }
  });
  const budget = v.inForce >= 0 ? v.budgets[v.inForce] : v.pending >= 0 ? v.budgets[v.pending] : null;
  body.push(...para(''));
  body.push(
    ...para(`${rule.sections.length + 1}. 经费预算${budget ? `（第 ${budget.version} 版，${budget.statusLabel}）` : ''}`, {
      bold: true,
      size: 28,
      font: HEADING,
    }),
  );
  if (budget) {
    const byCat = new Map<string, { label: string; fen: number }>();
    for (const l of budget.lines) {
      const c = byCat.get(l.categoryId) ?? { label: l.categoryLabel, fen: 0 };
      c.fen += l.amountFen;
      byCat.set(l.categoryId, c);
    }
    body.push(
      table(
        [
          ['开支类别', '用途', '金额'],
          ...budget.lines.map((l) => [
            l.categoryLabel,
            l.purpose + (l.justification ? `（理由：${l.justification}）` : ''),
            fenText(l.amountFen),
          ]),
        ],
        [2600, 4200, 2200],
      ),
    );
    body.push(...para('按类别合计：', { bold: true, size: 21 }));
    body.push(
      table(
        [['开支类别', '合计'], ...[...byCat.values()].map((c) => [c.label, fenText(c.fen)]), ['总计', fenText(budget.totalFen)]],
        [6800, 2200],
      ),
    );
  } else body.push(...para('（尚未编制）'));
  body.push(...para(''));
  body.push(
    table(
      [
        [
          `承担单位（盖章）\n\n负责人签字：\n\n          年    月    日`,
          `${programme.issuer[programme.issuer.length - 1] ?? programme.city}（盖章）\n\n经办人签字：\n\n          年    月    日`,
        ],
      ],
      [4500, 4500],
      false,
    ),
  );
  body.push(...para(''));
  body.push(...para(`项目编号 ${v.id}　导出于 ${today}`, { size: 18 }));
  const doc = new Document({ sections: [{ children: body }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

const safeName = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '').slice(0, 60) || '任务书';

export async function exportAgreement(
  ctx: Uses<'store' | 'caller' | 'clock' | 'files'>,
  input: In<'exportAgreement'>,
): Promise<ExportResult> {
  const { doc, programme, access } = await openAward(ctx, input);
  if (!programme.postAward?.agreement) throw refuse('AWARD.STEP_NOT_ALLOWED', '本项目不需要填写任务书');
  const view = await viewOf(ctx, doc, programme, access);
  const bytes = await buildAgreementDocx(view, programme, chinaDateOf(ctx.clock.now()));
  return deliverExport(ctx, { name: `${safeName(doc.title)}-${programme.postAward.agreement.label}.docx`, mime: DOCX, bytes });
}
