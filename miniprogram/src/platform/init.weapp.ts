import Taro from '@tarojs/taro';
import type * as Contract from './init';

// Taro.cloud only exists inside WeChat.
export const initPlatform: typeof Contract.initPlatform = () => {
  Taro.cloud.init({ traceUser: true });
};
