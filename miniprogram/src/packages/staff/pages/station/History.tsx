import type { StationHistoryView } from '@shared/api/reports';
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ErrorText } from '../../../../components/ErrorText';
import { CountedText } from '../../../../components/form/CountedText';
import { NoticeText } from '../../../../components/NoticeText';
import { useAction } from '../../../../hooks/useAction';
import { num } from '../../../../lib/format';
import { newRequestId } from '../../../../platform/request-id';
import { orgClient } from '../../../../services/org';

const grades = ['优秀', '合格', '不合格'] as const;

/**
 * A station plaqued before go-live (issue 13 item 6): its go-live date, whether the year shown is before it
 * (上线前，未纳入考核), the prior results entered from their source, and a form to enter one (city staff).
 */
export function StationHistory({ stationId, history, onSaved }: { stationId: string; history: StationHistoryView; onSaved: () => void }) {
  const action = useAction();
  const [open, setOpen] = useState(false);
  const [year, setYear] = useState('');
  const [grade, setGrade] = useState<(typeof grades)[number]>('合格');
  const [score, setScore] = useState('');
  const [days, setDays] = useState('');
  const [source, setSource] = useState('');
  const err = action.fieldErrors;

  const save = () =>
    action.run(async () => {
      const requestId = await newRequestId();
      const r = await orgClient.savePriorResult({
        requestId,
        stationId,
        result: {
          year: Number(year),
          grade,
          score: score.trim() === '' ? null : Number(score),
          days: days.trim() === '' ? null : Number(days),
          source: source.trim(),
        },
      });
      action.say('ok', r.changed ? `已录入第 ${r.yearIndex} 考核年度的往年结果` : '与已录入的结果相同，未作更改');
      setOpen(false);
      onSaved();
    });

  if (!history.plaquedBefore && history.priorResults.length === 0) return null;
  return (
    <View className="card" id="history" data-go-live={history.goLiveDate} data-before-go-live={history.beforeGoLive}>
      <Text className="subtitle">上线前的考核</Text>
      <Text className="rp-line">
        上线日期 {history.goLiveDate}：此前的季度和年度不按系统记录考核（上线前，未纳入考核）；上线所在的季度和年度按上线后的天数折算要求。
      </Text>
      {history.beforeGoLive && (
        <Text className="rp-reason" id="before-go-live">
          本考核年度在上线日期之前，未纳入考核
          {history.priorResult
            ? `；采用往年考核结果：${history.priorResult.grade}（${history.priorResult.source}）`
            : '；可录入往年考核结果'}
        </Text>
      )}
      {history.priorResults.map((r) => (
        <View key={r.yearIndex} className="list-item" id={`prior-${r.yearIndex}`}>
          <Text className="value">
            第{r.yearIndex}考核年度（{r.start} 至 {r.end}）· {r.grade}
            {r.score !== null ? ` · ${num(r.score, 1)} 分` : ''}
            {r.days !== null ? ` · 在站 ${r.days} 天` : ''}
          </Text>
          <Text className="rp-line">
            来源：{r.source}（{r.year} 年度）
          </Text>
        </View>
      ))}
      {!open ? (
        <Button className="btn-plain" id="add-prior" onClick={() => setOpen(true)}>
          录入往年考核结果
        </Button>
      ) : (
        <View id="prior-form">
          <Text className="field-label">年度（考核通报所属年份）*</Text>
          <Input
            id="prior-year"
            className={`input ${err['result.year'] ? 'input-error' : ''}`}
            type="number"
            value={year}
            placeholder="例如 2024"
            onInput={(e) => setYear(e.detail.value)}
          />
          <ErrorText message={err['result.year']} />
          <Text className="field-label">等次 *</Text>
          <Picker
            mode="selector"
            range={[...grades]}
            value={grades.indexOf(grade)}
            onChange={(e) => setGrade(grades[Number(e.detail.value)]!)}
          >
            <View className="input" id="prior-grade">
              <Text>{grade}</Text>
            </View>
          </Picker>
          <Text className="field-label">得分（选填）</Text>
          <Input id="prior-score" className="input" type="digit" value={score} onInput={(e) => setScore(e.detail.value)} />
          <ErrorText message={err['result.score']} />
          <Text className="field-label">全年在站工作天数（选填）</Text>
          <Input id="prior-days" className="input" type="number" value={days} onInput={(e) => setDays(e.detail.value)} />
          <Text className="field-label">来源 *</Text>
          <CountedText
            id="prior-source"
            value={source}
            max={100}
            multiline={false}
            placeholder="例如 2024 年度考核通报"
            error={err['result.source']}
            onText={setSource}
          />
          <ErrorText message={err['result.source']} />
          <Button className="btn" id="save-prior" onClick={() => void save()}>
            {action.busy ? '保存中…' : '保存'}
          </Button>
        </View>
      )}
      <NoticeText notice={action.notice} />
    </View>
  );
}
