import type { Programme } from '../../programmes/schema';

/** At most this many receipt proofs (资金到账凭据) on one award (AwardDoc.receiptProofs). */
export const MAX_RECEIPT_PROOFS = 20;

/** The programme's payment rules that wait for the unit's receipt proof (e.g. Weihai 五(三)); empty when none does. */
export const receiptProofRules = (programme: Pick<Programme, 'postAward'>) =>
  (programme.postAward?.payments ?? []).filter((r) => r.after.some((c) => c.type === 'receiptProof'));

/** Why the unit may not file (more) receipt proofs, in Chinese; null when it may. */
export function receiptProofRefusal(programme: Pick<Programme, 'postAward'>, filed: number, adding: number): string | null {
  if (receiptProofRules(programme).length === 0) return '本项目的拨付不需要提供资金到账凭据';
  if (filed + adding > MAX_RECEIPT_PROOFS) return `资金到账凭据最多 ${MAX_RECEIPT_PROOFS} 份`;
  return null;
}
