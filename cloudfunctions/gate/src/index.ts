import * as cloud from 'wx-server-sdk';
import { gateContext } from '../../../server/gate/context';
import { cloudMain } from '../../../server/runtime/cloud';

/** Cloud function `gate`: routes `{ action: 'gate.<verb>', data }` to its context's actions. */
export const main = cloudMain(gateContext, cloud);
