import * as cloud from 'wx-server-sdk';
import { whistleContext } from '../../../server/whistle/context';
import { cloudMain } from '../../../server/runtime/cloud';

/** Cloud function `whistle`: routes `{ action: 'whistle.<verb>', data }` to its context's actions. */
export const main = cloudMain(whistleContext, cloud);
