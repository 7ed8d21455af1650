import type { ParsedInputOf } from '../../../shared/api/define';
import type { OrgApi, Saved } from '../../../shared/api/org';
import { AppError } from '../../../shared/errors';
import { getProgramme } from '../../../shared/programmes';
import { BUILTIN_VERSION, pinnedVersionOf } from '../../../shared/programmes/registry';
import { cityEnables, roundOfCity, roundUnitFor } from '../../../shared/rules/offer';
import { roundDateIssues, roundLimitIssues } from '../../../shared/rules/org';
import type { Round } from '../../../shared/schemas/application';
import { requireSafeText } from '../../_kernel/content';
import type { Uses } from '../../_kernel/router';
import { actorOf, invalid, loadOrg, missing, replayed, sameRecord } from './org-data';

/**
 * Open (or change) a programme's round of a year: one round per city, programme and year (issue 13,
 * item 5: shared/rules/offer.ts roundOfCity), with its open and close dates and the numbers the
 * programme leaves to each round. City staff, for their city, of a programme their city enables
 * (ROUND.PROGRAMME_NOT_ENABLED otherwise); another city's round is never found, so never changed. A
 * district programme's round (issue 16 item 4) is its county's: opened by that county's staff, one per
 * (county unit, programme, year); the city's and other counties' staff are refused.
 */
export async function saveRound(
  ctx: Uses<'store' | 'clock' | 'caller' | 'fn' | 'action' | 'contentCheck' | 'log'>,
  input: ParsedInputOf<OrgApi['saveRound']>,
): Promise<Saved> {
  const { key, result } = await replayed<Saved>(ctx, input.requestId);
  if (result) return result;
  const r = input.round;
  // the unit that issues the programme opens its rounds: the caller's city, or for a district programme
  // the caller's own county of that district (issue 16 item 4: shared/rules/offer.ts roundUnitFor)
  // (an unknown programme is taken as a city one: no unit enables it, so it is refused as before)
  const issued = getProgramme(r.programmeId) ?? {};
  const castUnits = (await loadOrg(ctx.store)).castUnits;
  const owner = roundUnitFor(ctx.caller.bindings, issued, new Map(castUnits.map((u) => [u.id, u] as const)));
  if ('refusal' in owner) throw new AppError(owner.refusal.code, owner.refusal.message);
  const city = owner.unitId;
  // a unit opens rounds only of the programmes it enables (org.setProgrammeEnabled)
  const cityUnit = castUnits.find((u) => u.id === city);
  if (!cityUnit || !cityEnables(cityUnit, r.programmeId)) throw new AppError('ROUND.PROGRAMME_NOT_ENABLED');
  // this city's round of the programme and year, if it has one (never another city's)
  const { existing: before, id } = roundOfCity(r.programmeId, r.year, city, await ctx.store.applications.rounds(r.programmeId));
  // a round keeps the programme version it opened with (issue 16 item 6); a new round takes the newest
  const programme = getProgramme(r.programmeId, before?.programmeVersion);
  if (!programme) throw missing('round.programmeId', '项目');
  const issues = [...roundDateIssues(r), ...roundLimitIssues(programme, r.limits)];
  if (issues.length > 0) throw invalid(issues);
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
    castUnitId: city,
  };
  // absent means the built-in definition (rounds opened before versions read the same)
  const version = before?.programmeVersion ?? pinnedVersionOf(r.programmeId);
  if (version !== BUILTIN_VERSION) next.programmeVersion = version;
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
