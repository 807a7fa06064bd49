/** Ledger exports (台账导出): the `export` function, the export records and the purge of expired files. */
import { defineContext } from '../runtime/context';
import { exportActions } from './actions';
import { EXPORT_JOBS } from './jobs';

export const exportContext = defineContext({
  name: 'export',
  actions: exportActions,
  collections: {
    /** One per export (the audit: who, what, when, rows); id = `x` + hash of (maker, request id). */
    exports: { indexes: [{ fields: ['openid', 'createdAt'] }, { fields: ['expiresAt'] }, { fields: ['orgId', 'createdAt'] }] },
  },
  jobs: EXPORT_JOBS,
});
