import * as cloud from 'wx-server-sdk';
import { vehicleContext } from '../../../server/vehicle/context';
import { cloudMain } from '../../../server/runtime/cloud';

/** Cloud function `vehicle`: routes `{ action: 'vehicle.<verb>', data }` to its context's actions. */
export const main = cloudMain(vehicleContext, cloud);
