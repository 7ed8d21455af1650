import type { ApplicationRow, ApplicationStatus, RoundView } from '@shared/api/applications';
import { programmeIds, programmes } from '@shared/programmes';
import { applicationStatusLabels } from '@shared/schemas/application';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { applicationsClient, openExport } from '../../../../services/applications';
import '../../../../components/FormStep.css';
import { NoticeText } from '../../../../components/NoticeText';
import { useAction } from '../../../../hooks/useAction';
import { errorText } from '../../../../services/errors';

const statuses: ApplicationStatus[] = ['in_review', 'returned', 'publicity', 'approved', 'awarded', 'rejected', 'withdrawn'];

/**
 * The review queue of a staff member's unit (a county sees its own, the city sees all) or of a
 * review expert (what they are assigned): filterable by programme, round and state; what they can
 * act on now comes first.
 */
export default function Queue() {
  const [programmeId, setProgrammeId] = useState<string>('');
  const [roundId, setRoundId] = useState<string>('');
  const [status, setStatus] = useState<ApplicationStatus | ''>('');
  const [actionableOnly, setActionableOnly] = useState(false);
  const [rows, setRows] = useState<ApplicationRow[] | null>(null);
  const [rounds, setRounds] = useState<RoundView[]>([]);
  const action = useAction();

  const load = () => {
    action.clear();
    applicationsClient
      .queue({
        ...(programmeId ? { programmeId } : {}),
        ...(roundId ? { roundId } : {}),
        ...(status ? { status } : {}),
        actionableOnly,
        skip: 0,
      })
      .then(setRows)
      .catch((e: unknown) => action.say('err', errorText(e)));
  };
  useDidShow(load);
  useEffect(load, [programmeId, roundId, status, actionableOnly, action.clear, action.say]);
  useEffect(() => {
    setRoundId('');
    if (!programmeId) return setRounds([]);
    applicationsClient
      .rounds({ programmeId })
      .then(setRounds)
      .catch(() => setRounds([]));
  }, [programmeId]);

  const exportRound = () => action.run(async () => openExport(await applicationsClient.exportRound({ roundId })));

  const chip = (active: boolean, label: string, id: string, onClick: () => void) => (
    <Text key={id} id={id} className={`tag choice ${active ? 'tag-green chosen' : ''}`} onClick={onClick}>
      {label}
    </Text>
  );

  return (
    <View className="page" id="queue">
      <Text className="title">申报审核</Text>
      <Text className="field-label">项目</Text>
      <View className="choices">
        {chip(programmeId === '', '全部', 'filter-programme-all', () => setProgrammeId(''))}
        {programmeIds.map((id) =>
          chip(programmeId === id, `${programmes[id].city}·${programmes[id].title}`, `filter-programme-${id}`, () => setProgrammeId(id)),
        )}
      </View>
      {rounds.length > 0 && (
        <>
          <Text className="field-label">批次</Text>
          <View className="choices">
            {chip(roundId === '', '全部', 'filter-round-all', () => setRoundId(''))}
            {rounds.map((r) => chip(roundId === r.id, r.title, `filter-round-${r.id}`, () => setRoundId(r.id)))}
          </View>
        </>
      )}
      <Text className="field-label">状态</Text>
      <View className="choices">
        {chip(status === '', '全部', 'filter-status-all', () => setStatus(''))}
        {statuses.map((s) => chip(status === s, applicationStatusLabels[s], `filter-status-${s}`, () => setStatus(s)))}
        {chip(actionableOnly, '只看待我处理', 'filter-actionable', () => setActionableOnly(!actionableOnly))}
      </View>
      {roundId && (
        <Button className="btn-plain" id="export-round" onClick={() => void exportRound()}>
          导出本批次申报与评分（Excel）
        </Button>
      )}
      <NoticeText notice={action.notice} />
      {rows === null && <Text className="muted">加载中…</Text>}
      {rows?.length === 0 && <Text className="muted">没有符合条件的申报</Text>}
      {rows?.map((r) => (
        <View
          key={r.id}
          className="card"
          id={`row-${r.id}`}
          data-app={r.id}
          onClick={() => void Taro.navigateTo({ url: `/packages/staff/pages/application/index?id=${r.id}` })}
        >
          <View className="row">
            <Text className="value">{r.title || r.applicantName}</Text>
            {r.actionable ? <Text className="tag tag-amber">待我处理</Text> : null}
          </View>
          <Text className="muted">
            {r.applicantName} · {r.kindLabel}
          </Text>
          <Text className="muted"> · {r.stageLabel || r.statusLabel}</Text>
        </View>
      ))}
    </View>
  );
}
