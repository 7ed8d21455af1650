import { type CheckQueue, type CheckQueueFilter, checkQueueFilterLabels, checkQueueFilters } from '@shared/api/awards-checks';
import { Text, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { useAction } from '../../../hooks/useAction';
import { awardsClient } from '../../../services/awards';
import '../awards.css';
import '../checks.css';
import { CheckRowCard } from '../check-row';

/**
 * The check queue (检查验收待办) of staff and the finance bureau: every check of the awards they oversee,
 * by due date, filtered — overdue (red), due soon, waiting for an opinion, waiting for a decision, in
 * publicity. A check with a step for the caller is marked 待您办理.
 */
export default function CheckQueuePage() {
  const { params } = useRouter();
  const initial = (checkQueueFilters as readonly string[]).includes(params.filter ?? '') ? (params.filter as CheckQueueFilter) : 'all';
  const [filter, setFilter] = useState<CheckQueueFilter>(initial);
  const [queue, setQueue] = useState<CheckQueue | null>(null);
  const action = useAction();
  const load = (f: CheckQueueFilter) =>
    action.run(
      async () => {
        const q = await awardsClient.checkQueue({ filter: f });
        setQueue(q);
        return q;
      },
      { overlap: true },
    );
  useDidShow(() => void load(filter));
  const pick = (f: CheckQueueFilter) => {
    setFilter(f);
    void load(f);
  };
  return (
    <View className="page" id="check-queue" data-filter={filter}>
      <Text className="title">检查验收待办</Text>
      <View className="aw-chips" id="queue-filters">
        {checkQueueFilters.map((f) => (
          <Text key={f} className={`aw-chip${f === filter ? ' on' : ''}`} id={`filter-${f}`} onClick={() => pick(f)}>
            {checkQueueFilterLabels[f]}
            {queue ? ` ${queue.counts[f]}` : ''}
          </Text>
        ))}
      </View>
      {action.notice && <Text className="error">{action.notice.text}</Text>}
      {queue && queue.items.length === 0 && <Text className="muted">没有符合条件的检查。</Text>}
      {queue?.items.map((row) => (
        <CheckRowCard key={row.id} row={row} showAward />
      ))}
    </View>
  );
}
