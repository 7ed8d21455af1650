import { type MyProgress, stationsApi } from '@shared/api/stations';
import { type ChinaDate, chinaDateOf } from '@shared/calendar/china-time';
import Taro from '@tarojs/taro';
import { createClient } from './client';

export const stationsClient = createClient('stations', stationsApi);

/** A short-lived URL to an evidence photo (for FileLink; its author, the host contact and overseeing staff). */
export const fileUrl = (fileId: string) => stationsClient.fileUrl({ fileId });

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
