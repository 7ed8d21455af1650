import Taro from '@tarojs/taro';
import { type Answer, errorMessages, isErrorCode } from '../../../shared/errors';

const SESSION_KEY = 'localOpenid';
/** h5 (local host only): the demo person chosen on the local sign-in page. */
export const localSession = {
  get: (): string => (process.env.TARO_ENV === 'h5' ? (Taro.getStorageSync(SESSION_KEY) as string) || '' : ''),
  set: (openid: string) => Taro.setStorageSync(SESSION_KEY, openid),
  clear: () => Taro.removeStorageSync(SESSION_KEY),
};

/** A network failure (no signal): the caller may queue and retry; never an answer from the server. */
export class OfflineError extends Error {
  constructor() {
    super('网络不可用，已保存在手机上，恢复网络后自动发送');
    this.name = 'OfflineError';
  }
}

/**
 * One transport, chosen by build target: in WeChat, Taro.cloud.callFunction (identity is the
 * platform's OPENID); in h5, fetch('/api/<fn>') against the local host.
 */
export async function callFunction(fn: string, action: string, data: unknown): Promise<Answer<unknown>> {
  if (process.env.TARO_ENV === 'weapp') {
    try {
      const res = await Taro.cloud.callFunction({ name: fn, data: { action, data } as never });
      return res.result as Answer<unknown>;
    } catch {
      throw new OfflineError();
    }
  }
  let res: Response;
  try {
    res = await fetch(`/api/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-local-openid': localSession.get() },
      body: JSON.stringify({ action, data }),
    });
  } catch {
    throw new OfflineError();
  }
  if (res.status === 502 || res.status === 503 || res.status === 504) throw new OfflineError();
  return (await res.json()) as Answer<unknown>;
}

/** The one place codes become what a person reads. */
export const messageFor = (code: string, serverMessage?: string) =>
  serverMessage || (isErrorCode(code) ? errorMessages[code] : errorMessages.INTERNAL);
