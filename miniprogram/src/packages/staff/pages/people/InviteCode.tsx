import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { shareCards } from '../../../../platform/share';

/** A new invite code as the person reads it aloud or sends it: large, with 复制 and (WeChat) a share card. */
export function InviteCode({ code, who, hours }: { code: string; who: string; hours: number }) {
  const copy = () => void Taro.setClipboardData({ data: code });
  return (
    <View className="invite-code-card" id="invite-code-card">
      <Text className="muted">{who}的邀请码</Text>
      <Text className="invite-code-big" id="invite-code-created">
        {code}
      </Text>
      <Text className="muted">{hours} 小时内有效，仅可使用一次。请对方打开小程序，在“输入邀请码”处输入。</Text>
      <View className="invite-code-actions">
        <Button className="btn" id="invite-copy" onClick={copy}>
          复制
        </Button>
        {shareCards ? (
          <Button className="btn-plain" id="invite-share" openType="share">
            发给微信好友
          </Button>
        ) : null}
      </View>
    </View>
  );
}
