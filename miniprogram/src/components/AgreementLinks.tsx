import type { StationChoice } from '@shared/api/stations';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { stationsClient } from '../services/stations';

/**
 * 第十二条(一): the station's secretary records how much of the cooperation agreement is done.
 * Lists the stations of the secretary's society with a link to the agreement-progress form.
 */
export function AgreementLinks() {
  const [stations, setStations] = useState<StationChoice[]>([]);
  useDidShow(() => {
    stationsClient
      .myStations({})
      .then((all) => setStations(all.filter((s) => s.roles.includes('secretary'))))
      .catch(() => setStations([]));
  });
  if (stations.length === 0) return null;
  return (
    <View className="card" id="agreement-links">
      <Text className="subtitle">服务站协议进度</Text>
      {stations.map((s) => (
        <Button
          key={s.id}
          className="btn-plain"
          onClick={() => void Taro.navigateTo({ url: `/packages/expert/pages/log/index?kind=agreement&stationId=${s.id}` })}
        >
          {`登记「${s.name}」协议完成进度`}
        </Button>
      ))}
    </View>
  );
}
