import type { ParsedInputOf } from '../../../shared/api/define';
import type { OrgApi, Saved } from '../../../shared/api/org';
import { AppError } from '../../../shared/errors';
import { getProgramme } from '../../../shared/programmes';
import { defaultCastUnit, roundDateIssues, roundIdOf, roundLimitIssues, roundWriterRoles } from '../../../shared/rules/org';
import { oversees } from '../../../shared/rules/oversight';
import type { Round } from '../../../shared/schemas/application';
import { requireSafeText } from '../../_kernel/content';
import type { Uses } from '../../_kernel/router';
import { actorOf, invalid, loadOrg, missing, replayed, sameRecord } from './org-data';

/**
 * Open (or change) a programme's round of a year: one round per programme and year (its id is that
 * natural key, as the demo's), with its open and close dates and the numbers the programme leaves to
 * each round. City staff, for their city; a round another city opened is not theirs to change.
 */
export async function saveRound(
  ctx: Uses<'store' | 'clock' | 'caller' | 'fn' | 'action' | 'contentCheck' | 'log'>,
  input: ParsedInputOf<OrgApi['saveRound']>,
): Promise<Saved> {
  const { key, result } = await replayed<Saved>(ctx, input.requestId);
  if (result) return result;
  const r = input.round;
  const programme = getProgramme(r.programmeId);
  if (!programme) throw missing('round.programmeId', '项目');
  const issues = [...roundDateIssues(r), ...roundLimitIssues(programme, r.limits)];
  if (issues.length > 0) throw invalid(issues);
  const city = defaultCastUnit(ctx.caller.bindings, roundWriterRoles);
  if (!city) throw new AppError('AUTH.FORBIDDEN');
  const id = roundIdOf(r.programmeId, r.year);
  const before = await ctx.store.applications.round(id);
  if (before?.castUnitId) {
    const org = await loadOrg(ctx.store);
    if (!ctx.caller.bindings.some((b) => roundWriterRoles.includes(b.role) && oversees(b, before.castUnitId!, org.graph)))
      throw new AppError('AUTH.FORBIDDEN');
  }
  const now = ctx.clock.now();
  const next: Round = {
    id,
    programmeId: r.programmeId,
    title: r.title ?? before?.title ?? `${r.year}年度申报`,
    opensOn: r.opensOn,
    closesOn: r.closesOn,
    quotas: { ...r.limits },
    createdAt: before?.createdAt ?? now,
    year: r.year,
    castUnitId: before?.castUnitId ?? city,
  };
  if (before && sameRecord(before, next)) return { id, created: false, changed: false };
  await requireSafeText(ctx, { 'round.title': next.title });
  const actorId = actorOf(ctx);
  return ctx.store.once(
    key,
    now,
    async (tx) => {
      const cur = await ctx.store.applications.roundTx(tx, id);
      if (before ? !sameRecord(cur, before) : cur !== null) throw new AppError('CONFLICT.STATE');
      await ctx.store.applications.saveRound(tx, next, before, { actorId, now });
      return { id, created: before === null, changed: true };
    },
    { replayed: true },
  );
}
