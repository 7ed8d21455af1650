import { Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import './review.css';

/**
 * A reviewer's comment on one field or material, composed right next to it (issue 15, finding 9):
 * a tap opens a multi-line box in place; what is typed goes to the page's draft at once.
 */
export function CommentBox({
  commentKey,
  label,
  value,
  onChange,
}: {
  commentKey: string;
  label: string;
  value: string;
  onChange: (text: string) => void;
}) {
  const [open, setOpen] = useState(value.trim() !== '');
  const id = commentKey.replace(/[^A-Za-z0-9-]/g, '-');
  if (!open)
    return (
      <View className="comment-open" id={`comment-open-${id}`} onClick={() => setOpen(true)}>
        <Text>✎ 对「{label}」写意见</Text>
      </View>
    );
  return (
    <View className="comment-box" data-comment-key={commentKey}>
      <Text className="comment-box-label">对「{label}」的修改意见</Text>
      <Textarea
        className="input textarea comment-textarea"
        id={`comment-${id}`}
        value={value}
        maxlength={500}
        autoHeight
        focus={value === ''}
        placeholder="写明需要怎样修改（退回时发给申报单位）"
        onInput={(e) => onChange(e.detail.value)}
      />
      <View className="row">
        <Text className="muted">{value.length}/500 · 已自动保存在本机</Text>
        <Text
          className="comment-close"
          onClick={() => {
            if (value.trim() === '') setOpen(false);
          }}
        >
          {value.trim() === '' ? '收起' : ''}
        </Text>
      </View>
    </View>
  );
}
