import type { FileUrl } from '../../shared/api/files';
import { AppError } from '../../shared/errors';
import {
  bytesMatchType,
  claimablePath,
  type FileKind,
  type FileViewFacts,
  fileUrlTtlMs,
  fileUseRefusal,
  fileViewRefusal,
  sanitiseFileName,
  uploadFolderOf,
} from '../../shared/rules/files';
import { photoHasLocation, stripJpegMetadata } from '../../shared/rules/photo-location';
import type { FileRef } from '../../shared/schemas/common';
import type { FileRecord } from '../../shared/schemas/files';
import type { Uses } from './router';

/**
 * Files are tied to their uploader and the unit they were uploaded for, by storage path and by a
 * record (collection `files`). The decisions are shared/rules/files.ts; this reads bytes and records.
 */

const locationMessage = '照片含有拍摄位置信息，请在小程序中重新选择照片上传（上传前会去除位置信息）';
const invalid = (path: string, message: string) => new AppError('INPUT.INVALID', undefined, { issues: [{ path, message }] });
/** the storage limit of one file (fileRefSchema, fileRecordSchema) */
const maxFileBytes = 50 * 1024 * 1024;
const refOf = (r: FileRecord): FileRef => ({ fileId: r.fileId, name: r.name, size: r.size, mime: r.mime });

/** A file name as stored, or INPUT.INVALID at `path`. */
export function cleanFileName(name: string, path = 'name'): string {
  const clean = sanitiseFileName(name);
  if (!clean) throw invalid(path, '文件名无效，请修改后重新上传');
  return clean;
}

interface Target {
  kind: FileKind;
  /** the application (attachments) or station (evidence) the file is for: its storage folder */
  targetId: string;
  /** the unit owning it: the applicant unit (attachments), the station (evidence) */
  unitId: string;
}

/**
 * Store uploaded bytes and their record: the declared type must match the bytes' signature, the
 * size is the stored bytes', the name is sanitised (already checked by the caller, see cleanFileName).
 */
export async function storeUpload(
  ctx: Uses<'store' | 'files' | 'clock' | 'caller'>,
  t: Target & { name: string; mime: string; bytes: Uint8Array; bytesPath: string },
): Promise<FileRef> {
  if (!bytesMatchType(t.mime, t.bytes)) throw invalid(t.bytesPath, '文件内容与所选文件类型不符');
  const personId = ctx.caller.personId;
  if (!personId) throw new AppError('AUTH.FORBIDDEN');
  const name = cleanFileName(t.name);
  // No photo is stored with where it was taken (issue 11, finding 8): a JPEG loses its EXIF/XMP
  // segments here; an evidence photo of another type still carrying a position is refused.
  const bytes = t.mime === 'image/jpeg' ? stripJpegMetadata(t.bytes) : t.bytes;
  if (t.kind === 'evidence' && photoHasLocation(t.mime, bytes)) throw invalid(t.bytesPath, locationMessage);
  const ref = await ctx.files.put({
    name,
    mime: t.mime,
    bytes,
    ownerOpenid: ctx.caller.openid,
    folder: uploadFolderOf(t.kind, t.targetId),
  });
  const rec = await ctx.store.files.register({
    fileId: ref.fileId,
    kind: t.kind,
    ownerPersonId: personId,
    ownerOpenid: ctx.caller.openid,
    unitId: t.unitId,
    mime: t.mime,
    size: bytes.byteLength,
    name,
    createdAt: ctx.clock.now(),
  });
  return refOf(rec);
}

/**
 * The stored facts of a file a request names, when the caller may use it for this target: its record
 * must be of this kind and owned by the caller or the target's unit. A file the app put straight into
 * cloud storage (no record yet) is claimed now — only for the target its path names — with the type
 * checked against its bytes and the size read from storage. Refused with INPUT.INVALID at `path`.
 */
export async function usableFile(
  ctx: Uses<'store' | 'files' | 'clock' | 'caller'>,
  ref: FileRef,
  t: Target & { mimeTypes?: readonly string[]; exact?: boolean },
  path: string,
): Promise<FileRef> {
  const personId = ctx.caller.personId;
  if (!personId) throw new AppError('AUTH.FORBIDDEN');
  let rec = await ctx.store.files.get(ref.fileId);
  if (!rec && claimablePath(ref.fileId, t.kind, t.targetId)) {
    const bytes = await ctx.files.read(ref.fileId);
    if (bytes && bytes.byteLength > maxFileBytes) throw invalid(path, '文件超过 50 MB，请压缩后重新上传');
    if (bytes && bytes.byteLength > 0) {
      if (!bytesMatchType(ref.mime, bytes)) throw invalid(path, '文件内容与所选文件类型不符');
      // an evidence photo put straight into storage by the app must not carry where it was taken
      if (t.kind === 'evidence' && photoHasLocation(ref.mime, bytes)) throw invalid(path, locationMessage);
      rec = await ctx.store.files.register({
        fileId: ref.fileId,
        kind: t.kind,
        ownerPersonId: personId,
        ownerOpenid: ctx.caller.openid,
        unitId: t.unitId,
        mime: ref.mime,
        size: bytes.byteLength,
        name: cleanFileName(ref.name, path),
        createdAt: ctx.clock.now(),
      });
    }
  }
  const refusal = fileUseRefusal(rec, { kind: t.kind, personId, unitId: t.unitId, mimeTypes: t.mimeTypes });
  if (refusal || !rec) throw invalid(path, refusal ?? '文件不存在或未上传成功，请重新上传');
  // The declared type is the stored one; where the request's own copy is stored (evidence), all of it is.
  const same = t.exact ? rec.name === ref.name && rec.size === ref.size && rec.mime === ref.mime : rec.mime === ref.mime;
  if (!same) throw invalid(path, '文件信息与已上传的文件不符，请重新上传');
  return refOf(rec);
}

/**
 * A short-lived URL to a stored file the caller may see (issue 15, finding 8): `facts` says how the
 * caller stands to what the record names (read by the function that owns it), shared/rules/files.ts
 * decides. Refused — a missing record, the other kind, anyone not allowed — with AUTH.FORBIDDEN and the
 * same message, so an answer never tells a missing file from a forbidden one. The type the bytes are
 * sent as is the stored (sniffed) one.
 */
export async function viewFileUrl(ctx: Uses<'files'>, rec: FileRecord | null, kind: FileKind, facts: FileViewFacts): Promise<FileUrl> {
  return signedFileUrl(ctx, rec, fileViewRefusal(rec, kind, facts));
}

/** The short-lived URL of a stored file once a rule of shared/rules/files.ts allowed it (`refusal` null), else AUTH.FORBIDDEN with it. */
export async function signedFileUrl(ctx: Uses<'files'>, rec: FileRecord | null, refusal: string | null): Promise<FileUrl> {
  if (refusal || !rec) throw new AppError('AUTH.FORBIDDEN', refusal ?? undefined);
  const url = await ctx.files.tempUrl({ fileId: rec.fileId, name: rec.name, mime: rec.mime, ttlMs: fileUrlTtlMs });
  if (!url) throw new AppError('NOT_FOUND', '文件已不在存储中，请联系上传人重新上传');
  return url;
}
