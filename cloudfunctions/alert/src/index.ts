import * as cloud from 'wx-server-sdk';
import { alertContext } from '../../../server/alerts/context';
import { cloudMain } from '../../../server/runtime/cloud';

/** Cloud function `alert`: routes `{ action: 'alert.<verb>', data }` to its context's actions. */
export const main = cloudMain(alertContext, cloud);
