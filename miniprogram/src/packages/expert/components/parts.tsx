import type { EntryView } from '@shared/api/stations';
import { Button, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { distanceText } from '../../../lib/format';
import { errorText, OfflineError } from '../../../services/errors';
import { dismissFailed, flushOutbox, type OutboxState, retryFailed, startOutbox, subscribeOutbox } from '../../../services/outbox-queue';

/** A progress bar: `value` of `max`, green once reached (or when `done` says so: e.g. only confirmed days count). */
export function Bar({ value, max, id, done }: { value: number; max: number; id?: string; done?: boolean }) {
  const pct = max <= 0 ? 100 : Math.min(100, Math.round((value / max) * 100));
  const isDone = done ?? value >= max;
  return (
    <View className="bar" id={id} data-done={isDone ? '1' : '0'}>
      <View className={`bar-fill${isDone ? ' done' : ''}`} style={{ width: `${pct}%` }} />
    </View>
  );
}

/** How to allow the location again, said when a check-in got no position. */
export const LOCATION_HELP =
  '如需定位签到，请允许使用位置信息：点右上角「…」→「设置」→ 打开「位置信息」，并确认手机系统设置中微信的定位权限已开启。';

/** Why a photo was not added, in words (never a silent "照片 0 张"). */
export function photoErrorText(e: unknown, offline: string): string {
  if (e instanceof OfflineError) return `照片未添加：${offline}`;
  const why = errorText(e);
  return `照片未添加：${why && why !== '[object Object]' ? why : '无法读取这张照片'}。请换一张 JPG 或 PNG 格式、清晰的照片再试。`;
}

/** The queue as React state; starts the automatic resending and retries whenever a page shows. */
export function useOutbox(): OutboxState {
  const [s, setS] = useState<OutboxState>({ waiting: [], failed: [], sending: false });
  useEffect(() => {
    startOutbox();
    return subscribeOutbox(setS);
  }, []);
  useDidShow(() => {
    void flushOutbox();
  });
  return s;
}

/** "待发送 N 条": entries saved on the phone and not yet on the server; and refusals to read. */
export function OutboxBanner({ state }: { state: OutboxState }) {
  return (
    <View>
      {state.waiting.length > 0 && (
        <View className="banner" id="outbox-status" data-waiting={state.waiting.length}>
          <Text id="outbox-headline" data-sending={state.sending ? '1' : '0'}>
            {state.sending
              ? `正在发送 ${state.waiting.length} 条…（网络较慢时需要多等一会儿，已保存在手机上，不会丢失）`
              : `待发送 ${state.waiting.length} 条（已保存在手机上，恢复网络后自动发送）`}
          </Text>
          {state.waiting.map((i) => (
            <View key={i.requestId}>
              <Text className="muted">· {i.label}</Text>
            </View>
          ))}
          {!state.sending && (
            <Button className="btn-plain" id="outbox-retry" size="mini" onClick={() => void flushOutbox()}>
              立即重试
            </Button>
          )}
        </View>
      )}
      {state.failed.map((f) => (
        <View key={f.requestId} className="banner banner-error" id={`outbox-failed-${f.requestId}`}>
          <Text className="error">
            未能登记「{f.label}」：{f.message}
          </Text>
          {f.code === 'SERVER.UNAVAILABLE' || f.code === 'INTERNAL' || f.code === 'CONTENT.CHECK_UNAVAILABLE' ? (
            <Button className="btn-plain" size="mini" id={`outbox-retry-${f.requestId}`} onClick={() => void retryFailed(f.requestId)}>
              重试
            </Button>
          ) : null}
          <Button className="btn-plain" size="mini" onClick={() => dismissFailed(f.requestId)}>
            知道了
          </Button>
        </View>
      ))}
    </View>
  );
}

/** One line saying what the entry is. */
/** A check-in's coordinates reach the author only (issue 11, finding 8): the summary uses the distance. */
export function summaryOf(r: EntryView['record']): string {
  switch (r.kind) {
    case 'serviceDay': {
      const where = r.checkIn
        ? r.checkIn.withinRadius
          ? `定位签到：距服务站 ${distanceText(r.checkIn.distanceM)}`
          : `定位签到：距服务站 ${distanceText(r.checkIn.distanceM)}（超出范围）`
        : '';
      return [r.backfilled ? '补登' : '', where, r.note].filter(Boolean).join(' · ');
    }
    case 'training':
      return `${r.topic} · ${r.place} · ${r.trainees} 人次`;
    case 'research':
      return r.result ? `${r.title} · 成果：${r.result}` : `${r.title} · 成果待补充`;
    case 'tackling':
      return r.partners ? `${r.title} · 合作方：${r.partners}` : r.title;
    case 'problem':
      return `${r.enterprise}：${r.problem} → ${r.outcome}`;
    case 'achievement':
      return `${r.title} → ${r.recipient}（${r.method}）`;
    case 'agreement':
      return `协议完成 ${r.percent}%`;
  }
}

const statusClass: Record<string, string> = { pending: 'tag-amber', confirmed: 'tag-green', disputed: 'tag-red', withdrawn: '' };

/** An entry card: kind, date, status, what it is, whether it counts. */
export function EntryCard({ e, children }: { e: EntryView; children?: React.ReactNode }) {
  const r = e.record;
  return (
    <View className="card entry" id={`entry-${r.id}`} data-kind={r.kind} data-status={r.status} data-date={r.date}>
      <View className="row">
        <Text className="subtitle-sm">
          {e.kindLabel} · {r.date}
        </Text>
        <Text className={`tag ${statusClass[r.status] ?? ''}`}>{e.statusLabel}</Text>
      </View>
      <Text className="block">{summaryOf(r)}</Text>
      {r.authorId && <Text className="muted block">登记人：{e.authorName}</Text>}
      {r.statusReason && <Text className="muted block">说明：{r.statusReason}</Text>}
      <Text className={`block small ${e.count.counts ? 'ok' : 'warn'}`}>{e.count.label}</Text>
      {children}
    </View>
  );
}
