/** Dashboards: the `stats` function and the counters every recording action adds to (./model.ts). */
import { defineContext } from '../runtime/context';
import { statsActions } from './dashboard';
import { STATS_JOBS } from './fold';

export const statsContext = defineContext({
  name: 'stats',
  actions: statsActions,
  jobs: STATS_JOBS,
  collections: {
    /** Per bucket (a street) and day, or `live`: every node's subtree figures; id = `${bucket}:${day}`. Read by id only. */
    stats: { indexes: [] },
  },
});
