/** Returnees, close contacts and risky behaviour: the `case` function, its collection and the home-observation daily check. */
import { defineContext } from '../runtime/context';
import { caseActions } from './actions';
import { CASE_JOBS } from './jobs';

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
  jobs: CASE_JOBS,
});
