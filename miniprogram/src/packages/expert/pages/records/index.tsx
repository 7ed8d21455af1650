import type { EntryView } from '@shared/api/stations';
import { CONFIRM_MANY_MAX } from '@shared/rules/entry-changes';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useLoad } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { FileLink } from '../../../../components/FileLink';
import { onOutboxSent } from '../../../../services/outbox-queue';
import { fileUrl as evidenceUrl, stationsClient } from '../../../../services/stations';
import { chunksOf, type EntryGroup, type GroupBy, groupEntries } from '../../components/groups';
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
  const [groupBy, setGroupBy] = useState<GroupBy>('week');
  /** confirmed entries the host contact may still take back (their period is open) */
  const [undoable, setUndoable] = useState<EntryView[]>([]);
  const [progress, setProgress] = useState<{ label: string; done: number; total: number } | null>(null);
  /** a bulk confirmation interrupted (network, timeout): the same calls, resumed from the first not done */
  const [resume, setResume] = useState<{ label: string; batch: string; parts: string[][]; next: number; done: number } | null>(null);
  const action = useAction();
  const { notice } = action;

  const load = async (m: Mode = mode, sid: string = stationId) => {
    if (!sid) return;
    try {
      const page = await stationsClient.listEntries({ stationId: sid, scope: m === 'confirm' ? 'pending' : 'mine', limit: 100 });
      setEntries(page.entries);
      setTotal(page.total);
      if (m === 'confirm') {
        const all = await stationsClient.listEntries({ stationId: sid, scope: 'all', limit: 100 });
        setUndoable(all.entries.filter((e) => e.canUndoConfirm));
      }
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
  /**
   * 全部确认 of a group: one confirmation dialog, then calls of at most CONFIRM_MANY_MAX entries with
   * progress; each call has its own request id (batch-index), so an interrupted run resumes with the
   * same ids and the server replays what it had already done.
   */
  const runBulk = async (job: { label: string; batch: string; parts: string[][]; next: number; done: number }) => {
    const total = job.parts.reduce((n, p) => n + p.length, 0);
    let done = job.done;
    const refused: string[] = [];
    setResume(null);
    setProgress({ label: job.label, done, total });
    for (let i = job.next; i < job.parts.length; i++) {
      const part = job.parts[i] as string[];
      try {
        const r = await stationsClient.confirmMany({ requestId: `${job.batch}-${i}`, recordIds: part });
        for (const it of r.items) if (!it.ok && it.code !== 'STATION.ENTRY_LOCKED') refused.push(it.message ?? '未能确认');
        done += part.length;
        setProgress({ label: job.label, done, total });
      } catch (e) {
        setProgress(null);
        setResume({ ...job, next: i, done });
        action.say('err', `${errorText(e, { offline: '网络不可用' })}。已处理 ${done}/${total} 条，点“继续确认”接着完成`);
        await load();
        return;
      }
    }
    setProgress(null);
    action.say(
      refused.length ? 'warn' : 'ok',
      refused.length
        ? `已处理「${job.label}」${total} 条，其中 ${refused.length} 条未能确认：${[...new Set(refused)].join('；')}`
        : `已确认「${job.label}」${total} 条记录；本期结束前可在下方逐条撤销`,
    );
    await load();
  };
  const confirmGroup = async (g: EntryGroup) => {
    const ids = g.entries.filter((e) => e.canConfirm).map((e) => e.record.id);
    if (ids.length === 0) return;
    const photos = g.entries.reduce((n, e) => n + e.record.evidence.length, 0);
    const res = await Taro.showModal({
      title: '全部确认',
      content: `确认「${g.label}」的 ${ids.length} 条记录（附照片 ${photos} 张）？请先核对照片和内容。本期结束前可逐条撤销。`,
      confirmText: '全部确认',
    });
    if (!res.confirm) return;
    await runBulk({ label: g.label, batch: await newRequestId(), parts: chunksOf(ids, CONFIRM_MANY_MAX), next: 0, done: 0 });
  };
  const undo = (e: EntryView) =>
    act(e.record.id, (requestId) => stationsClient.undoConfirm({ requestId, recordId: e.record.id }), '已撤销确认');

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

  const card = (e: EntryView) => (
    <EntryCard key={e.record.id} e={e}>
      {/* the entry's photos open (issue 15, finding 8): the host contact checks them before confirming */}
      {e.record.evidence.map((f, i) => (
        <FileLink key={f.fileId} name={`照片 ${i + 1}：${f.name}`} fileId={f.fileId} open={evidenceUrl} />
      ))}
      {mode === 'mine' && e.canEdit && (
        <View className="actions">
          <Button
            className="btn-plain"
            size="mini"
            id={`edit-${e.record.id}`}
            onClick={() => void Taro.navigateTo({ url: `/packages/expert/pages/log/index?kind=${e.record.kind}&recordId=${e.record.id}` })}
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
      {mode === 'confirm' && !e.canConfirm && (e.record.status === 'pending' || e.record.status === 'disputed') && (
        <Text className="muted block" id={`frozen-${e.record.id}`}>
          该记录所属考核期已结束（已冻结），不能再确认或撤销；如需处理请联系科协工作人员
        </Text>
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
                className="btn tap44"
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
                className="btn-danger tap44"
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
  );

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
      {mode === 'mine' && entries.map(card)}
      {mode === 'confirm' && entries.length > 0 && (
        <View className="chips" id="group-by">
          <Text className={`chip tap44 ${groupBy === 'week' ? 'on' : ''}`} id="group-week" onClick={() => setGroupBy('week')}>
            按周
          </Text>
          <Text className={`chip tap44 ${groupBy === 'expert' ? 'on' : ''}`} id="group-expert" onClick={() => setGroupBy('expert')}>
            按专家
          </Text>
        </View>
      )}
      {progress && (
        <Text className="banner block" id="bulk-progress">
          正在确认「{progress.label}」：{progress.done}/{progress.total}
        </Text>
      )}
      {resume && (
        <Button className="btn tap44" id="bulk-resume" onClick={() => void runBulk(resume)}>
          继续确认「{resume.label}」（还剩 {resume.parts.slice(resume.next).reduce((n, p) => n + p.length, 0)} 条）
        </Button>
      )}
      {mode === 'confirm' &&
        groupEntries(entries, groupBy).map((g) => (
          <View key={g.key} className="group" id={`group-${g.key}`} data-count={g.entries.length}>
            <View className="row group-head">
              <Text className="subtitle-sm">
                {g.label}（{g.entries.length} 条）
              </Text>
              <Button
                className="btn tap44"
                size="mini"
                id={`confirm-group-${g.key}`}
                disabled={!!progress || g.entries.every((e) => !e.canConfirm)}
                onClick={() => void confirmGroup(g)}
              >
                全部确认（{g.entries.filter((e) => e.canConfirm).length} 条）
              </Button>
            </View>
            {g.entries.map(card)}
          </View>
        ))}
      {mode === 'confirm' && undoable.length > 0 && (
        <View id="undoable">
          <Text className="subtitle-sm block">已确认（本期结束前可撤销，{undoable.length} 条）</Text>
          {undoable.map((e) => (
            <View key={e.record.id} className="card row undo-row" id={`undo-row-${e.record.id}`}>
              <Text className="block">
                {e.kindLabel} · {e.record.date} · {e.authorName}
              </Text>
              <Button
                className="btn-plain tap44"
                size="mini"
                id={`undo-${e.record.id}`}
                loading={busyId === e.record.id}
                onClick={() => void undo(e)}
              >
                撤销确认
              </Button>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
