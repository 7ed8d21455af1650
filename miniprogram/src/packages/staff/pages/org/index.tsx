import type { CastUnitView, HostUnitView, SocietyView, UnitView } from '@shared/api/org';
import { type HostUnitKind, hostUnitKindLabels, hostUnitKinds, societyLevelLabels, societyLevelSchema } from '@shared/schemas/org';
import { Button, Input, Picker, Switch, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { NoticeText } from '../../../../components/NoticeText';
import { PermissionDenied } from '../../../../components/PermissionDenied';
import { EntityPicker } from '../../../../components/pickers';
import { Invalid, useAction } from '../../../../hooks/useAction';
import { useMe } from '../../../../hooks/useMe';
import {
  type CastUnitForm,
  clearedBy,
  emptyHostUnit,
  emptySociety,
  formFieldOf,
  type HostUnitForm,
  hostUnitFormOf,
  hostUnitLocalIssues,
  hostUnitPayload,
  type SocietyForm,
  societyFormOf,
  societyPayload,
} from '../../../../lib/org-forms';
import { newRequestId } from '../../../../platform/request-id';
import { ApiError, errorText } from '../../../../services/errors';
import { orgClient } from '../../../../services/org';
import { Field, FieldSummary, TextField } from './Field';

type Kind = 'castUnit' | 'society' | 'hostUnit';
const kinds: Kind[] = ['society', 'hostUnit', 'castUnit'];
const kindLabels: Record<Kind, string> = { castUnit: '科协单位', society: '学会', hostUnit: '建站单位' };
const levels = societyLevelSchema.options;

type AnyForm = SocietyForm | HostUnitForm | CastUnitForm;
interface Editing {
  kind: Kind;
  /** the record edited, or null for a new one */
  row: UnitView | null;
}
const draftKey = (e: Editing) => `${e.kind}:${e.row?.id ?? 'new'}`;

const societyLabels: Record<string, string> = {
  name: '学会名称',
  level: '级别',
  castUnitId: '所属科协',
  creditCode: '统一社会信用代码',
  contactName: '联系人',
  contactPhone: '联系电话',
};
const hostLabels: Record<string, string> = {
  name: '单位名称',
  kind: '单位性质',
  castUnitId: '所属科协',
  address: '地址',
  'location.lat': '纬度',
  'location.lng': '经度',
  'location.radiusM': '签到半径（米）',
  location: '位置',
  hasFundedExpertWorkstation: '已有市级专家工作站',
  creditCode: '统一社会信用代码',
  contactName: '联系人',
  contactPhone: '联系电话',
};
const castLabels: Record<string, string> = { name: '单位名称', parentId: '所属市科协' };

/**
 * 组织机构 (issue 13, item 4): the CAST units, societies and host units the caller oversees, searched
 * by name; a row opens its form, 新增 a new one. A form keeps what was typed while the page is open
 * (a draft per record, kept on a failed save and on going back to the list) and shows the server's
 * field errors in Chinese under each field and in a summary. Units are chosen by name, never by id.
 */
export default function OrgUnits() {
  const { me } = useMe();
  const [kind, setKind] = useState<Kind>('society');
  const [q, setQ] = useState('');
  const [showInactive, setShowInactive] = useState(false);
  const [rows, setRows] = useState<UnitView[] | null>(null);
  const [total, setTotal] = useState(0);
  const [castUnits, setCastUnits] = useState<CastUnitView[]>([]);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [form, setForm] = useState<AnyForm | null>(null);
  const [denied, setDenied] = useState<string | null>(null);
  const drafts = useRef(new Map<string, AnyForm>());
  const list = useAction();
  const save = useAction();
  const seq = useRef(0);

  const isCity = me?.bindings.some((b) => b.role === 'cityStaff') ?? false;
  const ownUnit = me?.bindings.find((b) => b.role === 'cityStaff' || b.role === 'countyStaff')?.scope.castUnitId ?? null;
  const unitNames = new Map(castUnits.map((u) => [u.id, u.name] as const));

  const load = async (k = kind, query = q, inactive = showInactive) => {
    const mine = ++seq.current;
    try {
      const page = await orgClient.listUnits({
        kind: k,
        includeInactive: inactive,
        limit: 200,
        offset: 0,
        ...(query.trim() ? { q: query.trim() } : {}),
      });
      if (mine !== seq.current) return;
      setRows(page.items);
      setTotal(page.total);
      list.clearError();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'AUTH.FORBIDDEN') setDenied(errorText(e));
      else list.say('err', errorText(e));
    }
  };
  const loadCastUnits = () =>
    orgClient
      .listUnits({ kind: 'castUnit', includeInactive: true, limit: 200, offset: 0 })
      .then((p) => setCastUnits(p.items as CastUnitView[]))
      .catch(() => undefined);
  useDidShow(() => {
    void load();
    void loadCastUnits();
  });

  const switchKind = (k: Kind) => {
    setKind(k);
    setRows(null);
    void load(k, q, showInactive);
  };

  const open = (e: Editing) => {
    const saved = drafts.current.get(draftKey(e));
    let f: AnyForm;
    if (saved) f = saved;
    else if (e.kind === 'society') f = e.row ? societyFormOf(e.row as SocietyView) : emptySociety(ownUnit);
    else if (e.kind === 'hostUnit') f = e.row ? hostUnitFormOf(e.row as HostUnitView) : emptyHostUnit(ownUnit);
    else f = { name: e.row ? (e.row as CastUnitView).name : '' };
    save.clear();
    setEditing(e);
    setForm(f);
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
  };
  const change = (patch: Partial<AnyForm>) => {
    if (!editing || !form) return;
    const next = { ...form, ...patch } as AnyForm;
    drafts.current.set(draftKey(editing), next);
    setForm(next);
    save.setFieldErrors((errors) => clearedBy(errors, Object.keys(patch)));
  };
  const back = () => {
    setEditing(null);
    setForm(null);
    save.clear();
  };

  const submit = async () => {
    if (!editing || !form) return;
    const id = editing.row?.id ?? null;
    const done = await save.run(
      async () => {
        const requestId = await newRequestId();
        if (editing.kind === 'society') return orgClient.saveSociety({ requestId, society: societyPayload(form as SocietyForm, id) });
        if (editing.kind === 'hostUnit') {
          const local = hostUnitLocalIssues(form as HostUnitForm);
          if (Object.keys(local).length) throw new Invalid(local);
          return orgClient.saveHostUnit({ requestId, hostUnit: hostUnitPayload(form as HostUnitForm, id) });
        }
        const name = (form as CastUnitForm).name.trim();
        return orgClient.saveCastUnit({ requestId, castUnit: id ? { id, name } : { name } });
      },
      { fieldPath: formFieldOf, notice: 'unlessFields', error: { offline: '网络不可用，未保存；填写的内容仍在本页，恢复网络后再点保存' } },
    );
    if (!done) return; // the draft stays: nothing typed is lost
    drafts.current.delete(draftKey(editing));
    const name = 'name' in form ? form.name.trim() : '';
    back();
    list.say('ok', done.changed ? `已保存：${name}` : `没有改动：${name}`);
    await load();
    if (editing.kind === 'castUnit') void loadCastUnits();
  };

  const toggleActive = async (row: UnitView) => {
    const name = 'name' in row ? row.name : '';
    const res = await Taro.showModal({
      title: row.active ? '停用' : '恢复',
      content: row.active ? `确定停用「${name}」？停用后不再用于新的申报、服务站和邀请，已有记录保留。` : `确定恢复「${name}」？`,
    });
    if (!res.confirm) return;
    const ok = await list.run(
      async () =>
        orgClient.deactivate({
          requestId: await newRequestId(),
          entity: kind,
          id: row.id,
          reason: row.active ? '工作人员在组织机构页停用' : '工作人员在组织机构页恢复',
          restore: !row.active,
        }),
      { ok: row.active ? `已停用：${name}` : `已恢复：${name}`, error: { fields: 'first' } },
    );
    if (ok) {
      back();
      await load();
    }
  };

  if (denied) return <PermissionDenied message={denied} home="/packages/staff/pages/home/index" what="组织机构" />;

  if (editing && form) {
    const fe = save.fieldErrors;
    const labels = editing.kind === 'society' ? societyLabels : editing.kind === 'hostUnit' ? hostLabels : castLabels;
    const title = `${editing.row ? '编辑' : '新增'}${kindLabels[editing.kind]}`;
    return (
      <View className="page" id="org-form" data-kind={editing.kind}>
        <Text className="title">{title}</Text>
        <FieldSummary errors={fe} labels={labels} title={title} />
        {editing.kind === 'society' && <SocietyFields form={form as SocietyForm} errors={fe} onChange={change} units={unitNames} />}
        {editing.kind === 'hostUnit' && <HostUnitFields form={form as HostUnitForm} errors={fe} onChange={change} units={unitNames} />}
        {editing.kind === 'castUnit' && (
          <TextField
            id="name"
            label="单位名称"
            required
            value={(form as CastUnitForm).name}
            error={fe.name}
            onChange={(v) => change({ name: v })}
            hint={editing.row ? undefined : '新增的是本市下属的县市区科协'}
          />
        )}
        <NoticeText notice={save.notice} id="org-save-notice" />
        <View className="org-actions">
          <Button className="btn-plain" id="org-cancel" onClick={back}>
            返回列表
          </Button>
          <Button className="btn" id="org-save" onClick={() => void submit()}>
            {save.busy ? '正在保存…' : '保存'}
          </Button>
        </View>
        {editing.row && (editing.kind !== 'castUnit' || isCity) ? (
          <Button className="btn-danger" id="org-deactivate" onClick={() => void toggleActive(editing.row!)}>
            {editing.row.active ? '停用' : '恢复'}
          </Button>
        ) : null}
      </View>
    );
  }

  const canAdd = kind !== 'castUnit' || isCity;
  return (
    <View className="page" id="org-units">
      <Text className="title">组织机构</Text>
      <View className="org-tabs">
        {kinds.map((k) => (
          <Text key={k} className={`org-tab ${k === kind ? 'active' : ''}`} id={`tab-${k}`} onClick={() => switchKind(k)}>
            {kindLabels[k]}
          </Text>
        ))}
      </View>
      <Input
        className="input"
        id="org-search"
        value={q}
        placeholder={`搜索${kindLabels[kind]}名称或拼音首字母`}
        onInput={(e) => {
          setQ(e.detail.value);
          void load(kind, e.detail.value, showInactive);
        }}
      />
      <View className="org-switch-row">
        <Text className="muted">显示已停用的</Text>
        <Switch
          className="org-switch"
          checked={showInactive}
          id="org-show-inactive"
          onChange={(e) => {
            setShowInactive(e.detail.value);
            void load(kind, q, e.detail.value);
          }}
        />
      </View>
      <NoticeText notice={list.notice} id="org-list-notice" />
      {canAdd && (
        <Button className="btn" id={`org-add-${kind}`} onClick={() => open({ kind, row: null })}>
          新增{kindLabels[kind]}
        </Button>
      )}
      <Text className="subtitle">
        {kindLabels[kind]}（{rows ? total : '…'}）
      </Text>
      {rows && rows.length === 0 ? (
        <Text className="muted" id="org-empty">
          {q.trim() ? `没有与“${q.trim()}”相符的${kindLabels[kind]}` : `还没有${kindLabels[kind]}`}
        </Text>
      ) : null}
      {rows?.map((r) => (
        <View
          key={r.id}
          className={`card org-row ${r.active ? '' : 'inactive'}`}
          data-unit-row={'name' in r ? r.name : ''}
          onClick={() => open({ kind, row: r })}
        >
          <View className="org-row-main">
            <Text className="org-row-name">{'name' in r ? r.name : ''}</Text>
            <RowTags kind={kind} row={r} />
          </View>
          <Text className="org-go">编辑 ›</Text>
        </View>
      ))}
    </View>
  );
}

