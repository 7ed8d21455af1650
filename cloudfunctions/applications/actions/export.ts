import type { ApplicationsApi, ExportResult } from '../../../shared/api/applications';
import type { ParsedInputOf } from '../../../shared/api/define';
import { chinaDateOf } from '../../../shared/calendar';
import { AppError } from '../../../shared/errors';
import { roleOverseesProgramme } from '../../../shared/rules/oversight';
import { applicationStatusLabels, stateLabel } from '../../../shared/rules/workflow';
import { deliverExport } from '../../_kernel/export/deliver';
import { buildFormDocx } from '../../_kernel/export/docx';
import { buildRoundXlsx } from '../../_kernel/export/xlsx';
import type { Uses } from '../../_kernel/router';
import type { ScoreDoc } from '../../_kernel/store/applications';
import { formOf, kindOf, loadApp, overseeingBindings, programmeOf } from './application-access';
import { applicantName, nameCache, readerRoles } from './view';

type In<K extends keyof ApplicationsApi> = ParsedInputOf<ApplicationsApi[K]>;

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Stored, then handed over as a temporary URL from this function, with a small inline copy (_kernel/export/deliver.ts). */
const store = (ctx: Uses<'files' | 'caller'>, name: string, mime: string, bytes: Uint8Array): Promise<ExportResult> =>
  deliverExport(ctx, { name, mime, bytes });

const safeName = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '').slice(0, 60) || '申报书';

/** The filled 申报书 as .docx (shared by the applicant, the staff overseeing it and its reviewers). */
export async function exportForm(ctx: Uses<'store' | 'clock' | 'files' | 'caller'>, input: In<'exportForm'>): Promise<ExportResult> {
  const app = await loadApp(ctx, input.applicationId);
  await readerRoles(ctx, app);
  const programme = programmeOf(app.programmeId);
  const form = formOf(kindOf(programme, app.kindId));
  const round = await ctx.store.applications.round(app.roundId);
  const materials = new Map(programme.materials.map((m) => [m.id, m.label]));
  const issuer = programme.issuer[programme.issuer.length - 1] ?? programme.city;
  const bytes = await buildFormDocx({
    form,
    values: app.values,
    issuerLine: `${issuer}制`,
    issuedOn: programme.year ? `${programme.year}年` : '',
    attachments: app.attachments.map((a) => ({
      label: materials.get(a.materialId) ?? a.materialId,
      name: a.file.name,
      size: a.file.size,
      mime: a.file.mime,
    })),
    footnote: `申报编号 ${app.id}　${round?.title ?? ''}　${applicationStatusLabels[app.status]}　导出于 ${chinaDateOf(ctx.clock.now())}`,
  });
  return store(ctx, `${safeName(app.title || form.title)}-申报书.docx`, DOCX, bytes);
}

/** A round's applications and scores as .xlsx, for the staff overseeing them (a county sees its own). */
export async function exportRound(ctx: Uses<'store' | 'files' | 'caller'>, input: In<'exportRound'>): Promise<ExportResult> {
  const round = await ctx.store.applications.round(input.roundId);
  if (!round) throw new AppError('NOT_FOUND', '找不到该申报批次');
  const programme = programmeOf(round.programmeId);
  // staff in a role this programme gives oversight to (the talent office only where it has a stage)
  if (!ctx.caller.bindings.some((b) => roleOverseesProgramme(b.role, programme))) throw new AppError('AUTH.FORBIDDEN');
  const name = nameCache(ctx);
  const rows: Parameters<typeof buildRoundXlsx>[0]['applications'] = [];
  for (const app of await ctx.store.applications.ofRound(round.id)) {
    if (app.status === 'draft') continue;
    if ((await overseeingBindings(ctx, app)).length === 0) continue;
    const kind = kindOf(programme, app.kindId);
    const sheets = (await ctx.store.applications.reviewsOf(app.id)).filter((r): r is ScoreDoc => r.type === 'score');
    rows.push({
      id: app.id,
      kindLabel: kind.label,
      applicantName: (await applicantName(ctx, app)).display,
      title: app.title,
      statusLabel: applicationStatusLabels[app.status],
      stageLabel: stateLabel(programme, app.kindId, { status: app.status, stageId: app.stageId }),
      submittedAt: app.submittedAt ? chinaDateOf(app.submittedAt) : '',
      form: formOf(kind),
      values: app.values,
      sheets: await Promise.all(
        sheets.map(async (s) => ({
          reviewerName: await name(s.reviewerId),
          items: Object.fromEntries(s.items.map((i) => [i.itemId, i.points])),
          total: s.total,
        })),
      ),
    });
  }
  const bytes = await buildRoundXlsx({
    title: round.title,
    programmeTitle: programme.title,
    rubric: programme.rubric.items,
    applications: rows,
  });
  return store(ctx, `${safeName(round.title)}-申报汇总.xlsx`, XLSX, bytes);
}
