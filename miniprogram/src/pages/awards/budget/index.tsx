import type { AwardView, BudgetLineView } from '@shared/api/awards';
import { fenText } from '@shared/programmes/post-award';
import { fenToYuanInput, parseYuan } from '@shared/rules/post-award/award';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { ErrorText } from '../../../components/ErrorText';
import { NoticeText } from '../../../components/NoticeText';
import { Invalid, useAction } from '../../../hooks/useAction';
import { newRequestId } from '../../../platform/request-id';
import { awardsClient } from '../../../services/awards';
import { errorText } from '../../../services/errors';
import '../awards.css';
import { BudgetVersionCard } from '../budget-version';

interface Line {
  categoryId: string;
  amount: string;
  purpose: string;
  justification: string;
}
const blank = (): Line => ({ categoryId: '', amount: '', purpose: '', justification: '' });
const fromView = (l: BudgetLineView): Line => ({
  categoryId: l.categoryId,
  amount: fenToYuanInput(l.amountFen),
  purpose: l.purpose,
  justification: l.justification ?? '',
});
const draftKey = (id: string) => `award-budget:${id}`;

/**
 * The budget editor: lines with a category from the programme's list (allowed / needs a reason /
 * forbidden, each group labelled), an amount in 元 to the 分, a purpose and — for a category the
 * programme does not list — a justification. The total is shown against the award as it is typed; the
 * server refuses a forbidden category with the programme's clause and marks the line. After approval
 * a change is proposed as a new version with its reason; the approved version stays in force meanwhile.
 */
