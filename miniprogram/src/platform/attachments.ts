import type { AttachmentView } from '@shared/api/applications';

/**
 * Contract — pick a file and attach it to the application as `materialId`; null when the person
 * cancels. WeChat (attachments.weapp.ts): chooseMessageFile → cloud storage (wx.cloud.uploadFile) →
 * `attach` with the fileID. Browser (attachments.h5.ts, local host): a file input (a cancel answers null)
 * → the bytes straight into the local host's storage (POST /api/_local/upload, up to 50 MB) → `attach`.
 */
export declare function pickAndAttach(applicationId: string, materialId: string): Promise<(AttachmentView & { version: number }) | null>;
