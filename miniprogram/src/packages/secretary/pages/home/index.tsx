import type { ApplicationRow, KindCall, OpenCalls } from '@shared/api/applications';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { AgreementLinks } from '../../../../components/AgreementLinks';
import { NavButton, WhoAmI } from '../../../../components/WhoAmI';
import { applicationsClient } from '../../../../services/applications';
import { awardsClient } from '../../../../services/awards';
import { DraftStore, type LocalDraft } from '../../../../services/draft-store';
import '../../../../components/FormStep.css';
import '../../../../components/form/form.css';
import { useMe } from '../../../../hooks/useMe';
import { errorText } from '../../../../services/errors';

const statusTone: Record<string, string> = {
  draft: '',
  returned: 'tag-amber',
  in_review: '',
  publicity: 'tag-amber',
  approved: 'tag-green',
  awarded: 'tag-green',
  rejected: 'tag-red',
  withdrawn: 'tag-red',
};

/** Drafts started on this phone that never reached the server (no signal when they were typed). */
function localOnlyDrafts(): LocalDraft[] {
  try {
    const keys = Taro.getStorageInfoSync().keys.filter((k) => k.startsWith('appdraft:new:'));
    return keys.map((k) => DraftStore.load(k)).filter((d): d is LocalDraft => Boolean(d?.dirty));
  } catch {
    return [];
  }
}

