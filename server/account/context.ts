/**
 * Who the caller is, resident registration, handing out roles (directly or by invitation), the first admin, and a
 * person's rights over their data (access log, export, deletion) with the retention purge: the `account` function,
 * the users, the audit trail and the access log.
 */
import { defineContext } from '../runtime/context';
import { accountActions } from './actions';
import { inviteActions } from './invite';
import { privacyActions } from './privacy';
import { RETENTION_JOBS } from './retention';

export const accountContext = defineContext({
  name: 'account',
  actions: [...accountActions, ...inviteActions, ...privacyActions],
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
    audit: { indexes: [{ fields: ['orgId', 'at'] }, { fields: ['actor', 'at'] }, { fields: ['subject', 'at'] }] },
    /** Who was shown whose personal data unmasked: one per request (server/account/access.ts). */
    accessLog: { indexes: [{ fields: ['at'] }, { fields: ['viewer', 'at'] }], multi: ['subjects'] },
    /** Anonymous per-compound, per-day gate counts kept when the events are purged (server/account/retention.ts). */
    dailyCounts: { indexes: [{ fields: ['day'] }], multi: ['path'] },
  },
  /** The retention purge. */
  jobs: RETENTION_JOBS,
});
