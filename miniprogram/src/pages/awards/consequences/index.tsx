import type { ConsequenceList, ConsequenceView } from '@shared/api/consequences';
import { chinaDateOf } from '@shared/calendar/china-time';
import { fenText } from '@shared/programmes/post-award';
import { parseYuan } from '@shared/rules/post-award/award';
import type { SubjectRef } from '@shared/schemas/awards';
import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { ErrorText } from '../../../components/ErrorText';
import { DateField } from '../../../components/form/DateField';
import { NoticeText } from '../../../components/NoticeText';
import { Invalid, useAction } from '../../../hooks/useAction';
import { newRequestId } from '../../../platform/request-id';
import { awardsClient } from '../../../services/awards';
import { errorText } from '../../../services/errors';
import { AmountField } from '../money/money-form';
import '../awards.css';
import '../money/money.css';
import './consequences.css';

/**
 * 处理建议与决定 (issue 14 item 4): staff see every consequence the product proposed from an outcome
 * (a failed check, a 不合格 year, misconduct found, money unspent) with its clause, what it does, the
 * ban's last day and the refund proposed, and confirm (entering the amount where the penalty leaves it
 * to them) or dismiss it with a reason; a confirmed rectification is lifted by a re-check or the next
 * passing year. The awarded unit reads what was confirmed about it. `?type=award|station&id=` narrows
 * to one project or station.
 */

interface Draft {
  reason: string;
  amount: string;
}

function useSubjectParam(): SubjectRef | undefined {
  const { params } = useRouter();
  const type = params.type === 'station' ? 'station' : params.type === 'award' ? 'award' : null;
  return type && params.id ? { type, id: decodeURIComponent(params.id) } : undefined;
}

function Facts({ c }: { c: ConsequenceView }) {
  return (
    <View className="cq-facts">
      <Text className="muted">
        {c.programmeTitle}
        {c.unitName ? ` · ${c.unitName}` : ''}
      </Text>
      <Text className="cq-trigger">
        {c.trigger}（依据：{c.clause}）
      </Text>
      <Text className="muted">{c.sourceText}</Text>
      <View className="cq-effects">
        {c.effects.map((e) => (
          <Text key={e} className="cq-effect">
            · {e}
          </Text>
        ))}
      </View>
      {c.banLastDay && (
        <Text className="cq-line">
          取消申报资格至 {c.banLastDay}
          {c.status === 'proposed' ? '（如今日确认）' : ''}
        </Text>
      )}
      {c.deadline && <Text className="cq-line">整改期限：{c.deadline} 前</Text>}
      {c.clawBack !== 'none' && (
        <Text className="cq-line">
          {c.status === 'proposed'
            ? c.refundFen !== null
              ? `建议退还（追回）：${fenText(c.refundFen)}`
              : '退还金额由市科协核定'
            : c.refundFen !== null
              ? `应退还（追回）：${fenText(c.refundFen)}`
              : ''}
          （已拨付 {fenText(c.paidFen)}）
        </Text>
      )}
      {c.reason && c.status !== 'proposed' && <Text className="muted">理由：{c.reason}</Text>}
      {c.liftableBy && c.status === 'confirmed' && <Text className="cq-line">可解除：{c.liftableBy}</Text>}
    </View>
  );
}

