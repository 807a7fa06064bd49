/** Daily health: the `health` function, the reports, the building day documents and each compound's cutoff. */
import { defineContext } from '../runtime/context';
import { healthActions } from './actions';
import { HEALTH_TEMPLATES } from './model';

export const healthContext = defineContext({
  name: 'health',
  actions: healthActions,
  collections: {
    /** One per person per day; id = `${personId}:${day}`. */
    healthReports: { indexes: [{ fields: ['householdId', 'day'] }, { fields: ['createdAt'] }, { fields: ['buildingId', 'day'] }] },
    /** One per building per day: who reported, counts; id = `${buildingId}:${day}`; and each building's roster (`${buildingId}:roster`). */
    healthDays: { indexes: [{ fields: ['day'] }], multi: ['path'] },
    /** Per compound: the daily report cutoff. */
    healthSettings: { indexes: [] },
  },
  templates: HEALTH_TEMPLATES,
});
