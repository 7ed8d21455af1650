import Taro from '@tarojs/taro';
import type * as Contract from './download';

export const openExportedFile: typeof Contract.openExportedFile = async (exported, fileType) => {
  const d = await Taro.cloud.downloadFile({ fileID: exported.file.fileId });
  await Taro.openDocument({ filePath: d.tempFilePath, ...(fileType ? { fileType } : {}), showMenu: true });
};
