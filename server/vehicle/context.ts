/** Registered vehicles: the `vehicle` function and its collection. */
import { defineContext } from '../runtime/context';
import { vehicleActions } from './actions';

export const vehicleContext = defineContext({
  name: 'vehicle',
  actions: vehicleActions,
  collections: {
    /** Registered vehicles; id = `${compoundId}:${plate}`. */
    vehicles: { indexes: [{ fields: ['compoundId', 'plate'] }] },
  },
});
