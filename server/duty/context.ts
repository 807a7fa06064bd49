/**
 * Volunteers on duty: the `duty` function (posts, rotas, sign-up, check-in, coverage, hours),
 * its collections, the timer's no-show check and reminders, the shift reminder template.
 */
import { defineContext } from '../runtime/context';
import { assignActions } from './assign';
import { checkInActions } from './checkin';
import { coverageActions } from './coverage';
import { hoursActions } from './hours';
import { DUTY_JOBS } from './jobs';
import { DUTY_TEMPLATES } from './model';
import { postActions } from './posts';
import { rotaActions } from './rota';

export const dutyContext = defineContext({
  name: 'duty',
  actions: [...postActions, ...rotaActions, ...assignActions, ...checkInActions, ...hoursActions, ...coverageActions],
  collections: {
    /** The seven kinds of post; a gate post is `${gateId}-duty`. */
    posts: { indexes: [{ fields: ['compoundId', 'order'] }, { fields: ['compoundId', 'name'], unique: true }], multi: ['path'] },
    /** Shifts with their crew; id = `${postId}-${YYYYMMDDHHmm}-${minutes}` (a pattern regenerated finds the same ids). */
    shifts: {
      indexes: [{ fields: ['compoundId', 'day', 'start'] }, { fields: ['postId', 'start'] }, { fields: ['day', 'start'] }, { fields: ['watchAt'] }],
      multi: ['path'],
    },
    /** A volunteer's place on a shift, id = `${shiftId}:${openid}`. */
    duties: { indexes: [{ fields: ['openid', 'start'] }, { fields: ['remindAt'] }, { fields: ['end'] }] },
    /** A volunteer's own shifts on one day, id = `${openid}:${day}`: read by id on every sign-up. */
    dutyDays: { indexes: [{ fields: ['day'] }, { fields: ['openid', 'day'] }] },
    /** Minutes served per week: `v:${compoundId}:${openid}:${week}` and `u:${unitId}:${week}`. */
    dutyHours: { indexes: [{ fields: ['openid', 'week'] }, { fields: ['kind', 'week'] }], multi: ['path'] },
  },
  jobs: DUTY_JOBS,
  templates: DUTY_TEMPLATES,
});
