import { action } from './define';

/**
 * awards: after the award (issue 14) — the award file (amount, task agreement, budget), checks
 * (检查、验收、年度考核) with materials, opinions and outcomes, the money ledger (due / paid / spent /
 * refund, in 分), and consequences the product proposes and staff confirm. Stored shapes:
 * shared/schemas/awards.ts; programme data: shared/programmes/post-award.ts.
 */
export const awardsApi = {} satisfies Record<string, ReturnType<ReturnType<typeof action>>>;
export type AwardsApi = typeof awardsApi;
