import type { FileRef } from '@shared/schemas/common';

/**
 * Contract — choose a photo and store it as evidence for a log entry; null when the person cancels.
 * Both send a re-encoded copy (a canvas redraw; WeChat falls back to its own compression), never the picked file, so no EXIF/XMP (position) leaves the
 * device (issue 11, finding 8). WeChat (evidence.weapp.ts): upload the copy to cloud storage and keep the
 * fileID. Browser (evidence.h5.ts, local host): send it through stations.uploadEvidence. Needs the network in both.
 */
export declare function pickEvidence(stationId: string): Promise<FileRef | null>;
