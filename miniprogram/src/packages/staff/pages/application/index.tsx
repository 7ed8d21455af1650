import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { ApplicationView, PrecheckView, ReviewerCandidate } from '../../../../../../shared/api/applications';
import { chinaDateTimeOf as fmt } from '../../../../../../shared/calendar/china-time';
import { getForm } from '../../../../../../shared/forms';
import { appliesToKind, getProgramme } from '../../../../../../shared/programmes';
import { ApplicationHistory, ApplicationStages } from '../../../../components/ApplicationHistory';
import { FormStep } from '../../../../components/FormStep';
import { FormStepAttachments } from '../../../../components/FormStepAttachments';
import { FormStepFacts } from '../../../../components/FormStepFacts';
import { applicationsClient, openExport } from '../../../../services/applications';
import { ApiError } from '../../../../services/client';
import '../../../../components/FormStep.css';
import { newRequestId } from '../../../../services/request-id';

/**
 * One application as staff (and review experts) see it: the filled form, the precheck, the
 * materials, the history — and the actions the programme definition gives the caller at this stage:
 * pass / return with per-field comments / reject, the 形式审查 checklist, reviewer assignment (回避
 * shown and enforced), the scoring rubric with its total, publicity, objections, award.
 */
export default function StaffApplication() {
  const id = useRouter().params.id ?? '';
  const [view, setView] = useState<ApplicationView | null>(null);
  const [pre, setPre] = useState<PrecheckView | null>(null);
  const [notice, setNotice] = useState<{ tone: 'ok' | 'err'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [comment, setComment] = useState('');
  const [checked, setChecked] = useState<Record<string, boolean>>({});
  const [returning, setReturning] = useState(false);
  const [fieldComments, setFieldComments] = useState<Record<string, string>>({});
  const [candidates, setCandidates] = useState<ReviewerCandidate[] | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [scores, setScores] = useState<Record<string, string>>({});
  const [publicityStart, setPublicityStart] = useState('');
  const [publicityNote, setPublicityNote] = useState('');
  const [objection, setObjection] = useState('');
  const [resolutions, setResolutions] = useState<Record<string, string>>({});
  const [plaqueDate, setPlaqueDate] = useState('');

  const load = async () => {
    try {
      const v = await applicationsClient.get({ applicationId: id });
      setView(v);
      setPublicityStart((s) => s || v.today);
      setPlaqueDate((s) => s || v.today);
      setPicked(v.reviewers.map((r) => r.id));
      setReturning(false);
      setFieldComments({});
      setComment('');
      setChecked({});
      setPre(await applicationsClient.precheck({ applicationId: id }));
      if (v.can.assignReviewers) setCandidates(await applicationsClient.reviewerCandidates({ applicationId: id }));
    } catch (e) {
      setNotice({ tone: 'err', text: (e as Error).message });
    }
  };
  useDidShow(() => void load());

  const act = async (label: string, run: () => Promise<unknown>) => {
    if (busy) return;
    setBusy(true);
    setNotice(null);
    try {
      await run();
      await load();
      setNotice({ tone: 'ok', text: `${label}：已完成` });
    } catch (e) {
      const fields = e instanceof ApiError ? Object.values(e.fieldErrors()) : [];
      setNotice({ tone: 'err', text: fields.length ? `${(e as Error).message}：${fields.join('；')}` : (e as Error).message });
    } finally {
      setBusy(false);
    }
  };

  if (!view)
    return <View className="page">{notice ? <Text className="error">{notice.text}</Text> : <Text className="muted">加载中…</Text>}</View>;
  const programme = getProgramme(view.programmeId)!;
  const kind = programme.kinds.find((k) => k.id === view.kindId)!;
  const form = getForm(view.formId)!;
  const expected = { status: view.status, stageId: view.stageId };
  const declared = programme.facts.filter((f) => Object.hasOwn(view.facts, f.id));
  const total = view.rubric?.items.reduce((s, i) => s + (Number(scores[i.id]) || 0), 0) ?? 0;

  const review = (decision: 'pass' | 'return' | 'reject') =>
    act(decision === 'pass' ? '审核通过' : decision === 'return' ? '退回修改' : '不予通过', async () =>
      applicationsClient.review({
        applicationId: id,
        decision,
        comment,
        fieldComments: decision === 'return' ? Object.fromEntries(Object.entries(fieldComments).filter(([, t]) => t.trim())) : {},
        checklist: view.checklist.map((i) => ({ ...i, checked: Boolean(checked[i.itemId]) })),
        requestId: await newRequestId(),
        expected,
      }),
    );

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
      {notice && (
        <Text className={notice.tone === 'ok' ? 'ok' : 'error'} id="notice">
          {notice.text}
        </Text>
      )}

      {/* ───────── actions of this stage ───────── */}
      {view.can.review && (
        <View className="panel" id="review-panel">
          <Text className="subtitle">{view.stageLabel}</Text>
          {view.checklist.length > 0 && <Text className="field-label">形式审查清单</Text>}
          {view.checklist.map((i) => (
            <Text
              key={i.itemId}
              id={`check-${i.itemId}`}
              className={`tag choice ${checked[i.itemId] ? 'tag-green chosen' : ''}`}
              onClick={() => setChecked({ ...checked, [i.itemId]: !checked[i.itemId] })}
            >
              {checked[i.itemId] ? '☑ ' : '☐ '}
              {i.label}
            </Text>
          ))}
          {view.checklist.length > 0 && (
            <Text
              className="muted"
              id="check-all"
              onClick={() => setChecked(Object.fromEntries(view.checklist.map((i) => [i.itemId, true])))}
            >
              全部勾选
            </Text>
          )}
          <Textarea
            className="input textarea"
            id="review-comment"
            value={comment}
            placeholder="审核意见（退回或不予通过时必填）"
            onInput={(e) => setComment(e.detail.value)}
          />
          {!returning ? (
            <>
              <Button className={`btn${busy ? ' is-disabled' : ''}`} id="pass" onClick={() => void review('pass')}>
                审核通过
              </Button>
              <Button className="btn-plain" id="start-return" onClick={() => setReturning(true)}>
                退回修改（可逐项写意见）
              </Button>
              <Button className={`btn-danger${busy ? ' is-disabled' : ''}`} id="reject" onClick={() => void review('reject')}>
                不予通过
              </Button>
            </>
          ) : (
            <>
              <View className="banner">
                <Text>在下方申报内容中，需要修改的项目下填写意见，然后点击“确认退回”。</Text>
              </View>
              <Button className={`btn${busy ? ' is-disabled' : ''}`} id="confirm-return" onClick={() => void review('return')}>
                确认退回
              </Button>
              <Button className="btn-plain" onClick={() => setReturning(false)}>
                取消
              </Button>
            </>
          )}
        </View>
      )}

      {view.can.assignReviewers && candidates && (
        <View className="panel" id="assign-panel">
          <Text className="subtitle">指派评审专家</Text>
          {candidates.map((c) => (
            <View
              key={c.personId}
              id={`cand-${c.personId}`}
              className="list-item"
              onClick={() =>
                !c.conflict && setPicked(picked.includes(c.personId) ? picked.filter((x) => x !== c.personId) : [...picked, c.personId])
              }
            >
              <Text className={`tag ${picked.includes(c.personId) ? 'tag-green' : ''}`}>
                {picked.includes(c.personId) ? '已选' : c.conflict ? '回避' : '可选'}
              </Text>
              <Text>
                {c.name}（{c.title}）
              </Text>
              {c.conflict ? <Text className="warn"> {c.conflictReason}</Text> : null}
            </View>
          ))}
          <Button
            className={`btn${busy || picked.length === 0 ? ' is-disabled' : ''}`}
            id="assign"
            onClick={() =>
              void act('指派评审专家', async () =>
                applicationsClient.assignReviewers({ applicationId: id, reviewerIds: picked, requestId: await newRequestId(), expected }),
              )
            }
          >
            确认指派
          </Button>
        </View>
      )}
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

      {view.can.score && view.rubric && (
        <View className="panel" id="score-panel">
          <Text className="subtitle">评分（满分 100）</Text>
          <Text className="muted">{view.rubric.note}</Text>
          {view.rubric.items.map((i) => (
            <View key={i.id} className="score-row" id={`score-${i.id}`}>
              <Text>
                {i.label}（{i.maxPoints} 分）
              </Text>
              <Input
                className="input"
                type="number"
                value={scores[i.id] ?? ''}
                placeholder={`0-${i.maxPoints}`}
                onInput={(e) => setScores({ ...scores, [i.id]: e.detail.value })}
              />
            </View>
          ))}
          <Text className="value" id="score-total">
            合计：{total} 分
          </Text>
          <Button
            className={`btn${busy ? ' is-disabled' : ''}`}
            id="submit-score"
            onClick={() =>
              void act('评分', async () =>
                applicationsClient.score({
                  applicationId: id,
                  items: view.rubric!.items.map((i) => ({ itemId: i.id, points: Number(scores[i.id] ?? '') })),
                  requestId: await newRequestId(),
                }),
              )
            }
          >
            提交评分
          </Button>
        </View>
      )}
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

      {view.can.startPublicity && (
        <View className="panel" id="publicity-panel">
          <Text className="subtitle">公示</Text>
          <Text className="muted">
            按《{programme.title}》{programme.publicity.clause}：公示{programme.publicity.minimum ? '不少于' : ''}
            {programme.publicity.days}
            {programme.publicity.dayKind === 'working' ? '个工作日（扣除法定节假日）' : '天'}，结束日期自动计算。
          </Text>
          <View id="publicity-start">
            <Input
              className="input"
              value={publicityStart}
              placeholder="开始日期 YYYY-MM-DD"
              onInput={(e) => setPublicityStart(e.detail.value.trim())}
            />
          </View>
          <Input
            className="input"
            value={publicityNote}
            placeholder="公示说明（选填），如：在市科协网站公示"
            onInput={(e) => setPublicityNote(e.detail.value)}
          />
          <Button
            className={`btn${busy ? ' is-disabled' : ''}`}
            id="start-publicity"
            onClick={() =>
              void act('开始公示', async () =>
                applicationsClient.startPublicity({
                  applicationId: id,
                  startDate: publicityStart,
                  note: publicityNote,
                  requestId: await newRequestId(),
                  expected,
                }),
              )
            }
          >
            开始公示
          </Button>
        </View>
      )}

      {view.status === 'publicity' && (view.can.fileObjection || view.objections.length > 0) && (
        <View className="panel" id="objections-panel">
          <Text className="subtitle">公示异议</Text>
          {view.objections.map((o) => (
            <View key={o.id} className="list-item" id={`objection-${o.id}`} data-status={o.status}>
              <Text>{o.content}</Text>
              <Text className="muted">
                {' '}
                （{o.filedByName} 登记于 {fmt(o.filedAt)}）
              </Text>
              {o.status === 'resolved' ? (
                <Text className="ok"> 已处理：{o.resolution}</Text>
              ) : view.can.resolveObjection ? (
                <View>
                  <Input
                    className="input"
                    id={`resolution-${o.id}`}
                    value={resolutions[o.id] ?? ''}
                    placeholder="处理意见"
                    onInput={(e) => setResolutions({ ...resolutions, [o.id]: e.detail.value })}
                  />
                  <Button
                    className="btn-plain"
                    id={`resolve-${o.id}`}
                    onClick={() =>
                      void act('处理异议', async () =>
                        applicationsClient.resolveObjection({
                          objectionId: o.id,
                          resolution: resolutions[o.id] ?? '',
                          requestId: await newRequestId(),
                        }),
                      )
                    }
                  >
                    处理完毕
                  </Button>
                </View>
              ) : null}
            </View>
          ))}
          {view.can.fileObjection && (
            <>
              <Textarea
                className="input textarea"
                id="objection-content"
                value={objection}
                placeholder="登记收到的异议内容"
                onInput={(e) => setObjection(e.detail.value)}
              />
              <Button
                className="btn-plain"
                id="file-objection"
                onClick={() =>
                  void act('登记异议', async () =>
                    applicationsClient.fileObjection({ applicationId: id, content: objection, requestId: await newRequestId() }),
                  )
                }
              >
                登记异议
              </Button>
            </>
          )}
          {view.can.closePublicity && (
            <Button
              className={`btn${busy ? ' is-disabled' : ''}`}
              id="close-publicity"
              onClick={() =>
                void act('结束公示', async () =>
                  applicationsClient.closePublicity({ applicationId: id, requestId: await newRequestId(), expected }),
                )
              }
            >
              公示期满，无异议，结束公示
            </Button>
          )}
        </View>
      )}

      {view.can.award && (
        <View className="panel" id="award-panel">
          <Text className="subtitle">{programme.award.label}</Text>
          <View id="plaque-date">
            <Input
              className="input"
              value={plaqueDate}
              placeholder="授牌日期 YYYY-MM-DD"
              onInput={(e) => setPlaqueDate(e.detail.value.trim())}
            />
          </View>
          <Button
            className={`btn${busy ? ' is-disabled' : ''}`}
            id="award"
            onClick={() =>
              void act(programme.award.label, async () =>
                applicationsClient.award({ applicationId: id, plaqueDate, requestId: await newRequestId(), expected }),
              )
            }
          >
            {kind.stationLevels ? '授牌并建立服务站' : programme.award.label}
          </Button>
        </View>
      )}

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
      <ApplicationStages stages={view.stages} />

      {pre && (
        <>
          <Text className="subtitle">申报条件核对</Text>
          <View className="card" id="precheck">
            {pre.eligibility.criteria.map((c) => (
              <View key={c.id} className="criterion" data-criterion={c.id} data-status={c.status}>
                <Text className={`tag ${c.status === 'met' ? 'tag-green' : c.status === 'not_met' ? 'tag-red' : 'tag-amber'}`}>
                  {c.status === 'met' ? '符合' : c.status === 'not_met' ? '不符合' : '待核实'}
                </Text>
                <Text>{c.label}</Text>
                <Text className="muted">
                  {' '}
                  {c.reason}（{c.clause}）
                </Text>
              </View>
            ))}
            {pre.eligibility.vetoes.map((v) => (
              <View key={v.id} className="criterion" data-veto={v.id}>
                <Text className={`tag ${v.hit === true ? 'tag-red' : v.hit === false ? 'tag-green' : 'tag-amber'}`}>
                  {v.hit === true ? '否决' : v.hit === false ? '无' : '待核实'}
                </Text>
                <Text>{v.label}</Text>
              </View>
            ))}
          </View>
        </>
      )}

      <Text className="subtitle">申报内容</Text>
      {form.steps
        .filter((s) => s.fields.some((f) => f.type !== 'opinion'))
        .map((s) => (
          <View key={s.id}>
            <Text className="field-label">{s.title}</Text>
            <FormStep
              step={s}
              values={view.values}
              readOnly
              comments={view.fieldComments}
              {...(returning
                ? {
                    commenting: {
                      values: fieldComments,
                      onChange: (k: string, t: string) => setFieldComments({ ...fieldComments, [k]: t }),
                    },
                  }
                : {})}
            />
          </View>
        ))}
      {declared.length > 0 && (
        <>
          <Text className="subtitle">申报条件自查</Text>
          <FormStepFacts facts={declared} answers={view.facts} readOnly />
        </>
      )}

      <Text className="subtitle">申报材料</Text>
      <FormStepAttachments
        materials={programme.materials.filter((m) => appliesToKind(m, view.kindId))}
        attachments={view.attachments}
        readOnly
      />

      <ApplicationHistory history={view.history} />
    </View>
  );
}
