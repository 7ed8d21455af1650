import type { OutboxPage, SendRemindersResult } from '@shared/api/reports';
import { chinaDateTimeOf } from '@shared/calendar/china-time';
import { Button, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { reportsClient } from '../../../../services/reports';
import '../dashboard/reports.css';
import { NoticeText } from '../../../../components/NoticeText';
import { useAction } from '../../../../hooks/useAction';
import { useMe } from '../../../../hooks/useMe';
import { errorText } from '../../../../services/errors';

const statusClass = { sent: 'tag-green', sending: '', failed: 'tag-red', undeliverable: 'tag-amber' } as const;

/**
 * Reminders to experts short of their quarter's days (and the society secretary): send the ones due
 * today, and see every reminder sent — in WeChat as subscription messages, locally in this outbox.
 */
export default function Outbox() {
  const { me } = useMe();
  const canSend = !!me?.bindings.some((b) => b.role === 'cityStaff' || b.role === 'countyStaff');
  const [page, setPage] = useState<OutboxPage | null>(null);
  const [result, setResult] = useState<SendRemindersResult | null>(null);
  const action = useAction();
  const load = () =>
    reportsClient
      .listOutbox({ limit: 100 })
      .then(setPage)
      .catch((e: unknown) => action.say('err', errorText(e)));
  // biome-ignore lint/correctness/useExhaustiveDependencies: load once on open; load only sets state
  useEffect(() => void load(), []);
  const send = () =>
    action.run(async () => {
      setResult(await reportsClient.sendReminders({}));
      await load();
    });
  return (
    <View className="page" id="outbox">
      <Text className="title">服务天数提醒</Text>
      <Text className="muted">季度结束前若干个工作日，提醒本季度服务天数不足的专家和学会秘书长；每人每季度只提醒一次。</Text>
      {canSend && (
        <Button className="btn" id="send-reminders" onClick={() => void send()}>
          发送今天应发的提醒
        </Button>
      )}
      <NoticeText notice={action.notice} />
      {result && (
        <View className="banner" id="send-result">
          <Text className="block" id="send-why">
            {result.explanation}
          </Text>
          <Text className="muted block">
            检查 {result.stationsChecked} 个服务站，{result.stationsInWindow} 个处于提醒期。
          </Text>
        </View>
      )}
      {page && <Text className="subtitle">已发提醒（{page.total}）</Text>}
      {page?.items.length === 0 && <Text className="muted">还没有提醒</Text>}
      {page?.items.map((i) => (
        <View key={i.id} className="card" id={`reminder-${i.id.replace(/[^A-Za-z0-9_-]/g, '_')}`} data-person={i.personId}>
          <View className="rp-head">
            <Text className="rp-name">
              {i.personName}（{i.role === 'expert' ? '专家' : '秘书长'}）
            </Text>
            <Text className={`tag ${statusClass[i.status]}`}>{i.statusLabel}</Text>
          </View>
          <Text className="rp-line">{i.body}</Text>
          <Text className="rp-line">
            {i.stationName} · 第{i.yearIndex}考核年度 Q{i.quarter} · {chinaDateTimeOf(i.createdAt)}
            {i.detail ? ` · ${i.detail}` : ''}
          </Text>
        </View>
      ))}
    </View>
  );
}
