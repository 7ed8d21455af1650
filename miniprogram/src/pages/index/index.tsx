import { Button, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useAction } from '../../hooks/useAction';
import { signInFirst } from '../../platform/session';
import { goHome, loadMe } from '../../services/session';

/** Launch page: find out who this is, then open their role's home. */
export default function Index() {
  const action = useAction();
  const error = action.notice?.text ?? null;
  const start = () =>
    action.run(
      async () => {
        if (await signInFirst()) return;
        await goHome(await loadMe(true));
      },
      { error: { other: '网络不可用，请检查网络后重试' } },
    );
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
