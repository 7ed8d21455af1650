import type { AwardsApi } from '../../../shared/api/awards';
import { ledgerFileTypes } from '../../../shared/api/awards-money';
import type { ParsedInputOf } from '../../../shared/api/define';
import type { Programme } from '../../../shared/programmes/schema';
import { receiptProofRefusal, receiptProofRules } from '../../../shared/rules/post-award/receipt-proof';
import type { AwardDoc } from '../../../shared/schemas/awards';
import type { FileRef } from '../../../shared/schemas/common';
import { usableFile } from '../../_kernel/files';
import type { Uses } from '../../_kernel/router';
import { requestKey } from '../../_kernel/store/idempotency';
import { invalid, openAward, refuse, requireApplicantSide, writeAward } from './award';

/**
 * The unit's receipt proof (资金到账凭据, e.g. Weihai 五(三)): a payment rule that waits for `{ type: 'receiptProof' }`
 * becomes due once the awarded unit files at least one. The unit's side (its secretary / host-unit contact) files
 * them; each call appends (at most 20 in all). Filed whether or not the amount is set yet: the proof concerns the
 * unit's account, not the sum, and the payment still waits for the amount on its own condition.
 */
type In<K extends keyof AwardsApi> = ParsedInputOf<AwardsApi[K]>;
type Ctx = Uses<'store' | 'caller' | 'clock' | 'fn' | 'action' | 'files'>;

function allowed(doc: AwardDoc, programme: Programme, adding: number): void {
  const why = receiptProofRefusal(programme, doc.receiptProofs.length, adding);
  if (why && receiptProofRules(programme).length === 0) throw refuse('AWARD.STEP_NOT_ALLOWED', why);
  if (why) throw invalid('INPUT.INVALID', [{ path: 'proofs', message: why }]);
}

export async function submitReceiptProof(ctx: Ctx, input: In<'submitReceiptProof'>) {
  // checked before the files are claimed: a refusal for the caller or the programme says so first
  const { doc, programme, access } = await openAward(ctx, { awardId: input.awardId });
  requireApplicantSide(access);
  const replay = await ctx.store.replay<{ id: string; revision: number }>(requestKey(ctx, input.requestId));
  if (replay) return replay;
  allowed(doc, programme, 0);
  const target = {
    kind: 'attachment' as const,
    targetId: doc.applicationId,
    unitId: doc.applicant.societyId ?? doc.applicant.hostUnitId ?? doc.applicationId,
    mimeTypes: ledgerFileTypes,
  };
  const proofs: FileRef[] = [];
  for (const [i, ref] of input.proofs.entries()) proofs.push(await usableFile(ctx, ref, target, `proofs.${i}`));
  return writeAward(
    ctx,
    input,
    'award.submitReceiptProof',
    (_doc, _p, a) => {
      requireApplicantSide(a);
    },
    (cur, p) => {
      const fresh = proofs.filter((f) => !cur.receiptProofs.some((x) => x.fileId === f.fileId));
      allowed(cur, p, fresh.length);
      return { ...cur, receiptProofs: [...cur.receiptProofs, ...fresh] };
    },
  );
}
