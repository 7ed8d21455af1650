import type { ApplicationView } from '@shared/api/applications';
import { getForm } from '@shared/forms';
import { appliesToKind, getProgramme } from '@shared/programmes';
import { applicantProgress } from '@shared/rules/applicant-progress';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { ApplicationHistory, ApplicationStages } from '../../../../components/ApplicationHistory';
import { FileLink } from '../../../../components/FileLink';
import { CommentsByStep } from '../../../../components/form/CommentsByStep';
import { applicationsClient, fileUrl, openExport } from '../../../../services/applications';
import '../../../../components/FormStep.css';
import { NoticeText } from '../../../../components/NoticeText';
import { useAction } from '../../../../hooks/useAction';
import { newRequestId } from '../../../../platform/request-id';
import { ensureDefinition } from '../../../../services/definitions';
import { errorText } from '../../../../services/errors';

/** An application as its applicant follows it: status, stages, comments, history, the printable 申报书. */
export default function Detail() {
  const router = useRouter();
  const id = router.params.id ?? '';
  const [view, setView] = useState<ApplicationView | null>(null);
  const action = useAction(router.params.submitted ? { tone: 'ok', text: '已提交，请关注审核进度' } : null);
  const { busy, notice } = action;

  const load = () =>
    applicationsClient
      .get({ applicationId: id })
      // the programme version of the application's round (bundled when built in, else served)
      .then(async (v) => {
        await ensureDefinition(v.programmeId, v.roundId);
        setView(v);
      })
      .catch((e: unknown) => action.say('err', errorText(e, { offline: '当前无网络，无法加载申报，请联网后重试' })));
  useDidShow(() => void load());

  if (!view)
    return (
      <View className="page">
        {notice ? <NoticeText notice={notice} className={() => 'error'} /> : <Text className="muted">加载中…</Text>}
      </View>
    );

  const exportDocx = () =>
    action.run(async () => openExport(await applicationsClient.exportForm({ applicationId: id })), { ok: '申报书已导出，可打印后盖章' });
  const withdraw = async () => {
    const ok = await Taro.showModal({ title: '撤回申报', content: '撤回后本次申报结束，确定撤回吗？' });
    if (!ok.confirm) return;
    await action.run(async () => {
      await applicationsClient.withdraw({
        applicationId: id,
        reason: '',
        requestId: await newRequestId(),
        expected: { status: view.status, stageId: view.stageId },
      });
      await load();
    });
  };

  const programme = getProgramme(view.programmeId);
  const form = getForm(view.formId);
  const materials = programme ? programme.materials.filter((m) => appliesToKind(m, view.kindId)) : [];
  // the whole path, 公示 and 授牌 included, from the programme's definition (finding 6)
  const stages = programme ? applicantProgress(programme, view.stages, view.status) : view.stages;
  const edit = () => void Taro.navigateTo({ url: `/packages/secretary/pages/apply/index?id=${id}` });
  return (
    <View className="page" id="application-detail">
      <Text className="title">{String(view.values.stationName ?? view.values.projectName ?? '') || view.kindLabel}</Text>
      <Text className="muted">
        {view.programmeTitle} · {view.roundTitle}
      </Text>
      <View className="card">
        <View className="row">
          <Text className="value">当前状态</Text>
          <Text
            className={`tag ${view.status === 'returned' ? 'tag-amber' : view.status === 'awarded' ? 'tag-green' : ''}`}
            id="status"
            data-status={view.status}
          >
            {view.stageLabel || view.statusLabel}
          </Text>
        </View>
        {view.publicity && (
          <View id="publicity-info">
            <Text className="muted">
              公示期：{view.publicity.startDate} 至 {view.publicity.endDate}
            </Text>
          </View>
        )}
        {view.stationId && (
          <View id="station-created">
            <Text className="ok">已授牌，学会服务站已建立（编号 {view.stationId}）</Text>
          </View>
        )}
      </View>

      {view.status === 'returned' && (
        <View className="banner" id="returned">
          <Text>申报被退回修改，审核意见按步骤列出如下：</Text>
          {form ? (
            <CommentsByStep
              id="comments-by-step"
              form={form}
              materials={materials}
              comments={view.fieldComments}
              onOpenStep={view.can.edit ? edit : undefined}
            />
          ) : null}
        </View>
      )}

      <ApplicationStages stages={stages} />

      {view.can.edit && (
        <Button className="btn" id="edit" onClick={edit}>
          {view.status === 'returned' ? '按意见修改' : '继续填写'}
        </Button>
      )}
      <Button className={`btn-plain${busy ? ' is-disabled' : ''}`} id="export-docx" onClick={() => void exportDocx()}>
        导出申报书（Word）
      </Button>
      {view.can.withdraw && view.status !== 'draft' && (
        <Button className="btn-danger" id="withdraw" onClick={() => void withdraw()}>
          撤回申报
        </Button>
      )}
      <NoticeText notice={notice} id="notice" />

      {view.reviews.length > 0 && <Text className="subtitle">审核意见</Text>}
      {view.reviews.map((r) => (
        <View key={r.id} className="card" data-review={r.decision}>
          <Text className="value">
            {r.stageLabel}：{r.decision === 'pass' ? '通过' : r.decision === 'return' ? '退回修改' : '不予通过'}
          </Text>
          {r.comment ? <Text className="muted">{r.comment}</Text> : null}
          {form ? <CommentsByStep form={form} materials={materials} comments={r.fieldComments} /> : null}
        </View>
      ))}

      <Text className="subtitle">申报材料</Text>
      <View className="card" id="attachments">
        {view.attachments.length === 0 && <Text className="muted">未上传</Text>}
        {/* each material opens (issue 15, finding 8) */}
        {view.attachments.map((a) => (
          <View key={a.file.fileId} className="history-item" data-file={a.file.name}>
            <Text className="muted">{a.materialLabel}</Text>
            <FileLink name={a.file.name} fileId={a.file.fileId} open={fileUrl} />
          </View>
        ))}
      </View>

      <ApplicationHistory history={view.history} />
    </View>
  );
}
