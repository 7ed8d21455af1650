import { Text, View } from '@tarojs/components';
import './form.css';

/**
 * A reviewer's comment on one field or material, shown directly above it with the field's name
 * (issue 15, finding 3) — not below a long text box where it is missed.
 */
export function FieldComment({ name, text, commentKey }: { name: string; text: string; commentKey: string }) {
  return (
    <View className="field-comment-box" data-comment={commentKey}>
      <Text className="field-comment-title">审核意见 · {name}</Text>
      <Text className="field-comment-text">{text}</Text>
    </View>
  );
}
