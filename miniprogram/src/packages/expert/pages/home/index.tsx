import type { Me } from '@shared/api/identity';
import type { MyProgress } from '@shared/api/stations';
import { type ChinaDate, weekdayOf } from '@shared/calendar/china-time';
import { loggableDates, RECENT_PICKER_DAYS } from '@shared/rules/logging';
import type { FileRef } from '@shared/schemas/common';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { WhoAmI } from '../../../../components/WhoAmI';
import { distanceText } from '../../../../lib/format';
import { onOutboxSent, submitEntry } from '../../../../services/outbox-queue';
import { loadMe } from '../../../../services/session';
import { lastStationId, loadProgress, progressCache, stationsClient, todayInChina } from '../../../../services/stations';
import { askOnLogTap } from '../../../../services/subscriptions';
import { Bar, LOCATION_HELP, OutboxBanner, photoErrorText, useOutbox } from '../../components/parts';
import { quarterMet, quarterStatusText } from '../../components/texts';
import '../../components/expert.css';
import { NoticeText } from '../../../../components/NoticeText';
import { type Notice, useAction } from '../../../../hooks/useAction';
import { pickEvidence } from '../../../../platform/evidence';
import { currentLocation } from '../../../../platform/location';
import { errorText, OfflineError } from '../../../../services/errors';

const weekdays = ['日', '一', '二', '三', '四', '五', '六'];
const md = (d: ChinaDate) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const LOCATION_PREF = 'stations.useLocation';

interface Sheet {
  date: ChinaDate;
  note: string;
  evidence: FileRef[];
  useLocation: boolean;
}

/**
 * Home of experts and host-unit contacts. An expert logs today's service in three taps: opening the
 * app (1), 登记今天服务 (2), 确认登记 (3) — today and their station are preselected; the note, a photo
 * and the location check-in are optional. Below: this quarter's days vs 10 and the year's vs 40.
 * A host-unit contact sees how many entries wait for their confirmation.
 */
