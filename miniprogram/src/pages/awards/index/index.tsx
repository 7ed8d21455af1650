import { type AwardList, type AwardStatus, awardStatuses, awardStatusLabels } from '@shared/api/awards';
import { fenText } from '@shared/programmes/post-award';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { awardsClient } from '../../../services/awards';
import { errorText } from '../../../services/errors';
import '../awards.css';

const statusTone: Record<AwardStatus, string> = { amount: 'tag-amber', agreement: 'tag-amber', budget: 'tag-amber', running: 'tag-green' };

/**
 * 项目执行: the awards the caller may see — a secretary her society's, staff those of the units they
 * oversee — with programme and status filters. Each opens the award hub.
 */
export default function AwardListPage() {
  const [list, setList] = useState<AwardList | null>(null);
  const [programmeId, setProgrammeId] = useState('');
  const [status, setStatus] = useState<AwardStatus | ''>('');
  const [error, setError] = useState('');
  // the programmes seen unfiltered stay as the filter's options
  const [programmes, setProgrammes] = useState<{ id: string; title: string }[]>([]);

  const load = (p = programmeId, s = status) =>
    awardsClient
      .list({ ...(p ? { programmeId: p } : {}), ...(s ? { status: s } : {}) })
      .then((l) => {
        setList(l);
        if (!p && !s) setProgrammes(l.programmes);
        setError('');
      })
      .catch((e: unknown) => setError(errorText(e)));
  useDidShow(() => void load());

  const pick = (p: string, s: AwardStatus | '') => {
    setProgrammeId(p);
    setStatus(s);
    void load(p, s);
  };

  return (
    <View className="page" id="awards-list">
      <Text className="title">项目执行</Text>
      <Text className="muted aw-block">
        {list?.side === 'staff'
          ? '本单位及下级单位已立项的项目：核定金额、任务书、预算审核。'
          : '本学会已立项的项目：填写任务书、编制预算。'}
      </Text>
      {error && <Text className="error aw-block">{error}</Text>}
      {programmes.length > 1 && (
        <View className="aw-chips" id="filter-programme">
          <Text className={`aw-chip${programmeId === '' ? ' on' : ''}`} onClick={() => pick('', status)}>
            全部项目
          </Text>
          {programmes.map((p) => (
            <Text
              key={p.id}
              className={`aw-chip${programmeId === p.id ? ' on' : ''}`}
              data-programme={p.id}
              onClick={() => pick(p.id, status)}
            >
              {p.title}
            </Text>
          ))}
        </View>
      )}
      <View className="aw-chips" id="filter-status">
        <Text className={`aw-chip${status === '' ? ' on' : ''}`} onClick={() => pick(programmeId, '')}>
          全部状态
        </Text>
        {awardStatuses.map((s) => (
          <Text key={s} className={`aw-chip${status === s ? ' on' : ''}`} data-status={s} onClick={() => pick(programmeId, s)}>
            {awardStatusLabels[s]}
          </Text>
        ))}
      </View>
      {list === null && !error && <Text className="muted aw-block">加载中…</Text>}
      {list?.items.length === 0 && <Text className="muted aw-block">没有符合条件的项目。</Text>}
      {list?.items.map((a) => (
        <View
          key={a.id}
          className="card"
          id={`award-${a.applicationId}`}
          data-award={a.id}
          onClick={() => void Taro.navigateTo({ url: `/pages/awards/hub/index?id=${a.id}` })}
        >
          <View className="row">
            <Text className="value">{a.title || a.kindLabel}</Text>
            <Text className={`tag ${statusTone[a.status]}`}>{a.statusLabel}</Text>
          </View>
          <Text className="muted aw-block">
            {a.applicantName} · {a.programmeTitle} · {a.kindLabel}
          </Text>
          <Text className="muted aw-block">
            立项 {a.awardedOn} · 核定金额 {a.amountFen === null ? '待核定' : fenText(a.amountFen)}
          </Text>
          {a.actionable && <Text className="warn aw-block">待您处理</Text>}
        </View>
      ))}
    </View>
  );
}
