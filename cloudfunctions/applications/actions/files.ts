import type { ApplicationsApi } from '../../../shared/api/applications';
import type { ParsedInputOf } from '../../../shared/api/define';
import type { FileUrl } from '../../../shared/api/files';
import { type AttachmentReader, targetOfPath } from '../../../shared/rules/files';
import { viewFileUrl } from '../../_kernel/files';
import type { Uses } from '../../_kernel/router';
import type { ApplicationDoc } from '../../_kernel/store/applications';
import { applicantBinding, kindOf, overseeingBindings, programmeOf } from './application-access';

type In<K extends keyof ApplicationsApi> = ParsedInputOf<ApplicationsApi[K]>;

/**
 * The applications that list a stored material: those of the unit its record names (a material may be
 * reused by another application of the same society or host unit) and the one its storage folder names.
 */
async function listing(ctx: Uses<'store'>, fileId: string, unitId: string): Promise<ApplicationDoc[]> {
  const byId = new Map<string, ApplicationDoc>();
  for (const app of await ctx.store.applications.ofApplicant({ societyId: unitId, hostUnitId: unitId })) byId.set(app.id, app);
  const folder = targetOfPath(fileId, 'attachment');
  if (folder && !byId.has(folder)) {
    const app = await ctx.store.applications.get(folder);
    if (app) byId.set(app.id, app);
  }
  return [...byId.values()].filter((a) => a.attachments.some((x) => x.file.fileId === fileId));
}

/** How the caller stands to one application (the readers of `get`: applicant, overseeing staff, assigned reviewer). */
async function readerOf(ctx: Uses<'store' | 'caller'>, app: ApplicationDoc, assigned: ReadonlySet<string>): Promise<AttachmentReader> {
  const kind = kindOf(programmeOf(app.programmeId), app.kindId);
  const draft = app.status === 'draft';
  return {
    draft,
    asApplicant: (await applicantBinding(ctx, kind, app.applicant)) !== null,
    overseen: !draft && (await overseeingBindings(ctx, app)).length > 0,
    assigned: assigned.has(app.id),
  };
}

/** A short-lived URL to one of an application's materials (issue 15, finding 8). */
export async function fileUrl(ctx: Uses<'store' | 'files' | 'caller'>, input: In<'fileUrl'>): Promise<FileUrl> {
  const rec = await ctx.store.files.get(input.fileId);
  const me = ctx.caller.personId;
  const mine = rec !== null && me !== null && rec.ownerPersonId === me;
  const apps = rec?.kind === 'attachment' && !mine ? await listing(ctx, rec.fileId, rec.unitId) : [];
  const assigned = new Set<string>();
  if (apps.length && me && ctx.caller.bindings.some((b) => b.role === 'reviewer')) {
    for (const a of await ctx.store.applications.assignmentsOf(me)) assigned.add(a.applicationId);
  }
  const applications = await Promise.all(apps.map((a) => readerOf(ctx, a, assigned)));
  return viewFileUrl(ctx, rec, 'attachment', { personId: me, applications, station: null });
}
