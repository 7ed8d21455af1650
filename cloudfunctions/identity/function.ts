import { identityApi } from '../../shared/api/identity';
import { createFunction } from '../_kernel/router';
import { listBindings, revokeBinding } from './actions/bindings';
import { createInvite, redeemInvite } from './actions/invites';
import { me } from './actions/me';

/** identity: who am I, invites, bindings. */
export const identity = createFunction('identity', identityApi, {
  me: { access: 'authenticated', handler: me },
  redeemInvite: { access: 'authenticated', handler: redeemInvite },
  createInvite: { access: ['countyStaff', 'cityStaff'], handler: createInvite },
  listBindings: { access: ['countyStaff', 'cityStaff'], handler: listBindings },
  revokeBinding: { access: ['countyStaff', 'cityStaff'], handler: revokeBinding },
});
