import Taro from '@tarojs/taro';
import { applicationsApi, type ExportResult } from '../../../shared/api/applications';
import { createClient } from './client';
import { openExportedFile } from './download';
import { newRequestId } from './request-id';

/** The typed client of the `applications` function (same contracts the server validates with). */
export const applicationsClient = createClient('applications', applicationsApi);

/** Open an exported 申报书 or round workbook (see services/download.ts). */
export const openExport = (r: ExportResult) => openExportedFile(r);

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
      requestId: await newRequestId(),
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
    requestId: await newRequestId(),
  });
}
