/**
 * Issue 15, finding 8: how WeChat shows a stored file from its temporary URL
 * (miniprogram/src/platform/file-viewer.weapp.ts): a photo in the image previewer; a PDF or Office file
 * downloaded and opened in the document viewer with its type; a failed download said in Chinese.
 * WeChat is replaced by a recording fake.
 */
const calls: { name: string; arg: any }[] = [];
let downloadStatus = 200;
jest.mock('@tarojs/taro', () => {
  const record = (name: string, arg: unknown) => calls.push({ name, arg });
  const Taro = {
    previewImage: async (arg: unknown) => record('previewImage', arg),
    downloadFile: async (arg: unknown) => {
      record('downloadFile', arg);
      return { statusCode: downloadStatus, tempFilePath: 'wxfile://tmp/doc' };
    },
    openDocument: async (arg: unknown) => record('openDocument', arg),
  };
  return { __esModule: true, default: Taro, ...Taro };
});

import { viewerKindOf } from '../../../miniprogram/src/lib/file-kind';
import { showFile } from '../../../miniprogram/src/platform/file-viewer.weapp';

const URL = 'https://7465-env.tcb.qcloud.la/applications/ap_1/1-x?sign=abc&t=1';
beforeEach(() => {
  calls.length = 0;
  downloadStatus = 200;
});

it('a photo opens in the image previewer, by its name or else by its storage path', async () => {
  await showFile(URL, '现场照片.JPG');
  expect(calls).toEqual([{ name: 'previewImage', arg: { urls: [URL], current: URL } }]);
  expect(viewerKindOf('照片', 'https://x/evidence/st-1/a%20b.png?sign=1')).toBe('image');
  expect(viewerKindOf('照片', 'https://x/evidence/st-1/%E0%A4%A.png')).toBe('image');
  expect(viewerKindOf('申报书.pdf', 'https://x/a.png')).toBe('image');
  expect(viewerKindOf('申报书.pdf', 'https://x/a.pdf')).toBe('document');
});

it.each([
  ['建站协议（盖章版）.pdf', 'pdf'],
  ['工作总结.docx', 'docx'],
  ['经费预算.xls', 'xls'],
])('%s is downloaded and opened as a %s document', async (name, fileType) => {
  await showFile(URL, name);
  expect(calls.map((c) => c.name)).toEqual(['downloadFile', 'openDocument']);
  expect(calls[0]!.arg).toEqual({ url: URL });
  expect(calls[1]!.arg).toEqual({ filePath: 'wxfile://tmp/doc', fileType, showMenu: true });
});

it('an expired or missing link says so, and nothing is opened', async () => {
  downloadStatus = 403;
  await expect(showFile(URL, 'a.pdf')).rejects.toThrow('文件链接已失效，请重新打开');
  downloadStatus = 500;
  await expect(showFile(URL, 'a.pdf')).rejects.toThrow('文件下载失败，请稍后重试');
  expect(calls.map((c) => c.name)).toEqual(['downloadFile', 'downloadFile']);
});
