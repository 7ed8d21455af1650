import type * as Contract from './session';

// WeChat: the identity is the platform's OPENID; there is no local identity to keep or switch.
export const localSession: typeof Contract.localSession = {
  get: () => '',
  set: () => {},
  clear: () => {},
};
export const signInFirst: typeof Contract.signInFirst = async () => false;
export const switchIdentity: typeof Contract.switchIdentity = () => {};
