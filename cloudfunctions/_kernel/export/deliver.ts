import type { FileRef } from '../../../shared/schemas/common';
import type { Uses } from '../router';

/**
 * How an exported document reaches the person (issue 12, finding 7). A cloud function's answer is
 * limited to 1 MB (wx-server-sdk / callFunction), and base64 grows bytes by a third, so the old inline
 * copy "up to 2 MB" broke every large export. Now:
 *  - the file is stored by the function (cloud storage / the local folder) and the answer carries a
 *    temporary URL from the FUNCTION (cloud: getTempFileURL, valid EXPORT_URL_TTL_MS). The app downloads
 *    that URL: a file the function uploaded has no owner OPENID, so the storage rule
 *    `resource.openid == auth.openid` would refuse the user's own `cloud.downloadFile` of it;
 *  - a small copy is inlined as well (≤ INLINE_MAX_BYTES = 256 KB → ≤ 342 KB of base64, a third of the
 *    limit, leaving room for the rest of the answer): the browser build saves it with no second request.
 *    Above that, never inline.
 */
export const INLINE_MAX_BYTES = 256 * 1024;
export const EXPORT_URL_TTL_MS = 60 * 60_000;

export interface Delivered {
  file: FileRef;
  /** temporary download URL (null only if storage could not sign one) */
  url: string | null;
  /** when `url` stops working (epoch ms) */
  expiresAt: number | null;
  /** the bytes as base64 when ≤ INLINE_MAX_BYTES; null otherwise */
  base64: string | null;
}

export async function deliverExport(
  ctx: Uses<'files' | 'caller'>,
  input: { name: string; mime: string; bytes: Uint8Array; folder?: string },
): Promise<Delivered> {
  const file = await ctx.files.put({ ...input, ownerOpenid: ctx.caller.openid });
  const temp = await ctx.files.tempUrl({ fileId: file.fileId, name: file.name, mime: file.mime, ttlMs: EXPORT_URL_TTL_MS });
  return {
    file,
    url: temp?.url ?? null,
    expiresAt: temp?.expiresAt ?? null,
    base64: input.bytes.byteLength <= INLINE_MAX_BYTES ? Buffer.from(input.bytes).toString('base64') : null,
  };
}
