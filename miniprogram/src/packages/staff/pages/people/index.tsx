import type { BindingRow, BulkInvite } from '@shared/api/identity';
import type { PersonView, UnitView } from '@shared/api/org';
import type { OrgEntity } from '@shared/rules/org';
import { type BindingScope, type Role, roleLabels } from '@shared/schemas/org';
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { ErrorText } from '../../../../components/ErrorText';
import { PermissionDenied } from '../../../../components/PermissionDenied';
import { EntityPicker, type Picked } from '../../../../components/pickers';
import { useAction } from '../../../../hooks/useAction';
import { openExportedFile } from '../../../../platform/download';
import { newRequestId } from '../../../../platform/request-id';
import { useInviteShareCard } from '../../../../platform/share';
import { ApiError, errorText } from '../../../../services/errors';
import { identityClient } from '../../../../services/identity';
import { orgClient } from '../../../../services/org';
import { InviteCode } from './InviteCode';
import './people.css';

/** Each role staff invite, and the unit its binding is attached to — chosen with a picker, never typed. */
const invitable: Array<{
  role: Role;
  pick: OrgEntity | null;
  key: keyof BindingScope | null;
  label: string;
  filter?: (u: UnitView) => boolean;
}> = [
  { role: 'expert', pick: 'station', key: 'stationId', label: '服务站' },
  { role: 'secretary', pick: 'society', key: 'societyId', label: '学会' },
  { role: 'hostContact', pick: 'hostUnit', key: 'hostUnitId', label: '建站单位' },
  { role: 'countyStaff', pick: 'castUnit', key: 'castUnitId', label: '县市区科协', filter: (u) => 'kind' in u && u.kind === 'county' },
  { role: 'reviewer', pick: null, key: null, label: '' },
  // 市财政局 (issue 14): reads its city's projects and gives its opinion on checks; only city staff invite it
  { role: 'financeBureau', pick: 'castUnit', key: 'castUnitId', label: '所在市', filter: (u) => 'kind' in u && u.kind === 'city' },
];
const HOURS = 72;
const BATCH = 50;
const NO_SCOPE: BindingScope = { societyId: null, stationId: null, hostUnitId: null, castUnitId: null };

/** A short digest of a batch's ids, so a request id names exactly the persons it was made for. */
const digest = (ids: readonly string[]) => {
  let h = 5381;
  for (const c of ids.join(',')) h = ((h * 33) ^ c.charCodeAt(0)) >>> 0;
  return h.toString(16);
};

