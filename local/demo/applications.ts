import type { Deps } from '../../cloudfunctions/_kernel/ports';
import type { RoundDoc } from '../../cloudfunctions/_kernel/store/applications';
import { addDays, chinaDateOf, yearOf } from '../../shared/calendar';
import { programmeIds, programmes } from '../../shared/programmes';

/** Quota the demo sets for limits whose number each round decides (奖励名额由市科协每批次确定 …). */
export const DEMO_ROUND_QUOTA = 10;

/** The demo round of a programme: open from 30 days before the seeding day to 90 days after. */
export function demoRound(programmeId: string, now: number): RoundDoc {
  const programme = programmes[programmeId as (typeof programmeIds)[number]];
  const today = chinaDateOf(now);
  const quotas: Record<string, number> = {};
  for (const l of programme.limits) if (l.type === 'perRound' && l.max === null) quotas[l.id] = DEMO_ROUND_QUOTA;
  return {
    id: `round-${programmeId}-${yearOf(today)}`,
    programmeId,
    title: `${yearOf(today)}年度申报（演示批次）`,
    opensOn: addDays(today, -30),
    closesOn: addDays(today, 90),
    quotas,
    createdAt: now,
  };
}

/** Local demo: one open round per programme, so a secretary can start applying at once. */
export const seedApplicationRounds = async (deps: Deps): Promise<void> => {
  for (const id of programmeIds) await deps.store.applications.putRound(demoRound(id, deps.clock.now()));
};
