import { acceptedKeys } from '@shared/rules/subscriptions';
import Taro from '@tarojs/taro';
import type * as Contract from './subscribe';

export const requestSubscriptions: typeof Contract.requestSubscriptions = (asks) => {
  const list = asks.slice(0, 3);
  if (list.length === 0) return Promise.resolve([]);
  // the executor runs synchronously: the API is called inside the caller's tap, before any await
  return new Promise((resolve) => {
    Taro.requestSubscribeMessage({
      tmplIds: list.map((a) => a.templateId),
      // Taro's type also demands Alipay's `entityIds`; WeChat reads `tmplIds` and ignores it
      entityIds: [],
      // the answer maps each template id to 'accept' | 'reject' | 'ban' | 'filter' (plus errMsg)
      success: (res) => resolve(acceptedKeys(list, res)),
      fail: () => resolve([]),
    });
  });
};

export const simulatedAsks: typeof Contract.simulatedAsks = () => [];