/** Staff: invite a person (role + unit by picker, a new or a known person), bulk invites for imported people, bindings. */
export default function People() {
  const [rows, setRows] = useState<BindingRow[]>([]);
  const [roleIdx, setRoleIdx] = useState(0);
  const [unit, setUnit] = useState<Picked | null>(null);
  const [mode, setMode] = useState<'new' | 'known'>('new');
  const [known, setKnown] = useState<Picked | null>(null);
  const [name, setName] = useState('');
  const [mobile, setMobile] = useState('');
  const [created, setCreated] = useState<{ code: string; who: string } | null>(null);
  const [bulk, setBulk] = useState<BulkInvite[] | null>(null);
  const [bulkIds, setBulkIds] = useState<string[]>([]);
  const [query, setQuery] = useState('');
  const [denied, setDenied] = useState<string | null>(null);
  const action = useAction();
  const bulkAction = useAction();
  const bulkBase = useRef<string | null>(null);
  const spec = invitable[roleIdx]!;
  useInviteShareCard(created ? { code: created.code, title: `${created.who}：您的学会服务站邀请码 ${created.code}` } : null);
  // search on the phone: the list is the caller's own scope, already loaded (no call per keystroke)
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const shown = rows.filter((b) => {
    const hay = `${b.personName} ${b.roleLabel} ${b.scopeLabel}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
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
        const scope = { ...NO_SCOPE, ...(spec.key ? { [spec.key]: unit?.id ?? null } : {}) };
        const who =
          mode === 'known'
            ? { personId: known?.id ?? '' }
            : { newPerson: { name: name.trim(), ...(mobile.trim() ? { mobile: mobile.trim() } : {}), title: '' } };
        const r = await identityClient.createInvite({ role: spec.role, ...who, scope, validHours: HOURS });
        setCreated({
          code: r.code,
          who: `${mode === 'known' ? (known?.name ?? '') : name.trim()}（${roleLabels[spec.role]}${unit ? ` · ${unit.name}` : ''}）`,
        });
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
  /** Every person the caller oversees who holds no binding yet, invited in batches (one code each). */
  const inviteImported = () =>
    bulkAction.run(
      async () => {
        const persons: PersonView[] = [];
        for (let offset: number | null = 0; offset !== null; ) {
          const page = await orgClient.listUnits({ kind: 'person', offset, limit: 200, includeInactive: false });
          persons.push(...(page.items as PersonView[]));
          offset = page.nextOffset;
        }
        const bound = new Set(rows.map((r) => r.personId));
        const ids = persons.filter((p) => !bound.has(p.id)).map((p) => p.id);
        if (ids.length === 0) return { tone: 'warn' as const, text: '没有尚未绑定身份的人员' };
        bulkBase.current ??= await newRequestId();
        const out: BulkInvite[] = [];
        const requestIds: string[] = [];
        for (let i = 0; i < ids.length; i += BATCH) {
          const batch = ids.slice(i, i + BATCH);
          // the same persons again (a retry): the same request id, so the same codes come back
          requestIds.push(`${bulkBase.current}-${digest(batch)}`);
          const r = await identityClient.createInvites({
            requestId: `${bulkBase.current}-${digest(batch)}`,
            personIds: batch,
            validHours: 168,
          });
          out.push(...r.invites);
        }
        setBulk(out);
        setBulkIds(requestIds);
        const made = out.filter((x) => x.code).length;
        return { tone: 'ok' as const, text: `已生成 ${made} 个邀请码（7 天内有效）` };
      },
      { ok: (n) => n, error: { other: '网络不可用' } },
    );
  const made = (bulk ?? []).filter((x) => x.code);
  const skipped = (bulk ?? []).filter((x) => !x.code);
  const exportAll = () =>
    bulkAction.run(
      async () => {
        await openExportedFile(await identityClient.exportInvites({ requestIds: bulkIds }), 'xlsx');
      },
      { ok: '已导出邀请码名单', error: { other: '网络不可用' } },
    );
  const copyAll = () =>
    void Taro.setClipboardData({ data: made.map((x) => `${x.personName}\t${x.roleLabel}\t${x.scopeLabel}\t${x.code}`).join('\n') });

  if (denied) return <PermissionDenied message={denied} home="/packages/staff/pages/home/index" what="人员与邀请码" />;
  const fe = action.fieldErrors;
  return (
    <View className="page">
      <Text className="title">人员与邀请码</Text>
      <View className="card">
        <Text className="subtitle">生成邀请码</Text>
        <Picker
          mode="selector"
          range={invitable.map((r) => roleLabels[r.role])}
          value={roleIdx}
          onChange={(e) => {
            setRoleIdx(Number(e.detail.value));
            setUnit(null);
          }}
        >
          <View className="input tap entity-picker-field" id="invite-role">
            身份：{roleLabels[spec.role]}
          </View>
        </Picker>
        {spec.pick && spec.key ? (
          <EntityPicker
            key={spec.role}
            kind={spec.pick}
            label={spec.label}
            value={unit}
            onChange={setUnit}
            id="invite-unit"
            {...(spec.filter ? { filter: spec.filter } : {})}
            {...(fe[`scope.${spec.key}`] ? { error: fe[`scope.${spec.key}`] } : {})}
          />
        ) : (
          <Text className="muted">评审专家服务全市，无需选择单位</Text>
        )}
        <View className="seg">
          <View className={`seg-item tap${mode === 'new' ? ' on' : ''}`} id="invite-mode-new" onClick={() => setMode('new')}>
            新人员
          </View>
          <View className={`seg-item tap${mode === 'known' ? ' on' : ''}`} id="invite-mode-known" onClick={() => setMode('known')}>
            已有人员
          </View>
        </View>
        {mode === 'known' ? (
          <EntityPicker
            kind="person"
            label="人员"
            value={known}
            onChange={setKnown}
            id="invite-person"
            {...(fe.personId ? { error: fe.personId } : {})}
          />
        ) : (
          <>
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
          </>
        )}
        <ErrorText message={action.notice?.text} />
        <Button className="btn" id="invite-create" onClick={() => void create()}>
          生成邀请码
        </Button>
        {created && <InviteCode code={created.code} who={created.who} hours={HOURS} />}
      </View>

      <View className="card" id="bulk-invites">
        <Text className="subtitle">为导入的人员生成邀请码</Text>
        <Text className="muted">为尚未绑定身份、已在服务站专家团队中的人员各生成一个邀请码（7 天内有效），可复制后逐一发送。</Text>
        {/* no `disabled`/`loading` prop: on h5 a Taro Button given one rendered its label blank; a second tap while it runs is ignored */}
        <Button className="btn-plain" id="bulk-create" onClick={() => !bulkAction.busy && void inviteImported()}>
          {bulkAction.busy ? '正在生成…' : '为导入的人员生成邀请码'}
        </Button>
        {bulkAction.notice ? (
          <Text className={bulkAction.notice.tone === 'err' ? 'error' : bulkAction.notice.tone}>{bulkAction.notice.text}</Text>
        ) : null}
        {made.length > 0 && (
          <>
            <Button className="btn" id="bulk-copy" onClick={copyAll}>
              复制全部（{made.length}）
            </Button>
            <Button className="btn-plain" id="bulk-export" onClick={() => !bulkAction.busy && void exportAll()}>
              导出 Excel
            </Button>
            {made.map((x) => (
              <View className="bulk-row" key={x.personId} data-bulk-person={x.personName}>
                <View>
                  <Text>{x.personName}</Text>
                  <View>
                    <Text className="muted">{x.scopeLabel}</Text>
                  </View>
                </View>
                <Text className="bulk-code" onClick={() => void Taro.setClipboardData({ data: x.code! })}>
                  {x.code}
                </Text>
              </View>
            ))}
          </>
        )}
        {skipped.length > 0 && (
          <Text className="muted" id="bulk-skipped">
            未生成 {skipped.length} 人：{[...new Set(skipped.map((x) => x.skipped))].join('；')}
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
