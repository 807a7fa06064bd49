import * as cloud from 'wx-server-sdk';
import { volunteerContext } from '../../../server/volunteer/context';
import { cloudMain } from '../../../server/runtime/cloud';

/** Cloud function `volunteer`: routes `{ action: 'volunteer.<verb>', data }` to its context's actions. */
export const main = cloudMain(volunteerContext, cloud);
