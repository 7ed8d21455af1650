import type { FileRef } from '@shared/schemas/common';

/**
 * Contract — open an exported document (.docx / .xlsx). The function stored it and answered with a
 * temporary URL it signed (and a small inline copy): WeChat (download.weapp.ts) downloads that URL and
 * opens it — not `cloud.downloadFile` by fileID, which the storage rule refuses for a file the function
 * uploaded (it has no owner OPENID); browser (download.h5.ts, local host): saves the inline copy, or the
 * URL's bytes, as a download.
 */
export declare function openExportedFile(
  exported: { file: FileRef; url?: string | null; base64?: string | null },
  fileType?: 'xlsx' | 'docx',
): Promise<void>;
