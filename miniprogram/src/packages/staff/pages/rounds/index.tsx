import type { RoundView } from '@shared/api/applications';
import type { CityProgrammes } from '@shared/api/org';
import { chinaDateOf } from '@shared/calendar/china-time';
import { getProgramme, type Programme } from '@shared/programmes';
import { Button, Switch, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { DateField } from '../../../../components/form/DateField';
import { NoticeText } from '../../../../components/NoticeText';
import { PermissionDenied } from '../../../../components/PermissionDenied';
import { useAction } from '../../../../hooks/useAction';
import { clearedBy } from '../../../../lib/org-forms';
import { newRequestId } from '../../../../platform/request-id';
import { applicationsClient } from '../../../../services/applications';
import { ensureDefinition } from '../../../../services/definitions';
import { ApiError, errorText } from '../../../../services/errors';
import { orgClient } from '../../../../services/org';
import { Field, FieldSummary, TextField } from '../org/Field';
import '../org/org.css';

interface RoundForm {
  programmeId: string;
  year: number;
  title: string;
  opensOn: string;
  closesOn: string;
  /** limit id → the number as typed */
  limits: Record<string, string>;
}

/** The limits a programme leaves to each round (第三条: 奖励名额由市科协每年确定). */
const openLimits = (p: Programme) => p.limits.filter((l) => l.type === 'perRound' && l.max === null);

const fieldOfPath = (path: string) => path.replace(/^round\./, '');

/**
 * 申报批次 (issue 13, item 4): the rounds of the programmes the caller's city offers, by programme and
 * year; a round opens its form, 开启新批次 a new one (programme, year, open and close dates on the
 * date wheel, the numbers the programme leaves to each round). The typed form is kept while the page
 * is open and on a failed save; the server's field errors show under each field.
 */
export default function Rounds() {
  const [rounds, setRounds] = useState<RoundView[] | null>(null);
  const [cities, setCities] = useState<CityProgrammes['cities']>([]);
  const [filter, setFilter] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ round: RoundView | null } | null>(null);
  const [form, setForm] = useState<RoundForm | null>(null);
  const [denied, setDenied] = useState<string | null>(null);
  const drafts = useRef(new Map<string, RoundForm>());
  const list = useAction();
  const save = useAction();

  // the programmes the caller's own unit enables (org.cityProgrammes; shared/rules/offer.ts): their city's,
  // or, for county staff, their county's district programmes (issue 16 item 4) — the units whose rounds they open
  const enabledIds = new Set(cities.filter((c) => c.mayChange).flatMap((c) => c.programmes.filter((p) => p.enabled).map((p) => p.id)));
  const offered = [...enabledIds].map((id) => getProgramme(id)).filter((p): p is Programme => p !== undefined);
  const load = async () => {
    try {
      const [mine, all] = await Promise.all([orgClient.cityProgrammes({}), applicationsClient.rounds({})]);
      // an installed programme's definition is served, not bundled (issue 16 item 6)
      await Promise.all(mine.cities.flatMap((c) => c.programmes.filter((p) => p.enabled).map((p) => ensureDefinition(p.id))));
      setCities(mine.cities);
      setRounds(all);
      list.clearError();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'AUTH.FORBIDDEN') setDenied(errorText(e));
      else list.say('err', errorText(e));
    }
  };
  useDidShow(() => void load());

  const today = chinaDateOf(Date.now());
  const thisYear = Number(today.slice(0, 4));
  const years = [thisYear - 1, thisYear, thisYear + 1, thisYear + 2];
  const shownProgrammes = offered.filter((p) => !filter || p.id === filter);
  const keyOf = (r: RoundView | null) => r?.id ?? 'new';

  const open = (round: RoundView | null) => {
    const draft = drafts.current.get(keyOf(round));
    const first = filter ? offered.find((p) => p.id === filter) : offered[0];
    const f: RoundForm =
      draft ??
      (round
        ? {
            programmeId: round.programmeId,
            year: round.year,
            title: round.title,
            opensOn: round.opensOn,
            closesOn: round.closesOn,
            limits: Object.fromEntries(Object.entries(round.quotas).map(([k, v]) => [k, String(v)])),
          }
        : { programmeId: first?.id ?? '', year: thisYear, title: '', opensOn: '', closesOn: '', limits: {} });
    save.clear();
    setEditing({ round });
    setForm(f);
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
  };
  const change = (patch: Partial<RoundForm>) => {
    if (!editing || !form) return;
    const next = { ...form, ...patch };
    drafts.current.set(keyOf(editing.round), next);
    setForm(next);
    const limitKeys = Object.keys(patch.limits ?? {})
      .filter((k) => patch.limits?.[k] !== form.limits[k])
      .map((k) => `limits.${k}`);
    save.setFieldErrors((errors) => clearedBy(errors, [...Object.keys(patch).filter((k) => k !== 'limits'), ...limitKeys]));
  };
  const back = () => {
    setEditing(null);
    setForm(null);
    save.clear();
  };

  const submit = async () => {
    if (!editing || !form) return;
    const programme = offered.find((p) => p.id === form.programmeId);
    const local: Record<string, string> = {};
    if (!programme) local.programmeId = '请选择项目';
    if (!form.opensOn) local.opensOn = '请选择开始日期';
    if (!form.closesOn) local.closesOn = '请选择截止日期';
    const limits: Record<string, number> = {};
    for (const l of programme ? openLimits(programme) : []) {
      const typed = (form.limits[l.id] ?? '').trim();
      if (!/^\d+$/.test(typed)) local[`limits.${l.id}`] = '请填写本批次的名额（整数）';
      else limits[l.id] = Number(typed);
    }
    if (Object.keys(local).length) {
      save.setFieldErrors(local);
      return;
    }
    const done = await save.run(
      async () =>
        orgClient.saveRound({
          requestId: await newRequestId(),
          round: {
            programmeId: form.programmeId,
            year: form.year,
            ...(form.title.trim() ? { title: form.title.trim() } : {}),
            opensOn: form.opensOn,
            closesOn: form.closesOn,
            limits,
          },
        }),
      { fieldPath: fieldOfPath, notice: 'unlessFields', error: { offline: '网络不可用，未保存；填写的内容仍在本页，恢复网络后再点保存' } },
    );
    if (!done) return;
    drafts.current.delete(keyOf(editing.round));
    back();
    list.say('ok', done.created ? `已开启 ${form.year} 年度批次` : done.changed ? '批次已保存' : '没有改动');
    await load();
  };

  const toggleProgramme = async (castUnitId: string, programmeId: string, title: string, enabled: boolean) => {
    if (!enabled) {
      const res = await Taro.showModal({
        title: '停用项目',
        content: `确定停用「${title}」？停用后本市申报人不再看到该项目，已有批次和申报保留。`,
      });
      if (!res.confirm) return void load();
    }
    await list.run(async () => orgClient.setProgrammeEnabled({ requestId: await newRequestId(), programmeId, enabled, castUnitId }), {
      ok: enabled ? `已启用：${title}` : `已停用：${title}`,
      error: { fields: 'first' },
    });
    await load();
  };

  if (denied) return <PermissionDenied message={denied} home="/packages/staff/pages/home/index" what="申报批次" />;

  if (editing && form) {
    const fe = save.fieldErrors;
    const programme = offered.find((p) => p.id === form.programmeId);
    const isNew = editing.round === null;
    const labels: Record<string, string> = {
      programmeId: '项目',
      year: '年度',
      title: '批次名称',
      opensOn: '开始日期',
      closesOn: '截止日期',
    };
    for (const l of programme ? openLimits(programme) : []) labels[`limits.${l.id}`] = l.label;
    return (
      <View className="page" id="round-form">
        <Text className="title">{isNew ? '开启新批次' : '编辑批次'}</Text>
        <FieldSummary errors={fe} labels={labels} title="批次" />
        <Field id="programmeId" label="项目" required error={fe.programmeId}>
          {isNew ? (
            <View className="org-tabs" id="pick-programme">
              {offered.map((p) => (
                <Text
                  key={p.id}
                  className={`org-tab ${p.id === form.programmeId ? 'active' : ''}`}
                  data-programme-choice={p.id}
                  onClick={() => change({ programmeId: p.id, limits: {} })}
                >
                  {p.title}
                </Text>
              ))}
            </View>
          ) : (
            <Text className="value">{programme?.title ?? ''}</Text>
          )}
        </Field>
        <Field id="year" label="年度" required error={fe.year}>
          {isNew ? (
            <View className="org-tabs" id="pick-year">
              {years.map((y) => (
                <Text
                  key={y}
                  className={`org-tab ${y === form.year ? 'active' : ''}`}
                  data-year={y}
                  onClick={() => change({ year: y, opensOn: '', closesOn: '' })}
                >
                  {y} 年
                </Text>
              ))}
            </View>
          ) : (
            <Text className="value">{form.year} 年</Text>
          )}
        </Field>
        <TextField
          id="title"
          label="批次名称"
          value={form.title}
          error={fe.title}
          maxlength={100}
          placeholder={`选填，默认“${form.year}年度申报”`}
          onChange={(v) => change({ title: v })}
        />
        <Field id="opensOn" label="开始日期" required error={fe.opensOn}>
          <DateField
            id="date-opensOn"
            value={form.opensOn}
            start={`${form.year}-01-01`}
            end={`${form.year}-12-31`}
            initial={`${form.year}-03-01`}
            error={fe.opensOn}
            onPick={(d) => change({ opensOn: d })}
          />
        </Field>
        <Field id="closesOn" label="截止日期" required error={fe.closesOn}>
          <DateField
            id="date-closesOn"
            value={form.closesOn}
            start={`${form.year}-01-01`}
            end={`${form.year + 1}-12-31`}
            initial={form.opensOn || `${form.year}-04-30`}
            error={fe.closesOn}
            onPick={(d) => change({ closesOn: d })}
          />
        </Field>
        {programme && openLimits(programme).length > 0 ? <Text className="subtitle">本批次名额</Text> : null}
        {programme
          ? openLimits(programme).map((l) => (
              <TextField
                key={l.id}
                id={`limits.${l.id}`}
                label={l.label}
                required
                type="number"
                value={form.limits[l.id] ?? ''}
                error={fe[`limits.${l.id}`]}
                hint={l.clause}
                onChange={(v) => change({ limits: { ...form.limits, [l.id]: v } })}
              />
            ))
          : null}
        <NoticeText notice={save.notice} id="round-save-notice" />
        <View className="org-actions">
          <Button className="btn-plain" id="round-cancel" onClick={back}>
            返回列表
          </Button>
          <Button className="btn" id="round-save" onClick={() => void submit()}>
            {save.busy ? '正在保存…' : '保存'}
          </Button>
        </View>
      </View>
    );
  }

  return (
    <View className="page" id="rounds">
      <Text className="title">申报批次</Text>
      <View className="org-tabs">
        <Text className={`org-tab ${filter === null ? 'active' : ''}`} onClick={() => setFilter(null)}>
          全部项目
        </Text>
        {offered.map((p) => (
          <Text key={p.id} className={`org-tab ${filter === p.id ? 'active' : ''}`} data-programme={p.id} onClick={() => setFilter(p.id)}>
            {p.title}
          </Text>
        ))}
      </View>
      <NoticeText notice={list.notice} id="rounds-notice" />
      {cities.some((c) => c.mayChange) && offered.length === 0 ? (
        <Text className="warn" id="rounds-none-enabled">
          {cities.some((c) => c.mayChange && c.level === 'city')
            ? '本市尚未启用任何项目：请先在下方“本市启用的项目”中启用，再开启批次'
            : '本区县尚未启用发布的项目：请先在下方“本区县发布的项目”中启用，再开启批次'}
        </Text>
      ) : null}
      {cities.length > 0 && !cities.some((c) => c.mayChange) ? (
        <Text className="muted" id="rounds-city-only">
          市级项目的申报批次由市科协开启；本区县发布的项目在此开启批次
        </Text>
      ) : null}
      {offered.length > 0 ? (
        <Button className="btn" id="round-add" onClick={() => open(null)}>
          开启新批次
        </Button>
      ) : null}
      {rounds === null ? <Text className="muted">正在加载…</Text> : null}
      {rounds
        ? shownProgrammes.map((p) => {
            const mine = rounds.filter((r) => r.programmeId === p.id).sort((a, b) => b.year - a.year || b.opensOn.localeCompare(a.opensOn));
            return (
              <View key={p.id} data-programme-rounds={p.id}>
                <Text className="subtitle">{p.title}</Text>
                {mine.length === 0 ? <Text className="muted">还没有批次</Text> : null}
                {mine.map((r) => (
                  <View key={r.id} className="card org-row" data-round={r.id} onClick={() => open(r)}>
                    <View className="org-row-main">
                      <Text className="org-row-name">
                        {r.year} 年 · {r.title}
                      </Text>
                      <Text className={`tag ${r.open ? 'tag-green' : r.closesOn < today ? '' : 'tag-amber'}`}>
                        {r.open ? '申报中' : r.closesOn < today ? '已截止' : '未开始'}
                      </Text>
                      <Text className="muted">
                        {r.opensOn} 至 {r.closesOn}
                      </Text>
                    </View>
                    <Text className="org-go">编辑 ›</Text>
                  </View>
                ))}
              </View>
            );
          })
        : null}
      {cities.map((c) => (
        <View key={c.castUnitId} className="card" data-city-programmes={c.castUnitId}>
          <Text className="subtitle">
            {c.level === 'county' ? '本区县发布的项目' : '本市启用的项目'} · {c.name}
          </Text>
          {c.programmes.map((p) => (
            <View key={p.id} className="org-switch-row" data-enable={p.id}>
              <Text>{p.title}</Text>
              <Switch
                className="org-switch"
                checked={p.enabled}
                disabled={!c.mayChange || list.busy}
                onChange={(e) => void toggleProgramme(c.castUnitId, p.id, p.title, e.detail.value)}
              />
            </View>
          ))}
          {c.mayChange ? null : (
            <Text className="muted">{c.level === 'county' ? `由${c.name}工作人员启用或停用` : '由市科协工作人员启用或停用'}</Text>
          )}
        </View>
      ))}
    </View>
  );
}
