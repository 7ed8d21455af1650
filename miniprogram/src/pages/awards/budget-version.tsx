import type { AwardView, BudgetVersionView } from '@shared/api/awards';
import { fenText } from '@shared/programmes/post-award';
import { Text, View } from '@tarojs/components';
import './awards.css';

/** One version as read: lines (unlisted ones highlighted), total, decision. */
export function BudgetVersionCard({ v, award }: { v: BudgetVersionView; award: AwardView }) {
  return (
    <View className="card" id={`budget-v${v.version}`} data-status={v.status}>
      <View className="row">
        <Text className="value">
          第 {v.version} 版{v.version > 1 ? '（调整）' : ''}
        </Text>
        <Text className={`tag ${v.status === 'approved' ? 'tag-green' : v.status === 'returned' ? 'tag-red' : 'tag-amber'}`}>
          {award.inForce >= 0 && award.budgets[award.inForce] === v ? '执行中' : v.statusLabel}
        </Text>
      </View>
      {v.changeReason && <Text className="muted aw-block">调整原因：{v.changeReason}</Text>}
      {v.lines.map((l) => (
        <View key={l.id} className={`card aw-line ${l.kind}`} data-kind={l.kind}>
          <View className="row">
            <Text>{l.categoryLabel}</Text>
            <Text>{fenText(l.amountFen)}</Text>
          </View>
          <Text className="muted aw-block">{l.purpose}</Text>
          {l.kind === 'unlisted' && <Text className="warn aw-block">未列入开支范围 · 理由：{l.justification}</Text>}
        </View>
      ))}
      <View className="aw-total">
        <Text>合计</Text>
        <Text>{fenText(v.totalFen)}</Text>
      </View>
      {v.diff.length > 0 && (
        <View id={`diff-v${v.version}`}>
          <Text className="muted aw-block">与调整前相比：</Text>
          {v.diff.map((d) => (
            <Text key={d.categoryId} className={d.afterFen > d.beforeFen ? 'aw-diff-up' : 'aw-diff-down'}>
              {d.label}：{fenText(d.beforeFen)} → {fenText(d.afterFen)}
            </Text>
          ))}
        </View>
      )}
      {v.decision?.comment ? (
        <Text className="muted aw-block">
          {v.decision.byName}意见：{v.decision.comment}
        </Text>
      ) : null}
    </View>
  );
}
