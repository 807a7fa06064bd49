/** Volunteers: the `volunteer` function (apply, review) and the volunteer profiles. */
import { defineContext } from '../runtime/context';
import { volunteerActions } from './actions';

export const volunteerContext = defineContext({
  name: 'volunteer',
  actions: volunteerActions,
  collections: {
    /** Volunteer profiles, id = `${compoundId}:${openid}`. */
    volunteers: { indexes: [{ fields: ['compoundId', 'status', 'appliedAt'] }, { fields: ['openid', 'appliedAt'] }, { fields: ['unitId'] }] },
  },
});
