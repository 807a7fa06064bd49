/** Entry passes: the `pass` function, the passes and their signing keys, the decision template. */
import { defineContext } from '../runtime/context';
import { passActions } from './actions';
import { PASS_JOBS } from './gauge';
import { PASS_TEMPLATES } from './model';

export const passContext = defineContext({
  name: 'pass',
  actions: passActions,
  collections: {
    passes: {
      indexes: [
        { fields: ['compoundId', 'status', 'createdAt'] },
        { fields: ['compoundId', 'createdAt'] },
        { fields: ['compoundId', 'buildingId', 'createdAt'] },
        { fields: ['holder', 'createdAt'] },
        { fields: ['status', 'validUntil'] },
      ],
    },
    /** One live pass per person per compound: id = hash(compound, holder, person). */
    passLocks: { indexes: [] },
    /** Server signing keys for pass credentials (private parts never leave the server). */
    passKeys: { indexes: [] },
  },
  jobs: PASS_JOBS,
  templates: PASS_TEMPLATES,
});
