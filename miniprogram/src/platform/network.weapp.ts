import Taro from '@tarojs/taro';
import type * as Contract from './network';

export const onReconnect: typeof Contract.onReconnect = (retry) => {
  Taro.onNetworkStatusChange((res) => {
    if (res.isConnected) retry();
  });
};