export default function ExpertHome() {
  const [me, setMe] = useState<Me | null>(null);
  const [meError, setMeError] = useState<string | null>(null);
  const outbox = useOutbox();
  const [progress, setProgress] = useState<MyProgress | null>(null);
  const [offline, setOffline] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [showEarlier, setShowEarlier] = useState(false);
  const [photoError, setPhotoError] = useState('');
  const [sheet, setSheet] = useState<Sheet | null>(null);
  const action = useAction();
  const { busy, notice } = action;
  const [pendingToConfirm, setPendingToConfirm] = useState<number | null>(null);
  const [stationId, setStationId] = useState('');
  const stationRef = useRef('');

  const expertStationIds = (me?.bindings ?? [])
    .filter((b) => b.role === 'expert' && b.scope.stationId)
    .map((b) => b.scope.stationId as string);
  const hostStation = (me?.bindings ?? []).find((b) => b.role === 'hostContact' && b.scope.stationId);

  const refresh = useCallback(async (sid: string) => {
    if (!sid) return;
    try {
      setProgress(await loadProgress(sid));
      setOffline(false);
      setLoadError(null);
    } catch (e) {
      if (e instanceof OfflineError) {
        setProgress(progressCache.get(sid));
        setOffline(true);
      } else setLoadError(errorText(e, { other: '加载失败' }));
    }
  }, []);

  const choose = (sid: string) => {
    stationRef.current = sid;
    setStationId(sid);
    void refresh(sid);
  };

  // Who is this, which station is preselected (the last one used, else the first expert binding).
  const start = async () => {
    let who: Me | null = null;
    try {
      who = await loadMe();
      setMe(who);
      setMeError(null);
    } catch (e) {
      setMeError(errorText(e, { offline: '当前无网络' }));
    }
    const mine = (who?.bindings ?? []).filter((b) => b.role === 'expert' && b.scope.stationId).map((b) => b.scope.stationId as string);
    const last = lastStationId();
    // Offline at start: fall back to the station the phone remembers.
    const sid = stationRef.current || (who ? (mine.includes(last) ? last : (mine[0] ?? '')) : last);
    if (sid) choose(sid);
    const host = who?.bindings.find((b) => b.role === 'hostContact' && b.scope.stationId);
    if (host?.scope.stationId) {
      stationsClient
        .listEntries({ stationId: host.scope.stationId, scope: 'pending', limit: 1 })
        .then((p) => setPendingToConfirm(p.total))
        .catch(() => setPendingToConfirm(null));
    }
  };
  useDidShow(() => {
    void start();
  });
  // A queued entry reached the server: the bars move.
  useEffect(
    () =>
      onOutboxSent((item, result) => {
        action.say('ok', `已发送「${item.label}」：${result.count.label}`);
        if (stationRef.current) void refresh(stationRef.current);
      }),
    [refresh, action.say],
  );

  const today = progress ? todayInChina() : null;
  const loggedDates = new Set([
    ...(progress?.recentDays ?? []).map((d) => d.date),
    ...outbox.waiting.filter((i) => i.action === 'logServiceDay').map((i) => String(i.data.date)),
  ]);
  // Every date of the backfill window (one rule, shared/rules/logging.ts): the picker shows the last two
  // weeks and the rest behind "更早的日期"; the "最早可补登" text names the last of the same list.
  const windowDates: ChinaDate[] = progress && today ? loggableDates(progress.window.earliest, today) : [];
  const recentDates = showEarlier ? windowDates : windowDates.slice(0, RECENT_PICKER_DAYS);
  const earliestDate = windowDates[windowDates.length - 1]; // not .at(-1): missing before iOS 15.4
  const openDates = windowDates.filter((d) => !loggedDates.has(d));
  const todayLogged = today ? loggedDates.has(today) : false;

  const openSheet = (date: ChinaDate | undefined) => {
    if (!date) return;
    action.clear();
    const pref = Taro.getStorageSync(LOCATION_PREF);
    setPhotoError('');
    setSheet({ date, note: '', evidence: [], useLocation: pref === '' ? true : Boolean(pref) });
  };

  const addPhoto = async () => {
    if (!sheet || !stationId) return;
    setPhotoError('');
    try {
      const f = await pickEvidence(stationId);
      if (f) setSheet({ ...sheet, evidence: [...sheet.evidence, f] });
    } catch (e) {
      // said next to the photo line, where the person is looking (not only at the top of the page)
      setPhotoError(photoErrorText(e, '上传照片需要网络，可先登记，稍后在“我的记录”中补充'));
    }
  };

  const confirm = async () => {
    askOnLogTap(); // subscription dialog: must run synchronously in the tap, before any await (services/subscriptions.ts)
    if (!sheet || !stationId) return;
    await action.run(
      async (): Promise<Notice | null> => {
        Taro.setStorageSync(LOCATION_PREF, sheet.useLocation);
        const location = sheet.useLocation ? await currentLocation() : null;
        const r = await submitEntry(
          'logServiceDay',
          { stationId, date: sheet.date, note: sheet.note, evidence: sheet.evidence, location },
          `服务天数 ${sheet.date}`,
        );
        setSheet(null);
        if (r.status === 'queued') {
          if (r.reason === 'server') return { tone: 'warn', text: r.message }; // not the network: the service did not answer
          return { tone: 'warn', text: `网络不可用：${md(sheet.date)} 的服务天数已保存在手机上（待发送），恢复网络后自动发送` };
        }
        if (r.status === 'failed') action.say('err', errorText(r.error));
        else {
          const c = r.result.record.kind === 'serviceDay' ? r.result.record.checkIn : null;
          const where = c
            ? c.withinRadius
              ? `；定位签到成功（距服务站 ${distanceText(c.distanceM)}）`
              : `；定位距服务站 ${distanceText(c.distanceM)}，超出签到范围`
            : '';
          // asked for a check-in but no position came back (permission denied, or no fix): say so, and how to allow it
          if (sheet.useLocation && !location && progress?.station.hasLocation)
            action.say('warn', `已登记 ${md(sheet.date)}：${r.result.count.label}；未能获取位置，本次没有定位签到。${LOCATION_HELP}`);
          else action.say('ok', `已登记 ${md(sheet.date)}：${r.result.count.label}${where}`);
        }
        // The answer shows at once; the bars follow.
        await refresh(stationId);
        return null;
      },
      { ok: (n) => n },
    );
  };

  const go = (path: string) => void Taro.navigateTo({ url: path });
  const q = progress?.mine?.quarter;
  const y = progress?.mine?.year;

  return (
    <View className="page" id="home-expert">
      <Text className="title">服务站工作台</Text>
      {meError && !progress && <Text className="error">{meError}</Text>}
      {loadError && <Text className="error">{loadError}</Text>}
      <OutboxBanner state={outbox} />
      {offline && <View className="banner">当前无网络，显示的是上次同步的数据；新登记会先保存在手机上。</View>}

      {stationId && (
        <View className="card" id="log-card">
          {expertStationIds.length > 1 && (
            <View className="chips">
              {expertStationIds.map((sid) => (
                <Text key={sid} className={`chip${sid === stationId ? ' on' : ''}`} onClick={() => choose(sid)}>
                  {me?.bindings.find((b) => b.scope.stationId === sid)?.scopeLabel ?? sid}
                </Text>
              ))}
            </View>
          )}
          <Text className="subtitle" id="station-name">
            {progress?.station.name ?? me?.bindings.find((b) => b.scope.stationId === stationId)?.scopeLabel ?? ''}
          </Text>
          {today && (
            <Text className="muted block" id="today">
              今天 {today} 星期{weekdays[weekdayOf(today)]}
            </Text>
          )}
          {!sheet && (
            <>
              <Button
                id="log-today"
                className={`big-btn${todayLogged ? ' done' : ''}`}
                disabled={!today}
                onClick={() => (todayLogged ? undefined : openSheet(today ?? undefined))}
              >
                {todayLogged ? '今天已登记 ✓' : '登记今天服务'}
              </Button>
              {openDates.some((d) => d !== today) && (
                <Text className="muted" id="log-other-day" onClick={() => openSheet(openDates.find((d) => d !== today))}>
                  补登其他日期（最早可补登 {earliestDate ? md(earliestDate) : ''}）›
                </Text>
              )}
            </>
          )}
          {sheet && (
            <View id="day-sheet">
              <Text className="label">服务日期</Text>
              <View className="chips">
                {recentDates.map((d) =>
                  loggedDates.has(d) ? (
                    <Text key={d} className="chip off" id={`day-${d}`}>
                      {md(d)} 已登记
                    </Text>
                  ) : (
                    <Text
                      key={d}
                      className={`chip${d === sheet.date ? ' on' : ''}`}
                      id={`day-${d}`}
                      onClick={() => setSheet({ ...sheet, date: d })}
                    >
                      {d === today ? `今天 ${md(d)}` : md(d)}
                    </Text>
                  ),
                )}
                {windowDates.length > RECENT_PICKER_DAYS && (
                  <Text className="chip" id="day-earlier" onClick={() => setShowEarlier(!showEarlier)}>
                    {showEarlier ? '收起更早的日期' : `更早的日期（最早 ${earliestDate ? md(earliestDate) : ''}）`}
                  </Text>
                )}
              </View>
              {sheet.date !== today && <Text className="warn small block">补登的日期会标记为“补登”，与当天登记的分开统计</Text>}
              <Text className="label">备注（选填）</Text>
              <Input
                className="input"
                id="day-note"
                placeholder="例如：指导合作社水稻病虫害防治"
                value={sheet.note}
                onInput={(e) => setSheet({ ...sheet, note: e.detail.value })}
              />
              <View className="toggle" id="toggle-location" onClick={() => setSheet({ ...sheet, useLocation: !sheet.useLocation })}>
                <View className={`toggle-box${sheet.useLocation ? ' on' : ''}`}>{sheet.useLocation ? '✓' : ''}</View>
                <Text>
                  定位签到{progress?.station.hasLocation ? '（与服务站位置比对，需您同意获取位置）' : '（服务站未设置位置，不比对）'}
                </Text>
              </View>
              <View className="row">
                <Text className="muted">照片 {sheet.evidence.length} 张</Text>
                <Button className="btn-plain" size="mini" id="add-photo" onClick={() => void addPhoto()}>
                  添加照片（选填）
                </Button>
              </View>
              {photoError && (
                <Text className="error block" id="photo-error">
                  {photoError}
                </Text>
              )}
              <Button id="confirm-day" className="big-btn" loading={busy} onClick={() => void confirm()}>
                确认登记 {md(sheet.date)}
              </Button>
              <Button className="btn-plain" id="cancel-day" onClick={() => setSheet(null)}>
                取消
              </Button>
            </View>
          )}
          <NoticeText notice={notice} id="day-result" className={(n) => `result ${n.tone}`} />
        </View>
      )}

      {q && y && (
        <View className="card" id="quarter-card" data-days={q.days}>
          <Text className="subtitle">
            本季度（第{q.quarter}季度 {md(q.start)}—{md(q.end)}）
          </Text>
          <View>
            <Text className="figure" id="quarter-days">
              {q.days}
            </Text>
            <Text className="figure-of">/ {q.required} 天</Text>
          </View>
          <Bar value={q.days} max={q.required} id="quarter-bar" done={quarterMet(q)} />
          <Text className="muted block" id="quarter-status">
            {quarterStatusText(q)}
          </Text>
          <Text className="muted block">本季度还剩 {q.workingDaysLeft} 个工作日</Text>
          {q.willMiss && q.stillNeeded > 0 && (
            <Text className="warn small block" id="quarter-pace">
              本季度进度偏慢：还需 {q.stillNeeded} 天，剩 {q.workingDaysLeft} 个工作日，请尽早安排
            </Text>
          )}
          <Text className="subtitle">
            本考核年度（第{y.yearIndex}年，至 {y.end.slice(0, 4)}年{md(y.end)}）
          </Text>
          <View>
            <Text className="figure" id="year-days">
              {y.days}
            </Text>
            <Text className="figure-of">/ {y.required} 天</Text>
          </View>
          <Bar value={y.days} max={y.required} id="year-bar" />
          <Text className="muted block">
            {y.stillNeeded > 0 ? `还需 ${y.stillNeeded} 天` : '全年天数已达标'} · 已确认 {y.verifiedDays} 天
          </Text>
          {progress?.note && <Text className="muted small block">{progress.note}</Text>}
        </View>
      )}

      {stationId && (
        <View className="card">
          <Text className="subtitle">登记其他工作（第十二条）</Text>
          <View className="grid2">
            {(
              [
                ['training', '技术培训'],
                ['research', '产业调研'],
                ['tackling', '技术攻关'],
                ['problem', '解决企业难题'],
                ['achievement', '成果推广转化'],
              ] as const
            ).map(([kind, label]) => (
              <Button
                key={kind}
                className="btn-plain"
                id={`go-log-${kind}`}
                onClick={() => go(`/packages/expert/pages/log/index?kind=${kind}&stationId=${stationId}`)}
              >
                {label}
              </Button>
            ))}
          </View>
          <View className="grid2">
            <Button
              className="btn-plain"
              id="go-records"
              onClick={() => go(`/packages/expert/pages/records/index?mode=mine&stationId=${stationId}`)}
            >
              我的记录
            </Button>
            <Button
              className="btn-plain"
              id="go-progress"
              onClick={() => go(`/packages/expert/pages/progress/index?stationId=${stationId}`)}
            >
              服务站考核进度
            </Button>
          </View>
        </View>
      )}

      {hostStation?.scope.stationId && (
        <View className="card" id="host-card">
          <Text className="subtitle">建站单位确认 · {hostStation.scopeLabel}</Text>
          <Text className="block" id="pending-count">
            {pendingToConfirm === null ? '待确认记录加载中…' : `待确认 ${pendingToConfirm} 条`}
          </Text>
          <Button
            className="btn"
            id="go-confirm"
            onClick={() => go(`/packages/expert/pages/records/index?mode=confirm&stationId=${hostStation.scope.stationId}`)}
          >
            查看并确认
          </Button>
          <Button
            className="btn-plain"
            onClick={() => go(`/packages/expert/pages/progress/index?stationId=${hostStation.scope.stationId}`)}
          >
            服务站考核进度
          </Button>
          <Button
            className="btn-plain"
            id="go-lifecycle"
            onClick={() => go(`/pages/awards/station/index?id=${hostStation.scope.stationId}`)}
          >
            服务站运行情况（整改、续建、合并撤销）
          </Button>
        </View>
      )}

      <WhoAmI me={me} />
    </View>
  );
}
