import type { Answer } from '@shared/errors';
import Taro from '@tarojs/taro';
import { OfflineError } from '../services/errors';
import type * as Contract from './transport';

export const invoke: typeof Contract.invoke = async (fn, action, data) => {
  try {
    const res = await Taro.cloud.callFunction({ name: fn, data: { action, data } as never });
    return res.result as Answer<unknown>;
  } catch {
    throw new OfflineError();
  }
};
