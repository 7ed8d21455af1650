import type { InstallAnswer, ProgrammeDefinitionRow } from '@shared/api/org';
import { chinaDateOf } from '@shared/calendar/china-time';
import { Button, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { NoticeText } from '../../../../components/NoticeText';
import { useAction } from '../../../../hooks/useAction';
import { useMe } from '../../../../hooks/useMe';
import { newRequestId } from '../../../../platform/request-id';
import { pickTextFile } from '../../../../platform/text-file';
import { orgClient } from '../../../../services/org';
import '../org/org.css';
import './index.css';

/** A definition file is small (the largest built-in is about 60 KB); the call carries it inline. */
const MAX_BYTES = 200 * 1024;

/**
 * 项目定义 (issue 16 item 6): the programmes this city can run — the built-in ones and every installed
 * version — and installing a definition file: choose the file → see it checked and its rules as they
 * will apply (预览) → 确认安装 stores it as a new version (the same file again stays the version it is).
 * No new release of the app is needed: a round opened afterwards uses it and the forms render from it.
 */
export default function Programmes() {
  const { me } = useMe();
  const isCity = Boolean(me?.bindings.some((b) => b.role === 'cityStaff'));
  const [rows, setRows] = useState<ProgrammeDefinitionRow[] | null>(null);
  const [file, setFile] = useState<{ name: string; definition: unknown } | null>(null);
  const [preview, setPreview] = useState<InstallAnswer | null>(null);
  const action = useAction();

  const load = () =>
    action.run(async () => setRows(await orgClient.listProgrammeDefinitions({})), { key: 'load', error: { fields: 'first' } });
  useDidShow(() => void load());

  const choose = () =>
    action.run(
      async () => {
        const picked = await pickTextFile(['json'], MAX_BYTES);
        if (!picked) return null;
        let definition: unknown;
        try {
          definition = JSON.parse(picked.text);
        } catch {
          throw new Error(`「${picked.name}」不是有效的 JSON 文件，请检查后重新选择`);
        }
        setFile({ name: picked.name, definition });
        setPreview(null);
        const answer = await orgClient.installProgramme({
          requestId: await newRequestId(),
          definition,
          fileName: picked.name,
          mode: 'preview',
        });
        setPreview(answer);
        return answer;
      },
      {
        key: 'choose',
        ok: (a) =>
          a === null
            ? null
            : !a.ok
              ? { tone: 'warn', text: `定义文件有 ${a.errors.length} 处问题，请改正后重新选择` }
              : a.isNew
                ? `检查通过：将安装为 ${a.version}`
                : `该文件已安装为 ${a.version}，无需重复安装`,
        error: { fields: 'first' },
      },
    );

  const install = () =>
    action.run(
      async () => {
        if (!file) return null;
        const answer = await orgClient.installProgramme({
          requestId: await newRequestId(),
          definition: file.definition,
          fileName: file.name,
          mode: 'commit',
        });
        setFile(null);
        setPreview(null);
        setRows(await orgClient.listProgrammeDefinitions({}));
        return answer;
      },
      {
        key: 'install',
        ok: (a) => (a === null ? null : a.isNew ? `已安装「${a.title}」${a.version}` : `「${a.title}」${a.version} 已安装，未重复写入`),
        error: { fields: 'first' },
      },
    );

  return (
    <View className="page" id="programmes">
      <Text className="title">项目定义</Text>
      <Text className="muted">
        内置项目随小程序发布；安装的项目定义按版本保存，申报批次开始时记下所用版本，之后安装新版本不影响已开始的批次。
      </Text>
      {action.notice && (
        <View>
          <NoticeText notice={action.notice} id="notice" />
        </View>
      )}

      {isCity && (
        <View className="card" id="install">
          <Text className="subtitle">安装项目定义</Text>
          <Text className="muted">选择定义文件（.json），先检查并预览规则，确认后安装。</Text>
          <Button className="btn-plain" id="choose-definition" onClick={() => void (action.busy ? null : choose())}>
            {action.busyKey === 'choose' ? '正在检查…' : '选择定义文件'}
          </Button>
          {file && <Text className="muted">文件：{file.name}</Text>}
          {preview && !preview.ok && (
            <View id="definition-errors">
              <Text className="error">定义文件有以下问题：</Text>
              {preview.errors.map((e) => (
                <View key={`${e.path}:${e.message}`} className="definition-error">
                  <Text className="error">
                    {e.path}：{e.message}
                  </Text>
                </View>
              ))}
            </View>
          )}
          {preview?.ok && (
            <View id="definition-preview">
              <View>
                <Text className="value">
                  {preview.city}·{preview.title}（{preview.isNew ? `将安装为 ${preview.version}` : `已安装为 ${preview.version}`}）
                </Text>
              </View>
              <Text className="subtitle">申报类别与表单</Text>
              {preview.kinds.map((k) => (
                <View key={k.id}>
                  <Text className="muted">
                    {k.label}：{k.formTitle}（{k.fields} 项）
                  </Text>
                </View>
              ))}
              <Text className="subtitle">规则（共 {preview.rules.length} 条）</Text>
              {preview.rules.map((r) => (
                <View key={r.ruleId} className="rule-line">
                  <Text>
                    {r.clause ? `【${r.clause}】` : ''}
                    {r.text}
                  </Text>
                </View>
              ))}
              {preview.isNew && (
                <Button className="btn" id="install-definition" onClick={() => void (action.busy ? null : install())}>
                  {action.busyKey === 'install' ? '正在安装…' : `确认安装 ${preview.version}`}
                </Button>
              )}
            </View>
          )}
        </View>
      )}

      <View className="card" id="definitions">
        <Text className="subtitle">已有项目</Text>
        {rows === null && <Text className="muted">加载中…</Text>}
        {rows?.map((r) => (
          <View key={`${r.programmeId}:${r.version}`} className="definition-row" data-programme={r.programmeId} data-version={r.version}>
            <View className="row">
              <Text className="value">
                {r.city}·{r.title}
              </Text>
              <Text className={`tag ${r.latest && r.version !== 'builtin' ? 'tag-green' : ''}`}>
                {r.version === 'builtin' ? '内置' : r.version}
              </Text>
            </View>
            {r.installedAt !== null && (
              <Text className="muted">
                {chinaDateOf(r.installedAt)} 安装{r.fileName ? ` · ${r.fileName}` : ''}
                {r.latest ? ' · 新批次使用此版本' : ''}
              </Text>
            )}
          </View>
        ))}
      </View>
    </View>
  );
}
