import type { ReactElement } from 'react';

/**
 * Contract — the "choose another demo person" control. Only the local host has demo identities
 * (SwitchIdentity.h5.tsx); in WeChat the identity is the platform's and nothing is shown
 * (SwitchIdentity.weapp.tsx).
 */
export declare function SwitchIdentity(props: { label: string; variant: 'link' | 'button' }): ReactElement | null;
