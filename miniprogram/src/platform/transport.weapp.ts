import type { Answer } from '@shared/errors';
import Taro from '@tarojs/taro';
import { classifyCallFailure } from '../lib/call-failure';
import { OfflineError, ServerError } from '../services/errors';
import type * as Contract from './transport';

/** 'none' when the phone has no network, else its type; null when even that cannot be asked. */
const networkType = (): Promise<string | null> =>
  Taro.getNetworkType()
    .then((r) => r.networkType)
    .catch(() => null);

export const invoke: typeof Contract.invoke = async (fn, action, data) => {
  try {
    const res = await Taro.cloud.callFunction({ name: fn, data: { action, data } as never });
    return res.result as Answer<unknown>;
  } catch (e) {
    const failure = classifyCallFailure(e, await networkType());
    if (failure.kind === 'offline') throw new OfflineError();
    throw new ServerError(failure, fn, action);
  }
};
