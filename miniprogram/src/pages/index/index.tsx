import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { ApiError } from '../../services/client';
import { goHome, loadMe } from '../../services/session';
import { localSession } from '../../services/transport';

/** Launch page: find out who this is, then open their role's home. */
export default function Index() {
  const [error, setError] = useState<string | null>(null);
  const start = async () => {
    setError(null);
    if (process.env.TARO_ENV === 'h5' && !localSession.get()) {
      await Taro.reLaunch({ url: '/pages/signin/index' });
      return;
    }
    try {
      await goHome(await loadMe(true));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '网络不可用，请检查网络后重试');
    }
  };
  useDidShow(() => {
    void start();
  });
  return (
    <View className="page">
      <Text className="title">学会服务站</Text>
      {error ? (
        <View className="card">
          <Text className="error">{error}</Text>
          <Button className="btn" onClick={() => void start()}>
            重试
          </Button>
        </View>
      ) : (
        <Text className="muted">正在识别您的身份…</Text>
      )}
    </View>
  );
}
