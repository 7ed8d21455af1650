import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { newRequestId } from '../../../../platform/request-id';
import { applicationsClient } from '../../../../services/applications';
import type { PanelProps } from './panel';

/** A review expert's score sheet: the rubric's items and their total. */
export function ScorePanel({ view, busy, act }: PanelProps) {
  const [scores, setScores] = useState<Record<string, string>>({});
  const rubric = view.rubric;
  if (!rubric) return null;
  const total = rubric.items.reduce((s, i) => s + (Number(scores[i.id]) || 0), 0);
  return (
    <View className="panel" id="score-panel">
      <Text className="subtitle">评分（满分 100）</Text>
      <Text className="muted">{rubric.note}</Text>
      {rubric.items.map((i) => (
        <View key={i.id} className="score-row" id={`score-${i.id}`}>
          <Text>
            {i.label}（{i.maxPoints} 分）
          </Text>
          <Input
            className="input"
            type="number"
            value={scores[i.id] ?? ''}
            placeholder={`0-${i.maxPoints}`}
            onInput={(e) => setScores({ ...scores, [i.id]: e.detail.value })}
          />
        </View>
      ))}
      <Text className="value" id="score-total">
        合计：{total} 分
      </Text>
      <Button
        className={`btn${busy ? ' is-disabled' : ''}`}
        id="submit-score"
        onClick={() =>
          void act('评分', async () =>
            applicationsClient.score({
              applicationId: view.id,
              items: rubric.items.map((i) => ({ itemId: i.id, points: Number(scores[i.id] ?? '') })),
              requestId: await newRequestId(),
            }),
          )
        }
      >
        提交评分
      </Button>
    </View>
  );
}
