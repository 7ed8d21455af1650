import { identityApi } from '../../shared/api/identity';
import { subscriberRoles } from '../../shared/notify/templates';
import { roles } from '../../shared/schemas/org';
import { createFunction } from '../_kernel/router';
import { listBindings, revokeBinding } from './actions/bindings';
import { createInvites, exportInvites } from './actions/bulk-invites';
import { createInvite, redeemInvite } from './actions/invites';
import { me } from './actions/me';
import { reportProblem } from './actions/problems';
import { recordSubscriptions, subscriptions } from './actions/subscriptions';

/** identity: who am I, invites, bindings, subscription-message quotas. */
export const identity = createFunction('identity', identityApi, {
  me: { access: 'authenticated', handler: me },
  redeemInvite: { access: 'authenticated', handler: redeemInvite },
  createInvite: { access: ['countyStaff', 'cityStaff'], handler: createInvite },
  // bulk invites for imported people (issue 13): one code each, for the role the register gives them
  createInvites: { access: ['countyStaff', 'cityStaff'], handler: createInvites },
  exportInvites: { access: ['countyStaff', 'cityStaff'], handler: exportInvites },
  listBindings: { access: ['countyStaff', 'cityStaff'], handler: listBindings },
  revokeBinding: { access: ['countyStaff', 'cityStaff'], handler: revokeBinding },
  // every bound role may receive reminders (the handler offers each role its own templates)
  subscriptions: { access: roles, handler: subscriptions },
  recordSubscriptions: { access: subscriberRoles, handler: recordSubscriptions },
  // anyone the platform identified may report (a failing call may be the very one that would bind them)
  reportProblem: { access: 'authenticated', handler: reportProblem },
});
