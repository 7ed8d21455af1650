import type { ChartPoint, ExpertRow, StationDetail } from '@shared/api/reports';
import { riskLabels } from '@shared/api/reports';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { openXlsx, reportsClient } from '../../../../services/reports';
import '../dashboard/reports.css';
import { NoticeText } from '../../../../components/NoticeText';
import { useAction } from '../../../../hooks/useAction';
import { gradeClass, num, riskClass, yuan } from '../../../../lib/format';
import { errorText } from '../../../../services/errors';
import { StationHistory } from './History';

const statusText = { met: '已达到', inProgress: '进行中', failed: '未达到' } as const;
const paceText = { met: '', onTrack: '进度正常', behind: '进度落后', cannot: '剩余天数已不够' } as const;

/** This quarter for one expert, one kind of figure per clause: confirmed, pending, still needed. */
function currentText(c: NonNullable<ExpertRow['current']>): string {
  if (c.confirmedDays >= c.required) return `本季度已确认 ${c.confirmedDays} 天，已达到 ${c.required} 天`;
  if (c.short === 0)
    return `本季度已登记 ${c.days} 天：已确认 ${c.confirmedDays} 天，待确认 ${c.pendingDays} 天（确认满 ${c.required} 天才算达标）`;
  return `本季度已确认 ${c.confirmedDays} 天，待确认 ${c.pendingDays} 天，还差 ${c.short} 天（${paceText[c.pace]}）`;
}

function ExpertTable({ experts }: { experts: ExpertRow[] }) {
  const quarters = experts[0]?.quarters ?? [];
  return (
    <View className="card" id="experts">
      <Text className="subtitle">专家在站天数（第十二条（二））</Text>
      <Text className="muted">每格：天数（已确认 + 待确认）/ 要求</Text>
      <View className="rp-tr">
        <Text className="rp-td first">专家</Text>
        {quarters.map((q) => (
          <Text key={q.quarter} className="rp-td">
            Q{q.quarter}
          </Text>
        ))}
        <Text className="rp-td">全年</Text>
      </View>
      {experts.map((e) => (
        <View key={e.expertId} className="rp-tr" id={`expert-${e.expertId}`} data-expert={e.expertId} data-short={e.current?.short ?? 0}>
          <View className="rp-td first">
            <Text>{e.name}</Text>
            {e.current && (
              <Text
                className={`rp-sub ${e.current.pace === 'behind' || e.current.pace === 'cannot' ? 'rp-short' : e.current.confirmedDays >= e.current.required ? 'rp-met' : ''}`}
                id={`short-${e.expertId}`}
                data-pace={e.current.pace}
              >
                {currentText(e.current)}
              </Text>
            )}
          </View>
          {e.quarters.map((q) => (
            <View key={q.quarter} className="rp-td">
              <Text className={q.shortfall > 0 ? (q.status === 'failed' ? 'rp-short' : '') : 'rp-met'}>
                {num(q.days)}/{num(q.required)}
              </Text>
              <Text className="rp-sub">
                {q.verifiedDays}+{q.unverifiedDays}
              </Text>
            </View>
          ))}
          <View className="rp-td">
            <Text className={e.year.shortfall > 0 ? '' : 'rp-met'}>
              {num(e.year.days)}/{num(e.year.required)}
            </Text>
            <Text className="rp-sub">{e.year.verifiedDays} 已确认</Text>
          </View>
        </View>
      ))}
    </View>
  );
}

function Chart({ points }: { points: ChartPoint[] }) {
  const max = Math.max(1, ...points.map((p) => Math.max(p.all, p.required)));
  return (
    <View className="card" id="chart">
      <Text className="subtitle">各季度服务天数</Text>
      <View className="rp-chart">
        {points.map((p) => (
          <View key={p.label} className="rp-col" data-quarter={p.label} data-days={p.all}>
            <View className="rp-plot">
              <View className="rp-col-bar" style={{ height: `${(100 * p.all) / max}%` }}>
                <View className="rp-col-verified" style={{ height: `${p.all ? (100 * p.verified) / p.all : 0}%` }} />
              </View>
              <View className="rp-col-req" style={{ bottom: `${(100 * p.required) / max}%` }} />
            </View>
            <Text className="rp-col-lbl">
              {p.label.replace('第', '').replace('年', '-')} · {p.all}
            </Text>
          </View>
        ))}
      </View>
      <Text className="rp-legend">深色：已确认　浅色：待确认　红色虚线：团队要求（每人每季度天数 × 人数）</Text>
    </View>
  );
}

