import type * as Contract from './share';

// The browser (local host) has no WeChat share card: the code is copied instead.
export const shareCards: typeof Contract.shareCards = false;
export const useInviteShareCard: typeof Contract.useInviteShareCard = () => {};
