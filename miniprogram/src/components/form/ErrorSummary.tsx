import type { StepIssues } from '@shared/rules/form-navigation';
import { Text, View } from '@tarojs/components';
import './form.css';

/**
 * What still needs fixing, grouped by step (issue 15, finding 5): each problem names its field and
 * is tappable — the page switches to the step and scrolls the field into view (useFormNavigation).
 */
export function ErrorSummary({
  groups,
  onJump,
  title = '提交前还需处理：',
}: {
  groups: readonly StepIssues[];
  onJump: (stepId: string, fieldKey: string | null) => void;
  title?: string;
}) {
  if (groups.length === 0) return null;
  const count = groups.reduce((n, g) => n + g.issues.length, 0);
  return (
    <View className="error-summary" id="error-summary" data-count={count}>
      <Text className="value">
        {title}（共 {count} 项，点击可定位）
      </Text>
      {groups.map((g) => (
        <View key={g.stepId} className="error-group" data-step={g.stepId}>
          <Text className="error-group-title">{g.title}</Text>
          {g.issues.map((i) => (
            <View
              key={`${i.fieldKey ?? ''}:${i.message}`}
              className="error-item"
              data-jump={i.fieldKey ?? `step:${g.stepId}`}
              onClick={() => onJump(i.stepId, i.fieldKey)}
            >
              <Text className="error">{i.message}</Text>
              <Text className="error-go">去修改 ›</Text>
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}
