import { type StationChangeType, type StationLifecycleView, stationChangeLabels, stationChangeTypes } from '@shared/api/consequences';
import { uploadFolderOf } from '@shared/rules/files';
import type { FileRef } from '@shared/schemas/common';
import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { ErrorText } from '../../../components/ErrorText';
import { FileLink } from '../../../components/FileLink';
import { NoticeText } from '../../../components/NoticeText';
import { Invalid, useAction } from '../../../hooks/useAction';
import { newRequestId } from '../../../platform/request-id';
import { awardFileUrl, awardsClient } from '../../../services/awards';
import { errorText } from '../../../services/errors';
import { VoucherField } from '../money/money-form';
import '../awards.css';
import '../money/money.css';
import '../consequences/consequences.css';

/**
 * 服务站运行情况 (seed 004, issue 14 item 5): the station's standing, a rectification's deadline and
 * re-check, the term end, the renewal application (第十三条: the same form, pre-filled), and the written
 * requests to merge, reorganise or close it (第十四条) — filed by the host unit or the society, decided
 * by city staff. `?id=<stationId>`.
 */
export default function StationLifecycle() {
  const { params } = useRouter();
  const stationId = params.id ? decodeURIComponent(params.id) : '';
  const [view, setView] = useState<StationLifecycleView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const action = useAction();
  const load = async () => {
    if (!stationId) return setLoadError('缺少服务站编号');
    try {
      setView(await awardsClient.stationLifecycle({ stationId }));
      setLoadError(null);
    } catch (e) {
      setLoadError(errorText(e));
    }
  };
  useDidShow(() => {
    void load();
  });
  if (!view)
    return (
      <View className="page" id="station-lifecycle">
        <Text className="title">服务站运行情况</Text>
        {loadError ? <Text className="error">{loadError}</Text> : <Text className="muted">加载中…</Text>}
      </View>
    );
  const s = view.station;
  const renew = () =>
    action.run(
      async () => {
        const r = await awardsClient.startRenewal({ requestId: await newRequestId(), stationId });
        await load();
        void Taro.navigateTo({ url: `/packages/secretary/pages/apply/index?id=${r.applicationId}` });
      },
      { ok: '已创建续建申报草稿（已按原申报书预填）', key: 'renew' },
    );
  const open = view.consequences.filter((c) => c.status === 'proposed').length;
  return (
    <View className="page" id="station-lifecycle" data-status={s.status}>
      <Text className="title">{s.name}</Text>
      <View className="card" id="lc-standing">
        <View className="row">
          <Text className="value">运行状态</Text>
          <Text
            className={`cq-status cq-${s.status === 'active' ? 'lifted' : s.status === 'rectifying' ? 'proposed' : 'confirmed'}`}
            id="lc-status"
          >
            {s.statusLabel}
          </Text>
        </View>
        <Text className="muted">
          {s.hostUnitName} · {s.societyName}
        </Text>
        <Text className="cq-line">
          授牌日期 {s.plaqueDate}，合作期 {s.termYears} 年，至 {s.termEndsOn}
        </Text>
        {view.rectificationDeadline && (
          <Text className="cq-line error" id="lc-deadline">
            限期整改：请于 {view.rectificationDeadline} 前完成整改，市科协将组织复查
          </Text>
        )}
      </View>

      <View className="card" id="lc-consequences">
        <Text className="value">处理情况</Text>
        {view.consequences.length === 0 && <Text className="muted">暂无处理决定。</Text>}
        {view.consequences.map((c) => (
          <View key={c.id} className="cq-facts" data-status={c.status}>
            <Text className="cq-trigger">
              {c.trigger}（{c.clause}）· {c.statusLabel}
            </Text>
            <Text className="muted">{c.sourceText}</Text>
            <Text className="muted">{c.effects.join('；')}</Text>
            {c.deadline && <Text className="cq-line">整改期限：{c.deadline} 前</Text>}
          </View>
        ))}
        {view.side === 'staff' && (
          <Button
            className="btn-plain"
            id="lc-to-consequences"
            onClick={() => void Taro.navigateTo({ url: `/pages/awards/consequences/index?type=station&id=${encodeURIComponent(s.id)}` })}
          >
            {open > 0 ? `确认处理建议（${open} 条待确认）` : '处理与整改复查'}
          </Button>
        )}
      </View>

      <View className="card" id="lc-term">
        <Text className="value">期满与续建</Text>
        <Text className="cq-line">{view.termEnd.text}</Text>
        {view.renewal.applicationId ? (
          <Button
            className="btn-plain"
            id="lc-renewal-open"
            onClick={() => void Taro.navigateTo({ url: `/packages/secretary/pages/apply/index?id=${view.renewal.applicationId}` })}
          >
            打开续建申报书
          </Button>
        ) : view.renewal.allowed ? (
          <Button className="btn" id="lc-renew" onClick={() => void renew()}>
            {action.busyKey === 'renew' ? '正在创建…' : `申请续建（${view.renewal.clause ?? ''}）`}
          </Button>
        ) : (
          view.side === 'applicant' &&
          view.renewal.reason && (
            <Text className="muted" id="lc-renewal-reason">
              {view.renewal.reason}
            </Text>
          )
        )}
        <NoticeText notice={action.notice} id="lc-notice" />
      </View>

      <Changes view={view} onDone={() => void load()} />
    </View>
  );
}

