/**
 * Contract — sending an invite code to the person it is for. WeChat (share.weapp.ts): the page's share
 * card (onShareAppMessage), opened from a button with open-type="share", lands the recipient on the
 * invite page with the code filled in. Browser (share.h5.ts, local host): no share card; the page shows
 * the large code and its 复制 button only.
 */
export declare const shareCards: boolean;
/** Register the page's share card for this invite (null: the page's default card). Call once per render, as a hook. */
export declare function useInviteShareCard(invite: { code: string; title: string } | null): void;
