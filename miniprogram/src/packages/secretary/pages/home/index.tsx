import { Text, View } from '@tarojs/components';
import { WhoAmI } from '../../../../components/WhoAmI';
import { useMe } from '../../../../services/useMe';

/** Home of society secretaries: their applications. */
export default function SecretaryHome() {
  const { me, error } = useMe();
  return (
    <View className="page" id="home-secretary">
      <Text className="title">学会秘书工作台</Text>
      {error && <Text className="error">{error}</Text>}
      <WhoAmI me={me} />
    </View>
  );
}
