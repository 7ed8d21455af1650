import type * as Contract from './SwitchIdentity';

export const SwitchIdentity: typeof Contract.SwitchIdentity = () => null;
