import type { ChecksOfAward } from '@shared/api/awards-checks';
import { Text, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { awardsClient } from '../../../services/awards';
import { errorText } from '../../../services/errors';
import '../awards.css';
import '../checks.css';
import { CheckRowCard } from '../check-row';

/**
 * The checks of one award (检查与验收): every check its programme's data owes, by due date — overdue in
 * red — with where each stands; checks whose date is not known yet say why (e.g. 预算尚未批复).
 */
export default function AwardChecks() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [data, setData] = useState<ChecksOfAward | null>(null);
  const [loadError, setLoadError] = useState('');
  useDidShow(() => {
    awardsClient
      .listChecks({ awardId: id })
      .then((d) => {
        setData(d);
        setLoadError('');
      })
      .catch((e: unknown) => setLoadError(errorText(e)));
  });

  if (!data)
    return (
      <View className="page" id="award-checks">
        <Text className="title">检查与验收</Text>
        {loadError ? <Text className="error">{loadError}</Text> : <Text className="muted">加载中…</Text>}
      </View>
    );
  const overdue = data.items.filter((i) => i.urgency === 'overdue').length;
  return (
    <View className="page" id="award-checks" data-side={data.side}>
      <Text className="title">检查与验收</Text>
      <Text className="muted">
        {data.title} · {data.programmeTitle}
      </Text>
      {overdue > 0 && (
        <Text className="error" id="overdue-note">
          有 {overdue} 项检查已逾期，请尽快{data.side === 'applicant' ? '提交材料' : '督促提交'}
        </Text>
      )}
      {data.items.length === 0 && data.notYet.length === 0 && <Text className="muted">本项目不设检查与验收。</Text>}
      {data.items.map((row) => (
        <CheckRowCard key={row.id} row={row} />
      ))}
      {data.notYet.map((n) => (
        <View key={`${n.checkId}-${n.year}`} className="card" id={`not-yet-${n.checkId}`}>
          <Text className="value">{n.label}</Text>
          <Text className="muted">{n.reason}</Text>
        </View>
      ))}
    </View>
  );
}
