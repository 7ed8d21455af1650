import type { FileRef } from '@shared/schemas/common';

/**
 * Contract — choose a photo and store it as evidence for a log entry; null when the person cancels.
 * WeChat (evidence.weapp.ts): upload to cloud storage and keep the fileID. Browser (evidence.h5.ts,
 * local host): compress and send it through stations.uploadEvidence. Needs the network in both.
 */
export declare function pickEvidence(stationId: string): Promise<FileRef | null>;
