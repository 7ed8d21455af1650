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
  /**
   * A short-lived URL to a stored file's bytes (issue 15, finding 8), or null when it is not stored.
   * Cloud: the storage's temporary URL (getTempFileURL, `maxAge`). Local host: a path it serves with an
   * expiring signed token, the bytes sent as `mime`. `expiresAt`: epoch ms.
   */
  tempUrl(input: { fileId: string; name: string; mime: string; ttlMs: number }): Promise<{ url: string; expiresAt: number } | null>;
}
/** WeChat content security (security.msgSecCheck v2) in the cloud; a documented local rule locally. */
export interface ContentCheck {
  check(input: { text: string; openid: string; scene: 1 | 2 | 3 | 4 }): Promise<{ suggest: 'pass' | 'review' | 'risky'; label?: number }>;
}
/** Subscription messages in the cloud (订阅消息); a local outbox locally. */
export interface Notifier {
  send(msg: { personId: string; openid: string | null; templateKey: string; data: Record<string, string>; page?: string }): Promise<{
    sent: boolean;
    detail?: string;
    /** WeChat answered that the user has no subscription left (43101) */
    unsubscribed?: boolean;
  }>;
  /** The deployment's template id for a template key (the app passes it to requestSubscribeMessage); null when none is set. */
  templateId?(key: string): string | null;
}
/**
 * The first-administrator bootstrap (issue 13): the secret code set in the identity function's
 * environment (cloud: BOOTSTRAP_CODE / BOOTSTRAP_CITY in the console; local: the same variables, or a
 * code the host prints), read when asked so a changed setting is seen without a redeploy. Null: none set.
 */
export interface Bootstrap {
  current(): { code: string; city: string } | null;
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
  /** identity.redeemInvite's first-administrator code; absent where no one wired it (tests of other ports) */
  bootstrap?: Bootstrap;
}
