import { Text, View } from '@tarojs/components';
import { WhoAmI } from '../../../../components/WhoAmI';
import { useMe } from '../../../../services/useMe';

/** Home of experts and host-unit contacts: the station work they log or confirm. */
export default function ExpertHome() {
  const { me, error } = useMe();
  return (
    <View className="page" id="home-expert">
      <Text className="title">服务站工作台</Text>
      {error && <Text className="error">{error}</Text>}
      <WhoAmI me={me} />
    </View>
  );
}
