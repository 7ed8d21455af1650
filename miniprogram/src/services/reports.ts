import Taro from '@tarojs/taro';
import { type ExportFile, reportsApi } from '../../../shared/api/reports';
import { createClient } from './client';

export const reportsClient = createClient('reports', reportsApi);

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** A crypto-random request id made when the person taps; the server answers a repeat with the first result. */
export async function newRequestId(): Promise<string> {
  if (process.env.TARO_ENV === 'weapp') {
    const res = await Taro.getRandomValues({ length: 16 });
    return `r${hex(new Uint8Array(res.randomValues))}`;
  }
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return `r${hex(bytes)}`;
}

/**
 * Open an exported workbook: in WeChat download the stored file by its fileID and open it (the
 * answer of a cloud function is small, so the bytes never travel through it); in the browser (local
 * host) save the inline copy as a download.
 */
export async function openXlsx(f: ExportFile): Promise<void> {
  if (process.env.TARO_ENV === 'weapp') {
    const d = await Taro.cloud.downloadFile({ fileID: f.file.fileId });
    await Taro.openDocument({ filePath: d.tempFilePath, fileType: 'xlsx', showMenu: true });
    return;
  }
  if (!f.base64) throw new Error('文件较大，请在微信中打开');
  const bin = atob(f.base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: f.file.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = f.file.name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const gradeClass = (g: string | null) => (g === '优秀' ? 'tag-green' : g === '合格' ? '' : g === '不合格' ? 'tag-red' : '');
export const riskClass = { red: 'tag-red', amber: 'tag-amber', green: 'tag-green' } as const;
export const yuan = (n: number | null, caseByCase: boolean) =>
  caseByCase ? '一事一议' : n === null ? '—' : `${n.toLocaleString('en-US')} 元`;
