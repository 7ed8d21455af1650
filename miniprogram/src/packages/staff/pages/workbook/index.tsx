import type { ImportAnswer } from '@shared/api/org';
import { importFolderOf } from '@shared/rules/org-import';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { NoticeText } from '../../../../components/NoticeText';
import { useAction } from '../../../../hooks/useAction';
import { useMe } from '../../../../hooks/useMe';
import { addCounts, issuesBySheet } from '../../../../lib/org-forms';
import { pickAndUpload } from '../../../../platform/attachments';
import { openExportedFile } from '../../../../platform/download';
import { newRequestId } from '../../../../platform/request-id';
import { orgClient } from '../../../../services/org';
import '../org/org.css';

type Counts = Record<string, { create: number; update: number; unchanged: number }>;

/**
 * An import under way, kept on the phone (storage) so it resumes after a failure or after the page (or
 * the app) was closed: the file, the step to continue from, and that step's request id — a step whose
 * answer was lost is sent again with the same id, so the server applies it once.
 */
interface PendingImport {
  fileId: string;
  fileName: string;
  from: number;
  requestId: string | null;
  done: number;
  total: number;
  counts: Counts;
}
const storageKey = (personId: string) => `org-import:${personId}`;
const readPending = (personId: string): PendingImport | null => {
  try {
    const v = Taro.getStorageSync(storageKey(personId)) as PendingImport | '';
    return v && typeof v === 'object' && typeof v.fileId === 'string' ? v : null;
  } catch {
    return null;
  }
};
const writePending = (personId: string, p: PendingImport | null) => {
  if (p) Taro.setStorageSync(storageKey(personId), p);
  else Taro.removeStorageSync(storageKey(personId));
};

const sumOf = (c: Counts, k: 'create' | 'update' | 'unchanged') => Object.values(c).reduce((s, x) => s + x[k], 0);

/**
 * 导入导出 (issue 13, items 3–4): download the template or the whole organisation; upload a workbook
 * (to storage, then its fileID), see its preview per sheet (新增 / 更新 / 无变化) with every error as
 * 第 N 行 · 列名 · 说明; 确认导入 applies it in steps with a progress bar and resumes where it stopped.
 */
