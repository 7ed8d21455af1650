import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';

/**
 * What a person sees when the server refuses to show them something (issue 15, finding 10: a bare
 * red line with no way back): what happened, why that usually is, and a way back — to the previous
 * page, or home when there is none.
 */
export function PermissionDenied({ message, home, what = '这个页面' }: { message: string; home: string; what?: string }) {
  const back = () => {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
    else void Taro.reLaunch({ url: home });
  };
  return (
    <View className="page" id="permission-denied">
      <Text className="title">无法查看{what}</Text>
      <View className="card">
        <Text className="error" id="denied-reason">
          {message}
        </Text>
        <Text className="muted" style={{ display: 'block', marginTop: '8px' }}>
          您当前的身份不能查看或办理这一事项。常见原因：它属于其他县市区或其他学会；您不是本环节的经办人或被指派的评审专家；或您的身份已被调整。如需办理，请联系市科协工作人员。
        </Text>
      </View>
      <Button className="btn" id="denied-back" onClick={back}>
        返回上一页
      </Button>
      <Button className="btn-plain" id="denied-home" onClick={() => void Taro.reLaunch({ url: home })}>
        回到工作台
      </Button>
    </View>
  );
}
