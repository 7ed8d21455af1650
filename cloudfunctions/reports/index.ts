import cloud from 'wx-server-sdk';
import { cloudDeps, initCloud } from '../_kernel/cloud/wire';
import { remindChecks } from '../awards/actions/checks-reminders';
import { remindAll } from './actions/reminders';
import { reports } from './function';

// Thin wiring only: the platform's OPENID is the sole source of identity.
initCloud(cloud);
const deps = cloudDeps(cloud);

/** The timer trigger's name (config.json `triggers`, written by scripts/build-functions.mjs). */
const REMINDERS_TRIGGER = 'reminders';

/**
 * The timer trigger runs the reminders for every station. A timer event carries no OPENID; a call from
 * the app always does, so a client cannot pose as the timer (and the job is idempotent per person per
 * quarter anyway). Public sources show the event's `Type` as both 'Timer' and 'timer', so the type is
 * compared case-insensitively, and the trigger's own name (any casing) is accepted alone as well.
 */
const isTimer = (event: unknown, openid: string | undefined) => {
  if (openid || typeof event !== 'object' || event === null) return false;
  const { Type, TriggerName } = event as { Type?: unknown; TriggerName?: unknown };
  return (
    (typeof Type === 'string' && Type.toLowerCase() === 'timer') ||
    (typeof TriggerName === 'string' && TriggerName.toLowerCase() === REMINDERS_TRIGGER)
  );
};

export const main = async (event: unknown) => {
  const openid = cloud.getWXContext().OPENID as string | undefined;
  // the daily run: station reminders, then the post-award check reminders (issue 14)
  if (isTimer(event, openid)) return { ok: true, data: { ...(await remindAll(deps)), checks: await remindChecks(deps) } };
  return reports(event, openid, deps);
};
