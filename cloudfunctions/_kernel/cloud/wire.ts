import type { FileRef } from '../../../shared/schemas/common';
import { openCloudDb, type WxDatabaseSubset } from '../db/cloud';
import { bootstrapFromEnv, templateIdFor } from '../env';
import type { ContentCheck, Deps, Files, Notifier } from '../ports';
import { createStore } from '../store';

/**
 * Cloud adapters on wx-server-sdk. The SDK object is passed in by each function's index.ts,
 * so nothing here imports it at module load and tests never touch the real SDK.
 */
// biome-ignore lint/suspicious/noExplicitAny: the SDK's bundled types are incomplete (TOOLCHAIN.md)
type Sdk = any;

/** Point the SDK at the environment the function runs in (the SDK types its marker as a symbol; init accepts it). */
export function initCloud(cloud: Sdk): void {
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
}

export function cloudDeps(cloud: Sdk): Deps {
  const db = openCloudDb(cloud.database() as WxDatabaseSubset);
  const files: Files = {
    async put({ name, mime, bytes, ownerOpenid, folder }): Promise<FileRef> {
      const cloudPath = `${folder ?? `uploads/${ownerOpenid}`}/${Date.now()}-${name.replace(/[^\w.\u4e00-\u9fa5-]/g, '_')}`;
      const res = await cloud.uploadFile({ cloudPath, fileContent: Buffer.from(bytes) });
      return { fileId: res.fileID as string, name, size: bytes.byteLength, mime };
    },
    async read(fileId) {
      try {
        const res = await cloud.downloadFile({ fileID: fileId });
        return new Uint8Array(res.fileContent as Buffer);
      } catch {
        return null;
      }
    },
    async exists(fileId) {
      const res = await cloud.getTempFileURL({ fileList: [fileId] });
      return res.fileList?.[0]?.status === 0;
    },
    // The storage's own temporary URL (云存储 getTempFileURL): the bytes never pass through the function.
    async tempUrl({ fileId, ttlMs }) {
      const maxAge = Math.max(60, Math.round(ttlMs / 1000));
      const res = await cloud.getTempFileURL({ fileList: [{ fileID: fileId, maxAge }] });
      const f = res.fileList?.[0];
      if (f?.status !== 0 || !f.tempFileURL) return null;
      return { url: f.tempFileURL as string, expiresAt: Date.now() + maxAge * 1000 };
    },
  };
  const contentCheck: ContentCheck = {
    // security.msgSecCheck v2: honour `result.suggest` (pass / review / risky).
    async check({ text, openid, scene }) {
      const res = await cloud.openapi.security.msgSecCheck({ content: text, version: 2, scene, openid });
      return { suggest: res.result?.suggest ?? 'review', label: res.result?.label };
    },
  };
  const notifier: Notifier = {
    templateId: (key) => templateIdFor(key) ?? null,
    async send({ openid, templateKey, data, page }) {
      const templateId = templateIdFor(templateKey);
      if (!openid || !templateId) return { sent: false, detail: openid ? `未配置模板 ${templateKey}` : '该人员未绑定微信' };
      const payload = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, { value: v }]));
      try {
        await cloud.openapi.subscribeMessage.send({ touser: openid, templateId, page, data: payload, miniprogramState: 'formal' });
      } catch (e) {
        // 43101: the user has not accepted this template (or spent it) — not a failure to retry
        if (Number((e as { errCode?: unknown })?.errCode) === 43101 || /43101/.test(String((e as Error)?.message ?? e)))
          return { sent: false, unsubscribed: true, detail: '对方未订阅提醒或订阅次数已用完（43101）' };
        throw e;
      }
      return { sent: true };
    },
  };
  return {
    store: createStore(db),
    clock: { now: () => Date.now() },
    files,
    contentCheck,
    notifier,
    log: { error: (m, meta) => console.error(m, meta), info: (m, meta) => console.log(m, meta) },
    bootstrap: { current: bootstrapFromEnv },
  };
}
