import Taro from '@tarojs/taro';
import type * as Contract from './text-file';

export const pickTextFile: typeof Contract.pickTextFile = async (extensions, maxBytes) => {
  let chosen: Taro.chooseMessageFile.SuccessCallbackResult;
  try {
    chosen = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: [...extensions] });
  } catch {
    return null; // cancelled
  }
  const file = chosen.tempFiles[0];
  if (!file) return null;
  if (file.size > maxBytes) throw new Error(`文件超过 ${Math.round(maxBytes / 1024)} KB，无法读取`);
  const text = Taro.getFileSystemManager().readFileSync(file.path, 'utf8');
  return { name: file.name, text: typeof text === 'string' ? text : '' };
};
