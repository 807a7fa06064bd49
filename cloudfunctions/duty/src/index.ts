import * as cloud from 'wx-server-sdk';
import { dutyFunction } from '../../../server/duty/functions';
import { cloudMain } from '../../../server/cloud/entry';

/** Cloud function `duty`: routes `{ action: 'duty.<verb>', data }` to the duty actions. */
export const main = cloudMain('duty', dutyFunction, cloud);
