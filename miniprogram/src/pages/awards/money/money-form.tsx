import type { MoneyPage } from '@shared/api/awards-money';
import { fenText } from '@shared/programmes/post-award';
import { parseYuan } from '@shared/rules/post-award/award';
import type { FileRef } from '@shared/schemas/common';
import { Button, Input, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { ErrorText } from '../../../components/ErrorText';
import { Invalid } from '../../../hooks/useAction';
import { pickAndUpload } from '../../../platform/attachments';
import { awardsClient } from '../../../services/awards';
import { errorText } from '../../../services/errors';

/**
 * What the money pages share (issue 14 item 3): the subject from the page's query (`type` award |
 * station, `id`), loading its money view, an amount typed in 元 (up to two decimals, read exactly into
 * 分 — never through a float), and the voucher / receipt list (photos or PDF, uploaded to the subject's
 * folder and checked by the action that names them).
 */
export type Subject = MoneyPage['subject'];

export function useSubject(): Subject | null {
  const { params } = useRouter();
  const type = params.type === 'station' ? 'station' : params.type === 'award' ? 'award' : null;
  return type && params.id ? { type, id: decodeURIComponent(params.id) } : null;
}

export const moneyQuery = (s: Subject) => `type=${s.type}&id=${encodeURIComponent(s.id)}`;

/** The subject's money page, reloaded on demand; the error in Chinese when it cannot be read. */
export function useMoneyPage(subject: Subject | null) {
  const [page, setPage] = useState<MoneyPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    if (!subject) {
      setError('缺少项目或服务站编号');
      return;
    }
    try {
      setPage(await awardsClient.moneyView({ subject }));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: load once per subject
  useEffect(() => {
    void load();
  }, [subject?.type, subject?.id]);
  return { page, error, load };
}

/** 分 from what was typed, or an Invalid marking `field`. */
export function fenOf(text: string, field = 'amountFen'): number {
  const fen = parseYuan(text);
  if (fen === null) throw new Invalid({ [field]: '金额格式不正确：请填写元，最多两位小数' });
  if (fen <= 0) throw new Invalid({ [field]: '金额必须大于 0' });
  return fen;
}

export function AmountField({
  id,
  value,
  error,
  hint,
  onInput,
}: {
  id: string;
  value: string;
  error?: string | undefined;
  hint?: string | undefined;
  onInput: (v: string) => void;
}) {
  const fen = parseYuan(value);
  return (
    <View>
      <View className="row">
        <Input
          id={id}
          className={`input${error ? ' input-error' : ''}`}
          type="digit"
          placeholder="金额（元），如 1234.56"
          value={value}
          onInput={(e) => onInput(e.detail.value)}
        />
        <Text className="muted">元</Text>
      </View>
      {fen !== null && fen > 0 ? <Text className="muted mn-block">即 {fenText(fen)}</Text> : null}
      {hint ? <Text className="muted mn-block">{hint}</Text> : null}
      <ErrorText message={error} />
    </View>
  );
}

/** The voucher / receipt list: upload (photo or PDF), remove; the action checks each file. */
export function VoucherField({
  id,
  label,
  folder,
  files,
  error,
  onChange,
  onError,
}: {
  id: string;
  label: string;
  folder: string;
  files: FileRef[];
  error?: string | undefined;
  onChange: (files: FileRef[]) => void;
  onError: (text: string) => void;
}) {
  const [busy, setBusy] = useState(false);
  const add = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const ref = await pickAndUpload(folder, ['pdf', 'jpg', 'jpeg', 'png']);
      if (ref) onChange([...files, ref]);
    } catch (e) {
      onError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View>
      {files.map((f) => (
        <View key={f.fileId} className="row">
          <Text className="mn-block">📎 {f.name}</Text>
          <Text className="btn-plain btn-mini" onClick={() => onChange(files.filter((x) => x.fileId !== f.fileId))}>
            移除
          </Text>
        </View>
      ))}
      <Button className={`btn-plain${error ? ' input-error' : ''}`} id={id} onClick={() => void add()}>
        {busy ? '正在上传…' : `上传${label}（照片或 PDF）`}
      </Button>
      <ErrorText message={error} />
    </View>
  );
}