export default function Workbook() {
  const { me } = useMe();
  const personId = me?.person?.id ?? null;
  const [file, setFile] = useState<{ fileId: string; name: string } | null>(null);
  const [preview, setPreview] = useState<ImportAnswer | null>(null);
  const [pending, setPending] = useState<PendingImport | null>(null);
  const [finished, setFinished] = useState<{ counts: Counts; total: number } | null>(null);
  const action = useAction();

  // an import left unfinished (a failure, the page or the app closed) is offered to continue
  useEffect(() => {
    if (personId) setPending(readPending(personId));
  }, [personId]);

  const download = (which: 'template' | 'org') =>
    action.run(
      async () => {
        const r = which === 'template' ? await orgClient.exportTemplate({}) : await orgClient.exportOrg({});
        await openExportedFile(r, 'xlsx');
      },
      { key: which, ok: which === 'template' ? '模板已生成' : '已导出全部组织机构', error: { fields: 'first' } },
    );

  const upload = () =>
    action.run(
      async () => {
        if (!personId) throw new Error('正在读取您的身份，请稍后再试');
        const ref = await pickAndUpload(importFolderOf(personId), ['xlsx']);
        if (!ref) return null;
        setFile({ fileId: ref.fileId, name: ref.name });
        setPreview(null);
        setFinished(null);
        const answer = await orgClient.importWorkbook({ requestId: await newRequestId(), fileId: ref.fileId, mode: 'preview', from: 0 });
        setPreview(answer);
        return answer;
      },
      {
        key: 'upload',
        ok: (a) =>
          a === null
            ? null
            : a.errors.length
              ? { tone: 'warn', text: `发现 ${a.errors.length} 处错误，请在表格中改正后重新上传` }
              : '检查通过，可以确认导入',
        error: { fields: 'first' },
      },
    );

  /** Apply the file step by step from `start` (a new import, or one resumed). */
  const commit = async (start: PendingImport) => {
    if (!personId) return;
    let cur = start;
    setPending(cur);
    writePending(personId, cur);
    await action.run(
      async () => {
        for (;;) {
          const requestId = cur.requestId ?? (await newRequestId());
          cur = { ...cur, requestId };
          writePending(personId, cur);
          const a = await orgClient.importWorkbook({ requestId, fileId: cur.fileId, mode: 'commit', from: cur.from });
          if (a.errors.length) {
            // the file no longer passes (changed since the preview): nothing more is applied
            setPreview(a);
            writePending(personId, null);
            setPending(null);
            throw new Error(`导入已停止：发现 ${a.errors.length} 处错误，请改正后重新上传`);
          }
          const counts = addCounts(cur.counts, a);
          if (a.next === null) {
            writePending(personId, null);
            setPending(null);
            setFinished({ counts, total: a.total });
            setPreview(null);
            setFile(null);
            return counts;
          }
          cur = { ...cur, from: a.next, requestId: null, done: a.done, total: a.total, counts };
          writePending(personId, cur);
          setPending(cur);
        }
      },
      {
        key: 'commit',
        ok: (c) => `导入完成：新增 ${sumOf(c, 'create')} 行，更新 ${sumOf(c, 'update')} 行，无变化 ${sumOf(c, 'unchanged')} 行`,
        error: { offline: '网络中断，导入已暂停；已完成的部分已保存，恢复网络后点“继续导入”' },
      },
    );
  };

  const startCommit = () => {
    if (committing || !file || !preview || preview.errors.length) return;
    const total = preview.sheets.reduce((s, x) => s + x.create.length + x.update.length + x.unchanged.length, 0);
    void commit({ fileId: file.fileId, fileName: file.name, from: 0, requestId: null, done: 0, total, counts: {} });
  };

  const committing = action.busyKey === 'commit';
  const groups = preview ? issuesBySheet(preview) : [];
  const percent = pending && pending.total > 0 ? Math.min(100, Math.round((pending.done / pending.total) * 100)) : 0;

  return (
    <View className="page" id="workbook">
      <Text className="title">导入导出</Text>
      <View className="card">
        <Text className="subtitle">下载</Text>
        <Text className="muted">
          模板含学会、建站单位、服务站、人员、团队成员各一张表和“说明”；导出的表带编号列，改好后可直接导入更新。
        </Text>
        <View className="org-actions">
          <Button className="btn-plain" id="download-template" onClick={() => void download('template')}>
            {action.busyKey === 'template' ? '正在生成…' : '下载模板'}
          </Button>
          <Button className="btn-plain" id="export-org" onClick={() => void download('org')}>
            {action.busyKey === 'org' ? '正在导出…' : '导出全部'}
          </Button>
        </View>
      </View>

      {pending && !committing ? (
        <View className="card" id="import-resume">
          <Text className="warn">
            上次导入“{pending.fileName}”未完成（已完成 {pending.done} / {pending.total} 步）
          </Text>
          <Button className="btn" id="import-continue" onClick={() => void commit(pending)}>
            继续导入
          </Button>
        </View>
      ) : null}

      <View className="card">
        <Text className="subtitle">导入</Text>
        <Button
          className="btn"
          id="upload-workbook"
          onClick={() => {
            // no `disabled`/`loading` prop: a Taro h5 button given one greys or blanks its label; a tap while importing is ignored
            if (!committing) void upload();
          }}
        >
          {action.busyKey === 'upload' ? '正在检查…' : '上传工作簿（.xlsx）'}
        </Button>
        {file ? <Text className="muted">已上传：{file.name}</Text> : null}
      </View>

      <NoticeText notice={action.notice} id="workbook-notice" />

      {committing && pending ? (
        <View className="card" id="import-progress" data-done={pending.done} data-total={pending.total}>
          <Text className="subtitle">正在导入…</Text>
          <View className="bar">
            <View className="bar-fill" style={{ width: `${percent}%` }} />
          </View>
          <Text className="org-progress-text">
            已完成 {pending.done} / {pending.total} 步（{percent}%）
          </Text>
        </View>
      ) : null}

      {preview ? (
        <View className="card" id="import-preview" data-errors={preview.errors.length}>
          <Text className="subtitle">检查结果</Text>
          <View className="org-table">
            <View className="org-tr head">
              <Text className="org-td first">工作表</Text>
              <Text className="org-td">新增</Text>
              <Text className="org-td">更新</Text>
              <Text className="org-td">无变化</Text>
              <Text className="org-td">错误</Text>
            </View>
            {preview.sheets.map((s) => {
              const errs = preview.errors.filter((e) => e.sheet === s.sheet).length;
              return (
                <View key={s.sheet} className="org-tr" data-sheet={s.sheet}>
                  <Text className="org-td first">{s.sheet}</Text>
                  <Text className="org-td" data-count="create">
                    {s.create.length}
                  </Text>
                  <Text className="org-td" data-count="update">
                    {s.update.length}
                  </Text>
                  <Text className="org-td" data-count="unchanged">
                    {s.unchanged.length}
                  </Text>
                  <Text className={`org-td ${errs ? 'err' : ''}`} data-count="errors">
                    {errs}
                  </Text>
                </View>
              );
            })}
          </View>
          {groups.length ? (
            <View id="import-errors">
              <Text className="error">共 {preview.errors.length} 处错误，改正后重新上传（有错误的文件不会导入）：</Text>
              {groups.map((g) => (
                <View key={g.sheet} data-error-sheet={g.sheet}>
                  <Text className="field-label">{g.sheet}</Text>
                  {g.lines.map((line) => (
                    <Text key={line} className="org-issue">
                      {line}
                    </Text>
                  ))}
                </View>
              ))}
            </View>
          ) : (
            <Button className="btn" id="import-commit" onClick={startCommit}>
              确认导入
            </Button>
          )}
        </View>
      ) : null}

      {finished ? (
        <View className="card" id="import-finished">
          <Text className="subtitle">导入完成</Text>
          <View className="bar">
            <View className="bar-fill done" style={{ width: '100%' }} />
          </View>
          <View className="org-table">
            <View className="org-tr head">
              <Text className="org-td first">工作表</Text>
              <Text className="org-td">新增</Text>
              <Text className="org-td">更新</Text>
              <Text className="org-td">无变化</Text>
            </View>
            {Object.entries(finished.counts).map(([sheet, c]) => (
              <View key={sheet} className="org-tr">
                <Text className="org-td first">{sheet}</Text>
                <Text className="org-td">{c.create}</Text>
                <Text className="org-td">{c.update}</Text>
                <Text className="org-td">{c.unchanged}</Text>
              </View>
            ))}
          </View>
        </View>
      ) : null}
      {action.notice?.tone === 'err' && !committing && pending ? (
        <Text className="muted" id="import-resume-hint">
          已完成的部分已保存，点上方“继续导入”从中断处继续
        </Text>
      ) : null}
    </View>
  );
}
