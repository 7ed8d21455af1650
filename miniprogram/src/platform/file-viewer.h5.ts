import Taro from '@tarojs/taro';
import { viewerKindOf } from '../lib/file-kind';
import type * as Contract from './file-viewer';

export const showFile: typeof Contract.showFile = async (url, name) => {
  if (viewerKindOf(name, url) === 'image') {
    // Taro's h5 previewImage: an in-page viewer over the page (tap to close)
    await Taro.previewImage({ urls: [url], current: url });
    return;
  }
  // a document in a new tab: the browser's PDF viewer, or a download for Word / Excel
  const a = document.createElement('a');
  a.href = url;
  a.target = '_blank';
  a.rel = 'noopener';
  a.setAttribute('data-file-link', name);
  document.body.appendChild(a);
  a.click();
  a.remove();
};