function Changes({ view, onDone }: { view: StationLifecycleView; onDone: () => void }) {
  const [type, setType] = useState<StationChangeType | null>(null);
  const [reason, setReason] = useState('');
  const [mergeInto, setMergeInto] = useState<string | null>(null);
  const [files, setFiles] = useState<FileRef[]>([]);
  const [comments, setComments] = useState<Record<string, string>>({});
  const action = useAction();
  const errors = action.fieldErrors;
  const s = view.station;
  const file = () =>
    action.run(
      async () => {
        const fields: Record<string, string> = {};
        if (!type) fields.type = '请选择申请事项';
        if (type === 'merge' && !mergeInto) fields.mergeIntoStationId = '请选择合并后保留的服务站';
        if (!reason.trim()) fields.reason = '请填写申请理由';
        if (files.length === 0) fields.attachments = '请上传盖章的书面申请';
        if (Object.keys(fields).length) throw new Invalid(fields, `还有 ${Object.keys(fields).length} 项需要填写`);
        await awardsClient.requestStationChange({
          requestId: await newRequestId(),
          stationId: s.id,
          type: type!,
          reason,
          mergeIntoStationId: type === 'merge' ? mergeInto : null,
          attachments: files,
        });
        setType(null);
        setReason('');
        setFiles([]);
        onDone();
      },
      { ok: '申请已提交，等待市科协决定', key: 'request' },
    );
  const decide = (changeId: string, approve: boolean) =>
    action.run(
      async () => {
        const comment = comments[changeId] ?? '';
        if (!comment.trim()) throw new Invalid({ [`${changeId}.comment`]: '请填写意见' }, '还有 1 项需要填写');
        await awardsClient.decideStationChange({ requestId: await newRequestId(), stationId: s.id, changeId, approve, comment });
        onDone();
      },
      { ok: approve ? '已同意' : '已决定不同意', fieldPath: (p) => `${changeId}.${p}`, key: `${changeId}:${approve}` },
    );
  if (!view.changeClause) return null;
  return (
    <View className="card" id="lc-changes">
      <Text className="value">合并、重组、撤销（{view.changeClause}）</Text>
      {view.changes.length === 0 && <Text className="muted">暂无申请。</Text>}
      {view.changes.map((c) => (
        <View key={c.id} className="cq-facts" id={`lc-change-${c.id}`} data-status={c.status}>
          <Text className="cq-trigger">
            申请{c.typeLabel}
            {c.mergeIntoName ? `（并入${c.mergeIntoName}）` : ''} · {c.statusLabel}
          </Text>
          <Text className="muted">理由：{c.reason}</Text>
          <Text className="muted">附件：</Text>
          {c.attachments.map((a) => (
            <FileLink key={a.fileId} name={a.name} fileId={a.fileId} open={awardFileUrl} />
          ))}
          {c.decision && <Text className="muted">市科协意见：{c.decision.comment}</Text>}
          {c.status === 'pending' && view.canDecideChange && (
            <View>
              <Textarea
                className={`input aw-textarea${errors[`${c.id}.comment`] ? ' input-error' : ''}`}
                id={`lc-comment-${c.id}`}
                value={comments[c.id] ?? ''}
                maxlength={1000}
                placeholder="请填写市科协意见"
                onInput={(e) => setComments((x) => ({ ...x, [c.id]: e.detail.value }))}
              />
              <ErrorText message={errors[`${c.id}.comment`]} />
              <View className="row mn-actions">
                <Button className="btn" id={`lc-approve-${c.id}`} onClick={() => void decide(c.id, true)}>
                  同意
                </Button>
                <Button className="btn-plain" id={`lc-reject-${c.id}`} onClick={() => void decide(c.id, false)}>
                  不同意
                </Button>
              </View>
            </View>
          )}
        </View>
      ))}
      {view.canRequestChange && (
        <View className="cq-form" id="lc-request">
          <Text>申请事项</Text>
          <View className="mn-chips">
            {stationChangeTypes.map((t) => (
              <Text key={t} className={`mn-chip${type === t ? ' on' : ''}`} id={`lc-type-${t}`} onClick={() => setType(t)}>
                {stationChangeLabels[t]}
              </Text>
            ))}
          </View>
          <ErrorText message={errors.type} />
          {type === 'merge' && (
            <View>
              <Text>合并后保留的服务站</Text>
              <View className="mn-chips">
                {view.mergeTargets.map((t) => (
                  <Text key={t.id} className={`mn-chip${mergeInto === t.id ? ' on' : ''}`} onClick={() => setMergeInto(t.id)}>
                    {t.name}
                  </Text>
                ))}
              </View>
              {view.mergeTargets.length === 0 && <Text className="muted">本地区没有可以并入的服务站。</Text>}
              <ErrorText message={errors.mergeIntoStationId} />
            </View>
          )}
          <Text>申请理由</Text>
          <Textarea
            className={`input aw-textarea${errors.reason ? ' input-error' : ''}`}
            id="lc-reason"
            value={reason}
            maxlength={2000}
            onInput={(e) => setReason(e.detail.value)}
          />
          <ErrorText message={errors.reason} />
          <Text>书面申请</Text>
          <VoucherField
            id="lc-file"
            label="书面申请"
            folder={uploadFolderOf('evidence', s.id)}
            files={files}
            error={errors.attachments}
            onChange={setFiles}
            onError={(t) => action.say('err', t)}
          />
          <Button className="btn" id="lc-request-save" onClick={() => void file()}>
            {action.busyKey === 'request' ? '正在提交…' : '提交书面申请'}
          </Button>
        </View>
      )}
      <NoticeText notice={action.notice} id="lc-change-notice" />
    </View>
  );
}
