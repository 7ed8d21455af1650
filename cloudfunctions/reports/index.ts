import cloud from 'wx-server-sdk';
import { cloudDeps } from '../_kernel/cloud/wire';
import { remindAll } from './actions/reminders';
import { reports } from './function';

// Thin wiring only: the platform's OPENID is the sole source of identity.
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
const deps = cloudDeps(cloud);

/**
 * The timer trigger (config.json `triggers`, name "reminders") runs the reminders for every station.
 * A timer event carries no OPENID; a call from the app always does, so a client cannot pose as the
 * timer (and the job is idempotent per person per quarter anyway).
 */
const isTimer = (event: unknown, openid: string | undefined) =>
  !openid && typeof event === 'object' && event !== null && (event as { Type?: unknown }).Type === 'Timer';

export const main = async (event: unknown) => {
  const openid = cloud.getWXContext().OPENID as string | undefined;
  if (isTimer(event, openid)) return { ok: true, data: await remindAll(deps) };
  return reports(event, openid, deps);
};
