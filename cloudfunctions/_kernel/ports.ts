import type { FileRef } from '../../shared/schemas/common';
import type { Store } from './store';

/** Time comes from a port so tests and the local host can move it (publicity, quarters). */
export interface Clock {
  now(): number;
}
/** Cloud storage in the cloud; a local folder in the local host. */
export interface Files {
  /** `folder`: the storage folder (`applications/<id>`, `evidence/<stationId>`), part of the fileId's path */
  put(input: { name: string; mime: string; bytes: Uint8Array; ownerOpenid: string; folder?: string }): Promise<FileRef>;
  /** bytes of a stored file, or null */
  read(fileId: string): Promise<Uint8Array | null>;
  exists(fileId: string): Promise<boolean>;
}
/** WeChat content security (security.msgSecCheck v2) in the cloud; a documented local rule locally. */
export interface ContentCheck {
  check(input: { text: string; openid: string; scene: 1 | 2 | 3 | 4 }): Promise<{ suggest: 'pass' | 'review' | 'risky'; label?: number }>;
}
/** Subscription messages in the cloud (订阅消息); a local outbox locally. */
export interface Notifier {
  send(msg: {
    personId: string;
    openid: string | null;
    templateKey: string;
    data: Record<string, string>;
    page?: string;
  }): Promise<{ sent: boolean; detail?: string }>;
}
export interface Logger {
  error(msg: string, meta?: unknown): void;
  info(msg: string, meta?: unknown): void;
}

/** Everything a handler may touch. Wired in exactly two places: the cloud index.ts files and the local host. */
export interface Deps {
  store: Store;
  clock: Clock;
  files: Files;
  contentCheck: ContentCheck;
  notifier: Notifier;
  log: Logger;
}
