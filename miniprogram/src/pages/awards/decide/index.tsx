import type { AwardView } from '@shared/api/awards';
import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { ErrorText } from '../../../components/ErrorText';
import { NoticeText } from '../../../components/NoticeText';
import { useAction } from '../../../hooks/useAction';
import { newRequestId } from '../../../platform/request-id';
import { awardsClient } from '../../../services/awards';
import { errorText } from '../../../services/errors';
import '../awards.css';
import { BudgetVersionCard } from '../budget-version';

/**
 * The decider's view (审核): the submitted task agreement, or the submitted budget (lines the programme
 * does not list highlighted with their reasons; a change shown against the version in force, by
 * category), then approve, or return with a comment the applicant reads.
 */
export default function Decide() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const what = params.what === 'budget' ? 'budget' : 'agreement';
  const [award, setAward] = useState<AwardView | null>(null);
  const [comment, setComment] = useState('');
  const [loadError, setLoadError] = useState('');
  const action = useAction();
  const { notice, fieldErrors: errors, busyKey } = action;

  const load = () =>
    awardsClient
      .get({ awardId: id })
      .then((a) => {
        setAward(a);
        setLoadError('');
      })
      .catch((e: unknown) => setLoadError(errorText(e)));
  useDidShow(() => void load());

  const decide = (decision: 'approve' | 'return') =>
    action.run(
      async () => {
        if (!award) return null;
        const input = { awardId: id, decision, comment, requestId: await newRequestId(), revision: award.revision };
        const r = what === 'budget' ? await awardsClient.decideBudget(input) : await awardsClient.decideAgreement(input);
        setComment('');
        await load();
        return r;
      },
      { key: decision, ok: decision === 'approve' ? '已审核通过' : '已退回，申报单位将按意见修改', notice: 'unlessFields' },
    );

  if (!award)
    return (
      <View className="page" id="decide">
        <Text className="title">审核</Text>
        {loadError ? <Text className="error aw-block">{loadError}</Text> : <Text className="muted aw-block">加载中…</Text>}
      </View>
    );

  const rule = award.agreementRule;
  const pending = award.pending >= 0 ? award.budgets[award.pending] : null;
  const inForce = award.inForce >= 0 ? award.budgets[award.inForce] : null;
  const can = what === 'budget' ? award.can.decideBudget : award.can.decideAgreement;
  const mayApprove = what === 'budget' || (rule?.filing === 'approve' && award.agreement?.status === 'submitted');
  const unlisted = pending?.lines.filter((l) => l.kind === 'unlisted').length ?? 0;

  return (
    <View className="page" id="decide" data-what={what}>
      <Text className="title">
        {what === 'budget' ? (pending && pending.version > 1 ? '审核预算调整' : '审核预算') : `审核${rule?.label ?? '任务书'}`}
      </Text>
      <Text className="muted aw-block">
        {award.title} · {award.applicantName} · {award.programmeTitle}
      </Text>
      <View className="aw-notice">
        <NoticeText notice={notice} id="decide-notice" className={(n) => (n.tone === 'err' ? 'error' : 'banner')} />
      </View>

      {what === 'agreement' &&
        rule?.sections.map((s) => {
          const a = award.agreement?.answers[s.id];
          return (
            <View key={s.id} className="card" id={`answer-${s.id}`}>
              <Text className="value">{s.label}</Text>
              {a?.type === 'text' && <Text>{a.text || '（未填写）'}</Text>}
              {a?.type === 'yearlyTargets' &&
                a.targets.map((t) => (
                  <Text key={t.year}>
                    第 {t.year} 年：{t.target}
                  </Text>
                ))}
              {a?.type === 'schedule' &&
                a.milestones.map((m, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in the list (no ids until saved), as the server numbers them
                  <Text key={i}>
                    {m.date}　{m.milestone}
                  </Text>
                ))}
              {!a && <Text className="muted aw-block">（未填写）</Text>}
            </View>
          );
        })}

      {what === 'budget' && pending && (
        <View>
          {pending.changeReason && <Text className="banner">调整原因：{pending.changeReason}</Text>}
          {unlisted > 0 && (
            <Text className="warn" id="unlisted-note">
              有 {unlisted} 行未列入本项目开支范围（{award.allowedClause}），请核对理由
            </Text>
          )}
          <BudgetVersionCard v={pending} award={award} />
          {inForce && pending.version > inForce.version && (
            <View>
              <Text className="subtitle">现行预算（批复前继续执行）</Text>
              <BudgetVersionCard v={inForce} award={award} />
            </View>
          )}
        </View>
      )}
      {what === 'budget' && !pending && <Text className="muted aw-block">没有待审核的预算。</Text>}

      {can ? (
        <View className="card" id="decision-form">
          <Text className="aw-label">审核意见（退回时必填）</Text>
          <Textarea
            className={`input aw-textarea${errors.comment ? ' input-error' : ''}`}
            id="decision-comment"
            value={comment}
            maxlength={1000}
            autoHeight
            onInput={(e) => setComment(e.detail.value)}
          />
          <ErrorText message={errors.comment} />
          {mayApprove && (
            <Button className="btn" id="approve" loading={busyKey === 'approve'} onClick={() => void decide('approve')}>
              审核通过
            </Button>
          )}
          <Button className="btn-danger" id="return" loading={busyKey === 'return'} onClick={() => void decide('return')}>
            退回修改
          </Button>
        </View>
      ) : (
        <Button className="btn-plain" id="back-hub" onClick={() => void Taro.navigateBack()}>
          返回
        </Button>
      )}
    </View>
  );
}
