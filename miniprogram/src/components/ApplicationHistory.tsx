import { Text, View } from '@tarojs/components';
import type { HistoryView } from '../../../shared/api/applications';
import { chinaDateTimeOf } from '../../../shared/calendar/china-time';

/** How an application's history names each step. */
const actionLabels: Record<string, string> = {
  created: '创建草稿',
  submit: '提交申报',
  resubmit: '修改后重新提交',
  pass: '审核通过',
  return: '退回修改',
  reject: '不予通过',
  withdraw: '撤回申报',
  skipped: '跳过环节',
  startPublicity: '开始公示',
  endPublicity: '公示结束',
  award: '授牌（立项）',
  assignReviewers: '指派评审专家',
  score: '专家评分',
  objection: '登记异议',
  objectionResolved: '异议处理',
};

/** 办理记录: who did what and when, newest first (the applicant's and the staff's pages alike). */
export function ApplicationHistory({ history }: { history: HistoryView[] }) {
  return (
    <>
      <Text className="subtitle">办理记录</Text>
      <View className="card" id="history">
        {[...history].reverse().map((h) => (
          <View key={`${h.at}-${h.action}-${h.stageId ?? ''}`} className="history-item" data-action={h.action}>
            <Text>
              {chinaDateTimeOf(h.at)} {h.actorName} {actionLabels[h.action] ?? h.action}
            </Text>
            {h.note ? <Text className="muted"> {h.note}</Text> : null}
          </View>
        ))}
      </View>
    </>
  );
}
