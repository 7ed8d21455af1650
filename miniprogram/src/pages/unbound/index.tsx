import { inviteCodeSchema } from '@shared/api/identity';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import { useState } from 'react';
import { ErrorText } from '../../components/ErrorText';
import { SwitchIdentity } from '../../components/SwitchIdentity';
import { Invalid, useAction } from '../../hooks/useAction';
import { identityClient } from '../../services/identity';
import { forgetMe, goHome } from '../../services/session';

/** An unbound caller: ask the association for an invite code and redeem it here. */
export default function Unbound() {
  const [code, setCode] = useState('');
  const action = useAction();
  // an invite's WeChat share card opens this page with the code filled in (platform/share.weapp.ts)
  useLoad((q: Record<string, string | undefined>) => {
    if (q.code) setCode(decodeURIComponent(q.code));
  });
  const { busy } = action;
  const error = action.notice?.text ?? null;
  const redeem = () =>
    action.run(
      async () => {
        const parsed = inviteCodeSchema.safeParse(code);
        if (!parsed.success) throw new Invalid({}, parsed.error.issues[0]?.message ?? '邀请码格式不正确');
        const me = await identityClient.redeemInvite({ code: parsed.data });
        forgetMe();
        Taro.showToast({ title: '绑定成功', icon: 'success' });
        await goHome(me);
      },
      { error: { other: '网络不可用，请稍后重试' } },
    );
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
      <SwitchIdentity label="切换演示身份" variant="button" />
    </View>
  );
}
