import type { AwardView } from '@shared/api/awards';
import type { CheckRow } from '@shared/api/awards-checks';
import type { ConsequenceView } from '@shared/api/consequences';
import { fenText } from '@shared/programmes/post-award';
import { fenToYuanInput } from '@shared/rules/post-award/award';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { ErrorText } from '../../../components/ErrorText';
import { NoticeText } from '../../../components/NoticeText';
import { Invalid, useAction } from '../../../hooks/useAction';
import { newRequestId } from '../../../platform/request-id';
import { awardsClient, openAgreementDocx } from '../../../services/awards';
import { errorText } from '../../../services/errors';
import '../awards.css';

/**
 * The award hub (项目档案): where the award stands (核定金额 → 任务书 → 预算 → 执行中), the amount staff set,
 * and the links to every post-award page. The link list is one table: each later part (checks, ledger,
 * consequences) adds one row.
 */
export default function AwardHub() {
  const { params } = useRouter();
  const [award, setAward] = useState<AwardView | null>(null);
  const [loadError, setLoadError] = useState('');
  // where the checks and the consequences stand, for their rows (null: not loaded / not readable)
  const [checks, setChecks] = useState<CheckRow[] | null>(null);
  const [decisions, setDecisions] = useState<ConsequenceView[] | null>(null);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const action = useAction();
  const { notice, fieldErrors: errors } = action;

  const load = () =>
    awardsClient
      .get(params.id ? { awardId: params.id } : { applicationId: params.applicationId ?? '' })
      .then((a) => {
        setAward(a);
        if (a.amountFen !== null) setAmount((cur) => cur || fenToYuanInput(a.amountFen!));
        setLoadError('');
        awardsClient
          .listChecks({ awardId: a.id })
          .then((c) => setChecks(c.items))
          .catch(() => setChecks(null));
        awardsClient
          .listConsequences({ subject: { type: 'award', id: a.id } })
          .then((c) => setDecisions(c.items))
          .catch(() => setDecisions(null));
      })
      .catch((e: unknown) => setLoadError(errorText(e)));
  useDidShow(() => void load());

  const saveAmount = () =>
    action.run(
      async () => {
        if (!award) return null;
        if (amount.trim() === '') throw new Invalid({ amount: '请填写核定金额（元）' });
        const r = await awardsClient.setAmount({
          awardId: award.id,
          amount,
          reason,
          requestId: await newRequestId(),
          revision: award.revision,
        });
        await load();
        return r;
      },
      { ok: '核定金额已保存', notice: 'unlessFields' },
    );
  const exportDocx = () =>
    action.run(
      async () => {
        if (!award) return null;
        await openAgreementDocx(await awardsClient.exportAgreement({ awardId: award.id }));
        return null;
      },
      { ok: '任务书已导出' },
    );

  if (!award)
    return (
      <View className="page" id="award-hub">
        <Text className="title">项目档案</Text>
        {loadError ? <Text className="error aw-block">{loadError}</Text> : <Text className="muted aw-block">加载中…</Text>}
      </View>
    );

  const id = award.id;
  const pending = award.pending >= 0 ? award.budgets[award.pending] : null;
  const inForce = award.inForce >= 0 ? award.budgets[award.inForce] : null;
  const agreementLabel = award.agreementRule?.label ?? '任务书';
  // the rows of checks and decisions say where they stand (a failed acceptance must not hide behind 执行中)
  const failed = checks?.find((c) => c.counts === 'failed');
  const nextCheck = checks?.find((c) => c.status !== 'passed' && c.status !== 'failed');
  const checksState = failed
    ? `${failed.label}${failed.yearLabel ? `（${failed.yearLabel}）` : ''}不合格`
    : nextCheck
      ? `${nextCheck.label} ${nextCheck.statusLabel} · 截止 ${nextCheck.dueDate}`
      : checks && checks.length > 0
        ? '已全部办结'
        : '材料、意见与结论';
  const proposed = decisions?.filter((d) => d.status === 'proposed').length ?? 0;
  const confirmed = decisions?.filter((d) => d.status === 'confirmed').length ?? 0;
  const decisionsState =
    proposed > 0
      ? `待确认 ${proposed} 项`
      : confirmed > 0
        ? `已确认 ${confirmed} 项`
        : decisions
          ? '暂无处理决定'
          : '检查不合格、违规等的处理';
  // [url, element id, label, what it says now, shown]: one row per post-award page (others add theirs here)
  const links: [string, string, string, string, boolean][] = [
    [
      `/pages/awards/agreement/index?id=${id}`,
      'link-agreement',
      agreementLabel,
      award.agreement?.statusLabel ?? '未填写',
      award.agreementRule !== null,
    ],
    [
      `/pages/awards/budget/index?id=${id}`,
      'link-budget',
      '项目预算',
      pending ? `第 ${pending.version} 版${pending.statusLabel}` : inForce ? `第 ${inForce.version} 版已批复` : '未编制',
      award.budgetRule !== null,
    ],
    [
      `/pages/awards/decide/index?id=${id}&what=agreement`,
      'link-decide-agreement',
      `审核${agreementLabel}`,
      '待审核',
      award.can.decideAgreement,
    ],
    [`/pages/awards/decide/index?id=${id}&what=budget`, 'link-decide-budget', '审核预算', '待审核', award.can.decideBudget],
    // checks (helper CHECKS): mid-term checks, acceptance, yearly checks — materials, opinions, outcome
    [`/pages/awards/checks/index?id=${encodeURIComponent(award.id)}`, 'link-checks', '检查与验收', checksState, true],
    // money (helper MONEY): due / paid / spent / refund
    [`/pages/awards/money/index?type=award&id=${encodeURIComponent(award.id)}`, 'link-money', '资金台账', '拨付、支出与退回', true],
    // consequences (helper CONSEQ): proposals and decisions on this project
    [
      `/pages/awards/consequences/index?type=award&id=${encodeURIComponent(award.id)}`,
      'link-consequences',
      '处理决定',
      decisionsState,
      true,
    ],
  ];

  return (
    <View className="page" id="award-hub" data-status={award.status}>
      <Text className="title">{award.title || award.kindLabel}</Text>
      <Text className="muted aw-block">
        {award.applicantName} · {award.programmeTitle} · {award.kindLabel}
      </Text>
      <Text className="muted aw-block">
        立项 {award.awardedOn} · {award.executionText}
      </Text>
      <View className="aw-notice">
        <NoticeText notice={notice} className={() => 'banner'} />
      </View>

      <View className="card" id="award-steps">
        <View className="row">
          <Text className="value">当前进度</Text>
          <Text className={`tag ${award.status === 'running' ? 'tag-green' : 'tag-amber'}`} id="award-status">
            {award.statusLabel}
          </Text>
        </View>
        <View className="aw-step">
          <Text>核定金额</Text>
          <Text id="award-amount">{award.amountFen === null ? '待核定' : fenText(award.amountFen)}</Text>
        </View>
        {award.agreementRule && (
          <View className="aw-step">
            <Text>{agreementLabel}</Text>
            <Text>{award.agreement?.statusLabel ?? '未填写'}</Text>
          </View>
        )}
        {award.budgetRule && (
          <View className="aw-step">
            <Text>项目预算</Text>
            <Text>
              {inForce ? `第 ${inForce.version} 版已批复 ${fenText(inForce.totalFen)}` : pending ? pending.statusLabel : '未编制'}
            </Text>
          </View>
        )}
        <Text className="muted aw-block">资助规定：{award.amountRule}</Text>
      </View>

      {award.can.setAmount && (
        <View className="card" id="set-amount">
          <Text className="subtitle">核定金额</Text>
          <Text className="aw-label">金额（元，可到分）</Text>
          <Input
            className={`input${errors.amount ? ' input-error' : ''}`}
            id="amount-input"
            type="digit"
            value={amount}
            placeholder="例如 50000 或 12345.67"
            onInput={(e) => setAmount(e.detail.value)}
          />
          <ErrorText message={errors.amount} />
          <Text className="aw-label">说明（可选）</Text>
          <Input className="input" id="amount-reason" value={reason} maxlength={500} onInput={(e) => setReason(e.detail.value)} />
          <Button className="btn" id="save-amount" onClick={() => void saveAmount()}>
            保存核定金额
          </Button>
        </View>
      )}

      <Text className="subtitle">办理事项</Text>
      <View id="award-links">
        {links
          .filter(([, , , , shown]) => shown)
          .map(([url, elId, label, state]) => (
            <View key={elId} className="card aw-step" id={elId} onClick={() => void Taro.navigateTo({ url })}>
              <Text className="value">{label}</Text>
              <Text className={`aw-block ${/不合格|待确认|已确认/.test(state) ? 'error' : 'muted'}`}>{state} ›</Text>
            </View>
          ))}
      </View>
      {award.can.export && (
        <Button className="btn-plain" id="export-agreement" onClick={() => void exportDocx()}>
          导出{agreementLabel}（Word，用于盖章）
        </Button>
      )}
    </View>
  );
}
