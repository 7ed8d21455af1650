import Taro from '@tarojs/taro';
import type * as Contract from './evidence';
import { newRequestId } from './request-id';

export const pickEvidence: typeof Contract.pickEvidence = async (stationId) => {
  const chosen = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sizeType: ['compressed'] }).catch(() => null);
  const file = chosen?.tempFiles[0];
  if (!file) return null;
  const name = `${Date.now()}-${(await newRequestId()).slice(1, 9)}.jpg`;
  const up = await Taro.cloud.uploadFile({ cloudPath: `evidence/${stationId}/${name}`, filePath: file.tempFilePath });
  return { fileId: up.fileID, name, size: file.size, mime: 'image/jpeg' };
};
