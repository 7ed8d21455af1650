import type { Answer } from '@shared/errors';

/**
 * Contract — call `action` of cloud function `fn`. Implemented by transport.weapp.ts (the WeChat
 * cloud SDK; identity is the platform's OPENID) and transport.h5.ts (fetch('/api/<fn>') against the
 * local host); Taro's build picks one. Throws OfflineError when the phone has no network (never an
 * answer from the server), ServerError when the call reached the cloud and the function did not answer
 * (timeout, crash, not deployed: lib/call-failure.ts classifies the platform's rejection).
 */
export declare function invoke(fn: string, action: string, data: unknown): Promise<Answer<unknown>>;
