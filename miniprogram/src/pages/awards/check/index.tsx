import type { CheckView } from '@shared/api/awards-checks';
import type { FileRef } from '@shared/schemas/common';
import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { ErrorText } from '../../../components/ErrorText';
import { FileLink } from '../../../components/FileLink';
import { DateField } from '../../../components/form/DateField';
import { NoticeText } from '../../../components/NoticeText';
import { Invalid, useAction } from '../../../hooks/useAction';
import { pickAndUpload } from '../../../platform/attachments';
import { openExportedFile } from '../../../platform/download';
import { newRequestId } from '../../../platform/request-id';
import { awardFileUrl, awardsClient } from '../../../services/awards';
import { errorText } from '../../../services/errors';
import '../awards.css';
import '../checks.css';

const sizeText = (n: number) => (n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);
/** Reasons typed one per line. */
const linesOf = (s: string) =>
  s
    .split(/\r?\n/)
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * One check (检查、验收、年度考核): the applicant uploads files per material item and submits; each
 * opinion giver (staff named by the rule, the finance bureau 市财政局 for its own opinion) records an
 * opinion; the decider passes, fails (with reasons) or returns for more materials; a passed check the
 * programme publicises shows its publicity, where staff record and decide objections. The acceptance
 * report (.docx) downloads for stamping. The form keeps what was typed through a refused save.
 */
