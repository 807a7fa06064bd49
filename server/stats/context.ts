/** Dashboards: the `stats` function and the counters every recording action adds to (./model.ts). */
import { defineContext } from '../runtime/context';
import { statsActions } from './dashboard';

export const statsContext = defineContext({
  name: 'stats',
  actions: statsActions,
  collections: {
    /** Per bucket (a street) and day, or `live`: every node's subtree figures; id = `${bucket}:${day}`. Read by id only. */
    stats: { indexes: [] },
  },
});
