import { type ApplicationView, type AttachmentView, factSources, type PrecheckView } from '@shared/api/applications';
import { type FormDefinition, getForm, isBlank } from '@shared/forms';
import { appliesToKind, getProgramme, type Programme } from '@shared/programmes';
import { draftValueIssues } from '@shared/rules/drafts';
import { dateRange, fieldErrors, issuesByStep, navSteps, prefillValues, stepStates } from '@shared/rules/form-navigation';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useLoad, useUnload } from '@tarojs/taro';
import { useEffect, useMemo, useRef, useState } from 'react';
import { FormStep } from '../../../../components/FormStep';
import { FormStepAttachments } from '../../../../components/FormStepAttachments';
import { FormStepFacts } from '../../../../components/FormStepFacts';
import { ErrorSummary } from '../../../../components/form/ErrorSummary';
import { StepTabs } from '../../../../components/form/StepTabs';
import { useFormNavigation } from '../../../../components/form/useFormNavigation';
import { applicationsClient } from '../../../../services/applications';
import {
  conflictingKeys,
  type DraftSnapshot,
  DraftStore,
  type DraftTarget,
  draftKey,
  syncStateLabels,
} from '../../../../services/draft-store';
import { loadMe } from '../../../../services/session';
import { askOnSubmitTap } from '../../../../services/subscriptions';
import '../../../../components/FormStep.css';
import { NoticeText } from '../../../../components/NoticeText';
import { useAction } from '../../../../hooks/useAction';
import { useProgrammeDefinition } from '../../../../hooks/useProgrammeDefinition';
import { pickAndAttach } from '../../../../platform/attachments';
import { newRequestId } from '../../../../platform/request-id';
import { ensureDefinition } from '../../../../services/definitions';
import { errorText } from '../../../../services/errors';

/** A page parameter as written (query values arrive still percent-encoded). */
const decoded = (v: string | undefined) => {
  if (v === undefined) return undefined;
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
};

/** Today in China time (UTC+8), YYYY-MM-DD: the end of a date picker for things that happened. */
const todayInChina = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

