import type { ParsedInputOf } from '../../../shared/api/define';
import type { FileUrl } from '../../../shared/api/files';
import type { StationsApi } from '../../../shared/api/stations';
import { AppError } from '../../../shared/errors';
import type { EvidenceReader } from '../../../shared/rules/files';
import { viewFileUrl } from '../../_kernel/files';
import type { Uses } from '../../_kernel/router';
import { requireOversight } from '../../_kernel/scope';
import { isHostOf } from './station-access';

type In<K extends keyof StationsApi> = ParsedInputOf<StationsApi[K]>;

/** A short-lived URL to an evidence photo (issue 15, finding 8): its author, the station's host contact, overseeing staff. */
export async function fileUrl(ctx: Uses<'store' | 'files' | 'caller'>, input: In<'fileUrl'>): Promise<FileUrl> {
  const rec = await ctx.store.files.get(input.fileId);
  const me = ctx.caller.personId;
  let station: EvidenceReader | null = null;
  // an evidence record names the station it was uploaded for (its unit)
  if (rec?.kind === 'evidence' && rec.ownerPersonId !== me) {
    const st = await ctx.store.org.station(rec.unitId);
    if (st) {
      const hostContact = isHostOf(ctx, st);
      let overseen = false;
      if (!hostContact) {
        try {
          await requireOversight(ctx.store, ctx.caller, st.castUnitId);
          overseen = true;
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
        }
      }
      station = { hostContact, overseen };
    }
  }
  return viewFileUrl(ctx, rec, 'evidence', { personId: me, applications: [], station });
}
