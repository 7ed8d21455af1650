import { z } from 'zod';

/**
 * Viewing a stored file (issue 15, finding 8): `applications.fileUrl` (an application's materials) and
 * `stations.fileUrl` (evidence photos) take the fileId the views already carry; the server finds what
 * the file belongs to from its stored record (collection `files`), never from the request.
 */
export const fileUrlInput = z.object({ fileId: z.string().trim().min(1).max(512) });

/** A short-lived URL to the file's bytes and when it stops working (epoch ms): fetch a new one after. */
export interface FileUrl {
  url: string;
  expiresAt: number;
}
