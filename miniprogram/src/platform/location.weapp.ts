import Taro from '@tarojs/taro';
import { withTimeout } from '../lib/with-timeout';
import type * as Contract from './location';

export const currentLocation: typeof Contract.currentLocation = () =>
  withTimeout(
    (async () => {
      // Typed as void by Taro: wrap the callbacks so the location is asked only after consent.
      await new Promise<void>((ok, fail) => Taro.requirePrivacyAuthorize({ success: () => ok(), fail }));
      const res = await Taro.getLocation({ type: 'gcj02' });
      return { lat: res.latitude, lng: res.longitude };
    })(),
    8000,
  );
