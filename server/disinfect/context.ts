/**
 * Disinfection of public areas: the `disinfect` function (areas, today's list, logging with
 * photos, logs, compliance), its collections and the timer's missed-window check.
 */
import { defineContext } from '../runtime/context';
import { areaActions } from './areas';
import { complianceActions } from './compliance';
import { DISINFECT_JOBS } from './jobs';
import { logActions } from './log';

export const disinfectContext = defineContext({
  name: 'disinfect',
  actions: [...areaActions, ...logActions, ...complianceActions],
  collections: {
    /** A compound's public areas; `checkAt`: the next window end the timer looks at. */
    disinfectAreas: {
      indexes: [{ fields: ['compoundId', 'order'] }, { fields: ['compoundId', 'name'], unique: true }, { fields: ['checkAt'] }],
      multi: ['path'],
    },
    /** One per disinfection, id = `${openid}:${requestId}`. */
    disinfectLogs: {
      indexes: [{ fields: ['compoundId', 'day', 'doneAt'] }, { fields: ['openid', 'doneAt'] }, { fields: ['doneAt'] }],
    },
    /** Times each area was done, per compound and day: id = `${compoundId}:${day}`. */
    disinfectDays: { indexes: [{ fields: ['compoundId', 'day'] }, { fields: ['day'] }], multi: ['path'] },
  },
  jobs: DISINFECT_JOBS,
});
