import type { Me } from '@shared/api/identity';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { errorText } from '../services/errors';
import { loadMe } from '../services/session';

export function useMe() {
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<string | null>(null);
  useDidShow(() => {
    loadMe()
      .then(setMe)
      .catch((e: unknown) => setError(errorText(e)));
  });
  return { me, error };
}