function RowTags({ kind, row }: { kind: Kind; row: UnitView }) {
  const tags: string[] = [];
  let note = '';
  if (kind === 'society') {
    const s = row as SocietyView;
    tags.push(societyLevelLabels[s.level]);
    note = s.castUnitName;
  } else if (kind === 'hostUnit') {
    const h = row as HostUnitView;
    tags.push(hostUnitKindLabels[h.kind]);
    if (h.hasFundedExpertWorkstation) tags.push('已有专家工作站');
    note = h.castUnitName;
  } else {
    tags.push((row as CastUnitView).kind === 'city' ? '市科协' : '县市区科协');
  }
  if (!row.active) tags.push('已停用');
  return (
    <View>
      {tags.map((t) => (
        <Text key={t} className={`tag ${t === '已停用' ? 'tag-red' : ''}`}>
          {t}
        </Text>
      ))}
      {note ? <Text className="muted">{note}</Text> : null}
    </View>
  );
}

function SocietyFields({
  form,
  errors,
  onChange,
  units,
}: {
  form: SocietyForm;
  errors: Record<string, string>;
  onChange: (p: Partial<SocietyForm>) => void;
  units: ReadonlyMap<string, string>;
}) {
  return (
    <View>
      <TextField
        id="name"
        label="学会名称"
        required
        value={form.name}
        error={errors.name}
        maxlength={60}
        onChange={(v) => onChange({ name: v })}
      />
      <Field id="level" label="级别" required error={errors.level}>
        <Picker
          mode="selector"
          range={levels.map((l) => societyLevelLabels[l])}
          value={levels.indexOf(form.level)}
          onChange={(e) => onChange({ level: levels[Number(e.detail.value)]! })}
        >
          <View className="input org-choice" id="pick-level">
            <Text>{societyLevelLabels[form.level]}</Text>
            <Text className="org-go">选择 ›</Text>
          </View>
        </Picker>
      </Field>
      <Field id="castUnitId" label="所属科协" error={errors.castUnitId} hint="默认为您所在的科协">
        <EntityPicker
          kind="castUnit"
          id="pick-castUnit"
          label="所属科协"
          value={form.castUnitId ? { id: form.castUnitId, name: units.get(form.castUnitId) ?? '', detail: '' } : null}
          onChange={(v) => onChange({ castUnitId: v?.id ?? null })}
        />
      </Field>
      <TextField
        id="creditCode"
        label="统一社会信用代码"
        value={form.creditCode}
        error={errors.creditCode}
        maxlength={18}
        placeholder="18 位，选填"
        onChange={(v) => onChange({ creditCode: v })}
      />
      <TextField
        id="contactName"
        label="联系人"
        value={form.contactName}
        error={errors.contactName}
        maxlength={40}
        onChange={(v) => onChange({ contactName: v })}
      />
      <TextField
        id="contactPhone"
        label="联系电话"
        value={form.contactPhone}
        error={errors.contactPhone}
        maxlength={20}
        placeholder="手机或座机，选填"
        onChange={(v) => onChange({ contactPhone: v })}
      />
    </View>
  );
}

