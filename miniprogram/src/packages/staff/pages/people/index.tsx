import type { BindingRow } from '@shared/api/identity';
import { type Role, roleLabels } from '@shared/schemas/org';
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { ErrorText } from '../../../../components/ErrorText';
import { PermissionDenied } from '../../../../components/PermissionDenied';
import { useAction } from '../../../../hooks/useAction';
import { ApiError, errorText } from '../../../../services/errors';
import { identityClient } from '../../../../services/identity';

const invitable: Role[] = ['expert', 'hostContact', 'secretary', 'reviewer', 'countyStaff'];
const scopeKeyOf: Record<string, 'stationId' | 'societyId' | 'castUnitId' | null> = {
  expert: 'stationId',
  hostContact: 'stationId',
  secretary: 'societyId',
  countyStaff: 'castUnitId',
  reviewer: null,
};
const scopeHint: Record<string, string> = { stationId: '服务站编号', societyId: '学会编号', castUnitId: '科协单位编号' };

/** Staff: create single-use invite codes, list and revoke bindings. */
export default function People() {
  const [rows, setRows] = useState<BindingRow[]>([]);
  const [roleIdx, setRoleIdx] = useState(0);
  const [name, setName] = useState('');
  const [mobile, setMobile] = useState('');
  const [scopeValue, setScopeValue] = useState('');
  const [code, setCode] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [denied, setDenied] = useState<string | null>(null);
  const action = useAction();
  const role = invitable[roleIdx]!;
  // search on the phone: the list is the caller's own scope, already loaded (no call per keystroke)
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const shown = rows.filter((b) => {
    const hay = `${b.personName} ${b.roleLabel} ${b.scopeLabel}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
  const scopeKey = scopeKeyOf[role];
  const refresh = () =>
    identityClient
      .listBindings({ includeRevoked: false })
      .then(setRows)
      .catch((e: unknown) =>
        e instanceof ApiError && e.code === 'AUTH.FORBIDDEN' ? setDenied(errorText(e)) : action.say('err', errorText(e)),
      );
  useDidShow(() => void refresh());
  const create = () =>
    action.run(
      async () => {
        const scope = {
          societyId: null,
          stationId: null,
          hostUnitId: null,
          castUnitId: null,
          ...(scopeKey ? { [scopeKey]: scopeValue.trim() || null } : {}),
        };
        const r = await identityClient.createInvite({
          role,
          newPerson: { name: name.trim(), ...(mobile.trim() ? { mobile: mobile.trim() } : {}), title: '' },
          scope,
          validHours: 72,
        });
        setCode(r.code);
      },
      { error: { fields: 'first', other: '网络不可用' } },
    );
  const revoke = async (b: BindingRow) => {
    const res = await Taro.showModal({ title: '撤销身份', content: `确定撤销 ${b.personName} 的「${b.roleLabel}」身份？` });
    if (!res.confirm) return;
    await action.run(async () => {
      await identityClient.revokeBinding({ bindingId: b.bindingId, reason: '工作人员撤销' });
      await refresh();
    });
  };
  if (denied) return <PermissionDenied message={denied} home="/packages/staff/pages/home/index" what="人员与邀请码" />;
  return (
    <View className="page">
      <Text className="title">人员与邀请码</Text>
      <View className="card">
        <Text className="subtitle">生成邀请码</Text>
        <Picker
          mode="selector"
          range={invitable.map((r) => roleLabels[r])}
          value={roleIdx}
          onChange={(e) => setRoleIdx(Number(e.detail.value))}
        >
          <View className="input">身份：{roleLabels[role]}</View>
        </Picker>
        <Input className="input" id="invite-name" placeholder="姓名" value={name} onInput={(e) => setName(e.detail.value)} />
        <Input
          className="input"
          id="invite-mobile"
          placeholder="手机号（选填）"
          type="number"
          maxlength={11}
          value={mobile}
          onInput={(e) => setMobile(e.detail.value)}
        />
        {scopeKey && (
          <Input className="input" placeholder={scopeHint[scopeKey]} value={scopeValue} onInput={(e) => setScopeValue(e.detail.value)} />
        )}
        <ErrorText message={action.notice?.text} />
        <Button className="btn" onClick={() => void create()}>
          生成邀请码
        </Button>
        {code && (
          <Text className="ok" id="invite-code-created">
            邀请码：{code}（72 小时内有效，仅可使用一次）
          </Text>
        )}
      </View>
      <Text className="subtitle">已绑定人员（{rows.length}）</Text>
      <Input
        className="input"
        id="people-search"
        value={query}
        placeholder="搜索姓名、身份、服务站或单位"
        onInput={(e) => setQuery(e.detail.value)}
      />
      {query.trim() && shown.length === 0 ? (
        <Text className="muted" id="people-empty">
          没有与“{query.trim()}”相符的人员
        </Text>
      ) : null}
      {shown.map((b) => (
        <View className="card row" key={b.bindingId} data-person-row={b.personId}>
          <View>
            <Text>{b.personName}</Text>
            <View>
              <Text className="tag">{b.roleLabel}</Text>
              <Text className="muted">{b.scopeLabel}</Text>
            </View>
          </View>
          <Button className="btn-danger" size="mini" onClick={() => void revoke(b)}>
            撤销
          </Button>
        </View>
      ))}
    </View>
  );
}
