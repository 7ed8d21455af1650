import { type ApplicationView, type AttachmentView, factSources, type PrecheckView } from '@shared/api/applications';
import { type FormDefinition, getForm } from '@shared/forms';
import { appliesToKind, getProgramme, type Programme } from '@shared/programmes';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useLoad, useUnload } from '@tarojs/taro';
import { useEffect, useMemo, useRef, useState } from 'react';
import { FormStep } from '../../../../components/FormStep';
import { FormStepAttachments } from '../../../../components/FormStepAttachments';
import { FormStepFacts } from '../../../../components/FormStepFacts';
import { applicationsClient } from '../../../../services/applications';
import { type DraftSnapshot, DraftStore, type DraftTarget, draftKey, syncStateLabels } from '../../../../services/draft-store';
import '../../../../components/FormStep.css';
import { NoticeText } from '../../../../components/NoticeText';
import { useAction } from '../../../../hooks/useAction';
import { pickAndAttach } from '../../../../platform/attachments';
import { newRequestId } from '../../../../platform/request-id';
import { errorText } from '../../../../services/errors';

type StepId = string;
interface StepDef {
  id: StepId;
  title: string;
}

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
  const [stepIndex, setStepIndex] = useState(0);
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
    const startFresh = () => {
      DraftStore.forget(newKey);
      setTarget(t);
      attachStore(new DraftStore(DraftStore.fresh(t)));
    };
    // A draft started here earlier and already on the server: continue it.
    const moved = DraftStore.movedTo(newKey);
    if (moved) return openExisting(moved, startFresh);
    setTarget(t);
    attachStore(new DraftStore(DraftStore.load(newKey) ?? DraftStore.fresh(t)));
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

  const programme: Programme | undefined = target ? getProgramme(target.programmeId) : undefined;
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

  const steps: StepDef[] = useMemo(() => {
    if (!form) return [];
    return [
      ...form.steps.filter((s) => s.fields.some((f) => f.type !== 'opinion')).map((s) => ({ id: s.id, title: s.title })),
      ...(declaredFacts.length ? [{ id: '__facts', title: '申报条件自查' }] : []),
      { id: '__attachments', title: '申报材料' },
      { id: '__submit', title: '检查并提交' },
    ];
  }, [form, declaredFacts]);
  const step = steps[Math.min(stepIndex, Math.max(0, steps.length - 1))];

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
        {notice ? <NoticeText notice={notice} className={() => 'error'} /> : <Text className="muted">加载中…</Text>}
      </View>
    );
  }
  const store = storeRef.current!;
  const values = snap.draft.values;
  const errors: Record<string, string> = {};
  for (const i of snap.issues) if (i.path.startsWith('values.')) errors[i.path.slice(7)] ??= i.message;
  const comments = view?.status === 'returned' ? view.fieldComments : {};
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

  const conflictKeys = snap.conflict
    ? [...new Set([...Object.keys(snap.conflict.serverValues), ...Object.keys(values)])].filter(
        (k) => JSON.stringify(snap.conflict!.serverValues[k] ?? '') !== JSON.stringify(values[k] ?? ''),
      )
    : [];
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
        </View>
      )}

      <View className="steps">
        {steps.map((s, i) => (
          <Text key={s.id} className={`step-tab ${s.id === step.id ? 'active' : ''}`} id={`tab-${s.id}`} onClick={() => setStepIndex(i)}>
            {i + 1}. {s.title}
          </Text>
        ))}
      </View>

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
        />
      ) : step.id === '__submit' ? (
        <View id="step-submit">
          {busy === 'precheck' && <Text className="muted">正在检查…</Text>}
          {pre && (
            <View id="precheck" data-can-submit={pre.canSubmit ? 'yes' : 'no'}>
              {pre.blockers.length > 0 ? (
                <View className="banner" id="blockers">
                  <Text className="value">提交前还需处理：</Text>
                  {pre.blockers.map((b) => (
                    <Text key={b} className="error">
                      {b}
                    </Text>
                  ))}
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
        />
      )}

      <NoticeText notice={notice} id="notice" />
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
