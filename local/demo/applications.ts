import type { Deps } from '../../cloudfunctions/_kernel/ports';
import type { RoundDoc } from '../../cloudfunctions/_kernel/store/applications';
import { addDays, chinaDateOf, yearOf } from '../../shared/calendar';
import { programmeIds, programmes } from '../../shared/programmes';

/** Quota the demo sets for limits whose number each round decides (奖励名额由市科协每批次确定 …). */
export const DEMO_ROUND_QUOTA = 10;

/**
 * The demo round of a programme: open from 30 days before the seeding day to 90 days after. A city's
 * round records the city (`castUnitId`) and takes the id shared/rules/offer.ts roundOfCity gives it.
 */
export function demoRound(programmeId: string, now: number, castUnitId?: string, id?: string): RoundDoc {
  const programme = programmes[programmeId as (typeof programmeIds)[number]];
  const today = chinaDateOf(now);
  const quotas: Record<string, number> = {};
  for (const l of programme.limits) if (l.type === 'perRound' && l.max === null) quotas[l.id] = DEMO_ROUND_QUOTA;
  return {
    id: id ?? `round-${programmeId}-${yearOf(today)}`,
    programmeId,
    title: `${yearOf(today)}年度申报（演示批次）`,
    opensOn: addDays(today, -30),
    closesOn: addDays(today, 90),
    quotas,
    createdAt: now,
    ...(castUnitId ? { castUnitId } : {}),
  };
}

/**
 * Local demo: one open round per programme, so a secretary can start applying at once. A programme a
 * city enables gets that city's round (益阳: its two programmes); one no city enables yet a round of no
 * city (the handler tests apply to every programme from the test units).
 */
export const seedApplicationRounds = async (deps: Deps): Promise<void> => {
  const cities = (await deps.store.org.castUnits()).filter((u) => u.kind === 'city');
  for (const id of programmeIds) {
    const enabling = cities.filter((c) => c.programmeIds?.includes(id));
    await deps.store.applications.putRound(demoRound(id, deps.clock.now(), enabling.length === 1 ? enabling[0]!.id : undefined));
  }
};
