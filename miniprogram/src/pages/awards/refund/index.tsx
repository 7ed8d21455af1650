import { fenText } from '@shared/programmes/post-award';
import type { FileRef } from '@shared/schemas/common';
import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ErrorText } from '../../../components/ErrorText';
import { DateField } from '../../../components/form/DateField';
import { NoticeText } from '../../../components/NoticeText';
import { Invalid, useAction } from '../../../hooks/useAction';
import { newRequestId } from '../../../platform/request-id';
import { awardsClient } from '../../../services/awards';
import { AmountField, fenOf, useMoneyPage, useSubject, VoucherField } from '../money/money-form';
import '../awards.css';
import '../money/money.css';

/**
 * 登记退回 (staff): money the unit returned — against a confirmed consequence that claws money back
 * (its clause shown) or money left unspent after the budget window — never above what is owed.
 */
export default function Refund() {
  const subject = useSubject();
  const { page, error } = useMoneyPage(subject);
  const [settles, setSettles] = useState('');
  const [amount, setAmount] = useState('');
  const [date, setDate] = useState('');
  const [vouchers, setVouchers] = useState<FileRef[]>([]);
  const [note, setNote] = useState('');
  const action = useAction();
  const errors = action.fieldErrors;
  if (!page)
    return <View className="page">{error ? <Text className="error">{error}</Text> : <Text className="mn-block">加载中…</Text>}</View>;
  // dates are judged by the server's day (a payment, expense or refund cannot be dated after it)
  const today = page.today;
  const day = date || today;
  const save = () =>
    action.run(
      async () => {
        const fields: Record<string, string> = {};
        if (!settles) fields.settles = '请选择退回事由';
        let amountFen = 0;
        try {
          amountFen = fenOf(amount);
        } catch (e) {
          if (e instanceof Invalid) Object.assign(fields, e.fields);
        }
        if (!day) fields.date = '请选择退回日期';
        if (vouchers.length === 0) fields.vouchers = '请上传退回凭证';
        if (Object.keys(fields).length) throw new Invalid(fields, `还有 ${Object.keys(fields).length} 项需要填写或修改`);
        await awardsClient.recordRefund({
          subject: page.subject,
          settles,
          amountFen,
          date: day,
          vouchers,
          note,
          requestId: await newRequestId(),
        });
        setTimeout(() => void Taro.navigateBack(), 800);
      },
      { ok: '已登记退回', notice: 'always' },
    );
  const r = page.view.refund;
  return (
    <View className="page" id="refund">
      <Text className="title">登记退回</Text>
      <Text className="muted mn-block">
        {page.title} · 应退回 {fenText(r.demandedFen)}，已退回 {fenText(r.receivedFen)}，尚应退回 {fenText(r.outstandingFen)}
      </Text>
      <View className="card">
        <Text className="mn-block">退回事由</Text>
        <View className="mn-chips">
          {page.refundTargets.map((t) => (
            <Text
              key={t.settles}
              className={`mn-chip${settles === t.settles ? ' on' : ''}`}
              data-settles={t.settles}
              onClick={() => setSettles(t.settles)}
            >
              {t.label}
              {t.amountFen !== null ? `（${fenText(t.amountFen)}）` : '（金额待核定）'}
            </Text>
          ))}
        </View>
        <ErrorText message={errors.settles} />
        <Text className="mn-block">退回金额</Text>
        <AmountField id="refund-amount" value={amount} error={errors.amountFen} onInput={setAmount} />
        <Text className="mn-block">退回日期</Text>
        <DateField id="refund-date" value={day} start="2015-01-01" end={today} initial={today} error={errors.date} onPick={setDate} />
        <ErrorText message={errors.date} />
        <Text className="mn-block">退回凭证</Text>
        <VoucherField
          id="refund-voucher"
          label="退回凭证"
          folder={page.uploadFolder}
          files={vouchers}
          error={errors.vouchers}
          onChange={setVouchers}
          onError={(t) => action.say('err', t)}
        />
        <Text className="mn-block">备注</Text>
        <Textarea className="input aw-textarea" id="refund-note" value={note} maxlength={500} onInput={(e) => setNote(e.detail.value)} />
      </View>
      <NoticeText notice={action.notice} id="refund-notice" />
      <Button className="btn" id="refund-save" disabled={action.busy} onClick={() => void save()}>
        {action.busy ? '正在保存…' : '登记退回'}
      </Button>
    </View>
  );
}