export default function Consequences() {
  const subject = useSubjectParam();
  const [data, setData] = useState<ConsequenceList | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [tab, setTab] = useState<'open' | 'decided'>('open');
  const action = useAction();
  const errors = action.fieldErrors;
  const load = async () => {
    try {
      setData(await awardsClient.listConsequences(subject ? { subject } : {}));
      setLoadError(null);
    } catch (e) {
      setLoadError(errorText(e));
    }
  };
  useDidShow(() => {
    void load();
  });
  const draftOf = (id: string): Draft => drafts[id] ?? { reason: '', amount: '' };
  const edit = (id: string, patch: Partial<Draft>) => setDrafts((d) => ({ ...d, [id]: { ...draftOf(id), ...patch } }));

  const decide = (c: ConsequenceView, decision: 'confirm' | 'dismiss') =>
    action.run(
      async () => {
        const d = draftOf(c.id);
        const fields: Record<string, string> = {};
        if (!d.reason.trim()) fields[`${c.id}.reason`] = decision === 'confirm' ? '请填写确认理由' : '请填写不予处理的理由';
        let refundYuan: string | undefined;
        if (decision === 'confirm' && c.refundNeedsAmount) {
          const fen = parseYuan(d.amount);
          if (fen === null) fields[`${c.id}.refundYuan`] = '请填写应退还的金额（元，最多两位小数）';
          else refundYuan = d.amount.trim();
        }
        if (Object.keys(fields).length) throw new Invalid(fields, `还有 ${Object.keys(fields).length} 项需要填写`);
        await awardsClient.decideConsequence({
          requestId: await newRequestId(),
          subject: c.subject,
          consequenceId: c.id,
          decision,
          reason: d.reason,
          ...(refundYuan !== undefined ? { refundYuan } : {}),
        });
        setDrafts((x) => {
          const { [c.id]: _, ...rest } = x;
          return rest;
        });
        await load();
      },
      {
        ok: decision === 'confirm' ? '已确认，处理决定已生效' : '已决定不予处理',
        fieldPath: (p) => `${c.id}.${p}`,
        key: `${c.id}:${decision}`,
      },
    );

  const recheck = (c: ConsequenceView, how: 'pass' | 'fail' | 'lift') =>
    action.run(
      async () => {
        const d = draftOf(c.id);
        if (!d.reason.trim()) throw new Invalid({ [`${c.id}.reason`]: '请填写复查意见' }, '还有 1 项需要填写');
        const requestId = await newRequestId();
        if (how === 'lift') await awardsClient.liftConsequence({ requestId, consequenceId: c.id, reason: d.reason });
        else await awardsClient.recheckRectification({ requestId, consequenceId: c.id, passed: how === 'pass', reason: d.reason });
        edit(c.id, { reason: '' });
        await load();
      },
      {
        ok: how === 'fail' ? '已记录复查不合格，继续整改' : '整改已解除',
        fieldPath: (p) => `${c.id}.${p}`,
        key: `${c.id}:${how}`,
      },
    );

  if (!data)
    return (
      <View className="page" id="consequences">
        <Text className="title">处理建议与决定</Text>
        {loadError ? <Text className="error">{loadError}</Text> : <Text className="muted">加载中…</Text>}
      </View>
    );

  const staff = data.side === 'staff';
  const open = data.items.filter((c) => c.status === 'proposed');
  const decided = data.items.filter((c) => c.status !== 'proposed');
  const shown = staff ? (tab === 'open' ? open : decided) : data.items;
  return (
    <View className="page" id="consequences" data-side={data.side} data-open={data.openCount}>
      <Text className="title">{staff ? '处理建议与决定' : '处理决定'}</Text>
      {staff ? (
        <Text className="muted">根据检查、考核结果和查实情况自动提出处理建议，经市科协确认后生效。</Text>
      ) : (
        <Text className="muted">以下是市科协已确认的处理决定。</Text>
      )}
      {staff && (
        <View className="mn-chips">
          <Text className={`mn-chip${tab === 'open' ? ' on' : ''}`} id="tab-open" onClick={() => setTab('open')}>
            待确认（{open.length}）
          </Text>
          <Text className={`mn-chip${tab === 'decided' ? ' on' : ''}`} id="tab-decided" onClick={() => setTab('decided')}>
            已决定（{decided.length}）
          </Text>
        </View>
      )}
      <NoticeText notice={action.notice} id="cq-notice" />
      {shown.length === 0 && <Text className="muted">{staff && tab === 'open' ? '没有待确认的处理建议。' : '暂无处理决定。'}</Text>}
      {shown.map((c) => {
        const d = draftOf(c.id);
        return (
          <View key={c.id} className="card cq-card" id={`cq-${c.id}`} data-status={c.status}>
            <View className="row">
              <Text className="value">{c.subjectName}</Text>
              <Text className={`cq-status cq-${c.status}`}>{c.statusLabel}</Text>
            </View>
            <Facts c={c} />
            {(c.canDecide || c.canLift) && (
              <View className="cq-form">
                {c.canDecide && c.refundNeedsAmount && (
                  <View>
                    <Text>应退还（追回）金额</Text>
                    <AmountField
                      id={`cq-amount-${c.id}`}
                      value={d.amount}
                      error={errors[`${c.id}.refundYuan`]}
                      hint={c.refundFen !== null ? `建议金额 ${fenText(c.refundFen)}` : undefined}
                      onInput={(v) => edit(c.id, { amount: v })}
                    />
                  </View>
                )}
                <Text>{c.canDecide ? '理由' : '复查意见'}</Text>
                <Textarea
                  className={`input aw-textarea${errors[`${c.id}.reason`] ? ' input-error' : ''}`}
                  id={`cq-reason-${c.id}`}
                  value={d.reason}
                  maxlength={1000}
                  placeholder={c.canDecide ? '请写明确认或不予处理的理由' : '请写明复查情况'}
                  onInput={(e) => edit(c.id, { reason: e.detail.value })}
                />
                <ErrorText message={errors[`${c.id}.reason`]} />
                {c.canDecide ? (
                  <View className="row mn-actions">
                    <Button className="btn" id={`cq-confirm-${c.id}`} onClick={() => void decide(c, 'confirm')}>
                      {action.busyKey === `${c.id}:confirm` ? '正在确认…' : '确认处理'}
                    </Button>
                    <Button className="btn-plain" id={`cq-dismiss-${c.id}`} onClick={() => void decide(c, 'dismiss')}>
                      不予处理
                    </Button>
                  </View>
                ) : (
                  <View className="row mn-actions">
                    {c.liftableBy ? (
                      <Button className="btn" id={`cq-lift-${c.id}`} onClick={() => void recheck(c, 'lift')}>
                        解除整改
                      </Button>
                    ) : (
                      <Button className="btn" id={`cq-pass-${c.id}`} onClick={() => void recheck(c, 'pass')}>
                        复查合格，解除
                      </Button>
                    )}
                    <Button className="btn-plain" id={`cq-fail-${c.id}`} onClick={() => void recheck(c, 'fail')}>
                      复查不合格
                    </Button>
                  </View>
                )}
              </View>
            )}
            {c.subject.type === 'award' && (
              // back to the project: its file, and its ledger where a confirmed clawback is recorded as refunded
              <View className="row cq-links">
                <Text
                  className="btn-plain cq-link"
                  id={`cq-award-${c.id}`}
                  onClick={() => void Taro.navigateTo({ url: `/pages/awards/hub/index?id=${encodeURIComponent(c.subject.id)}` })}
                >
                  项目档案 ›
                </Text>
                {c.clawBack !== 'none' && (
                  <Text
                    className="btn-plain cq-link"
                    id={`cq-money-${c.id}`}
                    onClick={() =>
                      void Taro.navigateTo({ url: `/pages/awards/money/index?type=award&id=${encodeURIComponent(c.subject.id)}` })
                    }
                  >
                    资金台账 ›
                  </Text>
                )}
              </View>
            )}
            {c.subject.type === 'station' && (
              <Text
                className="btn-plain cq-link"
                onClick={() => void Taro.navigateTo({ url: `/pages/awards/station/index?id=${encodeURIComponent(c.subject.id)}` })}
              >
                服务站运行情况 ›
              </Text>
            )}
          </View>
        );
      })}
      {staff && data.reportable.length > 0 && <Report subjects={data.reportable} onDone={() => void load()} />}
    </View>
  );
}

