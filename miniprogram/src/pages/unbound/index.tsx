import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { inviteCodeSchema } from '../../../../shared/api/identity';
import { ErrorText } from '../../components/ErrorText';
import { ApiError } from '../../services/client';
import { identityClient } from '../../services/identity';
import { forgetMe, goHome } from '../../services/session';
import { localSession } from '../../services/transport';

/** An unbound caller: ask the association for an invite code and redeem it here. */
export default function Unbound() {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const redeem = async () => {
    const parsed = inviteCodeSchema.safeParse(code);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '邀请码格式不正确');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const me = await identityClient.redeemInvite({ code: parsed.data });
      forgetMe();
      Taro.showToast({ title: '绑定成功', icon: 'success' });
      await goHome(me);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '网络不可用，请稍后重试');
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="page">
      <Text className="title">您还没有绑定身份</Text>
      <View className="card">
        <Text>请向所在的科协（市科协或县市区科协）索取邀请码，输入后即可绑定您的身份。</Text>
        <Input
          className={`input${error ? ' input-error' : ''}`}
          id="invite-code"
          placeholder="8 位邀请码"
          maxlength={8}
          value={code}
          onInput={(e) => setCode(e.detail.value)}
        />
        <ErrorText message={error} />
        <Button className="btn" id="redeem" loading={busy} disabled={busy} onClick={() => void redeem()}>
          绑定
        </Button>
      </View>
      {process.env.TARO_ENV === 'h5' && (
        <Button
          className="btn-plain"
          onClick={() => {
            localSession.clear();
            void Taro.reLaunch({ url: '/pages/signin/index' });
          }}
        >
          切换演示身份
        </Button>
      )}
    </View>
  );
}
