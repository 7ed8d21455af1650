import Taro from '@tarojs/taro';
import { MAX_EVIDENCE_BASE64, type MyProgress, stationsApi } from '../../../shared/api/stations';
import { type ChinaDate, chinaDateOf } from '../../../shared/calendar/china-time';
import type { FileRef } from '../../../shared/schemas/common';
import { createClient } from './client';
import { newRequestId } from './request-id';

export const stationsClient = createClient('stations', stationsApi);

// ---------- "today", from the server's clock ----------

const CLOCK_KEY = 'stations.clockOffset';
/** Remember how far the server's clock is from the phone's (the server decides what today is). */
export function rememberServerNow(serverNow: number) {
  Taro.setStorageSync(CLOCK_KEY, serverNow - Date.now());
}
export function serverNow(): number {
  const offset = Number(Taro.getStorageSync(CLOCK_KEY)) || 0;
  return Date.now() + offset;
}
export const todayInChina = (): ChinaDate => chinaDateOf(serverNow());

// ---------- my progress, cached so the home page works offline ----------

const PROGRESS_KEY = 'stations.progress.';
export const progressCache = {
  get(stationId: string): MyProgress | null {
    const v = Taro.getStorageSync(PROGRESS_KEY + stationId);
    return v && typeof v === 'object' ? (v as MyProgress) : null;
  },
  set(p: MyProgress) {
    Taro.setStorageSync(PROGRESS_KEY + p.station.id, p);
  },
};

export async function loadProgress(stationId?: string): Promise<MyProgress> {
  const p = await stationsClient.myProgress(stationId ? { stationId } : {});
  rememberServerNow(p.now);
  progressCache.set(p);
  Taro.setStorageSync('stations.lastStation', p.station.id);
  return p;
}
export const lastStationId = (): string => (Taro.getStorageSync('stations.lastStation') as string) || '';

// ---------- location check-in (with consent, never blocking) ----------

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T | null> =>
  new Promise((resolve) => {
    const t = setTimeout(() => resolve(null), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      () => {
        clearTimeout(t);
        resolve(null);
      },
    );
  });

/**
 * Where the phone is, or null. In WeChat: the privacy flow first (wx.requirePrivacyAuthorize shows
 * the official privacy pop-up when the person has not agreed yet), then getLocation (gcj02, the
 * coordinate system of Chinese maps). In the browser: navigator.geolocation when there is one.
 * Refusal, a missing permission or a slow fix all give null: logging never waits on it for long.
 */
export async function currentLocation(): Promise<{ lat: number; lng: number } | null> {
  if (process.env.TARO_ENV === 'weapp') {
    return withTimeout(
      (async () => {
        // Typed as void by Taro: wrap the callbacks so the location is asked only after consent.
        await new Promise<void>((ok, fail) => Taro.requirePrivacyAuthorize({ success: () => ok(), fail }));
        const res = await Taro.getLocation({ type: 'gcj02' });
        return { lat: res.latitude, lng: res.longitude };
      })(),
      8000,
    );
  }
  const geo = typeof navigator !== 'undefined' ? navigator.geolocation : undefined;
  if (!geo) return null;
  return withTimeout(
    new Promise<{ lat: number; lng: number }>((ok, fail) =>
      geo.getCurrentPosition((p) => ok({ lat: p.coords.latitude, lng: p.coords.longitude }), fail, { timeout: 3000, maximumAge: 300_000 }),
    ),
    3500,
  );
}

// ---------- photo evidence ----------

/** JPEG data URL of `blob`, scaled down until its base64 fits the 90 KB action limit. */
async function compressForH5(blob: Blob): Promise<string> {
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

/**
 * Choose a photo and store it: in WeChat upload to cloud storage and keep the fileID; in the browser
 * (local host) compress and send it through stations.uploadEvidence. Needs the network in both.
 */
export async function pickEvidence(stationId: string): Promise<FileRef | null> {
  if (process.env.TARO_ENV === 'weapp') {
    const chosen = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sizeType: ['compressed'] }).catch(() => null);
    const file = chosen?.tempFiles[0];
    if (!file) return null;
    const name = `${Date.now()}-${(await newRequestId()).slice(1, 9)}.jpg`;
    const up = await Taro.cloud.uploadFile({ cloudPath: `evidence/${stationId}/${name}`, filePath: file.tempFilePath });
    return { fileId: up.fileID, name, size: file.size, mime: 'image/jpeg' };
  }
  const chosen = await Taro.chooseImage({ count: 1 }).catch(() => null);
  const path = chosen?.tempFilePaths[0];
  if (!path) return null;
  const blob = await (await fetch(path)).blob();
  const dataBase64 = await compressForH5(blob);
  return stationsClient.uploadEvidence({
    requestId: await newRequestId(),
    stationId,
    name: `photo-${Date.now()}.jpg`,
    mime: 'image/jpeg',
    dataBase64,
  });
}
