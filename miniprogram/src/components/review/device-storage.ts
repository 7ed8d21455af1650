import Taro from '@tarojs/taro';
import type { KeyValueStorage } from './comment-draft';

/** The device's storage (Taro.setStorageSync — localStorage in the browser): survives a refresh. */
export const deviceStorage: KeyValueStorage = {
  get: (k) => Taro.getStorageSync(k),
  set: (k, v) => Taro.setStorageSync(k, v),
  remove: (k) => Taro.removeStorageSync(k),
};
