import type { ParsedInputOf } from '../../../shared/api/define';
import type { StationsApi } from '../../../shared/api/stations';
import { AppError } from '../../../shared/errors';
import { bytesMatchType, evidenceTypes } from '../../../shared/rules/files';
import type { FileRef } from '../../../shared/schemas/common';
import { requireSafeText } from '../../_kernel/content';
import { cleanFileName, storeUpload } from '../../_kernel/files';
import type { Uses } from '../../_kernel/router';
import { isExpertOf } from '../../_kernel/scope';
import { idempotent, isSecretaryOf, loadStation } from './station-access';

/**
 * h5 (local host) only: a small photo sent as base64 (≤ 90 KB encoded, so the request stays under the
 * 100 KB callFunction limit) and stored through the Files port. In WeChat the app uploads with
 * Taro.cloud.uploadFile and passes the fileID instead.
 */
export async function uploadEvidence(
  ctx: Uses<'store' | 'clock' | 'files' | 'contentCheck' | 'log' | 'caller' | 'fn' | 'action'>,
  input: ParsedInputOf<StationsApi['uploadEvidence']>,
): Promise<FileRef> {
  return idempotent(ctx, input.requestId, async () => {
    const { station } = await loadStation(ctx, input.stationId);
    if (!isExpertOf(ctx.caller, station) && !isSecretaryOf(ctx, station)) throw new AppError('STATION.NOT_MEMBER');
    const bytes = new Uint8Array(Buffer.from(input.dataBase64, 'base64'));
    if (!evidenceTypes.includes(input.mime) || !bytesMatchType(input.mime, bytes))
      throw new AppError('INPUT.INVALID', undefined, { issues: [{ path: 'dataBase64', message: '文件内容不是所选类型的图片' }] });
    // the photo's name is shown with the entry
    const name = cleanFileName(input.name);
    await requireSafeText(ctx, { name });
    // stored with its record: uploader, this station, sniffed type, stored size, sanitised name
    const ref = await storeUpload(ctx, {
      kind: 'evidence',
      targetId: station.id,
      unitId: station.id,
      name,
      mime: input.mime,
      bytes,
      bytesPath: 'dataBase64',
    });
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