/** Staff record a misconduct finding (弄虚作假等查实情况): it proposes the programme's penalty for it. */
function Report({ subjects, onDone }: { subjects: ConsequenceList['reportable']; onDone: () => void }) {
  const today = chinaDateOf(Date.now());
  const [pick, setPick] = useState<SubjectRef | null>(null);
  const [finding, setFinding] = useState('');
  const [foundOn, setFoundOn] = useState(today);
  const [openForm, setOpenForm] = useState(false);
  const action = useAction();
  const errors = action.fieldErrors;
  const save = () =>
    action.run(
      async () => {
        const fields: Record<string, string> = {};
        if (!pick) fields.subject = '请选择项目或服务站';
        if (!finding.trim()) fields.finding = '请填写查实的情况';
        if (!foundOn) fields.foundOn = '请选择查实日期';
        if (Object.keys(fields).length) throw new Invalid(fields, `还有 ${Object.keys(fields).length} 项需要填写`);
        await awardsClient.reportMisconduct({ requestId: await newRequestId(), subject: pick!, finding, foundOn });
        setFinding('');
        setOpenForm(false);
        onDone();
      },
      { ok: '已记录，已生成处理建议' },
    );
  if (!openForm)
    return (
      <Button className="btn-plain" id="cq-report-open" onClick={() => setOpenForm(true)}>
        记录查实的违规情况
      </Button>
    );
  return (
    <View className="card" id="cq-report">
      <Text className="value">记录查实的违规情况</Text>
      <Text className="muted cq-line">如弄虚作假、虚报、截留、挪用资金等，经查实后记录，系统按项目规定提出处理建议。</Text>
      <Text>项目或服务站</Text>
      <View className="mn-chips">
        {subjects.map((s) => (
          <Text
            key={`${s.subject.type}:${s.subject.id}`}
            className={`mn-chip${pick?.id === s.subject.id ? ' on' : ''}`}
            onClick={() => setPick(s.subject)}
          >
            {s.name}
          </Text>
        ))}
      </View>
      <ErrorText message={errors.subject} />
      <Text>查实的情况</Text>
      <Textarea
        className={`input aw-textarea${errors.finding ? ' input-error' : ''}`}
        id="cq-finding"
        value={finding}
        maxlength={2000}
        onInput={(e) => setFinding(e.detail.value)}
      />
      <ErrorText message={errors.finding} />
      <Text>查实日期</Text>
      <DateField
        id="cq-found-on"
        value={foundOn}
        start="2015-01-01"
        end={today}
        initial={today}
        error={errors.foundOn}
        onPick={setFoundOn}
      />
      <ErrorText message={errors.foundOn} />
      <NoticeText notice={action.notice} id="cq-report-notice" />
      <Button className="btn" id="cq-report-save" onClick={() => void save()}>
        {action.busy ? '正在保存…' : '记录并生成处理建议'}
      </Button>
    </View>
  );
}
