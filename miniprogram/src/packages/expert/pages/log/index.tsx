import {
  type EntryView,
  entryFieldsSchema,
  logAchievementInput,
  logAgreementProgressInput,
  logProblemInput,
  logResearchInput,
  logResearchResultInput,
  logTacklingInput,
  logTrainingInput,
} from '@shared/api/stations';
import type { FileRef } from '@shared/schemas/common';
import { type RecordKind, recordKindLabels } from '@shared/schemas/records';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import { useState } from 'react';
import type { z } from 'zod';
import { type LogAction, submitEntry } from '../../../../services/outbox-queue';
import { stationsClient, todayInChina } from '../../../../services/stations';
import { askOnLogTap } from '../../../../services/subscriptions';
import { OutboxBanner, photoErrorText, useOutbox } from '../../components/parts';
import '../../components/expert.css';
import { NoticeText } from '../../../../components/NoticeText';
import { Invalid, type Notice, useAction } from '../../../../hooks/useAction';
import { pickEvidence } from '../../../../platform/evidence';
import { newRequestId } from '../../../../platform/request-id';
import { errorText } from '../../../../services/errors';

type FieldType = 'text' | 'textarea' | 'number' | 'date';
interface Field {
  key: string;
  label: string;
  type: FieldType;
  placeholder?: string;
}

const dateField: Field = { key: 'date', label: '日期', type: 'date', placeholder: 'YYYY-MM-DD' };
const noteField: Field = { key: 'note', label: '备注（选填）', type: 'textarea' };

/** The form of each kind: the fields come from the record schemas (shared/api/stations.ts). */
// `input`: the action's input without its request id (made when the entry is sent), so the form is
// checked with the same schema the server uses before anything waits in the queue.
const forms: Record<Exclude<RecordKind, 'serviceDay'>, { action: LogAction; input: z.ZodType; fields: Field[]; hint: string }> = {
  training: {
    action: 'logTraining',
    input: logTrainingInput.omit({ requestId: true }),
    fields: [
      dateField,
      { key: 'topic', label: '培训主题', type: 'text', placeholder: '例如：水稻绿色高产栽培技术' },
      { key: 'place', label: '培训地点', type: 'text' },
      { key: 'trainees', label: '培训人次', type: 'number', placeholder: '整数，例如 60' },
      noteField,
    ],
    hint: '第十二条（四）：每年不少于 2 场、每场不少于 50 人次；不足 50 人次的培训也请登记，但不计入场次。签到表可拍照上传。',
  },
  research: {
    action: 'logResearch',
    input: logResearchInput.omit({ requestId: true }),
    fields: [
      dateField,
      { key: 'title', label: '调研题目', type: 'text' },
      { key: 'result', label: '调研成果（选填，可以以后补充）', type: 'textarea' },
      { key: 'resultDate', label: '成果日期（选填）', type: 'date', placeholder: 'YYYY-MM-DD' },
      noteField,
    ],
    hint: '第十二条（三）：每年对重点产业调查研究不少于 2 次，形成调研成果 1 项以上。',
  },
  tackling: {
    action: 'logTackling',
    input: logTacklingInput.omit({ requestId: true }),
    fields: [
      dateField,
      { key: 'title', label: '攻关项目', type: 'text' },
      { key: 'partners', label: '合作方（选填）', type: 'text' },
      noteField,
    ],
    hint: '第十二条（五）：每年组织开展技术攻关 1 次以上。',
  },
  problem: {
    action: 'logProblem',
    input: logProblemInput.omit({ requestId: true }),
    fields: [
      dateField,
      { key: 'enterprise', label: '企业名称', type: 'text' },
      { key: 'problem', label: '技术难题', type: 'textarea' },
      { key: 'outcome', label: '解决成效', type: 'textarea' },
      noteField,
    ],
    hint: '第十二条（五）：每年帮助企业破解技术难题 2 个以上。',
  },
  achievement: {
    action: 'logAchievement',
    input: logAchievementInput.omit({ requestId: true }),
    fields: [
      dateField,
      { key: 'title', label: '成果名称', type: 'text' },
      { key: 'recipient', label: '承接单位', type: 'text' },
      { key: 'method', label: '转化方式', type: 'text', placeholder: '例如：技术转让、示范推广' },
      noteField,
    ],
    hint: '第十二条（五）：每年推广转化科技成果 2 项以上。',
  },
  agreement: {
    action: 'logAgreementProgress',
    input: logAgreementProgressInput.omit({ requestId: true }),
    fields: [dateField, { key: 'percent', label: '合作协议累计完成比例（%）', type: 'number', placeholder: '0–100 的整数' }, noteField],
    hint: '第十二条（一）：第一年完成不少于合同内容的 50%，第二年（期满）达到 100%。由学会秘书长填报。',
  },
};
const dayFields: Field[] = [dateField, noteField];
const researchResultInput = logResearchResultInput.omit({ requestId: true });
const resultForm: Field[] = [
  { key: 'result', label: '调研成果', type: 'textarea' },
  { key: 'resultDate', label: '成果日期', type: 'date', placeholder: 'YYYY-MM-DD' },
];

