import type { ViewerKind } from '../platform/file-viewer';

const IMAGE = /\.(jpe?g|png|webp|gif)$/i;

/**
 * Photos open in the image viewer; everything else (PDF, Word, Excel) as a document. Judged by the
 * file's name, else by the URL's path (a storage path ends with the stored name).
 */
export function viewerKindOf(name: string, url = ''): ViewerKind {
  if (IMAGE.test(name.trim())) return 'image';
  let path = url.split(/[?#]/)[0] ?? '';
  try {
    path = decodeURIComponent(path);
  } catch {
    // a malformed escape: judge the path as it is
  }
  return IMAGE.test(path) ? 'image' : 'document';
}
