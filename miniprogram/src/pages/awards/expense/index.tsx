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
 * 报销支出 (the awarded unit): against a line of the approved budget (an award) or a spending category
 * (a station, 第十七条), the amount in 元 with 角 and 分, the day, what it paid for and the receipts.
 * The line's category is shown; a forbidden category is refused with its clause, and a line is never
 * spent beyond its approved amount (a budget change goes through approval first). What was typed stays
 * when a save is refused.
 */
export default function Expense() {
  const subject = useSubject();
  const { page, error } = useMoneyPage(subject);
  const [target, setTarget] = useState<string>('');
  const [amount, setAmount] = useState('');
  const [date, setDate] = useState('');
  const [purpose, setPurpose] = useState('');
  const [receipts, setReceipts] = useState<FileRef[]>([]);
  const action = useAction();
  const errors = action.fieldErrors;
  if (!page)
    return <View className="page">{error ? <Text className="error">{error}</Text> : <Text className="mn-block">加载中…</Text>}</View>;
  // dates are judged by the server's day (a payment, expense or refund cannot be dated after it)
  const today = page.today;
  const day = date || today;
  const keyOf = (t: (typeof page.expenseTargets)[number]) => t.budgetLineId ?? t.categoryId;
  const chosen = page.expenseTargets.find((t) => keyOf(t) === target);
  const save = () =>
    action.run(
      async () => {
        const fields: Record<string, string> = {};
        if (!chosen)
          fields[page.subject.type === 'award' ? 'budgetLineId' : 'categoryId'] =
            page.subject.type === 'award' ? '请选择预算科目' : '请选择开支类别';
        let amountFen = 0;
        try {
          amountFen = fenOf(amount);
        } catch (e) {
          if (e instanceof Invalid) Object.assign(fields, e.fields);
        }
        if (!day) fields.date = '请选择支出日期';
        if (purpose.trim().length < 2) fields.purpose = '请填写支出用途';
        if (receipts.length === 0) fields.receipts = '请上传票据';
        if (Object.keys(fields).length) throw new Invalid(fields, `还有 ${Object.keys(fields).length} 项需要填写或修改`);
        await awardsClient.reportExpense({
          subject: page.subject,
          budgetLineId: chosen!.budgetLineId,
          categoryId: chosen!.categoryId,
          amountFen,
          date: day,
          purpose,
          receipts,
          requestId: await newRequestId(),
        });
        setTimeout(() => void Taro.navigateBack(), 800);
      },
      { ok: '已登记支出', notice: 'always' },
    );
  const lineError = errors.budgetLineId ?? errors.categoryId;
  return (
    <View className="page" id="expense">
      <Text className="title">报销支出</Text>
      <Text className="muted mn-block">
        {page.title} · {page.unitName}
      </Text>
      {page.subject.type === 'award' && page.expenseTargets.length === 0 ? (
        <Text className="banner">预算尚未批复，批复后才能报销支出。</Text>
      ) : null}
      <View className="card">
        <Text className="mn-block">{page.subject.type === 'award' ? '预算科目' : '开支类别'}</Text>
        <View className="mn-chips">
          {page.expenseTargets.map((t) => (
            <Text
              key={keyOf(t)}
              className={`mn-chip${chosen && keyOf(chosen) === keyOf(t) ? ' on' : ''}`}
              data-target={keyOf(t)}
              onClick={() => setTarget(keyOf(t))}
            >
              {t.categoryLabel}
              {t.purpose ? `：${t.purpose}` : ''}
              {t.remainingFen !== null ? `（尚余 ${fenText(t.remainingFen)}）` : ''}
              {t.forbidden ? `（不得列支，${page.forbiddenClause}）` : ''}
            </Text>
          ))}
        </View>
        {chosen ? (
          <Text className="muted mn-block" id="expense-category">
            开支类别：{chosen.categoryLabel}
          </Text>
        ) : null}
        <ErrorText message={lineError} />
        {page.forbiddenClause ? <Text className="muted mn-block">不得列支的开支见 {page.forbiddenClause}</Text> : null}
        <Text className="mn-block">支出金额</Text>
        <AmountField
          id="expense-amount"
          value={amount}
          error={errors.amountFen}
          hint={chosen?.remainingFen != null ? `本科目尚余 ${fenText(chosen.remainingFen)}` : undefined}
          onInput={setAmount}
        />
        <Text className="mn-block">支出日期</Text>
        <DateField id="expense-date" value={day} start="2015-01-01" end={today} initial={today} error={errors.date} onPick={setDate} />
        <ErrorText message={errors.date} />
        <Text className="mn-block">用途</Text>
        <Textarea
          className={`input aw-textarea${errors.purpose ? ' input-error' : ''}`}
          id="expense-purpose"
          value={purpose}
          maxlength={500}
          placeholder="如：学术年会会场租赁"
          onInput={(e) => setPurpose(e.detail.value)}
        />
        <ErrorText message={errors.purpose} />
        <Text className="mn-block">票据</Text>
        <VoucherField
          id="expense-receipt"
          label="票据"
          folder={page.uploadFolder}
          files={receipts}
          error={errors.receipts}
          onChange={setReceipts}
          onError={(t) => action.say('err', t)}
        />
      </View>
      <NoticeText notice={action.notice} id="expense-notice" />
      <Button className="btn" id="expense-save" disabled={action.busy} onClick={() => void save()}>
        {action.busy ? '正在保存…' : '提交支出'}
      </Button>
    </View>
  );
}
