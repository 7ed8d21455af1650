import type { ApplicationView, PrecheckView, ReviewerCandidate } from '@shared/api/applications';
import { getProgramme } from '@shared/programmes';
import { Button, Text, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { NoticeText } from '../../../../components/NoticeText';
import { useAction } from '../../../../hooks/useAction';
import { applicationsClient, openExport } from '../../../../services/applications';
import { errorText } from '../../../../services/errors';
import '../../../../components/FormStep.css';
import { AssignPanel } from './AssignPanel';
import { AwardPanel } from './AwardPanel';
import { ObjectionsPanel } from './ObjectionsPanel';
import { PublicityPanel } from './PublicityPanel';
import { emptyReview, type PanelProps, type ReviewDraft } from './panel';
import { ReviewPanel } from './ReviewPanel';
import { ScorePanel } from './ScorePanel';
import { Submitted } from './Submitted';

/** The application as loaded: the view, its precheck and (for whoever assigns reviewers) the candidates. */
interface Loaded {
  view: ApplicationView;
  pre: PrecheckView | null;
  candidates: ReviewerCandidate[] | null;
}

/**
 * One application as staff (and review experts) see it: the filled form, the precheck, the
 * materials, the history — and the actions the programme definition gives the caller at this stage:
 * pass / return with per-field comments / reject, the 形式审查 checklist, reviewer assignment (回避
 * shown and enforced), the scoring rubric with its total, publicity, objections, award. Each action
 * lives in its panel (this folder); the page loads, runs the actions and shows the one notice.
 */
export default function StaffApplication() {
  const id = useRouter().params.id ?? '';
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [review, setReview] = useState<ReviewDraft>(emptyReview);
  const action = useAction();

  const load = async () => {
    try {
      const view = await applicationsClient.get({ applicationId: id });
      setLoaded((l) => ({ view, pre: l?.pre ?? null, candidates: l?.candidates ?? null }));
      setReview(emptyReview);
      const pre = await applicationsClient.precheck({ applicationId: id });
      setLoaded((l) => ({ view, pre, candidates: l?.candidates ?? null }));
      if (view.can.assignReviewers) {
        const candidates = await applicationsClient.reviewerCandidates({ applicationId: id });
        setLoaded({ view, pre, candidates });
      }
    } catch (e) {
      action.say('err', errorText(e));
    }
  };
  useDidShow(() => void load());

  /** Every action of the page: on success reload and say "<label>：已完成"; a refusal lists the fields. */
  const act = async (label: string, work: () => Promise<unknown>) => {
    await action.run(
      async () => {
        await work();
        await load();
      },
      { ok: `${label}：已完成`, error: { fields: 'all' } },
    );
  };

  if (!loaded)
    return (
      <View className="page">
        {action.notice ? <NoticeText notice={action.notice} className={() => 'error'} /> : <Text className="muted">加载中…</Text>}
      </View>
    );
  const { view, pre, candidates } = loaded;
  const programme = getProgramme(view.programmeId)!;
  const kind = programme.kinds.find((k) => k.id === view.kindId)!;
  const panel: PanelProps = { view, busy: action.busy, act };

  return (
    <View className="page" id="staff-application">
      <Text className="title">{String(view.values.stationName ?? '') || view.applicant.societyName || view.kindLabel}</Text>
      <Text className="muted">
        {view.applicant.hostUnitName || view.applicant.societyName}
        {view.applicant.hostUnitName && view.applicant.societyName ? ` · 建站学会：${view.applicant.societyName}` : ''}
      </Text>
      <Text className="muted">
        {' '}
        · {view.programmeTitle} · {view.kindLabel} · {view.roundTitle}
      </Text>
      <View className="card">
        <View className="row">
          <Text className="value">当前状态</Text>
          <Text className="tag" id="status" data-status={view.status} data-stage={view.stageId ?? ''}>
            {view.stageLabel || view.statusLabel}
          </Text>
        </View>
        {view.publicity && (
          <View id="publicity-info">
            <Text className="muted">
              公示期：{view.publicity.startDate} 至 {view.publicity.endDate}（{view.publicity.days}
              {view.publicity.dayKind === 'working' ? '个工作日' : '天'}）{view.publicity.over ? '，已结束' : ''}
              {view.publicity.calendarNote ? ` ${view.publicity.calendarNote}` : ''}
            </Text>
          </View>
        )}
        {view.stationId && (
          <View id="station-created">
            <Text className="ok">已授牌，学会服务站已建立（编号 {view.stationId}）</Text>
          </View>
        )}
      </View>
      <NoticeText notice={action.notice} id="notice" />

      {/* ───────── actions of this stage ───────── */}
      {view.can.review && <ReviewPanel {...panel} draft={review} setDraft={setReview} />}
      {view.can.assignReviewers && candidates && <AssignPanel {...panel} candidates={candidates} />}
      {view.reviewers.length > 0 && (
        <View className="card" id="reviewers">
          <Text className="field-label">评审专家</Text>
          {view.reviewers.map((r) => (
            <Text key={r.id} className="muted">
              {r.name}：{r.scored ? '已评分' : '未评分'}{' '}
            </Text>
          ))}
        </View>
      )}
      {view.can.score && view.rubric && <ScorePanel {...panel} />}
      {view.scoreSheets.length > 0 && (
        <View className="card" id="score-sheets">
          <Text className="field-label">评分表</Text>
          {view.scoreSheets.map((s) => (
            <Text key={`${s.reviewerId}-${s.stageId}`} className="muted">
              {s.reviewerName}：{s.total} 分{' '}
            </Text>
          ))}
        </View>
      )}
      {view.can.startPublicity && <PublicityPanel {...panel} programme={programme} />}
      {view.status === 'publicity' && (view.can.fileObjection || view.objections.length > 0) && <ObjectionsPanel {...panel} />}
      {view.can.award && <AwardPanel {...panel} programme={programme} createsStation={Boolean(kind.stationLevels)} />}

      <Button
        className="btn-plain"
        id="export-docx"
        onClick={() => void act('导出申报书', async () => openExport(await applicationsClient.exportForm({ applicationId: id })))}
      >
        导出申报书（Word）
      </Button>
      {view.can.exportRound && (
        <Button
          className="btn-plain"
          id="export-round"
          onClick={() => void act('导出批次汇总', async () => openExport(await applicationsClient.exportRound({ roundId: view.roundId })))}
        >
          导出本批次申报与评分（Excel）
        </Button>
      )}

      {/* ───────── what was submitted ───────── */}
      <Submitted
        view={view}
        pre={pre}
        programme={programme}
        commenting={
          review.returning
            ? {
                values: review.fieldComments,
                onChange: (k, t) => setReview((r) => ({ ...r, fieldComments: { ...r.fieldComments, [k]: t } })),
              }
            : null
        }
      />
    </View>
  );
}
