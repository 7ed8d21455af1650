import Taro from '@tarojs/taro';
import type { FileRef } from '../../../shared/schemas/common';

/**
 * Open an exported document (.docx / .xlsx): in WeChat download the stored file by its fileID and
 * open it (a function's answer is small, so the bytes never travel through it); in the browser
 * (local host) save the inline base64 copy as a download.
 */
export async function openExportedFile(exported: { file: FileRef; base64?: string | null }, fileType?: 'xlsx' | 'docx'): Promise<void> {
  if (process.env.TARO_ENV === 'weapp') {
    const d = await Taro.cloud.downloadFile({ fileID: exported.file.fileId });
    await Taro.openDocument({ filePath: d.tempFilePath, ...(fileType ? { fileType } : {}), showMenu: true });
    return;
  }
  if (!exported.base64) throw new Error('文件较大，请在微信中打开');
  const bin = atob(exported.base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: exported.file.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = exported.file.name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
