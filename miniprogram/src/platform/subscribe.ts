import type { TemplateKey } from '@shared/schemas/subscriptions';

export interface SubscribeAsk {
  key: TemplateKey;
  templateId: string;
}

/**
 * Contract — ask the person to accept these subscription-message templates (at most 3 per ask) and
 * resolve with the keys they accepted. WeChat shows its dialog only when `wx.requestSubscribeMessage` is
 * called SYNCHRONOUSLY inside a tap handler (not after an `await`): call this first thing in the tap,
 * before any await. weapp: `Taro.requestSubscribeMessage`; h5 (local host): no WeChat, so it accepts
 * every template asked and records the ask (`simulatedAsks()`), so the flow can be used and tested.
 * Never rejects: a refused or failed dialog resolves with [].
 */
export declare function requestSubscriptions(asks: readonly SubscribeAsk[]): Promise<TemplateKey[]>;

/** The asks the simulation answered (h5 only; [] on weapp): what a test checks. */
export declare function simulatedAsks(): Array<{ at: number; keys: TemplateKey[] }>;
