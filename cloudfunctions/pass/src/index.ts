import * as cloud from 'wx-server-sdk';
import { passContext } from '../../../server/pass/context';
import { cloudMain } from '../../../server/runtime/cloud';

/** Cloud function `pass`: routes `{ action: 'pass.<verb>', data }` to its context's actions. */
export const main = cloudMain(passContext, cloud);
