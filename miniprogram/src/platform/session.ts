/**
 * Contract — who the caller is, as far as the app must know. In WeChat (session.weapp.ts) the platform
 * supplies the OPENID to every call: nothing to keep, no sign-in page. On the local host (session.h5.ts)
 * the demo person chosen on pages/signin is kept in storage and sent with each call.
 */
export declare const localSession: {
  get(): string;
  set(openid: string): void;
  clear(): void;
};
/** When the person must choose a demo identity first (local host, none chosen yet): open the sign-in page and say true. */
export declare function signInFirst(): Promise<boolean>;
/** Leave the current demo identity and choose another (local host only; a no-op in WeChat). */
export declare function switchIdentity(): void;
