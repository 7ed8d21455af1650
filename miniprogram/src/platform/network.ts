/**
 * Contract — call `retry` whenever the network comes back (WeChat: Taro.onNetworkStatusChange;
 * browser: the window's `online` event). Used by the offline queue to resend what is waiting.
 */
export declare function onReconnect(retry: () => void): void;
