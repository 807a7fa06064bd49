import * as cloud from 'wx-server-sdk';
import { disinfectContext } from '../../../server/disinfect/context';
import { cloudMain } from '../../../server/runtime/cloud';

/** Cloud function `disinfect`: routes `{ action: 'disinfect.<verb>', data }` to its context's actions. */
export const main = cloudMain(disinfectContext, cloud);
