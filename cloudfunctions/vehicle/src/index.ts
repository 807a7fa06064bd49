import * as cloud from 'wx-server-sdk';
import { cloudMain } from '../../../server/cloud/entry';

/** Cloud function `vehicle`: routes `{ action: 'vehicle.<verb>', data }` to the vehicle actions. */
export const main = cloudMain('vehicle', cloud);