const timeText = (ms: number | null) => {
  if (!ms) return '';
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}:${String(d.getSeconds()).padStart(2, '0')}`;
};

/**
 * Fill in an application step by step. Every keystroke is kept on the phone and saved to the server
 * within seconds (services/draft-store.ts); the steps come from the form definition, then the
 * programme's 申报条件自查, the materials, and a precheck before submitting.
 */
export default function Apply() {
  const storeRef = useRef<DraftStore | null>(null);
  const [snap, setSnap] = useState<DraftSnapshot | null>(null);
  const [view, setView] = useState<ApplicationView | null>(null);
  const [target, setTarget] = useState<DraftTarget | null>(null);
  const [pre, setPre] = useState<PrecheckView | null>(null);
  const [attachments, setAttachments] = useState<AttachmentView[]>([]);
  const action = useAction();
  const { busyKey: busy, notice } = action;

  const attachStore = (store: DraftStore) => {
    storeRef.current?.dispose();
    storeRef.current = store;
    store.subscribe(setSnap);
  };

  const loadView = async (id: string) => {
    const v = await applicationsClient.get({ applicationId: id });
    setView(v);
    setAttachments(v.attachments);
    return v;
  };

  const openExisting = (id: string, fallback?: () => void) => {
    loadView(id)
      .then((v) => {
        if (fallback && v.status !== 'draft' && v.status !== 'returned') return fallback();
        const t: DraftTarget = { programmeId: v.programmeId, kindId: v.kindId, roundId: v.roundId };
        setTarget(t);
        const store = new DraftStore(DraftStore.load(draftKey({ ...t, applicationId: id })) ?? DraftStore.fresh(t, id));
        attachStore(store);
        store.adoptServer({ applicationId: id, version: v.version, values: v.values, facts: v.facts });
      })
      .catch((e: unknown) => {
        // Offline: open what this phone has.
        const local = DraftStore.load(`appdraft:${id}`);
        if (local) {
          setTarget({ programmeId: local.programmeId, kindId: local.kindId, roundId: local.roundId });
          attachStore(new DraftStore(local));
        }
        action.say('err', errorText(e, { offline: '网络不可用，显示手机上保存的内容' }));
      });
  };

  useLoad((params: Record<string, string | undefined>) => {
    const id = params.id;
    if (id) return openExisting(id);
    const t: DraftTarget = {
      programmeId: params.programmeId ?? '',
      kindId: params.kindId ?? '',
      roundId: params.roundId ?? '',
      ...(params.hostUnitId ? { hostUnitId: params.hostUnitId } : {}),
      ...(params.societyId ? { societyId: params.societyId } : {}),
    };
    const newKey = draftKey({ ...t, applicationId: null });
    // 单位名称 and the like from the units already chosen (finding 6): only into blank fields
    const prefill = (store: DraftStore) =>
      void ensureDefinition(t.programmeId, t.roundId).then(
        () => prefillFrom(store),
        () => undefined,
      );
    const prefillFrom = (store: DraftStore) => {
      const f = getProgramme(t.programmeId)?.kinds.find((k) => k.id === t.kindId);
      const def = f ? getForm(f.formId) : undefined;
      if (!def) return;
      void loadMe()
        .then((me) => me.bindings.find((b) => b.role === 'secretary' && b.scope.societyId)?.scopeLabel)
        .catch(() => undefined)
        .then((societyName) => {
          const patch = prefillValues(def, { hostUnitName: decoded(params.unitName), societyName }, store.snapshot.draft.values);
          for (const [k, v] of Object.entries(patch)) store.setValue(k, v);
        });
    };
    const startFresh = () => {
      DraftStore.forget(newKey);
      setTarget(t);
      const store = new DraftStore(DraftStore.fresh(t));
      attachStore(store);
      prefill(store);
    };
    // A draft started here earlier and already on the server: continue it.
    const moved = DraftStore.movedTo(newKey);
    if (moved) return openExisting(moved, startFresh);
    setTarget(t);
    const kept = DraftStore.load(newKey);
    const store = new DraftStore(kept ?? DraftStore.fresh(t));
    attachStore(store);
    if (!kept) prefill(store);
  });

  useUnload(() => {
    const s = storeRef.current;
    if (s) void s.flush().finally(() => s.dispose());
  });

  const applicationId = snap?.draft.applicationId ?? view?.id ?? null;
  // once the first save created the application, load it (attachments, comments, status)
  // biome-ignore lint/correctness/useExhaustiveDependencies: loadView only sets state; it must not re-run on its identity
  useEffect(() => {
    if (applicationId && !view) void loadView(applicationId).catch(() => undefined);
  }, [applicationId, view]);

  // the definition this round opened with: bundled for a built-in programme, served for an installed one
  const definition = useProgrammeDefinition(target?.programmeId ?? view?.programmeId, target?.roundId || view?.roundId);
  const programme: Programme | undefined = target && definition.version ? getProgramme(target.programmeId) : undefined;
  const kind = programme?.kinds.find((k) => k.id === target?.kindId);
  const form: FormDefinition | undefined = kind ? getForm(kind.formId) : undefined;
  const declaredFacts = useMemo(() => {
    if (!programme || !kind) return [];
    const sources = factSources(programme, kind.id, {
      hasHostUnit: kind.applicantType === 'hostUnit',
      hasSociety:
        kind.applicantType === 'society' ||
        Boolean(target?.societyId || view?.applicant.societyId || kind.applicantRoles.includes('secretary')),
    });
    return programme.facts.filter((f) => sources[f.id] === 'declared');
  }, [programme, kind, target, view]);
  const materials = programme && kind ? programme.materials.filter((m) => appliesToKind(m, kind.id)) : [];

  const steps = useMemo(() => {
    if (!form) return [];
    return navSteps(form, [
      ...(declaredFacts.length ? [{ id: '__facts', title: '申报条件自查' }] : []),
      { id: '__attachments', title: '申报材料' },
      { id: '__submit', title: '检查并提交' },
    ]);
  }, [form, declaredFacts]);
  // the step the secretary was on is kept with the draft: reopening returns there (finding 5)
  const nav = useFormNavigation(steps, {
    resumeAt: snap?.draft.stepId,
    remember: (id) => storeRef.current?.setStep(id),
  });
  const step = nav.current;
  const stepIndex = nav.index;
  const setStepIndex = nav.open;

  const runPrecheck = async () => {
    const s = storeRef.current;
    if (!s) return;
    await action.run(
      async () => {
        await s.flush();
        const id = s.snapshot.draft.applicationId;
        if (!id) throw new Error('请先填写申报内容');
        setPre(await applicationsClient.precheck({ applicationId: id }));
      },
      { key: 'precheck', quiet: true },
    );
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: check once each time the submit step is entered
  useEffect(() => {
    if (step?.id === '__submit') void runPrecheck();
  }, [step?.id]);

  if (!snap || !form || !programme || !kind || !step) {
    return (
      <View className="page" id="apply">
        {notice ? (
          <NoticeText notice={notice} className={() => 'error'} />
        ) : definition.error ? (
          <Text className="error">{definition.error}</Text>
        ) : (
          <Text className="muted">加载中…</Text>
        )}
      </View>
    );
  }
  const store = storeRef.current!;
  const values = snap.draft.values;
  // Inline errors (finding 5): format problems checked here as she types (the same form schema the
  // server uses), the server's own, and — once checked before submitting — required fields still empty.
  const missing = (pre?.missingFields ?? [])
    .filter((m) => isBlank(values[m.key]))
    .map((m) => ({ path: `values.${m.key}`, message: `请填写${m.label}` }));
  const errors = fieldErrors([...draftValueIssues(form, values), ...snap.issues.filter((i) => i.path.startsWith('values.')), ...missing]);
  const comments: Readonly<Record<string, string>> = view?.status === 'returned' ? view.fieldComments : {};
  // problems of a step as a whole: materials, unanswered 自查 items, unmet conditions
  const stepProblems: Record<string, string[]> = {};
  if (pre) {
    const add = (id: string, m: string) => {
      stepProblems[id] = [...(stepProblems[id] ?? []), m];
    };
    for (const m of [...pre.materials.missing, ...pre.materials.wrongType]) add('__attachments', m.message);
    for (const f of pre.unansweredFacts) add('__facts', `请回答：${f.label}`);
    for (const b of pre.eligibility.blocking)
      add(
        declaredFacts.length ? '__facts' : '__submit',
        b.type === 'veto' ? `一票否决：${b.label}（${b.clause}）` : `不符合申报条件：${b.reason}（${b.clause}）`,
      );
  }
  const tabStates = stepStates(steps, {
    values,
    errors,
    comments,
    stepErrors: Object.fromEntries(Object.entries(stepProblems).map(([k, v]) => [k, v.length])),
    stepDone: {
      __facts: declaredFacts.every((f) => snap.draft.facts[f.id] !== undefined),
      __attachments: pre ? pre.materials.missing.length === 0 && pre.materials.wrongType.length === 0 : false,
      __submit: pre?.canSubmit === true,
    },
  });
  const summary = issuesByStep(steps, errors, stepProblems);
  const materialComments = Object.fromEntries(Object.entries(comments).filter(([k]) => k.startsWith('material:')));
  if (Object.keys(materialComments).length) {
    const t = tabStates.find((s) => s.id === '__attachments');
    if (t) t.commentCount = Object.keys(materialComments).length;
  }
  const today = todayInChina();
  const editable = !view || view.status === 'draft' || view.status === 'returned';

  const upload = (materialId: string) =>
    action.run(
      async () => {
        const s = storeRef.current!;
        await s.flush();
        const id = s.snapshot.draft.applicationId;
        if (!id) throw new Error('请先填写封面等内容（保存后才能上传材料）');
        const a = await pickAndAttach(id, materialId);
        if (a) {
          s.bumped(a.version);
          setAttachments((xs) => [...xs, a]);
        }
      },
      { key: materialId, error: { fields: 'first' } },
    );
  const remove = (fileId: string) => {
    const s = storeRef.current!;
    const id = s.snapshot.draft.applicationId;
    if (!id) return;
    return action.run(
      async () => {
        const r = await applicationsClient.removeAttachment({ applicationId: id, fileId, requestId: await newRequestId() });
        s.bumped(r.version);
        setAttachments((xs) => xs.filter((a) => a.file.fileId !== fileId));
      },
      { key: 'remove', quiet: true },
    );
  };
  const submit = async () => {
    askOnSubmitTap(); // subscription dialog: must run synchronously in the tap, before any await (services/subscriptions.ts)
    // What will happen, before it happens (finding 6): the first review stage, and no edits meanwhile.
    const firstStage = programme.stages.find((st) => !st.kinds || st.kinds.includes(kind.id));
    const confirm = await Taro.showModal({
      title: view?.status === 'returned' ? '确认重新提交' : '确认提交申报',
      content: `提交后申报将交${firstStage ? `「${firstStage.label}」` : '审核'}，审核期间不能修改；如被退回，可按意见修改后重新提交。确定提交吗？`,
      confirmText: '确定提交',
      cancelText: '返回检查',
    });
    if (!confirm.confirm) return;
    const s = storeRef.current!;
    const sent = await action.run(
      async () => {
        await s.flush();
        if (s.snapshot.state === 'conflict') throw new Error('请先处理与服务器版本的冲突');
        if (s.snapshot.state === 'offline') throw new Error('网络不可用，内容已保存在手机上；恢复网络后再提交');
        const id = s.snapshot.draft.applicationId!;
        await applicationsClient.submit({ applicationId: id, requestId: await newRequestId() });
        void Taro.redirectTo({ url: `/packages/secretary/pages/detail/index?id=${id}&submitted=1` });
        return true;
      },
      { key: 'submit' },
    );
    // Refused: show why, and what the precheck says now.
    if (!sent) void runPrecheck();
  };

  // only fields that really differ (a blank is a blank, whether null, '' or absent) — finding 7
  const conflictKeys = snap.conflict ? conflictingKeys(values, snap.conflict.serverValues) : [];
  const labelOf = (key: string) => {
    const f = form.steps.flatMap((s) => s.fields).find((x) => x.key === key);
    return f ? (f.name ?? f.label) : key;
  };

  return (
    <View className="page" id="apply">
      <Text className="title">{form.title}</Text>
      <Text className={`sync ${snap.state}`} id="sync-state" data-state={snap.state}>
        {syncStateLabels[snap.state]}
        {snap.state === 'synced' && snap.draft.syncedAt ? `（${timeText(snap.draft.syncedAt)}）` : ''}
        {snap.state === 'error' && snap.message ? `：${snap.message}` : ''}
      </Text>
      {!editable && view && <Text className="banner">该申报{view.statusLabel}，不能修改。</Text>}

      {snap.conflict && (
        <View className="panel" id="conflict">
          <Text className="subtitle">这份申报在另一台设备上也修改过</Text>
          <Text className="muted">请比较两边的内容，选择保留哪一份。</Text>
          {conflictKeys.map((k) => (
            <View key={k} className="conflict-row" data-conflict={k}>
              <Text className="field-label">{labelOf(k)}</Text>
              <Text className="value">本机：{String(values[k] ?? '（空）')}</Text>
              <Text className="value">服务器：{String(snap.conflict!.serverValues[k] ?? '（空）')}</Text>
            </View>
          ))}
          <Button className="btn" id="keep-mine" onClick={() => void store.resolveConflict('mine')}>
            保留本机的内容
          </Button>
          <Button className="btn-plain" id="take-server" onClick={() => void store.resolveConflict('server')}>
            使用服务器上的内容
          </Button>
        </View>
      )}

      {view?.status === 'returned' && (
        <View className="banner" id="returned-banner">
          <Text>申报已退回修改，请按标出的审核意见修改后重新提交。</Text>
          {/* not .at(-1): Array.prototype.at is missing before iOS 15.4 */}
          {view.reviews[view.reviews.length - 1]?.comment ? <Text>审核意见：{view.reviews[view.reviews.length - 1]!.comment}</Text> : null}
          {/* where the comments are: each step with comments, a tap away (finding 3) */}
          {tabStates
            .filter((t) => t.commentCount > 0)
            .map((t) => (
              <View key={t.id} className="list-item comment-step" data-comment-step={t.id} onClick={() => nav.jumpTo(t.id, null)}>
                <Text>
                  「{steps.find((s) => s.id === t.id)?.title}」有 {t.commentCount} 条审核意见 ›
                </Text>
              </View>
            ))}
        </View>
      )}

      <StepTabs steps={steps} states={tabStates} activeId={step.id} onPick={setStepIndex} />
      <View id="step-body" />

      {step.id === '__facts' ? (
        <FormStepFacts facts={declaredFacts} answers={snap.draft.facts} onChange={(id, v) => store.setFact(id, v)} readOnly={!editable} />
      ) : step.id === '__attachments' ? (
        <FormStepAttachments
          materials={materials}
          attachments={attachments}
          onUpload={(m) => void upload(m)}
          onRemove={(f) => void remove(f)}
          busy={busy}
          readOnly={!editable}
          comments={materialComments}
        />
      ) : step.id === '__submit' ? (
        <View id="step-submit">
          {busy === 'precheck' && <Text className="muted">正在检查…</Text>}
          {pre && (
            <View id="precheck" data-can-submit={pre.canSubmit ? 'yes' : 'no'}>
              {pre.blockers.length > 0 || summary.length > 0 ? (
                <View id="blockers">
                  <ErrorSummary groups={summary} onJump={nav.jumpTo} />
                </View>
              ) : (
                <View className="card">
                  <Text className="ok field-label">检查通过，可以提交。</Text>
                  <Text className="muted">审核意见栏在打印的申报书上由各单位填写意见并盖章。</Text>
                </View>
              )}
            </View>
          )}
          <Button
            className={`btn${!pre?.canSubmit || busy === 'submit' || !editable ? ' is-disabled' : ''}`}
            id="submit"
            onClick={() => void submit()}
          >
            {view?.status === 'returned' ? '修改完成，重新提交' : '提交申报'}
          </Button>
          {/* the answer to a tap, next to what was tapped (finding 5) */}
          <NoticeText notice={notice} id="notice" />
          <Button className="btn-plain" id="run-precheck" onClick={() => void runPrecheck()}>
            重新检查
          </Button>
          {pre && (
            <View className="card">
              <Text className="subtitle">申报条件</Text>
              {pre.eligibility.criteria.map((c) => (
                <View key={c.id} className="criterion" data-criterion={c.id} data-status={c.status}>
                  <Text
                    className={`tag ${c.status === 'met' ? 'tag-green' : c.status === 'not_met' && c.severity === 'blocking' ? 'tag-red' : 'tag-amber'}`}
                  >
                    {c.status === 'met' ? '符合' : c.status === 'not_met' ? (c.severity === 'blocking' ? '不符合' : '提示') : '待核实'}
                  </Text>
                  <Text>
                    {c.label}（{c.clause}）
                  </Text>
                  {c.status !== 'met' ? <Text className="muted field-help">{c.reason}</Text> : null}
                </View>
              ))}
              {pre.eligibility.vetoes.length > 0 && <Text className="subtitle">一票否决事项</Text>}
              {pre.eligibility.vetoes.map((v) => (
                <View key={v.id} className="criterion" data-veto={v.id}>
                  <Text className={`tag ${v.hit === true ? 'tag-red' : v.hit === false ? 'tag-green' : 'tag-amber'}`}>
                    {v.hit === true ? '存在' : v.hit === false ? '不存在' : '待核实'}
                  </Text>
                  <Text>
                    {v.label}（{v.clause}）
                  </Text>
                </View>
              ))}
            </View>
          )}
        </View>
      ) : (
        <FormStep
          step={form.steps.find((s) => s.id === step.id)!}
          values={values}
          onChange={(k, v) => store.setValue(k, v)}
          errors={errors}
          comments={comments}
          readOnly={!editable}
          dateRangeOf={(f) => dateRange(f, form, { today, roundOpensOn: undefined })}
        />
      )}

      {step.id !== '__submit' && <NoticeText notice={notice} id="notice" />}
      <View className="nav-buttons">
        <Button
          className={`btn-plain${stepIndex === 0 ? ' is-disabled' : ''}`}
          id="prev-step"
          onClick={() => setStepIndex(Math.max(0, stepIndex - 1))}
        >
          上一步
        </Button>
        <Button
          className={`btn${stepIndex >= steps.length - 1 ? ' is-disabled' : ''}`}
          id="next-step"
          onClick={() => setStepIndex(Math.min(steps.length - 1, stepIndex + 1))}
        >
          下一步
        </Button>
      </View>
      {applicationId && (
        <Button
          className="btn-plain"
          id="open-detail"
          onClick={() => void Taro.navigateTo({ url: `/packages/secretary/pages/detail/index?id=${applicationId}` })}
        >
          查看进度与导出申报书
        </Button>
      )}
    </View>
  );
}
