import type { ApplicationRow, ApplicationStatus, RoundView } from '@shared/api/applications';
import { listProgrammes } from '@shared/programmes';
import { applicationStatusLabels } from '@shared/schemas/application';
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { applicationsClient, openExport } from '../../../../services/applications';
import '../../../../components/FormStep.css';
import { pendingKindLabels } from '../../../../components/review/pending';
import '../../../../components/review/review.css';
import { NoticeText } from '../../../../components/NoticeText';
import { PermissionDenied } from '../../../../components/PermissionDenied';
import { useAction } from '../../../../hooks/useAction';
import { queueProgrammeOptions } from '../../../../lib/queue-programmes';
import { ApiError, errorText } from '../../../../services/errors';

const statuses: ApplicationStatus[] = ['in_review', 'returned', 'publicity', 'approved', 'awarded', 'rejected', 'withdrawn'];

/**
 * The search (issue 15, finding 13) filters the rows already loaded, on the phone: the queue's answer is
 * the caller's whole scoped list (up to 200 rows, what they can act on first) with names resolved, so
 * every keystroke filters at once with no call; the cloud database has no text index, so a server-side
 * search would read the same documents and add a round trip per keystroke.
 */
export function matchesQuery(r: Pick<ApplicationRow, 'title' | 'applicantName' | 'societyName' | 'hostUnitName' | 'kindLabel'>, q: string) {
  const words = q.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const hay = [r.title, r.applicantName, r.societyName, r.hostUnitName, r.kindLabel].join(' ').toLowerCase();
  return words.every((w) => hay.includes(w));
}

/**
 * The review queue of a staff member's unit (a county sees its own, the city sees all) or of a
 * review expert (what they are assigned): filterable by programme, round and state; what they can
 * act on now comes first.
 */
export default function Queue() {
  const [programmeId, setProgrammeId] = useState<string>('');
  const [roundId, setRoundId] = useState<string>('');
  const [status, setStatus] = useState<ApplicationStatus | ''>('');
  // opened from the home's pending counts: only what waits for the caller
  const [actionableOnly, setActionableOnly] = useState(Taro.getCurrentInstance().router?.params.pending === '1');
  const [rows, setRows] = useState<ApplicationRow[] | null>(null);
  const [query, setQuery] = useState('');
  const [denied, setDenied] = useState<string | null>(null);
  const [rounds, setRounds] = useState<RoundView[]>([]);
  // the programmes of every row loaded so far (the filter keeps them when a filter narrows the rows)
  const [seen, setSeen] = useState<Pick<ApplicationRow, 'programmeId' | 'programmeTitle'>[]>([]);
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
      .then((next) => {
        setRows(next);
        setSeen((was) => [...was, ...next.filter((r) => !was.some((w) => w.programmeId === r.programmeId))]);
      })
      .catch((e: unknown) =>
        e instanceof ApiError && e.code === 'AUTH.FORBIDDEN' ? setDenied(errorText(e)) : action.say('err', errorText(e)),
      );
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

  const choices = queueProgrammeOptions(listProgrammes(), seen);
  const programmeOptions = ['全部项目', ...choices.map((c) => c.label)];
  const statusOptions = ['全部状态', ...statuses.map((x) => applicationStatusLabels[x])];
  const roundOptions = ['全部批次', ...rounds.map((r) => r.title)];
  const shown = rows?.filter((r) => matchesQuery(r, query)) ?? null;

  if (denied) return <PermissionDenied message={denied} home="/packages/staff/pages/home/index" what="申报审核" />;
  return (
    <View className="page" id="queue">
      <Text className="title">申报审核</Text>
      <Input
        className="input"
        id="queue-search"
        type="text"
        value={query}
        placeholder="搜索项目名称、学会、建站单位"
        onInput={(e) => setQuery(e.detail.value)}
      />
      {/* one compact row of dropdowns instead of a screen of chips */}
      <View className="filter-row" id="queue-filters">
        <Picker
          mode="selector"
          range={programmeOptions}
          value={programmeId ? choices.findIndex((c) => c.id === programmeId) + 1 : 0}
          onChange={(e) => setProgrammeId(Number(e.detail.value) === 0 ? '' : (choices[Number(e.detail.value) - 1]?.id ?? ''))}
        >
          <View className="filter-select" id="filter-programme">
            {programmeId ? (choices.find((c) => c.id === programmeId)?.title ?? '全部项目') : '全部项目'} ▾
          </View>
        </Picker>
        {rounds.length > 0 && (
          <Picker
            mode="selector"
            range={roundOptions}
            value={roundId ? rounds.findIndex((r) => r.id === roundId) + 1 : 0}
            onChange={(e) => setRoundId(Number(e.detail.value) === 0 ? '' : rounds[Number(e.detail.value) - 1]!.id)}
          >
            <View className="filter-select" id="filter-round">
              {roundId ? (rounds.find((r) => r.id === roundId)?.title ?? '') : '全部批次'} ▾
            </View>
          </Picker>
        )}
        <Picker
          mode="selector"
          range={statusOptions}
          value={status ? statuses.indexOf(status) + 1 : 0}
          onChange={(e) => setStatus(Number(e.detail.value) === 0 ? '' : statuses[Number(e.detail.value) - 1]!)}
        >
          <View className="filter-select" id="filter-status">
            {status ? applicationStatusLabels[status] : '全部状态'} ▾
          </View>
        </Picker>
        <Text
          className={`filter-select${actionableOnly ? ' chosen' : ''}`}
          id="filter-actionable"
          onClick={() => setActionableOnly(!actionableOnly)}
        >
          {actionableOnly ? '☑' : '☐'} 待我处理
        </Text>
      </View>
      {roundId && (
        <Button className="btn-plain" id="export-round" onClick={() => void exportRound()}>
          导出本批次申报与评分（Excel）
        </Button>
      )}
      <NoticeText notice={action.notice} />
      {rows === null && <Text className="muted">加载中…</Text>}
      {shown?.length === 0 && (
        <Text className="muted" id="queue-empty">
          {query.trim() ? `没有与“${query.trim()}”相符的申报` : '没有符合条件的申报'}
        </Text>
      )}
      {rows && query.trim() && shown && shown.length > 0 ? (
        <Text className="muted" id="queue-count">
          找到 {shown.length} 份
        </Text>
      ) : null}
      {shown?.map((r) => (
        <View
          key={r.id}
          className="card"
          id={`row-${r.id}`}
          data-app={r.id}
          onClick={() => void Taro.navigateTo({ url: `/packages/staff/pages/application/index?id=${r.id}` })}
        >
          <View className="row">
            <Text className="value">{r.title || r.applicantName}</Text>
            {r.pending ? (
              <Text className="tag tag-amber">{pendingKindLabels[r.pending]}</Text>
            ) : r.actionable ? (
              <Text className="tag tag-amber">待我处理</Text>
            ) : null}
          </View>
          <Text className="muted">
            {r.applicantName}
            {r.hostUnitName && r.societyName && r.applicantName !== r.societyName ? ` · ${r.societyName}` : ''} · {r.kindLabel}
          </Text>
          <Text className="muted"> · {r.stageLabel || r.statusLabel}</Text>
        </View>
      ))}
    </View>
  );
}
