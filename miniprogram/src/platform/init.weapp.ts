import Taro from '@tarojs/taro';
import type * as Contract from './init';

// Taro.cloud only exists inside WeChat. CLOUD_ENV is the build-time environment id (config/cloud-env.ts):
// without `env` the app would call whichever environment DevTools last selected.
export const initPlatform: typeof Contract.initPlatform = () => {
  Taro.cloud.init({ env: CLOUD_ENV, traceUser: true });
};
