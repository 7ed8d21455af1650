import type { MoneyPage } from '@shared/api/awards-money';
import { fenText } from '@shared/programmes/post-award';
import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { ErrorText } from '../../../components/ErrorText';
import { FileLink } from '../../../components/FileLink';
import { NoticeText } from '../../../components/NoticeText';
import { Invalid, useAction } from '../../../hooks/useAction';
import { pickAndUpload } from '../../../platform/attachments';
import { newRequestId } from '../../../platform/request-id';
import { awardFileUrl, awardsClient } from '../../../services/awards';
import { AmountField, fenOf, moneyQuery, useMoneyPage, useSubject } from './money-form';
import '../awards.css';
import './money.css';

const statusTag: Record<string, string> = { waiting: 'tag-amber', due: 'tag', paid: 'tag-green', stopped: 'tag-red' };

/**
 * 资金台账 (issue 14 item 3): one view of an award's or a station's money — what is due under each
 * payment rule and on which conditions, what was paid, what was spent by budget line (or category),
 * what must be refunded and why, and the totals; the ledger's entries (reversed ones kept, struck
 * through). Staff record payments and refunds, the unit reports expenses; a mistake is reversed with a reason.
 */
export default function Money() {
  const subject = useSubject();
  const { page, error, load } = useMoneyPage(subject);
  useDidShow(() => void load());
  if (!subject || (!page && error)) {
    return (
      <View className="page">
        <Text className="error">{error ?? '缺少项目或服务站编号'}</Text>
      </View>
    );
  }
  if (!page) {
    return (
      <View className="page">
        <Text className="mn-block">加载中…</Text>
      </View>
    );
  }
  return <MoneyBody page={page} reload={load} />;
}

function MoneyBody({ page, reload }: { page: MoneyPage; reload: () => Promise<void> }) {
  const { view } = page;
  const q = moneyQuery(page.subject);
  const go = (path: string) => void Taro.navigateTo({ url: `/pages/awards/${path}/index?${q}` });
  const t = view.totals;
  return (
    <View className="page" id="money">
      <Text className="title">资金台账</Text>
      <Text className="subtitle">{page.title}</Text>
      <Text className="muted mn-block">
        {page.programmeTitle} · {page.unitName}
      </Text>
      {view.stoppedBy ? <Text className="banner">{view.stoppedBy}</Text> : null}

      <View className="card" id="money-totals">
        <View className="mn-totals">
          <Total label="应拨付" fen={t.dueFen} />
          <Total label="已拨付" fen={t.paidFen} />
          <Total label="已支出" fen={t.spentFen} />
          <Total label="单位结余" fen={t.balanceFen} />
          <Total label="已退回" fen={t.refundedFen} />
          <Total label="应退未退" fen={t.refundOutstandingFen} warn={t.refundOutstandingFen > 0} />
        </View>
      </View>

      <View className="row mn-actions">
        {page.can.recordPayment && page.payable.length > 0 ? (
          <Button className="btn" id="go-payment" onClick={() => go('payment')}>
            登记拨付
          </Button>
        ) : null}
        {page.can.reportExpense ? (
          <Button className="btn" id="go-expense" onClick={() => go('expense')}>
            报销支出
          </Button>
        ) : null}
        {page.can.recordRefund && (view.refund.outstandingFen > 0 || (view.refund.window?.ended && view.refund.window.unspentFen > 0)) ? (
          <Button className="btn-plain" id="go-refund" onClick={() => go('refund')}>
            登记退回
          </Button>
        ) : null}
      </View>

      <Text className="subtitle">拨付安排</Text>
      {view.due.length === 0 ? <Text className="muted mn-block">本项目没有拨付安排。</Text> : null}
      {view.due.map((d) => (
        <View key={d.paymentId} className="card" data-payment={d.paymentId} data-status={d.status}>
          <View className="row">
            <Text className="mn-block">
              {d.label}（第 {d.yearIndex} 年）
            </Text>
            <Text className={`tag ${statusTag[d.status]}`}>{d.statusLabel}</Text>
          </View>
          <Text className="value mn-block">{d.amountFen === null ? (d.caseByCase ? '一事一议' : '金额待定') : fenText(d.amountFen)}</Text>
          <Text className="muted mn-block">
            {d.amountReason}（{d.clause}）
          </Text>
          {d.paidFen > 0 ? <Text className="ok mn-block">已拨付 {fenText(d.paidFen)}</Text> : null}
          {d.unmet.map((u) => (
            <Text key={u} className="warn mn-block">
              · {u}
            </Text>
          ))}
        </View>
      ))}
      {page.can.setCaseByCase ? <CaseByCase page={page} reload={reload} /> : null}
      {page.receiptProof ? <ReceiptProof page={page} proof={page.receiptProof} reload={reload} /> : null}

      <Text className="subtitle">支出</Text>
      {view.spent.lines.length > 0
        ? view.spent.lines.map((l) => {
            const pct = l.approvedFen > 0 ? Math.min(100, Math.round((l.spentFen * 100) / l.approvedFen)) : 100;
            return (
              <View key={l.budgetLineId} className="card" data-line={l.budgetLineId}>
                <View className="row">
                  <Text className="mn-block">
                    {l.categoryLabel}
                    {l.purpose ? `：${l.purpose}` : ''}
                  </Text>
                  {l.over ? <Text className="tag tag-red">超支</Text> : null}
                  {!l.inForce ? <Text className="tag tag-amber">原预算科目</Text> : null}
                </View>
                <View className="bar">
                  <View className={`bar-fill${l.over ? ' mn-over' : ''}`} style={{ width: `${pct}%` }} />
                </View>
                <Text className="muted mn-block">
                  已支出 {fenText(l.spentFen)} / 批复 {fenText(l.approvedFen)}
                </Text>
              </View>
            );
          })
        : null}
      {page.subject.type === 'station' || view.spent.lines.length === 0 ? (
        <View className="card">
          {view.spent.byCategory.length === 0 ? <Text className="muted mn-block">尚无支出。</Text> : null}
          {view.spent.byCategory.map((c) => (
            <View key={c.categoryId} className="row">
              <Text className="mn-block">{c.categoryLabel}</Text>
              <Text className="mn-block">{fenText(c.spentFen)}</Text>
            </View>
          ))}
        </View>
      ) : null}

      <Text className="subtitle">退回</Text>
      <View className="card" id="money-refund">
        {view.refund.window ? (
          <Text className={view.refund.window.ended && view.refund.window.unspentFen > 0 ? 'warn' : 'muted'}>
            {view.refund.window.note}
          </Text>
        ) : null}
        {view.refund.demands.length === 0 ? <Text className="muted mn-block">没有须退回的资金。</Text> : null}
        {view.refund.demands.map((d) => (
          <View key={d.consequenceId}>
            <Text className="mn-block">
              {d.trigger}（{d.clause}）：{d.basis}
            </Text>
            <Text className="value mn-block">{d.amountFen === null ? '金额待核定' : fenText(d.amountFen)}</Text>
          </View>
        ))}
        {view.refund.demandedFen > 0 ? (
          <Text className="muted mn-block">
            应退回 {fenText(view.refund.demandedFen)}，已退回 {fenText(view.refund.receivedFen)}，尚应退回{' '}
            {fenText(view.refund.outstandingFen)}
          </Text>
        ) : null}
      </View>

      <Entries page={page} reload={reload} />
    </View>
  );
}

