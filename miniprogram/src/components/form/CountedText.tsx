import { acceptText, counterState, DRAFT_TEXT_CAP } from '@shared/rules/form-navigation';
import { Input, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import './form.css';

/**
 * Text and long text with a character counter (issue 15, finding 4): the counter turns amber near
 * the limit and red above it. The input box itself does not cut at the limit — a long paste stays
 * whole and visible with a message saying by how much it is over (shared/rules/form-navigation.ts
 * acceptText: the person decides what to drop); only beyond the draft cap is text cut, and the
 * message then says exactly how much.
 */
export function CountedText({
  id,
  value,
  max,
  multiline,
  placeholder,
  error,
  type = 'text',
  onText,
}: {
  id: string;
  value: string;
  max: number;
  multiline: boolean;
  placeholder?: string;
  error?: string | undefined;
  type?: 'text' | 'number';
  onText: (v: string) => void;
}) {
  const [pasteNote, setPasteNote] = useState<string | null>(null);
  const take = (raw: string) => {
    const r = acceptText(raw, max);
    // a message once it is over; it clears when the text fits again
    setPasteNote(r.message);
    onText(r.value);
  };
  const c = counterState(value, max);
  const showCounter = multiline || c.level !== 'ok';
  return (
    <View className="counted" id={id}>
      {multiline ? (
        <Textarea
          className={`input textarea ${error || c.level === 'over' ? 'input-error' : ''}`}
          value={value}
          maxlength={DRAFT_TEXT_CAP}
          autoHeight
          placeholder={placeholder ?? ''}
          onInput={(e) => take(e.detail.value)}
        />
      ) : (
        <Input
          className={`input ${error || c.level === 'over' ? 'input-error' : ''}`}
          value={value}
          type={type}
          maxlength={DRAFT_TEXT_CAP}
          placeholder={placeholder ?? ''}
          onInput={(e) => take(e.detail.value)}
        />
      )}
      {showCounter ? (
        <Text className={`counter counter-${c.level}`} data-level={c.level}>
          {c.text}
        </Text>
      ) : null}
      {pasteNote ? (
        <Text className="error paste-note" data-paste-note>
          {pasteNote}
        </Text>
      ) : null}
    </View>
  );
}