export default function CheckPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [view, setView] = useState<CheckView | null>(null);
  const [loadError, setLoadError] = useState('');
  // the applicant's working copy of the materials (kept through a failed save)
  const [materials, setMaterials] = useState<Record<string, FileRef[]> | null>(null);
  const [opinion, setOpinion] = useState<Record<string, { passed: boolean | null; text: string }>>({});
  const [decision, setDecision] = useState<'pass' | 'fail' | 'return' | null>(null);
  const [reasons, setReasons] = useState('');
  const [objection, setObjection] = useState('');
  const [receivedOn, setReceivedOn] = useState('');
  const [ruling, setRuling] = useState<{ upheld: boolean | null; reason: string }>({ upheld: null, reason: '' });
  const action = useAction();
  const { notice, fieldErrors: errors, busyKey } = action;

  const load = () =>
    awardsClient
      .getCheck({ checkId: id })
      .then((v) => {
        setView(v);
        setMaterials((cur) => cur ?? Object.fromEntries(v.materials.map((m) => [m.id, m.files])));
        setLoadError('');
        return v;
      })
      .catch((e: unknown) => {
        setLoadError(errorText(e));
        return null;
      });
  useDidShow(() => void load());
  const reload = async () => {
    setMaterials(null);
    const v = await awardsClient.getCheck({ checkId: id });
    setView(v);
    setMaterials(Object.fromEntries(v.materials.map((m) => [m.id, m.files])));
  };

  if (!view || !materials)
    return (
      <View className="page" id="check-page">
        <Text className="title">检查详情</Text>
        {loadError ? <Text className="error">{loadError}</Text> : <Text className="muted">加载中…</Text>}
      </View>
    );

  const editing = view.can.saveMaterials;
  const upload = (materialId: string) =>
    action.run(
      async () => {
        const ref = await pickAndUpload(view.uploadFolder, ['pdf', 'jpg', 'jpeg', 'png', 'doc', 'docx', 'xls', 'xlsx']);
        if (!ref) return null;
        setMaterials((m) => ({ ...(m ?? {}), [materialId]: [...(m?.[materialId] ?? []), ref] }));
        return ref;
      },
      { key: `upload-${materialId}`, ok: '文件已上传，请点击「保存材料」或「提交」' },
    );
  const remove = (materialId: string, fileId: string) =>
    setMaterials((m) => ({ ...(m ?? {}), [materialId]: (m?.[materialId] ?? []).filter((f) => f.fileId !== fileId) }));
  const save = () =>
    action.run(
      async () => {
        const r = await awardsClient.saveCheckMaterials({
          checkId: id,
          materials,
          revision: view.revision,
          requestId: await newRequestId(),
        });
        await reload();
        return r;
      },
      { key: 'save', ok: '材料已保存' },
    );
  const submit = () =>
    action.run(
      async () => {
        const missing = view.materials.filter((m) => m.required && (materials[m.id]?.length ?? 0) === 0);
        if (missing.length > 0)
          throw new Invalid(
            Object.fromEntries(missing.map((m) => [`materials.${m.id}`, `请上传「${m.label}」`])),
            `提交前请上传：${missing.map((m) => m.label).join('、')}`,
          );
        const saved = await awardsClient.saveCheckMaterials({
          checkId: id,
          materials,
          revision: view.revision,
          requestId: await newRequestId(),
        });
        const r = await awardsClient.submitCheck({ checkId: id, revision: saved.revision, requestId: await newRequestId() });
        await reload();
        return r;
      },
      { key: 'submit', ok: '材料已提交，等待审核' },
    );
  const giveOpinion = (opinionId: string) =>
    action.run(
      async () => {
        const o = opinion[opinionId] ?? { passed: null, text: '' };
        const marks: Record<string, string> = {};
        if (o.passed === null) marks[`opinion.${opinionId}.passed`] = '请选择是否同意通过';
        if (!o.text.trim()) marks[`opinion.${opinionId}.text`] = '请填写意见';
        if (Object.keys(marks).length > 0) throw new Invalid(marks);
        const r = await awardsClient.giveOpinion({
          checkId: id,
          opinionId,
          passed: o.passed!,
          text: o.text,
          requestId: await newRequestId(),
        });
        await reload();
        return r;
      },
      { key: `opinion-${opinionId}`, ok: '意见已保存', fieldPath: (p) => (p === 'text' ? `opinion.${opinionId}.text` : p) },
    );
  const decide = () =>
    action.run(
      async () => {
        const marks: Record<string, string> = {};
        if (!decision) marks.decision = '请选择结论';
        if (linesOf(reasons).length === 0) marks.reasons = decision === 'return' ? '请填写需补充的材料' : '请填写理由';
        if (Object.keys(marks).length > 0) throw new Invalid(marks);
        const r = await awardsClient.decideCheck({
          checkId: id,
          decision: decision!,
          reasons: linesOf(reasons),
          revision: view.revision,
          requestId: await newRequestId(),
        });
        setDecision(null);
        setReasons('');
        await reload();
        return r;
      },
      { key: 'decide', ok: decision === 'return' ? '已退回，申报单位将补充材料' : '结论已保存', fieldPath: (p) => p.replace(/\.\d+$/, '') },
    );
  const record = () =>
    action.run(
      async () => {
        const marks: Record<string, string> = {};
        if (!objection.trim()) marks.text = '请填写异议内容';
        if (!receivedOn) marks.receivedOn = '请选择收到异议的日期';
        if (Object.keys(marks).length > 0) throw new Invalid(marks);
        const r = await awardsClient.recordObjection({ checkId: id, text: objection, receivedOn, requestId: await newRequestId() });
        setObjection('');
        await reload();
        return r;
      },
      { key: 'objection', ok: '异议已登记，请核查后作出处理' },
    );
  const rule = (index: number) =>
    action.run(
      async () => {
        const marks: Record<string, string> = {};
        if (ruling.upheld === null) marks.upheld = '请选择异议是否成立';
        if (!ruling.reason.trim()) marks.reason = '请填写处理理由';
        if (Object.keys(marks).length > 0) throw new Invalid(marks);
        const r = await awardsClient.decideObjection({
          checkId: id,
          index,
          upheld: ruling.upheld!,
          reason: ruling.reason,
          requestId: await newRequestId(),
        });
        setRuling({ upheld: null, reason: '' });
        await reload();
        return r;
      },
      { key: 'ruling', ok: ruling.upheld ? '异议成立，检查记为不合格' : '异议不成立，已记录' },
    );
  const exportReport = () =>
    action.run(
      async () => {
        await openExportedFile(await awardsClient.exportAcceptanceReport({ checkId: id }), 'docx');
        return null;
      },
      { key: 'export', ok: '验收报告已导出' },
    );

  const overdue = view.urgency === 'overdue';
  const markedMaterials = view.materials.filter((m) => errors[`materials.${m.id}`]);
  return (
    <View className="page" id="check-page" data-status={view.status} data-side={view.side} data-counts={view.counts}>
      <Text className="title">
        {view.label}
        {view.yearLabel ? `（${view.yearLabel}）` : ''}
      </Text>
      <Text className="muted ck-line">
        {view.awardTitle} · {view.applicantName}
      </Text>
      <Text className="muted ck-line">
        {view.programmeTitle} · {view.clause} · 由{view.decidedByLabel}作出结论
      </Text>
      <View className="card" id="check-state">
        <View className="row">
          <Text className="value">状态</Text>
          <Text
            className={`tag ${view.counts === 'failed' ? 'tag-red' : view.counts === 'passed' ? 'tag-green' : 'tag-amber'}`}
            id="check-status"
          >
            {view.status === 'passed' && view.counts === 'open' ? '合格（公示中）' : view.statusLabel}
          </Text>
        </View>
        <Text className={overdue ? 'error' : 'muted'} id="check-due">
          截止日期 {view.dueDate}
          {overdue ? '（已逾期）' : ''} · {view.waitLabel}
        </Text>
        {view.note ? <Text className="muted ck-line">说明：{view.note}</Text> : null}
      </View>
      <NoticeText notice={notice} id="check-notice" className={(n) => (n.tone === 'err' ? 'error' : 'banner')} />
      {markedMaterials.length > 0 && (
        <View className="error-summary" id="error-summary">
          <Text className="value">提交前还需处理：</Text>
          {markedMaterials.map((m) => (
            <Text key={m.id} className="error">
              {errors[`materials.${m.id}`]}
            </Text>
          ))}
        </View>
      )}
      {view.returns.length > 0 && view.status === 'returned' && (
        <Text className="warn" id="return-comment">
          退回意见（{view.returns[view.returns.length - 1]!.byName}）：{view.returns[view.returns.length - 1]!.comment}
        </Text>
      )}

      <View className="card" id="check-materials">
        <Text className="subtitle">提交材料</Text>
        {view.materials.map((m) => (
          <View key={m.id} className="ck-material" id={`material-${m.id}`}>
            <Text className="value">
              {m.label}
              {m.required ? '' : '（可选）'}
            </Text>
            {(materials[m.id] ?? []).map((f) => (
              <View key={f.fileId} className="ck-file">
                <FileLink name={`${f.name}（${sizeText(f.size)}）`} fileId={f.fileId} open={awardFileUrl} className="ck-file-link" />
                {editing && (
                  <Text className="btn-mini" onClick={() => remove(m.id, f.fileId)}>
                    移除
                  </Text>
                )}
              </View>
            ))}
            {(materials[m.id] ?? []).length === 0 && <Text className="muted">尚未上传</Text>}
            <ErrorText message={errors[`materials.${m.id}`]} />
            {editing && (
              <Button className="btn-plain" id={`upload-${m.id}`} loading={busyKey === `upload-${m.id}`} onClick={() => void upload(m.id)}>
                上传文件
              </Button>
            )}
          </View>
        ))}
        {editing && (
          <View>
            <Button className="btn-plain" id="save-materials" loading={busyKey === 'save'} onClick={() => void save()}>
              保存材料
            </Button>
            <Button className="btn" id="submit-check" loading={busyKey === 'submit'} onClick={() => void submit()}>
              提交
            </Button>
          </View>
        )}
      </View>

      {view.opinions.length > 0 && (
        <View className="card" id="check-opinions">
          <Text className="subtitle">意见</Text>
          {view.opinions.map((o) => {
            const mine = view.can.opinionIds.includes(o.id);
            const draft = opinion[o.id] ?? { passed: o.given?.passed ?? null, text: o.given?.text ?? '' };
            const set = (patch: Partial<typeof draft>) => setOpinion((all) => ({ ...all, [o.id]: { ...draft, ...patch } }));
            return (
              <View key={o.id} className="ck-material" id={`opinion-${o.id}`}>
                <Text className="value">
                  {o.label}（{o.roleLabel}）
                </Text>
                {o.given ? (
                  <Text id={`opinion-given-${o.id}`}>
                    {o.given.passed ? '同意通过' : '不同意通过'}：{o.given.text}（{o.given.byName}）
                  </Text>
                ) : (
                  <Text className="muted">尚未出具</Text>
                )}
                {mine && (
                  <View id={`opinion-form-${o.id}`}>
                    <View className="ck-choice">
                      <Text
                        className={`aw-chip${draft.passed === true ? ' on' : ''}`}
                        id={`opinion-yes-${o.id}`}
                        onClick={() => set({ passed: true })}
                      >
                        同意通过
                      </Text>
                      <Text
                        className={`aw-chip${draft.passed === false ? ' on' : ''}`}
                        id={`opinion-no-${o.id}`}
                        onClick={() => set({ passed: false })}
                      >
                        不同意通过
                      </Text>
                    </View>
                    <ErrorText message={errors[`opinion.${o.id}.passed`]} />
                    <Textarea
                      className={`input aw-textarea${errors[`opinion.${o.id}.text`] ? ' input-error' : ''}`}
                      id={`opinion-text-${o.id}`}
                      value={draft.text}
                      maxlength={2000}
                      autoHeight
                      placeholder="填写意见"
                      onInput={(e) => set({ text: e.detail.value })}
                    />
                    <ErrorText message={errors[`opinion.${o.id}.text`]} />
                    <Button
                      className="btn"
                      id={`opinion-save-${o.id}`}
                      loading={busyKey === `opinion-${o.id}`}
                      onClick={() => void giveOpinion(o.id)}
                    >
                      {o.given ? '修改意见' : '提交意见'}
                    </Button>
                  </View>
                )}
              </View>
            );
          })}
        </View>
      )}

      {view.outcome && (
        <View className="card" id="check-outcome">
          <Text className="subtitle">结论</Text>
          <Text className={view.outcome.passed ? 'value' : 'error'}>
            {view.outcome.passed ? '合格' : '不合格'}（{view.outcome.decidedOn}，{view.outcome.byName}）
          </Text>
          {view.outcome.reasons.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: reasons are positions in the stored list
            <Text key={i} className="muted ck-line">
              {i + 1}. {r}
            </Text>
          ))}
          {view.counts === 'failed' && view.side !== 'applicant' && (
            // a failed outcome proposes its consequence (issue 14 item 4): say so here and lead to it, so nobody has to remember
            <Text
              className="ck-link"
              id="check-consequence"
              onClick={() =>
                void Taro.navigateTo({ url: `/pages/awards/consequences/index?type=award&id=${encodeURIComponent(view.awardId)}` })
              }
            >
              已按项目规定提出处理建议，经市科协确认后生效 · 查看处理决定 ›
            </Text>
          )}
        </View>
      )}

      {view.publicity && (
        <View className="card" id="check-publicity">
          <Text className="subtitle">公示</Text>
          <Text>
            公示期 {view.publicity.start} 至 {view.publicity.end}
            {view.publicity.objectionUpheld ? '（异议成立）' : view.publicity.over ? '（已结束）' : '（公示中）'}
          </Text>
          {view.objections.map((o) => (
            <View key={o.index} className="ck-material" id={`objection-${o.index}`}>
              <Text>
                {o.receivedOn} 收到异议：{o.text}
              </Text>
              {o.decision ? (
                <Text className={o.decision.upheld ? 'error' : 'muted'}>
                  {o.decision.upheld ? '异议成立' : '异议不成立'}：{o.decision.reason}（{o.decision.byName}）
                </Text>
              ) : view.can.decideObjection ? (
                <View id={`ruling-${o.index}`}>
                  <View className="ck-choice">
                    <Text
                      className={`aw-chip${ruling.upheld === true ? ' on' : ''}`}
                      id="upheld-yes"
                      onClick={() => setRuling((r) => ({ ...r, upheld: true }))}
                    >
                      异议成立
                    </Text>
                    <Text
                      className={`aw-chip${ruling.upheld === false ? ' on' : ''}`}
                      id="upheld-no"
                      onClick={() => setRuling((r) => ({ ...r, upheld: false }))}
                    >
                      异议不成立
                    </Text>
                  </View>
                  <ErrorText message={errors.upheld} />
                  <Textarea
                    className={`input aw-textarea${errors.reason ? ' input-error' : ''}`}
                    id="ruling-reason"
                    value={ruling.reason}
                    maxlength={1000}
                    autoHeight
                    placeholder="处理理由"
                    onInput={(e) => setRuling((r) => ({ ...r, reason: e.detail.value }))}
                  />
                  <ErrorText message={errors.reason} />
                  <Button className="btn" id="ruling-save" loading={busyKey === 'ruling'} onClick={() => void rule(o.index)}>
                    保存处理结果
                  </Button>
                </View>
              ) : (
                <Text className="warn">待处理</Text>
              )}
            </View>
          ))}
          {view.can.recordObjection && (
            <View id="objection-form">
              <Text className="aw-label">登记公示期间收到的异议</Text>
              <Textarea
                className={`input aw-textarea${errors.text ? ' input-error' : ''}`}
                id="objection-text"
                value={objection}
                maxlength={2000}
                autoHeight
                placeholder="异议内容"
                onInput={(e) => setObjection(e.detail.value)}
              />
              <ErrorText message={errors.text} />
              <DateField
                id="objection-date"
                value={receivedOn}
                start={view.publicity.start}
                end={view.publicity.end}
                initial={view.publicity.start}
                error={errors.receivedOn}
                onPick={setReceivedOn}
              />
              <Button className="btn-plain" id="objection-save" loading={busyKey === 'objection'} onClick={() => void record()}>
                登记异议
              </Button>
            </View>
          )}
        </View>
      )}

      {(view.can.decide || view.decideBlocked) && (
        <View className="card" id="decision-form">
          <Text className="subtitle">作出结论</Text>
          {view.decideBlocked ? (
            <Text className="warn" id="decide-blocked">
              暂不能作出结论：{view.decideBlocked}
            </Text>
          ) : (
            <View>
              <View className="ck-choice">
                {(
                  [
                    ['pass', '合格'],
                    ['fail', '不合格'],
                    ['return', '退回补充材料'],
                  ] as const
                ).map(([k, label]) => (
                  <Text key={k} className={`aw-chip${decision === k ? ' on' : ''}`} id={`decision-${k}`} onClick={() => setDecision(k)}>
                    {label}
                  </Text>
                ))}
              </View>
              <ErrorText message={errors.decision} />
              <Text className="aw-label">{decision === 'return' ? '需补充的材料（每行一条）' : '理由（每行一条）'}</Text>
              <Textarea
                className={`input aw-textarea${errors.reasons ? ' input-error' : ''}`}
                id="decision-reasons"
                value={reasons}
                maxlength={5000}
                autoHeight
                onInput={(e) => setReasons(e.detail.value)}
              />
              <ErrorText message={errors.reasons} />
              <Button
                className={decision === 'fail' ? 'btn-danger' : 'btn'}
                id="decision-save"
                loading={busyKey === 'decide'}
                onClick={() => void decide()}
              >
                保存结论
              </Button>
            </View>
          )}
        </View>
      )}

      <Button className="btn-plain" id="export-report" loading={busyKey === 'export'} onClick={() => void exportReport()}>
        下载验收报告（.docx，用于盖章）
      </Button>
    </View>
  );
}
