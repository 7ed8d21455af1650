import type { AwardRow } from '@shared/api/awards';
import type { CheckQueue } from '@shared/api/awards-checks';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { WhoAmI } from '../../../components/WhoAmI';
import { useMe } from '../../../hooks/useMe';
import { awardsClient } from '../../../services/awards';
import { errorText } from '../../../services/errors';
import '../awards.css';
import '../checks.css';
import { CheckRowCard } from '../check-row';

/**
 * The finance bureau's home (市财政局, issue 14: 市科协会同市财政局验收): the checks of its city's projects
 * waiting for its opinion first, then every project of the city (read-only: the project file, its
 * checks, its money). It writes nothing but its own opinions on the check page.
 */
export default function FinanceHome() {
  const { me } = useMe();
  const [queue, setQueue] = useState<CheckQueue | null>(null);
  const [awards, setAwards] = useState<AwardRow[]>([]);
  const [loadError, setLoadError] = useState('');
  useDidShow(() => {
    Promise.all([awardsClient.checkQueue({ filter: 'all' }), awardsClient.list({})])
      .then(([q, a]) => {
        setQueue(q);
        setAwards(a.items);
        setLoadError('');
      })
      .catch((e: unknown) => setLoadError(errorText(e)));
  });
  const mine = queue?.items.filter((r) => r.mine) ?? [];
  const open = (url: string) => void Taro.navigateTo({ url });
  return (
    <View className="page" id="finance-home">
      <Text className="title">市财政局 · 项目验收</Text>
      <WhoAmI me={me} />
      {loadError && <Text className="error">{loadError}</Text>}
      <Text className="subtitle">
        待出具意见 <Text id="finance-waiting">{mine.length}</Text> 项
      </Text>
      {queue && mine.length === 0 && <Text className="muted">目前没有等待您出具意见的检查。</Text>}
      {mine.map((row) => (
        <CheckRowCard key={row.id} row={row} showAward />
      ))}
      <View className="card aw-step" id="finance-queue-link" onClick={() => open('/pages/awards/check-queue/index?filter=all')}>
        <Text>本市全部检查验收（{queue?.counts.all ?? 0}）</Text>
        <Text className="muted">查看 ›</Text>
      </View>
      <Text className="subtitle">本市立项项目</Text>
      {awards.length === 0 && <Text className="muted">暂无立项项目。</Text>}
      {awards.map((a) => (
        <View key={a.id} className="card" id={`finance-award-${a.id}`}>
          <Text className="value">{a.title}</Text>
          <Text className="muted">
            {a.applicantName} · {a.programmeTitle} · 立项 {a.awardedOn}
          </Text>
          <View className="aw-step" onClick={() => open(`/pages/awards/checks/index?id=${encodeURIComponent(a.id)}`)}>
            <Text>检查与验收</Text>
            <Text className="muted">›</Text>
          </View>
          <View className="aw-step" onClick={() => open(`/pages/awards/money/index?type=award&id=${encodeURIComponent(a.id)}`)}>
            <Text>资金台账</Text>
            <Text className="muted">›</Text>
          </View>
        </View>
      ))}
    </View>
  );
}
