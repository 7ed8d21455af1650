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
 * 登记拨付 (staff): which payment, the amount in 元 (never above what is due — the action refuses with
 * what may still be paid), the day and the voucher. What was typed stays when a save fails.
 */
export default function Payment() {
  const subject = useSubject();
  const { page, error } = useMoneyPage(subject);
  const [paymentId, setPaymentId] = useState('');
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
  const chosen = page.payable.find((p) => p.paymentId === paymentId) ?? (page.payable.length === 1 ? page.payable[0] : undefined);
  const save = () =>
    action.run(
      async () => {
        const fields: Record<string, string> = {};
        if (!chosen) fields.paymentId = '请选择拨付项';
        let amountFen = 0;
        try {
          amountFen = fenOf(amount);
        } catch (e) {
          if (e instanceof Invalid) Object.assign(fields, e.fields);
        }
        if (!day) fields.date = '请选择拨付日期';
        if (vouchers.length === 0) fields.vouchers = '请上传拨付凭证';
        if (Object.keys(fields).length) throw new Invalid(fields, `还有 ${Object.keys(fields).length} 项需要填写或修改`);
        await awardsClient.recordPayment({
          subject: page.subject,
          paymentId: chosen!.paymentId,
          amountFen,
          date: day,
          vouchers,
          note,
          requestId: await newRequestId(),
        });
        setTimeout(() => void Taro.navigateBack(), 800);
      },
      { ok: '已登记拨付', notice: 'always' },
    );
  return (
    <View className="page" id="payment">
      <Text className="title">登记拨付</Text>
      <Text className="muted mn-block">
        {page.title} · {page.unitName}
      </Text>
      {page.payable.length === 0 ? <Text className="banner">目前没有可以拨付的款项（条件尚未满足或已全额拨付）。</Text> : null}
      <View className="card">
        <Text className="mn-block">拨付项</Text>
        <View className="mn-chips">
          {page.payable.map((p) => (
            <Text
              key={p.paymentId}
              className={`mn-chip${chosen?.paymentId === p.paymentId ? ' on' : ''}`}
              data-payment={p.paymentId}
              onClick={() => setPaymentId(p.paymentId)}
            >
              {p.label}（尚可拨付 {fenText(p.payableFen)}）
            </Text>
          ))}
        </View>
        <ErrorText message={errors.paymentId} />
        <Text className="mn-block">拨付金额</Text>
        <AmountField
          id="payment-amount"
          value={amount}
          error={errors.amountFen}
          hint={chosen ? `不超过 ${fenText(chosen.payableFen)}` : undefined}
          onInput={setAmount}
        />
        <Text className="mn-block">拨付日期</Text>
        <DateField id="payment-date" value={day} start="2015-01-01" end={today} initial={today} error={errors.date} onPick={setDate} />
        <ErrorText message={errors.date} />
        <Text className="mn-block">拨付凭证</Text>
        <VoucherField
          id="payment-voucher"
          label="拨付凭证"
          folder={page.uploadFolder}
          files={vouchers}
          error={errors.vouchers}
          onChange={setVouchers}
          onError={(t) => action.say('err', t)}
        />
        <Text className="mn-block">备注</Text>
        <Textarea className="input aw-textarea" id="payment-note" value={note} maxlength={500} onInput={(e) => setNote(e.detail.value)} />
      </View>
      <NoticeText notice={action.notice} id="payment-notice" />
      <Button className="btn" id="payment-save" disabled={action.busy} onClick={() => void save()}>
        {action.busy ? '正在保存…' : '登记拨付'}
      </Button>
    </View>
  );
}
