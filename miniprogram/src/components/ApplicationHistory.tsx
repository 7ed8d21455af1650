import type { HistoryView, StageView } from '@shared/api/applications';
import { chinaDateTimeOf } from '@shared/calendar/china-time';
import { workflowActionLabels } from '@shared/rules/workflow-actions';
import { Text, View } from '@tarojs/components';

/** How an application's history names each step: the workflow's own labels, plus the steps outside it. */
const actionLabels: Record<string, string> = {
  ...workflowActionLabels,
  created: '创建草稿',
  skipped: '跳过环节',
  assignReviewers: '指派评审专家',
  score: '专家评分',
  objection: '登记异议',
  objectionResolved: '异议处理',
};

/** 审核环节: the programme's stages and where the application stands (applicant's and staff's pages alike). */
export function ApplicationStages({ stages }: { stages: StageView[] }) {
  return (
    <>
      <Text className="subtitle">审核环节</Text>
      <View className="card" id="stages">
        {stages.map((s) => (
          <View key={s.id} className="stage" data-stage={s.id} data-state={s.state}>
            <View className={`stage-dot ${s.state}`} />
            <Text>
              {s.label}（{s.roleLabel}）{s.state === 'skipped' ? `：已跳过，${s.note}` : ''}
            </Text>
          </View>
        ))}
      </View>
    </>
  );
}

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