/** One station for staff: clauses, experts short of days, the year's work with evidence, a chart, export. */
export default function StationPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [yearIndex, setYearIndex] = useState<number | undefined>(undefined);
  const [d, setD] = useState<StationDetail | null>(null);
  const [reload, setReload] = useState(0);
  const action = useAction();

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload re-reads after a prior result is saved
  useEffect(() => {
    action.clear();
    reportsClient
      .stationDetail({ stationId: id, ...(yearIndex ? { yearIndex } : {}) })
      .then(setD)
      .catch((e: unknown) => action.say('err', errorText(e)));
  }, [id, yearIndex, reload, action.clear, action.say]);

  const exportXlsx = () =>
    action.run(async () => {
      await openXlsx(await reportsClient.exportStation({ stationId: id, ...(yearIndex ? { yearIndex } : {}) }));
      Taro.showToast({ title: '已导出', icon: 'success' });
    });

  if (!d)
    return <View className="page">{action.notice ? <NoticeText notice={action.notice} /> : <Text className="muted">加载中…</Text>}</View>;
  const s = d.station;
  return (
    <View className="page" id="station-detail" data-station={s.id}>
      <Text className="title">{s.name}</Text>
      <Text className="rp-line">
        {s.levelLabel} · {s.castUnitName} · {s.industryField} · {s.statusLabel}
      </Text>
      <Text className="rp-line">
        建站学会 {s.societyName} · 建站单位 {s.hostUnitName}
      </Text>
      <Text className="rp-line">
        授牌 {s.plaqueDate} · 协议期满 {s.termEnd}（{s.termYears} 年）
        {d.history.plaquedBefore ? ` · 上线 ${d.history.goLiveDate}` : ''}
      </Text>
      <View className="rp-chips">
        {d.years.map((k) => (
          <Text key={k} id={`year-${k}`} className={`rp-chip ${k === d.yearIndex ? 'on' : ''}`} onClick={() => setYearIndex(k)}>
            第{k}考核年度
          </Text>
        ))}
      </View>
      <View className={`card rp-card ${d.risk}`} id="summary">
        <View className="rp-head">
          <Text className="rp-name">
            {d.year.start} 至 {d.year.end}
            {d.year.final ? '（已结束）' : ''}
          </Text>
          <Text className={`tag ${d.isNew ? '' : riskClass[d.risk]}`}>{d.isNew ? '新建' : riskLabels[d.risk]}</Text>
        </View>
        {d.history.beforeGoLive ? (
          // a year before go-live is not assessed from records: its prior result (if entered) stands
          <View className="rp-figures" id="before-go-live-result">
            <View className="rp-fig">
              <Text className="rp-v">
                {d.history.priorResult ? (
                  <Text className={`tag ${gradeClass(d.history.priorResult.grade)}`}>{d.history.priorResult.grade}</Text>
                ) : (
                  <Text className="tag">未纳入考核</Text>
                )}
              </Text>
              <Text className="rp-k">{d.history.priorResult ? `往年考核结果（${d.history.priorResult.source}）` : '上线前'}</Text>
            </View>
          </View>
        ) : (
          <View className="rp-figures">
            <View className="rp-fig">
              <Text className="rp-v">{num(d.evaluation.score, 1)}</Text>
              <Text className="rp-k">得分（已确认 {num(d.evaluation.scoreVerified, 1)}）</Text>
            </View>
            <View className="rp-fig">
              <Text className={`rp-v`}>
                <Text className={`tag ${gradeClass(d.evaluation.grade)}`}>{d.evaluation.grade}</Text>
              </Text>
              <Text className="rp-k">{d.evaluation.provisional ? '暂定等次' : '等次'}</Text>
            </View>
            {d.projection && (
              <View className="rp-fig">
                <Text className="rp-v">
                  {num(d.projection.projectedScore, 1)}{' '}
                  <Text className={`tag ${gradeClass(d.projection.projectedGrade)}`}>{d.projection.projectedGrade}</Text>
                </Text>
                <Text className="rp-k">按目前进度预计</Text>
              </View>
            )}
          </View>
        )}
        {d.projection && (
          <Text className="rp-line" id="working-days-left" data-working-days-left={d.projection.workingDaysLeft}>
            本季度 Q{d.projection.quarter.quarter}（{d.projection.quarter.start} 至 {d.projection.quarter.end}）还剩{' '}
            {d.projection.workingDaysLeft} 个工作日
          </Text>
        )}
        <Text className="rp-line">资助：{d.funding.reason}</Text>
        <Text className="rp-line">
          协议完成 {d.agreement.percent}%（已确认 {d.agreement.percentVerified}%，本年度目标 {d.agreement.target}%）
        </Text>
        {d.riskReasons.map((x) => (
          <Text key={x} className="rp-reason">
            {x}
          </Text>
        ))}
        {d.projection?.note ? (
          <Text className="banner rp-note" id="holiday-note">
            {d.projection.note}
          </Text>
        ) : null}
      </View>
      <StationHistory stationId={s.id} history={d.history} onSaved={() => setReload((n) => n + 1)} />
      <Button className="btn-plain" id="export-station" onClick={() => void exportXlsx()}>
        导出本站明细（Excel）
      </Button>
      <Button
        className="btn-plain"
        id="station-money"
        onClick={() => void Taro.navigateTo({ url: `/pages/awards/money/index?type=station&id=${encodeURIComponent(s.id)}` })}
      >
        资金台账（拨付、支出与退回）
      </Button>
      <Button
        className="btn-plain"
        id="station-lifecycle"
        onClick={() => void Taro.navigateTo({ url: `/pages/awards/station/index?id=${encodeURIComponent(s.id)}` })}
      >
        运行情况（整改、期满续建、合并撤销）
      </Button>
      <NoticeText notice={action.notice} />
      {!d.history.beforeGoLive && <ExpertTable experts={d.experts} />}
      <View className="card" id="clauses" style={d.history.beforeGoLive ? { display: 'none' } : undefined}>
        <Text className="subtitle">考核条款</Text>
        {d.evaluation.requirements.map((r) => (
          <View key={r.key} className="list-item">
            <Text className="value">{r.label}</Text>
            <Text className={r.status === 'failed' ? 'rp-short' : r.status === 'met' ? 'rp-met' : 'muted'}>
              {statusText[r.status]}：{num(r.actual)}（已确认 {num(r.actualVerified)}）/ {num(r.required)} · 得分 {num(r.earned)}/
              {num(r.weight)}
            </Text>
            {r.note ? <Text className="rp-line">{r.note}</Text> : null}
          </View>
        ))}
      </View>
      <Chart points={d.chart} />
      {d.activities.map((a) => (
        <View key={a.kind} className="card" id={`activity-${a.kind}`}>
          <Text className="subtitle">
            {a.label}（{a.items.length}）
          </Text>
          {a.items.length === 0 && <Text className="muted">本考核年度暂无记录</Text>}
          {a.items.map((i) => (
            <View key={i.id} className="list-item">
              <View className="rp-head">
                <Text className="value">{i.title}</Text>
                <Text className={`tag ${i.counts ? 'tag-green' : ''}`}>{i.statusLabel}</Text>
              </View>
              <Text className="rp-line">
                {i.date} · {i.authorName}
                {i.detail ? ` · ${i.detail}` : ''}
              </Text>
              {i.evidence.length > 0 && <Text className="rp-line">佐证：{i.evidence.map((f) => f.name).join('、')}</Text>}
            </View>
          ))}
        </View>
      ))}
      {d.assessment && (
        <View className="card" id="assessment">
          <Text className="subtitle">
            第{d.assessment.yearIndex}考核年度考核结果（{d.assessment.stateLabel}）
          </Text>
          <Text className="value">
            {num(d.assessment.score, 1)} 分 · {d.assessment.grade} · 资助{' '}
            {yuan(d.assessment.funding.amountYuan, d.assessment.funding.caseByCase)}
          </Text>
          {d.assessment.consequences.map((c) => (
            <Text key={c} className="rp-line">
              {c}
            </Text>
          ))}
        </View>
      )}
    </View>
  );
}
