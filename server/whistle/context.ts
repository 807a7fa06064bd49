/** 社区吹哨·部门报到: the `whistle` function, its requests, unit contacts and counters. */
import { defineContext } from '../runtime/context';
import { whistleActions } from './actions';
import { WHISTLE_JOBS } from './jobs';

export const whistleContext = defineContext({
  name: 'whistle',
  actions: whistleActions,
  collections: {
    /** Requests; id = `w` + hash of raiser and request id. */
    whistles: { indexes: [{ fields: ['createdAt'] }, { fields: ['status', 'createdAt'] }, { fields: ['watchAt'] }], multi: ['lineage', 'unitIds'] },
    /** Contacts of units; id = `${unitId}:${openid}`. */
    unitContacts: { indexes: [{ fields: ['openid', 'joinedAt'] }, { fields: ['unitId'] }] },
    /** Codes binding a contact; id = `<inviter>:<requestId>`. */
    unitInvites: { indexes: [{ fields: ['hash'], unique: true }] },
    /** Per unit: asked, claimed, closed, minutes to claim. */
    whistleStats: { indexes: [] },
  },
  jobs: WHISTLE_JOBS,
});
