import type { ApplicationView, PrecheckView, ReviewerCandidate } from '@shared/api/applications';
import { getProgramme } from '@shared/programmes';
import { materialIdOfCommentKey } from '@shared/rules/review-comments';
import { Button, Text, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { NoticeText } from '../../../../components/NoticeText';
import { PermissionDenied } from '../../../../components/PermissionDenied';
import {
  clearReviewDraft,
  commentCount,
  type DraftTarget,
  emptyReviewDraft,
  loadReviewDraft,
  type ReviewDraft,
  saveReviewDraft,
  sendableComments,
  withComment,
} from '../../../../components/review/comment-draft';
import { confirmIrreversible } from '../../../../components/review/confirm';
import { deviceStorage } from '../../../../components/review/device-storage';
import { ReviewActionBar } from '../../../../components/review/ReviewActionBar';
import { ReviewNavigator } from '../../../../components/review/ReviewNavigator';
import { useAction } from '../../../../hooks/useAction';
import { newRequestId } from '../../../../platform/request-id';
import { applicationsClient, openExport } from '../../../../services/applications';
import { ensureDefinition } from '../../../../services/definitions';
import { ApiError, errorText } from '../../../../services/errors';
import { loadMe } from '../../../../services/session';
import '../../../../components/FormStep.css';
import { AssignPanel } from './AssignPanel';
import { AwardPanel } from './AwardPanel';
import { ObjectionsPanel } from './ObjectionsPanel';
import { PublicityPanel } from './PublicityPanel';
import { expectedOf, type PanelProps } from './panel';
import { ReviewPanel } from './ReviewPanel';
import { ScorePanel } from './ScorePanel';
import { Submitted, shownSteps } from './Submitted';

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
  const [denied, setDenied] = useState<string | null>(null);
  /** the reviewer's draft (comment, checklist, comments per field/material), kept on the device */
  const [draft, setDraftState] = useState<ReviewDraft>(emptyReviewDraft);
  const [target, setTarget] = useState<DraftTarget | null>(null);
  const action = useAction();

  const setDraft = (d: ReviewDraft) => {
    setDraftState(d);
    if (target) saveReviewDraft(deviceStorage, target, d);
  };

  const load = async () => {
    try {
      const [view, me] = await Promise.all([applicationsClient.get({ applicationId: id }), loadMe()]);
      // the programme version of the application's round (bundled when built in, else served)
      await ensureDefinition(view.programmeId, view.roundId);
      setDenied(null);
      setLoaded((l) => ({ view, pre: l?.pre ?? null, candidates: l?.candidates ?? null }));
      // The draft of this application at this stage by this person (survives a refresh; another stage starts empty).
      const t: DraftTarget = { applicationId: view.id, stageId: view.stageId, reviewerId: me.person?.id ?? 'unknown' };
      setTarget(t);
      setDraftState(loadReviewDraft(deviceStorage, t));
      const pre = await applicationsClient.precheck({ applicationId: id });
      setLoaded((l) => ({ view, pre, candidates: l?.candidates ?? null }));
      if (view.can.assignReviewers) {
        const candidates = await applicationsClient.reviewerCandidates({ applicationId: id });
        setLoaded({ view, pre, candidates });
      }
    } catch (e) {
      if (e instanceof ApiError && (e.code === 'AUTH.FORBIDDEN' || e.code === 'NOT_FOUND')) setDenied(errorText(e));
      else action.say('err', errorText(e));
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

  if (denied) return <PermissionDenied message={denied} home="/packages/staff/pages/home/index" what="这份申报" />;
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
  const decisions = { pass: view.can.pass, returnForRevision: view.can.returnForRevision, reject: view.can.reject };
  const scoreMissing = view.scoreRequired && !view.scoreSheets.some((s) => s.stageId === view.stageId);
  const comments = commentCount(draft);
  const materialComments = Object.keys(sendableComments(draft)).filter((k) => materialIdOfCommentKey(k) !== null).length;
  const steps = shownSteps(view.formId);
  const fieldsOf = (stepId: string) => new Set(steps.find((s) => s.id === stepId)?.fields.map((f) => f.key) ?? []);

  /** Send a decision after a confirmation that says what happens; the draft is forgotten once it is in. */
  const decide = async (decision: 'pass' | 'return' | 'reject') => {
    const label = decision === 'pass' ? '审核通过' : decision === 'return' ? '退回修改' : '不予通过';
    const what =
      decision === 'pass'
        ? `确认「${view.stageLabel}」审核通过？申报将进入下一环节${comments > 0 ? `；已写的 ${comments} 条逐项意见只用于退回，不会发送` : ''}。`
        : decision === 'return'
          ? `确认退回修改？${comments > 0 ? `${comments} 条逐项意见` : '总体意见'}将发给申报单位，申报单位修改后重新提交。`
          : '确认不予通过？申报将结束，申报单位会看到您的意见。';
    if (
      !(await confirmIrreversible({
        title: label,
        what,
        confirmText: decision === 'pass' ? '确认通过' : decision === 'return' ? '确认退回' : '不予通过',
        danger: decision === 'reject',
      }))
    )
      return;
    await act(label, async () => {
      await applicationsClient.review({
        applicationId: view.id,
        decision,
        comment: draft.comment,
        fieldComments: decision === 'return' ? sendableComments(draft) : {},
        checklist: view.checklist.map((i) => ({ ...i, checked: Boolean(draft.checked[i.itemId]) })),
        requestId: await newRequestId(),
        expected: expectedOf(view),
      });
      if (target) clearReviewDraft(deviceStorage, target);
    });
  };
  const decisionsShown = decisions.pass || decisions.returnForRevision || decisions.reject;

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

      {decisionsShown && (
        <ReviewNavigator
          targets={[
            { anchor: 'review-panel', label: '审核', comments: 0 },
            ...steps.map((s) => ({
              anchor: `review-step-${s.id}`,
              label: s.title,
              comments: Object.keys(sendableComments(draft)).filter((k) => fieldsOf(s.id).has(k)).length,
            })),
            { anchor: 'review-materials', label: '申报材料', comments: materialComments },
          ]}
        />
      )}

      {/* ───────── actions of this stage (only what the server allows now: view.can) ───────── */}
      {decisionsShown && <ReviewPanel view={view} draft={draft} setDraft={setDraft} scoreMissing={scoreMissing} />}
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
            <View key={`${s.reviewerId}-${s.stageId}`}>
              <Text className="muted">
                {s.reviewerName}：{s.total} 分{s.band ? `（${s.band}）` : ''}{' '}
              </Text>
              {/* overrides of the rule's points, with the scorer's reason (issue 16) */}
              {s.items
                .filter((i) => i.reason)
                .map((i) => (
                  <Text key={i.itemId} className="muted score-override">
                    改分：{view.rubric?.items.find((r) => r.id === i.itemId)?.label ?? i.itemId} {i.points} 分，理由：{i.reason}
                  </Text>
                ))}
            </View>
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
          view.can.returnForRevision
            ? {
                values: draft.comments,
                onChange: (k, t) => setDraft(withComment(draft, k, t, Date.now())),
              }
            : null
        }
      />
      <ReviewActionBar
        busy={action.busy}
        allowed={decisions}
        comments={comments}
        onPass={() =>
          scoreMissing
            ? action.say('err', `本环节须先评分（满分 ${view.rubric?.total ?? 100} 分）才能审核通过：请先在“评分”中打分并提交`)
            : void decide('pass')
        }
        onReturn={() => void decide('return')}
        onReject={() => void decide('reject')}
        {...(scoreMissing ? { passBlocked: `本环节须先评分（满分 ${view.rubric?.total ?? 100} 分）才能审核通过` } : {})}
      />
    </View>
  );
}
