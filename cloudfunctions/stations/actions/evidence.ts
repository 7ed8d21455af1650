import type { ParsedInputOf } from '../../../shared/api/define';
import type { StationsApi } from '../../../shared/api/stations';
import { AppError } from '../../../shared/errors';
import type { FileRef } from '../../../shared/schemas/common';
import type { Uses } from '../../_kernel/router';
import { isExpertOf } from '../../_kernel/scope';
import { idempotent, isSecretaryOf, loadStation } from './station-access';

/** The first bytes of each accepted image type: the name and the declared type must match the content. */
const signatures: Record<string, (b: Uint8Array) => boolean> = {
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47,
  'image/webp': (b) => String.fromCharCode(...b.subarray(0, 4)) === 'RIFF' && String.fromCharCode(...b.subarray(8, 12)) === 'WEBP',
};

/**
 * h5 (local host) only: a small photo sent as base64 (≤ 90 KB encoded, so the request stays under the
 * 100 KB callFunction limit) and stored through the Files port. In WeChat the app uploads with
 * Taro.cloud.uploadFile and passes the fileID instead.
 */
export async function uploadEvidence(
  ctx: Uses<'store' | 'clock' | 'files' | 'caller' | 'fn' | 'action'>,
  input: ParsedInputOf<StationsApi['uploadEvidence']>,
): Promise<FileRef> {
  return idempotent(ctx, input.requestId, async () => {
    const { station } = await loadStation(ctx, input.stationId);
    if (!isExpertOf(ctx.caller, station) && !isSecretaryOf(ctx, station)) throw new AppError('STATION.NOT_MEMBER');
    const bytes = new Uint8Array(Buffer.from(input.dataBase64, 'base64'));
    if (!signatures[input.mime]?.(bytes))
      throw new AppError('INPUT.INVALID', undefined, { issues: [{ path: 'dataBase64', message: '文件内容不是所选类型的图片' }] });
    const ref = await ctx.files.put({ name: input.name, mime: input.mime, bytes, ownerOpenid: ctx.caller.openid });
    return async (tx) => {
      await ctx.store.audit.write(tx, {
        at: ctx.clock.now(),
        actorId: ctx.caller.personId ?? 'unknown',
        action: 'evidence.upload',
        entity: 'evidence',
        entityId: station.id,
        before: null,
        after: ref,
        reason: '',
      });
      return ref;
    };
  });
}
