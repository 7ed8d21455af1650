import type { AwardView } from '@shared/api/awards';
import type { AgreementSection } from '@shared/programmes/post-award';
import { emptyAnswer } from '@shared/rules/post-award/agreement';
import type { AgreementAnswer } from '@shared/schemas/awards';
import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { DateField } from '../../../components/form/DateField';
import { NoticeText } from '../../../components/NoticeText';
import { useAction } from '../../../hooks/useAction';
import { newRequestId } from '../../../platform/request-id';
import { awardsClient } from '../../../services/awards';
import { errorText } from '../../../services/errors';
import '../awards.css';

type Answers = Record<string, AgreementAnswer>;
const draftKey = (id: string) => `award-agreement:${id}`;

/** The section's messages: every field error whose path is under `answers.<id>`. */
const messagesOf = (errors: Record<string, string>, id: string) =>
  Object.entries(errors)
    .filter(([k]) => k === `answers.${id}` || k.startsWith(`answers.${id}.`))
    .map(([, m]) => m);

/**
 * The task agreement (任务书) the awarded unit fills: one editor per section of the programme's
 * agreement — a text area, a target per cycle year, dated milestones within the cycle. Drafts are kept
 * on the phone until the server has them (a failed save loses nothing); submitting checks every
 * required section and marks each one that still lacks something.
 */
