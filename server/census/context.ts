/** The census (摸底): the `census` function, households, their change trail and the counters summaries read. */
import { defineContext } from '../runtime/context';
import { censusActions } from './actions';

export const censusContext = defineContext({
  name: 'census',
  actions: censusActions,
  collections: {
    /** One per room of a building; id = `${buildingId}:${unit}-${room}`. */
    households: { indexes: [{ fields: ['buildingId', 'unit', 'room'] }] },
    /** Every change to a household (who, when, what); id = `${householdId}:${at}:${seq}`. */
    censusChanges: { indexes: [{ fields: ['householdId', 'at'] }, { fields: ['by', 'at'] }] },
    /** Per org node: its subtree's census totals, kept on write; a building's room roster. */
    censusCounts: { indexes: [] },
  },
});
