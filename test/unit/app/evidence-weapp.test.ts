/**
 * The WeChat evidence picker (miniprogram/src/platform/evidence.weapp.ts, issue 11 finding 8) uploads a
 * re-encoded copy of the photo — never the camera's file, which carries EXIF (the position): redrawn on an
 * offscreen canvas, else WeChat's compression, else the person is told and nothing is uploaded.
 * WeChat is replaced by a recording fake.
 */
const calls: { name: string; arg: unknown }[] = [];
const drawn: { transform?: number[]; draw?: unknown[] } = {};
const fake = {
  canvasFails: false,
  compressFails: false,
  compressReturnsOriginal: false,
  orientation: 'right',
};
const ORIGINAL = 'wxfile://tmp/camera.jpg';

jest.mock('@tarojs/taro', () => {
  const record = (name: string, arg: unknown) => calls.push({ name, arg });
  const Taro = {
    chooseMedia: async (arg: unknown) => {
      record('chooseMedia', arg);
      return { tempFiles: [{ tempFilePath: ORIGINAL, size: 3_000_000 }] };
    },
    getImageInfo: async ({ src }: { src: string }) => {
      record('getImageInfo', src);
      return { width: 4000, height: 3000, orientation: fake.orientation, type: src.endsWith('.png') ? 'png' : 'jpeg' };
    },
    createOffscreenCanvas: (arg: unknown) => {
      record('createOffscreenCanvas', arg);
      const image: Record<string, unknown> = { width: 4000, height: 3000 };
      Object.defineProperty(image, 'src', {
        set: (v: string) => {
          record('image.src', v);
          setTimeout(() => (image.onload as () => void)(), 0);
        },
      });
      return {
        width: 1,
        height: 1,
        createImage: () => image,
        getContext: () => ({
          setTransform: (...t: number[]) => (drawn.transform = t),
          drawImage: (...d: unknown[]) => (drawn.draw = d),
        }),
      };
    },
    canvasToTempFilePath: async (arg: unknown) => {
      record('canvasToTempFilePath', arg);
      if (fake.canvasFails) throw new Error('canvasToTempFilePath:fail');
      return { tempFilePath: 'wxfile://tmp/redrawn.jpg' };
    },
    compressImage: async (arg: { src: string }) => {
      record('compressImage', arg);
      if (fake.compressFails) throw new Error('compressImage:fail');
      return { tempFilePath: fake.compressReturnsOriginal ? arg.src : 'wxfile://tmp/compressed.jpg' };
    },
    getFileSystemManager: () => ({
      getFileInfo: ({ filePath, success }: { filePath: string; success: (r: { size: number }) => void }) =>
        success({ size: filePath.length * 1000 }),
    }),
    showLoading: () => undefined,
    hideLoading: () => undefined,
    cloud: {
      uploadFile: async (arg: { cloudPath: string }) => {
        record('uploadFile', arg);
        return { fileID: `cloud://env/${arg.cloudPath}` };
      },
    },
  };
  return { __esModule: true, default: Taro };
});
jest.mock('../../../miniprogram/src/platform/request-id', () => ({ newRequestId: async () => 'r0123456789abcdef' }));

import { PHOTO_NOT_PREPARED, pickEvidence } from '../../../miniprogram/src/platform/evidence.weapp';

const uploads = () => calls.filter((c) => c.name === 'uploadFile').map((c) => (c.arg as { filePath: string }).filePath);

beforeEach(() => {
  calls.length = 0;
  delete drawn.transform;
  delete drawn.draw;
  Object.assign(fake, { canvasFails: false, compressFails: false, compressReturnsOriginal: false, orientation: 'right' });
});

describe('pickEvidence (WeChat)', () => {
  it('uploads the redrawn copy, turned upright and scaled, with its own size', async () => {
    const ref = await pickEvidence('st1');
    expect(uploads()).toEqual(['wxfile://tmp/redrawn.jpg']);
    const exported = calls.find((c) => c.name === 'canvasToTempFilePath')!.arg as Record<string, unknown>;
    expect(exported).toMatchObject({ fileType: 'jpg', quality: 0.85, width: 1200, height: 1600, destWidth: 1200, destHeight: 1600 });
    expect(drawn.transform).toEqual([0, 1, -1, 0, 1200, 0]); // "right": a portrait photo stored landscape
    expect(drawn.draw?.slice(1)).toEqual([0, 0, 1600, 1200]);
    expect(ref).toMatchObject({ mime: 'image/jpeg', size: 'wxfile://tmp/redrawn.jpg'.length * 1000 });
    expect(ref?.fileId).toMatch(/^cloud:\/\/env\/evidence\/st1\/\d+-01234567\.jpg$/);
  });

  it("falls back to WeChat's compression when the canvas cannot export", async () => {
    fake.canvasFails = true;
    const ref = await pickEvidence('st1');
    expect(uploads()).toEqual(['wxfile://tmp/compressed.jpg']);
    expect(ref?.size).toBe('wxfile://tmp/compressed.jpg'.length * 1000);
  });

  it('never uploads the original: both steps failing, or handing it back, tells the person', async () => {
    fake.canvasFails = true;
    fake.compressFails = true;
    await expect(pickEvidence('st1')).rejects.toThrow(PHOTO_NOT_PREPARED);
    fake.compressFails = false;
    fake.compressReturnsOriginal = true;
    await expect(pickEvidence('st1')).rejects.toThrow(PHOTO_NOT_PREPARED);
    expect(uploads()).toEqual([]);
    expect(PHOTO_NOT_PREPARED).toMatch(/[\u4e00-\u9fff]/);
  });
});
