import type { AwardsApi } from '../../../shared/api/awards';
import type { ParsedInputOf } from '../../../shared/api/define';
import type { FileUrl } from '../../../shared/api/files';
import { AppError } from '../../../shared/errors';
import { postAwardFileViewRefusal, targetOfPath } from '../../../shared/rules/files';
import { awardIdOf, type SubjectRef } from '../../../shared/schemas/awards';
import type { FileRef } from '../../../shared/schemas/common';
import type { FileRecord } from '../../../shared/schemas/files';
import { signedFileUrl } from '../../_kernel/files';
import type { Uses } from '../../_kernel/router';
import { loadSubject, type MoneySubject, requireReader } from './money-access';

type In<K extends keyof AwardsApi> = ParsedInputOf<AwardsApi[K]>;

/**
 * The award or station a stored file may belong to, from its record alone: an award's files are filed in its
 * application's folder (kind attachment), a station's under the station (kind evidence, unit the station).
 */
function subjectOf(rec: FileRecord): SubjectRef | null {
  if (rec.kind === 'evidence') return { type: 'station', id: rec.unitId };
  const applicationId = targetOfPath(rec.fileId, 'attachment');
  return applicationId ? { type: 'award', id: awardIdOf(applicationId) } : null;
}

const has = (refs: readonly FileRef[] | undefined, fileId: string) => (refs ?? []).some((f) => f.fileId === fileId);

/** Do the subject's post-award records list the file? Check materials, receipt proofs, ledger vouchers and receipts, change-request attachments. */
async function lists(ctx: Uses<'store'>, s: MoneySubject, fileId: string): Promise<boolean> {
  if (s.award) {
    if (has(s.award.receiptProofs, fileId)) return true;
    const checks = await ctx.store.ledger.checksOfAward(s.award.id);
    if (checks.some((c) => Object.values(c.materials).some((refs) => has(refs, fileId)))) return true;
  }
  if (s.station?.changeRequests?.some((r) => has(r.attachments, fileId))) return true;
  return (await ctx.store.ledger.ofSubject(s.ref)).some((e) => has(e.vouchers, fileId));
}

/** Does the caller read the subject (the awarded unit's side, or staff overseeing it — the finance bureau included)? */
async function reads(ctx: Uses<'store' | 'caller'>, s: MoneySubject): Promise<boolean> {
  try {
    await requireReader(ctx, s);
    return true;
  } catch (e) {
    if (e instanceof AppError && e.code === 'AUTH.FORBIDDEN') return false;
    throw e;
  }
}

/**
 * A short-lived URL to a post-award file (helper FILES14): its uploader, or whoever reads the award or
 * station whose records list it. Anyone else — and a file nothing lists — gets AUTH.FORBIDDEN with the
 * one message (shared/rules/files.ts), so a missing file is not told apart from a forbidden one.
 */
export async function fileUrl(ctx: Uses<'store' | 'files' | 'caller'>, input: In<'fileUrl'>): Promise<FileUrl> {
  const rec = await ctx.store.files.get(input.fileId);
  const me = ctx.caller.personId;
  const subjects: { reads: boolean }[] = [];
  const ref = rec && me && rec.ownerPersonId !== me ? subjectOf(rec) : null;
  if (rec && ref) {
    const s = await loadSubject(ctx, ref).catch((e: unknown) => {
      if (e instanceof AppError && e.code === 'NOT_FOUND') return null;
      throw e;
    });
    if (s && (await lists(ctx, s, rec.fileId))) subjects.push({ reads: await reads(ctx, s) });
  }
  return signedFileUrl(ctx, rec, postAwardFileViewRefusal(rec, { personId: me, subjects }));
}
