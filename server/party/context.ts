/** The party organisation volunteers belong to: the `party` function and its units. */
import { defineContext } from '../runtime/context';
import { partyActions } from './actions';

export const partyContext = defineContext({
  name: 'party',
  actions: partyActions,
  collections: {
    /** 临时党支部, 楼栋党小组, 党员责任区 under a compound; agencies reporting in from a street or the district. */
    partyUnits: { indexes: [{ fields: ['orgId', 'kind', 'name'], unique: true }, { fields: ['kind', 'orgId'] }] },
  },
});
