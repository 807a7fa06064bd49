import * as cloud from 'wx-server-sdk';
import { vehicleFunction } from '../../../server/vehicle/actions';
import { cloudMain } from '../../../server/cloud/entry';

/** Cloud function `vehicle`: routes `{ action: 'vehicle.<verb>', data }` to the vehicle actions. */
export const main = cloudMain('vehicle', vehicleFunction, cloud);