function Total({ label, fen, warn }: { label: string; fen: number; warn?: boolean }) {
  return (
    <View className="mn-total">
      <Text className="muted mn-block">{label}</Text>
      <Text className={warn ? 'error' : 'value'}>{fenText(fen)}</Text>
    </View>
  );
}

/** 台账明细: every entry, reversed ones struck through; reversing one asks for the reason. */
function Entries({ page, reload }: { page: MoneyPage; reload: () => Promise<void> }) {
  const [reversing, setReversing] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const action = useAction();
  const reverse = (entryId: string) =>
    action.run(
      async () => {
        if (reason.trim().length < 2) throw new Invalid({ reason: '请写明冲销原因' });
        await awardsClient.reverseLedgerEntry({ entryId, reason, requestId: await newRequestId() });
        setReversing(null);
        setReason('');
        await reload();
      },
      { ok: '已冲销，原记录保留', notice: 'unlessFields' },
    );
  return (
    <View>
      <Text className="subtitle">台账明细（{page.entries.length}）</Text>
      <NoticeText notice={action.notice} />
      {page.entries.map((e) => (
        <View key={e.id} className={`card${e.reversedBy ? ' mn-reversed' : ''}`} data-entry={e.id} data-kind={e.kind}>
          <View className="row">
            <Text className="mn-block">
              {e.kindLabel} · {e.about}
            </Text>
            <Text className="value mn-block">{fenText(e.amountFen)}</Text>
          </View>
          <Text className="muted mn-block">
            {e.date}
            {e.note ? ` · ${e.note}` : ''}
            {e.vouchers.length ? ` · 凭证 ${e.vouchers.length} 份` : ''}
          </Text>
          {e.vouchers.map((f, i) => (
            <FileLink
              key={f.fileId}
              name={`${e.kind === 'expense' ? '票据' : '凭证'} ${i + 1}：${f.name}`}
              fileId={f.fileId}
              open={awardFileUrl}
            />
          ))}
          {e.reversal ? <Text className="warn">已冲销：{e.reversal.reason}</Text> : null}
          {!e.reversedBy && page.can.reverse && e.kind !== 'allocation' && (page.side === 'staff' || e.kind === 'expense') ? (
            reversing === e.id ? (
              <View>
                <Textarea
                  className={`input aw-textarea${action.fieldErrors.reason ? ' input-error' : ''}`}
                  id="reverse-reason"
                  placeholder="冲销原因（如：金额录入错误）"
                  value={reason}
                  maxlength={500}
                  onInput={(x) => setReason(x.detail.value)}
                />
                <ErrorText message={action.fieldErrors.reason} />
                <View className="row">
                  <Button className="btn-danger" id="reverse-confirm" onClick={() => void reverse(e.id)}>
                    确认冲销
                  </Button>
                  <Button className="btn-plain" onClick={() => setReversing(null)}>
                    取消
                  </Button>
                </View>
              </View>
            ) : (
              <Text className="btn-plain btn-mini" data-reverse={e.id} onClick={() => setReversing(e.id)}>
                冲销
              </Text>
            )
          ) : null}
        </View>
      ))}
    </View>
  );
}

