import type { PersonView, StationView } from '@shared/api/org';
import { chinaDateOf } from '@shared/calendar/china-time';
import { listProgrammes } from '@shared/programmes';
import { stationStatusLabels } from '@shared/rules/org-import';
import { industryFields, type StationLevel, stationLevelLabels } from '@shared/schemas/org';
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { ErrorText } from '../../../../components/ErrorText';
import { PermissionDenied } from '../../../../components/PermissionDenied';
import { EntityPicker, type Picked } from '../../../../components/pickers';
import { useAction } from '../../../../hooks/useAction';
import { newRequestId } from '../../../../platform/request-id';
import { ApiError, errorText } from '../../../../services/errors';
import { orgClient } from '../../../../services/org';
import './stations.css';

type Status = keyof typeof stationStatusLabels;
const statuses = Object.keys(stationStatusLabels) as Status[];
const levels = Object.keys(stationLevelLabels) as StationLevel[];
const terms = [1, 2, 3, 4, 5];
/** The programmes that recognise stations (a level to choose). */
const stationProgrammes = () => listProgrammes().filter((p) => p.kinds.some((k) => (k.stationLevels ?? []).length > 0));
const today = () => chinaDateOf(Date.now());

interface Form {
  id: string | null;
  name: string;
  programmeId: string;
  level: StationLevel;
  society: Picked | null;
  hostUnit: Picked | null;
  industryField: (typeof industryFields)[number];
  plaqueDate: string;
  termYears: number;
  status: Status;
  goLiveDate: string;
}
const blank = (): Form => ({
  id: null,
  name: '',
  programmeId: stationProgrammes()[0]?.id ?? '',
  level: 'city',
  society: null,
  hostUnit: null,
  industryField: '其他',
  plaqueDate: '',
  termYears: 2,
  status: 'active',
  goLiveDate: '',
});
const formOf = (s: StationView): Form => ({
  id: s.id,
  name: s.name,
  programmeId: s.programmeId,
  level: s.level,
  society: { id: s.societyId, name: s.societyName, detail: '' },
  hostUnit: { id: s.hostUnitId, name: s.hostUnitName, detail: '' },
  industryField: s.industryField,
  plaqueDate: s.plaqueDate,
  termYears: s.termYears,
  status: s.status,
  goLiveDate: s.goLiveDate ?? '',
});

/**
 * 服务站 (staff, issue 13 item 4): the stations the caller oversees, with search; add a station that
 * already exists (plaqued before the system: programme, level, society and host unit by picker, plaque
 * date, term, status, go-live date) or edit one; and its expert team — add with the day they joined,
 * remove with the day they left (org.setTeam keeps the history: current and past members are shown).
 */
