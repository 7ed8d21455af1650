import { type Role, roleLabels } from '@shared/schemas/org';
import { Text, View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import { useState } from 'react';
import { localSession } from '../../platform/session';
import { forgetMe } from '../../services/session';

interface DemoPerson {
  personId: string;
  name: string;
  title: string;
  openid: string;
  roles: Role[];
}

/**
 * Local host only: choose a demo person to act as. In WeChat the identity is the platform's
 * OPENID and this page is never reached.
 */
export default function SignIn() {
  const [people, setPeople] = useState<DemoPerson[]>([]);
  const [error, setError] = useState<string | null>(null);
  useLoad(() => {
    fetch('/api/_local/people')
      .then((r) => r.json())
      .then((a: { ok: boolean; data: DemoPerson[] }) => setPeople(a.data))
      .catch(() => setError('无法连接本地服务'));
  });
  const choose = async (p: DemoPerson) => {
    localSession.set(p.openid);
    forgetMe();
    await Taro.reLaunch({ url: '/pages/index/index' });
  };
  return (
    <View className="page">
      <Text className="title">选择演示身份</Text>
      <Text className="muted">本地演示环境：选择一位演示人员登录。正式环境中由微信身份自动识别。</Text>
      {error && <Text className="error">{error}</Text>}
      {people.map((p) => (
        <View key={p.personId} className="card signin-person" data-person={p.personId} onClick={() => void choose(p)}>
          <View className="row">
            <Text>{p.name}</Text>
            <View>
              {p.roles.length === 0 ? (
                <Text className="tag tag-amber">未绑定</Text>
              ) : (
                p.roles.map((r) => (
                  <Text key={r} className="tag">
                    {roleLabels[r]}
                  </Text>
                ))
              )}
            </View>
          </View>
          <Text className="muted">{p.title}</Text>
        </View>
      ))}
    </View>
  );
}
