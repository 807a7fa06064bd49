/** Notices down the chain: the `notice` function, notices and their receipts, the timer's pushes and reminders. */
import { defineContext } from '../runtime/context';
import { noticeActions } from './actions';
import { NOTICE_JOBS } from './jobs';
import { NOTICE_TEMPLATES } from './model';

export const noticeContext = defineContext({
  name: 'notice',
  actions: noticeActions,
  collections: {
    /** One document per notice, whatever the size of its audience. */
    notices: {
      indexes: [{ fields: ['scopeOrgId', 'publishedAt'] }, { fields: ['push', 'publishedAt'] }, { fields: ['remindAt'] }],
      multi: ['scopeChain'],
    },
    /** Read/ack receipts per notice and compound, with their tallies. */
    noticeReads: { indexes: [{ fields: ['noticeId'] }], multi: ['path'] },
  },
  jobs: NOTICE_JOBS,
  templates: NOTICE_TEMPLATES,
});
