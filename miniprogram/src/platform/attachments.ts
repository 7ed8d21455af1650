import type { AttachmentView } from '@shared/api/applications';

/**
 * Contract — pick a file and attach it to the application as `materialId`; null when the person
 * cancels. WeChat (attachments.weapp.ts): chooseMessageFile → cloud storage (wx.cloud.uploadFile) →
 * `attach` with the fileID. Browser (attachments.h5.ts, local host): a file input → `uploadAttachment`
 * with the bytes (≤ 70 KB per call).
 */
export declare function pickAndAttach(applicationId: string, materialId: string): Promise<(AttachmentView & { version: number }) | null>;
