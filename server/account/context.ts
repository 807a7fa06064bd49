/** Who the caller is, resident registration, handing out roles and the first admin: the `account` function, the users and the audit trail. */
import { defineContext } from '../runtime/context';
import { accountActions } from './actions';
import { claimActions } from './claim';

export const accountContext = defineContext({
  name: 'account',
  actions: [...accountActions, ...claimActions],
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
