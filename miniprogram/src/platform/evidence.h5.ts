import { MAX_EVIDENCE_BASE64 } from '@shared/api/stations';
import Taro from '@tarojs/taro';
import { stationsClient } from '../services/stations';
import type * as Contract from './evidence';
import { newRequestId } from './request-id';

/**
 * JPEG data URL of `blob`, scaled down until its base64 fits the 90 KB action limit. A canvas redraw: only
 * pixels are kept, so no EXIF/XMP (position) is sent (issue 11, finding 8), and the browser has already
 * turned the <img> upright by its EXIF orientation (CSS image-orientation: from-image, the default).
 */
async function compress(blob: Blob): Promise<string> {
  const url = URL.createObjectURL(blob);
  try {
    const img = await new Promise<HTMLImageElement>((ok, fail) => {
      const i = new Image();
      i.onload = () => ok(i);
      i.onerror = () => fail(new Error('无法读取图片'));
      i.src = url;
    });
    const canvas = document.createElement('canvas');
    for (const [side, quality] of [
      [1280, 0.7],
      [1024, 0.6],
      [800, 0.55],
      [640, 0.5],
      [480, 0.45],
    ] as const) {
      const scale = Math.min(1, side / Math.max(img.width, img.height));
      canvas.width = Math.round(img.width * scale);
      canvas.height = Math.round(img.height * scale);
      canvas.getContext('2d')?.drawImage(img, 0, 0, canvas.width, canvas.height);
      const data = canvas.toDataURL('image/jpeg', quality).split(',')[1] ?? '';
      if (data.length <= MAX_EVIDENCE_BASE64) return data;
    }
    throw new Error('图片过大，请换一张较小的照片');
  } finally {
    URL.revokeObjectURL(url);
  }
}

export const pickEvidence: typeof Contract.pickEvidence = async (stationId) => {
  const chosen = await Taro.chooseImage({ count: 1 }).catch(() => null);
  const path = chosen?.tempFilePaths[0];
  if (!path) return null;
  const blob = await (await fetch(path)).blob();
  const dataBase64 = await compress(blob);
  return stationsClient.uploadEvidence({
    requestId: await newRequestId(),
    stationId,
    name: `photo-${Date.now()}.jpg`,
    mime: 'image/jpeg',
    dataBase64,
  });
};