export default function Stations() {
  const [items, setItems] = useState<StationView[]>([]);
  const [q, setQ] = useState('');
  const [form, setForm] = useState<Form | null>(null);
  const [team, setTeam] = useState<StationView | null>(null);
  const [names, setNames] = useState<Record<string, string>>({});
  const [adding, setAdding] = useState<Picked | null>(null);
  const [joined, setJoined] = useState(today());
  const [denied, setDenied] = useState<string | null>(null);
  const action = useAction();
  const teamAction = useAction();
  const programmes = stationProgrammes();

  const load = async (query = q) => {
    try {
      const page = await orgClient.listUnits({
        kind: 'station',
        limit: 200,
        includeInactive: true,
        ...(query.trim() ? { q: query.trim() } : {}),
      });
      setItems(page.items as StationView[]);
      return page.items as StationView[];
    } catch (e) {
      if (e instanceof ApiError && e.code === 'AUTH.FORBIDDEN') setDenied(errorText(e));
      else action.say('err', errorText(e));
      return [];
    }
  };
  /** The names of the people on a team (a person's name is never an id on screen). */
  const loadNames = async (s: StationView) => {
    const want = new Set(s.team.map((m) => m.personId));
    const found: Record<string, string> = {};
    for (let offset: number | null = 0; offset !== null && Object.keys(found).length < want.size; ) {
      const page = await orgClient.listUnits({ kind: 'person', offset, limit: 200, includeInactive: true });
      for (const p of page.items as PersonView[]) if (want.has(p.id)) found[p.id] = p.name;
      offset = page.nextOffset;
    }
    setNames(found);
  };
  useDidShow(() => void load());

  const set = <K extends keyof Form>(k: K, v: Form[K]) => form && setForm({ ...form, [k]: v });
  const save = () =>
    action.run(
      async () => {
        if (!form) return;
        await orgClient.saveStation({
          requestId: await newRequestId(),
          station: {
            ...(form.id ? { id: form.id } : {}),
            name: form.name.trim(),
            programmeId: form.programmeId,
            level: form.level,
            societyId: form.society?.id ?? '',
            hostUnitId: form.hostUnit?.id ?? '',
            industryField: form.industryField,
            plaqueDate: form.plaqueDate,
            termYears: form.termYears,
            status: form.status,
            goLiveDate: form.goLiveDate || null,
          },
        });
        setForm(null);
        await load();
        return `已保存：${form.name.trim()}`;
      },
      { ok: (t) => t ?? null, fieldPath: (p) => p.replace(/^station\./, ''), error: { fields: 'first', other: '网络不可用' } },
    );
  const openTeam = async (s: StationView) => {
    setForm(null);
    setTeam(s);
    setAdding(null);
    setJoined(today());
    await loadNames(s);
  };
  const current = (team?.team ?? []).filter((m) => m.to === null);
  const past = (team?.team ?? []).filter((m) => m.to !== null);
  const writeTeam = (experts: { personId: string; from: string }[], leftOn: string | null, done: string) =>
    teamAction.run(
      async () => {
        if (!team) return null;
        await orgClient.setTeam({ requestId: await newRequestId(), stationId: team.id, experts, ...(leftOn ? { leftOn } : {}) });
        const fresh = (await load()).find((s) => s.id === team.id) ?? null;
        setTeam(fresh);
        if (fresh) await loadNames(fresh);
        setAdding(null);
        return done;
      },
      { ok: (t) => t, error: { fields: 'first', other: '网络不可用' } },
    );
  const addMember = () => {
    if (!adding) return teamAction.say('err', '请选择专家');
    void writeTeam(
      [...current.map((m) => ({ personId: m.personId, from: m.from })), { personId: adding.id, from: joined }],
      null,
      `已加入团队：${adding.name}`,
    );
  };
  const removeMember = (personId: string) =>
    void writeTeam(
      current.filter((m) => m.personId !== personId).map((m) => ({ personId: m.personId, from: m.from })),
      today(),
      `已移出团队：${names[personId] ?? ''}`,
    );

  if (denied) return <PermissionDenied message={denied} home="/packages/staff/pages/home/index" what="服务站" />;
  const fe = action.fieldErrors;
  return (
    <View className="page">
      <Text className="title">服务站</Text>
      {!form && !team && (
        <>
          <Input
            className="input"
            id="stations-search"
            value={q}
            placeholder="搜索服务站名称或拼音首字母"
            onInput={(e) => {
              setQ(e.detail.value);
              void load(e.detail.value);
            }}
          />
          <Button className="btn" id="station-add" onClick={() => setForm(blank())}>
            录入已有服务站
          </Button>
          {action.notice ? <Text className={action.notice.tone === 'err' ? 'error' : action.notice.tone}>{action.notice.text}</Text> : null}
          {items.length === 0 ? <Text className="muted">{q.trim() ? `没有与“${q.trim()}”相符的服务站` : '还没有服务站'}</Text> : null}
          {items.map((s) => (
            <View className="card" key={s.id} data-station={s.name}>
              <View className="row">
                <Text>{s.name}</Text>
                <Text className={`tag${s.status === 'active' ? ' tag-green' : ' tag-amber'}`}>
                  {s.active ? stationStatusLabels[s.status] : '已停用'}
                </Text>
              </View>
              <Text className="muted block">
                {stationLevelLabels[s.level]} · {s.societyName} · {s.hostUnitName}
              </Text>
              <Text className="muted block">
                授牌 {s.plaqueDate} · {s.termYears} 年{s.goLiveDate ? ` · 上线 ${s.goLiveDate}` : ''} · 专家{' '}
                {s.team.filter((m) => m.to === null).length} 人
              </Text>
              <View className="station-actions">
                <Button className="btn-plain" data-edit={s.name} onClick={() => setForm(formOf(s))}>
                  编辑
                </Button>
                <Button className="btn-plain" data-team={s.name} onClick={() => void openTeam(s)}>
                  专家团队
                </Button>
              </View>
            </View>
          ))}
        </>
      )}

      {form && (
        <View className="card" id="station-form">
          <Text className="subtitle">{form.id ? '编辑服务站' : '录入已有服务站'}</Text>
          <Input
            className={`input${fe.name ? ' input-error' : ''}`}
            id="station-name"
            placeholder="服务站名称"
            value={form.name}
            onInput={(e) => set('name', e.detail.value)}
          />
          <ErrorText message={fe.name} />
          <Picker
            mode="selector"
            range={programmes.map((p) => p.title)}
            value={Math.max(
              0,
              programmes.findIndex((p) => p.id === form.programmeId),
            )}
            onChange={(e) => set('programmeId', programmes[Number(e.detail.value)]!.id)}
          >
            <View className="input tap picker-line" id="station-programme">
              项目：{programmes.find((p) => p.id === form.programmeId)?.title ?? '请选择'}
            </View>
          </Picker>
          <Picker
            mode="selector"
            range={levels.map((l) => stationLevelLabels[l])}
            value={levels.indexOf(form.level)}
            onChange={(e) => set('level', levels[Number(e.detail.value)]!)}
          >
            <View className="input tap picker-line" id="station-level">
              级别：{stationLevelLabels[form.level]}
            </View>
          </Picker>
          <ErrorText message={fe.level} />
          <EntityPicker
            kind="society"
            label="学会"
            value={form.society}
            onChange={(v) => set('society', v)}
            id="station-society"
            {...(fe.societyId ? { error: fe.societyId } : {})}
          />
          <EntityPicker
            kind="hostUnit"
            label="建站单位"
            value={form.hostUnit}
            onChange={(v) => set('hostUnit', v)}
            id="station-host"
            {...(fe.hostUnitId ? { error: fe.hostUnitId } : {})}
          />
          <Picker
            mode="selector"
            range={[...industryFields]}
            value={industryFields.indexOf(form.industryField)}
            onChange={(e) => set('industryField', industryFields[Number(e.detail.value)]!)}
          >
            <View className="input tap picker-line">行业领域：{form.industryField}</View>
          </Picker>
          <Picker mode="date" value={form.plaqueDate || today()} onChange={(e) => set('plaqueDate', e.detail.value)}>
            <View className={`input tap picker-line${fe.plaqueDate ? ' input-error' : ''}`} id="station-plaque">
              授牌日期：{form.plaqueDate || '请选择'}
            </View>
          </Picker>
          <ErrorText message={fe.plaqueDate} />
          <Picker
            mode="selector"
            range={terms.map((t) => `${t} 年`)}
            value={terms.indexOf(form.termYears)}
            onChange={(e) => set('termYears', terms[Number(e.detail.value)]!)}
          >
            <View className="input tap picker-line">任期：{form.termYears} 年</View>
          </Picker>
          <Picker
            mode="selector"
            range={statuses.map((s) => stationStatusLabels[s])}
            value={statuses.indexOf(form.status)}
            onChange={(e) => set('status', statuses[Number(e.detail.value)]!)}
          >
            <View className="input tap picker-line">状态：{stationStatusLabels[form.status]}</View>
          </Picker>
          <Picker mode="date" value={form.goLiveDate || today()} onChange={(e) => set('goLiveDate', e.detail.value)}>
            <View className={`input tap picker-line${fe.goLiveDate ? ' input-error' : ''}`} id="station-golive">
              上线日期：{form.goLiveDate || '（选填）在本系统开始登记的日期'}
            </View>
          </Picker>
          <ErrorText message={fe.goLiveDate} />
          {action.notice?.tone === 'err' ? <ErrorText message={action.notice.text} /> : null}
          <Button className="btn" id="station-save" onClick={() => !action.busy && void save()}>
            {action.busy ? '正在保存…' : '保存'}
          </Button>
          <Button className="btn-plain" onClick={() => setForm(null)}>
            取消
          </Button>
        </View>
      )}

      {team && (
        <View id="station-team">
          <View className="card">
            <Text className="subtitle">{team.name} · 专家团队</Text>
            <Text className="muted block">现任专家（{current.length}）</Text>
            {current.map((m) => (
              <View className="row team-row" key={`${m.personId}-${m.from}`} data-member={names[m.personId] ?? ''}>
                <View>
                  <Text>{names[m.personId] ?? '…'}</Text>
                  <Text className="muted block">{m.from} 起</Text>
                </View>
                <Button className="btn-danger" size="mini" onClick={() => removeMember(m.personId)}>
                  移出
                </Button>
              </View>
            ))}
            <Text className="muted block team-gap">加入专家</Text>
            <EntityPicker kind="person" label="专家" value={adding} onChange={setAdding} id="team-person" />
            <Picker mode="date" value={joined} onChange={(e) => setJoined(e.detail.value)}>
              <View className="input tap picker-line" id="team-from">
                加入日期：{joined}
              </View>
            </Picker>
            {teamAction.notice ? (
              <Text className={teamAction.notice.tone === 'err' ? 'error' : teamAction.notice.tone}>{teamAction.notice.text}</Text>
            ) : null}
            <Button className="btn" id="team-add" onClick={() => !teamAction.busy && addMember()}>
              {teamAction.busy ? '正在保存…' : '加入团队'}
            </Button>
          </View>
          {past.length > 0 && (
            <View className="card" id="team-past">
              <Text className="muted block">曾任专家（{past.length}）</Text>
              {past.map((m) => (
                <View className="team-row" key={`${m.personId}-${m.from}`}>
                  <Text>{names[m.personId] ?? '…'}</Text>
                  <Text className="muted block">
                    {m.from} 至 {m.to}
                  </Text>
                </View>
              ))}
            </View>
          )}
          <Button className="btn-plain" id="team-back" onClick={() => setTeam(null)}>
            返回服务站列表
          </Button>
        </View>
      )}
    </View>
  );
}
