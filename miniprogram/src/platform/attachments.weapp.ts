import Taro from '@tarojs/taro';
import { mimeOfName } from '../lib/mime';
import { applicationsClient } from '../services/applications';
import type * as Contract from './attachments';
import { newRequestId } from './request-id';

export const pickAndAttach: typeof Contract.pickAndAttach = async (applicationId, materialId) => {
  const picked = await Taro.chooseMessageFile({
    count: 1,
    type: 'file',
    extension: ['pdf', 'jpg', 'jpeg', 'png', 'doc', 'docx', 'xls', 'xlsx'],
  }).catch(() => null);
  const f = picked?.tempFiles[0];
  if (!f) return null;
  const up = await Taro.cloud.uploadFile({ cloudPath: `applications/${applicationId}/${Date.now()}-${f.name}`, filePath: f.path });
  return applicationsClient.attach({
    applicationId,
    materialId,
    file: { fileId: up.fileID, name: f.name, size: f.size, mime: mimeOfName(f.name) },
    requestId: await newRequestId(),
  });
};

export const pickAndUpload: typeof Contract.pickAndUpload = async (folder, extensions) => {
  const picked = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: [...extensions] }).catch(() => null);
  const f = picked?.tempFiles[0];
  if (!f) return null;
  const up = await Taro.cloud.uploadFile({ cloudPath: `${folder}/${Date.now()}-${f.name}`, filePath: f.path });
  return { fileId: up.fileID, name: f.name, size: f.size, mime: mimeOfName(f.name) };
};
