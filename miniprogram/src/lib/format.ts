/** How numbers, grades and file facts read on screen (pure; no platform, no network). */

export const formatSize = (bytes: number) =>
  bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export const mimeLabel = (mime: string) =>
  (
    ({
      'application/pdf': 'PDF',
      'image/jpeg': 'JPG 图片',
      'image/png': 'PNG 图片',
      'application/msword': 'Word',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
      'application/vnd.ms-excel': 'Excel',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
    }) as Record<string, string>
  )[mime] ?? mime;

export const gradeClass = (g: string | null) => (g === '优秀' ? 'tag-green' : g === '合格' ? '' : g === '不合格' ? 'tag-red' : '');
export const riskClass = { red: 'tag-red', amber: 'tag-amber', green: 'tag-green' } as const;
export const yuan = (n: number | null, caseByCase: boolean) =>
  caseByCase ? '一事一议' : n === null ? '—' : `${n.toLocaleString('en-US')} 元`;

/**
 * A number as people read it: at most `digits` decimals, trailing zeros dropped
 * (6.666666666666667 → "6.67", 87.30 → "87.3", 5 → "5"). Every score and day figure on screen goes through it.
 */
export function num(x: number, digits = 2): string {
  if (!Number.isFinite(x)) return '—';
  const f = 10 ** digits;
  const r = Math.round(x * f) / f;
  return String(Object.is(r, -0) ? 0 : r);
}

/** A distance in metres as people read it: "850 米", "1.3 公里", "1313 公里". */
export function distanceText(m: number): string {
  if (!Number.isFinite(m) || m < 0) return '—';
  if (m < 1000) return `${Math.round(m)} 米`;
  if (m < 10_000) return `${num(m / 1000, 1)} 公里`;
  return `${Math.round(m / 1000)} 公里`;
}
