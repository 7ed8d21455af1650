import type { TemplateKey } from '@shared/schemas/subscriptions';
import type * as Contract from './subscribe';

/**
 * The local host has no WeChat: the simulated dialog accepts every template asked, at once, and keeps
 * a log of the asks (sessionStorage, so a reload keeps it) for tests and for the curious.
 */
const LOG = 'kexie.subscribe.simulated';

const read = (): Array<{ at: number; keys: TemplateKey[] }> => {
  try {
    return JSON.parse(sessionStorage.getItem(LOG) ?? '[]');
  } catch {
    return [];
  }
};

export const requestSubscriptions: typeof Contract.requestSubscriptions = (asks) => {
  const keys = [...new Set(asks.slice(0, 3).map((a) => a.key))];
  if (keys.length === 0) return Promise.resolve([]);
  sessionStorage.setItem(LOG, JSON.stringify([...read(), { at: Date.now(), keys }]));
  return Promise.resolve(keys);
};

export const simulatedAsks: typeof Contract.simulatedAsks = read;
