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
