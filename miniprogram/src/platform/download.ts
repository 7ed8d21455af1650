import type { FileRef } from '@shared/schemas/common';

/**
 * Contract — open an exported document (.docx / .xlsx). WeChat (download.weapp.ts): download the
 * stored file by its fileID and open it (a function's answer is small, so the bytes never travel
 * through it). Browser (download.h5.ts, local host): save the inline base64 copy as a download.
 */
export declare function openExportedFile(exported: { file: FileRef; base64?: string | null }, fileType?: 'xlsx' | 'docx'): Promise<void>;
