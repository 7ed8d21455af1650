import { type ExportFile, reportsApi } from '../../../shared/api/reports';
import { createClient } from './client';
import { openExportedFile } from './download';

export const reportsClient = createClient('reports', reportsApi);

/** Open an exported workbook (see services/download.ts). */
export const openXlsx = (f: ExportFile) => openExportedFile(f, 'xlsx');

export const gradeClass = (g: string | null) => (g === '优秀' ? 'tag-green' : g === '合格' ? '' : g === '不合格' ? 'tag-red' : '');
export const riskClass = { red: 'tag-red', amber: 'tag-amber', green: 'tag-green' } as const;
export const yuan = (n: number | null, caseByCase: boolean) =>
  caseByCase ? '一事一议' : n === null ? '—' : `${n.toLocaleString('en-US')} 元`;
