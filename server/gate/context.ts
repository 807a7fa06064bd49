/** The gate: the `gate` function, gates, gate events and each compound's gate state. */
import { defineContext } from '../runtime/context';
import { gateActions } from './actions';

export const gateContext = defineContext({
  name: 'gate',
  actions: gateActions,
  collections: {
    /** Per compound: the gate policy (visitors) and the version of what verifier phones cache. */
    compoundGate: { indexes: [] },
    gates: { indexes: [{ fields: ['compoundId', 'order'] }] },
    /** Gate decisions; id = `${gateId}:${client event id}`. */
    gateEvents: {
      indexes: [
        { fields: ['compoundId', 'at'] },
        { fields: ['compoundId', 'day', 'verdict'] },
        { fields: ['gateId', 'at'] },
        { fields: ['compoundId', 'kind', 'at'] },
        /** Manual entries: the secretary's filter, and today's count. */
        { fields: ['compoundId', 'method', 'at'] },
        { fields: ['compoundId', 'day', 'method'] },
        /** The retention purge, oldest first; a person's events found through their passes. */
        { fields: ['at'] },
        { fields: ['passId'] },
      ],
    },
  },
});
