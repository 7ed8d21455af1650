import type { EntryView } from '@shared/api/stations';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useLoad } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { onOutboxSent } from '../../../../services/outbox-queue';
import { stationsClient } from '../../../../services/stations';
import { EntryCard, OutboxBanner, useOutbox } from '../../components/parts';
import '../../components/expert.css';
import { NoticeText } from '../../../../components/NoticeText';
import { useAction } from '../../../../hooks/useAction';
import { newRequestId } from '../../../../platform/request-id';
import { errorText } from '../../../../services/errors';

type Mode = 'mine' | 'confirm';

/**
 * mode=mine: 我的记录 — the expert's own entries, with 修改 / 撤回 while not confirmed, and the ones
 * still waiting on the phone. mode=confirm: the host-unit contact's list of entries awaiting
 * confirmation, each with 确认 / 有异议 (a reason is required).
 */
export default function Records() {
  const outbox = useOutbox();
  const [mode, setMode] = useState<Mode>('mine');
  const [stationId, setStationId] = useState('');
  const [entries, setEntries] = useState<EntryView[]>([]);
  const [total, setTotal] = useState(0);
  const [disputing, setDisputing] = useState<{ id: string; reason: string } | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const action = useAction();
  const { notice } = action;

  const load = async (m: Mode = mode, sid: string = stationId) => {
    if (!sid) return;
    try {
      const page = await stationsClient.listEntries({ stationId: sid, scope: m === 'confirm' ? 'pending' : 'mine', limit: 100 });
      setEntries(page.entries);
      setTotal(page.total);
      action.clearError();
    } catch (e) {
      action.say('err', errorText(e, { offline: '当前无网络，无法加载记录' }));
    }
  };
  useLoad((params: Record<string, string | undefined>) => {
    const m: Mode = params.mode === 'confirm' ? 'confirm' : 'mine';
    setMode(m);
    setStationId(params.stationId ?? '');
    Taro.setNavigationBarTitle({ title: m === 'confirm' ? '待确认记录' : '我的记录' });
    void load(m, params.stationId ?? '');
  });
  useDidShow(() => void load());
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => onOutboxSent(() => void loadRef.current()), []);

  const act = async (id: string, run: (requestId: string) => Promise<EntryView>, message: string) => {
    setBusyId(id);
    await action.run(
      async () => {
        const e = await run(await newRequestId());
        setDisputing(null);
        await load();
        return e;
      },
      { ok: (e) => `${message}：${e.kindLabel} ${e.record.date}`, error: { fields: 'first', other: '网络不可用，请稍后重试' } },
    );
    setBusyId(null);
  };
  const withdraw = async (e: EntryView) => {
    const res = await Taro.showModal({
      title: '撤回记录',
      content: `确定撤回 ${e.record.date} 的「${e.kindLabel}」？撤回后不计入考核，记录仍会保留。`,
    });
    if (res.confirm)
      await act(
        e.record.id,
        (requestId) => stationsClient.withdrawEntry({ requestId, recordId: e.record.id, reason: '登记人撤回' }),
        '已撤回',
      );
  };

  return (
    <View className="page" id={`records-${mode}`}>
      <Text className="title">{mode === 'confirm' ? '待确认记录' : '我的记录'}</Text>
      {mode === 'mine' && <OutboxBanner state={outbox} />}
      {mode === 'confirm' && <Text className="muted block">请核实专家登记的工作。只有确认过的记录计为“已核实”；有异议请写明原因。</Text>}
      <NoticeText
        notice={notice}
        id={notice?.tone === 'ok' ? 'records-done' : undefined}
        className={(n) => (n.tone === 'ok' ? 'result ok' : 'error')}
      />
      <Text className="muted block" id="records-total">
        共 {total} 条
      </Text>
      {entries.length === 0 && notice?.tone !== 'err' && (
        <Text className="muted block">{mode === 'confirm' ? '没有待确认的记录' : '还没有记录'}</Text>
      )}
      {entries.map((e) => (
        <EntryCard key={e.record.id} e={e}>
          {mode === 'mine' && e.canEdit && (
            <View className="actions">
              <Button
                className="btn-plain"
                size="mini"
                id={`edit-${e.record.id}`}
                onClick={() =>
                  void Taro.navigateTo({ url: `/packages/expert/pages/log/index?kind=${e.record.kind}&recordId=${e.record.id}` })
                }
              >
                修改
              </Button>
              <Button
                className="btn-danger"
                size="mini"
                id={`withdraw-${e.record.id}`}
                loading={busyId === e.record.id}
                onClick={() => void withdraw(e)}
              >
                撤回
              </Button>
            </View>
          )}
          {mode === 'mine' && e.record.kind === 'research' && !e.record.result && e.record.status !== 'withdrawn' && (
            <Button
              className="btn-plain"
              size="mini"
              onClick={() =>
                void Taro.navigateTo({ url: `/packages/expert/pages/log/index?kind=research&mode=result&recordId=${e.record.id}` })
              }
            >
              补充调研成果
            </Button>
          )}
          {mode === 'confirm' && e.canConfirm && (
            <View>
              {disputing?.id === e.record.id ? (
                <View>
                  <Input
                    className="input"
                    id={`reason-${e.record.id}`}
                    placeholder="请写明异议原因（必填）"
                    value={disputing.reason}
                    onInput={(ev) => setDisputing({ id: e.record.id, reason: ev.detail.value })}
                  />
                  <Button
                    className="btn-danger"
                    id={`send-dispute-${e.record.id}`}
                    loading={busyId === e.record.id}
                    onClick={() =>
                      void act(
                        e.record.id,
                        (requestId) =>
                          stationsClient.confirmEntry({ requestId, recordId: e.record.id, decision: 'dispute', reason: disputing.reason }),
                        '已提出异议',
                      )
                    }
                  >
                    提交异议
                  </Button>
                  <Button className="btn-plain" size="mini" onClick={() => setDisputing(null)}>
                    取消
                  </Button>
                </View>
              ) : (
                <View className="actions">
                  <Button
                    className="btn"
                    size="mini"
                    id={`confirm-${e.record.id}`}
                    loading={busyId === e.record.id}
                    onClick={() =>
                      void act(
                        e.record.id,
                        (requestId) => stationsClient.confirmEntry({ requestId, recordId: e.record.id, decision: 'confirm' }),
                        '已确认',
                      )
                    }
                  >
                    确认
                  </Button>
                  <Button
                    className="btn-danger"
                    size="mini"
                    id={`dispute-${e.record.id}`}
                    onClick={() => setDisputing({ id: e.record.id, reason: '' })}
                  >
                    有异议
                  </Button>
                </View>
              )}
            </View>
          )}
        </EntryCard>
      ))}
    </View>
  );
}
