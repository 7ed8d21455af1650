import type { AttachmentView } from '@shared/api/applications';
import type { FileRef } from '@shared/schemas/common';

/**
 * Contract — pick a file and attach it to the application as `materialId`; null when the person
 * cancels. WeChat (attachments.weapp.ts): chooseMessageFile → cloud storage (wx.cloud.uploadFile) →
 * `attach` with the fileID. Browser (attachments.h5.ts, local host): a file input (a cancel answers null)
 * → the bytes straight into the local host's storage (POST /api/_local/upload, up to 50 MB) → `attach`.
 */
export declare function pickAndAttach(applicationId: string, materialId: string): Promise<(AttachmentView & { version: number }) | null>;

/**
 * Contract — pick a file with one of `extensions` (e.g. ['xlsx']) and put it into storage under `folder`
 * (e.g. a staff member's import folder); its FileRef (the fileID the function reads), or null when the
 * person cancels. WeChat: chooseMessageFile → wx.cloud.uploadFile; browser: a file input → the local
 * host's storage (POST /api/_local/upload). Nothing is recorded: the action given the fileID checks it.
 */
export declare function pickAndUpload(folder: string, extensions: readonly string[]): Promise<FileRef | null>;
