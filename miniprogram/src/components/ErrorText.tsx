import { Text } from '@tarojs/components';

export function ErrorText({ message }: { message?: string | null }) {
  if (!message) return null;
  return <Text className="error">{message}</Text>;
}
