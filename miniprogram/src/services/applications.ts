import Taro from '@tarojs/taro';
import { applicationsApi, type ExportResult } from '../../../shared/api/applications';
import { createClient } from './client';

/** The typed client of the `applications` function (same contracts the server validates with). */
export const applicationsClient = createClient('applications', applicationsApi);

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** A crypto-random request id, made when the person acts; resending it is safe (the server applies it once). */
export async function requestId(): Promise<string> {
  if (process.env.TARO_ENV === 'weapp') {
    const res = await Taro.getRandomValues({ length: 16 });
    return `a${hex(new Uint8Array(res.randomValues))}`;
  }
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return `a${hex(bytes)}`;
}

export const formatSize = (bytes: number) =>
  bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export const mimeLabel = (mime: string) =>
  (
    ({
      'application/pdf': 'PDF',
      'image/jpeg': 'JPG 图片',
      'image/png': 'PNG 图片',
      'application/msword': 'Word',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
      'application/vnd.ms-excel': 'Excel',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
    }) as Record<string, string>
  )[mime] ?? mime;

const mimeOfName = (name: string): string => {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  return (
    (
      {
        pdf: 'application/pdf',
        jpg: 'image/jpeg',
        jpeg: 'image/jpeg',
        png: 'image/png',
        doc: 'application/msword',
        docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        xls: 'application/vnd.ms-excel',
        xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      } as Record<string, string>
    )[ext] ?? 'application/octet-stream'
  );
};

/**
 * Pick a file and attach it to the application as `materialId`. In WeChat: chooseMessageFile →
 * cloud storage (wx.cloud.uploadFile) → `attach` with the fileID. In the browser (local host):
 * a file input → `uploadAttachment` with the bytes (≤ 70 KB per call). Null when the person cancels.
 */
export async function pickAndAttach(applicationId: string, materialId: string) {
  if (process.env.TARO_ENV === 'weapp') {
    const picked = await Taro.chooseMessageFile({
      count: 1,
      type: 'file',
      extension: ['pdf', 'jpg', 'jpeg', 'png', 'doc', 'docx', 'xls', 'xlsx'],
    }).catch(() => null);
    const f = picked?.tempFiles[0];
    if (!f) return null;
    const up = await Taro.cloud.uploadFile({ cloudPath: `applications/${applicationId}/${Date.now()}-${f.name}`, filePath: f.path });
    return applicationsClient.attach({
      applicationId,
      materialId,
      file: { fileId: up.fileID, name: f.name, size: f.size, mime: mimeOfName(f.name) },
      requestId: await requestId(),
    });
  }
  const file = await new Promise<File | null>((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx';
    input.setAttribute('data-material', materialId);
    input.style.display = 'none';
    input.onchange = () => resolve(input.files?.[0] ?? null);
    document.body.appendChild(input);
    input.click();
    setTimeout(() => input.remove(), 60_000);
  });
  if (!file) return null;
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return applicationsClient.uploadAttachment({
    applicationId,
    materialId,
    name: file.name,
    mime: file.type || mimeOfName(file.name),
    base64: btoa(binary),
    requestId: await requestId(),
  });
}

/**
 * Save an export where the person can open it. Browser: a download of the bytes the answer carries.
 * WeChat: download the stored file from cloud storage and open it (Word/Excel preview, print, share).
 */
export async function openExport(result: ExportResult): Promise<void> {
  if (process.env.TARO_ENV === 'weapp') {
    const d = await Taro.cloud.downloadFile({ fileID: result.file.fileId });
    await Taro.openDocument({ filePath: d.tempFilePath, showMenu: true });
    return;
  }
  if (!result.base64) throw new Error('文件较大，请在微信中打开');
  const bin = atob(result.base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: result.file.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = result.file.name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