export default function AgreementForm() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [award, setAward] = useState<AwardView | null>(null);
  const [answers, setAnswers] = useState<Answers>({});
  const [loadError, setLoadError] = useState('');
  const action = useAction();
  const { notice, fieldErrors: errors, busyKey } = action;

  const load = () =>
    awardsClient
      .get({ awardId: id })
      .then((a) => {
        setAward(a);
        const w = { awardedOn: a.awardedOn, cycleYears: a.cycleYears };
        const server: Answers = Object.fromEntries(
          (a.agreementRule?.sections ?? []).map((s) => [s.id, a.agreement?.answers[s.id] ?? emptyAnswer(s, w)]),
        );
        let local: Answers | null = null;
        try {
          local = a.can.editAgreement ? (Taro.getStorageSync(draftKey(id)) as Answers | '') || null : null;
        } catch {
          local = null;
        }
        setAnswers(local ? { ...server, ...local } : server);
        setLoadError('');
      })
      .catch((e: unknown) => setLoadError(errorText(e)));
  useDidShow(() => void load());

  const change = (sid: string, a: AgreementAnswer) =>
    setAnswers((cur) => {
      const next = { ...cur, [sid]: a };
      try {
        Taro.setStorageSync(draftKey(id), next);
      } catch {
        // storage full: the state still holds it
      }
      return next;
    });

  const send = (submit: boolean) =>
    action.run(
      async () => {
        if (!award) return null;
        const input = { awardId: id, answers, requestId: await newRequestId(), revision: award.revision };
        const r = submit ? await awardsClient.submitAgreement(input) : await awardsClient.saveAgreement(input);
        try {
          Taro.removeStorageSync(draftKey(id));
        } catch {
          // nothing to remove
        }
        await load();
        return r;
      },
      {
        key: submit ? 'submit' : 'save',
        ok: submit ? (award?.agreementRule?.filing === 'record' ? '已提交备案' : '已提交，等待市科协审核') : '草稿已保存',
        notice: 'unlessFields',
      },
    );

  if (!award)
    return (
      <View className="page" id="agreement-form">
        <Text className="title">任务书</Text>
        {loadError ? <Text className="error aw-block">{loadError}</Text> : <Text className="muted aw-block">加载中…</Text>}
      </View>
    );

  const rule = award.agreementRule;
  const editable = award.can.editAgreement;
  const allMessages = Object.values(errors);
  const section = (s: AgreementSection) => {
    const a = answers[s.id] ?? emptyAnswer(s, { awardedOn: award.awardedOn, cycleYears: award.cycleYears });
    const msgs = messagesOf(errors, s.id);
    const bad = msgs.length > 0;
    return (
      <View key={s.id} className="card" id={`section-${s.id}`} data-invalid={bad ? '1' : '0'}>
        <Text className="value">
          {s.label}
          {s.required ? '' : '（可选）'}
        </Text>
        {s.note && <Text className="muted aw-block">{s.note}</Text>}
        {a.type === 'text' && (
          <Textarea
            className={`input aw-textarea${bad ? ' input-error' : ''}`}
            id={`text-${s.id}`}
            value={a.text}
            disabled={!editable}
            maxlength={5000}
            autoHeight
            onInput={(e) => change(s.id, { type: 'text', text: e.detail.value })}
          />
        )}
        {a.type === 'yearlyTargets' &&
          Array.from({ length: award.cycleYears }, (_, i) => i + 1).map((year) => {
            const t = a.targets.find((x) => x.year === year)?.target ?? '';
            return (
              <View key={year}>
                <Text className="aw-label">第 {year} 年目标</Text>
                <Textarea
                  className={`input aw-textarea${errors[`answers.${s.id}.year${year}`] ? ' input-error' : ''}`}
                  id={`target-${s.id}-${year}`}
                  value={t}
                  disabled={!editable}
                  maxlength={1000}
                  autoHeight
                  onInput={(e) =>
                    change(s.id, {
                      type: 'yearlyTargets',
                      targets: [...a.targets.filter((x) => x.year !== year), { year, target: e.detail.value }].sort(
                        (x, y) => x.year - y.year,
                      ),
                    })
                  }
                />
              </View>
            );
          })}
        {a.type === 'schedule' && (
          <View>
            {a.milestones.map((m, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in the list (no ids until saved), as the server numbers them
              <View key={i} className="card" id={`milestone-${s.id}-${i}`}>
                <Text className="aw-label">日期</Text>
                <DateField
                  id={`date-ms-${s.id}-${i}`}
                  value={m.date}
                  start={award.awardedOn}
                  end={award.cycleEnd}
                  initial={award.awardedOn}
                  readOnly={!editable}
                  error={errors[`answers.${s.id}.milestones.${i}.date`]}
                  onPick={(date) =>
                    change(s.id, { type: 'schedule', milestones: a.milestones.map((x, j) => (j === i ? { ...x, date } : x)) })
                  }
                />
                <Text className="aw-label">进度安排</Text>
                <Textarea
                  className={`input aw-textarea${errors[`answers.${s.id}.milestones.${i}.milestone`] ? ' input-error' : ''}`}
                  id={`milestone-text-${s.id}-${i}`}
                  value={m.milestone}
                  disabled={!editable}
                  maxlength={500}
                  autoHeight
                  onInput={(e) =>
                    change(s.id, {
                      type: 'schedule',
                      milestones: a.milestones.map((x, j) => (j === i ? { ...x, milestone: e.detail.value } : x)),
                    })
                  }
                />
                {editable && (
                  <Text
                    className="btn-mini"
                    onClick={() => change(s.id, { type: 'schedule', milestones: a.milestones.filter((_, j) => j !== i) })}
                  >
                    删除此项
                  </Text>
                )}
              </View>
            ))}
            {editable && (
              <Button
                className="btn-plain"
                id={`add-milestone-${s.id}`}
                onClick={() => change(s.id, { type: 'schedule', milestones: [...a.milestones, { date: '', milestone: '' }] })}
              >
                添加一项进度安排
              </Button>
            )}
          </View>
        )}
        {msgs.map((m) => (
          <Text key={m} className="error">
            {m}
          </Text>
        ))}
      </View>
    );
  };

  return (
    <View className="page" id="agreement-form" data-status={award.agreement?.status ?? 'none'}>
      <Text className="title">{rule?.label ?? '任务书'}</Text>
      <Text className="muted aw-block">
        {award.title} · {award.applicantName} · 执行期 {award.awardedOn} 至 {award.cycleEnd}
        {rule ? ` · 依据${rule.clause}${rule.filing === 'record' ? '，报市科协备案' : '，报市科协审核'}` : ''}
      </Text>
      <View className="row">
        <Text>状态</Text>
        <Text className="tag" id="agreement-status">
          {award.agreement?.statusLabel ?? '未填写'}
        </Text>
      </View>
      {award.agreement?.decision?.comment ? (
        <View className="banner" id="agreement-comment">
          <Text>
            {award.agreement.decision.byName}意见：{award.agreement.decision.comment}
          </Text>
        </View>
      ) : null}
      <View className="aw-notice">
        <NoticeText notice={notice} id="agreement-notice" className={(n) => (n.tone === 'err' ? 'error' : 'banner')} />
      </View>
      {allMessages.length > 0 && (
        <View className="error-summary" id="error-summary" data-count={allMessages.length}>
          <Text className="value">提交前还需处理（共 {allMessages.length} 项）：</Text>
          {allMessages.map((m) => (
            <Text key={m} className="error">
              {m}
            </Text>
          ))}
        </View>
      )}
      {rule?.sections.map(section)}
      {editable && (
        <View>
          <Button className="btn-plain" id="save-agreement" loading={busyKey === 'save'} onClick={() => void send(false)}>
            保存草稿
          </Button>
          <Button className="btn" id="submit-agreement" loading={busyKey === 'submit'} onClick={() => void send(true)}>
            {rule?.filing === 'record' ? '提交备案' : '提交审核'}
          </Button>
        </View>
      )}
    </View>
  );
}
