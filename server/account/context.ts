/** Who the caller is, resident registration, handing out roles (directly or by invitation) and the first admin: the `account` function, the users and the audit trail. */
import { defineContext } from '../runtime/context';
import { accountActions } from './actions';
import { inviteActions } from './invite';

export const accountContext = defineContext({
  name: 'account',
  actions: [...accountActions, ...inviteActions],
  collections: {
    /** Users keyed by openid; grants embedded so identity is one read. */
    users: {
      indexes: [{ fields: ['household.buildingId'] }, { fields: ['household.compoundId'] }],
      /** grantKeys: `<role>:<node>`; reach: `<audience>:<node>` for every node a notice reaches the user through (server/notices/audience.ts). */
      multi: ['grantKeys', 'reach'],
    },
    /** Invitations to a role, by `<inviter>:<requestId>`; redeemed by the code's hash. */
    invites: { indexes: [{ fields: ['hash'], unique: true }] },
    /** Audit trail of grants and revocations. */
    audit: { indexes: [{ fields: ['orgId', 'at'] }, { fields: ['actor', 'at'] }] },
  },
});
