import type { CheckRow } from '@shared/api/awards-checks';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';

const countsTag: Record<CheckRow['counts'], string> = { passed: 'tag-green', failed: 'tag-red', open: 'tag-amber' };

/** One check as a tappable card (≥ 44 px): what, which year, due date (red when overdue), where it stands. */
export function CheckRowCard({ row, showAward = false }: { row: CheckRow; showAward?: boolean }) {
  const overdue = row.urgency === 'overdue';
  return (
    <View
      className={`card ck-row${overdue ? ' ck-overdue' : ''}${row.mine ? ' ck-mine' : ''}`}
      id={`check-${row.id}`}
      data-status={row.status}
      data-urgency={row.urgency ?? ''}
      onClick={() => void Taro.navigateTo({ url: `/pages/awards/check/index?id=${encodeURIComponent(row.id)}` })}
    >
      <View className="row">
        <Text className="value">
          {row.label}
          {row.yearLabel ? `（${row.yearLabel}）` : ''}
        </Text>
        <Text
          className={`tag ${row.status === 'passed' || row.status === 'failed' ? countsTag[row.counts] : overdue ? 'tag-red' : 'tag-amber'}`}
        >
          {row.status === 'passed' && row.counts === 'open' ? '合格（公示中）' : row.statusLabel}
        </Text>
      </View>
      {showAward && (
        <Text className="muted">
          {row.awardTitle} · {row.applicantName}
        </Text>
      )}
      <Text className={overdue ? 'error ck-due' : 'muted ck-due'}>
        截止 {row.dueDate}
        {overdue ? '（已逾期）' : row.urgency === 'dueSoon' ? '（即将到期）' : ''} · {row.waitLabel}
        {row.publicityEnd ? ` · 公示至 ${row.publicityEnd}` : ''}
      </Text>
      {row.mine && <Text className="ck-todo">待您办理 ›</Text>}
    </View>
  );
}
