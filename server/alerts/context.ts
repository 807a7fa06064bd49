/** Alerts up the chain: the `alert` function, the alerts, their escalation by the timer. */
import { defineContext } from '../runtime/context';
import { alertActions } from './actions';
import { ALERT_JOBS } from './escalate';
import { ALERT_TEMPLATES } from './model';

export const alertContext = defineContext({
  name: 'alert',
  actions: alertActions,
  collections: {
    /** Alerts raised for someone to act on; id = the raiser's key. */
    alerts: {
      indexes: [{ fields: ['orgId', 'status', 'createdAt'] }, { fields: ['status', 'ackDeadline'] }, { fields: ['kind', 'createdAt'] }],
      multi: ['path'],
    },
  },
  jobs: ALERT_JOBS,
  templates: ALERT_TEMPLATES,
});
