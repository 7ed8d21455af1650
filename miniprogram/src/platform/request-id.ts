/**
 * Contract — a crypto-random request id, made when the person acts (WeChat: wx.getRandomValues,
 * browser: crypto.getRandomValues). The server applies a request id once per action and answers a
 * repeat with the first result, so resending — the offline queue, a retry after a lost answer — is safe.
 */
export declare function newRequestId(): Promise<string>;
