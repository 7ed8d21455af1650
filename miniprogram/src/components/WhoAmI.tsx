import type { Me } from '@shared/api/identity';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { homeOf } from '../services/session';
import { SwitchIdentity } from './SwitchIdentity';

/** Who is signed in, with every role they hold (a tap opens that role's home). */
export function WhoAmI({ me }: { me: Me | null }) {
  if (!me) return <Text className="muted">加载中…</Text>;
  return (
    <View className="card who-am-i">
      <View className="row">
        <Text className="subtitle">{me.person?.name ?? ''}</Text>
        <SwitchIdentity label="切换身份" variant="link" />
      </View>
      {me.bindings.map((b) => (
        <View key={b.bindingId} onClick={() => void Taro.reLaunch({ url: homeOf[b.role] })}>
          <Text className="tag">{b.roleLabel}</Text>
          <Text className="muted">{b.scopeLabel}</Text>
        </View>
      ))}
      <Button className="btn-plain" id="open-settings" onClick={() => void Taro.navigateTo({ url: '/pages/settings/index' })}>
        提醒设置
      </Button>
    </View>
  );
}

export function NavButton({ url, children, id }: { url: string; children: string; id?: string }) {
  return (
    <Button className="btn-plain" id={id} onClick={() => void Taro.navigateTo({ url })}>
      {children}
    </Button>
  );
}