type Values = Record<string, string>;

/** The values as the schema expects them (numbers as numbers, empty optional dates as null). */
function toData(fields: Field[], v: Values): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const raw = (v[f.key] ?? '').trim();
    if (f.type === 'number') out[f.key] = raw === '' ? undefined : Number(raw);
    else if (f.key === 'resultDate') out[f.key] = raw === '' ? null : raw;
    else out[f.key] = raw;
  }
  return out;
}
const issuesOf = (e: z.ZodError): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const i of e.issues) out[i.path.map(String).join('.')] ??= i.message;
  return out;
};

/**
 * Log (or edit) one entry of 第十二条: training, research, tackling, problem, achievement, agreement
 * progress. New entries go through the offline queue (saved on the phone first); the answer says at
 * once whether the entry counts. `recordId` opens an existing entry for editing (online only);
 * `mode=result` adds a research result.
 */
export default function LogEntry() {
  const outbox = useOutbox();
  const [kind, setKind] = useState<RecordKind>('training');
  const [stationId, setStationId] = useState('');
  const [recordId, setRecordId] = useState<string | null>(null);
  const [resultMode, setResultMode] = useState(false);
  const [values, setValues] = useState<Values>({});
  const [evidence, setEvidence] = useState<FileRef[]>([]);
  const action = useAction();
  const { busy, notice, fieldErrors: errors } = action;

  useLoad((params: Record<string, string | undefined>) => {
    const k = (params.kind ?? 'training') as RecordKind;
    setKind(k);
    setStationId(params.stationId ?? '');
    setResultMode(params.mode === 'result');
    setValues({ date: todayInChina() });
    Taro.setNavigationBarTitle({
      title: params.mode === 'result' ? '补充调研成果' : `${params.recordId ? '修改' : '登记'}${recordKindLabels[k]}`,
    });
    if (params.recordId) {
      setRecordId(params.recordId);
      stationsClient
        .getEntry({ recordId: params.recordId })
        .then((e: EntryView) => {
          const r = e.record as unknown as Record<string, unknown>;
          setStationId(e.record.stationId);
          setEvidence(e.record.evidence);
          setValues(Object.fromEntries(Object.entries(r).map(([key, val]) => [key, val === null || val === undefined ? '' : String(val)])));
        })
        .catch((err: unknown) => action.say('err', errorText(err)));
    }
  });

  const form = kind === 'serviceDay' ? null : forms[kind];
  const fields = resultMode ? resultForm : (form?.fields ?? dayFields);
  const set = (key: string, value: string) => setValues({ ...values, [key]: value });

  const [photoError, setPhotoError] = useState('');
  const addPhoto = async () => {
    setPhotoError('');
    try {
      const f = await pickEvidence(stationId);
      if (f) setEvidence([...evidence, f]);
    } catch (e) {
      // said next to the photo line (issue 15, finding 14), not only at the top of the page
      setPhotoError(photoErrorText(e, '上传照片需要网络，请恢复网络后再添加'));
    }
  };

  const clearForm = () => {
    setValues({ date: values.date ?? todayInChina() });
    setEvidence([]);
  };
  const submit = () => {
    askOnLogTap(); // subscription dialog: must run synchronously in the tap, before any await (services/subscriptions.ts)
    return action.run(
      async (): Promise<Notice | null> => {
        const data: Record<string, unknown> = { ...toData(fields, values), evidence };
        if (resultMode && recordId) {
          const check = researchResultInput.safeParse({ recordId, result: data.result, resultDate: data.resultDate });
          if (!check.success) throw new Invalid(issuesOf(check.error));
          const e = await stationsClient.logResearchResult({ ...check.data, requestId: await newRequestId() });
          return { tone: 'ok', text: `已保存：${e.count.label}` };
        }
        if (recordId) {
          // The same schema the server applies to `entry`.
          const check = entryFieldsSchema.safeParse({ ...data, kind });
          if (!check.success) throw new Invalid(issuesOf(check.error));
          const e = await stationsClient.editEntry({ requestId: await newRequestId(), recordId, entry: { ...data, kind } as never });
          return { tone: e.count.counts ? 'ok' : 'warn', text: `已修改（待建站单位确认）：${e.count.label}` };
        }
        if (!form) return null;
        const check = form.input.safeParse({ ...data, stationId });
        if (!check.success) throw new Invalid(issuesOf(check.error));
        const label = `${recordKindLabels[kind]} ${String(values.date ?? '')}${values.topic ? ` ${values.topic}` : values.title ? ` ${values.title}` : ''}`;
        const r = await submitEntry(form.action, check.data as never, label);
        if (r.status === 'failed') throw r.error;
        clearForm();
        return r.status === 'sent'
          ? { tone: r.result.count.counts ? 'ok' : 'warn', text: `已登记。${r.result.count.label}` }
          : r.reason === 'server'
            ? { tone: 'warn', text: r.message } // not the network: the service did not answer
            : { tone: 'warn', text: '网络不可用：已保存在手机上（待发送），恢复网络后自动发送' };
      },
      {
        ok: (n) => n,
        error: { offline: '网络不可用：修改需要联网，请恢复网络后再保存', other: '保存失败' },
        fieldPath: (p) => p.replace(/^entry\./, ''),
      },
    );
  };

  return (
    <View className="page" id={`log-${kind}`}>
      <Text className="title">{resultMode ? '补充调研成果' : `${recordId ? '修改' : '登记'}${recordKindLabels[kind]}`}</Text>
      <OutboxBanner state={outbox} />
      {form && !resultMode && <Text className="muted block">{form.hint}</Text>}
      <View className="card">
        {fields.map((f) => (
          <View key={f.key}>
            <Text className="label">{f.label}</Text>
            {f.type === 'textarea' ? (
              <Textarea
                className={`textarea${errors[f.key] ? ' input-error' : ''}`}
                id={`field-${f.key}`}
                value={values[f.key] ?? ''}
                onInput={(e) => set(f.key, e.detail.value)}
                maxlength={1000}
              />
            ) : (
              <Input
                className={`input${errors[f.key] ? ' input-error' : ''}`}
                id={`field-${f.key}`}
                type={f.type === 'number' ? 'number' : 'text'}
                placeholder={f.placeholder}
                value={values[f.key] ?? ''}
                onInput={(e) => set(f.key, e.detail.value)}
              />
            )}
            {f.type === 'date' && f.key === 'date' && (
              <View className="chips">
                {[0, 1, 2].map((n) => {
                  const d = todayInChina();
                  const date = n === 0 ? d : new Date(Date.parse(`${d}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
                  return (
                    <Text key={n} className={`chip${values.date === date ? ' on' : ''}`} onClick={() => set('date', date)}>
                      {['今天', '昨天', '前天'][n]}
                    </Text>
                  );
                })}
              </View>
            )}
            {errors[f.key] && <Text className="error">{errors[f.key]}</Text>}
          </View>
        ))}
        {!resultMode && (
          <View className="row">
            <Text className="muted">照片 {evidence.length} 张</Text>
            <Button className="btn-plain" size="mini" id="add-photo" onClick={() => void addPhoto()}>
              {kind === 'training' ? '添加签到表照片' : '添加照片（选填）'}
            </Button>
          </View>
        )}
        {!resultMode && photoError && (
          <Text className="error block" id="photo-error">
            {photoError}
          </Text>
        )}
        <Button className="btn" id="submit-entry" loading={busy} onClick={() => void submit()}>
          {recordId ? '保存修改' : '提交登记'}
        </Button>
        <NoticeText notice={notice} id="log-result" className={(n) => `result ${n.tone}`} />
      </View>
    </View>
  );
}
