import type * as Contract from './network';

export const onReconnect: typeof Contract.onReconnect = (retry) => {
  window.addEventListener('online', retry);
};
