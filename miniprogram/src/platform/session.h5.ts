import Taro from '@tarojs/taro';
import type * as Contract from './session';

const SESSION_KEY = 'localOpenid';
/** The demo person chosen on the local sign-in page. */
export const localSession: typeof Contract.localSession = {
  get: () => (Taro.getStorageSync(SESSION_KEY) as string) || '',
  set: (openid) => Taro.setStorageSync(SESSION_KEY, openid),
  clear: () => Taro.removeStorageSync(SESSION_KEY),
};
export const signInFirst: typeof Contract.signInFirst = async () => {
  if (localSession.get()) return false;
  await Taro.reLaunch({ url: '/pages/signin/index' });
  return true;
};
export const switchIdentity: typeof Contract.switchIdentity = () => {
  localSession.clear();
  void Taro.reLaunch({ url: '/pages/signin/index' });
};