export default function BudgetEditor() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [award, setAward] = useState<AwardView | null>(null);
  const [lines, setLines] = useState<Line[]>([blank()]);
  const [changeReason, setChangeReason] = useState('');
  const [changing, setChanging] = useState(false);
  const [picking, setPicking] = useState<number | null>(null);
  const [loadError, setLoadError] = useState('');
  const action = useAction();
  const { notice, fieldErrors: errors, busyKey } = action;

  const load = () =>
    awardsClient
      .get({ awardId: id })
      .then((a) => {
        setAward(a);
        const pending = a.pending >= 0 ? a.budgets[a.pending]! : null;
        const inForce = a.inForce >= 0 ? a.budgets[a.inForce]! : null;
        let local: Line[] | null = null;
        try {
          local = (Taro.getStorageSync(draftKey(id)) as Line[] | '') || null;
        } catch {
          local = null;
        }
        const base = pending ?? inForce;
        setLines(a.can.editBudget && local ? local : base?.lines.length ? base.lines.map(fromView) : [blank()]);
        setLoadError('');
      })
      .catch((e: unknown) => setLoadError(errorText(e)));
  useDidShow(() => void load());

  const update = (next: Line[]) => {
    setLines(next);
    try {
      Taro.setStorageSync(draftKey(id), next);
    } catch {
      // storage full: the state still holds it
    }
  };
  const setLine = (i: number, patch: Partial<Line>) => update(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));

  const send = (kind: 'save' | 'submit' | 'change') =>
    action.run(
      async () => {
        if (!award) return null;
        const bad: Record<string, string> = {};
        lines.forEach((l, i) => {
          if (!l.categoryId) bad[`lines.${i}.categoryId`] = `第 ${i + 1} 行：请选择开支类别`;
          if (l.amount.trim() !== '' && parseYuan(l.amount) === null)
            bad[`lines.${i}.amount`] = `第 ${i + 1} 行：金额格式不正确（元，最多两位小数）`;
          if (l.amount.trim() === '') bad[`lines.${i}.amount`] = `第 ${i + 1} 行：请填写金额`;
        });
        if (kind === 'change' && changeReason.trim() === '') bad.changeReason = '请填写调整原因';
        if (Object.keys(bad).length) throw new Invalid(bad, '请按标红的行修改');
        const body = {
          awardId: id,
          lines: lines.map((l) => ({
            categoryId: l.categoryId,
            amount: l.amount,
            purpose: l.purpose,
            justification: l.justification || null,
          })),
          requestId: await newRequestId(),
          revision: award.revision,
        };
        const r =
          kind === 'save'
            ? await awardsClient.saveBudget(body)
            : kind === 'submit'
              ? await awardsClient.submitBudget(body)
              : await awardsClient.proposeBudgetChange({ ...body, changeReason });
        try {
          Taro.removeStorageSync(draftKey(id));
        } catch {
          // nothing to remove
        }
        setChanging(false);
        await load();
        return r;
      },
      {
        key: kind,
        ok: kind === 'save' ? '预算草稿已保存' : kind === 'submit' ? '预算已提交，等待审核' : '预算调整已提交，原预算在批复前继续执行',
      },
    );

  if (!award)
    return (
      <View className="page" id="budget-editor">
        <Text className="title">项目预算</Text>
        {loadError ? <Text className="error aw-block">{loadError}</Text> : <Text className="muted aw-block">加载中…</Text>}
      </View>
    );

  const editing = award.can.editBudget || changing;
  const cat = new Map<string, { id: string; label: string; kind: 'allowed' | 'unlisted' | 'forbidden' }>([
    ...award.categories.allowed.map((c) => [c.id, { ...c, kind: 'allowed' as const }] as const),
    ...award.categories.others.map((c) => [c.id, { ...c, kind: 'unlisted' as const }] as const),
    ...award.categories.forbidden.map((c) => [c.id, { ...c, kind: 'forbidden' as const }] as const),
  ]);
  const fen = lines.map((l) => parseYuan(l.amount) ?? 0);
  const total = fen.reduce((s, x) => s + x, 0);
  const over = award.amountFen !== null && award.budgetRule?.capToAward !== false && total > award.amountFen;
  const messages = Object.entries(errors).map(([, m]) => m);

  return (
    <View className="page" id="budget-editor">
      <Text className="title">项目预算</Text>
      <Text className="muted aw-block">
        {award.title} · 核定金额 {award.amountFen === null ? '待核定' : fenText(award.amountFen)}
        {award.budgetRule ? ` · 依据${award.budgetRule.clause}` : ''}
      </Text>
      {award.forbiddenClause && (
        <Text className="muted aw-block">专项资金不得用于的开支见{award.forbiddenClause}；未列入开支范围的类别须说明理由。</Text>
      )}
      <View className="aw-notice">
        <NoticeText notice={notice} id="budget-notice" className={(n) => (n.tone === 'err' ? 'error' : 'banner')} />
      </View>
      {messages.length > 0 && (
        <View className="error-summary" id="error-summary" data-count={messages.length}>
          <Text className="value">还需处理（共 {messages.length} 项）：</Text>
          {messages.map((m) => (
            <Text key={m} className="error">
              {m}
            </Text>
          ))}
        </View>
      )}

      {editing && (
        <View id="budget-form">
          {changing && (
            <View className="card">
              <Text className="aw-label">调整原因</Text>
              <Textarea
                className={`input aw-textarea${errors.changeReason ? ' input-error' : ''}`}
                id="change-reason"
                value={changeReason}
                maxlength={1000}
                autoHeight
                onInput={(e) => setChangeReason(e.detail.value)}
              />
              <ErrorText message={errors.changeReason} />
            </View>
          )}
          {lines.map((l, i) => {
            const c = cat.get(l.categoryId);
            const lineErr = (f: string) => errors[`lines.${i}.${f}`];
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in the list (no ids until saved), as the server numbers them
              <View key={i} className={`card aw-line ${c?.kind ?? ''}`} id={`line-${i}`} data-kind={c?.kind ?? ''}>
                <View className="row">
                  <Text className="value">第 {i + 1} 行</Text>
                  {lines.length > 1 && (
                    <Text className="btn-mini" id={`remove-line-${i}`} onClick={() => update(lines.filter((_, j) => j !== i))}>
                      删除
                    </Text>
                  )}
                </View>
                <Text className="aw-label">开支类别</Text>
                <View className={`input${lineErr('categoryId') ? ' input-error' : ''}`} id={`category-${i}`} onClick={() => setPicking(i)}>
                  <Text className={c ? '' : 'muted'}>{c ? c.label : '请选择开支类别'}</Text>
                </View>
                {c?.kind === 'unlisted' && <Text className="warn aw-block">未列入本项目开支范围，须说明理由，由市科协审核</Text>}
                <ErrorText message={lineErr('categoryId')} />
                <Text className="aw-label">金额（元）</Text>
                <Input
                  className={`input${lineErr('amount') ? ' input-error' : ''}`}
                  id={`amount-${i}`}
                  type="digit"
                  value={l.amount}
                  placeholder="例如 1200.50"
                  onInput={(e) => setLine(i, { amount: e.detail.value })}
                />
                <ErrorText message={lineErr('amount')} />
                <Text className="aw-label">用途</Text>
                <Input
                  className={`input${lineErr('purpose') ? ' input-error' : ''}`}
                  id={`purpose-${i}`}
                  value={l.purpose}
                  maxlength={500}
                  onInput={(e) => setLine(i, { purpose: e.detail.value })}
                />
                <ErrorText message={lineErr('purpose')} />
                {(c?.kind === 'unlisted' || l.justification) && (
                  <View>
                    <Text className="aw-label">理由（与项目直接相关的说明）</Text>
                    <Textarea
                      className={`input aw-textarea${lineErr('justification') ? ' input-error' : ''}`}
                      id={`justification-${i}`}
                      value={l.justification}
                      maxlength={1000}
                      autoHeight
                      onInput={(e) => setLine(i, { justification: e.detail.value })}
                    />
                    <ErrorText message={lineErr('justification')} />
                  </View>
                )}
              </View>
            );
          })}
          <Button className="btn-plain" id="add-line" onClick={() => update([...lines, blank()])}>
            添加一行
          </Button>
          <View className={`aw-total${over ? ' over' : ''}`} id="budget-total" data-total={total}>
            <Text>合计 {fenText(total)}</Text>
            <Text>{award.amountFen === null ? '核定金额待定' : `核定 ${fenText(award.amountFen)}`}</Text>
          </View>
          {over && <Text className="error aw-block">预算合计超过核定金额</Text>}
          <ErrorText message={errors.lines} />
          {changing ? (
            <Button className="btn" id="submit-change" loading={busyKey === 'change'} onClick={() => void send('change')}>
              提交预算调整
            </Button>
          ) : (
            <View>
              <Button className="btn-plain" id="save-budget" loading={busyKey === 'save'} onClick={() => void send('save')}>
                保存草稿
              </Button>
              <Button className="btn" id="submit-budget" loading={busyKey === 'submit'} onClick={() => void send('submit')}>
                提交审核
              </Button>
            </View>
          )}
        </View>
      )}
      {!editing && award.can.proposeChange && (
        <Button className="btn-plain" id="propose-change" onClick={() => setChanging(true)}>
          提出预算调整
        </Button>
      )}
      {!editing && award.changeRefusal && award.side === 'applicant' && <Text className="muted aw-block">{award.changeRefusal}</Text>}

      <Text className="subtitle">预算版本</Text>
      {award.budgets.length === 0 && <Text className="muted aw-block">尚未编制预算。</Text>}
      {[...award.budgets].reverse().map((v) => (
        <BudgetVersionCard key={v.version} v={v} award={award} />
      ))}

      {picking !== null && <View className="sheet-mask" onClick={() => setPicking(null)} />}
      {picking !== null && (
        <View className="sheet" id="category-sheet">
          <Text className="subtitle">选择开支类别</Text>
          {(
            [
              ['allowed', '可列支（本项目开支范围）'],
              ['others', '其他（须说明理由，由市科协审核）'],
              ['forbidden', `不得列支（${award.forbiddenClause}）`],
            ] as const
          ).map(([g, title]) => (
            <View key={g} id={`group-${g}`}>
              <Text className="aw-group-title">{title}</Text>
              {award.categories[g].map((c) => (
                <View
                  key={c.id}
                  className={`aw-option${g === 'forbidden' ? ' forbidden' : ''}`}
                  id={`option-${c.id}`}
                  onClick={() => {
                    setLine(picking, { categoryId: c.id });
                    setPicking(null);
                  }}
                >
                  <Text>{c.label}</Text>
                </View>
              ))}
            </View>
          ))}
          <Button className="btn-plain" onClick={() => setPicking(null)}>
            取消
          </Button>
        </View>
      )}
    </View>
  );
}
