import type { MyProgress } from '@shared/api/stations';
import { Text, View } from '@tarojs/components';
import { useLoad } from '@tarojs/taro';
import { useState } from 'react';
import { loadProgress, progressCache } from '../../../../services/stations';
import { Bar } from '../../components/parts';
import '../../components/expert.css';
import { errorText, OfflineError } from '../../../../services/errors';

const statusText = { met: ['已达到', 'tag-green'], inProgress: ['进行中', 'tag-amber'], failed: ['未达到', 'tag-red'] } as const;

/**
 * The station's assessment, clause by clause (第十二条): each requirement's figure on all entries
 * and on confirmed (verified) entries only, the banked score and the provisional grade.
 */
export default function Progress() {
  const [p, setP] = useState<MyProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  useLoad((params: Record<string, string | undefined>) => {
    loadProgress(params.stationId)
      .then(setP)
      .catch((e: Error) => {
        const cached = params.stationId ? progressCache.get(params.stationId) : null;
        if (e instanceof OfflineError && cached) {
          setP(cached);
          setError('当前无网络，显示的是上次同步的数据');
        } else setError(errorText(e));
      });
  });
  return (
    <View className="page" id="station-progress">
      <Text className="title">服务站考核进度</Text>
      {error && <Text className="error">{error}</Text>}
      {p && (
        <>
          <View className="card">
            <Text className="subtitle">{p.station.name}</Text>
            {p.yearIndex === 0 ? (
              <Text className="muted block">尚未到授牌日期（{p.station.plaqueDate}），考核从授牌之日起算。</Text>
            ) : (
              <>
                <Text className="block">
                  第 {p.yearIndex} 考核年度 · 截至 {p.today}
                </Text>
                <Text className="block" id="score">
                  按全部记录：{p.score.all} 分（{p.grade.all}） · 仅已确认：{p.score.verified} 分（{p.grade.verified}）
                </Text>
                {p.provisional && (
                  <Text className="muted small block">考核年度尚未结束，为截至目前的暂定结果；未确认的记录不计为“已核实”。</Text>
                )}
              </>
            )}
          </View>
          {p.clauses.map((c) => (
            <View key={c.clause} className="card" id={`clause-${c.clause}`}>
              <View className="row">
                <Text className="subtitle-sm">{c.label}</Text>
                <Text className={`tag ${statusText[c.status][1]}`}>{statusText[c.status][0]}</Text>
              </View>
              <Text className="muted small block">
                得分 {c.earned} / {c.weight}
              </Text>
              {p.requirements
                .filter((r) => r.clause === c.clause)
                .map((r) => (
                  <View key={r.key} className="list-item">
                    <Text className="block small">{r.label}</Text>
                    <Bar value={r.actual} max={r.required} />
                    <Text className="muted small block">
                      全部 {r.actual} / {r.required} · 已确认 {r.actualVerified}
                      {r.shortfall > 0 ? ` · 尚差 ${r.shortfall}` : ''}
                    </Text>
                    {r.note && <Text className="warn small block">{r.note}</Text>}
                  </View>
                ))}
            </View>
          ))}
        </>
      )}
    </View>
  );
}
