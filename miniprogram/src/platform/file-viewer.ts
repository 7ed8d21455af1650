/**
 * Contract — show a stored file from its short-lived URL (issue 15, finding 8). WeChat
 * (file-viewer.weapp.ts): a photo in the image previewer (previewImage); a PDF or Office document is
 * downloaded (downloadFile) and opened in WeChat's document viewer (openDocument). Browser
 * (file-viewer.h5.ts, local host): a photo in Taro's in-page image viewer; a document in a new tab (the
 * browser's PDF viewer, or a download for Office files). `name` decides which (its extension).
 */
export declare function showFile(url: string, name: string): Promise<void>;

/** The kind of viewer a file name calls for. */
export type ViewerKind = 'image' | 'document';
