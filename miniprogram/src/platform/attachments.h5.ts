import type { Answer } from '@shared/errors';
import type { FileRef } from '@shared/schemas/common';
import { mimeOfName } from '../lib/mime';
import { applicationsClient } from '../services/applications';
import { ApiError } from '../services/errors';
import type * as Contract from './attachments';
import { newRequestId } from './request-id';
import { localSession } from './session';

/** After the page gets focus back from the file chooser, how long a `change` may still take to arrive. */
const CHOOSER_SETTLE_MS = 1500;

/**
 * The browser's file chooser: the chosen file, or null when the person cancels — by the input's
 * `cancel` event, or, where a browser has none, by the page getting focus back with nothing chosen.
 * Before (issue 15, finding 15) a cancel never answered, so the button stayed "正在上传…" and every
 * later upload waited behind it until a reload.
 */
function chooseFile(accept: string, materialId: string): Promise<File | null> {
  return new Promise<File | null>((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.setAttribute('data-material', materialId);
    input.style.display = 'none';
    let done = false;
    const finish = (file: File | null) => {
      if (done) return;
      done = true;
      window.removeEventListener('focus', onFocus);
      input.remove();
      resolve(file);
    };
    const onFocus = () => setTimeout(() => finish(input.files?.[0] ?? null), CHOOSER_SETTLE_MS);
    input.addEventListener('change', () => finish(input.files?.[0] ?? null));
    input.addEventListener('cancel', () => finish(null));
    document.body.appendChild(input);
    input.click();
    // the chooser takes the focus while open: its return without a change is a cancel
    setTimeout(() => window.addEventListener('focus', onFocus), 0);
  });
}

/**
 * The browser's wx.cloud.uploadFile: the bytes go straight to storage on the local host (no base64, no
 * 100 KB call limit — a 1.5 MB PDF was refused before), under this application's folder; `attach` then
 * checks the file and records it, exactly as in WeChat. Failures say what happened: nothing is kept
 * on the phone for an upload, so never "已保存在手机上".
 */
async function uploadToStorage(folder: string, file: File, mime: string): Promise<FileRef> {
  const q = new URLSearchParams({ folder, name: file.name, mime });
  let res: Response;
  try {
    res = await fetch(`/api/_local/upload?${q.toString()}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'x-local-openid': localSession.get() },
      body: file,
    });
  } catch {
    throw new Error('上传失败：无法连接服务器，文件没有保存，请检查网络后重新上传');
  }
  let answer: Answer<FileRef> | null = null;
  try {
    answer = (await res.json()) as Answer<FileRef>;
  } catch {
    answer = null;
  }
  if (!answer) throw new Error(`上传失败（服务器返回 ${res.status}），文件没有保存，请稍后重新上传`);
  if (!answer.ok) throw new ApiError(answer.error);
  return answer.data;
}

export const pickAndAttach: typeof Contract.pickAndAttach = async (applicationId, materialId) => {
  const file = await chooseFile('.pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx', materialId);
  if (!file) return null;
  const mime = file.type || mimeOfName(file.name);
  const stored = await uploadToStorage(`applications/${applicationId}`, file, mime);
  return applicationsClient.attach({
    applicationId,
    materialId,
    file: { ...stored, name: file.name, mime },
    requestId: await newRequestId(),
  });
};

export const pickAndUpload: typeof Contract.pickAndUpload = async (folder, extensions) => {
  const file = await chooseFile(extensions.map((x) => `.${x}`).join(','), folder);
  if (!file) return null;
  const mime = file.type || mimeOfName(file.name);
  const stored = await uploadToStorage(folder, file, mime);
  return { ...stored, name: file.name, mime };
};
