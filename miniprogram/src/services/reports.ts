import { type ExportFile, reportsApi } from '@shared/api/reports';
import { openExportedFile } from '../platform/download';
import { createClient } from './client';

export const reportsClient = createClient('reports', reportsApi);

/** Open an exported workbook (see platform/download.ts). */
export const openXlsx = (f: ExportFile) => openExportedFile(f, 'xlsx');
