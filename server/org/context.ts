/** The five-level tree: the `org` function and the `orgs` collection. */
import { defineContext } from '../runtime/context';
import { orgActions } from './actions';

export const orgContext = defineContext({
  name: 'org',
  actions: orgActions,
  collections: {
    /** Org tree nodes: district → street → community → compound → building. */
    orgs: {
      indexes: [{ fields: ['parentId', 'order'] }, { fields: ['level', 'order'] }, { fields: ['depth', 'order'] }],
      multi: ['path'],
    },
  },
});
