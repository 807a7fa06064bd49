/** Returnees, close contacts and risky behaviour: the `case` function and its collection. */
import { defineContext } from '../runtime/context';
import { caseActions } from './actions';

export const caseContext = defineContext({
  name: 'case',
  actions: caseActions,
  collections: {
    /** Cases; id = `c` + hash of (reporter, request id). */
    cases: {
      indexes: [
        { fields: ['kind', 'reportedAt'] },
        { fields: ['state', 'reportedAt'] },
        { fields: ['reporter', 'reportedAt'] },
        { fields: ['observing', 'reportedAt'] },
        /** The retention purge: closed cases, oldest close first. */
        { fields: ['state', 'closedAt'] },
      ],
      multi: ['path'],
    },
  },
});
