import Taro from '@tarojs/taro';
import { hexRequestId } from '../lib/request-id';
import type * as Contract from './request-id';

export const newRequestId: typeof Contract.newRequestId = async () => {
  const res = await Taro.getRandomValues({ length: 16 });
  return hexRequestId(new Uint8Array(res.randomValues));
};
