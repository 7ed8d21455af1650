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
  const enter = async (openid: string) => {
    localSession.set(openid);
    forgetMe();
    await Taro.reLaunch({ url: '/pages/index/index' });
  };
  const choose = (p: DemoPerson) => enter(p.openid);
  /** A brand-new WeChat user (a fresh local OPENID from the local host): the newcomer's path, e.g. the bootstrap code. */
  const newcomer = () =>
    fetch('/api/_local/new-identity', { method: 'POST' })
      .then((r) => r.json())
      .then((a: { ok: boolean; data: { openid: string } }) => enter(a.data.openid))
      .catch(() => setError('无法连接本地服务'));
  return (
    <View className="page">
      <Text className="title">选择演示身份</Text>
      <Text className="muted">本地环境：选择一位人员登录，或以新用户身份进入。正式环境中由微信身份自动识别。</Text>
      {error && <Text className="error">{error}</Text>}
      <View className="card signin-person tap" id="signin-new-user" onClick={() => void newcomer()}>
        <View>
          <Text>以新微信用户身份进入</Text>
        </View>
        <Text className="muted">一个从未使用过本小程序的微信用户：可输入首位管理员引导码或邀请码</Text>
      </View>
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
