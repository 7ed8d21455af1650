import { Picker, Text, View } from '@tarojs/components';
import './form.css';

/**
 * A date chosen on the system's date wheel (Taro Picker mode="date"), never typed (issue 15,
 * finding 6), within a range that suits the field (shared/rules/form-navigation.ts dateRange:
 * founding dates back to 1900-01-01). The field turns red with its error like any other field.
 */
export function DateField({
  id,
  value,
  start,
  end,
  initial,
  error,
  readOnly,
  onPick,
}: {
  id: string;
  value: string;
  start: string;
  end: string;
  initial: string;
  error?: string | undefined;
  readOnly?: boolean;
  onPick: (date: string) => void;
}) {
  if (readOnly) return <Text className="value">{value || '—'}</Text>;
  // the wheel opens on the value when it is inside the range, else where the field usually lies
  const opensOn = value && value >= start && value <= end ? value : initial;
  return (
    <View className="date-field-row">
      <Picker mode="date" value={opensOn} start={start} end={end} onChange={(e) => onPick(String(e.detail.value))}>
        <View className={`input date-field ${error ? 'input-error' : ''}`} id={id} data-value={value}>
          <Text className={value ? 'date-value' : 'muted'}>{value || '请选择日期'}</Text>
          <Text className="date-icon">📅</Text>
        </View>
      </Picker>
      {value ? (
        <Text className="date-clear" onClick={() => onPick('')}>
          清除
        </Text>
      ) : null}
    </View>
  );
}
