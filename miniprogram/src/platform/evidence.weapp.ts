import Taro from '@tarojs/taro';
import { type PhotoOrientation, photoDrawPlan } from '../lib/photo-plan';
import { withTimeout } from '../lib/with-timeout';
import type * as Contract from './evidence';
import { newRequestId } from './request-id';

/** The 2d context calls used here (Taro types an offscreen canvas' context as an empty interface). */
interface Context2d {
  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void;
  drawImage(image: unknown, x: number, y: number, width: number, height: number): void;
}

interface Prepared {
  path: string;
  size: number;
  mime: 'image/jpeg' | 'image/png';
}

/** Told when neither the redraw nor WeChat's compression gave a copy: the original is never uploaded. */
export const PHOTO_NOT_PREPARED = '照片处理失败，未上传。请重新选择照片，或换一张照片再试';

const fileSize = (filePath: string) =>
  new Promise<number>((ok, fail) => Taro.getFileSystemManager().getFileInfo({ filePath, success: (r) => ok(r.size), fail }));

/**
 * A JPEG copy of the photo at `path`, drawn upright on an offscreen 2d canvas and exported: only pixels
 * are carried over, so no EXIF/XMP (where and when it was taken, the camera) survives.
 */
async function redraw(path: string): Promise<Omit<Prepared, 'size'>> {
  const info = await Taro.getImageInfo({ src: path });
  const canvas = Taro.createOffscreenCanvas({ type: '2d', width: 1, height: 1 });
  const image = canvas.createImage();
  const loaded = await withTimeout(
    new Promise<true>((ok, fail) => {
      image.onload = () => ok(true);
      image.onerror = fail;
      image.src = path;
    }),
    20_000,
  );
  if (!loaded) throw new Error('photo not loaded');
  const plan = photoDrawPlan(info, info.orientation as PhotoOrientation | undefined, { width: image.width, height: image.height });
  canvas.width = plan.width;
  canvas.height = plan.height;
  const ctx = canvas.getContext('2d') as unknown as Context2d;
  ctx.setTransform(...plan.transform);
  ctx.drawImage(image, 0, 0, plan.drawWidth, plan.drawHeight);
  // dest size given: its default is the size times the screen's pixel ratio
  const out = await Taro.canvasToTempFilePath({
    canvas: canvas as unknown as Taro.Canvas,
    x: 0,
    y: 0,
    width: plan.width,
    height: plan.height,
    destWidth: plan.width,
    destHeight: plan.height,
    fileType: 'jpg',
    quality: 0.85,
  });
  return { path: out.tempFilePath, mime: 'image/jpeg' };
}

/** WeChat's own re-encoding, for a phone where the offscreen canvas cannot export (older base libraries). */
async function compress(path: string): Promise<Omit<Prepared, 'size'>> {
  const out = await Taro.compressImage({ src: path, quality: 80 });
  // a PNG (a screenshot) stays a PNG: its declared type must match its bytes on the server
  const info = await Taro.getImageInfo({ src: out.tempFilePath });
  return { path: out.tempFilePath, mime: info.type === 'png' ? 'image/png' : 'image/jpeg' };
}

/**
 * A re-encoded copy of the picked photo with its size (the server compares the stored size with the
 * reference), or null. A step that hands back the original path counts as failed. The server still
 * checks: a copy that kept a position is refused when the entry is saved (shared/rules/photo-location.ts).
 */
async function prepare(path: string): Promise<Prepared | null> {
  for (const step of [redraw, compress]) {
    try {
      const out = await step(path);
      if (out.path && out.path !== path) return { ...out, size: await fileSize(out.path) };
    } catch {
      // next step
    }
  }
  return null;
}

export const pickEvidence: typeof Contract.pickEvidence = async (stationId) => {
  const chosen = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sizeType: ['compressed'] }).catch(() => null);
  const file = chosen?.tempFiles[0];
  if (!file) return null;
  Taro.showLoading({ title: '正在处理照片', mask: true });
  const ready = await prepare(file.tempFilePath).finally(() => Taro.hideLoading());
  if (!ready) throw new Error(PHOTO_NOT_PREPARED);
  const name = `${Date.now()}-${(await newRequestId()).slice(1, 9)}.${ready.mime === 'image/png' ? 'png' : 'jpg'}`;
  const up = await Taro.cloud.uploadFile({ cloudPath: `evidence/${stationId}/${name}`, filePath: ready.path });
  return { fileId: up.fileID, name, size: ready.size, mime: ready.mime };
};
