import Taro from '@tarojs/taro';
import type * as Contract from './download';

export const openExportedFile: typeof Contract.openExportedFile = async (exported, fileType) => {
  if (!exported.url) throw new Error('文件链接生成失败，请稍后重试');
  const d = await Taro.downloadFile({ url: exported.url });
  if (d.statusCode !== 200) throw new Error('文件下载失败（链接可能已过期），请重新导出');
  await Taro.openDocument({ filePath: d.tempFilePath, ...(fileType ? { fileType } : {}), showMenu: true });
};
