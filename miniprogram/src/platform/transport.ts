import type { Answer } from '@shared/errors';

/**
 * Contract — call `action` of cloud function `fn`. Implemented by transport.weapp.ts (the WeChat
 * cloud SDK; identity is the platform's OPENID) and transport.h5.ts (fetch('/api/<fn>') against the
 * local host); Taro's build picks one. Throws OfflineError when the network failed (never an answer
 * from the server).
 */
export declare function invoke(fn: string, action: string, data: unknown): Promise<Answer<unknown>>;
