import { useShareAppMessage } from '@tarojs/taro';
import type * as Contract from './share';

export const shareCards: typeof Contract.shareCards = true;
export const useInviteShareCard: typeof Contract.useInviteShareCard = (invite) => {
  useShareAppMessage(() =>
    invite
      ? { title: invite.title, path: `/pages/unbound/index?code=${encodeURIComponent(invite.code)}` }
      : { title: '学会服务站', path: '/pages/index/index' },
  );
};
