import type { SubscriptionRow, SubscriptionsView } from '@shared/api/identity';
import { askOnLogPath } from '@shared/rules/subscriptions';
import type { TemplateKey } from '@shared/schemas/subscriptions';
import Taro from '@tarojs/taro';
import { newRequestId } from '../platform/request-id';
import { requestSubscriptions } from '../platform/subscribe';
import { identityClient } from './identity';

/**
 * Subscription messages from the app's side. WeChat shows the subscribe dialog only when it is asked
 * synchronously inside a tap, so everything an ask needs (the template ids) is cached beforehand and
 * read synchronously; the accepts are recorded on the server afterwards (identity.recordSubscriptions),
 * where the reminders spend them one message each.
 */
const CACHE = 'kexie.subscriptions';
const LOG_ASKED = 'kexie.subscriptions.logAskedAt';

export function cachedTemplates(): SubscriptionRow[] {
  try {
    const v = Taro.getStorageSync(CACHE) as SubscriptionsView | '';
    return v && Array.isArray(v.templates) ? v.templates : [];
  } catch {
    return [];
  }
}
const store = (v: SubscriptionsView) => {
  try {
    Taro.setStorageSync(CACHE, v);
  } catch {
    /* storage full: the next tap asks nothing, the settings page still works */
  }
  return v;
};

/** The caller's templates, ids and counts from the server (and cached for the next tap). */
export const loadSubscriptions = async (): Promise<SubscriptionsView> => store(await identityClient.subscriptions({}));

/** Record accepts on the server; resolves with the fresh view. */
export async function recordAccepted(keys: readonly TemplateKey[]): Promise<SubscriptionsView | null> {
  if (keys.length === 0) return null;
  return store(await identityClient.recordSubscriptions({ accepted: [...keys], requestId: await newRequestId() }));
}

/**
 * Ask for these templates NOW (call it first thing in a tap handler, before any await), then record
 * what was accepted on the server. Templates without an id in this deployment are not asked. A tap
 * need not wait on the result (the log and submit taps do not); the settings page does.
 */
export function askInTap(keys: readonly TemplateKey[]): Promise<{ accepted: TemplateKey[]; view: SubscriptionsView | null }> {
  const known = cachedTemplates();
  const asks = keys.flatMap((key) => {
    const t = known.find((x) => x.key === key);
    return t?.templateId ? [{ key, templateId: t.templateId }] : [];
  });
  if (asks.length === 0) {
    // nothing cached yet (first use): learn the ids for the next tap
    void loadSubscriptions().catch(() => undefined);
    return Promise.resolve({ accepted: [], view: null });
  }
  return requestSubscriptions(asks).then(async (accepted) => ({ accepted, view: await recordAccepted(accepted) }));
}

/**
 * The expert's log-a-day tap: asks for the quarter reminder at most once a quarter
 * (shared/rules/subscriptions.ts askOnLogPath), so the log stays two taps the rest of the time.
 */
export function askOnLogTap(now = Date.now()): void {
  let last: number | null = null;
  try {
    const v = Taro.getStorageSync(LOG_ASKED);
    last = typeof v === 'number' ? v : null;
  } catch {
    last = null;
  }
  if (!askOnLogPath(last, now)) return;
  if (!cachedTemplates().some((t) => t.key === 'stationDaysShort' && t.templateId)) {
    void loadSubscriptions().catch(() => undefined);
    return;
  }
  try {
    Taro.setStorageSync(LOG_ASKED, now);
  } catch {
    /* asked again next tap: harmless */
  }
  void askInTap(['stationDaysShort']).catch(() => undefined);
}

/** The secretary's submit tap: the notices about that application (returned for revision, outcome). */
export function askOnSubmitTap(): void {
  void askInTap(['applicationReturned', 'applicationOutcome']).catch(() => undefined);
}
