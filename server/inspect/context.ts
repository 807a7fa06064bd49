/** 督促-整改-督促: the `inspect` function, the district's checklist, findings and their counters. */
import { defineContext } from '../runtime/context';
import { inspectActions } from './actions';
import { INSPECT_JOBS } from './jobs';

export const inspectContext = defineContext({
  name: 'inspect',
  actions: inspectActions,
  collections: {
    /** One per district: its categories and items; id = the district. */
    inspectChecklists: { indexes: [] },
    /** Findings; id = `f` + hash of recorder and request id. */
    findings: { indexes: [{ fields: ['createdAt'] }, { fields: ['status', 'createdAt'] }, { fields: ['watchAt'] }], multi: ['lineage'] },
    /** Per node: findings at or under it by item × status; id = the node. */
    inspectCounts: { indexes: [{ fields: ['parentId'] }] },
  },
  jobs: INSPECT_JOBS,
});
