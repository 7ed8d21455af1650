import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import type { Me } from '../../../shared/api/identity';
import { loadMe } from './session';

export function useMe() {
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<string | null>(null);
  useDidShow(() => {
    loadMe()
      .then(setMe)
      .catch((e: Error) => setError(e.message));
  });
  return { me, error };
}