/**
 * 资金到账凭据 (e.g. Weihai 五(三)): a payment waits for the unit's receipt proof. The unit uploads one (photo or
 * PDF) and files it (awards.submitReceiptProof); both sides see the proofs filed and open them.
 */
function ReceiptProof({
  page,
  proof,
  reload,
}: {
  page: MoneyPage;
  proof: NonNullable<MoneyPage['receiptProof']>;
  reload: () => Promise<void>;
}) {
  const action = useAction();
  const add = () =>
    action.run(
      async () => {
        const ref = await pickAndUpload(page.uploadFolder, ['pdf', 'jpg', 'jpeg', 'png']);
        if (!ref) return;
        await awardsClient.submitReceiptProof({
          awardId: page.subject.id,
          proofs: [ref],
          revision: proof.revision,
          requestId: await newRequestId(),
        });
        await reload();
      },
      { ok: '已提交资金到账凭据', notice: 'always' },
    );
  return (
    <View className="card" id="receipt-proof" data-count={proof.proofs.length}>
      <Text className="subtitle">资金到账凭据</Text>
      <Text className="muted mn-block">{proof.clause}：提供资金到账凭据后一次性拨付。</Text>
      {proof.proofs.length === 0 ? (
        <Text className="warn mn-block">尚未上传资金到账凭据</Text>
      ) : (
        proof.proofs.map((f, i) => <FileLink key={f.fileId} name={`凭据 ${i + 1}：${f.name}`} fileId={f.fileId} open={awardFileUrl} />)
      )}
      <NoticeText notice={action.notice} />
      {proof.canSubmit ? (
        <Button className="btn" id="receipt-proof-upload" disabled={action.busy} onClick={() => void add()}>
          {action.busy ? '正在上传…' : '上传资金到账凭据（照片或 PDF）'}
        </Button>
      ) : null}
    </View>
  );
}

/** 一事一议 (national stations): staff set the amount of a payment, with the reason. */
function CaseByCase({ page, reload }: { page: MoneyPage; reload: () => Promise<void> }) {
  const [paymentId, setPaymentId] = useState(page.caseByCase[0]?.paymentId ?? '');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const action = useAction();
  const errors = action.fieldErrors;
  const save = () =>
    action.run(
      async () => {
        const amountFen = fenOf(amount);
        await awardsClient.setCaseByCaseAmount({
          stationId: page.subject.id,
          paymentId,
          amountFen,
          reason,
          requestId: await newRequestId(),
        });
        setAmount('');
        setReason('');
        await reload();
      },
      { ok: '已核定金额', notice: 'unlessFields' },
    );
  return (
    <View className="card" id="case-by-case">
      <Text className="subtitle">一事一议：核定金额</Text>
      <View className="mn-chips">
        {page.caseByCase.map((c) => (
          <Text key={c.paymentId} className={`mn-chip${c.paymentId === paymentId ? ' on' : ''}`} onClick={() => setPaymentId(c.paymentId)}>
            {c.label}
            {c.amountFen !== null ? `（现 ${fenText(c.amountFen)}）` : ''}
          </Text>
        ))}
      </View>
      <AmountField id="cbc-amount" value={amount} error={errors.amountFen} onInput={setAmount} />
      <Textarea
        className={`input aw-textarea${errors.reason ? ' input-error' : ''}`}
        id="cbc-reason"
        placeholder="核定依据（如：会议纪要文号）"
        value={reason}
        maxlength={500}
        onInput={(e) => setReason(e.detail.value)}
      />
      <ErrorText message={errors.reason} />
      <NoticeText notice={action.notice} />
      <Button className="btn" id="cbc-save" onClick={() => void save()}>
        保存核定金额
      </Button>
    </View>
  );
}
