import { applicationsApi, type ExportResult } from '@shared/api/applications';
import { openExportedFile } from '../platform/download';
import { createClient } from './client';

/** The typed client of the `applications` function (same contracts the server validates with). */
export const applicationsClient = createClient('applications', applicationsApi);

/** Open an exported 申报书 or round workbook (see platform/download.ts). */
export const openExport = (r: ExportResult) => openExportedFile(r);

/** A short-lived URL to one of an application's materials (for FileLink; the server decides who may see it). */
export const fileUrl = (fileId: string) => applicationsClient.fileUrl({ fileId });
