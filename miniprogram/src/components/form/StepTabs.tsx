import type { StepState } from '@shared/rules/form-navigation';
import { ScrollView, Text, View } from '@tarojs/components';
import './form.css';

/**
 * The step tabs of a multi-step form (issue 15, findings 3, 5): one scrollable row of tabs at least
 * 44 px tall, each saying whether the step is done (✓), has problems (! n) or carries reviewer
 * comments (意见 n). Tapping a tab opens the step.
 */
export function StepTabs({
  steps,
  states,
  activeId,
  onPick,
}: {
  steps: readonly { id: string; title: string }[];
  states: readonly StepState[];
  activeId: string;
  onPick: (index: number) => void;
}) {
  const byId = new Map(states.map((s) => [s.id, s]));
  return (
    <ScrollView className="step-tabs" scrollX scrollIntoView={`tab-${activeId}`} enhanced showScrollbar={false}>
      <View className="step-tabs-row">
        {steps.map((s, i) => {
          const st = byId.get(s.id);
          const mark = st?.errorCount ? 'has-errors' : st?.done ? 'done' : '';
          return (
            <View
              key={s.id}
              id={`tab-${s.id}`}
              className={`step-tab ${s.id === activeId ? 'active' : ''} ${mark} ${st?.commentCount ? 'has-comments' : ''}`}
              data-done={st?.done ? 'yes' : 'no'}
              data-errors={st?.errorCount ?? 0}
              data-comments={st?.commentCount ?? 0}
              onClick={() => onPick(i)}
            >
              <Text>
                {st?.done && !st.errorCount ? '✓ ' : ''}
                {i + 1}. {s.title}
              </Text>
              {st?.errorCount ? <Text className="step-badge badge-error">! {st.errorCount}</Text> : null}
              {st?.commentCount ? <Text className="step-badge badge-comment">意见 {st.commentCount}</Text> : null}
            </View>
          );
        })}
      </View>
    </ScrollView>
  );
}
