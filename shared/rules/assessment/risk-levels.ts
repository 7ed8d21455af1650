import type { Station } from '../../schemas/org';

/** The dashboard's risk levels and a station's standings (their Chinese names): data both sides read. */

/** red: something is already missed or can no longer be met; amber: behind the honest pace; green: on track (or new). */
export const risks = ['red', 'amber', 'green'] as const;
export type Risk = (typeof risks)[number];
/** Most serious first (the dashboard's sort order). */
export const riskRank: Record<Risk, number> = { red: 0, amber: 1, green: 2 };

/** A station's standing and its Chinese name (正常 / 整改中 / 待摘牌 / 已摘牌). */
export const stationStatusLabels = {
  active: '正常',
  rectifying: '整改中',
  delisting: '待摘牌',
  delisted: '已摘牌',
  closed: '已撤销',
} as const satisfies Record<Station['status'], string>;
export type StationStatus = keyof typeof stationStatusLabels;
