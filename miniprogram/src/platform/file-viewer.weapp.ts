import Taro from '@tarojs/taro';
import { viewerKindOf } from '../lib/file-kind';
import type * as Contract from './file-viewer';

export const showFile: typeof Contract.showFile = async (url, name) => {
  if (viewerKindOf(name, url) === 'image') {
    await Taro.previewImage({ urls: [url], current: url });
    return;
  }
  const d = await Taro.downloadFile({ url });
  if (d.statusCode !== 200)
    throw new Error(d.statusCode === 403 || d.statusCode === 404 ? '文件链接已失效，请重新打开' : '文件下载失败，请稍后重试');
  const ext = name.toLowerCase().split('.').pop() ?? '';
  const fileType = (['pdf', 'doc', 'docx', 'xls', 'xlsx'] as const).find((t) => t === ext);
  await Taro.openDocument({ filePath: d.tempFilePath, ...(fileType ? { fileType } : {}), showMenu: true });
};