function HostUnitFields({
  form,
  errors,
  onChange,
  units,
}: {
  form: HostUnitForm;
  errors: Record<string, string>;
  onChange: (p: Partial<HostUnitForm>) => void;
  units: ReadonlyMap<string, string>;
}) {
  return (
    <View>
      <TextField
        id="name"
        label="单位名称"
        required
        value={form.name}
        error={errors.name}
        maxlength={100}
        onChange={(v) => onChange({ name: v })}
      />
      <Field id="kind" label="单位性质" required error={errors.kind}>
        <Picker
          mode="selector"
          range={hostUnitKinds.map((k) => hostUnitKindLabels[k])}
          value={hostUnitKinds.indexOf(form.kind)}
          onChange={(e) => onChange({ kind: hostUnitKinds[Number(e.detail.value)] as HostUnitKind })}
        >
          <View className="input org-choice" id="pick-kind">
            <Text>{hostUnitKindLabels[form.kind]}</Text>
            <Text className="org-go">选择 ›</Text>
          </View>
        </Picker>
      </Field>
      <Field id="castUnitId" label="所属科协" error={errors.castUnitId} hint="默认为您所在的科协">
        <EntityPicker
          kind="castUnit"
          id="pick-castUnit"
          label="所属科协"
          value={form.castUnitId ? { id: form.castUnitId, name: units.get(form.castUnitId) ?? '', detail: '' } : null}
          onChange={(v) => onChange({ castUnitId: v?.id ?? null })}
        />
      </Field>
      <TextField
        id="address"
        label="地址"
        value={form.address}
        error={errors.address}
        maxlength={200}
        onChange={(v) => onChange({ address: v })}
      />
      <TextField
        id="location.lat"
        label="纬度"
        type="digit"
        value={form.lat}
        error={errors['location.lat'] ?? errors.location}
        placeholder="如 28.55，选填"
        hint="服务站签到位置（经纬度与签到半径三项一起填写，或都留空）"
        onChange={(v) => onChange({ lat: v })}
      />
      <TextField
        id="location.lng"
        label="经度"
        type="digit"
        value={form.lng}
        error={errors['location.lng']}
        placeholder="如 112.36"
        onChange={(v) => onChange({ lng: v })}
      />
      <TextField
        id="location.radiusM"
        label="签到半径（米）"
        type="number"
        value={form.radiusM}
        error={errors['location.radiusM']}
        placeholder="50–50000"
        onChange={(v) => onChange({ radiusM: v })}
      />
      <Field id="hasFundedExpertWorkstation" label="已有市级专家工作站（已获资助）" error={errors.hasFundedExpertWorkstation}>
        <View className="org-switch-row">
          <Text className="muted">{form.funded ? '是（只能申报国家级服务站）' : '否'}</Text>
          <Switch className="org-switch" checked={form.funded} id="in-funded" onChange={(e) => onChange({ funded: e.detail.value })} />
        </View>
      </Field>
      <TextField
        id="creditCode"
        label="统一社会信用代码"
        value={form.creditCode}
        error={errors.creditCode}
        maxlength={18}
        placeholder="18 位，选填"
        onChange={(v) => onChange({ creditCode: v })}
      />
      <TextField
        id="contactName"
        label="联系人"
        value={form.contactName}
        error={errors.contactName}
        maxlength={40}
        onChange={(v) => onChange({ contactName: v })}
      />
      <TextField
        id="contactPhone"
        label="联系电话"
        value={form.contactPhone}
        error={errors.contactPhone}
        maxlength={20}
        placeholder="手机或座机，选填"
        onChange={(v) => onChange({ contactPhone: v })}
      />
    </View>
  );
}
