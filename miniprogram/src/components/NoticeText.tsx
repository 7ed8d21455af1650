import { Text } from '@tarojs/components';
import type { Notice } from '../hooks/useAction';

const toneClass: Record<Notice['tone'], string> = { ok: 'ok', warn: 'warn', err: 'error' };

/** An action's notice (hooks/useAction). `className` replaces the tone's class where a page styles it its own way. */
export function NoticeText({ notice, id, className }: { notice: Notice | null; id?: string; className?: (n: Notice) => string }) {
  if (!notice) return null;
  return (
    <Text className={className ? className(notice) : toneClass[notice.tone]} id={id}>
      {notice.text}
    </Text>
  );
}