const applyUrl = (q: Record<string, string | undefined>) =>
  `/packages/secretary/pages/apply/index?${Object.entries(q)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${encodeURIComponent(v!)}`)
    .join('&')}`;

/** Home of society secretaries: their applications, and the programmes open to their society now. */
export default function SecretaryHome() {
  const { me, error } = useMe();
  const [rows, setRows] = useState<ApplicationRow[] | null>(null);
  const [calls, setCalls] = useState<OpenCalls | null>(null);
  const [local, setLocal] = useState<LocalDraft[]>([]);
  const [choosing, setChoosing] = useState<{ programmeId: string; roundId: string; kind: KindCall; hostUnitId?: string } | null>(null);
  const [loadError, setLoadError] = useState('');
  // 项目执行 (issue 14): shown once her society has an award with an agreement or budget
  const [awards, setAwards] = useState(0);

  useDidShow(() => {
    setLocal(localOnlyDrafts());
    Promise.all([applicationsClient.mine({}), applicationsClient.openCalls({})])
      .then(([m, c]) => {
        setRows(m);
        setCalls(c);
      })
      .catch((e: unknown) => setLoadError(errorText(e)));
    awardsClient
      .list({})
      .then((l) => setAwards(l.items.length))
      .catch(() => setAwards(0));
  });

  const start = (programmeId: string, roundId: string, kind: KindCall, hostUnitId?: string, societyId?: string) => {
    // the host unit's name rides along so the form can prefill 申报单位名称 (finding 6)
    const hostName = hostUnitId ? calls?.hostUnits.find((u) => u.id === hostUnitId)?.name : undefined;
    if (kind.chooseHostUnit && !hostUnitId) return setChoosing({ programmeId, roundId, kind });
    if (kind.chooseSociety && !societyId) return setChoosing({ programmeId, roundId, kind, ...(hostUnitId ? { hostUnitId } : {}) });
    setChoosing(null);
    void Taro.navigateTo({ url: applyUrl({ programmeId, kindId: kind.kindId, roundId, hostUnitId, societyId, unitName: hostName }) });
  };

  const open = (r: ApplicationRow) =>
    void Taro.navigateTo({
      url: r.status === 'draft' || r.status === 'returned' ? applyUrl({ id: r.id }) : `/packages/secretary/pages/detail/index?id=${r.id}`,
    });

  return (
    <View className="page" id="home-secretary">
      <Text className="title">学会秘书工作台</Text>
      {error && <Text className="error">{error}</Text>}
      <WhoAmI me={me} />
      {loadError && <Text className="error">{loadError}</Text>}
      <AgreementLinks />
      {awards > 0 && (
        <NavButton url="/pages/awards/index/index" id="nav-awards">
          {`项目执行（${awards} 个已立项项目）`}
        </NavButton>
      )}

      <Text className="subtitle">我的申报</Text>
      {rows === null && <Text className="muted">加载中…</Text>}
      {rows?.length === 0 && local.length === 0 && <Text className="muted">还没有申报。在下方选择项目开始申报。</Text>}
      {local.map((d) => (
        <View
          key={`${d.programmeId}-${d.kindId}-${d.roundId}`}
          className="card"
          onClick={() =>
            void Taro.navigateTo({
              url: applyUrl({
                programmeId: d.programmeId,
                kindId: d.kindId,
                roundId: d.roundId,
                hostUnitId: d.hostUnitId,
                societyId: d.societyId,
              }),
            })
          }
        >
          <Text className="tag tag-amber">仅保存在手机上</Text>
          <Text className="value">{String(d.values.stationName ?? d.values.projectName ?? d.values.societyName ?? '未命名草稿')}</Text>
        </View>
      ))}
      {rows?.map((r) => (
        <View key={r.id} className="card" id={`app-${r.id}`} data-app={r.id} onClick={() => open(r)}>
          <View className="row">
            <Text className="value">{r.title || r.kindLabel}</Text>
            <Text className={`tag ${statusTone[r.status] ?? ''}`}>{r.statusLabel}</Text>
          </View>
          <Text className="muted">
            {r.programmeTitle} · {r.kindLabel} · {r.roundTitle}
          </Text>
          {r.stageLabel ? <Text className="muted"> · {r.stageLabel}</Text> : null}
          {r.status === 'returned' ? <Text className="warn"> · 请按审核意见修改后重新提交</Text> : null}
        </View>
      ))}

      <Text className="subtitle">可申报的项目</Text>
      {calls?.calls.length === 0 && <Text className="muted">您的身份目前没有可申报的项目。</Text>}
      {calls?.calls.map((c) => {
        const open = c.rounds.filter((r) => r.open);
        return (
          <View key={c.programmeId} className="card" id={`call-${c.programmeId}`}>
            <Text className="value">{c.title}</Text>
            <Text className="muted">
              {c.city}
              {open.length ? ` · ${open[0]!.title}（${open[0]!.opensOn} 至 ${open[0]!.closesOn}）` : ' · 当前没有开放的申报批次'}
            </Text>
            {open.length > 0 &&
              c.kinds.map((k) => (
                <Button
                  key={k.kindId}
                  className="btn-plain"
                  id={`start-${c.programmeId}-${k.kindId}`}
                  onClick={() => start(c.programmeId, open[0]!.id, k)}
                >
                  申报：{k.label}
                </Button>
              ))}
          </View>
        );
      })}

      {/* the chooser opens as a sheet over the page, where she is looking (finding 2) */}
      {choosing && calls && <View className="sheet-mask" onClick={() => setChoosing(null)} />}
      {choosing && calls && (
        <View className="sheet" id="choose-unit">
          {choosing.kind.chooseHostUnit && !choosing.hostUnitId ? (
            <>
              <Text className="subtitle">选择建站单位</Text>
              <Text className="muted">{choosing.kind.label}：请选择申报建站的单位</Text>
              {calls.hostUnits.map((u) => (
                <View
                  key={u.id}
                  className="list-item"
                  id={`host-${u.id}`}
                  onClick={() => start(choosing.programmeId, choosing.roundId, choosing.kind, u.id)}
                >
                  <Text>{u.name}</Text>
                </View>
              ))}
              {/* Units are kept by the city CAST; this release has no way to request a new one here. */}
              <View className="banner" id="unit-not-listed">
                <Text>
                  找不到建站单位？单位名单由市科协统一维护，小程序中暂不能自行添加。请联系所在县市区科协或市科协工作人员，提供单位全称、统一社会信用代码和联系人，添加后即可在此选择。
                </Text>
              </View>
            </>
          ) : (
            <>
              <Text className="subtitle">选择建站学会</Text>
              {calls.societies.map((s) => (
                <View
                  key={s.id}
                  className="list-item"
                  id={`society-${s.id}`}
                  onClick={() => start(choosing.programmeId, choosing.roundId, choosing.kind, choosing.hostUnitId, s.id)}
                >
                  <Text>{s.name}</Text>
                </View>
              ))}
            </>
          )}
          <Button className="btn-plain" onClick={() => setChoosing(null)}>
            取消
          </Button>
        </View>
      )}
    </View>
  );
}
