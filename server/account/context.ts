/** Who the caller is, resident registration, and handing out roles: the `account` function, the users and the audit trail. */
import { defineContext } from '../runtime/context';
import { accountActions } from './actions';

export const accountContext = defineContext({
  name: 'account',
  actions: accountActions,
  collections: {
    /** Users keyed by openid; grants embedded so identity is one read. */
    users: {
      indexes: [{ fields: ['household.buildingId'] }, { fields: ['household.compoundId'] }],
      /** grantKeys: `<role>:<node>`; reach: `<audience>:<node>` for every node a notice reaches the user through (server/notices/audience.ts). */
      multi: ['grantKeys', 'reach'],
    },
    /** Audit trail of grants and revocations. */
    audit: { indexes: [{ fields: ['orgId', 'at'] }, { fields: ['actor', 'at'] }] },
  },
});
