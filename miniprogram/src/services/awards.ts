import type { ExportResult } from '@shared/api/applications';
import { awardsApi } from '@shared/api/awards';
import { openExportedFile } from '../platform/download';
import { createClient } from './client';

/**
 * The awards function (issue 14): the award file, task agreement, budget (helper AWARD); checks, money
 * and consequences add their calls here (one client for the whole function).
 */
export const awardsClient = createClient('awards', awardsApi);

/** A short-lived link to a post-award file (check material, voucher, receipt, change-request attachment), for FileLink. */
export const awardFileUrl = (fileId: string) => awardsClient.fileUrl({ fileId });

/** Open the task agreement .docx (platform/download.ts). */
export const openAgreementDocx = (r: ExportResult) => openExportedFile(r, 'docx');
