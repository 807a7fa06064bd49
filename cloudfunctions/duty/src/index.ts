import * as cloud from 'wx-server-sdk';
import { dutyContext } from '../../../server/duty/context';
import { cloudMain } from '../../../server/runtime/cloud';

/** Cloud function `duty`: routes `{ action: 'duty.<verb>', data }` to its context's actions. */
export const main = cloudMain(dutyContext, cloud);
