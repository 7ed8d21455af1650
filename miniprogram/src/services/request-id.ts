import Taro from '@tarojs/taro';

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * A crypto-random request id, made when the person acts (in WeChat wx.getRandomValues, in the browser
 * crypto.getRandomValues). The server applies a request id once per action and answers a repeat with
 * the first result, so resending — the offline queue, a retry after a lost answer — is safe.
 */
export async function newRequestId(): Promise<string> {
  if (process.env.TARO_ENV === 'weapp') {
    const res = await Taro.getRandomValues({ length: 16 });
    return `r${hex(new Uint8Array(res.randomValues))}`;
  }
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return `r${hex(bytes)}`;
}
